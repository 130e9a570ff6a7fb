"""The body API's rows of the role x URL matrix (issue 11 item 1): no session opens it, for
any role; it answers 401 without a body's token. What a token reaches is in test_body_api."""

from .helpers import started_audit


def _audit(w):
    return {"audit_id": started_audit(w).pk}


def _norm(w):
    return {**_audit(w), "norm": "V1"}


ACCESS = [
    ("api-v1:body_token", lambda w: {}, set()),
    ("api-v1:body_audits", lambda w: {}, set()),
    ("api-v1:body_audit", _audit, set()),
    ("api-v1:body_decision", _audit, set()),
    ("api-v1:body_findings", _audit, set()),
    ("api-v1:body_findings_put", _audit, set()),
    ("api-v1:body_finding", _norm, set()),
    ("api-v1:body_finding_put", _norm, set()),
    ("api-v1:body_report", _audit, set()),
    ("api-v1:body_report_put", _audit, set()),
]
