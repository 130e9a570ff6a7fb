"""The member history page: who changed what, when, old -> new (issue 3)."""

import datetime

import pytest
from django.urls import reverse

from kwaliteitslabel.accounts.models import Role, RoleAssignment
from kwaliteitslabel.members.history import member_changes
from kwaliteitslabel.members.models import Location, Member, WorkType

from .helpers import location_post, member_post

pytestmark = pytest.mark.django_db


def history(member):
    return reverse("members:member_history", kwargs={"pk": member.pk})


def test_an_edit_is_recorded_with_who_did_it(client_as, world):
    member = world.member_a
    admin = world.users["member_admin"]
    client = client_as("member_admin")
    response = client.post(
        reverse("members:member_edit", kwargs={"pk": member.pk}),
        member_post(member, contact_person="M. Jansen"),
    )
    assert response.status_code == 302

    record = Member.history.filter(id=member.pk).latest("history_date")
    assert record.history_user == admin
    assert record.contact_person == "M. Jansen"

    html = client_as("swn_secretariat").get(history(member)).content.decode()
    assert "Demo member_admin" in html
    assert "Contactpersoon</strong>: J. de Vries → M. Jansen" in html


def test_history_shows_dates_in_dutch(client_as, world):
    member = world.member_a
    client = client_as("swn_adviser")
    client.post(
        reverse("members:member_edit", kwargs={"pk": member.pk}),
        member_post(member, membership_end="2026-11-22"),
    )
    rows = member_changes(member)
    assert ("lid tot en met", "–", "22 november 2026") in rows[0].changes
    assert rows[0].who == "Demo swn_adviser"


def test_work_type_changes_are_one_row_per_edit(client_as, world):
    member = world.member_a
    youth, elderly, children = (
        WorkType.objects.get(name=n)
        for n in ("jeugd- en jongerenwerk", "ouderenwerk", "kinderwerk")
    )
    member.work_types.set([youth, elderly])
    member.refresh_from_db()
    client = client_as("swn_secretariat")
    client.post(
        reverse("members:member_edit", kwargs={"pk": member.pk}),
        member_post(member, work_types=[elderly.pk, children.pk]),
    )
    rows = [r for r in member_changes(member) if r.changes and r.changes[0][0] == "werksoorten"]
    newest = rows[0]
    assert newest.who == "Demo swn_secretariat"
    assert newest.changes == [
        (
            "werksoorten",
            "jeugd- en jongerenwerk, ouderenwerk",
            "kinderwerk, ouderenwerk",
        )
    ]
    # No empty "gewijzigd" rows for the records the work types leave behind.
    assert all(r.changes or r.action != "gewijzigd" for r in member_changes(member))


def test_history_includes_locations_and_roles(client_as, world):
    member = world.member_a
    client = client_as("member_admin")
    client.post(
        reverse("members:location_create", kwargs={"pk": member.pk}),
        location_post(name="Wijkpost Zuid"),
    )
    peer = RoleAssignment.objects.get(member=member, role=Role.PEER_AUDITOR)
    peer.trained_on = datetime.date(2025, 3, 4)
    peer.save()
    # Nothing of member B turns up at member A.
    Location.objects.create(
        member=world.member_b, name="Elders", street="Weg 1", postcode="2311 AB", city="Leiden"
    )

    html = client_as("swn_secretariat").get(history(member)).content.decode()
    assert 'Locatie: Wijkpost Zuid (Utrecht) <span class="site-muted">aangemaakt</span>' in html
    assert "Rol: Demo peer_auditor als branchetoetser" in html
    assert "Training gevolgd op</strong>: – → 4 maart 2025" in html
    assert "Elders" not in html


HISTORY_QUERIES = (
    10  # session, user, roles, TOTP, member, 2 x member history, m2m, locations, roles
)


def test_history_query_count_is_fixed(client_as, world, django_assert_num_queries):
    member = world.member_a
    client = client_as("swn_secretariat")
    client.get(history(member))
    with django_assert_num_queries(HISTORY_QUERIES):
        client.get(history(member))
    for i in range(5):
        member.contact_person = f"Persoon {i}"
        member.save()
        member.work_types.set(WorkType.objects.all()[i : i + 2])
        Location.objects.create(
            member=member, name=f"Post {i}", street="Weg 1", postcode="3511 AB", city="Utrecht"
        )
    for user in world.users.values():
        RoleAssignment.objects.get_or_create(user=user, role=Role.PROFESSIONAL, member=member)
    with django_assert_num_queries(HISTORY_QUERIES):
        response = client.get(history(member))
    assert len(response.context["changes"]) > 20


def test_history_is_for_swn_staff_only(client_as, world):
    assert client_as("member_admin").get(history(world.member_a)).status_code == 403
    assert client_as("swn_adviser").get(history(world.member_a)).status_code == 200


def test_one_edit_of_fields_and_work_types_is_one_row(client_as, world):
    member = world.member_a
    elderly = WorkType.objects.get(name="ouderenwerk")
    client_as("member_admin").post(
        reverse("members:member_edit", kwargs={"pk": member.pk}),
        member_post(member, phone="030 999 8888", work_types=[elderly.pk]),
    )
    newest, *_ = member_changes(member)
    assert newest.who == "Demo member_admin"
    assert newest.changes == [
        ("telefoon", "030 721 0 721", "030 999 8888"),
        ("werksoorten", "–", "ouderenwerk"),
    ]
