"""Finding members and reading their history: plain functions the pages (and later the API) share."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Member


def membership_q(status: str, on: datetime.date | None = None) -> Q:
    """The members whose `Member.membership_status(on)` is `status`, as a database filter."""
    on = on or timezone.localdate()
    ended = Q(membership_end__lt=on)
    active = Q(membership_start__lte=on) & (
        Q(membership_end__isnull=True) | Q(membership_end__gte=on)
    )
    if status == "active":
        return active
    if status == "ended":
        return ended
    if status == "not_yet":
        return ~ended & ~active
    raise ValueError(f"unknown membership status {status!r}")


@dataclass
class MemberFilter:
    q: str = ""
    status: str = ""
    work_type_id: int | None = None


def find_members(criteria: MemberFilter, on: datetime.date | None = None) -> QuerySet[Member]:
    """Members matching the search words and filters, work types prefetched (no query per member)."""
    members = Member.objects.prefetch_related("work_types").order_by("name")
    if criteria.q:
        words = criteria.q
        members = members.filter(
            Q(name__icontains=words)
            | Q(member_number__icontains=words)
            | Q(city__icontains=words)
            | Q(kvk_number__icontains=words)
        )
    if criteria.status:
        members = members.filter(membership_q(criteria.status, on))
    if criteria.work_type_id is not None:
        members = members.filter(work_types__id=criteria.work_type_id)
    return members
