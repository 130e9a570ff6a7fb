"""Filled in by issue 9."""

urlpatterns = []
