"""Rows of the role x URL matrix: issue (issue 9)."""

ACCESS = []
