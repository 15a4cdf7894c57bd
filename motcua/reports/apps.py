from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    label = "reports"
    verbose_name = "Báo cáo, thống kê"

    def ready(self) -> None:
        from motcua.dossiers.signals import imported

        from . import checks  # noqa: F401 - registers the system check
        from .receivers import follow_import

        imported.connect(follow_import, dispatch_uid="reports.follow_import")
