from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "kwaliteitslabel.frameworks"
    verbose_name = "Normenkaders"
