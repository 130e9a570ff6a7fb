from kwaliteitslabel.members.models import WorkType

SWN_STAFF = {"swn_secretariat", "swn_adviser"}
# People of member A (the world's "own" member); member B is "other" for all of them.
AT_MEMBER_A = {"member_admin", "professional", "peer_auditor"}
EDITS_MEMBER_A = {"member_admin"}


def _main_location(member):
    return member.locations.get(is_main=True).pk


def _work_type(w):
    return WorkType.objects.order_by("pk").first().pk


ACCESS = [
    ("members:member_list", lambda w: {}, SWN_STAFF),
    ("members:member_create", lambda w: {}, SWN_STAFF),
    ("members:member_detail", lambda w: {"pk": w.member_a.pk}, SWN_STAFF | AT_MEMBER_A),
    ("members:member_detail", lambda w: {"pk": w.member_b.pk}, SWN_STAFF),
    ("members:member_edit", lambda w: {"pk": w.member_a.pk}, SWN_STAFF | EDITS_MEMBER_A),
    ("members:member_edit", lambda w: {"pk": w.member_b.pk}, SWN_STAFF),
    ("members:member_history", lambda w: {"pk": w.member_a.pk}, SWN_STAFF),
    ("members:member_history", lambda w: {"pk": w.member_b.pk}, SWN_STAFF),
    ("members:location_create", lambda w: {"pk": w.member_a.pk}, SWN_STAFF | EDITS_MEMBER_A),
    ("members:location_create", lambda w: {"pk": w.member_b.pk}, SWN_STAFF),
    (
        "members:location_edit",
        lambda w: {"pk": w.member_a.pk, "location_pk": _main_location(w.member_a)},
        SWN_STAFF | EDITS_MEMBER_A,
    ),
    (
        "members:location_edit",
        lambda w: {"pk": w.member_b.pk, "location_pk": _main_location(w.member_b)},
        SWN_STAFF,
    ),
    ("members:work_type_list", lambda w: {}, SWN_STAFF),
    ("members:work_type_edit", lambda w: {"pk": _work_type(w)}, SWN_STAFF),
]
