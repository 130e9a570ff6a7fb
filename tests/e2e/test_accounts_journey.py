"""People log in by e-mail; CI and SWN people also give a TOTP code; each lands on their own page."""

import pytest

from tests.world import PASSWORD, build_world

from .conftest import content, enter_code, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, email, password=PASSWORD):
    page.goto(page.base_url + "/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def test_member_admin_logs_in_and_sees_only_their_own(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world()
    log_in(page, world.users["member_admin"].email)
    assert page.get_by_role("heading", level=1).inner_text() == "Wat moet ik doen?"
    screenshot(page, "dashboard-member-admin")
    assert page.get_by_role("link", name="Leden", exact=True).count() == 0
    response = page.goto(page.base_url + f"/beheer/leden/{world.member_b.pk}/")
    assert response.status == 404
    response = page.goto(page.base_url + f"/beheer/leden/{world.member_a.pk}/")
    assert response.status == 200
    screenshot(page, "member-detail-own")


def test_swn_secretariat_gives_a_totp_code_and_sees_the_back_office(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world()
    log_in(page, world.users["swn_secretariat"].email)
    enter_code(page, world.totp_secrets["swn_secretariat"])
    assert page.get_by_role("heading", level=1).inner_text() == "Wat moet ik doen?"
    screenshot(page, "dashboard-swn")
    page.get_by_role("link", name="Leden", exact=True).click()
    assert "Stichting Welzijn Oost" in content(page)
    screenshot(page, "member-list")
