"""Certification bodies (certificerende instellingen, CI), their conditions and rates."""

import datetime
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kwaliteitslabel.common.models import Address, Versioned
from kwaliteitslabel.common.validators import validate_kvk_number, validate_phone


class CertificationBody(Address, Versioned):
    name = models.CharField("naam", max_length=200, unique=True)
    kvk_number = models.CharField("KvK-nummer", max_length=8, validators=[validate_kvk_number])
    website = models.URLField("website", blank=True)
    phone = models.CharField("telefoon", max_length=20, validators=[validate_phone])
    email = models.EmailField("e-mail", blank=True)
    # SWN's mantelovereenkomst: reduced rates; auditors of other bodies sign the code of conduct (Bijlage 6 step 2b).
    framework_agreement = models.BooleanField("mantelovereenkomst met SWN", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "certificerende instelling"
        verbose_name_plural = "certificerende instellingen"

    def __str__(self):
        return self.name

    def may_audit(self, on: datetime.date | None = None) -> bool:
        return not self.missing_conditions(on)

    def missing_conditions(self, on: datetime.date | None = None) -> list[str]:
        """What the body lacks on a day to audit for the label (Bijlage 5 A)."""
        on = on or timezone.localdate()
        valid = {c.kind for c in self.conditions.all() if c.is_valid(on)}
        missing = []
        if not valid & Condition.ACCREDITATIONS:
            missing.append("accreditatie (RvA, ISO 17021 EA 38 of HKZ Welzijn)")
        for kind in (Condition.Kind.LIABILITY_INSURANCE, Condition.Kind.COMPLAINTS_PROCEDURE):
            if kind not in valid:
                missing.append(Condition.Kind(kind).label)
        return missing

    def rate_on(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        rates = [r for r in self.rates.all() if r.valid_from <= on]
        return max(rates, key=lambda r: r.valid_from) if rates else None


class Condition(models.Model):
    """Evidence that a body meets one of SWN's conditions (Bijlage 5 A), until an expiry date."""

    class Kind(models.TextChoices):
        ACCREDITATION_ISO17021 = (
            "accreditation_iso17021",
            "RvA-accreditatie ISO 17021, EA-code 38 (zorg en welzijn)",
        )
        ACCREDITATION_HKZ = "accreditation_hkz", "RvA-accreditatie HKZ-schema Welzijn"
        LIABILITY_INSURANCE = "liability_insurance", "aansprakelijkheidsverzekering"
        COMPLAINTS_PROCEDURE = "complaints_procedure", "klachtenprocedure"

    ACCREDITATIONS = {Kind.ACCREDITATION_ISO17021, Kind.ACCREDITATION_HKZ}

    body = models.ForeignKey(CertificationBody, on_delete=models.CASCADE, related_name="conditions")
    kind = models.CharField("voorwaarde", max_length=40, choices=Kind.choices)
    evidence = models.CharField(
        "bewijs",
        max_length=300,
        help_text="Bijvoorbeeld het registratienummer bij de RvA of het polisnummer.",
    )
    valid_from = models.DateField("geldig vanaf")
    valid_until = models.DateField("geldig tot en met", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "-valid_from"]
        verbose_name = "voorwaarde"
        verbose_name_plural = "voorwaarden"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="condition_until_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.body})"

    def is_valid(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def expires_within(self, days: int, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.valid_until is not None and on <= self.valid_until <= on + datetime.timedelta(
            days=days
        )


class DayRate(models.Model):
    """A body's prices from a date on (Bijlage 10); amounts exclude VAT."""

    body = models.ForeignKey(CertificationBody, on_delete=models.CASCADE, related_name="rates")
    valid_from = models.DateField("geldig vanaf")
    day_rate = models.DecimalField("dagtarief (€)", max_digits=8, decimal_places=2)
    travel_included = models.BooleanField("reiskosten inbegrepen", default=False)
    travel_rate_per_km = models.DecimalField(
        "reiskosten per km (€)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    feedback_price_min = models.DecimalField(
        "prijs feedback zelfevaluatie, vanaf (€)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    feedback_price_max = models.DecimalField(
        "prijs feedback zelfevaluatie, tot (€)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    feedback_includes_travel = models.BooleanField("feedback inclusief reiskosten", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "-valid_from"]
        verbose_name = "tarief"
        verbose_name_plural = "tarieven"
        constraints = [
            models.UniqueConstraint(
                fields=["body", "valid_from"], name="one_rate_per_body_per_day"
            ),
            models.CheckConstraint(
                condition=Q(travel_included=True, travel_rate_per_km__isnull=True)
                | Q(travel_included=False, travel_rate_per_km__isnull=False),
                name="travel_included_or_per_km",
            ),
            models.CheckConstraint(
                condition=Q(day_rate__gt=Decimal("0")), name="day_rate_positive"
            ),
        ]

    def __str__(self):
        return f"{self.body}: € {self.day_rate} vanaf {self.valid_from}"


from .models_tokens import ApiToken  # noqa: E402, F401
