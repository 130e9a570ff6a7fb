"""The concept round of the report (Bijlage 6 steps 6-8; issue 8, item 3): the member's
corrections per field or norm with the lead's answer, and every version of the report."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Correction(models.Model):
    """A factual error the member points out in the concept, on one field of part A or one
    norm of part B; the lead accepts or rejects it with a reply."""

    class Decision(models.TextChoices):
        OPEN = "open", "nog te beantwoorden"
        ACCEPTED = "accepted", "overgenomen"
        REJECTED = "rejected", "niet overgenomen"

    audit = models.ForeignKey("audits.Audit", on_delete=models.CASCADE, related_name="corrections")
    # A part A field key (report_format.yaml) or a norm code such as "V5".
    target = models.CharField("waarover", max_length=40)
    comment = models.TextField("feitelijke onjuistheid")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.OPEN)
    reply = models.TextField("antwoord van de teamleider", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "correctie"
        verbose_name_plural = "correcties"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="open") | ~models.Q(reply=""),
                name="correction_answered_with_reply",
            ),
        ]

    def __str__(self):
        return f"{self.audit}: {self.target}"


class ReportVersion(models.Model):
    """What the report said at a step (concept sent, final, part A to SWN): kept, to compare."""

    audit = models.ForeignKey(
        "audits.Audit", on_delete=models.CASCADE, related_name="report_versions"
    )
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20)  # the audit status the step led to
    made_at = models.DateTimeField(auto_now_add=True)
    content = models.JSONField()  # {"a": {field key: value}, "b": {norm code: {...}}}

    class Meta:
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "number"], name="one_report_version_number"),
        ]

    def __str__(self):
        return f"{self.audit}: versie {self.number}"
