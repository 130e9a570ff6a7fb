"""The report's written parts (Bijlage 7): what the lead auditor writes; the rest is derived.

Issue 8. Everything that can be derived from the audit (member and body data, counts,
verdicts per rubric, plans, advice, dates) is built by `content.py` at reading time and never
stored, so it cannot drift from the findings. Only the free texts of part A live here.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from kwaliteitslabel.common.models import Versioned


class Report(Versioned):
    audit = models.OneToOneField("audits.Audit", on_delete=models.CASCADE, related_name="report")
    read_by = models.CharField("verslag tegen gelezen door", max_length=200, blank=True)
    hours_on_site = models.DecimalField(
        "uren op locatie", max_digits=6, decimal_places=1, null=True, blank=True
    )
    hours_total = models.DecimalField(
        "uren totaal", max_digits=6, decimal_places=1, null=True, blank=True
    )
    sketch = models.TextField("schets organisatie", blank=True)
    developments = models.TextField("relevante ontwikkelingen", blank=True)
    course = models.TextField("verloop onderzoek", blank=True)
    previous_follow_up = models.TextField("opvolging verbeterpunten vorig onderzoek", blank=True)
    strengths = models.TextField("sterke punten", blank=True, help_text="Eén per regel.")
    improvement_points = models.TextField(
        "belangrijkste verbeterpunten", blank=True, help_text="Eén per regel."
    )
    next_audit = models.CharField("tijdsindicatie volgend onderzoek", max_length=200, blank=True)
    signed_place = models.CharField("plaats van ondertekening", max_length=100, blank=True)
    signed_on = models.DateField("datum van ondertekening", null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "rapport"
        verbose_name_plural = "rapporten"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_on_site__isnull=True)
                | models.Q(hours_total__isnull=True)
                | models.Q(hours_on_site__lte=models.F("hours_total")),
                name="report_hours_on_site_within_total",
            ),
        ]

    def __str__(self):
        return f"Rapport {self.audit}"


class PartBRequest(models.Model):
    """SWN asked for part B, for evaluation or to support its decision (Bijlage 5 B11):
    recorded, and from then on SWN's staff may read it."""

    audit = models.ForeignKey("audits.Audit", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("reden")
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = "opvraging van deel B"
        verbose_name_plural = "opvragingen van deel B"

    def __str__(self):
        return f"Deel B van {self.audit} opgevraagd"


from .models_historic import HistoricReport, HistoricVerdict  # noqa: E402, F401
from .models_points import ReportPoint  # noqa: E402, F401
from .models_review import Correction, ReportVersion  # noqa: E402, F401
