"""The member's scopes (work types, locations, FTE per category) and SWN's full-time week (issue 4).

The FTE in scope is never stored: it is derived from the lines by `calculator.fte_in_scope`,
so the scope page, the public calculator and the API always agree.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kwaliteitslabel.common.models import Versioned
from kwaliteitslabel.members.models import Location, Member, WorkType

from . import calculator

# The FTE categories of a scope line, counted first (DOMAIN.md "Scope and FTE").
CATEGORIES = (*calculator.COUNTED, *calculator.NOT_COUNTED)
# FTE are kept to four decimals: hours per week converted at 36 hours lose next to nothing.
FTE_PLACES = 4


class FullTimeWeek(models.Model):
    """The hours per week that make one FTE, as SWN sets them from a date on."""

    valid_from = models.DateField(
        "geldig vanaf",
        unique=True,
        error_messages={"unique": "Voor deze datum is al een voltijdse werkweek vastgelegd."},
    )
    hours = models.DecimalField(
        "uren per week",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("60"))],
        help_text="Het aantal uur dat één fte is, zoals 36.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = "voltijdse werkweek"
        verbose_name_plural = "voltijdse werkweken"
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=Decimal("0")), name="full_time_week_hours_positive"
            ),
        ]

    def __str__(self):
        return f"{self.hours} uur vanaf {self.valid_from}"


def full_time_hours(on: datetime.date | None = None) -> Decimal:
    """The full-time week in force on a day (today by default); 36 hours while SWN set none."""
    on = on or timezone.localdate()
    week = FullTimeWeek.objects.filter(valid_from__lte=on).order_by("-valid_from").first()
    return week.hours if week else calculator.data().full_time_hours_default


class Scope(Versioned):
    """What a member wants audited: the whole organisation or some locations, FTE per work type."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="scopes")
    name = models.CharField(
        "naam", max_length=200, help_text="Bijvoorbeeld ‘Hele organisatie 2027’."
    )
    whole_organisation = models.BooleanField("hele organisatie", default=True)
    locations = models.ManyToManyField(
        Location, blank=True, related_name="scopes", verbose_name="locaties"
    )
    notes = models.TextField("toelichting", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemaakt door",
    )
    created_at = models.DateTimeField("gemaakt op", default=timezone.now, editable=False)
    history = HistoricalRecords(m2m_fields=[locations])

    class Meta:
        ordering = ["name"]
        verbose_name = "scope"
        verbose_name_plural = "scopes"
        constraints = [
            models.UniqueConstraint(fields=["member", "name"], name="one_scope_name_per_member"),
        ]

    def __str__(self):
        return self.name

    def breakdown(self) -> dict[str, Decimal]:
        """FTE per category over all lines (reads `lines.all()`, so prefetch them)."""
        totals = dict.fromkeys(CATEGORIES, Decimal(0))
        for line in self.lines.all():
            for key in CATEGORIES:
                totals[key] += getattr(line, key)
        return totals

    @property
    def fte_in_scope(self) -> Decimal:
        return calculator.fte_in_scope(self.breakdown())

    @property
    def fte_not_counted(self) -> Decimal:
        return sum(
            (v for k, v in self.breakdown().items() if k in calculator.NOT_COUNTED), Decimal(0)
        )


def _fte_field(key: str) -> models.DecimalField:
    label = calculator.COUNTED.get(key) or calculator.NOT_COUNTED[key][0]
    return models.DecimalField(
        f"fte {label}",
        max_digits=10,
        decimal_places=FTE_PLACES,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )


class ScopeLine(models.Model):
    """The average yearly FTE of one work type in a scope, per category."""

    scope = models.ForeignKey(Scope, on_delete=models.CASCADE, related_name="lines")
    work_type = models.ForeignKey(
        WorkType, on_delete=models.PROTECT, related_name="+", verbose_name="werksoort"
    )
    employed = _fte_field("employed")
    hired = _fte_field("hired")
    interns = _fte_field("interns")
    volunteers = _fte_field("volunteers")
    management_support = _fte_field("management_support")
    other_volunteers = _fte_field("other_volunteers")
    snuffel_interns = _fte_field("snuffel_interns")
    history = HistoricalRecords()

    class Meta:
        ordering = ["work_type__position", "work_type__name"]
        verbose_name = "scoperegel"
        verbose_name_plural = "scoperegels"
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "work_type"], name="one_line_per_work_type_per_scope"
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{key}__gte": Decimal(0)}),
                    name=f"scope_line_{key}_not_negative",
                )
                for key in CATEGORIES
            ),
        ]

    def __str__(self):
        return f"{self.scope}: {self.work_type}"

    def breakdown(self) -> dict[str, Decimal]:
        return {key: getattr(self, key) for key in CATEGORIES}

    @property
    def fte_in_scope(self) -> Decimal:
        return calculator.fte_in_scope(self.breakdown())

    @property
    def fte_not_counted(self) -> Decimal:
        return sum((getattr(self, k) for k in calculator.NOT_COUNTED), Decimal(0))


from .models_audit import Audit, AuditDay, AuditEvent, DeadlineNotice, TeamMember  # noqa: E402, F401
from .models_cluster import ClusterMember, PeerCluster, RotationPair  # noqa: E402, F401
from .models_findings import Document, Evaluation, Finding, Interview  # noqa: E402, F401
from .models_plan import FollowUp, FollowUpFinding, ImprovementPlan, PlanItem  # noqa: E402, F401
