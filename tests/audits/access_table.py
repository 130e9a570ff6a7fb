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


# --- Audits (issue 6): the member its own, a body its own, a team member theirs, SWN all ----
def _audit(w, **fields):
    from tests.audits.helpers import make_audit

    return make_audit(w, **fields)


def _audit_with_auditor(w, status="accepted", role="lead"):
    from kwaliteitslabel.audits.models import TeamMember

    audit = _audit(w, status=status)
    TeamMember.objects.create(audit=audit, user=w.users["auditor"], role=role)
    return audit


def _other_audit(w):
    return _audit(w, member=w.member_b, body=w.body_y)


AUDIT_READERS = {"member_admin", "body_admin", "auditor", "swn_secretariat", "swn_adviser"}
SWN = {"swn_secretariat", "swn_adviser"}

ACCESS += [
    (
        "audits:audit_list",
        lambda w: {},
        {"member_admin", "peer_auditor", "body_admin", "auditor", *SWN},
    ),
    ("audits:audit_request", lambda w: {"member_pk": w.member_a.pk}, {"member_admin"}),
    ("audits:audit_request", lambda w: {"member_pk": w.member_b.pk}, set()),
    ("audits:audit_detail", lambda w: {"pk": _audit_with_auditor(w).pk}, AUDIT_READERS),
    ("audits:audit_detail", lambda w: {"pk": _other_audit(w).pk}, SWN),
    ("audits:audit_decide", lambda w: {"pk": _audit(w).pk}, {"body_admin"}),
    ("audits:audit_decide", lambda w: {"pk": _other_audit(w).pk}, set()),
    ("audits:audit_days", lambda w: {"pk": _audit_with_auditor(w).pk}, {"body_admin", "auditor"}),
    (
        "audits:audit_days",
        lambda w: {"pk": _audit_with_auditor(w, role="auditor").pk},
        {"body_admin"},
    ),
    ("audits:audit_days", lambda w: {"pk": _other_audit(w).pk}, set()),
    ("audits:audit_team", lambda w: {"pk": _audit_with_auditor(w).pk}, {"body_admin", "auditor"}),
    ("audits:audit_team", lambda w: {"pk": _other_audit(w).pk}, set()),
    ("audits:audit_declare", lambda w: {"pk": _audit_with_auditor(w).pk}, {"auditor"}),
    ("audits:audit_declare", lambda w: {"pk": _other_audit(w).pk}, set()),
    ("audits:audit_start", lambda w: {"pk": _audit_with_auditor(w).pk}, {"body_admin", "auditor"}),
    ("audits:audit_start", lambda w: {"pk": _other_audit(w).pk}, set()),
]
