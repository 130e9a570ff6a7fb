"""People, the roles they hold per organisation, invitations and signed codes of conduct."""

import datetime
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

INVITATION_DAYS = 14


class PersonManager(UserManager):
    """Users log in by e-mail; there is no separate user name."""

    def _create_user(self, email, password, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField("e-mailadres", unique=True)
    name = models.CharField("naam", max_length=200)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]
    objects = PersonManager()

    class Meta:
        ordering = ["name", "email"]
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"

    def __str__(self):
        return self.name or self.email


class Role(models.TextChoices):
    MEMBER_ADMIN = "member_admin", "beheerder lidorganisatie"
    PROFESSIONAL = "professional", "professional"
    PEER_AUDITOR = "peer_auditor", "branchetoetser"
    BODY_ADMIN = "body_admin", "certificatiemanager CI"
    AUDITOR = "auditor", "auditor CI"
    SWN_SECRETARIAT = "swn_secretariat", "secretariaat SWN"
    SWN_ADVISER = "swn_adviser", "adviseur SWN"
    GOVERNANCE = "governance", "beheercommissie / Raad van Toezicht"


MEMBER_ROLES = {Role.MEMBER_ADMIN, Role.PROFESSIONAL, Role.PEER_AUDITOR}
BODY_ROLES = {Role.BODY_ADMIN, Role.AUDITOR}
SWN_ROLES = {Role.SWN_SECRETARIAT, Role.SWN_ADVISER, Role.GOVERNANCE}
# These see confidential reports and run the scheme: two-factor authentication first (issue 3).
MFA_ROLES = BODY_ROLES | {Role.SWN_SECRETARIAT, Role.SWN_ADVISER}


def _role_matches_organisation():
    # Sorted: a set's order changes between runs, and the migration must not.
    return (
        Q(role__in=sorted(MEMBER_ROLES), member__isnull=False, body__isnull=True)
        | Q(role__in=sorted(BODY_ROLES), body__isnull=False, member__isnull=True)
        | Q(role__in=sorted(SWN_ROLES), member__isnull=True, body__isnull=True)
    )


class RoleAssignment(models.Model):
    """One role of one person at one organisation (SWN roles have none)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField("rol", max_length=20, choices=Role.choices)
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, null=True, blank=True, related_name="roles"
    )
    body = models.ForeignKey(
        "bodies.CertificationBody",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
    )
    # Peer auditors are trained before they audit (DOMAIN.md "Audit variants").
    trained_on = models.DateField("training gevolgd op", null=True, blank=True)
    # Bijlage 5 A: auditors with proven branch knowledge.
    branch_knowledge = models.TextField("branchekennis", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "rol"
        verbose_name_plural = "rollen"
        constraints = [
            models.CheckConstraint(
                condition=_role_matches_organisation(), name="role_matches_organisation"
            ),
            # One constraint per kind of organisation: NULLs never collide in a unique index.
            models.UniqueConstraint(
                fields=["user", "role", "member"],
                condition=Q(member__isnull=False),
                name="unique_member_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "body"],
                condition=Q(body__isnull=False),
                name="unique_body_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(member__isnull=True, body__isnull=True),
                name="unique_swn_role",
            ),
        ]

    def __str__(self):
        where = self.member or self.body or "Sociaal Werk Nederland"
        return f"{self.user}: {self.get_role_display()} bij {where}"

    @property
    def organisation(self):
        return self.member or self.body


def _token() -> str:
    return secrets.token_urlsafe(32)


def _expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=INVITATION_DAYS)


class Invitation(models.Model):
    """An invitation by e-mail to take up a role; the link works once, for 14 days."""

    email = models.EmailField("e-mailadres")
    name = models.CharField("naam", max_length=200)
    role = models.CharField("rol", max_length=20, choices=Role.choices)
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, null=True, blank=True)
    body = models.ForeignKey(
        "bodies.CertificationBody", on_delete=models.CASCADE, null=True, blank=True
    )
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="invitations_sent")
    # Carried over to the RoleAssignment on acceptance (peer auditors: training; auditors: Bijlage 5 A).
    trained_on = models.DateField("training gevolgd op", null=True, blank=True)
    branch_knowledge = models.TextField("branchekennis", blank=True)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations_accepted"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "uitnodiging"
        verbose_name_plural = "uitnodigingen"
        constraints = [
            models.CheckConstraint(
                condition=_role_matches_organisation(), name="invitation_role_matches_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.email} als {self.get_role_display()}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and not self.is_expired

    @property
    def organisation_name(self) -> str:
        return str(self.member or self.body or "Sociaal Werk Nederland")


class CodeOfConductSignature(models.Model):
    """A signed code of conduct and confidentiality statement (Bijlage 9), kept for good."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="code_signatures")
    name = models.CharField("naam", max_length=200)
    place = models.CharField("plaats", max_length=100)
    signed_on = models.DateField("datum")
    text_version = models.CharField("versie van de tekst", max_length=50)
    text_sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = "ondertekende gedragscode"
        verbose_name_plural = "ondertekende gedragscodes"

    def __str__(self):
        return f"{self.name}, {self.place}, {self.signed_on} (versie {self.text_version})"
