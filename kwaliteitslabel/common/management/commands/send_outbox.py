import signal
import time

from django.core.management.base import BaseCommand

from kwaliteitslabel.common.mail import deliver


class Command(BaseCommand):
    help = "Verstuurt de e-mails die in de outbox wachten (eenmalig, of met --loop elke minuut)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="blijf draaien tot SIGTERM")
        parser.add_argument("--interval", type=int, default=60, help="seconden tussen rondes")

    def handle(self, *args, loop, interval, **options):
        stop = []
        signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
        while True:
            sent, failed = deliver()
            self.stdout.write(f"verstuurd: {sent}, mislukt: {failed}")
            if not loop or stop:
                return
            for _ in range(interval):
                if stop:
                    return
                time.sleep(1)
