"""Who may see, form and adjust peer clusters (variant 3, handboek chapter 2.2).

The CI plans and leads the cluster's audits, so its admins form and adjust the cluster,
as do SWN's secretariat and advisers. A body's auditors see the body's clusters; a member
admin sees the clusters their member is in. Those only read. Everyone else: not for them.
"""

from django.db.models import Q

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role

from .models_cluster import PeerCluster


def can_list_clusters(user) -> bool:
    return accounts.is_swn_staff(user) or accounts.has_role(
        user, Role.MEMBER_ADMIN, Role.BODY_ADMIN, Role.AUDITOR
    )


def visible_clusters(user):
    if accounts.is_swn_staff(user):
        return PeerCluster.objects.all()
    return PeerCluster.objects.filter(
        Q(body_id__in=accounts.body_ids(user, Role.BODY_ADMIN, Role.AUDITOR))
        | Q(places__member_id__in=accounts.member_ids(user, Role.MEMBER_ADMIN))
    ).distinct()


def can_view_cluster(user, cluster) -> bool:
    return (
        accounts.is_swn_staff(user)
        or accounts.has_role(user, Role.BODY_ADMIN, Role.AUDITOR, body=cluster.body)
        or bool(
            accounts.member_ids(user, Role.MEMBER_ADMIN)
            & {place.member_id for place in cluster.places.all()}
        )
    )


def can_form_clusters(user) -> bool:
    """Is forming clusters for this user's role at all?"""
    return accounts.is_swn_staff(user) or accounts.has_role(user, Role.BODY_ADMIN)


def can_form_for(user, body) -> bool:
    return accounts.is_swn_staff(user) or accounts.has_role(user, Role.BODY_ADMIN, body=body)


def can_adjust(user, cluster) -> bool:
    """Adjust the rotation or remove the cluster: SWN staff or the cluster's CI."""
    return can_form_for(user, cluster.body)
