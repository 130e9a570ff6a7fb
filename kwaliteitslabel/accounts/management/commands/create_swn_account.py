"""Create the first SWN secretariat account on a new deployment (docs/operations.md, step 4).

python manage.py create_swn_account secretariaat@sociaalwerk.nl --name "Anna de Vries"

Nobody can invite the first person: invitations come from someone with an account, and the
admin site is not mounted. So this command makes the account itself, without a password, and
e-mails (through the outbox) a link to choose one: allauth's password-reset link, which works
once. After the first log-in `RequireMFAMiddleware` sends the secretariat to TOTP set-up,
like every SWN role; everyone else is then invited from the platform.
"""

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse

from kwaliteitslabel.accounts import invitations
from kwaliteitslabel.accounts.models import MFA_ROLES, Role, RoleAssignment, User
from kwaliteitslabel.common.mail import send_template

ROLE = Role.SWN_SECRETARIAT
ORGANISATION = "Sociaal Werk Nederland"  # SWN roles name no organisation (accounts/models.py)
NOTHING_CHANGED = "Er is niets veranderd."


def password_link(user: User) -> str:
    key = default_token_generator.make_token(user)
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )
    return settings.SITE_URL + path


def link_days() -> int:
    """How long allauth accepts the link: Django's PASSWORD_RESET_TIMEOUT, in whole days."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))


def send_password_link(user: User) -> None:
    context = {
        "user": user,
        "link": password_link(user),
        "days": link_days(),
        "role": ROLE.label,
        "organisation": ORGANISATION,
        "needs_mfa": ROLE in MFA_ROLES,
        "login_link": settings.SITE_URL + reverse("account_login"),
    }
    send_template(
        f"Uw account voor het Kwaliteitslabel Sterk Sociaal Werk: {context['role']} bij {ORGANISATION}",
        "accounts/email/first_account.txt",
        [user.email],
        context,
        html_template="accounts/email/first_account.html",
    )


class Command(BaseCommand):
    help = (
        "Maakt het eerste account van het secretariaat SWN, zonder wachtwoord, en e-mailt "
        "(via de outbox) een link om het wachtwoord te kiezen."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="e-mailadres van de nieuwe gebruiker")
        # Not required by argparse, whose refusal would be in English; handle() says it in Dutch.
        parser.add_argument("--name", default="", help="naam van de nieuwe gebruiker")

    def handle(self, *args, email, name, **options):
        email = invitations.normalise_email(email)
        name = name.strip()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(
                f"Het argument <email> is geen geldig e-mailadres: ‘{email}’. {NOTHING_CHANGED}"
            ) from None
        if not name:
            raise CommandError(f'Geef de naam mee met --name "<naam>". {NOTHING_CHANGED}')
        max_length = User._meta.get_field("name").max_length
        if len(name) > max_length:
            raise CommandError(
                f"Het argument --name is te lang: {len(name)} tekens, "
                f"hooguit {max_length}. {NOTHING_CHANGED}"
            )
        # The same refusals as an invitation from the platform: an account or an open
        # invitation for the address. A second run with the same address ends here.
        if problem := invitations.email_problem(email):
            raise CommandError(
                f"Het argument <email> ({email}) kan geen nieuw account krijgen: {problem} "
                f"{NOTHING_CHANGED} Kwam de e-mail met de link niet aan? Kies dan "
                "‘Wachtwoord vergeten?’ op de inlogpagina."
            )

        with transaction.atomic():
            user = User.objects.create_user(email=email, password=None, name=name)
            RoleAssignment.objects.create(user=user, role=ROLE)
            # The operator vouches for the address, as an invitation link would.
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
            # Into the outbox table, in this transaction: no account without its e-mail.
            send_password_link(user)

        self.stdout.write(
            f"Account gemaakt: {name} <{email}>, rol {ROLE.label}, nog zonder wachtwoord."
        )
        self.stdout.write(
            f"De e-mail met de link om een wachtwoord te kiezen staat in de outbox; de dienst "
            f"outbox (of `python manage.py send_outbox`) verstuurt hem. De link werkt "
            f"{link_days()} dagen en één keer."
        )
        self.stdout.write(
            "Na het eerste inloggen stelt deze persoon tweestapsverificatie (TOTP) in en "
            "nodigt daarna de anderen uit via het platform."
        )
