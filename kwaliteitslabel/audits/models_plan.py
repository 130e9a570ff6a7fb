"""The improvement plan (verbeterplan / plan van aanpak) and the follow-up investigation.

Issue 7. Route b and c (DOMAIN.md "Verdicts and weighting"; Bijlage 5 B10, Bijlage 6 steps
9-10): one plan per audit with, per norm "-" or "+/-", the measures, who is responsible,
when, and the evidence to come. The body judges each norm; a rejection opens the amend
round. Route c adds a follow-up investigation (aanvullend onderzoek) whose verdicts
replace those of the norms concerned (Bijlage 6 step 9c: an addendum to part B).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from kwaliteitslabel.common.models import Versioned

from .decision import Verdict
from .models_audit import Audit


class ImprovementPlan(Versioned):
    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="plan")
    # 1: the first plan; 2: the amended plan after a rejection (3 and on after talks, B6 9b-iii).
    round = models.PositiveSmallIntegerField("ronde", default=1)
    submitted_at = models.DateTimeField("ingediend op", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "verbeterplan"
        verbose_name_plural = "verbeterplannen"

    def __str__(self):
        return f"Verbeterplan {self.audit.member} (ronde {self.round})"


class PlanItem(Versioned):
    class Judgement(models.TextChoices):
        PENDING = "pending", "nog te beoordelen"
        APPROVED = "approved", "goedgekeurd"
        REJECTED = "rejected", "afgekeurd"

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="items")
    norm = models.ForeignKey("frameworks.Norm", on_delete=models.PROTECT, related_name="+")
    measures = models.TextField("maatregelen", blank=True)
    # A function or a team, as in the report (Bijlage 7 names no persons).
    owner = models.CharField("verantwoordelijk", max_length=200, blank=True)
    planned_date = models.DateField("gereed op", null=True, blank=True)
    evidence = models.TextField("bewijs dat volgt", blank=True)
    judgement = models.CharField(
        "oordeel van de CI", max_length=10, choices=Judgement.choices, default=Judgement.PENDING
    )
    reason = models.TextField("toelichting van de CI", blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    judged_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["norm__rubric__position", "norm__number"]
        verbose_name = "normregel van het verbeterplan"
        verbose_name_plural = "normregels van het verbeterplan"
        constraints = [
            models.UniqueConstraint(fields=["plan", "norm"], name="one_plan_item_per_norm"),
            models.CheckConstraint(
                condition=~models.Q(judgement="rejected") | ~models.Q(reason=""),
                name="plan_item_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.plan}: {self.norm.code}"

    @property
    def missing(self) -> list[str]:
        """The parts the member has yet to fill in, by their labels."""
        fields = ("measures", "owner", "planned_date", "evidence")
        return [str(self._meta.get_field(f).verbose_name) for f in fields if not getattr(self, f)]


class FollowUp(models.Model):
    """Route c: the follow-up investigation on site, at a date agreed with the member."""

    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="follow_up")
    date = models.DateField("datum van het aanvullend onderzoek")
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("vastgelegd op", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "aanvullend onderzoek"
        verbose_name_plural = "aanvullende onderzoeken"

    def __str__(self):
        return f"Aanvullend onderzoek {self.audit.member} ({self.date:%d-%m-%Y})"


class FollowUpFinding(models.Model):
    """A new verdict for one norm concerned; the audit's other verdicts stand."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="findings")
    norm = models.ForeignKey("frameworks.Norm", on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(
        "oordeel",
        max_length=20,
        choices=[(v.value, v.label) for v in Verdict if v != Verdict.NOT_ASSESSED],
    )
    text = models.TextField("bevindingen (addendum op deel B)")

    class Meta:
        ordering = ["norm__rubric__position", "norm__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "norm"], name="one_follow_up_finding_per_norm"
            ),
        ]

    def __str__(self):
        return f"{self.follow_up}: {self.norm.code} {self.verdict}"
