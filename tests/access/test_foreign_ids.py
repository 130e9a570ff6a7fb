"""Every URL with an object id, as every role, with the id of ANOTHER organisation's object
(issue 11, item 4; NetBox's "404 outside the allowed set").

The objects come from the role matrix (tests/<app>/access_table.py): each URL name's row
that lets the most people of an organisation in is built again in a mirror world, where
member A is member B and body X is body Y, with people of their own. So the object is in
the very state in which its own people may open it, only it is not theirs. Then, for the
world's own people (of member A and body X) the answer to a GET and to a POST is 403 or
404 (405 when the view takes no POST), never 200 or 302; anonymous visitors are sent to log
in. SWN's staff and the governance belong to no organisation: they get what the matrix
row gives them, whoever owns the object (a POST is only checked where the GET is refused).
The body API answers 401 to a session; a token of body X gets 404 for body Y's audit.
"""

import json

import pytest
from django.urls import URLResolver, get_resolver, reverse

from kwaliteitslabel.accounts.models import Role
from tests.access.test_matrix import ACCESS
from tests.world import ANONYMOUS, ROLES, World, make_body, make_member, make_user

# The people who belong to an organisation (a member or a body).
OF_AN_ORGANISATION = {
    Role.MEMBER_ADMIN,
    Role.PROFESSIONAL,
    Role.PEER_AUDITOR,
    Role.BODY_ADMIN,
    Role.AUDITOR,
}
# Public by design, for everyone with the link: the register and its verification (issue 9
# items 3-4: tests/certificates/access_register.py), the frameworks (issue 2), the team's
# answer link (its token is the key: tests/selfassessment/access_table.py) and the
# invitation link from the e-mail (tests/accounts/access_table.py).
PUBLIC = {
    "certificates:verify",
    "api-v1:verify_certificate",
    "api-v1:list_norms",
    "api-v1:crosswalk",
    "frameworks:framework_detail",
    "frameworks:norm_detail",
    "frameworks:terminology",
    "frameworks:crosswalk",
    "selfassessment:answer_by_link",
    "invitations:accept",
}


def _reach(row) -> int:
    """How many of an organisation's people the row lets in."""
    return len(row[2] & OF_AN_ORGANISATION)


def _rows():
    """Per URL name with an id, the matrix row that lets the most organisation people in."""
    best = {}
    for row in ACCESS:
        if row[0] not in best or _reach(row) > _reach(best[row[0]]):
            best[row[0]] = row
    return best


ROWS = _rows()


def mirror(world: World) -> World:
    """Member B and body Y in the place of member A and body X, with people of their own;
    two more organisations as their "others". SWN's people and the governance are shared."""
    other = World(
        member_a=world.member_b,
        member_b=make_member("Welzijn Elders", "2001", "20010000", city="Zwolle"),
        body_x=world.body_y,
        body_y=make_body("Certificatie-instelling Z", "20020000"),
    )
    other.users = dict(world.users)
    for role in OF_AN_ORGANISATION:
        at = {"body": other.body_x} if role in (Role.BODY_ADMIN, Role.AUDITOR) else {}
        at = at or {"member": other.member_a}
        other.users[role] = make_user(f"{role}.elders@example.nl", f"Ander {role}", role, **at)
    return other


def _call(client, method, url, request_):
    if request_.get("method") == "post" or method == "post":
        return client.post(
            url, json.dumps(request_.get("json", {})), content_type="application/json"
        )
    return client.get(url)


def _wrong(role, method, allowed, url, response) -> str:
    code = response.status_code
    said = f"{role} {method.upper()} {url}: {code}"
    if url.startswith("/api/"):
        # The body API knows no sessions (tests/api/access_table.py); tokens are tried below.
        return "" if code in (401, 405) else f"{said}, the API must want a token"
    if role == ANONYMOUS:
        ok = code == 302 and "/account/login/" in response["Location"]
        return "" if ok else f"{said}, must be sent to log in"
    if role in OF_AN_ORGANISATION or role not in allowed:
        refused = (403, 404, 405) if method == "post" else (403, 404)
        return "" if code in refused else f"{said}, another organisation's object"
    return "" if code == 200 else f"{said}, SWN's rules let it read"


