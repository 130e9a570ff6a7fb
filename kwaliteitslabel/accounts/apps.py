from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kwaliteitslabel.accounts"
    verbose_name = "Accounts en rollen"
