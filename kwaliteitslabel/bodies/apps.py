from django.apps import AppConfig


class BodiesConfig(AppConfig):
    name = "kwaliteitslabel.bodies"
    verbose_name = "Certificerende instellingen"
