"""The certificates' rows of the role x URL matrix (tests/access/test_matrix.py), one module
per part of issue 9."""

from . import access_documents, access_issue, access_lifecycle, access_register

ACCESS = [
    *access_issue.ACCESS,
    *access_documents.ACCESS,
    *access_register.ACCESS,
    *access_lifecycle.ACCESS,
]
