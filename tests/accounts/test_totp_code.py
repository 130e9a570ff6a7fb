"""`manage.py totp_code <email>`: the demo's way to get past the TOTP step (issue 3)."""

import io
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.world import PASSWORD

pytestmark = pytest.mark.django_db


def totp_code(email) -> str:
    out = io.StringIO()
    call_command("totp_code", email, stdout=out)
    return out.getvalue().strip()


def test_prints_a_six_digit_code_that_allauth_accepts(world):
    code = totp_code("Auditor@Example.nl")
    assert re.fullmatch(r"[0-9]{6}", code)
    authenticator = Authenticator.objects.get(user=world.users["auditor"])
    assert TOTP(authenticator).validate_code(code)


def test_the_code_logs_in_through_allauth(client, world):
    cache.clear()
    user = world.users["swn_adviser"]
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(user.email)})
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_clear_errors_without_totp_or_without_user(world):
    with pytest.raises(CommandError, match="heeft geen tweestapsverificatie"):
        totp_code("member_admin@example.nl")
    with pytest.raises(
        CommandError, match="Er is geen gebruiker met e-mailadres niemand@example.nl"
    ):
        totp_code("niemand@example.nl")
