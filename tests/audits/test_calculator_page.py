"""The public calculator page gives the same answers as the API, and names bad fields."""

import pytest

from .test_calculator import bodies  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_empty_page_explains_what_to_do(client):
    page = client.get("/rekenhulp/").content.decode()
    assert "Vul het formulier in" in page


def test_days_and_cost_per_body(client, bodies):  # noqa: F811
    page = client.get(
        "/rekenhulp/",
        {
            "variant": "body",
            "unit": "fte",
            "employed": "8",
            "hired": "1",
            "interns": "0,5",
            "volunteers": "0,4",
            "management_support": "0,5",
            "other_volunteers": "12",
            "date": "2022-07-01",
            "travel_km": "120",
        },
    ).content.decode()
    assert "10,4" in page and "staffel 11-20 fte" in page
    assert "2,5 dagen" in page
    assert "€ 3.054,00" in page and "€ 3.695,34" in page  # CIIO, Bijlage 10
    assert "inbegrepen" in page  # LRQA travel included
    assert "nee: Vrijwilligers die hand- en spandiensten verlenen tellen niet mee" in page


def test_hours_per_week_at_36_hours(client):
    page = client.get(
        "/rekenhulp/", {"variant": "body", "unit": "hours", "employed": "360"}
    ).content.decode()
    assert "Fte in de scope: <strong>10,0</strong>" in page and "staffel 1-10 fte" in page


def test_maatwerk_above_300(client):
    page = client.get(
        "/rekenhulp/", {"variant": "peer", "unit": "fte", "employed": "301"}
    ).content.decode()
    assert "Maatwerk" in page and "300 fte" in page


def test_combined_with_iso_lists_the_norms_on_top(client):
    page = client.get(
        "/rekenhulp/",
        {"variant": "combined", "combined_with": "iso", "unit": "fte", "employed": "30"},
    ).content.decode()
    assert "1,5 dagen extra" in page
    assert "Normen die de CI bovenop ISO 9001 toetst" in page
    assert "V1 · Vakmanschap 1" in page and "D10 · Dienstverlening 10" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"variant": "body", "unit": "fte"}, "Vul bij minstens één categorie die meetelt"),
        ({"variant": "body", "unit": "fte", "employed": "-2"}, "Vul 0 of meer in."),
        ({"variant": "body", "unit": "fte", "employed": "veel"}, "Vul een getal in"),
        (
            {"variant": "combined", "unit": "fte", "employed": "5"},
            "Kies waarmee de toets wordt gecombineerd.",
        ),
    ],
)
def test_bad_input_is_named_on_the_field(client, params, message):
    response = client.get("/rekenhulp/", params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Uitkomst" not in response.content.decode()
