"""The press kit (issue 9 item 2; hoofdstuk 2.7, Bijlage 6 stap 15): a press release and an
invitation letter for a festive moment with the (regional) press and relations, as Word
files the member makes its own.

The facts are filled in from the certificate (`pdf.facts`): the member, its town, the scope,
the certification date. What only the member knows stands [tussen rechte haken]. A shaded
box at the top gives a few tips and asks to be removed before sending. Both letters name
only the certified scope: the label says nothing about the member's other work.

Page, language and styles as the audit report's Word file (`reports/word.py`).
"""

import io

from django.utils import timezone
from docx import Document
from docx.shared import Mm, Pt, RGBColor

from kwaliteitslabel.reports import word

from .pdf import ISSUER, LABEL, Facts, facts

TIP_FILL = "FFF4D6"  # a pale yellow: a note to the writer, not part of the letter
GREY = RGBColor(0x55, 0x55, 0x55)


def scope_sentence(f: Facts) -> str:
    """What the label covers, in one sentence; a part of the organisation is named by the
    member, as the audit's scope did."""
    where = (
        "in de hele organisatie"
        if f.whole_organisation
        else "in een deel van de organisatie: [noem welk deel, zoals in de scope van de toetsing]"
    )
    return f"Het label geldt voor {f.work}, {where}."


def press_release(certificate) -> bytes:
    f = facts(certificate)
    doc = _document(f, f"Persbericht: {f.member} ontvangt het {LABEL}")
    _tips(
        doc,
        "Tips bij dit persbericht",
        [
            "Vul alles tussen [rechte haken] in en haal de haken weg.",
            "Een redactie leest vaak alleen de kop en de eerste alinea. Zet daar het nieuws in.",
            f"Noem alleen het werk waarvoor het certificaat geldt: {f.scope}. "
            "Over ander werk van uw organisatie zegt het label niets.",
            "Een citaat van de directeur en een van een medewerker of inwoner maken het bericht "
            "levendig. Stuur een foto mee, met toestemming van wie erop staat.",
            "Stuur het bericht naar de regionale krant, het huis-aan-huisblad en de lokale "
            "omroep, en zet het op uw website en sociale media.",
            f"Het logo van het label mag u gebruiken zolang het certificaat geldig is: "
            f"tot {f.valid_until}.",
            "Haal dit kader weg voordat u het bericht verstuurt.",
        ],
    )
    _small(doc, "PERSBERICHT", bold=True)
    doc.add_paragraph("[Plaats], [datum]")
    doc.add_paragraph(f"{f.member} ontvangt {LABEL}", style="Title")
    lead = doc.add_paragraph()
    lead.add_run(
        f"{f.member} in {f.town} heeft het {LABEL} behaald. Daarmee laat de organisatie zien "
        "dat haar werk voldoet aan de kwaliteitsnormen die de branche sociaal werk zelf heeft "
        f"opgesteld. Het certificaat van {ISSUER} geldt vanaf {f.valid_from}."
    ).bold = True
    doc.add_paragraph(scope_sentence(f))
    doc.add_paragraph(
        f"“[Citaat: wat betekent het label voor uw organisatie, uw medewerkers en de inwoners "
        f"van {f.town}?]”, zegt [naam], [functie] van {f.member}."
    )
    doc.add_heading("Onafhankelijk getoetst", level=2)
    doc.add_paragraph(
        f"Het {LABEL} is het keurmerk van de branche sociaal werk. Een onafhankelijke "
        f"certificerende instelling, {f.body}, heeft het werk getoetst aan de normen van het "
        f"{f.framework}. De auditoren spraken met medewerkers en anderen die bij het werk "
        "betrokken zijn, en bekeken hoe het werk is georganiseerd. Op hun advies reikte "
        f"{ISSUER} het certificaat uit."
    )
    doc.add_paragraph(
        "[Wat ging goed, wat viel de auditoren op? Een of twee zinnen over uw sterke punten.]"
    )
    doc.add_paragraph(
        f"Het certificaat heeft nummer {f.number} en is geldig tot {f.valid_until}. Op "
        f"{f.short_address} kan iedereen nagaan of het certificaat geldig is."
    )
    doc.add_heading(f"Over {f.member}", level=2)
    doc.add_paragraph(
        "[Twee of drie zinnen over uw organisatie: wat u doet, voor wie, in welke gemeenten, "
        "met hoeveel medewerkers en vrijwilligers.]"
    )
    _small(doc, "Noot voor de redactie, niet voor publicatie", bold=True, space_before=12)
    _small(
        doc,
        "Meer informatie: [naam], [functie], [telefoonnummer], [e-mailadres]. "
        "[Foto’s: waar de redactie ze kan vinden.]",
    )
    return _save(doc)


