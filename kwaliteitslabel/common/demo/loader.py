"""Demo data for `make demo`: members, bodies with the rates of Bijlage 10, one person per role,
their scopes, self-assessments, audits and certificates.

Every date counts from the day of the load (demo.yaml's notation, resolved by days.py), so the
story is the same on any day. Idempotent on that day: running it again finds everything by
its natural key and changes nothing. A database loaded on another day holds another day's
story; `loaded_on` tells which, and `load_demo --reload` starts afresh.
The demo password comes from DEMO_PASSWORD, or is made once and kept in var/demo_password.
"""

import datetime
import os
import secrets
from pathlib import Path

import yaml
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kwaliteitslabel.accounts import code_of_conduct
from kwaliteitslabel.accounts.models import MFA_ROLES, RoleAssignment, User
from kwaliteitslabel.audits.models import Scope, ScopeLine
from kwaliteitslabel.bodies.models import CertificationBody, Condition, DayRate
from kwaliteitslabel.members.models import Location, Member, WorkType

from . import audits, certificates, days, self_assessments

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


def read(today: datetime.date | None = None) -> dict:
    """demo.yaml with its days resolved for `today` (the day of the load by default)."""
    raw = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    return days.resolve(raw, today or timezone.localdate())


def loaded_on() -> datetime.date | None:
    """The day the demo in this database was loaded: the day its first person joined."""
    first = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))["people"][0]["email"]
    user = User.objects.filter(email=first).only("date_joined").first()
    return timezone.localdate(user.date_joined) if user else None


@transaction.atomic
def load_demo() -> list[dict]:
    """Loads the demo data and returns the log-ins: [{email, name, role, organisation, totp_secret}]."""
    data = read()
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
    return logins(data["people"])


def logins(people: list[dict] | None = None) -> list[dict]:
    """The log-ins of the demo's people as the database holds them, in demo.yaml's order:
    [{email, name, role, organisation, totp_secret}]."""
    found = []
    for p in read()["people"] if people is None else people:
        user = User.objects.filter(email=p["email"]).first()
        if user is None:
            continue
        member = p.get("member") and Member.objects.filter(member_number=p["member"]).first()
        body = p.get("body") and CertificationBody.objects.filter(name=p["body"]).first()
        found.append(
            {
                "email": user.email,
                "name": user.name,
                "role": RoleAssignment(role=p["role"]).get_role_display(),
                "organisation": str(member or body or "Sociaal Werk Nederland"),
                "totp_secret": totp_secret(user),
            }
        )
    return found
