from pathlib import Path

from django.core.management.base import BaseCommand

from kwaliteitslabel.common.backups import restore_backup


class Command(BaseCommand):
    help = (
        "Zet een back-up van `manage.py backup` terug in de database van DATABASE_URL. Die "
        "moet leeg zijn (net aangemaakt); met --force wordt een gevulde database vervangen."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="de map die `backup` maakte")
        parser.add_argument(
            "--force",
            action="store_true",
            help="vervang wat er in de database en de map voor uploads staat",
        )

    def handle(self, *args, backup, force, **options):
        for what in restore_backup(backup, force):
            self.stdout.write(f"Teruggezet: {what}")
