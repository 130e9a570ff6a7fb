"""Uploads (issue 11, item 4): the three import forms refuse a file that is too large, of
another type, a text file renamed to .xlsx/.docx, or a macro-enabled file, each with a Dutch
message at the field, and nothing changes; the same file done right is taken. Files are
held in memory only and never stored."""

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from kwaliteitslabel.audits.models import Finding, TeamMember
from kwaliteitslabel.common import validators
from kwaliteitslabel.common.uploads import LimitedMemoryUploadHandler, OversizedUpload
from kwaliteitslabel.reports.models import HistoricReport
from kwaliteitslabel.selfassessment import workbook
from tests.reports.test_historic import blank, fill
from tests.reports.test_roundtrip import download as download_docx
from tests.reports.test_roundtrip import row, set_text, started
from tests.selfassessment.helpers import make_self_assessment
from tests.selfassessment.test_export import FIRST, state
from tests.selfassessment.test_export import download as download_xlsx
from tests.selfassessment.test_readiness import consolidate

pytestmark = pytest.mark.django_db


@dataclass
class Form:
    url: str
    label: str
    extension: str
    good: bytes  # a file the form takes and that would change something
    state: Callable[[], object]
    taken: int  # the status for the good file: 302 saved, 200 the preview to confirm


def _saved(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _self_assessment(client, world) -> Form:
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"], partly=1)
    wb = download_xlsx(client, sa)
    wb[workbook.SHEET].cell(FIRST, workbook.ANSWER, "+")
    url = reverse("selfassessment:import_xlsx", kwargs={"pk": sa.pk})
    return Form(url, "Excel-bestand (.xlsx)", "xlsx", _saved(wb), lambda: state(sa), 302)


def _findings(client, world) -> Form:
    audit = started(world)
    TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    doc = download_docx(client, audit)
    set_text(row(doc, "V1").cells[1], "Nieuwe bevinding uit Word.")
    out = io.BytesIO()
    doc.save(out)
    url = reverse("reports:findings_upload", kwargs={"pk": audit.pk})
    findings = Finding.objects.filter(audit=audit).order_by("pk")
    return Form(
        url,
        "Word-bestand (.docx)",
        "docx",
        out.getvalue(),
        lambda: list(findings.values_list("text", "verdict", "version")),
        200,
    )


def _historic(client, world) -> Form:
    wb = blank()
    fill(wb.active, 2)
    url = reverse("reports:historic_import")
    return Form(
        url,
        "Excel-bestand (.xlsx)",
        "xlsx",
        _saved(wb),
        lambda: HistoricReport.objects.count(),
        302,
    )


FORMS = {"selfassessment": _self_assessment, "findings": _findings, "historic": _historic}
KINDS = {"xlsx": "Excel-bestand", "docx": "Word-bestand"}
MACRO = {"xlsx": "xlsm", "docx": "docm"}


def _with_macros(good: bytes) -> bytes:
    """The same file saved as macro-enabled: its content type says so and it holds VBA."""
    source, out = zipfile.ZipFile(io.BytesIO(good)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
                data = data.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
            target.writestr(item, data)
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 VBA")
    return out.getvalue()


def _too_big(good: bytes) -> bytes:
    out = io.BytesIO(good)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("docProps/opvulling.bin", os.urandom(settings.UPLOAD_MAX_BYTES))
    return out.getvalue()


def _refusals(form: Form) -> list[tuple[str, bytes, str]]:
    """(file name, content, the message at the field) for each kind of bad file."""
    ext, kind, macro = form.extension, KINDS[form.extension], MACRO[form.extension]
    big = _too_big(form.good)
    size = f"{len(big) / 1024 / 1024:.1f}".replace(".", ",")
    return [
        (
            f"bestand.{ext}",
            big,
            f"‘bestand.{ext}’ is {size} MB; een {kind} mag hoogstens 5,0 MB zijn.",
        ),
        (
            "bestand.pdf",
            b"%PDF-1.7\n",
            f"‘bestand.pdf’ is geen {kind} (.{ext}). Kies het .{ext}-bestand.",
        ),
        (
            f"notities.{ext}",
            b"lidnummer;advies\n1001;positief\n",
            f"‘notities.{ext}’ is geen echt {kind}: de inhoud is geen .{ext}.",
        ),
        (
            f"bestand.{macro}",
            _with_macros(form.good),
            f"‘bestand.{macro}’ is een {kind} met macro's (.{macro}). Sla het op als .{ext} zonder macro's.",
        ),
        (
            f"hernoemd.{ext}",
            _with_macros(form.good),
            f"‘hernoemd.{ext}’ bevat macro's. Sla het op als gewoon {kind} (.{ext}) zonder macro's.",
        ),
    ]


ROLES = {"selfassessment": "member_admin", "findings": "auditor", "historic": "swn_secretariat"}


@pytest.mark.parametrize("which", FORMS)
def test_each_upload_form_refuses_bad_files_at_the_field_and_changes_nothing(
    client_as, world, which
):
    client = client_as(ROLES[which])
    form = FORMS[which](client, world)
    before = form.state()
    for name, content, message in _refusals(form):
        response = client.post(form.url, {"file": SimpleUploadedFile(name, content)})
        assert response.status_code == 400, name
        assert response.context["form"].errors["file"] == [message]
        # The error summary names the field: its label, then the message.
        assert escape(f"{form.label}: {message}") in response.content.decode()
        assert form.state() == before, name
    # The same file as it should be is taken: saved, or (Word) shown as changes to confirm.
    good = SimpleUploadedFile(f"goed.{form.extension}", form.good)
    response = client.post(form.url, {"file": good})
    assert response.status_code == form.taken, response.content.decode()[-2000:]
    if form.taken == 302:
        assert form.state() != before
    else:
        assert "Nieuwe bevinding uit Word." in response.content.decode()


def test_a_file_above_the_limit_is_counted_not_kept():
    handler = LimitedMemoryUploadHandler()
    handler.new_file("file", "groot.xlsx", "application/octet-stream", None)
    chunk = b"x" * handler.chunk_size
    start = 0
    while start <= settings.UPLOAD_MAX_BYTES:
        assert handler.receive_data_chunk(chunk, start) is None  # no other handler gets it
        start += len(chunk)
    upload = handler.file_complete(start)
    assert isinstance(upload, OversizedUpload) and upload.size == start
    assert upload.read() == b"" and handler.file.getbuffer().nbytes == 0


def test_a_file_within_the_limit_stays_in_memory_whole():
    handler = LimitedMemoryUploadHandler()
    handler.new_file("file", "klein.xlsx", "application/octet-stream", None)
    handler.receive_data_chunk(b"PK\x03\x04rest", 0)
    upload = handler.file_complete(12)
    assert not isinstance(upload, OversizedUpload) and upload.read() == b"PK\x03\x04rest"
    assert not hasattr(upload, "temporary_file_path")  # never a file on disk


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


BROKEN = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<geen werkmap"}


def test_a_zip_bomb_or_a_broken_workbook_is_refused(monkeypatch):
    check = validators.OfficeFileValidator("xlsx")
    with pytest.raises(ValidationError, match="kan niet worden gelezen als Excel-bestand"):
        check(SimpleUploadedFile("kapot.xlsx", _zip(BROKEN)))
    monkeypatch.setattr(validators, "MAX_UNPACKED_BYTES", 1000)
    bomb = _zip(BROKEN | {"xl/nullen.bin": bytes(1001)})
    with pytest.raises(ValidationError, match="is uitgepakt groter dan"):
        check(SimpleUploadedFile("bom.xlsx", bomb))
