"""Forming a peer cluster and reading its rotation (variant 3, handboek chapter 2.2).

The rules themselves are in `rotation.py`, as pure functions; this module stores and reads
the cluster they are applied to.
"""

from dataclasses import dataclass, field

from django.db import transaction

from . import rotation
from .models_cluster import ClusterMember, PeerCluster, RotationPair


@transaction.atomic
def form_cluster(name: str, body, members: list, user) -> PeerCluster:
    """A new cluster of `members` (A, B, C... in this order) with the proposed rotation."""
    pairs = rotation.propose(members)
    cluster = PeerCluster.objects.create(name=name, body=body, formed_by=user)
    ClusterMember.objects.bulk_create(
        ClusterMember(cluster=cluster, member=m, position=i) for i, m in enumerate(members)
    )
    save_pairs(cluster, pairs)
    return cluster


def save_pairs(cluster: PeerCluster, pairs) -> None:
    """Replace the cluster's rotation; callers check `rotation.problems` and the version first."""
    RotationPair.objects.filter(cluster=cluster).delete()
    RotationPair.objects.bulk_create(
        RotationPair(cluster=cluster, audited=audited, auditing=auditing)
        for audited, auditing in pairs
    )


def members(cluster: PeerCluster) -> list:
    """The cluster's members, A first."""
    return [place.member for place in cluster.places.select_related("member")]


def pairs(cluster: PeerCluster, by_id: dict | None = None) -> list[tuple]:
    """The stored rotation as (audited, auditing) members."""
    if by_id is None:
        by_id = {m.pk: m for m in members(cluster)}
    return [
        (by_id[audited], by_id[auditing])
        for audited, auditing in cluster.rotation.values_list("audited_id", "auditing_id")
        if audited in by_id and auditing in by_id
    ]


def auditing_members(cluster: PeerCluster, member) -> list:
    """The members whose peers audit at `member`, according to the cluster's rotation."""
    return rotation.auditing_at(member, pairs(cluster))


@dataclass
class Place:
    """One member in the rotation: its letter, who audits here, where its peers audit."""

    letter: str
    member: object
    auditing_here: list = field(default_factory=list)
    audits_at: list = field(default_factory=list)
    given: int = 0
    received: int = 0
    # "B (Sociaal Werk West) en C (...)": for the sentences under the matrix.
    auditing_text: str = ""
    audits_at_text: str = ""
    # One per member, in letter order: (the auditing place, "self", "yes" or "no").
    cells: list = field(default_factory=list)


def overview(cluster_members: list, cluster_pairs: list) -> list[Place]:
    """The rotation as rows of a matrix: rows audited, columns auditing."""
    tally = rotation.counts(cluster_members, cluster_pairs)
    chosen = set(cluster_pairs)
    places = [
        Place(
            letter=rotation.letter(i),
            member=m,
            auditing_here=rotation.auditing_at(m, cluster_pairs),
            audits_at=rotation.audited_by(m, cluster_pairs),
            given=tally[m][0],
            received=tally[m][1],
        )
        for i, m in enumerate(cluster_members)
    ]
    named = {p.member: f"{p.letter} ({p.member})" for p in places}
    order = {m: i for i, m in enumerate(cluster_members)}
    for row in places:
        row.auditing_here.sort(key=lambda m: order.get(m, len(order)))
        row.audits_at.sort(key=lambda m: order.get(m, len(order)))
        row.auditing_text = rotation.names(named[m] for m in row.auditing_here if m in named)
        row.audits_at_text = rotation.names(named[m] for m in row.audits_at if m in named)
        row.cells = [
            (
                column,
                "self"
                if column.member == row.member
                else "yes"
                if (row.member, column.member) in chosen
                else "no",
            )
            for column in places
        ]
    return places
