from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "kwaliteitslabel.members"
    verbose_name = "Lidorganisaties"
