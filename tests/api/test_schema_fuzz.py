"""Schemathesis against /api/v1/openapi.json, in process (issue 11, item 4).

Every operation in the schema gets generated requests, valid and invalid, one test per
operation; each answer must not be a server error and must match the schema: a documented
status code, the documented content type and a body of the documented shape. The register
has certificates to list, so its rows are checked too; the verification of a number that
exists is checked apart (a generated number hardly ever exists).
"""

import secrets

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.common.dates import add_months
from kwaliteitslabel.wsgi import application
from tests.certificates.helpers import make_certificate

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI app directly would close the test's database connection at the end of
    each request (PostgreSQL then loses the test's transaction); Django's test client keeps
    it open in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def certificates(world):
    """Member A's valid certificate, member B's lapsed one and member B's next, not yet in force."""
    today = timezone.localdate()
    return [
        make_certificate(world, add_months(today, -3)),
        make_certificate(world, add_months(today, -30), member=world.member_b),
        make_certificate(world, add_months(today, 2), member=world.member_b),
    ]


@pytest.fixture
def own_audit(world):
    """Body X's audit in its audit days, for the body API (tests/api/helpers.py)."""
    from tests.api.helpers import started_audit

    return started_audit(world)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    # The database fixtures are made once per operation, not per example, on purpose.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_as_documented(case, certificates, world, own_audit):
    case.call_and_validate(checks=CHECKS)
    if _secured(case.operation):
        # Without a token it must be a documented 401 (above); now with body X's token, on
        # the generated audit id (hardly ever one of the body's) and on the body's own audit.
        auth = _bearer(world)
        case.call_and_validate(checks=CHECKS, headers=auth)
        if "audit_id" in (case.path_parameters or {}):
            case.path_parameters["audit_id"] = own_audit.pk
            case.call_and_validate(checks=CHECKS, headers=auth)


def _secured(operation) -> bool:
    return bool(operation.definition.raw.get("security"))


def _bearer(world) -> dict:
    """A fresh token of body X per call, so the per-token rate limit does not interfere."""
    from kwaliteitslabel.bodies import tokens

    name = f"schemathesis {secrets.token_hex(4)}"
    secret = tokens.make(world.body_x, name, world.users["body_admin"])[1]
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.django_db
def test_the_register_lists_the_valid_certificate(certificates):
    """The fuzzed register is not empty: its rows are checked against the schema too."""
    case = schema["/api/v1/register"]["GET"].Case(query={})
    data = case.call_and_validate(checks=CHECKS).json()
    assert [r["number"] for r in data["results"]] == [certificates[0].number]


@pytest.mark.django_db
@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize("date", [None, "2026-01-31", "31-01-2026"])
def test_verifying_an_existing_number_answers_as_documented(certificates, index, date):
    operation = schema["/api/v1/certificates/{number}"]["GET"]
    query = {"date": date} if date else {}
    case = operation.Case(path_parameters={"number": certificates[index].number}, query=query)
    response = case.call_and_validate(checks=CHECKS)
    assert response.status_code == (400 if date == "31-01-2026" else 200)


SECURED_READS = [
    pytest.param(op, id=f"GET {op.path}")
    for op in (result.ok() for result in schema.get_all_operations())
    if _secured(op) and op.method == "get"
]


@pytest.mark.django_db
@pytest.mark.parametrize("operation", SECURED_READS)
def test_the_body_api_reads_its_own_audit_as_documented(world, own_audit, operation):
    """Body X's own started audit, read with its token, answers 200 in the documented shape."""
    audit = own_audit
    if operation.path.endswith("/report"):
        # Part A can be read once the findings are closed (409 before: api/body_report.py).
        Audit.objects.filter(pk=audit.pk).update(status="findings_closed")
    values = {"audit_id": audit.pk, "norm": "V1"}
    params = {p.name: values[p.name] for p in operation.path_parameters}
    case = operation.Case(path_parameters=params)
    assert case.call_and_validate(checks=CHECKS, headers=_bearer(world)).status_code == 200
