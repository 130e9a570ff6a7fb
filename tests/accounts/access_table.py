from tests.world import EVERYONE, ROLES

from .helpers import make_invitation

SWN_STAFF = {"swn_secretariat", "swn_adviser"}

ACCESS = [
    ("accounts:dashboard", lambda w: {}, set(ROLES)),
    # Inviting: SWN staff at every member and body; admins at their own organisation only.
    (
        "accounts:invite",
        lambda w: {"kind": "lid", "pk": w.member_a.pk},
        SWN_STAFF | {"member_admin"},
    ),
    ("accounts:invite", lambda w: {"kind": "lid", "pk": w.member_b.pk}, SWN_STAFF),
    (
        "accounts:invite",
        lambda w: {"kind": "instelling", "pk": w.body_x.pk},
        SWN_STAFF | {"body_admin"},
    ),
    ("accounts:invite", lambda w: {"kind": "instelling", "pk": w.body_y.pk}, SWN_STAFF),
    ("accounts:invite_swn", lambda w: {}, {"swn_secretariat"}),
    ("accounts:code_of_conduct", lambda w: {}, {"auditor", "peer_auditor"}),
    # The link in the e-mail is public; someone logged in who opens it sees it too.
    ("invitations:accept", lambda w: {"token": make_invitation(w).token}, EVERYONE),
]
