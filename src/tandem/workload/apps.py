from django.apps import AppConfig


class WorkloadConfig(AppConfig):
    name = "tandem.workload"
    label = "workload"
    verbose_name = "Workload"

    def ready(self) -> None:
        from tandem.areas import OverviewPanel, register, register_panel
        from tandem.workload.overview import answers_panel, blocked_time_panel, figures

        register("workload", figures=figures, tile_template="workload/tile.html")
        register_panel(
            OverviewPanel("blocked-time", "workload/overview_blocked.html", blocked_time_panel)
        )
        register_panel(
            OverviewPanel("brief-answers", "workload/overview_answers.html", answers_panel)
        )
