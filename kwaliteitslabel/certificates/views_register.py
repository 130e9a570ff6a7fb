"""The public register and verification (issue 9 items 3-4): being built."""

from django.http import Http404


def verify(request, number):
    raise Http404
