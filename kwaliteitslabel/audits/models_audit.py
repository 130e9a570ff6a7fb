"""The audit (toetsing): requested by a member, accepted by a body, planned with days and a team.

Issue 6. The status only changes through `workflow.py`, which records an event for the
timeline. Findings are in `models_findings.py`, peer clusters in `models_cluster.py`; the
report cycle follows in later issues.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kwaliteitslabel.common.models import Versioned

from . import calculator


class Audit(Versioned):
    class Variant(models.TextChoices):
        # DOMAIN.md "Audit variants"
        BODY = "body", "toets door de CI"
        COMBINED = "combined", "combinatietoets (met ISO 9001, HKZ of NVVK)"
        PEER = "peer", "intercollegiale toets onder leiding van de CI"

    class CombinedWith(models.TextChoices):
        ISO = "iso", "ISO 9001"
        HKZ = "hkz", "HKZ"
        NVVK = "nvvk", "NVVK-normenkader"

    class Kind(models.TextChoices):
        INITIAL = "initial", "eerste toetsing"
        RECERTIFICATION = "recertification", "hertoetsing"
        FOLLOW_UP = "follow_up", "aanvullend onderzoek"
        SCOPE_EXTENSION = "scope_extension", "uitbreiding van de scope"

    class Status(models.TextChoices):
        REQUESTED = "requested", "aangevraagd"
        DECLINED = "declined", "afgewezen door de CI"
        ACCEPTED = "accepted", "geaccepteerd, in planning"
        STARTED = "started", "toetsing begonnen"
        # Bijlage 5 B5: the team's balance at the end of the last day; changes go through
        # the report cycle from here on.
        FINDINGS_CLOSED = "findings_closed", "bevindingen vastgesteld"
        # The report cycle (Bijlage 6 steps 6-9, Bijlage 5 B7-B10): the concept goes to the
        # member, who may correct factual errors; then the findings are final and the route
        # they lead to decides what follows.
        DRAFT_REPORT = "draft_report", "conceptrapport bij het lid"
        MEMBER_REACTED = "member_reacted", "reactie van het lid ontvangen"
        PLAN_DUE = "plan_due", "rapport definitief, verbeterplan gevraagd"
        # Improvement plans (Bijlage 6 steps 9-10, Bijlage 5 B10): judged per norm; a
        # rejection opens one amend round. Under 2021 a second rejection leads to talks
        # between body and member (B6 9b-iii), under 2017 to a negative advice.
        PLAN_REVIEW = "plan_review", "verbeterplan ter beoordeling bij de CI"
        PLAN_AMEND = "plan_amend", "verbeterplan aan te passen"
        PLAN_TALKS = "plan_talks", "aangepast plan afgekeurd, CI en lid overleggen"
        # Route c with the improvement option: the current certification is suspended
        # until the follow-up investigation is done (Bijlage 6 step 9c-ii).
        FOLLOW_UP = "follow_up", "aanvullend onderzoek, certificering geschorst"
        ADVICE_POSITIVE = "advice_positive", "rapport definitief, positief advies"
        ADVICE_NEGATIVE = "advice_negative", "negatief advies"
        # Bijlage 6 step 12: part A with the advice to the SWN secretariat, advisers in copy.
        SUMMARY_SENT = "summary_sent", "deel A bij Sociaal Werk Nederland"
        # Bijlage 6 steps 13-14: SWN checks part A; incomplete goes back to the body.
        SUMMARY_RETURNED = "summary_returned", "deel A terug naar de CI"
        SUMMARY_ACCEPTED = "summary_accepted", "deel A compleet, ontvangst bevestigd"
        # Bijlage 6 stap 15: SWN issues the certificate and registers the member (issue 9).
        CERTIFIED = "certified", "certificaat uitgereikt"

    class ProcessVersion(models.TextChoices):
        # The deadlines of each are data: frameworks/data/process_versions.yaml.
        V2021 = "2021", "proces 2021 (Bijlage 6)"
        V2017 = "2017", "proces 2017 (Bijlage 5)"

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="audits")
    body = models.ForeignKey(
        "bodies.CertificationBody", on_delete=models.PROTECT, related_name="audits"
    )
    framework = models.ForeignKey(
        "frameworks.Framework", on_delete=models.PROTECT, related_name="audits"
    )
    scope = models.ForeignKey("audits.Scope", on_delete=models.PROTECT, related_name="audits")
    self_assessment = models.ForeignKey(
        "selfassessment.SelfAssessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audits",
    )
    variant = models.CharField("toetsingsvariant", max_length=20, choices=Variant.choices)
    combined_with = models.CharField(
        "gecombineerd met", max_length=10, choices=CombinedWith.choices, blank=True
    )
    kind = models.CharField("soort toetsing", max_length=20, choices=Kind.choices)
    # From the calculator at the request; None when the sources leave it open ("maatwerk").
    calculated_days = models.DecimalField(
        "berekende auditdagen", max_digits=4, decimal_places=1, null=True, blank=True
    )
    planned_days = models.DecimalField("geplande auditdagen", max_digits=4, decimal_places=1)
    days_reason = models.TextField("reden voor een ander aantal dagen", blank=True)
    previous_expiry = models.DateField("vorig certificaat geldig tot en met", null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.REQUESTED, editable=False
    )

    # The decision route of the final findings (a, b, c); empty before (decision.py).
    route = models.CharField("route", max_length=1, blank=True, editable=False)
    process_version = models.CharField(
        "procesversie",
        max_length=10,
        choices=ProcessVersion.choices,
        default=ProcessVersion.V2021,
        editable=False,
    )
    # Variant 3: the cluster whose rotation says which members' peers may audit this one.
    cluster = models.ForeignKey(
        "audits.PeerCluster",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audits",
        verbose_name="cluster",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = "toetsing"
        verbose_name_plural = "toetsingen"
        constraints = [
            models.CheckConstraint(
                condition=Q(variant="combined", combined_with__in=["iso", "hkz", "nvvk"])
                | (~Q(variant="combined") & Q(combined_with="")),
                name="combined_with_only_for_combined",
            ),
            models.CheckConstraint(
                condition=Q(cluster__isnull=True) | Q(variant="peer"),
                name="cluster_only_for_peer_audits",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display().capitalize()} {self.member} ({self.framework.version})"

    @property
    def suspends_certification(self) -> bool:
        return self.route == "c" and self.status in SUSPENDING

    def calculation(self) -> calculator.AuditDays:
        return calculator.audit_days(
            self.variant, self.scope.fte_in_scope, self.combined_with or None
        )


# From the closing of the findings on: the result per rubric is known.
CLOSED = (
    Audit.Status.FINDINGS_CLOSED,
    Audit.Status.DRAFT_REPORT,
    Audit.Status.MEMBER_REACTED,
    Audit.Status.PLAN_DUE,
    Audit.Status.PLAN_REVIEW,
    Audit.Status.PLAN_AMEND,
    Audit.Status.PLAN_TALKS,
    Audit.Status.FOLLOW_UP,
    Audit.Status.ADVICE_POSITIVE,
    Audit.Status.ADVICE_NEGATIVE,
    Audit.Status.SUMMARY_SENT,
    Audit.Status.SUMMARY_RETURNED,
    Audit.Status.SUMMARY_ACCEPTED,
    Audit.Status.CERTIFIED,
)
# The plan rounds: the member writes, the body judges.
PLAN_OPEN = (Audit.Status.PLAN_DUE, Audit.Status.PLAN_AMEND)
# Route c after the findings became final, until the advice: the current certification
# is suspended (Bijlage 6 step 9c-ii); the certificates issue shows it in the register.
SUSPENDING = (
    Audit.Status.PLAN_DUE,
    Audit.Status.PLAN_REVIEW,
    Audit.Status.PLAN_AMEND,
    Audit.Status.PLAN_TALKS,
    Audit.Status.FOLLOW_UP,
)
# The member reads part B from the concept on (Bijlage 7: part B is for the member).
REPORTED = CLOSED[1:]


class AuditEvent(models.Model):
    """One step of the audit's timeline: who did what, when (recorded by the workflow)."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=Audit.Status.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.audit}: {self.get_status_display()}"


