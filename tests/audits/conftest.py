"""Fixtures the audits tests share."""

from .test_calculator import bodies  # noqa: F401 (fixture: CIIO and LRQA with Bijlage 10 rates)
