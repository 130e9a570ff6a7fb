"""The API for certification bodies: token, scope, audits and decision (issue 11 item 1).

The findings and part A are in test_body_writes.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kwaliteitslabel.api.main import api
from kwaliteitslabel.audits.models import Finding
from kwaliteitslabel.bodies import tokens
from tests.audits.helpers import make_audit

from .helpers import API, bearer, other_body_audit, started_audit, token_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(world):
    return token_of(world)[1]


def get(client, path, secret, **params):
    return client.get(f"{API}{path}", params, headers=bearer(secret))


def test_without_a_valid_token_every_endpoint_answers_401(client, world, secret):
    audit = started_audit(world)
    token = tokens.find(secret)
    assert client.get(f"{API}/audits").json()["detail"].startswith("Geef een API-sleutel mee")
    wrong_scheme = client.get(f"{API}/audits", headers={"Authorization": f"Token {secret}"})
    assert wrong_scheme.status_code == 401
    assert get(client, "/audits", secret + "x").json() == {
        "detail": "Deze API-sleutel is onbekend."
    }
    assert get(client, f"/audits/{audit.pk}", secret).status_code == 200
    tokens.revoke(token, world.users["body_admin"])
    revoked = get(client, f"/audits/{audit.pk}", secret)
    assert revoked.status_code == 401
    assert revoked.json() == {"detail": "Deze API-sleutel is ingetrokken."}
    put = client.put(
        f"{API}/audits/{audit.pk}/findings/V1",
        {"version": 1, "verdict": "met"},
        content_type="application/json",
    )
    assert put.status_code == 401


def test_the_token_says_which_body_it_works_for_and_notes_its_use(client, world, secret):
    answer = get(client, "", secret).json()
    assert answer["body"] == world.body_x.name
    assert answer["token"] == "planningssysteem"
    assert answer["rate_limit_per_minute"] == 120
    assert tokens.find(secret).last_used_at is not None


def test_the_list_holds_only_the_bodys_own_audits_filtered_and_paged(client, world, secret):
    own = [started_audit(world), make_audit(world, status="accepted")]
    other_body_audit(world)
    answer = get(client, "/audits", secret).json()
    assert answer["count"] == 2
    assert {row["id"] for row in answer["results"]} == {a.pk for a in own}
    started = get(client, "/audits", secret, status="started").json()
    assert [row["id"] for row in started["results"]] == [own[0].pk]
    assert started["results"][0]["status_label"] == "toetsing begonnen"
    second = get(client, "/audits", secret, limit=1, page=2).json()
    assert (second["pages"], len(second["results"])) == (2, 1)
    wrong = get(client, "/audits", secret, status="klaar")
    assert wrong.status_code == 422
    assert wrong.json()["detail"][0]["loc"] == ["query", "status"]


def test_the_lists_queries_do_not_grow_with_the_audits(client, world, secret):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert get(client, "/audits", secret).status_code == 200
        return len(queries)

    make_audit(world, status="accepted")
    get(client, "/audits", secret)  # the token's first use is noted once
    few = count()
    for _ in range(6):
        make_audit(world, status="accepted")
    assert count() == few <= 3


def test_one_audit_with_its_team_days_member_and_sources(client, world, secret):
    audit = started_audit(world)
    audit.interviews.create(function="Jongerenwerker", department="Wijkteam Noord")
    answer = get(client, f"/audits/{audit.pk}", secret).json()
    assert answer["member_details"]["name"] == world.member_a.name
    assert answer["team"] == [
        {"name": world.users["auditor"].name, "role": "lead", "role_label": "teamleider"}
    ]
    assert len(answer["days"]) == 1 and answer["days"][0]["mode"] == "on_site"
    assert (answer["variant"], answer["framework"], answer["status"]) == ("body", "2019", "started")
    assert answer["interviews"][0]["function"] == "Jongerenwerker"


def test_another_bodys_audit_answers_404_exactly_as_a_missing_one(client, world, secret):
    theirs = other_body_audit(world)
    missing = theirs.pk + 1000
    for path in ("", "/findings", "/findings/V1", "/decision", "/report"):
        other = get(client, f"/audits/{theirs.pk}{path}", secret)
        gone = get(client, f"/audits/{missing}{path}", secret)
        assert (other.status_code, gone.status_code) == (404, 404), path
        assert other.json()["detail"] == gone.json()["detail"].replace(str(missing), str(theirs.pk))
    put = client.put(
        f"{API}/audits/{theirs.pk}/findings/V1",
        {"version": 1, "verdict": "not_met", "text": "van een ander"},
        content_type="application/json",
        headers=bearer(secret),
    )
    assert put.status_code == 404
    finding = Finding.objects.get(audit=theirs, norm__rubric__code="V", norm__number=1)
    assert (finding.verdict, finding.text, finding.version) == ("not_assessed", "", 1)


def test_the_decision_is_derived_from_the_verdicts(client, world, secret):
    audit = started_audit(world)
    early = get(client, f"/audits/{make_audit(world, status='accepted').pk}/decision", secret)
    assert early.status_code == 409
    open_ = get(client, f"/audits/{audit.pk}/decision", secret).json()
    assert (open_["complete"], open_["route"], open_["counts"]["not_assessed"]) == (False, None, 49)
    Finding.objects.filter(audit=audit).update(verdict="met")
    Finding.objects.filter(audit=audit, norm__rubric__code="V", norm__number=3).update(
        verdict="partly"
    )
    answer = get(client, f"/audits/{audit.pk}/decision", secret).json()
    assert answer["counts"]["met"] == 48 and answer["counts"]["partly"] == 1
    assert (answer["route"], answer["improvement_plan_norms"]) == ("b", ["V3"])
    assert (answer["final_route"], answer["advice"]) == (None, None)
    assert "route b" in answer["explanation"]


def test_beyond_the_rate_limit_the_token_gets_429_with_retry_after(client, world, settings):
    settings.API_TOKEN_RATE_LIMIT = 2
    _, secret = token_of(world)
    _, other = tokens.make(world.body_x, "rapportagetool", world.users["body_admin"])
    assert [get(client, "", secret).status_code for _ in range(2)] == [200, 200]
    refused = get(client, "", secret)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Te veel verzoeken met deze API-sleutel")
    assert get(client, "", other).status_code == 200  # counted per token


def test_every_body_endpoint_is_in_the_schema_with_its_errors():
    schema = api.get_openapi_schema()
    operations = [
        (path, method, op)
        for path, item in schema["paths"].items()
        if path.startswith(API)
        for method, op in item.items()
    ]
    assert len(operations) == 10
    for path, method, op in operations:
        assert {"401", "429"} <= set(map(str, op["responses"])), (path, method)
        assert op["security"] == [{"TokenAuth": []}], (path, method)
        if method == "put":
            assert {"400", "404", "409", "422"} <= set(map(str, op["responses"])), path
