"""Rows of the role x URL matrix for the reports (tests/access/test_matrix.py).

Historic reports (issue 8, item 8) are SWN's records: its secretariat and advisers list,
download the template and import; governance, members, bodies and the public are refused.
"""

SWN_STAFF = {"swn_secretariat", "swn_adviser"}

ACCESS = [
    ("reports:historic_list", lambda w: {}, SWN_STAFF),
    ("reports:historic_template", lambda w: {}, SWN_STAFF),
    ("reports:historic_import", lambda w: {}, SWN_STAFF),
]


# --- The report (issue 8, items 1-2, 5, 7): part B for the member and the body, part A also
# for SWN once the body sent it; SWN reads part B only after a recorded request.
def _audit(w, status):
    from tests.audits.access_table import _in_status

    return _in_status(w, status)


READERS = {"member_admin", "auditor", "body_admin"}

ACCESS += [
    ("reports:part_a", lambda w: {"pk": _audit(w, "plan_due").pk}, READERS),
    ("reports:part_a", lambda w: {"pk": _audit(w, "summary_sent").pk}, READERS | SWN_STAFF),
    ("reports:part_a", lambda w: {"pk": _audit(w, "started").pk}, set()),
    ("reports:part_b", lambda w: {"pk": _audit(w, "summary_sent").pk}, READERS),
    (
        "reports:part_b",
        lambda w: {"pk": _audit(w, "findings_closed").pk},
        {"auditor", "body_admin"},
    ),
    ("reports:pdf", lambda w: {"pk": _audit(w, "summary_sent").pk}, READERS),
    ("reports:docx", lambda w: {"pk": _audit(w, "summary_sent").pk}, READERS),
    ("reports:write", lambda w: {"pk": _audit(w, "plan_due").pk}, {"auditor"}),
    ("reports:write", lambda w: {"pk": _audit(w, "summary_sent").pk}, set()),
    ("reports:request_part_b", lambda w: {"pk": _audit(w, "plan_due").pk}, SWN_STAFF),
    ("reports:check", lambda w: {"pk": _audit(w, "summary_sent").pk}, {"swn_secretariat"}),
    ("reports:check", lambda w: {"pk": _audit(w, "summary_accepted").pk}, set()),
]

# The concept round (item 3): corrections for the member and the body; versions as part B.
ACCESS += [
    ("reports:corrections", lambda w: {"pk": _audit(w, "draft_report").pk}, READERS),
    ("reports:corrections", lambda w: {"pk": _audit(w, "findings_closed").pk}, set()),
    ("reports:versions", lambda w: {"pk": _audit(w, "draft_report").pk}, READERS),
]


# --- The findings as a Word file to edit offline (issue 8, item 4): whoever may record the
# findings now (`can_record`): the team while the audit runs, the lead in the concept round.
ACCESS += [
    ("reports:findings_docx", lambda w: {"pk": _audit(w, "started").pk}, {"auditor"}),
    ("reports:findings_docx", lambda w: {"pk": _audit(w, "findings_closed").pk}, set()),
    ("reports:findings_upload", lambda w: {"pk": _audit(w, "started").pk}, {"auditor"}),
    ("reports:findings_upload", lambda w: {"pk": _audit(w, "draft_report").pk}, {"auditor"}),
    ("reports:findings_upload", lambda w: {"pk": _audit(w, "findings_closed").pk}, set()),
]
