from django.core.management.base import BaseCommand

from kwaliteitslabel.audits import lifecycle
from kwaliteitslabel.common.rounds import add_loop_arguments, run_rounds


class Command(BaseCommand):
    help = (
        "Herinneringen en berichten bij termijnen (eenmalig, of met --loop elk uur); "
        "veilig om vaker te draaien: elk bericht gaat één keer."
    )

    def add_arguments(self, parser):
        add_loop_arguments(parser, interval=3600)

    def handle(self, *args, loop, interval, **options):
        def round_():
            self.stdout.write(f"termijnberichten: {len(lifecycle.run())}")

        run_rounds(round_, loop, interval)
