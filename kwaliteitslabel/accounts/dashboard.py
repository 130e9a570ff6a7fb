"""What waits on a person: the tasks on their dashboard ("Wat moet ik doen?", UX.md).

Each role adds its tasks; each task links to the page where it is done. The number of
queries does not grow with the number of members, bodies or auditors.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, prefetch_related_objects
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format

from kwaliteitslabel.audits import deadlines
from kwaliteitslabel.audits import rules_audit as audit_rules
from kwaliteitslabel.audits.models import Audit, TeamMember
from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.bodies.services import expiring_conditions
from kwaliteitslabel.certificates import cards as certificate_cards
from kwaliteitslabel.certificates import rules as certificate_rules
from kwaliteitslabel.common import dates
from kwaliteitslabel.members.models import Member
from kwaliteitslabel.selfassessment.models import SelfAssessment, Share
from kwaliteitslabel.trends import rules as trend_rules
from kwaliteitslabel.trends import selfcheck

from . import code_of_conduct, rules
from .models import CodeOfConductSignature, Role, RoleAssignment

# A condition of a body (insurance, accreditation) shows up this many days before it ends.
# Longer lists end in a link to the full list.
LIST_LIMIT = 10


def url(name: str, fallback: str | None = None, **kwargs) -> str:
    """The page `name`, or `fallback` (or "") while that page does not exist yet."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return reverse(fallback) if fallback else ""


@dataclass
class Task:
    text: str
    url: str = ""
    detail: str = ""
    due: datetime.date | None = None
    people: list = field(default_factory=list)  # (name, e-mail) pairs to remind
    today: datetime.date | None = None

    @property
    def days_left(self) -> int | None:
        if self.due is None:
            return None
        return (self.due - (self.today or timezone.localdate())).days

    @property
    def due_text(self) -> str:
        if self.due is None:
            return ""
        return dates.due_text(self.due, self.today or timezone.localdate())

    @property
    def is_late(self) -> bool:
        return self.days_left is not None and self.days_left < 0


@dataclass
class Link:
    text: str
    url: str


@dataclass
class Dashboard:
    tasks: list[Task] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    roles: list[RoleAssignment] = field(default_factory=list)
    # Issue 9 item 7: the member's certificates, and SWN's certificates needing attention.
    certificates: list = field(default_factory=list)
    attention: list = field(default_factory=list)

    def sort(self) -> None:
        """Tasks with a due date first, the most urgent first; the others keep their order."""
        far = datetime.date.max
        self.tasks.sort(key=lambda t: t.due or far)


