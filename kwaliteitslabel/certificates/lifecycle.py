"""The daily round over the certificates (issue 9 item 5), for `run_lifecycle`.

Over the certificates that no other continues and that have not lapsed yet:

- reminders of the re-audit at the moments SWN sets, months before expiry ("Verschillende
  keren voor de vervaldatum", Bijlage 6 stap 16); a moment the round missed goes late, but
  only the latest one due: after an outage the member gets one reminder, not four;
- `notice_days` before expiry, unless a positive re-audit has come: a suspension notice when
  a re-audit is under way, else a lapse notice (stap 17-2 en 17-3);
- on expiry the suspension or the lapse, with its e-mail (stap 17-2, 17-4);
- the lapse when a suspension ends without renewal: past `suspension_months`, or the
  re-audit ended negatively (stap 17-2, 17-4; stap 9c-i);
- a `suspended` event when a re-audit on route c suspends a certificate that still runs
  (stap 9c-ii): the audit workflow already mails about it, so the history only.

Every status comes from `status.status_on`, never derived again here. Each event goes once:
it is written in the same transaction as its e-mail is queued, and the unique constraint on
(certificate, kind, step) refuses a second, also when two rounds run at once (as in
audits/lifecycle.py). A round costs four queries for any number of certificates, plus two
or three per event it sends.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.accounts.rules import emails, member_contacts
from kwaliteitslabel.common.dates import add_months
from kwaliteitslabel.common.mail import send_template

from . import status
from .models import Certificate, CertificateEvent
from .terms import reminder_months, terms

Kind = CertificateEvent.Kind
EXPIRY, ROUTE_C, SUSPENSION = "expiry", "route_c", "suspension"


def candidates():
    """The certificates the round looks at: none continues them and they have not lapsed."""
    lapsed = CertificateEvent.objects.filter(certificate=OuterRef("pk"), kind=Kind.LAPSED)
    return status.with_successor(
        Certificate.objects.filter(successor__isnull=True)
        .exclude(Exists(lapsed))
        .select_related("member")
    )


def _done(certificate_ids) -> dict[int, list[CertificateEvent]]:
    """The events the certificates already have, per certificate; one query."""
    found: dict[int, list[CertificateEvent]] = {}
    for event in CertificateEvent.objects.filter(certificate_id__in=certificate_ids).only(
        "certificate_id", "kind", "step", "on"
    ):
        found.setdefault(event.certificate_id, []).append(event)
    return found


def positive_on(facts: status.Facts, tracks: list[status.Track]) -> datetime.date | None:
    """The day the first positive advice came in a re-audit of this certificate."""
    days = [t.positive_on for t in facts.re_audits(tracks) if t.positive_on is not None]
    return min(days, default=None)


def due(facts, tracks, events, months, today) -> list[tuple[str, str]]:
    """What is due today for one certificate: (kind, step) pairs, in order."""
    have = {(e.kind, e.step) for e in events}
    kinds = {e.kind for e in events}
    now = status.status_on(facts, tracks, today)
    if now in (status.PENDING, status.SUPERSEDED) or Kind.LAPSED in kinds:
        return []
    expiry = facts.valid_until
    notice_from = expiry - datetime.timedelta(days=terms().notice_days)
    mine = facts.re_audits(tracks)
    positive = positive_on(facts, tracks)
    positive = positive is not None and positive <= today
    found = []
    if now == status.LAPSED:
        # Stap 17-3/4 at expiry; after a suspension (17-2) or a negative advice (9c-i) later.
        suspended = Kind.SUSPENDED in kinds
        found.append((Kind.LAPSED, SUSPENSION if suspended or today < expiry else EXPIRY))
        return found
    route_c = any(t.route_c_from is not None and t.route_c_from <= today for t in mine)
    if now == status.SUSPENDED and route_c and Kind.SUSPENDED not in kinds:
        # Stap 9c-ii: a re-audit on route c; also when the round first sees it after expiry.
        found.append((Kind.SUSPENDED, ROUTE_C))
    if positive:
        return found  # stap 17-1: SWN issues the joining certificate; nothing to announce
    if today >= expiry:
        # Stap 17-2: suspended from the expiry date while the re-audit runs.
        if now == status.SUSPENDED and (Kind.SUSPENDED, EXPIRY) not in have:
            found.append((Kind.SUSPENDED, EXPIRY))
        return found
    if today >= notice_from:
        # Stap 17-2/17-3: what the status on the expiry date will be, as known today.
        at_expiry = status.status_on(facts, tracks, expiry)
        kind = Kind.SUSPENSION_NOTICE if at_expiry == status.SUSPENDED else Kind.LAPSE_NOTICE
        if not {Kind.SUSPENSION_NOTICE, Kind.LAPSE_NOTICE} & kinds:
            found.append((kind, EXPIRY))
        return found
    if now == status.VALID:
        step = _reminder(facts, events, months, today)
        if step is not None:
            found.append((Kind.REMINDED, step))
    return found


def _reminder(facts, events, months, today) -> str | None:
    """The latest reminder moment that has come, if no reminder went on or after it.

    A moment before the certificate started is not one of its moments."""
    moments = [
        (add_months(facts.valid_until, -m), m)
        for m in months
        if facts.start <= add_months(facts.valid_until, -m) <= today
    ]
    if not moments:
        return None
    moment, m = max(moments)
    if any(e.kind == Kind.REMINDED and e.on >= moment for e in events):
        return None
    return str(m)


def run(today: datetime.date | None = None) -> list[CertificateEvent]:
    """Record and send what is due today; returns the events this round wrote."""
    today = today or timezone.localdate()
    certificates = list(candidates())
    by_member = status.tracks({c.member_id for c in certificates})
    done = _done([c.pk for c in certificates])
    months = reminder_months(today)
    written = []
    for certificate in certificates:
        facts = status.Facts.of(certificate)
        tracks = by_member.get(certificate.member_id, [])
        for kind, step in due(facts, tracks, done.get(certificate.pk, []), months, today):
            event = _once(certificate, facts, kind, step, today)
            if event is not None:
                written.append(event)
    return written


NOTES = {
    Kind.REMINDED: "{step} maanden voor de vervaldatum.",
    Kind.SUSPENSION_NOTICE: "Hertoetsing loopt; opschorting vanaf {expiry} aangekondigd.",
    Kind.LAPSE_NOTICE: "Geen hertoetsing; vervallen per {expiry} aangekondigd.",
}


def _note(kind, step, facts) -> str:
    expiry = f"{facts.valid_until:%d-%m-%Y}"
    if kind in NOTES:
        return NOTES[kind].format(step=step, expiry=expiry)
    if kind == Kind.SUSPENDED and step == ROUTE_C:
        return "Hertoetsing op route c: opgeschort tot de nieuwe uitreiking (stap 9c-ii)."
    if kind == Kind.SUSPENDED:
        return f"Hertoetsing loopt: opgeschort tot uiterlijk {facts.suspension_limit:%d-%m-%Y}."
    if step == SUSPENSION:
        return (
            "Opschorting beëindigd zonder nieuw certificaat (termijn verstreken of hertoetsing "
            "negatief afgerond); uit het register."
        )
    return "Geen positieve hertoetsing op de vervaldatum; uit het register."


def _once(certificate, facts, kind, step, today) -> CertificateEvent | None:
    try:
        with transaction.atomic():
            event = CertificateEvent.objects.create(
                certificate=certificate,
                kind=kind,
                step=step,
                on=today,
                note=_note(kind, step, facts),
            )
            if not (kind == Kind.SUSPENDED and step == ROUTE_C):
                _mail(certificate, facts, kind, step, today)
    except IntegrityError:
        return None  # recorded and sent before, by an earlier round or a twin
    return event


SUBJECTS = {
    Kind.REMINDED: "Herinnering: plan de hertoetsing voor {number}",
    Kind.SUSPENSION_NOTICE: "Over twee weken wordt certificaat {number} opgeschort",
    Kind.LAPSE_NOTICE: "Over twee weken vervalt certificaat {number}",
    Kind.SUSPENDED: "Certificaat {number} is opgeschort",
    Kind.LAPSED: "Certificaat {number} is vervallen",
}


def _mail(certificate, facts, kind, step, today) -> None:
    """To the member's main contact and admins; SWN's advisers in copy of all but reminders."""
    member = certificate.member
    link = settings.SITE_URL + reverse("certificates:detail", args=[certificate.number])
    send_template(
        f"{SUBJECTS[kind].format(number=certificate.number)} ({member})",
        f"certificates/email/{kind if kind != Kind.REMINDED else 'reminder'}.txt",
        member_contacts(member),
        {
            "certificate": certificate,
            "member": member,
            "months": int(step) if kind == Kind.REMINDED else None,
            "expiry": facts.valid_until,
            "limit": facts.suspension_limit,
            "today": today,
            "link": link,
            "after_suspension": kind == Kind.LAPSED and step == SUSPENSION,
            # Stap 17-4: no logo from the expiry date; from today if it lapses before (9c-i).
            "since": min(today, facts.valid_until),
        },
        cc=[] if kind == Kind.REMINDED else emails(role=Role.SWN_ADVISER),
    )
