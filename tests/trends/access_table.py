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
