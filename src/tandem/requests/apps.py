from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "tandem.requests"
    label = "requests"
    verbose_name = "Requests"

    def ready(self) -> None:
        from tandem.areas import OverviewPanel, register, register_panel
        from tandem.requests.overview import figures, waiting_panel

        register("requests", figures=figures, tile_template="requests/tile.html")
        # Stale requests lead the overview: they are what most needs a word.
        register_panel(
            OverviewPanel(
                "requests-waiting", "requests/overview_waiting.html", waiting_panel, lead=True
            )
        )
