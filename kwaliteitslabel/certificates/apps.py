from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "kwaliteitslabel.certificates"
    verbose_name = "Certificaten en register"
