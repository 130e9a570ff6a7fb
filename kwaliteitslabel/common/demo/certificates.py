"""Demo certificates from before the platform (demo.yaml `certificates`), as SWN's
administration holds them: the ones the demo's re-audits renew, and one that will lapse.

Each is two years valid up to its `valid_until` (the matching re-audit's `previous_expiry`)
and was issued `issued_after_days` after its date, before the day of the load, so none is
"nog niet ingegaan" then. Its number carries the year it was issued, as the platform
numbers (issuing.next_number): KSSW-<year>-<sequence>. Created once, found again by number.
"""

import datetime

from django.utils import timezone

from kwaliteitslabel.accounts.models import User
from kwaliteitslabel.audits.models import Scope
from kwaliteitslabel.certificates import issuing
from kwaliteitslabel.certificates.models import Certificate, CertificateEvent
from kwaliteitslabel.certificates.terms import terms
from kwaliteitslabel.common.dates import add_months
from kwaliteitslabel.frameworks.models import Framework


def load(entries: list[dict], members: dict, bodies: dict) -> None:
    secretariat = User.objects.filter(roles__role="swn_secretariat").first()
    for e in entries:
        valid_until = e["valid_until"]
        valid_from = add_months(valid_until, -12 * terms().validity_years)
        issued_on = valid_from + datetime.timedelta(days=e.get("issued_after_days", 7))
        if issued_on >= timezone.localdate():
            raise ValueError(
                f"demo.yaml: het certificaat van lid {e['member']} zou pas op {issued_on} "
                "uitgereikt zijn; een certificaat van vóór het platform is al uitgereikt"
            )
        number = issuing.number(issued_on.year, e["sequence"])
        if Certificate.objects.filter(number=number).exists():
            continue
        member = members[e["member"]]
        scope = Scope.objects.prefetch_related("lines__work_type").get(
            member=member, name=e["scope"]
        )
        certificate = Certificate.objects.create(
            number=number,
            member=member,
            body=bodies[e["body"]],
            framework=Framework.objects.get(version=str(e["framework"])),
            whole_organisation=scope.whole_organisation,
            valid_from=valid_from,
            valid_until=valid_until,
            issued_at=timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(10))),
            issued_by=secretariat,
        )
        certificate.work_types.set([line.work_type for line in scope.lines.all()])
        CertificateEvent.objects.create(
            certificate=certificate,
            kind=CertificateEvent.Kind.ISSUED,
            on=issued_on,
            by=secretariat,
            note="Overgenomen uit de administratie van vóór het platform.",
        )
