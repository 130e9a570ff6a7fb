"""Demo data for `make demo`: members, bodies with the rates of Bijlage 10, one person per role,
one scope of the first member, and its completed self-assessment with CIIO's feedback.

Idempotent: running it again finds everything by its natural key and changes nothing.
The demo password comes from DEMO_PASSWORD, or is made once and kept in var/demo_password.
"""

import os
import secrets
from pathlib import Path

import yaml
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.db import transaction

from kwaliteitslabel.accounts import code_of_conduct
from kwaliteitslabel.accounts.models import MFA_ROLES, RoleAssignment, User
from kwaliteitslabel.audits.models import Scope, ScopeLine
from kwaliteitslabel.bodies.models import CertificationBody, Condition, DayRate
from kwaliteitslabel.members.models import Location, Member, WorkType

from . import audits, certificates, self_assessments

DEMO_FILE = Path(__file__).resolve().parent / "demo.yaml"


def demo_password() -> str:
    if password := os.environ.get("DEMO_PASSWORD"):
        return password
    path = Path(settings.VAR_DIR) / "demo_password"
    if not path.exists():
        path.write_text(f"demo-{secrets.token_urlsafe(9)}")
        path.chmod(0o600)
    return path.read_text().strip()


def totp_secret(user) -> str | None:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    return get_mfa_adapter().decrypt(authenticator.data["secret"])


@transaction.atomic
def load_demo() -> list[dict]:
    """Loads the demo data and returns the log-ins: [{email, name, role, organisation, totp_secret}]."""
    data = yaml.safe_load(DEMO_FILE.read_text())
    work_types = {w.name: w for w in WorkType.objects.all()}
    members = {}
    for m in data["members"]:
        fields = {
            k: v for k, v in m.items() if k not in ("work_types", "locations", "member_number")
        }
        member, created = Member.objects.get_or_create(
            member_number=m["member_number"], defaults=fields
        )
        if created:
            member.work_types.set([work_types[name] for name in m["work_types"]])
        for loc in m["locations"]:
            Location.objects.get_or_create(member=member, name=loc["name"], defaults=loc)
        members[m["member_number"]] = member
    bodies = {}
    for b in data["bodies"]:
        fields = {k: v for k, v in b.items() if k not in ("conditions", "rates", "name")}
        body, _ = CertificationBody.objects.get_or_create(name=b["name"], defaults=fields)
        for c in b["conditions"]:
            Condition.objects.get_or_create(
                body=body, kind=c["kind"], valid_from=c["valid_from"], defaults=c
            )
        for r in b["rates"]:
            DayRate.objects.get_or_create(body=body, valid_from=r["valid_from"], defaults=r)
        bodies[b["name"]] = body
    password = demo_password()
    logins = []
    for p in data["people"]:
        user = User.objects.filter(email=p["email"]).first()
        if user is None:
            user = User.objects.create_user(email=p["email"], password=password, name=p["name"])
        member = members.get(p.get("member"))
        body = bodies.get(p.get("body"))
        RoleAssignment.objects.get_or_create(
            user=user,
            role=p["role"],
            member=member,
            body=body,
            defaults={
                "trained_on": p.get("trained_on"),
                "branch_knowledge": p.get("branch_knowledge", ""),
            },
        )
        if p.get("signed") and code_of_conduct.signature(user) is None:
            code_of_conduct.sign(user, name=user.name, place="Utrecht", signed_on=p["signed"])
        if p["role"] in MFA_ROLES and totp_secret(user) is None:
            TOTP.activate(user, generate_totp_secret())
        logins.append(
            {
                "email": user.email,
                "name": user.name,
                "role": RoleAssignment(role=p["role"]).get_role_display(),
                "organisation": str(member or body or "Sociaal Werk Nederland"),
                "totp_secret": totp_secret(user),
            }
        )
    for s in data.get("scopes", []):
        member = members[s["member"]]
        scope, created = Scope.objects.get_or_create(
            member=member,
            name=s["name"],
            defaults={
                "whole_organisation": s["whole_organisation"],
                "notes": s.get("notes", ""),
                "created_by": User.objects.filter(email=s.get("created_by")).first(),
            },
        )
        if created:
            for work_type, values in s["lines"].items():
                ScopeLine.objects.create(scope=scope, work_type=work_types[work_type], **values)
    self_assessments.load(data.get("self_assessments", []), members)
    audits.load_clusters(data.get("clusters", []), members)
    audits.load(data.get("audits", []), members, data.get("demo_plan", {}))
    certificates.load(data.get("certificates", []), members, bodies)
    return logins
