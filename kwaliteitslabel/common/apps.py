from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "kwaliteitslabel.common"
    verbose_name = "Gedeeld"
