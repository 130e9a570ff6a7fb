"""Refusing the wrong role, the same way in every view.

A page that is not for the user's role at all answers 403; an object outside the
user's allowed set answers 404, so its existence does not leak (as in NetBox).
Anonymous visitors are sent to the log-in page. A form posted for a step its object has
moved past meanwhile (another browser was first) is no refusal: see `Step` and `Outdated`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect


@dataclass(frozen=True)
class Step:
    """A rule for a step that depends on the object's state, in its two parts: `who(user,
    obj)` may take the step at all, and `when(obj)` it can be taken now. Called, it asks
    both; apart, a view can tell the wrong person (403) from a form that came too late."""

    who: Callable
    when: Callable

    def __call__(self, user, obj) -> bool:
        # The state first: it costs no query, and most pages ask about steps not due.
        return self.when(obj) and self.who(user, obj)


class Outdated(Exception):
    """The step a posted form was for no longer applies. `require` tells the user `message`
    and sends them to `to`: a 403 would read as if they lacked the rights."""

    def __init__(self, message: str, to: str):
        super().__init__(message)
        self.message = message
        self.to = to


def require(rule):
    """View decorator: the user must be logged in and `rule(user)` true, else 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule(request.user):
                raise PermissionDenied
            try:
                return view(request, *args, **kwargs)
            except Outdated as outdated:
                messages.info(request, outdated.message)
                return redirect(outdated.to)

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
