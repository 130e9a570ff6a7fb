"""The self-assessment (zelfevaluatie, nulmeting): the team answers, the coordinator consolidates.

Handbook 2.1 and step 1 of chapter 3; the answers use the audit's scale (DOMAIN.md
"Verdicts and weighting") so that readiness follows from the same decision rules.
"""

import secrets

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from kwaliteitslabel.audits.decision import Verdict
from kwaliteitslabel.common.models import Versioned

# A self-assessment answers on the audit's scale, without "niet beoordeeld".
ANSWERS = [(v.value, v.label) for v in Verdict if v != Verdict.NOT_ASSESSED]


def _token() -> str:
    return secrets.token_urlsafe(24)


class SelfAssessment(Versioned):
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="self_assessments"
    )
    # PROTECT: a framework a self-assessment used can no longer change (frameworks loader).
    framework = models.ForeignKey(
        "frameworks.Framework", on_delete=models.PROTECT, related_name="self_assessments"
    )
    scope = models.ForeignKey(
        "audits.Scope",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="self_assessments",
    )
    title = models.CharField("naam", max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    # Closing makes it the baseline (nulmeting); it stays readable, no longer editable.
    closed_on = models.DateField("afgerond op", null=True, blank=True)
    # Bijlage 5 B3: the audit may be postponed at most 12 months after completion.
    postponed_until = models.DateField("toetsing uitgesteld tot", null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="vorige nulmeting",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "zelfevaluatie"
        verbose_name_plural = "zelfevaluaties"

    def __str__(self):
        return f"{self.title} ({self.member})"

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class Participant(models.Model):
    """A team member asked to answer (a part of) the norms; by invitation or a meeting link."""

    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="self_assessment_parts",
    )
    name = models.CharField("naam", max_length=200)
    # The rubric codes this person answers, e.g. ["V", "D"] for professionals.
    rubrics = models.JSONField("rubrieken", default=list)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "deelnemer"
        verbose_name_plural = "deelnemers"
        constraints = [
            models.UniqueConstraint(
                fields=["self_assessment", "user"],
                condition=models.Q(user__isnull=False),
                name="one_part_per_user",
            ),
        ]

    def __str__(self):
        return self.name


class Answer(models.Model):
    """One team member's answer to one norm; seen by that person only, by others only in aggregate."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    norm = models.ForeignKey("frameworks.Norm", on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField("antwoord", max_length=20, choices=ANSWERS)
    example = models.TextField("voorbeeld of bewijs", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        constraints = [
            models.UniqueConstraint(fields=["participant", "norm"], name="one_answer_per_norm"),
        ]

    def __str__(self):
        return f"{self.participant}: {self.norm_id} {self.verdict}"


class Consolidation(Versioned):
    """The organisation's own answer to a norm, set by the coordinator (saved per norm)."""

    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="consolidations"
    )
    norm = models.ForeignKey("frameworks.Norm", on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField("antwoord van de organisatie", max_length=20, choices=ANSWERS)
    explanation = models.TextField("toelichting", blank=True)
    evidence = models.TextField("bewijs (documenten, voorbeelden)", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "vastgesteld antwoord"
        verbose_name_plural = "vastgestelde antwoorden"
        constraints = [
            models.UniqueConstraint(
                fields=["self_assessment", "norm"], name="one_consolidation_per_norm"
            ),
        ]


class Share(Versioned):
    """The member shares a closed self-assessment with a body for feedback (ch. 2.1, Bijlage 10)."""

    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="shares"
    )
    body = models.ForeignKey(
        "bodies.CertificationBody", on_delete=models.CASCADE, related_name="self_assessment_shares"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)
    overall_feedback = models.TextField("feedback in het algemeen", blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "gedeelde zelfevaluatie"
        verbose_name_plural = "gedeelde zelfevaluaties"
        constraints = [
            models.UniqueConstraint(fields=["self_assessment", "body"], name="one_share_per_body"),
        ]

    def __str__(self):
        return f"{self.self_assessment} gedeeld met {self.body}"


class NormFeedback(Versioned):
    """A body's feedback on one norm of a shared self-assessment; saved per norm, with history."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="norm_feedback")
    norm = models.ForeignKey("frameworks.Norm", on_delete=models.PROTECT, related_name="+")
    text = models.TextField("feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "feedback per norm"
        verbose_name_plural = "feedback per norm"
        constraints = [
            models.UniqueConstraint(fields=["share", "norm"], name="one_feedback_per_norm"),
        ]

    def __str__(self):
        return f"feedback op {self.norm_id}"
