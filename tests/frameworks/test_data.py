"""The shipped framework data, checked against the sources (seeds 000, 001, 003/004)."""

import pytest

from kwaliteitslabel.frameworks.models import (
    BranchValue,
    Correspondence,
    CrosswalkEntry,
    Framework,
    Norm,
    Term,
)

pytestmark = pytest.mark.django_db


def counts(version):
    return {
        code: Norm.objects.filter(framework__version=version, rubric__code=code).count()
        for code in "VDO"
    }


def text(version, code):
    return Norm.objects.get(
        framework__version=version, rubric__code=code[0], number=int(code[1:])
    ).text


def test_2019_has_49_norms_15_11_23_bijlage_2_and_7():
    assert counts("2019") == {"V": 15, "D": 11, "O": 23}


def test_2016_concept_has_52_norms_16_16_20_bijlage_a():
    assert counts("2016") == {"V": 16, "D": 16, "O": 20}


def test_2019_is_in_force_and_2016_a_concept():
    assert Framework.objects.get(version="2019").status == "in_force"
    assert Framework.objects.get(version="2016").status == "concept"


def test_2019_thresholds_4_not_met_9_partly_chapter_2_6_and_bijlage_5():
    framework = Framework.objects.get(version="2019")
    assert (framework.max_not_met, framework.max_partly) == (4, 9)
    assert not Framework.objects.get(version="2016").has_thresholds


def test_2019_v12_carries_the_portfolio_sentence_bijlage_7():
    assert text("2019", "V12") == (
        "Professionals ontwikkelen hun benodigde competenties en onderhouden hun vakbekwaamheid. "
        "Geregistreerde professionals houden hun portfolio actief bij teneinde hun registratie te "
        "continueren."
    )
    assert text("2019", "V13") == (
        "Professionals wisselen kennis en leerervaringen uit om zichzelf en het vak te ontwikkelen."
    )


def test_2019_d_norm_text_bijlage_7():
    assert text("2019", "D1") == (
        "De organisatie communiceert over haar dienstverlening en professionals dragen dit actief "
        "uit en zijn zichtbaar en vindbaar."
    )


def test_2019_o13_ends_without_the_copyright_line_of_bijlage_2():
    o13 = text("2019", "O13")
    assert o13 == (
        "De organisatie heeft een visie en beleid vastgesteld op de ondersteuning van "
        "burgerinitiatieven en de maatschappelijke meerwaarde hiervan. Zij is zich bewust van, en "
        "beheerst risico's rond deze samenwerking in de praktijk."
    )
    assert "opyright" not in o13


def test_2019_o18_and_o19_are_two_different_norms_bijlage_7():
    assert text("2019", "O18") == (
        "De organisatie houdt zich aan de Governance code van Sociaal Werk Nederland en de CAO "
        "Sociaal Werk of een andere van toepassing zijnde CAO."
    )
    assert text("2019", "O19").startswith(
        "De organisatie richt haar werkprocessen (primair, ondersteunend en besturend)"
    )
    assert text("2019", "O19").endswith("en neemt waar nodig verbetermaatregelen.")


def test_no_norm_text_carries_extraction_debris():
    for norm in Norm.objects.all():
        assert "<" not in norm.text and "Click or tap" not in norm.text, norm
        assert not norm.text[0].isdigit(), norm


def test_2016_norm_texts_per_rubric_bijlage_a():
    assert text("2016", "V1") == (
        "Professionals beschikken over de 10 WMO competenties voor de sociaal werker en passen deze toe."
    )
    assert text("2016", "D16") == (
        "De organisatie heeft een visie en beleid op de ondersteuning van burgerinitiatieven en de "
        "maatschappelijke meerwaarde hiervan. Zij is zich bewust van, en beheerst risico's rond deze "
        "samenwerking in de praktijk."
    )
    assert text("2016", "O1").startswith(
        "De organisatie maakt periodiek een analyse van maatschappelijke ontwikkelingen"
    )
    assert text("2016", "O1").endswith(
        "En zij voert periodiek een risico- en kansen inventarisatie uit."
    )


def test_2019_guidance_bijlage_3_and_4_as_lists():
    v1 = Norm.objects.get(framework__version="2019", rubric__code="V", number=1)
    assert v1.examples.startswith("Kan blijken uit door professionals gegeven")
    assert v1.questions[0] == "Wat zijn in jouw functie en werkzaamheden belangrijke competenties?"
    assert len(v1.questions) > 1
    assert v1.evidence_examples == ["Voorbeelden (doorleefd en van meerdere kanten gegeven)"]
    with_examples = Norm.objects.filter(framework__version="2019").exclude(examples="").count()
    assert with_examples == 49


def test_bijlage_4_has_no_rows_for_v12_to_v15():
    empty = Norm.objects.filter(framework__version="2019", questions=[]).order_by("number")
    assert [n.code for n in empty] == ["V12", "V13", "V14", "V15"]


def test_branch_code_has_5_4_8_values_bijlage_1():
    assert {r: BranchValue.objects.filter(rubric=r).count() for r in "VDO"} == {
        "V": 5,
        "D": 4,
        "O": 8,
    }


def test_terminology_says_who_counts_in_the_scope_bijlage_2():
    terms = {t.term: t.counts_in_scope for t in Term.objects.filter(framework__version="2019")}
    assert terms["Bedrijfskritische vrijwilligers"] is True
    assert terms["Bedrijfskritische stagiaires"] is True
    assert terms["Ingezette derden"] is True
    assert terms["Niet-bedrijfskritische vrijwilligers"] is False
    assert terms["Snuffel stagiaires"] is False


def test_iso_crosswalk_branch_specific_16_9_5_of_52_seed_000():
    entries = CrosswalkEntry.objects.filter(crosswalk__slug="iso-9001-2015")
    assert entries.count() == 52
    specific = entries.exclude(branch_specific="no")
    assert {r: specific.filter(norm__rubric__code=r).count() for r in "VDO"} == {
        "V": 16,
        "D": 9,
        "O": 5,
    }
    assert specific.count() == 30


def test_iso_crosswalk_v1_relates_to_clause_7_2():
    entry = CrosswalkEntry.objects.get(
        norm__framework__version="2016", norm__rubric__code="V", norm__number=1
    )
    assert [(c.number, c.title) for c in entry.clauses.all()] == [("7.2", "Competenties")]
    assert entry.branch_specific == "wholly"


def test_every_2016_norm_has_a_correspondence_row_and_2019_new_norms_are_few():
    assert Correspondence.objects.count() == 52
    reached = set(Correspondence.objects.values_list("later", flat=True))
    new = Norm.objects.filter(framework__version="2019").exclude(pk__in=reached)
    assert sorted(n.code for n in new) == ["D10", "D11", "O12"]
