"""Member organisations (lidorganisaties) of Sociaal Werk Nederland."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kwaliteitslabel.common.models import Address, Versioned
from kwaliteitslabel.common.validators import (
    validate_kvk_number,
    validate_member_number,
    validate_phone,
)

# Membership status key -> what the interface calls it (a badge with text, never colour alone).
MEMBERSHIP_STATUS = {
    "active": "actief lid",
    "ended": "geen lid meer",
    "not_yet": "nog geen lid",
}


class Province(models.TextChoices):
    """The twelve provinces, for the public register's filter (issue 9 item 3)."""

    DRENTHE = "drenthe", "Drenthe"
    FLEVOLAND = "flevoland", "Flevoland"
    FRYSLAN = "fryslan", "Fryslân"
    GELDERLAND = "gelderland", "Gelderland"
    GRONINGEN = "groningen", "Groningen"
    LIMBURG = "limburg", "Limburg"
    NOORD_BRABANT = "noord-brabant", "Noord-Brabant"
    NOORD_HOLLAND = "noord-holland", "Noord-Holland"
    OVERIJSSEL = "overijssel", "Overijssel"
    UTRECHT = "utrecht", "Utrecht"
    ZEELAND = "zeeland", "Zeeland"
    ZUID_HOLLAND = "zuid-holland", "Zuid-Holland"


class WorkType(models.Model):
    """A kind of work (werksoort) members offer; SWN keeps the list."""

    name = models.CharField("naam", max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "werksoort"
        verbose_name_plural = "werksoorten"

    def __str__(self):
        return self.name


class Member(Address, Versioned):
    name = models.CharField("naam", max_length=200)
    # Set only by SWN (issue 3); unique where set.
    member_number = models.CharField(
        "lidnummer",
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_member_number],
    )
    # The province of the main office; empty until the member or SWN fills it in.
    province = models.CharField("provincie", max_length=20, choices=Province.choices, blank=True)
    kvk_number = models.CharField("KvK-nummer", max_length=8, validators=[validate_kvk_number])
    website = models.URLField("website", blank=True)
    contact_person = models.CharField("contactpersoon", max_length=200)
    phone = models.CharField("telefoon", max_length=20, validators=[validate_phone])
    email = models.EmailField("e-mail")
    membership_start = models.DateField("lid sinds", null=True, blank=True)
    membership_end = models.DateField("lid tot en met", null=True, blank=True)
    work_types = models.ManyToManyField(
        WorkType, blank=True, related_name="members", verbose_name="werksoorten"
    )
    history = HistoricalRecords(m2m_fields=[work_types])

    class Meta:
        ordering = ["name"]
        verbose_name = "lidorganisatie"
        verbose_name_plural = "lidorganisaties"
        constraints = [
            models.CheckConstraint(
                condition=Q(membership_end__isnull=True)
                | Q(membership_start__isnull=True)
                | Q(membership_end__gte=models.F("membership_start")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def is_active_member(self, on: datetime.date | None = None) -> bool:
        """Only an active member may start an audit (DOMAIN.md "Who takes part")."""
        on = on or timezone.localdate()
        started = self.membership_start is not None and self.membership_start <= on
        return started and (self.membership_end is None or on <= self.membership_end)

    def membership_status(self, on: datetime.date | None = None) -> str:
        """ "active", "ended" or "not_yet": the same split as `services.membership_q`."""
        on = on or timezone.localdate()
        if self.membership_end is not None and self.membership_end < on:
            return "ended"
        return "active" if self.is_active_member(on) else "not_yet"

    @property
    def membership_label(self) -> str:
        return MEMBERSHIP_STATUS[self.membership_status()]


class Location(Address):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField("naam", max_length=200)
    # Interviews are held at the main location (DOMAIN.md "Audit days").
    is_main = models.BooleanField("hoofdlocatie", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_main", "name"]
        verbose_name = "locatie"
        verbose_name_plural = "locaties"
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(is_main=True), name="one_main_location_per_member"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.city})"
