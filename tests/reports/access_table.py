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
