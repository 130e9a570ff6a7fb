"""Rows of the role x URL matrix for the self-assessment (tests/access/test_matrix.py).

Self-assessments belong to member A; the world's professional takes part in A's. Member B's
is refused to everyone of A, to bodies without a share, to SWN and the public.
"""

ACCESS = []

# --- Team round (start, member list, detail, team, answers, team answers) ---------------
TEAM_EVERYONE = {
    "anonymous",
    "member_admin",
    "professional",
    "peer_auditor",
    "body_admin",
    "auditor",
    "swn_secretariat",
    "swn_adviser",
    "governance",
}


def _team_sa(w, **fields):
    from tests.selfassessment.helpers import make_self_assessment

    return make_self_assessment(w, **fields)


def _team_with_professional(w, member=None):
    from tests.selfassessment.helpers import add_participant

    sa = _team_sa(w, member=member)
    add_participant(sa, w.users["professional"], rubrics=("V", "D"))
    return sa


def _team_shared_with_x(w):
    from kwaliteitslabel.selfassessment.models import Share

    sa = _team_with_professional(w)
    Share.objects.create(self_assessment=sa, body=w.body_x, shared_by=w.users["member_admin"])
    return sa


def _team_link_token(w, **fields):
    from kwaliteitslabel.selfassessment.models import Participant

    sa = _team_sa(w, **fields)
    return Participant.objects.create(self_assessment=sa, name="Teamoverleg", rubrics=["V"]).token


ACCESS += [
    ("selfassessment:start", lambda w: {"member_pk": w.member_a.pk}, {"member_admin"}),
    ("selfassessment:start", lambda w: {"member_pk": w.member_b.pk}, set()),
    ("selfassessment:member_list", lambda w: {"member_pk": w.member_a.pk}, {"member_admin"}),
    ("selfassessment:member_list", lambda w: {"member_pk": w.member_b.pk}, set()),
    (
        "selfassessment:detail",
        lambda w: {"pk": _team_with_professional(w).pk},
        {"member_admin", "professional"},
    ),
    (
        "selfassessment:detail",
        lambda w: {"pk": _team_shared_with_x(w).pk},
        {"member_admin", "professional", "body_admin", "auditor"},
    ),
    ("selfassessment:detail", lambda w: {"pk": _team_sa(w, member=w.member_b).pk}, set()),
    ("selfassessment:team", lambda w: {"pk": _team_with_professional(w).pk}, {"member_admin"}),
    ("selfassessment:team", lambda w: {"pk": _team_sa(w, member=w.member_b).pk}, set()),
    ("selfassessment:answer", lambda w: {"pk": _team_with_professional(w).pk}, {"professional"}),
    (
        "selfassessment:answer",
        lambda w: {"pk": _team_sa(w, member=w.member_b).pk},
        set(),
    ),
    # Public: the token is the key, for everyone who has it.
    ("selfassessment:answer_by_link", lambda w: {"token": _team_link_token(w)}, TEAM_EVERYONE),
    (
        "selfassessment:team_answers",
        lambda w: {"pk": _team_with_professional(w).pk},
        {"member_admin"},
    ),
    ("selfassessment:team_answers", lambda w: {"pk": _team_sa(w, member=w.member_b).pk}, set()),
]

# --- Consolidation, readiness, close, postpone, compare ----------------------------------
READERS = {"member_admin", "professional", "body_admin", "auditor"}


def _cons_sa(w, **fields):
    from tests.selfassessment.helpers import make_self_assessment

    return make_self_assessment(w, **fields)


def _cons_shared(w, **fields):
    """Member A's, with the professional taking part and shared with body X."""
    from kwaliteitslabel.selfassessment.models import Share
    from tests.selfassessment.helpers import add_participant

    sa = _cons_sa(w, **fields)
    add_participant(sa, w.users["professional"])
    Share.objects.create(self_assessment=sa, body=w.body_x, shared_by=w.users["member_admin"])
    return sa


