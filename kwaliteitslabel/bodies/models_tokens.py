"""API tokens: a certification body's own systems reach its audits through the API (issue 11).

Only a hash of the secret is kept (SHA-256: the secret is 32 random bytes, so it needs no salt
nor a slow hash); the secret itself is shown once, when the body admin makes the token. The
public prefix names the token in lists and logs. `tokens.py` makes, checks and revokes them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ApiToken(models.Model):
    body = models.ForeignKey(
        "bodies.CertificationBody",
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name="instelling",
    )
    name = models.CharField("naam", max_length=100)
    prefix = models.CharField("begin van de sleutel", max_length=20, unique=True)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The API records findings and report texts in this person's name (history, `updated_by`).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("gemaakt op", auto_now_add=True)
    last_used_at = models.DateTimeField("laatst gebruikt", null=True, blank=True)
    revoked_at = models.DateTimeField("ingetrokken op", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["revoked_at", "-created_at"]
        verbose_name = "API-sleutel"
        verbose_name_plural = "API-sleutels"
        constraints = [
            models.UniqueConstraint(
                fields=["body", "name"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_token_name_per_body",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | Q(revoked_at__isnull=False, revoked_by__isnull=False),
                name="token_revoked_with_who",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
