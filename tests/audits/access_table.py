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
    (
        "api-v1:decision",
        lambda w: {},
        EVERYONE,
        {"method": "post", "json": {"framework": "2019", "verdicts": {"V1": "met"}}},
    ),
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


# --- The team's evaluation (Bijlage 9): the team fills it in, the body reads names, SWN not ---
def _closed_with_auditor(w):
    return _audit_with_auditor(w, status="findings_closed")


def _other_closed(w):
    return _audit(w, member=w.member_b, body=w.body_y, status="findings_closed")


ACCESS += [
    ("audits:evaluation_form", lambda w: {"pk": _closed_with_auditor(w).pk}, {"auditor"}),
    # Before closing the team member sees when it opens; posting is refused (test_evaluation).
    ("audits:evaluation_form", lambda w: {"pk": _audit_with_auditor(w).pk}, {"auditor"}),
    ("audits:evaluation_form", lambda w: {"pk": _other_closed(w).pk}, set()),
    ("audits:evaluation_named", lambda w: {"pk": _closed_with_auditor(w).pk}, {"body_admin"}),
    ("audits:evaluation_named", lambda w: {"pk": _other_closed(w).pk}, set()),
    ("audits:evaluation_anonymous", lambda w: {"pk": _closed_with_auditor(w).pk}, SWN),
    ("audits:evaluation_anonymous", lambda w: {"pk": _other_closed(w).pk}, SWN),
    ("audits:evaluation_overview", lambda w: {}, SWN),
]


# --- Peer clusters (variant 3): the CI and SWN form and adjust; the body's auditors and the
# member admins of the members in it read; everyone else is refused.
def _cluster(w):
    from tests.audits.helpers_cluster import make_cluster

    return make_cluster(w)


def _other_cluster(w):
    from tests.audits.helpers_cluster import make_cluster, third_member

    members = [w.member_b, third_member(), third_member("1004", "Welzijn Zuid")]
    return make_cluster(w, members=members, body=w.body_y)


CLUSTER_READERS = {"member_admin", "body_admin", "auditor", *SWN}
CLUSTER_FORMERS = {"body_admin", *SWN}

ACCESS += [
    ("audits:cluster_list", lambda w: {}, CLUSTER_READERS),
    ("audits:cluster_create", lambda w: {}, CLUSTER_FORMERS),
    ("audits:cluster_detail", lambda w: {"pk": _cluster(w).pk}, CLUSTER_READERS),
    ("audits:cluster_detail", lambda w: {"pk": _other_cluster(w).pk}, SWN),
    ("audits:cluster_rotation", lambda w: {"pk": _cluster(w).pk}, CLUSTER_FORMERS),
    ("audits:cluster_rotation", lambda w: {"pk": _other_cluster(w).pk}, SWN),
    # GET shows the confirmation page; removing is a POST.
    ("audits:cluster_delete", lambda w: {"pk": _cluster(w).pk}, CLUSTER_FORMERS),
    ("audits:cluster_delete", lambda w: {"pk": _other_cluster(w).pk}, SWN),
]


# --- Findings (issue 6, items 4-7): the team works, the body reads along, the lead closes ---
def _in_status(w, status, role="lead"):
    """Member A's audit by body X in `status`, the world's auditor in the team, its findings made."""
    from kwaliteitslabel.audits.findings import ensure_findings

    audit = _audit_with_auditor(w, status=status, role=role)
    ensure_findings(audit)
    return audit


def _started(w, role="lead"):
    return _in_status(w, "started", role)


def _started_other(w):
    from kwaliteitslabel.audits.findings import ensure_findings

    audit = _audit(w, member=w.member_b, body=w.body_y, status="started")
    ensure_findings(audit)
    return audit


TEAM_AND_BODY = {"auditor", "body_admin"}

