from django.apps import AppConfig


class TrendsConfig(AppConfig):
    name = "kwaliteitslabel.trends"
    verbose_name = "Trends in de sector"
