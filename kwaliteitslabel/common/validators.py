"""Validators for Dutch registration data, with messages in Dutch that name the problem."""

import re

from django.core.exceptions import ValidationError


def validate_kvk_number(value: str) -> None:
    """A KvK number (Kamer van Koophandel) is exactly 8 digits."""
    if not re.fullmatch(r"[0-9]{8}", value or ""):
        raise ValidationError(
            "Een KvK-nummer bestaat uit precies 8 cijfers, zonder spaties of letters.",
            code="kvk_number",
        )


def validate_postcode(value: str) -> None:
    if not re.fullmatch(r"[1-9][0-9]{3} ?[A-Z]{2}", (value or "").upper()):
        raise ValidationError("Vul een Nederlandse postcode in, zoals 3511 AB.", code="postcode")


def normalise_postcode(value: str) -> str:
    value = (value or "").upper().replace(" ", "")
    return f"{value[:4]} {value[4:]}" if len(value) == 6 else value


def validate_phone(value: str) -> None:
    digits = re.sub(r"[\s\-()+]", "", value or "")
    if not digits.isdigit() or not 10 <= len(digits) <= 13:
        raise ValidationError(
            "Vul een telefoonnummer in met 10 cijfers, zoals 030 721 0 721 of +31 30 721 0721.",
            code="phone",
        )


def validate_member_number(value: str) -> None:
    if not re.fullmatch(r"[0-9]{1,10}", value or ""):
        raise ValidationError(
            "Een lidnummer bestaat uit cijfers (hoogstens 10).", code="member_number"
        )
