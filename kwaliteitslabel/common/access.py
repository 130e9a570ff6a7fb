"""Refusing the wrong role, the same way in every view.

A page that is not for the user's role at all answers 403; an object outside the
user's allowed set answers 404, so its existence does not leak (as in NetBox).
Anonymous visitors are sent to the log-in page.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404


def require(rule):
    """View decorator: the user must be logged in and `rule(user)` true, else 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def login_required(view):
    return require(lambda user: True)(view)


def get_allowed(queryset, rule, user, **lookup):
    """The object, if it exists and `rule(user, obj)` allows it; else 404."""
    obj = queryset.filter(**lookup).first()
    if obj is None or not rule(user, obj):
        raise Http404("Niet gevonden.")
    return obj
