"""The API for certification bodies (issue 11 item 1), mounted at /api/v1/body/: one router
with the body's token and rate limit; its endpoints live in the modules imported here."""

from . import body_audits, body_decision, body_findings, body_report  # noqa: F401 (they add their endpoints)
from .body_common import router

__all__ = ["router"]
