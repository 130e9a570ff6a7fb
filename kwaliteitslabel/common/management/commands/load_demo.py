from django.core.management.base import BaseCommand

from kwaliteitslabel.common.demo.loader import demo_password, load_demo


class Command(BaseCommand):
    help = "Laadt de demodata (leden, instellingen, één persoon per rol) en toont de demo-inloggegevens."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write("")
        self.stdout.write(f"Demo-inloggegevens (wachtwoord voor iedereen: {demo_password()}):")
        for login in logins:
            self.stdout.write(f"  {login['role']:<36} {login['email']:<42} {login['organisation']}")
        self.stdout.write("")
        self.stdout.write(
            "CI- en SWN-rollen vragen na het wachtwoord een code uit een authenticator-app."
        )
        self.stdout.write("Voeg de sleutel toe aan zo'n app, of vraag de code op met:")
        self.stdout.write("  .venv/bin/python manage.py totp_code <e-mailadres>")
        for login in logins:
            if login["totp_secret"]:
                self.stdout.write(f"  sleutel {login['email']:<42} {login['totp_secret']}")
