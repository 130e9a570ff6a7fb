from django.core.management.base import BaseCommand

from kwaliteitslabel.common.mail import deliver
from kwaliteitslabel.common.rounds import add_loop_arguments, run_rounds


class Command(BaseCommand):
    help = "Verstuurt de e-mails die in de outbox wachten (eenmalig, of met --loop elke minuut)."

    def add_arguments(self, parser):
        add_loop_arguments(parser, interval=60)

    def handle(self, *args, loop, interval, **options):
        def round_():
            sent, failed = deliver()
            self.stdout.write(f"verstuurd: {sent}, mislukt: {failed}")

        run_rounds(round_, loop, interval, say=self.stdout.write)
