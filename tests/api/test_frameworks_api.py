"""The public JSON API for frameworks: shapes as specified in issue 2."""

import pytest

pytestmark = pytest.mark.django_db


def test_frameworks_list(client):
    data = client.get("/api/v1/frameworks").json()
    assert [f["version"] for f in data] == ["2016", "2019"]
    current = data[1]
    assert current == {
        "version": "2019",
        "title": "Normen Kwaliteitslabel Sterk Sociaal Werk",
        "status": "in_force",
        "norm_count": 49,
        "thresholds": {"max_not_met": 4, "max_partly": 9},
    }
    assert data[0]["norm_count"] == 52 and data[0]["thresholds"] is None


def test_norms_in_rubric_and_number_order(client):
    data = client.get("/api/v1/frameworks/2019/norms").json()
    assert len(data) == 49
    assert [n["code"] for n in data[:2]] == ["V1", "V2"]
    assert [n["code"] for n in data[14:16]] == ["V15", "D1"]
    assert data[-1]["code"] == "O23"
    v12 = data[11]
    assert set(v12) == {
        "code",
        "rubric",
        "number",
        "text",
        "examples",
        "questions",
        "evidence_examples",
    }
    assert (v12["code"], v12["rubric"], v12["number"]) == ("V12", "V", 12)
    assert "portfolio" in v12["text"]
    assert isinstance(data[0]["questions"], list) and data[0]["questions"]


def test_crosswalk_2016_via_is_the_norm_itself(client):
    data = client.get("/api/v1/frameworks/2016/crosswalk/iso-9001-2015").json()
    assert len(data) == 52
    assert data[0] == {
        "norm": "V1",
        "clauses": ["7.2"],
        "branch_specific": "wholly",
        "comparison": data[0]["comparison"],
        "via": ["V1"],
    }
    assert data[0]["comparison"].startswith("De ISO stelt geen inhoudelijke eisen")
    assert sum(r["branch_specific"] != "no" for r in data) == 30


def test_crosswalk_2019_goes_through_the_2016_norms(client):
    data = {
        r["norm"]: r for r in client.get("/api/v1/frameworks/2019/crosswalk/iso-9001-2015").json()
    }
    assert len(data) == 49
    assert data["V1"]["via"] == ["V1"] and data["V1"]["clauses"] == ["7.2"]
    assert data["O3"]["via"] == ["D1"]  # 2016 D1 moved to Organisatie en bestuur
    assert data["D10"] == {
        "norm": "D10",
        "clauses": [],
        "branch_specific": None,
        "comparison": None,
        "via": [],
    }


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/frameworks/1999/norms",
        "/api/v1/frameworks/1999/crosswalk/iso-9001-2015",
        "/api/v1/frameworks/2019/crosswalk/hkz",
    ],
)
def test_unknown_answers_404_with_detail(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert set(response.json()) == {"detail"} and response.json()["detail"]


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/frameworks",
        "/api/v1/frameworks/{version}/norms",
        "/api/v1/frameworks/{version}/crosswalk/{slug}",
    } <= set(schema["paths"])
