"""The public's register and verification answers kept in the cache (issue 11 item 5): served
again without the database, and forgotten as soon as something they show changes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.audits.workflow import move
from kwaliteitslabel.certificates import near_copies, public_cache
from kwaliteitslabel.certificates.models import CertificateEvent
from kwaliteitslabel.certificates.near_copies import NearCopies

from .helpers import make_certificate, re_audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(world):
    return make_certificate(world, timezone.localdate() - datetime.timedelta(days=100))


def test_a_repeated_question_is_answered_without_the_database(
    client, world, certificate, django_assert_num_queries
):
    url = reverse("api-v1:verify_certificate", args=[certificate.number])
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    page = reverse("certificates:register")
    client.get(page)
    with django_assert_num_queries(0):
        assert world.member_a.name in client.get(page).content.decode()


def test_a_change_the_answer_shows_is_seen_at_once(client, world, certificate):
    url = reverse("certificates:verify", args=[certificate.number])
    assert "geldig" in client.get(url).content.decode()
    world.member_a.name = "Welzijn Anders"
    world.member_a.save()
    assert "Welzijn Anders" in client.get(url).content.decode()
    # Every change the answers may show raises the version: events, scopes, audit steps.
    seen = public_cache.version()
    CertificateEvent.objects.create(
        certificate=certificate, kind="reminded", step=9, on=timezone.localdate()
    )
    certificate.work_types.clear()
    audit = re_audit(world, timezone.localdate())
    move(audit, "declined", world.users["body_admin"], allowed_from=[audit.status])
    assert public_cache.version() >= seen + 4


def test_a_logged_in_person_and_errors_are_never_served_from_the_cache(
    client, world, certificate, django_assert_num_queries
):
    client.force_login(world.users["swn_secretariat"])
    page = reverse("certificates:register")
    client.get(page)
    assert "Uitloggen" in client.get(page).content.decode()  # their own menu, not the public's
    client.logout()
    bad = reverse("api-v1:verify_certificate", args=["KSSW-2026-9999"])
    assert client.get(bad).status_code == 404
    Certificate = type(certificate)
    Certificate.objects.filter(pk=certificate.pk).update(number="KSSW-2026-9999")  # no signal
    assert client.get(bad).status_code == 200  # the 404 was not kept


def test_made_up_parameters_are_answered_but_not_kept(
    client, world, certificate, django_assert_num_queries
):
    url = reverse("api-v1:verify_certificate", args=[certificate.number]) + "?x=" + "9" * 300
    assert client.get(url).status_code == 200
    with django_assert_num_queries(2):  # answered again from the database, not the cache
        assert client.get(url).status_code == 200
    long_search = reverse("certificates:register") + "?q=" + "w" * 190
    client.get(long_search)  # a key longer than 250 characters is hashed, not refused
    with django_assert_num_queries(0):
        assert client.get(long_search).status_code == 200


def test_a_verification_stands_until_its_own_member_changes(
    client, world, certificate, django_assert_num_queries
):
    url = reverse("api-v1:verify_certificate", args=[certificate.number])
    page = reverse("certificates:verify", args=[certificate.number])
    client.get(url)
    client.get(page)
    # Another member's certificate: the register changes, this verification does not.
    make_certificate(world, timezone.localdate(), member=world.member_b)
    with django_assert_num_queries(0):
        assert client.get(url).json()["status"] == "valid"
        assert client.get(page).status_code == 200
    # Its own member's change is seen at once.
    world.member_a.name = "Welzijn Anders"
    world.member_a.save()
    assert client.get(url).json()["member"] == "Welzijn Anders"
    assert "Welzijn Anders" in client.get(page).content.decode()
    # A re-audit of its member (an audit step records an event) is seen too.
    seen = public_cache.member_version(world.member_a.pk)
    audit = re_audit(world, timezone.localdate())
    move(audit, "declined", world.users["body_admin"], allowed_from=[audit.status])
    assert public_cache.member_version(world.member_a.pk) > seen


def test_another_process_change_is_seen_once_the_versions_are_glanced_again(
    client, world, certificate
):
    """The process keeps its own copy of an answer; another process's change reaches it
    through the shared versions, read again after at most `GLANCE` seconds."""
    from django.core.cache import cache

    from kwaliteitslabel.members.models import Member

    url = reverse("certificates:verify", args=[certificate.number])
    page = reverse("certificates:register")
    client.get(url)
    client.get(page)
    # Another process renames the member: the row changes and the shared versions rise,
    # this process's signals see nothing.
    Member.objects.filter(pk=world.member_a.pk).update(name="Welzijn Elders")
    cache.incr(public_cache.MEMBER.format(world.member_a.pk))
    cache.incr(public_cache.VERSION)
    assert "Welzijn Elders" not in client.get(url).content.decode()  # within the glance
    public_cache._glances.clear()  # the glance is over
    assert "Welzijn Elders" in client.get(url).content.decode()
    assert "Welzijn Elders" in client.get(page).content.decode()


def test_the_process_keeps_its_copies_within_their_budget(client, world, monkeypatch):
    near = public_cache._near
    for town in ("Zwolle", "Deventer"):
        client.get(reverse("certificates:register"), {"q": town})
    assert len(near) == 2
    monkeypatch.setattr(near, "budget", near.used)  # room for two: the third drops the first
    client.get(reverse("certificates:register"), {"q": "Kampen"})
    assert len(near) <= 2 and near.used <= near.budget


def test_a_copy_is_kept_for_its_time_and_restamped_without_its_content(monkeypatch):
    copies = NearCopies()
    copies.put("a", (1, "text/html"), b"<p>antwoord</p>", seconds=60)
    assert copies.get("a") == ((1, "text/html"), b"<p>antwoord</p>")
    copies.restamp("a", (2, "text/html"))
    assert copies.get("a") == ((2, "text/html"), b"<p>antwoord</p>")
    later = near_copies.monotonic() + 61
    monkeypatch.setattr(near_copies, "monotonic", lambda: later)
    assert copies.get("a") is None
