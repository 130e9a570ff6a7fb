from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "kwaliteitslabel.audits"
    verbose_name = "Toetsingen"
