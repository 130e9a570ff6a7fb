"""The findings as a Word file, edited offline and read back (issue 8, item 4): the changes
per norm before saving, all or nothing, and a refusal that says where for a file that is not
the platform's, of another audit, with a row removed, an unknown sign or made before a
finding changed on the server."""

import copy
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.audits import findings
from kwaliteitslabel.audits.models import Finding, TeamMember
from kwaliteitslabel.reports import roundtrip
from tests.audits.helpers import make_audit
from tests.world import make_user

pytestmark = pytest.mark.django_db


def started(world, member=None, body=None):
    audit = make_audit(world, member=member, body=body, status="started")
    findings.ensure_findings(audit)
    return audit


@pytest.fixture
def audit(world):
    """Member A's audit by body X, started, the world's auditor leading; some findings written."""
    audit = started(world)
    TeamMember.objects.create(audit=audit, user=world.users["auditor"], role="lead")
    v1 = findings.find(audit, "V1")
    v1.text = "Professionals lieten voorbeelden zien.\nDe dossiers waren op orde."
    v1.strengths = "Een sterk inwerkprogramma."
    v1.verdict = "met"
    v1.save()
    return audit


def url(audit, name):
    return reverse(f"reports:{name}", kwargs={"pk": audit.pk})


def download(client, audit) -> docx.Document:
    response = client.get(url(audit, "findings_docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    return docx.Document(io.BytesIO(response.content))


def row(doc, code):
    for table in doc.tables:
        for r in table.rows[1:]:
            if r.cells[0].text.startswith(f"{code}. "):
                return r
    raise AssertionError(f"geen rij {code}")


def set_text(cell, text):
    """Replace a cell's contents with one paragraph, as someone typing over it would."""
    for paragraph in cell.paragraphs[1:]:
        paragraph._element.getparent().remove(paragraph._element)
    first = cell.paragraphs[0]
    for run in first.runs:
        run._element.getparent().remove(run._element)
    first.add_run(text)


def as_file(doc, name="bevindingen.docx"):
    out = io.BytesIO()
    doc.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(client, audit, doc, name="bevindingen.docx"):
    return client.post(url(audit, "findings_upload"), {"file": as_file(doc, name)})


def problems(response) -> list[str]:
    assert response.status_code == 400
    return response.context["problems"]


def test_download_edit_preview_save(client_as, world, audit):
    client = client_as("auditor")
    doc = download(client, audit)
    assert doc.core_properties.identifier == f"kwaliteitslabel audit={audit.pk}"
    assert "Deel A" not in "\n".join(p.text for p in doc.paragraphs if p.style.name == "Heading 1")
    set_text(row(doc, "V2").cells[1], "Nieuwe waarneming op locatie.")
    set_text(row(doc, "V1").cells[2], "+/-")

    preview = upload(client, audit, doc)
    assert preview.status_code == 200
    changes = [c for _, items in preview.context["per_norm"] for c in items]
    assert [(c.code, c.field, c.old, c.new) for c in changes] == [
        ("V1", "verdict", "met", "partly"),
        ("V2", "text", "", "Nieuwe waarneming op locatie."),
    ]
    assert "Wijzigingen opslaan" in preview.content.decode()
    assert Finding.objects.get(audit=audit, norm__rubric__code="V", norm__number=2).text == ""

    saved = client.post(url(audit, "findings_upload"), {"changes": preview.context["token"]})
    assert saved.status_code == 302
    v1, v2 = findings.find(audit, "V1"), findings.find(audit, "V2")
    assert v1.verdict == "partly"
    assert v1.text.startswith("Professionals")  # untouched parts stay as they were
    assert v2.text == "Nieuwe waarneming op locatie."
    for finding in (v1, v2):
        assert finding.updated_by == world.users["auditor"]
        assert finding.history.first().history_user == world.users["auditor"]
    assert v2.version == 2


def test_unchanged_file_changes_nothing(client_as, audit):
    client = client_as("auditor")
    response = upload(client, audit, download(client, audit))
    assert response.status_code == 302
    assert not Finding.objects.filter(audit=audit, version__gt=1).exclude(
        norm__rubric__code="V", norm__number=1
    )


def test_labelled_paragraphs_and_not_applicable(client_as, audit):
    client = client_as("auditor")
    doc = download(client, audit)
    cell = row(doc, "O3").cells[1]
    set_text(cell, "Geen raad van toezicht.")
    cell.add_paragraph("Niet van toepassing: De organisatie heeft geen raad van toezicht.")
    cell.add_paragraph("Verbeterpunten: Beleid vastleggen.")
    cell.add_paragraph("En evalueren.")
    set_text(row(doc, "O3").cells[2], "n.v.t.")
    preview = upload(client, audit, doc)
    changes = {c.field: c.new for _, items in preview.context["per_norm"] for c in items}
    assert changes == {
        "text": "Geen raad van toezicht.",
        "verdict": "not_applicable",
        "not_applicable_reason": "De organisatie heeft geen raad van toezicht.",
        "improvement_points": "Beleid vastleggen.\nEn evalueren.",
    }


def test_not_applicable_without_reason_refused(client_as, audit):
    client = client_as("auditor")
    doc = download(client, audit)
    set_text(row(doc, "V3").cells[2], "n.v.t.")
    (problem,) = problems(upload(client, audit, doc))
    assert problem.startswith("Tabel Vakmanschap, rij 3 (V3): n.v.t. zonder reden")


def test_foreign_docx_refused(client_as, audit):
    client = client_as("auditor")
    doc = docx.Document()
    doc.add_paragraph("Mijn eigen aantekeningen")
    (problem,) = problems(upload(client, audit, doc))
    assert "niet door het platform gemaakt" in problem


def test_not_a_docx_refused(client_as, audit):
    client = client_as("auditor")
    response = client.post(
        url(audit, "findings_upload"),
        {"file": SimpleUploadedFile("bevindingen.docx", b"geen zip")},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "‘bevindingen.docx’ is geen echt Word-bestand: de inhoud is geen .docx."
    ]
    response = client.post(
        url(audit, "findings_upload"), {"file": SimpleUploadedFile("b.pdf", b"%PDF")}
    )
    assert response.status_code == 400
    assert "‘b.pdf’ is geen Word-bestand (.docx)" in response.context["form"].errors["file"][0]


def test_file_of_another_audit_refused(client_as, world, audit):
    other = started(world)
    TeamMember.objects.create(audit=other, user=world.users["auditor"], role="lead")
    client = client_as("auditor")
    doc = download(client, other)
    (problem,) = problems(upload(client, audit, doc))
    assert problem.startswith("Dit bestand hoort bij een andere toetsing")
    assert f"toetsing {other.pk}" in problem


def test_report_file_is_not_the_findings_file(client_as, audit):
    from kwaliteitslabel.reports import content, word

    client = client_as("auditor")
    doc = docx.Document(io.BytesIO(word.render(content.build(audit), "ab")))
    (problem,) = problems(upload(client, audit, doc))
    assert "niet het bestand met de bevindingen" in problem


def test_row_removed_refused_naming_the_norm(client_as, audit):
    client = client_as("auditor")
    doc = download(client, audit)
    set_text(row(doc, "V2").cells[1], "Dit gaat niet door.")
    gone = row(doc, "V4")._tr
    gone.getparent().remove(gone)
    (problem,) = problems(upload(client, audit, doc))
    assert problem.startswith("Tabel Vakmanschap: de rij van norm V4 ontbreekt")
    assert findings.find(audit, "V2").text == ""


def test_duplicated_and_unknown_rows_refused(client_as, audit):
    client = client_as("auditor")
    doc = download(client, audit)
    table = row(doc, "V1")._parent._parent
    table._tbl.append(copy.deepcopy(row(doc, "V2")._tr))
    set_text(row(doc, "V3").cells[0], "V99. Een norm die niet bestaat")
    found = problems(upload(client, audit, doc))
    assert any(p.startswith("Tabel Vakmanschap, rij 3 (V99): norm V99 hoort niet") for p in found)
    assert any(
        "rij 16 (V2): norm V2 staat er twee keer in, ook in Tabel Vakmanschap, rij 2." in p
        for p in found
    )
    assert any("de rij van norm V3 ontbreekt" in p for p in found)


def test_unknown_sign_refused_naming_table_and_row(client_as, audit):
    client = client_as("auditor")
    doc = download(client, audit)
    set_text(row(doc, "V3").cells[2], "++")
    (problem,) = problems(upload(client, audit, doc))
    assert problem.startswith("Tabel Vakmanschap, rij 3 (V3): het oordeel is ‘++’")


def test_stale_file_refused_nothing_saved(client_as, world, audit):
    client = client_as("auditor")
    doc = download(client, audit)
    set_text(row(doc, "V2").cells[1], "Offline geschreven.")
    colleague = make_user("collega@example.nl", "Carla Collega", Role.AUDITOR, body=world.body_x)
    v5 = findings.find(audit, "V5")
    v5.text, v5.updated_by, v5.version = "Op het platform geschreven.", colleague, v5.version + 1
    v5.save()
    (problem,) = problems(upload(client, audit, doc))
    assert problem.startswith("Norm V5 is na het downloaden van dit bestand op het platform")
    assert "Carla Collega" in problem
    assert findings.find(audit, "V2").text == ""


def test_stale_between_preview_and_save_refused(client_as, audit):
    client = client_as("auditor")
    doc = download(client, audit)
    set_text(row(doc, "V2").cells[1], "Offline geschreven.")
    preview = upload(client, audit, doc)
    assert preview.status_code == 200
    Finding.objects.filter(pk=findings.find(audit, "V7").pk).update(text="Tussendoor.", version=9)
    response = client.post(
        url(audit, "findings_upload"), {"changes": preview.context["token"]}, follow=True
    )
    assert "Norm V7 is na het downloaden" in response.content.decode()
    assert findings.find(audit, "V2").text == ""


def test_tampered_token_saves_nothing(client_as, audit):
    client = client_as("auditor")
    response = client.post(url(audit, "findings_upload"), {"changes": "vervalst"}, follow=True)
    assert "Er is niets opgeslagen" in response.content.decode()


def test_apply_is_all_or_nothing(world, audit):
    versions = {f.norm.code: f.version for f in Finding.objects.filter(audit=audit)}
    changes = [
        roundtrip.Change("V2", "text", "", "Wel."),
        roundtrip.Change("V3", "verdict", "not_assessed", "not_applicable"),
    ]
    with pytest.raises(roundtrip.Refused):
        roundtrip.apply(audit, world.users["auditor"], changes, versions)
    assert findings.find(audit, "V2").text == ""


@pytest.mark.parametrize("role", ["member_admin", "body_admin"])
def test_others_refused(client_as, audit, role):
    client = client_as(role)
    assert client.get(url(audit, "findings_docx")).status_code in (403, 404)
    assert client.get(url(audit, "findings_upload")).status_code in (403, 404)


def test_auditor_of_another_body_refused(client, world, audit):
    stranger = make_user("y@example.nl", "Yvo Y", Role.AUDITOR, body=world.body_y)
    client.force_login(stranger)
    assert client.get(url(audit, "findings_docx")).status_code in (403, 404)
    assert client.post(url(audit, "findings_upload"), {"changes": "x"}).status_code in (403, 404)


def test_after_closing_the_findings_refused(client_as, audit):
    audit.status = "findings_closed"
    audit.save()
    assert client_as("auditor").get(url(audit, "findings_docx")).status_code == 403
