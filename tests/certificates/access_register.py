"""Rows of the role x URL matrix: register (issue 9)."""

ACCESS = []
