from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "kwaliteitslabel.certificates"
    verbose_name = "Certificaten en register"

    def ready(self):
        from . import public_cache

        public_cache.connect()
