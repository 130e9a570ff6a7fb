import argparse
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kwaliteitslabel.audits import lifecycle
from kwaliteitslabel.certificates import lifecycle as certificates
from kwaliteitslabel.common.dates import DAY_FORMAT, parse_day
from kwaliteitslabel.common.rounds import add_loop_arguments, run_rounds


def day(text: str) -> datetime.date:
    if (found := parse_day(text)) is None:
        raise argparse.ArgumentTypeError(f"‘{text}’ is geen datum. {DAY_FORMAT}")
    return found


def count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            f"‘{text}’ is geen aantal dagen; schrijf een heel getal van 1 of meer, zoals 120."
        )
    return int(text)


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
        parser.add_argument(
            "--until",
            type=day,
            help="met --date: draai de ronde voor elke dag van --date tot en met deze dag, "
            "zoals de dagelijkse timer dat had gedaan",
        )
        parser.add_argument(
            "--days",
            type=count,
            dest="ahead",
            metavar="N",
            help="draai de ronde voor vandaag (of --date) en elk van de N dagen daarna, zoals "
            "--until vandaag plus N; bijvoorbeeld --days 120 voor vier maanden van de demo",
        )

    def handle(self, *args, loop, interval, date=None, until=None, ahead=None, **options):
        if ahead is not None:
            if until is not None:
                raise CommandError("--days en --until gaan niet samen: kies er één.")
            if loop:
                raise CommandError("--days gaat niet samen met --loop: --loop draait elk uur.")
            date = date or timezone.localdate()
            until = date + datetime.timedelta(days=ahead)
        if until is not None and (date is None or until < date or loop):
            raise CommandError("--until hoort bij --date, valt niet eerder, en niet met --loop.")
        days = [date] if until is None else _days(date, until)

        def round_():
            for today in days:
                notices, events = lifecycle.run(today), certificates.run(today)
                if until is None or notices or events:
                    label = f"{today}: " if until is not None else ""
                    self.stdout.write(f"{label}termijnberichten: {len(notices)}")
                    self.stdout.write(f"{label}certificaatgebeurtenissen: {len(events)}")

        run_rounds(round_, loop, interval, say=self.stdout.write)


def _days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
