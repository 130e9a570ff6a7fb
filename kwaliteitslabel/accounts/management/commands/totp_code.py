"""Print a user's current six-digit TOTP code, for the demo (CI and SWN log-ins ask for one).

python manage.py totp_code auditor@example.nl
"""

import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand, CommandError

from kwaliteitslabel.accounts.models import User


def current_code(user, now: float | None = None) -> str:
    """The code allauth accepts right now; raises Authenticator.DoesNotExist without TOTP."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    counter = int(now if now is not None else time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


class Command(BaseCommand):
    help = "Toont de huidige TOTP-code (6 cijfers) van een gebruiker, voor de demo."

    def add_arguments(self, parser):
        parser.add_argument("email", help="e-mailadres van de gebruiker")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Er is geen gebruiker met e-mailadres {email}.")
        try:
            code = current_code(user)
        except Authenticator.DoesNotExist:
            raise CommandError(
                f"{user.email} heeft geen tweestapsverificatie (TOTP) ingesteld, "
                "dus er is geen code. Log in met alleen het wachtwoord."
            ) from None
        self.stdout.write(code)
        if options["verbosity"] > 1:
            left = app_settings.TOTP_PERIOD - int(time.time()) % app_settings.TOTP_PERIOD
            self.stderr.write(f"Nog {left} seconden geldig.")
