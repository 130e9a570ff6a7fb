import importlib

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.formats import date_format

from kwaliteitslabel.common.demo.loader import demo_password, load_demo, loaded_on, logins

RELOAD = ".venv/bin/python manage.py load_demo --reload"


class Command(BaseCommand):
    help = (
        "Laadt de demodata (leden, instellingen, één persoon per rol, toetsingen, certificaten), "
        "met alle data gerekend vanaf vandaag, en toont de demo-inloggegevens."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reload",
            action="store_true",
            help="leeg eerst de hele database (flush) en laad dan de normenkaders, de demo en "
            "de gegenereerde trenddata opnieuw, gerekend vanaf vandaag; niet in productie",
        )

    def handle(self, *args, reload=False, **options):
        if reload:
            if settings.PRODUCTION:
                raise CommandError(
                    "--reload leegt de hele database en kan daarom niet met "
                    "DJANGO_ENV=production. Laad de demo alleen in een eigen demodatabase."
                )
            found = self.start_afresh(options["verbosity"])
        elif (day := loaded_on()) is not None and day != timezone.localdate():
            self.stdout.write(self.style.WARNING(notice(day)))
            found = logins()
        else:
            found = load_demo()
        self.show(found)

    def start_afresh(self, verbosity) -> list[dict]:
        """Empty the database and fill it as `make demo` does. flush also empties what data
        migrations made: the work types come back as migration members 0002 makes them."""
        call_command("flush", interactive=False, verbosity=0)
        seed = importlib.import_module("kwaliteitslabel.members.migrations.0002_seed_work_types")
        seed.seed(apps, None)
        call_command("load_frameworks", verbosity=0)
        self.stdout.write("De database is leeggemaakt; de demo wordt opnieuw geladen.")
        found = load_demo()
        call_command("generate_trend_data", "--once", stdout=self.stdout, verbosity=verbosity)
        return found

    def show(self, found):
        self.stdout.write("")
        self.stdout.write(f"Demo-inloggegevens (wachtwoord voor iedereen: {demo_password()}):")
        for login in found:
            self.stdout.write(f"  {login['role']:<36} {login['email']:<42} {login['organisation']}")
        self.stdout.write("")
        self.stdout.write(
            "CI- en SWN-rollen vragen na het wachtwoord een code uit een authenticator-app."
        )
        self.stdout.write("Voeg de sleutel toe aan zo'n app, of vraag de code op met:")
        self.stdout.write("  .venv/bin/python manage.py totp_code <e-mailadres>")
        for login in found:
            if login["totp_secret"]:
                self.stdout.write(f"  sleutel {login['email']:<42} {login['totp_secret']}")


def notice(day) -> str:
    """Why nothing was loaded, and how to start afresh."""
    return (
        f"De demo in deze database is geladen op {date_format(day, 'l j F Y')}: zijn data "
        "(auditdagen, termijnen, certificaten) zijn vanaf die dag gerekend. Er is niets "
        "veranderd; de demo van toen blijft staan.\n"
        "Voor de demo van vandaag begint u opnieuw; dat leegt de hele database:\n"
        f"  {RELOAD}"
    )