class AuditDay(models.Model):
    class Mode(models.TextChoices):
        ON_SITE = "on_site", "op locatie"
        ONLINE = "online", "online"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("datum")
    mode = models.CharField("vorm", max_length=10, choices=Mode.choices, default=Mode.ON_SITE)
    location = models.ForeignKey(
        "members.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="locatie",
    )
    # DOMAIN.md "Audit days": interviews at the main location; another one needs a reason.
    location_reason = models.TextField("reden voor een andere locatie", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "auditdag"
        verbose_name_plural = "auditdagen"
        constraints = [
            models.UniqueConstraint(fields=["audit", "date"], name="one_audit_day_per_date"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} ({self.get_mode_display()})"


class TeamMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "teamleider"
        AUDITOR = "auditor", "auditor"
        PEER_AUDITOR = "peer_auditor", "branchetoetser"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_team_places"
    )
    role = models.CharField("rol in het team", max_length=20, choices=Role.choices)
    # Bijlage 5 A7: each team member declares they do not work for and did not advise the member.
    declared_independent_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "user__name"]
        verbose_name = "teamlid"
        verbose_name_plural = "teamleden"
        constraints = [
            models.UniqueConstraint(fields=["audit", "user"], name="one_place_per_person"),
            models.UniqueConstraint(
                fields=["audit"], condition=Q(role="lead"), name="one_lead_per_audit"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class DeadlineNotice(models.Model):
    """A reminder before, or a notice after, one deadline of one audit: sent once each,
    however often `run_lifecycle` runs (the unique constraint is the guarantee)."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "herinnering"
        OVERDUE = "overdue", "termijn verstreken"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="deadline_notices")
    deadline = models.CharField(max_length=40)
    due = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "deadline", "due", "kind"], name="one_notice_per_deadline"
            ),
        ]

    def __str__(self):
        return f"{self.audit}: {self.deadline} {self.get_kind_display()}"
