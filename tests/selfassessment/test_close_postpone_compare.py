"""Closing the self-assessment, postponing the audit (Bijlage 5 B3), comparing with the previous baseline."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts import dashboard
from kwaliteitslabel.common.dates import add_months
from kwaliteitslabel.selfassessment.models import Consolidation, SelfAssessment

from .helpers import make_self_assessment
from .test_readiness import consolidate, norms

pytestmark = pytest.mark.django_db


def close_url(sa):
    return reverse("selfassessment:close", kwargs={"pk": sa.pk})


def postpone_url(sa):
    return reverse("selfassessment:postpone", kwargs={"pk": sa.pk})


def compare_url(sa):
    return reverse("selfassessment:compare", kwargs={"pk": sa.pk})


# --- close -------------------------------------------------------------------------------


def test_close_needs_every_norm_answered(client_as, world):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"], leave_open=3)
    client = client_as("member_admin")
    body = client.get(close_url(sa)).content.decode()
    assert "3 normen hebben nog geen vastgesteld antwoord" in body
    assert 'name="closed_on"' not in body
    response = client.post(
        close_url(sa), {"closed_on": timezone.localdate().isoformat(), "loaded_version": "1"}
    )
    assert response.status_code == 200
    assert "3 normen hebben nog geen vastgesteld antwoord" in response.content.decode()
    sa.refresh_from_db()
    assert sa.closed_on is None


def test_close_says_what_follows_and_sets_the_date(client_as, world):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"], partly=2)
    client = client_as("member_admin")
    body = client.get(close_url(sa)).content.decode()
    assert "nulmeting" in body and "kan niemand de antwoorden nog wijzigen" in body
    assert "delen met een certificerende instelling" in body
    assert f'value="{timezone.localdate().isoformat()}"' in body  # today, filled in
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        close_url(sa), {"closed_on": tomorrow.isoformat(), "loaded_version": "1"}
    )
    assert "Die datum ligt in de toekomst" in response.content.decode()
    sa.refresh_from_db()
    assert sa.closed_on is None
    today = timezone.localdate()
    response = client.post(close_url(sa), {"closed_on": today.isoformat(), "loaded_version": "1"})
    assert response.status_code == 302
    sa.refresh_from_db()
    assert sa.closed_on == today and sa.version == 2
    # Now the baseline: no second close, no more edits.
    assert client.get(close_url(sa)).status_code == 403
    code = norms(sa)[0].code
    edit = reverse("selfassessment:consolidate_norm", kwargs={"pk": sa.pk, "code": code})
    assert client.post(edit, {"verdict": "met", "loaded_version": "1"}).status_code == 403
    assert Consolidation.objects.get(self_assessment=sa, norm=norms(sa)[0]).verdict == "partly"


def test_close_on_a_stale_page_is_refused(client_as, world):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"])
    SelfAssessment.objects.filter(pk=sa.pk).update(version=2)  # someone changed it meanwhile
    response = client_as("member_admin").post(
        close_url(sa), {"closed_on": timezone.localdate().isoformat(), "loaded_version": "1"}
    )
    assert response.status_code == 409
    sa.refresh_from_db()
    assert sa.closed_on is None


# --- postpone ------------------------------------------------------------------------------


def test_postponement_at_most_twelve_months(client_as, world):
    sa = make_self_assessment(world, closed_on=datetime.date(2026, 11, 23))
    client = client_as("member_admin")
    body = client.get(postpone_url(sa)).content.decode()
    assert "uiterlijk op 23 november 2027" in body
    response = client.post(
        postpone_url(sa), {"postponed_until": "2027-11-24", "loaded_version": "1"}
    )
    assert response.status_code == 200
    assert "uiterlijk 23 november 2027" in response.content.decode()
    sa.refresh_from_db()
    assert sa.postponed_until is None
    response = client.post(
        postpone_url(sa), {"postponed_until": "2027-11-23", "loaded_version": "1"}
    )
    assert response.status_code == 302
    sa.refresh_from_db()
    assert sa.postponed_until == datetime.date(2027, 11, 23)
    assert sa.history.count() == 2


def test_postponement_not_before_closing(client_as, world):
    sa = make_self_assessment(world, closed_on=datetime.date(2026, 11, 23))
    response = client_as("member_admin").post(
        postpone_url(sa), {"postponed_until": "2026-11-01", "loaded_version": "1"}
    )
    assert "Kies een datum na het afronden" in response.content.decode()


def test_postponement_only_when_closed(client_as, world):
    sa = make_self_assessment(world)
    client = client_as("member_admin")
    assert (
        "Uitstellen kan pas als de zelfevaluatie is afgerond"
        in client.get(postpone_url(sa)).content.decode()
    )
    client.post(postpone_url(sa), {"postponed_until": "2027-01-01", "loaded_version": "1"})
    sa.refresh_from_db()
    assert sa.postponed_until is None


@pytest.mark.parametrize(
    ("day", "limit"),
    [
        (datetime.date(2026, 11, 23), datetime.date(2027, 11, 23)),
        (datetime.date(2028, 2, 29), datetime.date(2029, 2, 28)),
        (datetime.date(2026, 1, 31), datetime.date(2027, 1, 31)),
    ],
)
def test_twelve_months_later(day, limit):
    assert add_months(day, 12) == limit


def test_postponement_is_a_task_on_the_member_admins_dashboard(client_as, world):
    sa = make_self_assessment(world, closed_on=datetime.date(2026, 11, 23))
    SelfAssessment.objects.filter(pk=sa.pk).update(postponed_until=datetime.date(2027, 11, 23))
    board = dashboard.build(world.users["member_admin"], today=datetime.date(2027, 11, 20))
    task = next(t for t in board.tasks if t.text.startswith("Toetsing uitgesteld tot"))
    assert task.text == "Toetsing uitgesteld tot 23 november 2027 (Stichting Welzijn Oost)"
    assert task.due == datetime.date(2027, 11, 23) and task.due_text == "nog 3 dagen"
    assert task.url == reverse("selfassessment:readiness", kwargs={"pk": sa.pk})
    body = client_as("member_admin").get("/mijn/").content.decode()
    assert "Toetsing uitgesteld tot 23 november 2027" in body
    # Other people's dashboards do not show it.
    other = dashboard.build(world.users["professional"])
    assert not any(t.text.startswith("Toetsing uitgesteld") for t in other.tasks)


# --- compare -------------------------------------------------------------------------------


def test_compare_without_a_previous_baseline_explains(client_as, world):
    sa = make_self_assessment(world)
    body = client_as("member_admin").get(compare_url(sa)).content.decode()
    assert "Er is geen vorige nulmeting om mee te vergelijken" in body


def test_compare_shows_up_down_and_same_per_norm(client_as, world):
    admin = world.users["member_admin"]
    before = make_self_assessment(
        world, title="Nulmeting 2024", closed_on=datetime.date(2024, 5, 1)
    )
    consolidate(before, admin, not_met=1, partly=1)  # V1 -, V2 +/-, rest +
    now = make_self_assessment(world, previous=before)
    all_norms = consolidate(now, admin, partly=1, leave_open=1)  # V1 +/-, V2 none, rest +
    v3 = all_norms[2]
    Consolidation.objects.filter(self_assessment=now, norm=v3).update(verdict="not_met")
    body = client_as("member_admin").get(compare_url(now)).content.decode()
    assert "Nulmeting 2024" in body and "1 mei 2024" in body
    assert "↑ beter: <strong>1</strong>" in body  # V1 from - to +/-
    assert "↓ minder: <strong>1</strong>" in body  # V3 from + to -
    assert "niet te vergelijken: <strong>1</strong>" in body  # V2 not answered now
    assert "= gelijk: <strong>46</strong>" in body
