"""Log-in by e-mail, TOTP required for CI and SWN roles, failed log-ins throttled (issue 3)."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.cache import cache
from django.urls import reverse

from tests.world import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("role", ["swn_secretariat", "swn_adviser", "body_admin", "auditor"])
def test_ci_and_swn_roles_set_up_totp_before_anything_else(client, world, role):
    user = world.users[role]
    Authenticator.objects.filter(user=user).delete()
    client.force_login(user)
    for url in ("/mijn/", "/beheer/leden/", "/normenkaders/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse(
            "mfa_activate_totp"
        ), url
    # Setting up TOTP asks for the password again when the log-in is not fresh; both pages open.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200 or response["Location"].startswith(
        reverse("account_reauthenticate")
    )
    assert client.get(reverse("account_reauthenticate")).status_code == 200


@pytest.mark.parametrize("role", ["member_admin", "professional", "peer_auditor", "governance"])
def test_member_roles_and_governance_need_no_totp(client, world, role):
    client.force_login(world.users[role])
    assert client.get("/mijn/").status_code == 200


def test_log_in_with_e_mail_password_and_totp_code(client, world):
    user = world.users["swn_secretariat"]
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert client.get("/mijn/").status_code == 302  # not logged in before the code
    secret = world.totp_secrets["swn_secretariat"]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get("/mijn/").status_code == 200


def test_member_admin_logs_in_with_e_mail_and_password(client, world):
    user = world.users["member_admin"]
    response = client.post(
        reverse("account_login"), {"login": user.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/mijn/").status_code == 200


def test_failed_log_ins_are_throttled(client, world):
    email = world.users["member_admin"].email
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": email, "password": "fout"})
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert client.get("/mijn/").status_code == 302  # even the right password is refused for now


def test_nobody_signs_up_on_their_own(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert (
        "Aanmelden is gesloten" in response.content.decode()
        or "gesloten" in response.content.decode().lower()
    )