ACCESS += [
    ("audits:audit_sources", lambda w: {"pk": _started(w).pk}, TEAM_AND_BODY),
    ("audits:audit_sources", lambda w: {"pk": _started_other(w).pk}, set()),
    ("audits:findings", lambda w: {"pk": _started(w).pk}, TEAM_AND_BODY),
    ("audits:findings", lambda w: {"pk": _audit_with_auditor(w).pk}, set()),
    ("audits:findings", lambda w: {"pk": _started_other(w).pk}, set()),
    ("audits:finding", lambda w: {"pk": _started(w).pk, "code": "V1"}, TEAM_AND_BODY),
    ("audits:finding", lambda w: {"pk": _started_other(w).pk, "code": "V1"}, set()),
    ("audits:findings_close", lambda w: {"pk": _started(w).pk}, {"auditor"}),
    ("audits:findings_close", lambda w: {"pk": _started(w, role="auditor").pk}, set()),
    ("audits:findings_close", lambda w: {"pk": _started_other(w).pk}, set()),
    ("audits:findings_history", lambda w: {"pk": _started(w).pk}, TEAM_AND_BODY),
    ("audits:findings_history", lambda w: {"pk": _started(w, role="auditor").pk}, {"body_admin"}),
    ("audits:findings_history", lambda w: {"pk": _started_other(w).pk}, set()),
]


# --- The report cycle (issue 7): the lead or the body sends and finalizes, the member reacts ---
ACCESS += [
    ("audits:report_send", lambda w: {"pk": _in_status(w, "findings_closed").pk}, TEAM_AND_BODY),
    (
        "audits:report_send",
        lambda w: {"pk": _in_status(w, "findings_closed", role="auditor").pk},
        {"body_admin"},
    ),
    ("audits:report_send", lambda w: {"pk": _in_status(w, "started").pk}, set()),
    ("audits:report_react", lambda w: {"pk": _in_status(w, "draft_report").pk}, {"member_admin"}),
    ("audits:report_react", lambda w: {"pk": _in_status(w, "member_reacted").pk}, set()),
    (
        "audits:report_finalize",
        lambda w: {"pk": _in_status(w, "member_reacted").pk},
        TEAM_AND_BODY,
    ),
    ("audits:report_finalize", lambda w: {"pk": _in_status(w, "findings_closed").pk}, set()),
    # From the concept on, part B is the member's too.
    (
        "audits:findings",
        lambda w: {"pk": _in_status(w, "draft_report").pk},
        TEAM_AND_BODY | {"member_admin"},
    ),
]


# --- Improvement plans and follow-up (issue 7): the member writes, the lead or body judges ---
def _with_plan(w, status, route="b", role="lead", **fields):
    from kwaliteitslabel.audits import plans
    from kwaliteitslabel.audits.models import Audit

    audit = _in_status(w, status, role)
    Audit.objects.filter(pk=audit.pk).update(route=route, **fields)
    audit.refresh_from_db()
    plans.open_plan(audit, ["V5", "D8"])
    return audit


PLAN_READERS = {"member_admin", "auditor", "body_admin", *SWN}

ACCESS += [
    ("audits:plan", lambda w: {"pk": _with_plan(w, "plan_due").pk}, PLAN_READERS),
    ("audits:plan", lambda w: {"pk": _with_plan(w, "plan_review").pk}, PLAN_READERS),
    ("audits:plan", lambda w: {"pk": _in_status(w, "advice_positive").pk}, set()),
    ("audits:plan_decline", lambda w: {"pk": _with_plan(w, "plan_due", "c").pk}, {"member_admin"}),
    ("audits:plan_decline", lambda w: {"pk": _with_plan(w, "plan_due").pk}, set()),
    ("audits:plan_talks", lambda w: {"pk": _with_plan(w, "plan_talks").pk}, TEAM_AND_BODY),
    (
        "audits:plan_talks",
        lambda w: {"pk": _with_plan(w, "plan_talks", role="auditor").pk},
        {"body_admin"},
    ),
    ("audits:plan_talks", lambda w: {"pk": _with_plan(w, "plan_review").pk}, set()),
    ("audits:follow_up", lambda w: {"pk": _with_plan(w, "follow_up", "c").pk}, TEAM_AND_BODY),
    ("audits:follow_up", lambda w: {"pk": _with_plan(w, "plan_review", "c").pk}, set()),
    ("audits:summary_send", lambda w: {"pk": _in_status(w, "advice_positive").pk}, TEAM_AND_BODY),
    ("audits:summary_send", lambda w: {"pk": _in_status(w, "summary_sent").pk}, set()),
]