def test_the_public_exceptions_are_the_public_rows():
    """Each URL listed as public is public in the matrix, and no other URL with an id is."""
    public = {n for n, row in ROWS.items() if ANONYMOUS in row[2] and _takes_an_id(n)}
    assert public == PUBLIC


def _id_params(resolver=None, prefix="", params=()):
    """Each URL name with the names of the values its path takes (pk, number, ...)."""
    for p in (resolver or get_resolver()).url_patterns:
        here = params + tuple(getattr(p.pattern, "converters", {}))
        if isinstance(p, URLResolver):
            yield from _id_params(p, f"{prefix}{p.namespace}:" if p.namespace else prefix, here)
        elif p.name:
            yield f"{prefix}{p.name}", here


PARAMS = dict(_id_params())


def _takes_an_id(name) -> bool:
    return bool(PARAMS.get(name))


CASES = [
    pytest.param(name, row, id=name)
    for name, row in sorted(ROWS.items())
    if _takes_an_id(name) and name not in PUBLIC and ANONYMOUS not in row[2]
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "row"), CASES)
def test_nobody_reaches_another_organisations_object(client_as, world, name, row):
    other = mirror(world)
    url = reverse(name, kwargs=row[1](other))
    request_ = row[3] if len(row) > 3 else {}
    everyone = sorted({ANONYMOUS, *ROLES})
    # A POST is tried only by those refused, after all GETs: what SWN may post (delete a
    # cluster, say) would change the object under the others' feet.
    calls = [(role, "get") for role in everyone]
    calls += [(r, "post") for r in everyone if r in OF_AN_ORGANISATION or r not in row[2]]
    wrong = []
    for role, method in calls:
        response = _call(client_as(role), method, url, request_)
        wrong.append(_wrong(role, method, row[2], url, response))
    if url.startswith(BODY_API):
        wrong += _with_body_x_token(client_as(ANONYMOUS), world, name, url)
    assert not any(wrong), "\n".join(w for w in wrong if w)


BODY_API = "/api/v1/body/"
# A valid write for each of the body API's PUTs, so that only the audit's body can refuse it.
PUTS = {
    "api-v1:body_finding_put": {"version": 1, "verdict": "met"},
    "api-v1:body_findings_put": {"findings": [{"norm": "V1", "version": 1, "verdict": "met"}]},
    "api-v1:body_report_put": {"version": 0},
}


def _with_body_x_token(client, world, name, url) -> list[str]:
    """Body X's token on body Y's audit: 404, as for an audit that does not exist."""
    from kwaliteitslabel.bodies import tokens

    secret = tokens.make(world.body_x, "walk", world.users["body_admin"])[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    answers = [("GET", client.get(url, **auth))]
    if name.endswith("_put"):
        body = json.dumps(PUTS[name])
        answers.append(("PUT", client.put(url, body, content_type="application/json", **auth)))
    return [
        f"body X's token {method} {url}: {r.status_code}, must be 404"
        for method, r in answers
        if r.status_code != 404
    ]


def _ids(name) -> list[str]:
    return [p for p in PARAMS[name] if p == "pk" or p.endswith(("_pk", "_id"))]


# URLs of an object under its organisation (a member's location, a body's rate or token).
NESTED = [c for c in CASES if len(_ids(c.values[0])) > 1]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "row"), NESTED)
def test_an_own_parent_does_not_open_another_organisations_child(client_as, world, name, row):
    """The own organisation's id with the other's object under it, and the other way round:
    the URL names no object, so nobody gets one."""
    own, other = row[1](world), row[1](mirror(world))
    differ = [key for key in own if own[key] != other[key]]
    mixed = [{**own, key: other[key]} for key in differ] if len(differ) > 1 else []
    wrong = []
    for kwargs in mixed:
        url = reverse(name, kwargs=kwargs)
        for role in sorted({ANONYMOUS, *ROLES}):
            for method in ("get", "post"):
                response = _call(client_as(role), method, url, {})
                wrong.append(_wrong(role, method, set(), url, response))
    assert mixed, f"{name}: the mirror gave no other ids"
    assert not any(wrong), "\n".join(w for w in wrong if w)
