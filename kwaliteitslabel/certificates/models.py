"""Certificates (issue 9): what SWN issues after a positive audit, and what happened to each.

A certificate stores facts only: who, which scope, from which audit, valid from and until.
Whether it is valid, suspended, lapsed or superseded on a day is derived (`status.py`),
so it is never stale. `CertificateEvent` is its history: issued, reminded, suspended, ...
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

# Prefix, year of issue, sequence: "KSSW-2026-0007" (terms.number_prefix).
NUMBER_RE = re.compile(r"^[A-Z]{2,10}-\d{4}-\d{4,6}$")


NUMBER_HELP = "Een certificaatnummer ziet eruit als KSSW-2026-0007: letters, jaartal, volgnummer."


def number_problem(value: str) -> str:
    """Why `value` is not a certificate number, or "" when it is one."""
    return (
        ""
        if NUMBER_RE.match(value or "")
        else f"‘{value}’ is geen certificaatnummer. {NUMBER_HELP}"
    )


def validate_number(value: str) -> None:
    if problem := number_problem(value):
        raise ValidationError(problem)


class Certificate(models.Model):
    number = models.CharField(
        "certificaatnummer",
        max_length=24,
        unique=True,
        validators=[validate_number],
        error_messages={"unique": "Dit certificaatnummer is al uitgereikt."},
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="certificates"
    )
    # Empty for a certificate from before the platform (entered by SWN or the demo).
    audit = models.OneToOneField(
        "audits.Audit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificate",
    )
    body = models.ForeignKey(
        "bodies.CertificationBody", on_delete=models.PROTECT, related_name="certificates"
    )
    framework = models.ForeignKey(
        "frameworks.Framework", on_delete=models.PROTECT, related_name="certificates"
    )
    # Hoofdstuk 2.4: SWN names the scope on the certificate; the work types of part A.
    work_types = models.ManyToManyField(
        "members.WorkType", related_name="certificates", verbose_name="werksoorten"
    )
    whole_organisation = models.BooleanField("hele organisatie", default=True)
    valid_from = models.DateField("certificeringsdatum")
    valid_until = models.DateField("vervaldatum")
    # The certificate this one continues: a joined renewal (Bijlage 6 stap 17-1/2) or a
    # wider scope (hoofdstuk 2.4). From this one's start the previous one is superseded.
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name="vorig certificaat",
    )
    issued_at = models.DateTimeField("uitgereikt op", default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="uitgereikt door",
    )
    history = HistoricalRecords(m2m_fields=[work_types])

    class Meta:
        ordering = ["-valid_from", "number"]
        verbose_name = "certificaat"
        verbose_name_plural = "certificaten"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("valid_from")), name="certificate_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.member}"

    @property
    def issued_on(self):
        return timezone.localdate(self.issued_at)

    def continued_by(self) -> "Certificate | None":
        """The certificate that continues this one (renewal or wider scope), if any."""
        return Certificate.objects.filter(previous=self).first()


def shown():
    """Certificates with what their pages and documents show of them."""
    return Certificate.objects.select_related("member", "body", "framework").prefetch_related(
        "work_types"
    )


class CertificateEvent(models.Model):
    """One step in a certificate's life, with who or what caused it.

    Each (kind, step) happens once per certificate: `run_lifecycle` relies on the unique
    constraint to send every reminder and notice once, also when two rounds run at once."""

    class Kind(models.TextChoices):
        ISSUED = "issued", "uitgereikt"
        REMINDED = "reminded", "herinnering hertoetsing verstuurd"
        SUSPENSION_NOTICE = "suspension_notice", "opschorting aangekondigd"
        LAPSE_NOTICE = "lapse_notice", "vervallen aangekondigd"
        SUSPENDED = "suspended", "opgeschort"
        LAPSED = "lapsed", "vervallen, uit het register"
        RENEWED = "renewed", "vernieuwd met een aansluitend certificaat"
        SUPERSEDED = "superseded", "vervangen door een certificaat met een ruimere scope"

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("gebeurtenis", max_length=20, choices=Kind.choices)
    # Which one of a kind: the reminder's months before expiry, "route_c" or "expiry".
    step = models.CharField(max_length=20, blank=True)
    on = models.DateField("datum")
    at = models.DateTimeField(auto_now_add=True)
    # Empty: the daily round (`run_lifecycle`) did it.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["on", "at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "kind", "step"], name="one_certificate_event_per_step"
            ),
        ]

    def __str__(self):
        return f"{self.certificate.number}: {self.get_kind_display()} ({self.on})"

    @property
    def cause(self) -> str:
        return str(self.by) if self.by else "automatisch (dagelijkse ronde)"


class ReminderSchedule(models.Model):
    """The moments SWN reminds members of the re-audit (Bijlage 6 stap 16), from a date on."""

    valid_from = models.DateField(
        "geldig vanaf",
        unique=True,
        error_messages={"unique": "Voor deze datum zijn al herinneringsmomenten vastgelegd."},
    )
    months = models.CharField(
        "maanden voor de vervaldatum",
        max_length=40,
        help_text="Bijvoorbeeld ‘9, 6, 3, 1’: een herinnering 9, 6, 3 en 1 maand voor de vervaldatum.",
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = "herinneringsmomenten"
        verbose_name_plural = "herinneringsmomenten"

    def __str__(self):
        return f"{self.months} maanden, vanaf {self.valid_from}"

    def month_list(self) -> list[int]:
        return sorted({int(m) for m in self.months.replace(" ", "").split(",") if m}, reverse=True)
