"""The public's answers from the register and the verification, kept in the cache (issue 11
item 5: the register and the verification answer at half the rate of a bare view).

Municipalities and the public ask the same few questions many times; the answers change only
when a certificate, its member or an audit changes, and at midnight. So an answer is kept
under the address asked, today's date and a version number that every such change raises
(`bump`, from the signals below and from `audits.workflow.move`). `TTL` bounds what a change
the signals cannot see (a bulk load) may leave behind. Only anonymous requests are served
from the cache: a logged-in person's page carries their own menu. With several app
processes the cache must be shared (REDIS_URL, docs/operations.md), or each process may
answer from its own copy until `TTL`.
"""

import datetime
import hashlib
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone

VERSION = "public-answers:version"
TTL = 5 * 60


def version() -> int:
    found = cache.get(VERSION)
    if found is None:
        cache.add(VERSION, 1, timeout=None)
        found = cache.get(VERSION, 1)
    return found


def _raise_version() -> None:
    try:
        cache.incr(VERSION)
    except ValueError:  # no version yet (or evicted): start one
        cache.set(VERSION, 1, timeout=None)


def bump(*args, **kwargs) -> None:
    """Something the register or a verification shows has changed: forget every answer, now
    and again once the change is committed (a request between the two would otherwise keep
    the old answer under the new version)."""
    _raise_version()
    transaction.on_commit(_raise_version)


def _key(request, day: datetime.date) -> str:
    # Hashed: a long search must not make a key longer than a cache accepts.
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"public-answers:{version()}:{day.isoformat()}:{path}"


def cached(*params: str):
    """The view's answer to the anonymous public, kept until something changes (see above).
    Only an address with no other parameters than `params` is kept, so made-up parameters
    cannot fill the cache."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "GET" or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if not set(request.GET) <= set(params):
                return view(request, *args, **kwargs)
            return _answer(view, request, *args, **kwargs)

        return wrapper

    return decorate


def _answer(view, request, *args, **kwargs):
    key = _key(request, timezone.localdate())
    if (kept := cache.get(key)) is not None:
        content, content_type, headers = kept
        response = HttpResponse(content, content_type=content_type)
        for name, value in headers:
            response[name] = value
        return response
    response = view(request, *args, **kwargs)
    # Only a whole, plain 200 that sets no cookie is the same for everyone.
    if response.status_code == 200 and not response.cookies and not response.streaming:
        headers = [(k, v) for k, v in response.items() if k.lower() == "content-disposition"]
        cache.set(key, (response.content, response["Content-Type"], headers), TTL)
    return response


def connect() -> None:
    """Raise the version on every change the public answers show (apps.ready)."""
    from kwaliteitslabel.audits.models import Audit, AuditEvent
    from kwaliteitslabel.members.models import Member

    from .models import Certificate, CertificateEvent

    # An audit's status changes through workflow.move, which records an AuditEvent.
    for model in (Certificate, CertificateEvent, Member, Audit, AuditEvent):
        post_save.connect(bump, sender=model, dispatch_uid=f"public-answers-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"public-answers-d-{model.__name__}")
    m2m_changed.connect(
        bump, sender=Certificate.work_types.through, dispatch_uid="public-answers-scope"
    )
