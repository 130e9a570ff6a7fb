from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kwaliteitslabel.reports"
    verbose_name = "rapporten"

    def ready(self):
        from . import versions  # noqa: F401 - connects the report versions to the audit's steps
