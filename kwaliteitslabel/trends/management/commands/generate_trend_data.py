from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kwaliteitslabel.trends import generator


class Command(BaseCommand):
    help = (
        "Maakt gegenereerde historische toetsingen voor de trends (gemarkeerd als "
        "'[gegenereerd]'), zodat de grafieken iets laten zien. Niet voor echte gegevens."
    )

    def add_arguments(self, parser):
        parser.add_argument("--audits", type=int, default=300, help="hoeveel toetsingen (300)")
        parser.add_argument("--seed", type=int, default=7, help="toevalszaad (7): zelfde uitkomst")

    def handle(self, *args, audits, seed, **options):
        if not 1 <= audits <= 100_000:
            raise CommandError("--audits: kies een aantal van 1 tot en met 100000.")
        with transaction.atomic():
            made = generator.generate(audits, seed)
        self.stdout.write(f"{len(made)} gegenereerde toetsingen gemaakt.")
