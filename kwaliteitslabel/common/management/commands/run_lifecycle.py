import argparse
import datetime

from django.core.management.base import BaseCommand

from kwaliteitslabel.audits import lifecycle
from kwaliteitslabel.certificates import lifecycle as certificates
from kwaliteitslabel.common.rounds import add_loop_arguments, run_rounds


def day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"‘{text}’ is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2027-03-01"
        ) from None


class Command(BaseCommand):
    help = (
        "De dagelijkse ronde: herinneringen en berichten bij termijnen van toetsingen, en "
        "bij certificaten (herinneringen, aankondigingen, opschorten, vervallen). Eenmalig, "
        "of met --loop elk uur; veilig om vaker te draaien: elk bericht gaat één keer."
    )

    def add_arguments(self, parser):
        add_loop_arguments(parser, interval=3600)
        parser.add_argument(
            "--date",
            type=day,
            help="draai de ronde voor deze dag (JJJJ-MM-DD), bijvoorbeeld voor een demo",
        )

    def handle(self, *args, loop, interval, date=None, **options):
        def round_():
            self.stdout.write(f"termijnberichten: {len(lifecycle.run(date))}")
            self.stdout.write(f"certificaatgebeurtenissen: {len(certificates.run(date))}")

        run_rounds(round_, loop, interval)
