from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kwaliteitslabel.frameworks.loader import DATA_DIR, DataError, load


class Command(BaseCommand):
    help = "Valideert en laadt de normenkaders uit frameworks/data/*.yaml (twee keer laden verandert niets)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir", type=Path, default=DATA_DIR, help="map met de YAML-bestanden"
        )

    def handle(self, *args, data_dir, **options):
        try:
            report = load(data_dir)
        except DataError as exc:
            raise CommandError(f"Normenkaders niet geladen. {exc}") from exc
        if options["verbosity"] < 1:
            return
        for name in report.loaded:
            self.stdout.write(f"geladen: {name}")
        for name in report.unchanged:
            self.stdout.write(f"ongewijzigd: {name}")
