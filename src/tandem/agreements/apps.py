from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "tandem.agreements"
    label = "agreements"
    verbose_name = "Agreement"

    def ready(self) -> None:
        from tandem.agreements.overview import figures, review_panel
        from tandem.areas import OverviewPanel, register, register_panel

        register("agreement", figures=figures, tile_template="agreements/tile.html")
        register_panel(
            OverviewPanel("agreement-review", "agreements/overview_review.html", review_panel)
        )
