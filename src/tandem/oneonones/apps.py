from django.apps import AppConfig


class OneOnOnesConfig(AppConfig):
    name = "tandem.oneonones"
    label = "oneonones"
    verbose_name = "One-on-ones"

    def ready(self) -> None:
        from tandem.areas import OverviewPanel, register, register_busy_time, register_panel
        from tandem.oneonones.overview import figures, next_meeting_panel
        from tandem.oneonones.privacy import one_on_one_busy_time

        register("one-on-ones", figures=figures, tile_template="oneonones/tile.html")
        register_panel(
            OverviewPanel("one-on-ones-next", "oneonones/overview_next.html", next_meeting_panel)
        )
        # A one-on-one is time neither member can spend on planned work.
        register_busy_time("one-on-ones", one_on_one_busy_time)
