"""Audit request, acceptance, team and days, and the gates before it starts (issue 6, items 1-2)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts import code_of_conduct
from kwaliteitslabel.accounts.models import Role, RoleAssignment
from kwaliteitslabel.audits import team, workflow
from kwaliteitslabel.audits.models import Audit, AuditDay, AuditEvent, TeamMember
from kwaliteitslabel.frameworks.models import Framework
from tests.bodies.helpers import meets_all_conditions
from tests.world import make_user

from .helpers import make_audit, make_scope

pytestmark = pytest.mark.django_db


def request_data(world, scope, **changes):
    data = {
        "kind": "initial",
        "variant": "body",
        "framework": Framework.objects.get(version="2019").pk,
        "scope": scope.pk,
        "body": world.body_x.pk,
        "planned_days": "",
        "days_reason": "",
    }
    return {**data, **changes}


def test_member_requests_with_the_calculators_days_and_the_body_is_told(
    client_as, world, mailoutbox
):
    meets_all_conditions(world.body_x)
    scope = make_scope(world.member_a)  # 8 FTE: band 1-10, 2 days for the CI (handboek 2.5)
    url = reverse("audits:audit_request", kwargs={"member_pk": world.member_a.pk})
    response = client_as("member_admin").post(url, request_data(world, scope))
    assert response.status_code == 302, response.content.decode()
    audit = Audit.objects.get()
    assert (audit.calculated_days, audit.planned_days, audit.status) == (2, 2, "requested")
    assert [m.to for m in mailoutbox] == [[world.users["body_admin"].email]]
    assert AuditEvent.objects.get().status == "requested"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"variant": "combined"}, "combined_with", "Kies waarmee de toets wordt gecombineerd."),
        (
            {"planned_days": "4"},
            "days_reason",
            "De rekenhulp geeft 2 dagen; schrijf waarom het er 4 worden.",
        ),
        (
            {"kind": "recertification"},
            "previous_expiry",
            "Vul bij een hertoetsing de einddatum in.",
        ),
    ],
)
def test_a_bad_request_names_the_field_and_saves_nothing(client_as, world, changes, field, message):
    meets_all_conditions(world.body_x)
    scope = make_scope(world.member_a)
    url = reverse("audits:audit_request", kwargs={"member_pk": world.member_a.pk})
    response = client_as("member_admin").post(url, request_data(world, scope, **changes))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert not Audit.objects.exists()


def test_a_body_without_its_conditions_cannot_be_chosen(client_as, world):
    scope = make_scope(world.member_a)
    url = reverse("audits:audit_request", kwargs={"member_pk": world.member_a.pk})
    response = client_as("member_admin").post(url, request_data(world, scope))
    assert response.status_code == 400
    assert "voldoet nu niet aan de voorwaarden" in response.context["form"].errors["body"][0]


def test_acceptance_checks_membership_bijlage_6_step_2(world, mailoutbox):
    meets_all_conditions(world.body_x)
    audit = make_audit(world)
    world.member_a.membership_end = timezone.localdate() - datetime.timedelta(days=1)
    world.member_a.save()
    with pytest.raises(workflow.Refused) as refused:
        workflow.accept(audit, world.users["body_admin"])
    assert "geen actief lid" in refused.value.reasons[0]
    audit.refresh_from_db()
    assert audit.status == "requested" and not mailoutbox


def test_acceptance_tells_swn_and_cannot_happen_twice(world, mailoutbox):
    meets_all_conditions(world.body_x)
    audit = make_audit(world)
    workflow.accept(audit, world.users["body_admin"])
    assert audit.status == "accepted"
    (mail,) = mailoutbox
    assert world.users["swn_secretariat"].email in mail.to
    assert world.users["member_admin"].email in mail.to
    with pytest.raises(workflow.Refused):
        workflow.accept(Audit.objects.get(pk=audit.pk), world.users["body_admin"])


def test_decline_needs_a_reason(world):
    audit = make_audit(world)
    with pytest.raises(workflow.Refused):
        workflow.decline(audit, world.users["body_admin"], "  ")
    workflow.decline(audit, world.users["body_admin"], "Geen capaciteit in maart.")
    assert Audit.objects.get().status == "declined"


def test_nobody_audits_the_member_they_work_for_bijlage_5_a7(world):
    audit = make_audit(world, status="accepted", variant="peer")
    peer_of_a = world.users["peer_auditor"]  # trained? give a date: employment still refuses
    RoleAssignment.objects.filter(user=peer_of_a).update(trained_on=datetime.date(2025, 1, 1))
    assert any("werkt bij" in p for p in team.problems(audit, peer_of_a, "peer_auditor"))
    peer_of_b = make_user("peer-b@example.nl", "Peer B", Role.PEER_AUDITOR, member=world.member_b)
    assert team.problems(audit, peer_of_b, "peer_auditor") == [
        "Peer B is geen getrainde branchetoetser."
    ]
    RoleAssignment.objects.filter(user=peer_of_b).update(trained_on=datetime.date(2025, 1, 1))
    assert team.problems(audit, peer_of_b, "peer_auditor") == []
    assert team.problems(audit, world.users["auditor"], "lead") == []
    other_body = make_user("aud-y@example.nl", "Auditor Y", Role.AUDITOR, body=world.body_y)
    assert team.problems(audit, other_body, "auditor") == [
        f"Auditor Y is geen auditor van {world.body_x}."
    ]


def test_the_team_page_refuses_an_employee_of_the_member_with_a_message(client_as, world):
    audit = make_audit(world, status="accepted")
    employee = make_user("aud-a@example.nl", "Auditor A", Role.AUDITOR, body=world.body_x)
    RoleAssignment.objects.create(user=employee, role=Role.PROFESSIONAL, member=world.member_a)
    url = reverse("audits:audit_team", kwargs={"pk": audit.pk})
    response = client_as("body_admin").post(url, {"user": employee.pk, "role": "auditor"})
    assert response.status_code == 400
    assert "werkt bij Stichting Welzijn Oost" in response.content.decode()
    assert not TeamMember.objects.exists()


def test_start_waits_for_lead_day_declarations_and_the_code_of_conduct_bijlage_9(world):
    audit = make_audit(world, status="accepted")
    problems = workflow.start_problems(audit)
    assert "Het team heeft nog geen teamleider." in problems
    assert "Er is nog geen auditdag gepland." in problems
    lead = TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    AuditDay.objects.create(audit=audit, date=timezone.localdate() + datetime.timedelta(days=30))
    problems = workflow.start_problems(audit)
    assert problems == [
        "Nog geen verklaring van onafhankelijkheid (Bijlage 5 A7) van: Demo auditor.",
        "De gedragscode (Bijlage 9) is nog niet getekend door: Demo auditor.",
    ]
    with pytest.raises(workflow.Refused):
        workflow.start(audit, world.users["auditor"])
    workflow.declare_independent(lead)
    code_of_conduct.sign(
        world.users["auditor"], name="Demo auditor", place="Utrecht", signed_on=timezone.localdate()
    )
    assert workflow.start_problems(audit) == []
    workflow.start(audit, world.users["auditor"])
    assert Audit.objects.get().status == "started"


def test_an_audit_day_before_the_request_or_elsewhere_without_reason_is_refused(client_as, world):
    audit = make_audit(world, status="accepted")
    other = world.member_a.locations.create(
        name="Wijkcentrum", street="Laan 2", postcode="3512 AB", city="Utrecht"
    )
    url = reverse("audits:audit_days", kwargs={"pk": audit.pk})
    client = client_as("body_admin")
    response = client.post(url, {"date": "2020-01-01", "mode": "on_site", "location": other.pk})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "vóór de aanvraag" in errors["date"][0]
    assert "niet op de hoofdlocatie" in errors["location_reason"][0]
    assert not AuditDay.objects.exists()
    day = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    main = world.member_a.locations.get(is_main=True)
    assert (
        client.post(url, {"date": day, "mode": "on_site", "location": main.pk}).status_code == 302
    )
    assert AuditDay.objects.get().location == main


def test_removing_a_day_or_a_team_member_asks_first(client_as, world):
    audit = make_audit(world, status="accepted")
    day = AuditDay.objects.create(audit=audit, date=timezone.localdate())
    place = TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    client = client_as("body_admin")
    days_url = reverse("audits:audit_days", kwargs={"pk": audit.pk})
    team_url = reverse("audits:audit_team", kwargs={"pk": audit.pk})
    page = client.post(days_url, {"action": "remove", "day": day.pk})
    assert page.status_code == 200 and "Auditdag verwijderen?" in page.content.decode()
    page = client.post(team_url, {"action": "remove", "place": place.pk})
    assert "Demo auditor (teamleider) is dan geen teamlid meer" in page.content.decode()
    assert AuditDay.objects.exists() and TeamMember.objects.exists()
    client.post(days_url, {"action": "remove", "day": day.pk, "confirm": "yes"})
    client.post(team_url, {"action": "remove", "place": place.pk, "confirm": "yes"})
    assert not AuditDay.objects.exists() and not TeamMember.objects.exists()


def test_the_audit_list_does_not_grow_with_its_audits(client_as, world):
    client = client_as("swn_secretariat")
    url = reverse("audits:audit_list")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    make_audit(world)
    before = count()
    for status in ("accepted", "started", "findings_closed", "declined"):
        make_audit(world, status=status, member=world.member_b, body=world.body_y)
    assert count() == before
