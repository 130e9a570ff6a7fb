"""Schemathesis against /api/v1/openapi.json, in process (issue 11, item 4).

Every operation in the schema gets generated requests, valid and invalid, one test per
operation; each answer must not be a server error and must match the schema: a documented
status code, the documented content type and a body of the documented shape. The register
has certificates to list, so its rows are checked too; the verification of a number that
exists is checked apart (a generated number hardly ever exists).
"""

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


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    # The database fixture is made once per operation, not per example, on purpose.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_as_documented(case, certificates):
    case.call_and_validate(checks=CHECKS)


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
