"""Pieces that several apps' models share."""

from django.db import models

from .models_outbox import OutboxMessage  # noqa: F401 (registered with the app)
from .validators import normalise_postcode, validate_postcode


class Address(models.Model):
    street = models.CharField("straat en huisnummer", max_length=200)
    postcode = models.CharField("postcode", max_length=7, validators=[validate_postcode])
    city = models.CharField("plaats", max_length=100)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.postcode = normalise_postcode(self.postcode)

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


class Versioned(models.Model):
    """Optimistic locking: an edit based on an older version is refused, never silently applied."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True
