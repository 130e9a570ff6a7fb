from tests.world import EVERYONE

from .helpers import make_scope

SWN_STAFF = {"swn_secretariat", "swn_adviser"}
# The member admin of member A builds its scopes; SWN staff may look at every scope.
BUILDS_A = {"member_admin"}

ACCESS = [
    ("audits:calculator", lambda w: {}, EVERYONE),
    (
        "api-v1:audit_days",
        lambda w: {},
        EVERYONE,
        {"method": "post", "json": {"variant": "body", "fte": 12}},
    ),
    ("api-v1:cost", lambda w: {}, EVERYONE, {"method": "post", "json": {"days": 2.5}}),
    ("audits:scope_list", lambda w: {"member_pk": w.member_a.pk}, SWN_STAFF | BUILDS_A),
    ("audits:scope_list", lambda w: {"member_pk": w.member_b.pk}, SWN_STAFF),
    ("audits:scope_create", lambda w: {"member_pk": w.member_a.pk}, BUILDS_A),
    ("audits:scope_create", lambda w: {"member_pk": w.member_b.pk}, set()),
    ("audits:scope_detail", lambda w: {"pk": make_scope(w.member_a).pk}, SWN_STAFF | BUILDS_A),
    ("audits:scope_detail", lambda w: {"pk": make_scope(w.member_b).pk}, SWN_STAFF),
    ("audits:scope_edit", lambda w: {"pk": make_scope(w.member_a).pk}, BUILDS_A),
    ("audits:scope_edit", lambda w: {"pk": make_scope(w.member_b).pk}, set()),
    # GET shows the confirmation page; the delete itself is a POST.
    ("audits:scope_delete", lambda w: {"pk": make_scope(w.member_a).pk}, BUILDS_A),
    ("audits:scope_delete", lambda w: {"pk": make_scope(w.member_b).pk}, set()),
    ("audits:full_time_week", lambda w: {}, SWN_STAFF),
]
