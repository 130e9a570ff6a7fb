"""What the certificate tests share: certificates and re-audits with the dates a case needs."""

import datetime

from django.utils import timezone

from kwaliteitslabel.audits.models import Audit, AuditEvent
from kwaliteitslabel.certificates.models import Certificate
from kwaliteitslabel.frameworks.models import Framework
from tests.audits.helpers import ELDERLY, SOCIAL, make_audit, make_scope, work_type


def moment(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def accepted_audit(world, member=None, body=None, kind="initial", **fields) -> Audit:
    """An audit whose part A SWN confirmed: ready for its certificate; scope of two work types."""
    audit = make_audit(
        world, member=member, body=body, status="summary_accepted", kind=kind, **fields
    )
    audit.scope = make_scope(
        audit.member,
        name=f"Scope certificaat {audit.pk}",
        lines={SOCIAL: {"employed": "8"}, ELDERLY: {"employed": "4"}},
    )
    audit.save(update_fields=["scope"])
    return audit


def make_certificate(
    world,
    valid_from: datetime.date,
    member=None,
    number=None,
    valid_until=None,
    issued_on=None,
    previous=None,
    audit=None,
    work_types=(SOCIAL,),
) -> Certificate:
    """A certificate as SWN issued it on `issued_on` (default: its date), two years valid."""
    member = member or world.member_a
    certificate = Certificate.objects.create(
        number=number or f"KSSW-{valid_from.year}-{Certificate.objects.count() + 1:04d}",
        member=member,
        audit=audit,
        body=world.body_x,
        framework=Framework.objects.get(version="2019"),
        valid_from=valid_from,
        valid_until=valid_until or valid_from.replace(year=valid_from.year + 2),
        previous=previous,
        issued_at=moment(issued_on or valid_from),
    )
    certificate.work_types.set([work_type(n) for n in work_types])
    return certificate


def re_audit(world, requested_on: datetime.date, member=None, route="", events=None) -> Audit:
    """A re-audit requested on a day; `events` maps statuses to the day each was reached
    (the status is the last of them)."""
    events = events or {}
    last = max(events, key=events.get) if events else "requested"
    audit = make_audit(world, member=member, kind="recertification", status=last, route=route)
    Audit.objects.filter(pk=audit.pk).update(requested_at=moment(requested_on, 9))
    for status, day in events.items():
        event = AuditEvent.objects.create(audit=audit, status=status, by=world.users["body_admin"])
        AuditEvent.objects.filter(pk=event.pk).update(at=moment(day))
    audit.refresh_from_db()
    return audit
