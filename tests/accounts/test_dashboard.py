"""The dashboard: "Wat moet ik doen?", per role, with a fixed number of queries (issue 3)."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts import code_of_conduct, dashboard
from kwaliteitslabel.accounts.models import Role, RoleAssignment, User
from kwaliteitslabel.audits.findings import ensure_findings
from kwaliteitslabel.audits.models import Finding, TeamMember
from kwaliteitslabel.bodies.models import Condition
from kwaliteitslabel.selfassessment.models import Share
from tests.audits.helpers import make_audit
from tests.certificates.helpers import make_certificate
from tests.selfassessment.helpers import make_self_assessment
from tests.world import make_body, make_member, make_user

pytestmark = pytest.mark.django_db

URL = "/mijn/"


def page(client_as, role) -> str:
    response = client_as(role).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<h1 class="utrecht-heading-1">Wat moet ik doen?</h1>' in body
    return body


def sign(user):
    code_of_conduct.sign(user, name=user.name, place="Utrecht", signed_on=timezone.localdate())


def all_conditions(body, until=None):
    today = timezone.localdate()
    for kind in (
        Condition.Kind.ACCREDITATION_HKZ,
        Condition.Kind.LIABILITY_INSURANCE,
        Condition.Kind.COMPLAINTS_PROCEDURE,
    ):
        Condition.objects.create(
            body=body,
            kind=kind,
            evidence="nr. 123",
            valid_from=today - datetime.timedelta(days=365),
            valid_until=until,
        )


@pytest.mark.parametrize("role", ["auditor", "peer_auditor"])
def test_auditors_are_asked_to_sign_the_code_until_they_have(client_as, world, role):
    body = page(client_as, role)
    assert f'href="{reverse("accounts:code_of_conduct")}">Teken de gedragscode</a>' in body
    sign(world.users[role])
    assert "Teken de gedragscode" not in page(client_as, role)


def test_member_admin_invites_colleagues_and_sees_their_roles(client_as, world):
    body = page(client_as, "member_admin")
    invite = reverse("accounts:invite", kwargs={"kind": "lid", "pk": world.member_a.pk})
    assert f'href="{invite}">Nodig collega&#x27;s van Stichting Welzijn Oost uit</a>' in body
    assert "Uw rollen" in body and "Beheerder lidorganisatie bij" in body
    assert "Stichting Welzijn Oost" in body
    assert "Er wacht nu niets op u." in body


def test_professional_gets_an_empty_state_that_says_what_comes(client_as, world):
    body = page(client_as, "professional")
    assert "Er wacht nu niets op u." in body
    assert "Professional bij" in body


def test_someone_without_a_role_is_told_how_to_get_one(client, world):
    user = User.objects.create_user(email="los@example.nl", password="x", name="Los")
    client.force_login(user)
    assert "U heeft nog geen rol" in client.get(URL).content.decode()


def test_body_admin_sees_missing_and_expiring_conditions(client_as, world):
    body = page(client_as, "body_admin")
    # Body X has no conditions in the world: all three are missing.
    assert body.count("Voorwaarde ontbreekt voor Certificatie-instelling X") == 3
    assert reverse("accounts:invite", kwargs={"kind": "instelling", "pk": world.body_x.pk}) in body

    all_conditions(world.body_x, until=timezone.localdate() + datetime.timedelta(days=30))
    body = page(client_as, "body_admin")
    assert "Voorwaarde ontbreekt" not in body
    assert body.count("Voorwaarde verloopt") == 3
    assert "nog 30 dagen" in body


def test_body_admin_sees_unsigned_auditors_only_without_framework_agreement(client_as, world):
    assert "gedragscode nog niet getekend" not in page(client_as, "body_admin")  # X has one
    world.body_x.framework_agreement = False
    world.body_x.save()
    second = make_user("tweede@ci-x.example.nl", "Tweede Auditor", Role.AUDITOR, body=world.body_x)
    make_user("elders@ci-y.example.nl", "Elders", Role.AUDITOR, body=world.body_y)
    body = page(client_as, "body_admin")
    assert (
        "2 auditoren van Certificatie-instelling X hebben de gedragscode nog niet getekend" in body
    )
    assert "mailto:tweede@ci-x.example.nl" in body and "mailto:auditor@example.nl" in body
    assert "Elders" not in body
    sign(second)
    body = page(client_as, "body_admin")
    assert "1 auditor van Certificatie-instelling X heeft de gedragscode nog niet getekend" in body
    assert "Tweede Auditor" not in body


@pytest.mark.parametrize("role", ["swn_secretariat", "swn_adviser"])
def test_swn_staff_see_members_without_number_and_bodies_that_may_not_audit(client_as, world, role):
    world.member_b.member_number = None
    world.member_b.save()
    all_conditions(world.body_x)
    body = page(client_as, role)
    assert "Geef Sociaal Werk West een lidnummer" in body
    assert "Geef Stichting Welzijn Oost een lidnummer" not in body
    assert "Certificatie-instelling Y mag nu niet toetsen" in body
    assert "Certificatie-instelling X mag nu niet toetsen" not in body
    assert f'href="{reverse("members:member_list")}"' in body
    assert f'href="{reverse("bodies:body_list")}"' in body
    assert (reverse("accounts:invite_swn") in body) == (role == "swn_secretariat")


def test_long_lists_end_in_a_link_to_the_full_list(client_as, world):
    for i in range(dashboard.LIST_LIMIT + 2):
        make_member(f"Lid {i:02d}", None, "12345678")
    body = page(client_as, "swn_secretariat")
    assert body.count("een lidnummer</a>") == dashboard.LIST_LIMIT
    assert "En nog 2 lidorganisaties zonder lidnummer" in body


def test_governance_reads_the_register_and_the_trends(client_as, world):
    body = page(client_as, "governance")
    assert "Het Kwaliteitsregister" in body and "Certificaten die aandacht vragen" in body
    assert "Trends in de sector" in body
    assert "Beheercommissie / Raad van Toezicht bij" in body and "Sociaal Werk Nederland" in body


def test_due_dates_read_as_days_left_or_late():
    today = datetime.date(2026, 3, 10)
    texts = [
        dashboard.Task("t", due=today + datetime.timedelta(days=d), today=today).due_text
        for d in (3, 1, 0, -1, -5)
    ]
    assert texts == ["nog 3 dagen", "nog 1 dag", "vandaag", "1 dag te laat", "5 dagen te laat"]
    assert dashboard.Task("t", due=today - datetime.timedelta(days=1), today=today).is_late
    assert dashboard.Task("t").due_text == ""


def test_tasks_with_a_due_date_come_first_most_urgent_first(world):
    today = timezone.localdate()
    Condition.objects.create(
        body=world.body_x,
        kind=Condition.Kind.LIABILITY_INSURANCE,
        evidence="polis",
        valid_from=today - datetime.timedelta(days=300),
        valid_until=today + datetime.timedelta(days=40),
    )
    Condition.objects.create(
        body=world.body_x,
        kind=Condition.Kind.ACCREDITATION_HKZ,
        evidence="RvA",
        valid_from=today - datetime.timedelta(days=300),
        valid_until=today + datetime.timedelta(days=5),
    )
    board = dashboard.build(User.objects.get(email="body_admin@example.nl"))
    assert [t.due_text for t in board.tasks[:2]] == ["nog 5 dagen", "nog 40 dagen"]
    assert all(t.due is None for t in board.tasks[2:])


def multi_role_user(world):
    """Member admin at A and peer auditor at A, and body admin at X: three homes in one."""
    user = make_user("veel@example.nl", "Veel Rollen", Role.MEMBER_ADMIN, member=world.member_a)
    RoleAssignment.objects.create(user=user, role=Role.PEER_AUDITOR, member=world.member_a)
    RoleAssignment.objects.create(user=user, role=Role.BODY_ADMIN, body=world.body_x)
    TOTP.activate(user, generate_totp_secret())  # a CI role: two-factor authentication set up
    world.body_x.framework_agreement = False
    world.body_x.save()
    return user


def grow(world, n):
    """More of everything the dashboards list: members, bodies, auditors, conditions."""
    for i in range(n):
        make_member(f"Extra lid {i}", None, "12345678")
        body = make_body(f"Extra instelling {i}", "11112222")
        all_conditions(body, until=timezone.localdate() + datetime.timedelta(days=10))
        make_user(f"extra{i}@ci-x.example.nl", f"Extra {i}", Role.AUDITOR, body=world.body_x)
        Condition.objects.create(
            body=world.body_x,
            kind=Condition.Kind.LIABILITY_INSURANCE,
            evidence=f"polis {i}",
            valid_from=timezone.localdate(),
            valid_until=timezone.localdate() + datetime.timedelta(days=20),
        )
        sa = make_self_assessment(world, title=f"Zelfevaluatie {i}", closed_on=timezone.localdate())
        Share.objects.create(self_assessment=sa, body=world.body_x, shared_by=sa.started_by)
        make_audit(world)
        make_audit(world, status="summary_sent")
        make_certificate(world, timezone.localdate() - datetime.timedelta(days=300 + i))


# Session, user, role list and the MFA check; then per role what the page needs, never per row
# (a member admin: one for postponed audits and one for its steps in audits, whatever the
# number of members; an auditor or peer auditor: one for the audits they are in the team of;
# SWN: one for the parts A to check).
# SWN: the certificates needing attention in three queries; a member admin its own in four
# (issue 9), and one for whether its audits can be set beside its self-assessment (issue 10).
QUERIES = {"swn_secretariat": 11, "body_admin": 7, "multi": 17}


@pytest.mark.parametrize("who", sorted(QUERIES))
def test_the_number_of_queries_is_fixed(client, world, django_assert_num_queries, who):
    user = multi_role_user(world) if who == "multi" else world.users[who]
    client.force_login(user)
    make_certificate(world, timezone.localdate() - datetime.timedelta(days=100))
    with django_assert_num_queries(QUERIES[who]):
        assert client.get(URL).status_code == 200
    grow(world, 4)
    with django_assert_num_queries(QUERIES[who]):
        assert client.get(URL).status_code == 200


def test_a_team_member_sees_the_next_step_of_each_audit(client, world, django_assert_num_queries):
    auditor = world.users["auditor"]
    client.force_login(auditor)

    def audit(status, role="auditor"):
        made = make_audit(world, status=status)
        TeamMember.objects.create(audit=made, user=auditor, role=role)
        if status == "started":
            ensure_findings(made)
        return made

    audit("accepted")
    audit("started")
    done = audit("started", role="lead")
    Finding.objects.filter(audit=done).update(verdict="met")
    audit("findings_closed")  # nothing left to do there
    with django_assert_num_queries(7):
        html = client.get(URL).content.decode()
    assert "Verklaar uw onafhankelijkheid voor de toetsing van Stichting Welzijn Oost" in html
    assert "Leg de bevindingen vast bij Stichting Welzijn Oost" in html
    assert "0 van 49 normen beoordeeld" in html
    assert "Stel de bevindingen vast bij Stichting Welzijn Oost" in html
    audit("started")
    with django_assert_num_queries(7):
        client.get(URL)
