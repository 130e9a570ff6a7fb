"""What the back office shows about certification bodies, derived from the stored facts.

Plain functions over prefetched objects: the list, the detail page, the API and the
tests read the same answers ("may this body audit today?", "which rate applies?").
Every function here costs a fixed number of queries, whatever the number of bodies,
conditions, rates or people.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from kwaliteitslabel.accounts import code_of_conduct
from kwaliteitslabel.accounts.models import BODY_ROLES, CodeOfConductSignature, Role, RoleAssignment

from .models import CertificationBody, Condition, DayRate

# How long before a condition's end date SWN and the body are warned (as on the dashboard).
CONDITION_WARNING_DAYS = 60

CONDITION_STATUS = {
    "valid": "geldig",
    "expiring": "verloopt binnenkort",
    "expired": "verlopen",
    "not_yet": "nog niet geldig",
}
RATE_STATUS = {"current": "huidig tarief", "future": "toekomstig tarief", "past": "vervangen"}


def bodies_with_facts():
    """Bodies with their conditions and rates, read in three queries."""
    return CertificationBody.objects.prefetch_related(
        Prefetch("conditions", queryset=Condition.objects.order_by("kind", "-valid_from")),
        Prefetch("rates", queryset=DayRate.objects.order_by("-valid_from")),
    )


def condition_status(condition: Condition, on: datetime.date, others=()) -> str:
    """One of CONDITION_STATUS: geldig, verloopt binnenkort, verlopen or nog niet geldig.

    Evidence that ends soon but is already followed by new evidence of the same kind (a
    renewed policy) is not "verloopt binnenkort": nothing needs to be done. `others` are
    the body's other conditions.
    """
    if condition.valid_until is not None and condition.valid_until < on:
        return "expired"
    if condition.valid_from > on:
        return "not_yet"
    if condition.expires_within(CONDITION_WARNING_DAYS, on) and not is_renewed(condition, others):
        return "expiring"
    return "valid"


def is_renewed(condition: Condition, others) -> bool:
    """Is there evidence of the same kind for the day after this one ends?"""
    if condition.valid_until is None:
        return False
    day_after = condition.valid_until + datetime.timedelta(days=1)
    return any(
        o.pk != condition.pk and o.kind == condition.kind and o.is_valid(day_after) for o in others
    )


def expiring_conditions(body: CertificationBody, on: datetime.date) -> list[Condition]:
    """Conditions that end within CONDITION_WARNING_DAYS and have no successor yet."""
    conditions = list(body.conditions.all())
    return [c for c in conditions if condition_status(c, on, conditions) == "expiring"]


def next_rate(body: CertificationBody, on: datetime.date) -> DayRate | None:
    """The first rate that starts after `on`, so a coming price change is seen in time."""
    later = [r for r in body.rates.all() if r.valid_from > on]
    return min(later, key=lambda r: r.valid_from) if later else None


@dataclass
class BodyOverview:
    """One line of the list: may the body audit today, what is missing, what expires soon."""

    body: CertificationBody
    missing: list[str]
    expiring: list[Condition]
    rate: DayRate | None
    next_rate: DayRate | None

    @property
    def may_audit(self) -> bool:
        return not self.missing


def overview(bodies, on: datetime.date) -> list[BodyOverview]:
    """Bodies must come with conditions and rates prefetched (`bodies_with_facts`)."""
    return [
        BodyOverview(
            body=body,
            missing=body.missing_conditions(on),
            expiring=expiring_conditions(body, on),
            rate=body.rate_on(on),
            next_rate=next_rate(body, on),
        )
        for body in bodies
    ]


@dataclass
class ConditionRow:
    condition: Condition
    status: str

    @property
    def status_label(self) -> str:
        return CONDITION_STATUS[self.status]


def condition_rows(body: CertificationBody, on: datetime.date) -> list[ConditionRow]:
    conditions = list(body.conditions.all())
    return [ConditionRow(c, condition_status(c, on, conditions)) for c in conditions]


@dataclass
class RateRow:
    rate: DayRate
    status: str

    @property
    def status_label(self) -> str:
        return RATE_STATUS[self.status]


def rate_rows(body: CertificationBody, on: datetime.date) -> list[RateRow]:
    """All rates, newest first, each marked current, future or past (replaced)."""
    current = body.rate_on(on)
    rows = []
    for rate in sorted(body.rates.all(), key=lambda r: r.valid_from, reverse=True):
        if current is not None and rate.pk == current.pk:
            status = "current"
        elif rate.valid_from > on:
            status = "future"
        else:
            status = "past"
        rows.append(RateRow(rate, status))
    return rows


def auditors_must_sign(body: CertificationBody) -> bool:
    """Bijlage 6 step 2b: auditors of a body WITHOUT framework agreement sign the code of conduct."""
    return not body.framework_agreement


@dataclass
class Person:
    """Someone with a role at the body; one line even when they hold two roles there."""

    user: object
    roles: list[str] = field(default_factory=list)
    is_auditor: bool = False
    branch_knowledge: str = ""
    signature: CodeOfConductSignature | None = None  # the latest, of any version
    current_signature: CodeOfConductSignature | None = None  # the latest of the text in force

    @property
    def code_status(self) -> str:
        """signed (the text in force), outdated (an older text only) or missing."""
        if self.current_signature:
            return "signed"
        return "outdated" if self.signature else "missing"


def people(body: CertificationBody) -> list[Person]:
    """Auditors and body admins with their signed codes of conduct, in two queries."""
    assignments = (
        RoleAssignment.objects.filter(body=body, role__in=BODY_ROLES)
        .select_related("user")
        .order_by("user__name", "user__email", "role")
    )
    by_user: dict[int, Person] = {}
    for a in assignments:
        person = by_user.setdefault(a.user_id, Person(user=a.user))
        person.roles.append(a.get_role_display())
        if a.role == Role.AUDITOR:
            person.is_auditor = True
        if a.branch_knowledge:
            person.branch_knowledge = "\n".join(
                filter(None, [person.branch_knowledge, a.branch_knowledge])
            )
    if by_user:
        version = code_of_conduct.current().version
        signatures = CodeOfConductSignature.objects.filter(user_id__in=by_user).order_by(
            "-signed_on", "-created_at"
        )
        for s in signatures:
            person = by_user[s.user_id]
            person.signature = person.signature or s
            if s.text_version == version and person.current_signature is None:
                person.current_signature = s
    return list(by_user.values())
