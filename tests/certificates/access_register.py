"""Rows of the role x URL matrix: the public register and verification (issue 9 items 3-4).

Open to every role and to anonymous visitors: the register, its open-data exports, the
verification page behind the QR code and the same two in the API."""

import datetime

from tests.world import EVERYONE

from .helpers import make_certificate


def _number(w) -> str:
    return make_certificate(w, datetime.date(2025, 3, 1), number="KSSW-2025-0001").number


ACCESS = [
    ("certificates:register", lambda w: {}, EVERYONE),
    ("certificates:register_csv", lambda w: {}, EVERYONE),
    ("certificates:register_json", lambda w: {}, EVERYONE),
    ("certificates:verify", lambda w: {"number": _number(w)}, EVERYONE),
    ("api-v1:verify_certificate", lambda w: {"number": _number(w)}, EVERYONE),
    ("api-v1:register", lambda w: {}, EVERYONE),
]
