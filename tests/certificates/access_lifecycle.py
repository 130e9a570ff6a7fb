"""Rows of the role x URL matrix: lifecycle (issue 9)."""

ACCESS = []