def build(user, today: datetime.date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    board = Dashboard(roles=rules.assignments(user))
    if rules.must_sign_code_of_conduct(user):
        _code_of_conduct(board, user)
    admin_of = _unique(rules.member_admin_of(user))
    for member in admin_of:
        _member_admin(board, member)
    if admin_of:
        board.certificates = certificate_cards.for_members(admin_of, today)
        _postponed_audits(board, admin_of)
        _member_audits(board, admin_of)
        # Issue 10 item 4: once an audit with a final report follows a self-assessment; one query.
        compared = set(selfcheck.audits_compared(admin_of).values_list("member", flat=True))
        for m in (m for m in admin_of if m.pk in compared):
            mine = f"{reverse('trends:my_selfcheck')}?lid={m.pk}"
            board.links.append(Link(f"Zelfevaluatie van {m} naast de toetsing", mine))
    bodies = _unique(rules.body_admin_of(user))
    if bodies:
        _body_admin(board, bodies, today)
    if rules.body_ids(user):
        _shared_self_assessments(board, user)
    if bodies:
        _body_audits(board, bodies)
    if rules.has_role(user, Role.AUDITOR, Role.PEER_AUDITOR):
        _team_audits(board, user)
    if audit_rules.can_list_audits(user):
        board.links.append(Link("Toetsingen", reverse("audits:audit_list")))
    if rules.is_swn_staff(user):
        _swn_staff(board, user, today)
    if certificate_rules.can_see_overview(user):
        board.attention = certificate_cards.attention(today)[0]
        board.links.append(Link("Certificaten", reverse("certificates:overview")))
    if trend_rules.can_read_trends(user):
        board.links.append(Link("Trends in de sector", reverse("trends:norms")))
    if rules.has_role(user, Role.GOVERNANCE):
        board.links.append(Link("Het Kwaliteitsregister", reverse("certificates:register")))
        board.links.append(Link("De normenkaders", reverse("frameworks:framework_list")))
        board.links.append(Link("De branchecode sociaal werk", reverse("frameworks:branch_code")))
    for task in board.tasks:
        task.today = today
    board.sort()
    return board


def _unique(objects):
    seen, result = set(), []
    for obj in objects:
        if obj.pk not in seen:
            seen.add(obj.pk)
            result.append(obj)
    return result


def _code_of_conduct(board: Dashboard, user) -> None:
    if code_of_conduct.signature(user) is None:
        board.tasks.append(
            Task(
                "Teken de gedragscode",
                reverse("accounts:code_of_conduct"),
                "Als auditor of branchetoetser tekent u de gedragscode en "
                "geheimhoudingsverklaring voordat u gaat toetsen.",
            )
        )


def _member_admin(board: Dashboard, member: Member) -> None:
    board.links.append(
        Link(
            f"Nodig collega's van {member} uit",
            reverse("accounts:invite", kwargs={"kind": "lid", "pk": member.pk}),
        )
    )
    if member_url := url("members:member_detail", pk=member.pk):
        board.links.append(Link(f"Gegevens van {member}", member_url))
    board.links.append(
        Link(f"Scopes en kosten van {member}", reverse("audits:scope_list", args=[member.pk]))
    )
    board.links.append(
        Link(
            f"Zelfevaluaties van {member}", reverse("selfassessment:member_list", args=[member.pk])
        )
    )
    board.links.append(
        Link(f"Toetsing aanvragen voor {member}", reverse("audits:audit_request", args=[member.pk]))
    )


def _postponed_audits(board: Dashboard, members: list[Member]) -> None:
    """Bijlage 5 B3: the audit postponed after the self-assessment, due on that date; one query."""
    newest: dict[int, SelfAssessment] = {}
    for sa in SelfAssessment.objects.filter(
        member__in=members, closed_on__isnull=False, postponed_until__isnull=False
    ).order_by("member_id", "-closed_on", "-pk"):
        newest.setdefault(sa.member_id, sa)
    names = {member.pk: member.name for member in members}
    for sa in newest.values():
        board.tasks.append(
            Task(
                f"Toetsing uitgesteld tot {date_format(sa.postponed_until, 'j F Y')} "
                f"({names[sa.member_id]})",
                url("selfassessment:readiness", pk=sa.pk),
                "Na de zelfevaluatie mag de toetsing hoogstens 12 maanden wachten. "
                "Plan de toetsing met de certificerende instelling vóór deze datum.",
                due=sa.postponed_until,
            )
        )


def _shared_self_assessments(board: Dashboard, user) -> None:
    """Self-assessments shared with the user's bodies that still wait for feedback; one query."""
    waiting = Share.objects.filter(
        body_id__in=rules.body_ids(user), feedback_at__isnull=True
    ).select_related("self_assessment__member", "body")
    for share in waiting.order_by("shared_at")[:LIST_LIMIT]:
        board.tasks.append(
            Task(
                f"Geef feedback op de zelfevaluatie van {share.self_assessment.member}",
                reverse("selfassessment:give_feedback", args=[share.pk]),
                f"Gedeeld met {share.body} op {date_format(timezone.localtime(share.shared_at), 'j F Y')}.",
            )
        )
    board.links.append(
        Link("Zelfevaluaties gedeeld met uw instelling", reverse("selfassessment:shared_list"))
    )


def _team_audits(board: Dashboard, user) -> None:
    """The audits the user is in the team of, with the next step for them; one query."""
    Status = Audit.Status
    places = (
        TeamMember.objects.filter(user=user, audit__status__in=[Status.ACCEPTED, Status.STARTED])
        .select_related("audit__member")
        .annotate(
            total=Count("audit__findings"),
            open=Count("audit__findings", filter=Q(audit__findings__verdict="not_assessed")),
        )
        .order_by("audit__requested_at")
    )
    for place in places[:LIST_LIMIT]:
        audit = place.audit
        if audit.status == Status.ACCEPTED and place.declared_independent_at is None:
            board.tasks.append(
                Task(
                    f"Verklaar uw onafhankelijkheid voor de toetsing van {audit.member}",
                    reverse("audits:audit_declare", args=[audit.pk]),
                    "Bijlage 5 A7: de toetsing begint pas als iedereen in het team dit verklaarde.",
                )
            )
        elif audit.status == Status.STARTED and place.open == 0 and place.role == "lead":
            board.tasks.append(
                Task(
                    f"Stel de bevindingen vast bij {audit.member}",
                    reverse("audits:findings_close", args=[audit.pk]),
                    "Alle normen zijn beoordeeld; na de laatste auditdag stelt u ze vast.",
                )
            )
        elif audit.status == Status.STARTED:
            board.tasks.append(
                Task(
                    f"Leg de bevindingen vast bij {audit.member}",
                    reverse("audits:findings", args=[audit.pk]),
                    f"{place.total - place.open} van {place.total} normen beoordeeld.",
                )
            )


# The page where the step is taken; other steps start from the audit's page.
STEP_PAGES = {
    "improvement_plan": "audits:plan",
    "plan_review": "audits:plan",
    "plan_amendment": "audits:plan",
    "amended_plan_review": "audits:plan",
    "follow_up": "audits:follow_up",
    "summary_to_swn": "audits:summary_send",
    "summary_to_swn_route_a": "audits:summary_send",
    "summary_repaired": "audits:summary_send",
    "swn_check": "reports:check",
    "certificate": "certificates:issue",
}


def _deadline_tasks(board: Dashboard, audit, who: str, title: str) -> None:
    """The deadline running in the audit's status, as a task for `who` (body, member, swn)."""
    for step, due in deadlines.running(audit):
        if step.who == who:
            board.tasks.append(
                Task(
                    f"{step.text}: {title}",
                    reverse(STEP_PAGES.get(step.key, "audits:audit_detail"), args=[audit.pk]),
                    f"{step.period} na {step.after_label} ({step.source}).",
                    due=due,
                )
            )


def _member_audits(board: Dashboard, members) -> None:
    """The member's own steps in its audits (react to the concept, the improvement plan); one query."""
    audits = deadlines.with_event_dates(
        Audit.objects.filter(member__in=members, status__in=list(deadlines.RUNNING))
    ).select_related("member")
    for audit in audits.order_by("requested_at")[:LIST_LIMIT]:
        _deadline_tasks(board, audit, "member", f"toetsing van {audit.member}")


def _body_audits(board: Dashboard, bodies) -> None:
    """Requests waiting for the body's answer, and the body's steps after the findings; one query."""
    Status = Audit.Status
    audits = deadlines.with_event_dates(
        Audit.objects.filter(
            body__in=bodies, status__in=[Status.REQUESTED, Status.PLAN_TALKS, *deadlines.RUNNING]
        )
    ).select_related("member", "body")
    for audit in audits.order_by("requested_at")[:LIST_LIMIT]:
        if audit.status == Status.PLAN_TALKS:
            board.tasks.append(
                Task(
                    f"Leg de uitkomst van het overleg met {audit.member} vast",
                    reverse("audits:plan_talks", args=[audit.pk]),
                    "Ook het aangepaste verbeterplan is afgekeurd (Bijlage 6 stap 9b-iii): nog "
                    "een ronde of negatief advies.",
                )
            )
        elif audit.status == Status.REQUESTED:
            board.tasks.append(
                Task(
                    f"Beoordeel de aanvraag van {audit.member} ({audit.get_kind_display()})",
                    reverse("audits:audit_decide", args=[audit.pk]),
                    f"Aangevraagd bij {audit.body}. Na uw akkoord krijgt Sociaal Werk Nederland bericht.",
                )
            )
        else:
            _deadline_tasks(board, audit, "body", str(audit.member))


def _swn_audits(board: Dashboard) -> None:
    """SWN's own steps in the audits: checking part A (Bijlage 6 step 13); one query."""
    swn_statuses = [
        status
        for status, (key, _) in deadlines.RUNNING.items()
        if any(
            v.deadlines.get(key) and v.deadlines[key].who == "swn"
            for v in deadlines.versions().values()
        )
    ]
    audits = deadlines.with_event_dates(
        Audit.objects.filter(status__in=swn_statuses)
    ).select_related("member", "body")
    for audit in audits.order_by("requested_at")[:LIST_LIMIT]:
        _deadline_tasks(board, audit, "swn", f"{audit.member} ({audit.body})")


def _body_admin(board: Dashboard, bodies: list[CertificationBody], today) -> None:
    prefetch_related_objects(bodies, "conditions")
    version = code_of_conduct.current().version
    without_agreement = [b for b in bodies if not b.framework_agreement]
    unsigned: dict[int, list] = {}
    if without_agreement:
        signed = CodeOfConductSignature.objects.filter(user=OuterRef("user"), text_version=version)
        for a in (
            RoleAssignment.objects.filter(role=Role.AUDITOR, body__in=without_agreement)
            .exclude(Exists(signed))
            .select_related("user")
            .order_by("user__name")
        ):
            unsigned.setdefault(a.body_id, []).append((a.user.name, a.user.email))
    for body in bodies:
        body_url = url("bodies:body_detail", pk=body.pk)
        if people := unsigned.get(body.pk):
            board.tasks.append(
                Task(
                    f"{len(people)} auditor{'en' if len(people) != 1 else ''} van {body} "
                    f"{'hebben' if len(people) != 1 else 'heeft'} de gedragscode nog niet getekend",
                    detail="Uw instelling heeft geen mantelovereenkomst met Sociaal Werk Nederland. "
                    "Daarom tekenen uw auditoren de gedragscode vóór hun eerste toetsdag. "
                    "Zij doen dat op hun eigen startpagina. Stuur hun een herinnering:",
                    people=people,
                )
            )
        for missing in body.missing_conditions(today):
            board.tasks.append(
                Task(
                    f"Voorwaarde ontbreekt voor {body}: {missing}",
                    body_url,
                    "Zonder deze voorwaarde mag uw instelling niet toetsen voor het label. "
                    "Voeg het bewijs toe bij de gegevens van uw instelling.",
                )
            )
        for condition in expiring_conditions(body, today):
            board.tasks.append(
                Task(
                    f"Voorwaarde verloopt: {condition.get_kind_display()} ({body})",
                    body_url,
                    "Voeg op tijd nieuw bewijs toe, anders mag uw instelling niet meer toetsen.",
                    due=condition.valid_until,
                )
            )
        board.links.append(
            Link(
                f"Nodig auditoren van {body} uit",
                reverse("accounts:invite", kwargs={"kind": "instelling", "pk": body.pk}),
            )
        )
        if body_url:
            board.links.append(Link(f"Gegevens van {body}", body_url))


def _swn_staff(board: Dashboard, user, today) -> None:
    members = list(
        Member.objects.filter(Q(member_number__isnull=True) | Q(member_number="")).only(
            "pk", "name"
        )
    )
    for member in members[:LIST_LIMIT]:
        board.tasks.append(
            Task(
                f"Geef {member} een lidnummer",
                url("members:member_detail", "members:member_list", pk=member.pk),
                "Zonder lidnummer kan deze organisatie geen toetsing beginnen.",
            )
        )
    if len(members) > LIST_LIMIT:
        board.tasks.append(
            Task(
                f"En nog {len(members) - LIST_LIMIT} lidorganisaties zonder lidnummer",
                reverse("members:member_list"),
            )
        )
    blocked = [
        b
        for b in CertificationBody.objects.prefetch_related("conditions")
        if not b.may_audit(today)
    ]
    for body in blocked[:LIST_LIMIT]:
        board.tasks.append(
            Task(
                f"{body} mag nu niet toetsen",
                url("bodies:body_detail", "bodies:body_list", pk=body.pk),
                "Ontbreekt: " + ", ".join(body.missing_conditions(today)) + ".",
            )
        )
    if len(blocked) > LIST_LIMIT:
        board.tasks.append(
            Task(
                f"En nog {len(blocked) - LIST_LIMIT} instellingen die nu niet mogen toetsen",
                reverse("bodies:body_list"),
            )
        )
    _swn_audits(board)
    board.links.append(Link("Alle lidorganisaties", reverse("members:member_list")))
    board.links.append(Link("Alle certificerende instellingen", reverse("bodies:body_list")))
    board.links.append(Link("Historische rapporten", reverse("reports:historic_list")))
    board.links.append(Link("Certificaten uitreiken", reverse("certificates:inbox")))
    if rules.can_invite_swn(user):
        board.links.append(
            Link("Nodig een collega van Sociaal Werk Nederland uit", reverse("accounts:invite_swn"))
        )
