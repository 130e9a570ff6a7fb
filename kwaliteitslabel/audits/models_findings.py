"""What the team records during an audit: interviews, documents, findings per norm (issue 6).

Bijlage 7 "Gesproken met": conversations are listed by function and department, never by
name. Bijlage 9 "Werkwijze": every norm rests on at least two sources. Every finding starts
as "niet beoordeeld", so nothing is ever approved by default.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kwaliteitslabel.common.models import Versioned

from .decision import Verdict
from .models_audit import Audit, AuditDay, TeamMember


class Interview(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="interviews")
    function = models.CharField("functie", max_length=200)
    department = models.CharField("afdeling of team", max_length=200, blank=True)
    day = models.ForeignKey(
        AuditDay,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interviews",
        verbose_name="auditdag",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "gesprek"
        verbose_name_plural = "gesprekken"

    def __str__(self):
        return f"{self.function}, {self.department}" if self.department else self.function


class Document(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="documents")
    rubric = models.ForeignKey(
        "frameworks.Rubric", on_delete=models.PROTECT, related_name="+", verbose_name="rubriek"
    )
    title = models.CharField("document", max_length=300)

    class Meta:
        ordering = ["rubric__position", "pk"]
        verbose_name = "getoetst document"
        verbose_name_plural = "getoetste documenten"

    def __str__(self):
        return self.title


class Finding(Versioned):
    """The team's finding and verdict on one norm (Bijlage 7 part B)."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings")
    norm = models.ForeignKey("frameworks.Norm", on_delete=models.PROTECT, related_name="+")
    text = models.TextField("bevindingen", blank=True)
    interviews = models.ManyToManyField(
        Interview, blank=True, related_name="findings", verbose_name="gesprekken"
    )
    documents = models.ManyToManyField(
        Document, blank=True, related_name="findings", verbose_name="documenten"
    )
    strengths = models.TextField("sterke punten", blank=True)
    improvement_points = models.TextField("verbeterpunten", blank=True)
    verdict = models.CharField(
        "oordeel", max_length=20, choices=Verdict.choices, default=Verdict.NOT_ASSESSED
    )
    not_applicable_reason = models.TextField("waarom niet van toepassing", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[interviews, documents])

    class Meta:
        ordering = ["norm__rubric__position", "norm__number"]
        verbose_name = "bevinding"
        verbose_name_plural = "bevindingen"
        constraints = [
            models.UniqueConstraint(fields=["audit", "norm"], name="one_finding_per_norm"),
            models.CheckConstraint(
                condition=~Q(verdict="not_applicable") | ~Q(not_applicable_reason=""),
                name="not_applicable_needs_reason",
            ),
        ]

    def __str__(self):
        return f"{self.audit}: {self.norm.code}"


class Evaluation(models.Model):
    """A team member's evaluation of the audit (Bijlage 9 "Werkwijze"), once, after closing."""

    place = models.OneToOneField(TeamMember, on_delete=models.CASCADE, related_name="evaluation")
    answers = models.JSONField("antwoorden", default=dict)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "evaluatie"
        verbose_name_plural = "evaluaties"

    def __str__(self):
        return f"Evaluatie {self.place}"
