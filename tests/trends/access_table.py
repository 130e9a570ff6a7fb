"""Rows of the role x URL matrix for the trends (issue 10): SWN's staff and the governance;
members, bodies and the public never (reports are confidential, Bijlage 9)."""

READERS = {"swn_secretariat", "swn_adviser", "governance"}
SWN_STAFF = {"swn_secretariat", "swn_adviser"}


def _readers(*names):
    return [(f"trends:{name}", lambda w: {}, READERS) for name in names]


ACCESS = [
    # Verdict shares per norm, years and routes, and the one-page summary (items 1, 2, 6).
    *_readers("norms", "norms_csv", "norms_xlsx", "summary_pdf"),
    # How long the process takes and which bodies are late (item 1).
    *_readers("durations", "durations_csv", "durations_xlsx"),
    # Self-assessment against audit (item 4): the sector's picture for the readers; the
    # member's own comparison for its own admins only (they read its report and its
    # consolidated self-assessment); another member's id answers 404 (test_selfcheck).
    *_readers("selfcheck", "selfcheck_csv", "selfcheck_xlsx"),
    ("trends:my_selfcheck", lambda w: {}, {"member_admin"}),
    ("trends:my_selfcheck_csv", lambda w: {}, {"member_admin"}),
    ("trends:my_selfcheck_xlsx", lambda w: {}, {"member_admin"}),
    # Strengths and improvement points per norm (item 3); confirming the suggested norms of
    # historic reports' points is SWN's staff's work, not the governance's.
    *_readers("points", "points_csv", "points_xlsx"),
    ("trends:points_confirm", lambda w: {}, SWN_STAFF),
]
