"""Rows of the role x URL matrix: the certificate as PDF, the press kit and the logo (issue 9
item 2).

The PDF for whoever may read the certificate (`rules.can_read`): SWN, the governance, the
member's admins and professionals, the body that audited. The press kit and the logo for the
member's admins and SWN's staff (`rules.can_use_press_kit`); the logo only while the
certificate is valid, to nobody after it lapsed.
"""

from django.utils import timezone

from kwaliteitslabel.common.dates import add_months
from tests.certificates.helpers import make_certificate

SWN_STAFF = {"swn_secretariat", "swn_adviser"}
READERS = SWN_STAFF | {"governance", "member_admin", "professional", "body_admin"}
PRESS = SWN_STAFF | {"member_admin"}


def _certificate(w, member=None, months_ago=1):
    """A certificate of member A (or `member`), audited by body X, issued `months_ago`."""
    valid_from = add_months(timezone.localdate(), -months_ago)
    return make_certificate(w, valid_from, member=member, valid_until=add_months(valid_from, 24))


def _valid(w):
    return {"number": _certificate(w).number}


def _of_member_b(w):
    return {"number": _certificate(w, member=w.member_b).number}


def _lapsed(w):
    return {"number": _certificate(w, months_ago=36).number}


ACCESS = [
    ("certificates:pdf", _valid, READERS),
    # Member B's: SWN, the governance and body X that audited it; not member A's people.
    ("certificates:pdf", _of_member_b, SWN_STAFF | {"governance", "body_admin"}),
    ("certificates:press_release", _valid, PRESS),
    ("certificates:press_release", _of_member_b, SWN_STAFF),
    ("certificates:invitation", _valid, PRESS),
    ("certificates:logo", _valid, PRESS),
    ("certificates:logo", _of_member_b, SWN_STAFF),
    ("certificates:logo", _lapsed, set()),
    ("certificates:logo_svg", _valid, PRESS),
    ("certificates:logo_svg", _lapsed, set()),
]
