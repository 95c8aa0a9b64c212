from django.apps import AppConfig


class WorkloadConfig(AppConfig):
    name = "tandem.workload"
    label = "workload"
    verbose_name = "Workload"
