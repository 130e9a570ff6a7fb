"""`create_swn_account`: the first SWN secretariat account on a new deployment, its e-mail
with a password link, the TOTP set-up after the first log-in, and every refusal."""

import re
from io import StringIO
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from kwaliteitslabel.accounts.management.commands import create_swn_account
from kwaliteitslabel.accounts.models import Invitation, Role, RoleAssignment, User
from kwaliteitslabel.common.models import OutboxMessage

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Zonnebloem-Akker-77"


def run(*args, **options) -> str:
    out = StringIO()
    call_command("create_swn_account", *args, stdout=out, **options)
    return out.getvalue()


def unchanged():
    """What a refused run must leave as it was."""
    return (
        User.objects.count(),
        RoleAssignment.objects.count(),
        EmailAddress.objects.count(),
        len(mail.outbox),
        OutboxMessage.objects.count(),
    )


def link_path(message) -> str:
    links = re.findall(r"https?://\S+/account/password/reset/key/\S+/", message.body)
    assert len(links) == 1, message.body
    return urlparse(links[0]).path


def test_creates_the_secretariat_without_password_and_mails_a_link(settings):
    settings.SITE_URL = "https://label.example.nl"
    out = run("Anna.de.Vries@SociaalWerk.nl", name=" Anna de Vries ")

    user = User.objects.get()
    assert (user.email, user.name) == ("anna.de.vries@sociaalwerk.nl", "Anna de Vries")
    assert not user.has_usable_password()
    role = RoleAssignment.objects.get()
    assert (role.user, role.role, role.member, role.body) == (
        user,
        Role.SWN_SECRETARIAT,
        None,
        None,
    )
    assert EmailAddress.objects.filter(user=user, primary=True, verified=True).exists()
    assert "Account gemaakt: Anna de Vries <anna.de.vries@sociaalwerk.nl>" in out
    assert "secretariaat SWN" in out and "outbox" in out and "3 dagen" in out

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna.de.vries@sociaalwerk.nl"]
    assert "secretariaat SWN bij Sociaal Werk Nederland" in message.subject
    assert link_path(message).startswith("/account/password/reset/key/")
    assert "https://label.example.nl/account/password/reset/key/" in message.body
    for text in ("Beste Anna de Vries", "De link werkt 3 dagen", "tweestapsverificatie"):
        assert text in message.body, text
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and link_path(message) in html and 'lang="nl"' in html


def test_the_mail_goes_through_the_outbox_table(settings):
    settings.EMAIL_BACKEND = "kwaliteitslabel.common.mail.OutboxBackend"
    run("secretariaat@sociaalwerk.nl", name="Anna de Vries")
    queued = OutboxMessage.objects.get()
    assert queued.to == "secretariaat@sociaalwerk.nl" and queued.sent_at is None
    assert "/account/password/reset/key/" in queued.body


def test_the_link_sets_a_password_once_and_the_first_log_in_sets_up_totp(client):
    run("secretariaat@sociaalwerk.nl", name="Anna de Vries")
    path = link_path(mail.outbox[0])

    # allauth moves the key from the address into the session, then shows the form.
    response = client.get(path, follow=True)
    assert response.status_code == 200 and not response.context.get("token_fail")
    response = client.post(
        response.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert User.objects.get().check_password(NEW_PASSWORD)

    response = client.post(
        reverse("account_login"), {"login": "secretariaat@sociaalwerk.nl", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    # Like every SWN role: TOTP before any other page.
    response = client.get("/mijn/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    # allauth asks the password once more before TOTP set-up, then opens it.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": NEW_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    secret = response.context["form"].secret
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert client.get("/mijn/").status_code == 200

    # The link worked once: the new password changed what its key was made from.
    client.logout()
    response = client.get(path, follow=True)
    assert response.context["token_fail"]


def test_wachtwoord_vergeten_sends_a_new_link_while_there_is_no_password(client):
    """What the e-mail tells to do when its link has expired."""
    run("secretariaat@sociaalwerk.nl", name="Anna de Vries")
    response = client.post(
        reverse("account_reset_password"), {"email": "secretariaat@sociaalwerk.nl"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["secretariaat@sociaalwerk.nl"]
    assert "/account/password/reset/key/" in mail.outbox[1].body


def test_a_second_run_with_the_same_address_is_refused_and_changes_nothing():
    run("secretariaat@sociaalwerk.nl", name="Anna de Vries")
    before = unchanged()
    with pytest.raises(CommandError) as refused:
        run("Secretariaat@SociaalWerk.nl", name="Iemand Anders")
    message = str(refused.value)
    assert "<email>" in message and "Dit e-mailadres is al in gebruik." in message
    assert "Er is niets veranderd." in message
    assert unchanged() == before
    assert User.objects.get().name == "Anna de Vries"


@pytest.mark.parametrize(
    ("args", "options", "named"),
    [
        (["geen-adres"], {"name": "Anna de Vries"}, "<email>"),
        (["anna@"], {"name": "Anna de Vries"}, "<email>"),
        (["anna@sociaalwerk.nl"], {}, "--name"),
        (["anna@sociaalwerk.nl"], {"name": "   "}, "--name"),
        (["anna@sociaalwerk.nl"], {"name": "A" * 201}, "--name"),
    ],
)
def test_bad_input_is_refused_in_dutch_naming_the_argument(args, options, named):
    before = unchanged()
    with pytest.raises(CommandError) as refused:
        run(*args, **options)
    assert named in str(refused.value) and "Er is niets veranderd." in str(refused.value)
    assert unchanged() == before


def test_an_open_invitation_for_the_address_is_refused(world):
    Invitation.objects.create(
        email="anna@sociaalwerk.nl",
        name="Anna de Vries",
        role=Role.SWN_ADVISER,
        invited_by=world.users["swn_secretariat"],
    )
    before = unchanged()
    with pytest.raises(CommandError, match="Er staat al een uitnodiging open"):
        run("anna@sociaalwerk.nl", name="Anna de Vries")
    assert unchanged() == before


def test_no_account_without_its_e_mail(monkeypatch):
    def fail(user):
        raise RuntimeError("de outbox is niet bereikbaar")

    monkeypatch.setattr(create_swn_account, "send_password_link", fail)
    with pytest.raises(RuntimeError):
        run("anna@sociaalwerk.nl", name="Anna de Vries")
    assert unchanged() == (0, 0, 0, 0, 0)
