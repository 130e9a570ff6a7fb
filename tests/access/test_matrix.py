"""The role x URL matrix: every named URL, every role, allowed or refused (issue 3).

Each app keeps its part of the table in tests/<app>/access_table.py as ACCESS, a list of
(url name, kwargs(world), roles allowed[, request]); `request` is {"method": "post", "json": {...}}
for an endpoint that only takes a POST. Adding a URL without a row fails
test_every_url_is_in_the_table. Refused means: anonymous to the log-in page, anyone
else 403 (page not for the role) or 404 (object outside the allowed set), never 200.
"""

import importlib
import json
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.world import ANONYMOUS, EVERYONE

# allauth's own pages (log-in, password reset, MFA) are allauth's and tested there;
# ninja's api-root is an empty root that answers 404 to everyone.
FOREIGN = ("account_", "mfa_", "api-v1:api-root")


def _tables():
    rows = []
    for info in pkgutil.iter_modules(tests.__path__):
        try:
            module = importlib.import_module(f"tests.{info.name}.access_table")
        except ModuleNotFoundError:
            continue
        rows += module.ACCESS
    return rows


ACCESS = _tables()


def _names(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}"


def test_every_url_is_in_the_table():
    in_table = {row[0] for row in ACCESS}
    missing = sorted(n for n in set(_names()) if not n.startswith(FOREIGN) and n not in in_table)
    assert not missing, f"add these URL names to a tests/<app>/access_table.py: {missing}"


# One test per row, every role inside it: the row's objects are made once, not per role.
CASES = [
    pytest.param(row[0], row[1], row[2], row[3] if len(row) > 3 else {}, id=f"{row[0]}[{i}]")
    for i, row in enumerate(ACCESS)
]


def _wrong(role, allowed, url, response) -> str:
    """What is wrong with the answer `role` got, or ""."""
    code = response.status_code
    if role in allowed:
        return "" if code == 200 else f"{role} should see {url}, got {code}"
    if code == 401 and url.startswith("/api/"):
        return ""  # the body API knows no sessions: 401 without a body's token (issue 11)
    if role == ANONYMOUS:
        to_login = code == 302 and "/account/login/" in response["Location"]
        return "" if to_login else f"anonymous must be sent to log in for {url}, got {code}"
    return "" if code in (403, 404) else f"{role} must be refused {url}, got {code}"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs", "allowed", "request_"), CASES)
def test_each_role_may_or_may_not(client_as, world, name, kwargs, allowed, request_):
    url = reverse(name, kwargs=kwargs(world))
    wrong = []
    for role in sorted(EVERYONE):
        client = client_as(role)
        if request_.get("method") == "post":
            body = json.dumps(request_["json"])
            response = client.post(url, body, content_type="application/json")
        else:
            response = client.get(url)
        wrong.append(_wrong(role, allowed, url, response))
    assert not any(wrong), "\n".join(w for w in wrong if w)
