from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kwaliteitslabel.reports.models_historic import HistoricReport
from kwaliteitslabel.trends import generator


class Command(BaseCommand):
    help = (
        "Maakt gegenereerde historische toetsingen voor de trends (gemarkeerd als "
        "'[gegenereerd]'), zodat de grafieken iets laten zien. Niet voor echte gegevens."
    )

    def add_arguments(self, parser):
        parser.add_argument("--audits", type=int, default=300, help="hoeveel toetsingen (300)")
        parser.add_argument("--seed", type=int, default=7, help="toevalszaad (7): zelfde uitkomst")
        parser.add_argument(
            "--once", action="store_true", help="niets doen als er al gegenereerde toetsingen zijn"
        )

    def handle(self, *args, audits, seed, once, **options):
        if not 1 <= audits <= 100_000:
            raise CommandError("--audits: kies een aantal van 1 tot en met 100000.")
        if once and HistoricReport.objects.filter(source_filename=generator.GENERATED).exists():
            self.stdout.write("Er zijn al gegenereerde toetsingen; niets gedaan.")
            return
        with transaction.atomic():
            made = generator.generate(audits, seed)
        self.stdout.write(f"{len(made)} gegenereerde toetsingen gemaakt.")