def _cons_closed(w, **fields):
    import datetime

    return _cons_shared(w, closed_on=datetime.date(2026, 1, 15), **fields)


def _cons_other(w):
    return _cons_sa(w, member=w.member_b)


ACCESS += [
    ("selfassessment:consolidate", lambda w: {"pk": _cons_shared(w).pk}, {"member_admin"}),
    ("selfassessment:consolidate", lambda w: {"pk": _cons_other(w).pk}, set()),
    (
        "selfassessment:consolidate_norm",
        lambda w: {"pk": _cons_shared(w).pk, "code": "V1"},
        {"member_admin"},
    ),
    (
        "selfassessment:consolidate_norm",
        lambda w: {"pk": _cons_closed(w).pk, "code": "O3"},
        {"member_admin"},
    ),
    ("selfassessment:consolidate_norm", lambda w: {"pk": _cons_other(w).pk, "code": "V1"}, set()),
    ("selfassessment:readiness", lambda w: {"pk": _cons_shared(w).pk}, READERS),
    ("selfassessment:readiness", lambda w: {"pk": _cons_sa(w).pk}, {"member_admin"}),
    ("selfassessment:readiness", lambda w: {"pk": _cons_other(w).pk}, set()),
    ("selfassessment:close", lambda w: {"pk": _cons_shared(w).pk}, {"member_admin"}),
    ("selfassessment:close", lambda w: {"pk": _cons_closed(w).pk}, set()),
    ("selfassessment:close", lambda w: {"pk": _cons_other(w).pk}, set()),
    ("selfassessment:postpone", lambda w: {"pk": _cons_closed(w).pk}, {"member_admin"}),
    ("selfassessment:postpone", lambda w: {"pk": _cons_other(w).pk}, set()),
    ("selfassessment:compare", lambda w: {"pk": _cons_shared(w).pk}, READERS),
    (
        "selfassessment:compare",
        lambda w: {"pk": _cons_shared(w, previous=_cons_closed(w)).pk},
        READERS,
    ),
    ("selfassessment:compare", lambda w: {"pk": _cons_other(w).pk}, set()),
]

# --- Exchange with a body, export and import ---------------------------------------------


def _share_of(w, body):
    import datetime

    from kwaliteitslabel.selfassessment.models import Share

    sa = _cons_sa(w, closed_on=datetime.date(2026, 1, 15))
    return Share.objects.create(self_assessment=sa, body=body, shared_by=w.users["member_admin"])


BODY = {"body_admin", "auditor"}

ACCESS += [
    ("selfassessment:share", lambda w: {"pk": _cons_closed(w).pk}, {"member_admin"}),
    ("selfassessment:share", lambda w: {"pk": _cons_other(w).pk}, set()),
    ("selfassessment:feedback", lambda w: {"pk": _cons_closed(w).pk}, {"member_admin"}),
    ("selfassessment:feedback", lambda w: {"pk": _cons_other(w).pk}, set()),
    ("selfassessment:shared_list", lambda w: {}, BODY),
    ("selfassessment:give_feedback", lambda w: {"share_pk": _share_of(w, w.body_x).pk}, BODY),
    ("selfassessment:give_feedback", lambda w: {"share_pk": _share_of(w, w.body_y).pk}, set()),
    ("selfassessment:export_pdf", lambda w: {"pk": _cons_shared(w).pk}, READERS),
    ("selfassessment:export_pdf", lambda w: {"pk": _cons_other(w).pk}, set()),
    ("selfassessment:export_xlsx", lambda w: {"pk": _cons_shared(w).pk}, {"member_admin"}),
    ("selfassessment:export_xlsx", lambda w: {"pk": _cons_other(w).pk}, set()),
    ("selfassessment:import_xlsx", lambda w: {"pk": _cons_shared(w).pk}, {"member_admin"}),
    ("selfassessment:import_xlsx", lambda w: {"pk": _cons_closed(w).pk}, {"member_admin"}),
    ("selfassessment:import_xlsx", lambda w: {"pk": _cons_other(w).pk}, set()),
]
