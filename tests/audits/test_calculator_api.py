import json

import pytest

from .test_calculator import bodies  # noqa: F401 (fixture)


def post(client, path, body):
    return client.post(
        f"/api/v1/calculator/{path}", json.dumps(body), content_type="application/json"
    )


def test_audit_days_with_fte(client):
    response = post(client, "audit-days", {"variant": "body", "fte": 10.4})
    assert response.json() == {
        "fte_in_scope": 10.4,
        "band": "11-20",
        "days": 2.5,
        "days_basis": "total",
        "custom": False,
        "note": response.json()["note"],
    }


def test_audit_days_with_breakdown_and_combined(client):
    body = {
        "variant": "combined",
        "combined_with": "hkz",
        "fte_breakdown": {
            "employed": 8,
            "hired": 1,
            "interns": 0.5,
            "volunteers": 0.4,
            "management_support": 0.5,
        },
    }
    data = post(client, "audit-days", body).json()
    assert (data["fte_in_scope"], data["band"], data["days"], data["days_basis"]) == (
        10.4,
        "11-20",
        1.5,
        "on_top_of_other_audit",
    )


def test_audit_days_maatwerk(client):
    data = post(client, "audit-days", {"variant": "peer", "fte": 301}).json()
    assert data["days"] is None and data["custom"] is True and data["note"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"variant": "body", "fte": 0}, "fte"),
        ({"variant": "body", "fte": -1}, "fte"),
        ({"variant": "ci", "fte": 5}, "variant"),
        ({"variant": "body", "fte_breakdown": {"employed": 2, "hired": -1}}, "hired"),
    ],
)
def test_bad_input_is_422_naming_the_field(client, body, field):
    response = post(client, "audit-days", body)
    assert response.status_code == 422
    assert field in json.dumps(response.json()["detail"])


def test_neither_fte_nor_breakdown_is_422(client):
    response = post(client, "audit-days", {"variant": "body"})
    assert response.status_code == 422 and "fte" in json.dumps(response.json())


@pytest.mark.django_db
def test_cost_per_body_as_decimal_strings(client, bodies):  # noqa: F811
    rows = post(client, "cost", {"days": 2.5, "date": "2022-07-01", "travel_km": 120}).json()
    assert rows == [
        {
            "body": "CIIO",
            "day_rate": "1200.00",
            "travel_included": False,
            "travel": "54.00",
            "total_excl_vat": "3054.00",
            "vat": "641.34",
            "total_incl_vat": "3695.34",
        },
        {
            "body": "LRQA",
            "day_rate": "1250.00",
            "travel_included": True,
            "travel": "0.00",
            "total_excl_vat": "3125.00",
            "vat": "656.25",
            "total_incl_vat": "3781.25",
        },
    ]


def test_cost_bad_days_is_422(client):
    assert post(client, "cost", {"days": 0}).status_code == 422
