"""Part A's strengths and improvement points, one row per point, each linked to the norm it
concerns (issue 10 item 3), so the trends can read them per norm.

The report's text fields (`strengths`, `improvement_points`, one point per line) stay the
source of the report's documents; the rows follow them (`points.sync_many`). A link to a norm
is always a person's act: the lead auditor on part A, or SWN's staff confirming the platform's
suggestion for an imported historic report. Hence `norm` is set only with `confirmed_at`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class ReportPoint(models.Model):
    class Kind(models.TextChoices):
        STRENGTH = "strength", "sterk punt"
        IMPROVEMENT = "improvement", "verbeterpunt"

    # Exactly one of the two: a report made on the platform, or an imported historic one.
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, null=True, blank=True, related_name="points"
    )
    historic_report = models.ForeignKey(
        "reports.HistoricReport",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="points",
    )
    kind = models.CharField("soort", max_length=12, choices=Kind.choices)
    position = models.PositiveSmallIntegerField("volgnummer")
    text = models.TextField("tekst")
    # The text folded (lower case, no accents) for the search on the trends page.
    folded = models.TextField(editable=False)
    norm = models.ForeignKey(
        "frameworks.Norm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="norm",
    )
    suggested_norm = models.ForeignKey(
        "frameworks.Norm",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="voorgestelde norm",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gekoppeld door",
    )
    confirmed_at = models.DateTimeField("gekoppeld op", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "position"]
        verbose_name = "punt uit deel A"
        verbose_name_plural = "punten uit deel A"
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False, historic_report__isnull=True)
                | Q(report__isnull=True, historic_report__isnull=False),
                name="report_point_one_report",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["strength", "improvement"]), name="report_point_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(norm__isnull=True) | Q(confirmed_at__isnull=False),
                name="report_point_link_confirmed",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.position}: {self.text[:40]}"
