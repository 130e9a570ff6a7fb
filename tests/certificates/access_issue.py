"""Rows of the role x URL matrix: issuing and SWN's overview (issue 9 items 1, 7, 8).

SWN (and the governance, reading) sees the list to issue and the overview; only the
secretariat issues. A certificate's page is for SWN, the member's admins and
professionals, and the body that audited; the public sees only the register."""

import datetime

SWN_READERS = {"swn_secretariat", "swn_adviser", "governance"}


def _accepted(w):
    from .helpers import accepted_audit

    return accepted_audit(w)


def _certificate(w, member=None):
    from .helpers import make_certificate

    return make_certificate(w, datetime.date(2026, 1, 1), member=member)


ACCESS = [
    ("certificates:inbox", lambda w: {}, SWN_READERS),
    ("certificates:overview", lambda w: {}, SWN_READERS),
    ("certificates:issue", lambda w: {"pk": _accepted(w).pk}, {"swn_secretariat"}),
    (
        "certificates:detail",
        lambda w: {"number": _certificate(w).number},
        SWN_READERS | {"member_admin", "professional", "body_admin"},
    ),
    (
        "certificates:detail",
        lambda w: {"number": _certificate(w, member=w.member_b).number},
        SWN_READERS | {"body_admin"},
    ),
]
