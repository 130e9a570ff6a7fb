"""Reports from before the platform, imported by SWN from a spreadsheet (issue 8, item 8).

Part A's key data and the verdict per norm, so that trends and re-audits can refer to them.
As for reports made here, the counts are never stored: they are derived from the verdicts
(`outcome`), so they cannot disagree with them.
"""

from collections import Counter

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from kwaliteitslabel.audits.decision import Outcome, Verdict, decide

# A historic report is complete: every norm has a verdict, none is "niet beoordeeld".
HISTORIC_VERDICTS = [(v.value, v.label) for v in Verdict if v != Verdict.NOT_ASSESSED]


class HistoricReport(models.Model):
    class Advice(models.TextChoices):
        POSITIVE = "positive", "positief"
        NEGATIVE = "negative", "negatief"

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="historic_reports",
        verbose_name="lidorganisatie",
    )
    # The body as it was then; a body that is no longer on the platform keeps its name.
    body = models.ForeignKey(
        "bodies.CertificationBody",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="historic_reports",
        verbose_name="certificerende instelling",
    )
    body_name = models.CharField("naam certificerende instelling", max_length=200)
    framework = models.ForeignKey(
        "frameworks.Framework",
        on_delete=models.PROTECT,
        related_name="historic_reports",
        verbose_name="normenkader",
    )
    audit_date = models.DateField("datum toetsing")
    report_date = models.DateField("datum rapport", null=True, blank=True)
    previous_expiry = models.DateField("vervaldatum vorig certificaat", null=True, blank=True)
    kind = models.CharField("soort onderzoek", max_length=100, blank=True)
    advice = models.CharField("advies", max_length=10, choices=Advice.choices)
    # Part A's key data (Bijlage 7), where the old report gives them: for the trends' size and
    # work type filters and their strengths and improvement points (issue 10).
    fte = models.DecimalField("fte in scope", max_digits=8, decimal_places=2, null=True, blank=True)
    work_types = models.ManyToManyField(
        "members.WorkType", blank=True, related_name="+", verbose_name="werksoorten"
    )
    strengths = models.TextField("sterke punten", blank=True, help_text="Eén per regel.")
    improvement_points = models.TextField(
        "belangrijkste verbeterpunten", blank=True, help_text="Eén per regel."
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="ingelezen door",
    )
    imported_at = models.DateTimeField("ingelezen op", auto_now_add=True)
    source_filename = models.CharField("bestand", max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-audit_date", "member__name"]
        verbose_name = "historisch rapport"
        verbose_name_plural = "historische rapporten"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "audit_date"], name="unique_historic_report_per_audit_date"
            ),
            models.CheckConstraint(
                condition=models.Q(fte__isnull=True) | models.Q(fte__gt=0),
                name="historic_report_fte_positive",
            ),
        ]

    def __str__(self):
        return f"Historisch rapport {self.member} ({self.audit_date:%d-%m-%Y})"

    @property
    def body_display(self) -> str:
        return self.body.name if self.body_id else self.body_name

    @property
    def counts(self) -> dict[str, int]:
        """Per verdict value, how many norms; from the (prefetched) verdicts."""
        found = Counter(v.verdict for v in self.verdicts.all())
        return {value: found[value] for value, _ in HISTORIC_VERDICTS}

    def outcome(self) -> Outcome | None:
        """The decision rules applied to the verdicts; None for a framework without thresholds."""
        fw = self.framework
        if not fw.has_thresholds:
            return None
        verdicts = {v.norm_id: v.verdict for v in self.verdicts.all()}
        return decide(verdicts, fw.max_not_met, fw.max_partly)


class HistoricVerdict(models.Model):
    report = models.ForeignKey(HistoricReport, on_delete=models.CASCADE, related_name="verdicts")
    norm = models.ForeignKey("frameworks.Norm", on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField("oordeel", max_length=20, choices=HISTORIC_VERDICTS)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "oordeel (historisch rapport)"
        verbose_name_plural = "oordelen (historische rapporten)"
        constraints = [
            models.UniqueConstraint(fields=["report", "norm"], name="unique_historic_verdict"),
            models.CheckConstraint(
                condition=models.Q(verdict__in=[v for v, _ in HISTORIC_VERDICTS]),
                name="historic_verdict_known",
            ),
        ]

    def __str__(self):
        return f"{self.report}: {self.norm_id} {self.verdict}"
