"""Who may open which page of the certification bodies back office (issue 3).

Body X is "own" for the body admin and the auditor of the world; body Y is "other".
SWN staff see every body; the people of a body see their own body only (404 elsewhere);
body admins change their own body, its conditions and rates; auditors only read.
"""

from kwaliteitslabel.bodies import tokens
from kwaliteitslabel.bodies.models import Condition, DayRate

SWN_STAFF = {"swn_secretariat", "swn_adviser"}
BODY_X_PEOPLE = {"body_admin", "auditor"}


def condition(body):
    return Condition.objects.create(
        body=body,
        kind=Condition.Kind.COMPLAINTS_PROCEDURE,
        evidence="klachtenreglement",
        valid_from="2020-01-01",
    )


def token(world, body):
    return tokens.make(body, "planningssysteem", world.users["swn_secretariat"])[0]


def rate(body):
    return DayRate.objects.create(
        body=body, valid_from="2022-07-01", day_rate="1200.00", travel_rate_per_km="0.45"
    )


ACCESS = [
    ("bodies:body_list", lambda w: {}, SWN_STAFF),
    ("bodies:body_create", lambda w: {}, SWN_STAFF),
    ("bodies:body_detail", lambda w: {"pk": w.body_x.pk}, SWN_STAFF | BODY_X_PEOPLE),
    ("bodies:body_detail", lambda w: {"pk": w.body_y.pk}, SWN_STAFF),
    ("bodies:body_edit", lambda w: {"pk": w.body_x.pk}, SWN_STAFF | {"body_admin"}),
    ("bodies:body_edit", lambda w: {"pk": w.body_y.pk}, SWN_STAFF),
    ("bodies:body_history", lambda w: {"pk": w.body_x.pk}, SWN_STAFF),
    ("bodies:body_history", lambda w: {"pk": w.body_y.pk}, SWN_STAFF),
    ("bodies:condition_create", lambda w: {"pk": w.body_x.pk}, SWN_STAFF | {"body_admin"}),
    ("bodies:condition_create", lambda w: {"pk": w.body_y.pk}, SWN_STAFF),
    (
        "bodies:condition_edit",
        lambda w: {"pk": w.body_x.pk, "condition_pk": condition(w.body_x).pk},
        SWN_STAFF | {"body_admin"},
    ),
    (
        "bodies:condition_edit",
        lambda w: {"pk": w.body_y.pk, "condition_pk": condition(w.body_y).pk},
        SWN_STAFF,
    ),
    ("bodies:rate_create", lambda w: {"pk": w.body_x.pk}, SWN_STAFF | {"body_admin"}),
    ("bodies:rate_create", lambda w: {"pk": w.body_y.pk}, SWN_STAFF),
    (
        "bodies:rate_edit",
        lambda w: {"pk": w.body_x.pk, "rate_pk": rate(w.body_x).pk},
        SWN_STAFF | {"body_admin"},
    ),
    (
        "bodies:rate_edit",
        lambda w: {"pk": w.body_y.pk, "rate_pk": rate(w.body_y).pk},
        SWN_STAFF,
    ),
    # API tokens act for the body: its own admins only, not SWN, not its auditors (issue 11).
    ("bodies:token_list", lambda w: {"pk": w.body_x.pk}, {"body_admin"}),
    ("bodies:token_list", lambda w: {"pk": w.body_y.pk}, set()),
    ("bodies:token_create", lambda w: {"pk": w.body_x.pk}, {"body_admin"}),
    ("bodies:token_create", lambda w: {"pk": w.body_y.pk}, set()),
    (
        "bodies:token_revoke",
        lambda w: {"pk": w.body_x.pk, "token_pk": token(w, w.body_x).pk},
        {"body_admin"},
    ),
    (
        "bodies:token_revoke",
        lambda w: {"pk": w.body_y.pk, "token_pk": token(w, w.body_y).pk},
        set(),
    ),
]
