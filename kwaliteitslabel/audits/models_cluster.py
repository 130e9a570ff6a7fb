"""Peer clusters (variant 3): members that audit one another under a CI's lead (issue 6).

DOMAIN.md "Audit variants", chapter 2.2: at least three members; each is audited by
trained peers of the others, never its own (with A, B, C: A and B at C, B and C at A,
A and C at B). The rotation is stored as pairs (audited, auditing); `rotation.py` proposes
and checks them.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from kwaliteitslabel.common.models import Versioned


class PeerCluster(Versioned):
    name = models.CharField("naam", max_length=200)
    # The CI that plans and leads the cluster's audits.
    body = models.ForeignKey(
        "bodies.CertificationBody",
        on_delete=models.PROTECT,
        related_name="peer_clusters",
        verbose_name="certificerende instelling",
    )
    formed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    formed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-formed_at"]
        verbose_name = "cluster"
        verbose_name_plural = "clusters"

    def __str__(self):
        return self.name


class ClusterMember(models.Model):
    cluster = models.ForeignKey(PeerCluster, on_delete=models.CASCADE, related_name="places")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    # A, B, C... in the order the cluster was formed.
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "member"], name="member_once_per_cluster"),
            models.UniqueConstraint(fields=["cluster", "position"], name="one_member_per_letter"),
        ]

    def __str__(self):
        return f"{self.cluster}: {self.member}"


class RotationPair(models.Model):
    """Peers of `auditing` audit `audited` within the cluster."""

    cluster = models.ForeignKey(PeerCluster, on_delete=models.CASCADE, related_name="rotation")
    audited = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    auditing = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "audited", "auditing"], name="rotation_pair_once"
            ),
            models.CheckConstraint(
                condition=~Q(audited=F("auditing")), name="nobody_audits_itself"
            ),
        ]

    def __str__(self):
        return f"{self.auditing} bij {self.audited}"
