"""A body's token and a started audit, for the body API's tests."""

import datetime

from django.utils import timezone

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.audits import findings
from kwaliteitslabel.audits.models import AuditDay, TeamMember
from kwaliteitslabel.bodies import tokens
from tests.audits.helpers import make_audit
from tests.world import make_user

API = "/api/v1/body"


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def token_of(world, body=None):
    """A token of body X (or `body`), made by its admin; returns (token, secret)."""
    body = body or world.body_x
    admin = world.users["body_admin"]
    if body != world.body_x:
        admin = make_user(f"admin-{body.pk}@example.nl", "Bea Beheer", Role.BODY_ADMIN, body=body)
    return tokens.make(body, "planningssysteem", admin)


def started_audit(world, member=None, body=None, lead=None):
    """An audit in its audit days: a lead, one day, the 49 findings "niet beoordeeld"."""
    audit = make_audit(world, member=member, body=body, status="started")
    lead = lead or world.users["auditor"]
    TeamMember.objects.create(audit=audit, user=lead, role="lead")
    AuditDay.objects.create(audit=audit, date=timezone.localdate() - datetime.timedelta(days=1))
    findings.ensure_findings(audit)
    return audit


def other_body_audit(world):
    """Member B's audit by body Y, started, with its own lead."""
    lead = make_user("lead-y@example.nl", "Yvo Leider", Role.AUDITOR, body=world.body_y)
    return started_audit(world, member=world.member_b, body=world.body_y, lead=lead)
