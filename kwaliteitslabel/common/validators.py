"""Validators for Dutch registration data and uploaded files, with messages in Dutch that
name the problem."""

import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from docx import Document
from openpyxl import load_workbook


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


# The Office formats the platform reads back (issue 11, item 4): an .xlsx or .docx is a ZIP
# file holding its main part; the macro variants (.xlsm, .docm) are refused outright.
OFFICE_KINDS = {
    "xlsx": ("Excel-bestand", "xl/workbook.xml", "xlsm"),
    "docx": ("Word-bestand", "word/document.xml", "docm"),
}
ZIP_MAGIC = b"PK\x03\x04"
# A 5 MB upload that unpacks into more than this is a ZIP bomb, not a workbook.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"


def _office_error(upload, name: str, kind: str, extension: str) -> str | None:
    """What is wrong with the uploaded file's content, or None."""
    upload.seek(0)
    if upload.read(4) != ZIP_MAGIC:
        return f"‘{name}’ is geen echt {kind}: de inhoud is geen .{extension}."
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            types = archive.read("[Content_Types].xml").lower()
    except (zipfile.BadZipFile, KeyError, OSError):
        return f"‘{name}’ is geen leesbaar {kind} (.{extension})."
    if b"macroenabled" in types or any(n.lower().endswith("vbaproject.bin") for n in names):
        return (
            f"‘{name}’ bevat macro's. Sla het op als gewoon {kind} (.{extension}) zonder macro's."
        )
    if OFFICE_KINDS[extension][1] not in names:
        return f"‘{name}’ is geen echt {kind}: de inhoud is geen .{extension}."
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        return f"‘{name}’ is uitgepakt groter dan {_megabytes(MAX_UNPACKED_BYTES)}."
    return None


@deconstructible
class OfficeFileValidator:
    """One check for every upload form: size, extension, and content (magic bytes, the
    main part, no macros, and the library that reads it can open it). Reads the file in
    memory only (kwaliteitslabel.common.uploads) and rewinds it for the reader after."""

    def __init__(self, extension: str):
        self.extension = extension

    def __eq__(self, other):
        return isinstance(other, OfficeFileValidator) and other.extension == self.extension

    def __call__(self, upload) -> None:
        kind, _, macro_extension = OFFICE_KINDS[self.extension]
        name = upload.name or ""
        limit = settings.UPLOAD_MAX_BYTES
        if upload.size > limit:
            message = (
                f"‘{name}’ is {_megabytes(upload.size)}; een {kind} mag hoogstens "
                f"{_megabytes(limit)} zijn."
            )
        elif name.lower().endswith(f".{macro_extension}"):
            message = (
                f"‘{name}’ is een {kind} met macro's (.{macro_extension}). Sla het op als "
                f".{self.extension} zonder macro's."
            )
        elif not name.lower().endswith(f".{self.extension}"):
            message = (
                f"‘{name}’ is geen {kind} (.{self.extension}). Kies het .{self.extension}-bestand."
            )
        else:
            message = _office_error(upload, name, kind, self.extension) or self._unreadable(
                upload, name
            )
        upload.seek(0)
        if message:
            raise ValidationError(message, code="upload")

    def _unreadable(self, upload, name: str) -> str | None:
        upload.seek(0)
        try:
            if self.extension == "xlsx":
                load_workbook(upload, read_only=True).close()
            else:
                Document(upload)
        except Exception:  # the readers raise many kinds on a broken file
            return f"‘{name}’ kan niet worden gelezen als {OFFICE_KINDS[self.extension][0]}."
        return None