def invitation(certificate) -> bytes:
    f = facts(certificate)
    doc = _document(f, f"Uitnodiging: {f.member} viert het {LABEL}")
    _tips(
        doc,
        "Tips bij deze uitnodiging",
        [
            "Vul alles tussen [rechte haken] in en haal de haken weg.",
            "Verstuur de uitnodiging drie tot vier weken van tevoren. Bel journalisten een paar "
            "dagen ervoor nog even.",
            "Nodig ook de wethouder, samenwerkingspartners, vrijwilligers en inwoners uit die "
            "aan de toetsing meewerkten.",
            f"Noem alleen het werk waarvoor het certificaat geldt: {f.scope}.",
            "Houd het programma kort: een uur is genoeg. Zorg voor een moment om te fotograferen.",
            "Haal dit kader weg voordat u de uitnodiging verstuurt.",
        ],
    )
    doc.add_paragraph("[Naam ontvanger]\n[Organisatie]\n[Adres]\n[Postcode en plaats]")
    doc.add_paragraph("[Plaats], [datum]").paragraph_format.space_before = Pt(12)
    subject = doc.add_paragraph()
    subject.paragraph_format.space_before = Pt(12)
    subject.add_run(f"Onderwerp: uitnodiging feestelijke bijeenkomst {LABEL}").bold = True
    doc.add_paragraph("Beste [naam],").paragraph_format.space_before = Pt(12)
    doc.add_paragraph(
        f"Wij zijn trots: {f.member} in {f.town} heeft het {LABEL} behaald. Ons certificaat "
        f"van {ISSUER} geldt vanaf {f.valid_from}. {scope_sentence(f)}"
    )
    doc.add_paragraph(
        "Het label is het keurmerk van de branche sociaal werk. Een onafhankelijke "
        "certificerende instelling heeft ons werk getoetst aan de normen die de branche zelf "
        "heeft opgesteld. Goed sociaal werk doen we niet alleen: we doen het samen met "
        "inwoners, vrijwilligers en partners zoals u. Daarom vieren we het graag met u."
    )
    doc.add_paragraph("U bent van harte welkom op:")
    table = word.new_table(doc, 3, (Mm(30), word.TEXT_WIDTH - Mm(30)))
    table.style = None  # no grid: a list of three facts
    for row, (label, value) in zip(
        table.rows,
        (
            ("Datum", "[dag en datum]"),
            ("Tijd", "[van] tot [tot] uur"),
            ("Plaats", "[naam van de locatie, adres, plaats]"),
        ),
        strict=True,
    ):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(value)
    doc.add_paragraph(
        "[Het programma in het kort, bijvoorbeeld: ontvangst met koffie; welkom door de "
        "directeur; een medewerker en een inwoner vertellen wat het werk voor hen betekent; "
        "overhandiging van het certificaat; borrel.]"
    ).paragraph_format.space_before = Pt(10)
    doc.add_paragraph(
        "Journalisten zijn van harte welkom. Er is gelegenheid om vragen te stellen en om "
        "foto’s te maken."
    )
    doc.add_paragraph(
        "Laat u weten of u komt? Graag voor [datum] aan [naam], via [e-mailadres of "
        "telefoonnummer]."
    )
    doc.add_paragraph("Met vriendelijke groet,").paragraph_format.space_before = Pt(12)
    doc.add_paragraph(f"[Naam]\n[Functie]\n{f.member}").paragraph_format.space_before = Pt(24)
    return _save(doc)


def _document(f: Facts, title: str):
    doc = Document()
    word.page_setup(doc)
    word.styles(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)  # a letter, not a report
    normal.paragraph_format.space_after = Pt(6)
    props = doc.core_properties
    props.title = title
    props.subject = f"Persmap {LABEL} {f.number}"
    props.identifier = f"kwaliteitslabel certificate={f.number}"
    props.keywords = f"{LABEL}; {f.number}; persmap"
    props.author = props.last_modified_by = f.member
    props.created = props.modified = timezone.now()
    props.language = word.LANGUAGE
    props.category = "Persmap (Bijlage 6 stap 15)"
    props.comments = ""
    return doc


def _tips(doc, heading: str, tips: list[str]) -> None:
    """A shaded box with tips for the writer, to remove before sending."""
    cell = word.new_table(doc, 1, (word.TEXT_WIDTH,)).rows[0].cells[0]
    word.shade(cell, TIP_FILL)
    cell.paragraphs[0].add_run(heading).bold = True
    for tip in tips:
        paragraph = cell.add_paragraph(tip, style="List Bullet")
        paragraph.paragraph_format.space_after = Pt(2)
    doc.add_paragraph()


def _small(doc, text: str, bold: bool = False, space_before: int = 0) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(space_before)
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(9)
    run.font.color.rgb = GREY


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
