from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from kwaliteitslabel.common.backups import make_backup


class Command(BaseCommand):
    help = (
        "Maakt een back-up van de database (pg_dump --format=custom, of een kopie van het "
        "SQLite-bestand) en van de uploads (MEDIA_ROOT), in een map met datum en tijd."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=settings.VAR_DIR / "backups",
            help="map waarin de back-up komt (standaard var/backups)",
        )

    def handle(self, *args, output, **options):
        target = make_backup(output)
        size = sum(f.stat().st_size for f in target.iterdir())
        self.stdout.write(f"Back-up gemaakt: {target} ({size / 1_000_000:.1f} MB)")
        self.stdout.write(f"Terugzetten in een lege database: make restore BACKUP={target}")
