"""Rows of the role x URL matrix: documents (issue 9)."""

ACCESS = []
