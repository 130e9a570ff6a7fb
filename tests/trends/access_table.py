"""Rows of the role x URL matrix for the trends (issue 10): SWN's staff and the governance;
members, bodies and the public never (reports are confidential, Bijlage 9)."""

READERS = {"swn_secretariat", "swn_adviser", "governance"}

ACCESS = [
    ("trends:norms", lambda w: {}, READERS),
    ("trends:norms_csv", lambda w: {}, READERS),
    ("trends:norms_xlsx", lambda w: {}, READERS),
]
ACCESS.append(("trends:summary_pdf", lambda w: {}, READERS))
# How long the process takes and which bodies are late (issue 10 item 1): the readers only.
ACCESS += [
    ("trends:durations", lambda w: {}, READERS),
    ("trends:durations_csv", lambda w: {}, READERS),
    ("trends:durations_xlsx", lambda w: {}, READERS),
]

# Self-assessment against audit (issue 10 item 4): the sector's picture for the readers above;
# the member's own comparison for its own admins only (they read its report and its
# consolidated self-assessment); another member's id answers 404 (tests/trends/test_selfcheck).
ACCESS += [
    ("trends:selfcheck", lambda w: {}, READERS),
    ("trends:selfcheck_csv", lambda w: {}, READERS),
    ("trends:selfcheck_xlsx", lambda w: {}, READERS),
    ("trends:my_selfcheck", lambda w: {}, {"member_admin"}),
    ("trends:my_selfcheck_csv", lambda w: {}, {"member_admin"}),
    ("trends:my_selfcheck_xlsx", lambda w: {}, {"member_admin"}),
]
# Strengths and improvement points per norm (issue 10 item 3): the readers; confirming the
# suggested norms of historic reports' points is SWN's staff's work, not the governance's.
ACCESS += [
    ("trends:points", lambda w: {}, READERS),
    ("trends:points_csv", lambda w: {}, READERS),
    ("trends:points_xlsx", lambda w: {}, READERS),
    ("trends:points_confirm", lambda w: {}, {"swn_secretariat", "swn_adviser"}),
]
