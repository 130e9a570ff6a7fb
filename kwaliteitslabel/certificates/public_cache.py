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
import time
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone

from .near_copies import NearCopies

VERSION = "public-answers:version"
MEMBER = "public-answers:member:{}"
TTL = 5 * 60


# The versions as this process last read them, for at most `GLANCE` seconds: a hit then
# costs one trip to a shared cache, not two. Another process's change is seen that much later;
# this process's own changes at once (`forget_glances`).
GLANCE = 1.0
_glances: dict[str, tuple[float, int]] = {}


def _read(key: str) -> int:
    now = time.monotonic()
    seen = _glances.get(key)
    if seen is not None and seen[0] > now:
        return seen[1]
    cache.add(key, 1, timeout=None)
    found = cache.get(key, 1)
    _glances[key] = (now + GLANCE, found)
    return found


def forget_glances() -> None:
    """Forget what this process remembers (tests start from nothing)."""
    _glances.clear()
    _members.clear()
    _near.clear()


def version() -> int:
    return _read(VERSION)


def _raise_version() -> None:
    try:
        cache.incr(VERSION)
    except ValueError:  # no version yet (or evicted): start one
        cache.set(VERSION, 1, timeout=None)


def member_version(member_id: int) -> int:
    return _read(MEMBER.format(member_id))


def _raise_member(member_id: int | None) -> None:
    if member_id is None:
        return
    try:
        cache.incr(MEMBER.format(member_id))
    except ValueError:
        cache.set(MEMBER.format(member_id), 1, timeout=None)


def _member_of(instance) -> int | None:
    """The member a changed row belongs to: a member, or a certificate's, audit's or their
    events' member."""
    from kwaliteitslabel.members.models import Member

    if isinstance(instance, Member):
        return instance.pk
    if getattr(instance, "member_id", None):
        return instance.member_id
    for parent in ("certificate", "audit"):
        if getattr(instance, f"{parent}_id", None):
            return getattr(instance, parent).member_id
    return None


def bump(sender=None, instance=None, **kwargs) -> None:
    """Something the register or a verification shows has changed: forget the register's
    answers and the member's verifications, now and again once the change is committed (a
    request between the two would otherwise keep the old answer under the new version)."""
    member_id = _member_of(instance) if instance is not None else None

    def forget():
        _raise_version()
        _raise_member(member_id)
        _glances.clear()

    forget()
    transaction.on_commit(forget)


def _key(request, day: datetime.date, kind: str = "") -> str:
    # Hashed: a long search must not make a key longer than a cache accepts.
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"public-answers:{kind or version()}:{day.isoformat()}:{path}"


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
    if (near := _near.get(key)) is not None:
        return _response(near[1], *near[0])
    if (kept := cache.get(key)) is not None:
        _near.put(key, kept[1:], kept[0], TTL)
        return _response(*kept)
    response = view(request, *args, **kwargs)
    if _storable(response):
        cache.set(key, _parts(response), TTL)
        _near.put(key, _parts(response)[1:], response.content, TTL)
    return response


# Under the register's version in their key (`_answer`), or stamped with the versions they
# were made under (`_verification`): a copy is never served once a version moved past it. A
# register answer taken from the shared cache is kept `TTL` again: at most twice `TTL` after
# a change the signals cannot see.
_near = NearCopies()


def _storable(response) -> bool:
    """Only a whole, plain 200 that sets no cookie is the same for everyone."""
    return response.status_code == 200 and not response.cookies and not response.streaming


def _parts(response) -> tuple:
    headers = [(k, v) for k, v in response.items() if k.lower() == "content-disposition"]
    return response.content, response["Content-Type"], headers


def _response(content, content_type, headers) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    for name, value in headers:
        response[name] = value
    return response


def verification(*params: str):
    """A verification's answer to the public, kept for the rest of the day under the member's
    own version: a change elsewhere in the register leaves it standing, a change of this
    member's certificates or audits makes it be computed again (issue 11 item 5)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if (
                request.method != "GET"
                or request.user.is_authenticated
                or not set(request.GET) <= set(params)
            ):
                return view(request, *args, **kwargs)
            number = kwargs["number"] if "number" in kwargs else args[0]
            return _verification(number, lambda: view(request, *args, **kwargs), request)

        return wrapper

    return decorate


# A certificate's member never changes: which member a number belongs to is remembered in the
# process, so a kept verification and its member's version come in one trip to the cache.
_members: dict[str, int] = {}


def _verification(number: str, answer, request):
    from .models import Certificate

    now = timezone.localtime()
    key = _key(request, now.date(), kind="verify")
    member_id = _members.get(number)
    if member_id is None:
        member_id = (
            Certificate.objects.filter(number=number).values_list("member_id", flat=True).first()
        )
        if member_id is None:
            return answer()  # no such certificate: nothing to keep
        _members[number] = member_id
    # The process's copy stands while nothing changed anywhere (the register's version, a
    # glance); after any change, while its own member's version stands (one trip).
    everything = version()
    near = _near.get(key)
    if near is not None and near[0][0] == everything:
        return _response(near[1], *near[0][2:])
    found = cache.get_many([key, MEMBER.format(member_id)])
    kept, seen = found.get(key), found.get(MEMBER.format(member_id))
    # The version before the answer is made: a change meanwhile makes this copy stale.
    seen = seen if seen is not None else member_version(member_id)
    if near is not None and near[0][1] == seen:
        _near.restamp(key, (everything, *near[0][1:]))
        return _response(near[1], *near[0][2:])
    midnight = datetime.datetime.combine(now.date(), datetime.time.max, now.tzinfo)
    until_midnight = int((midnight - now).total_seconds()) + 1
    if kept is not None and kept[1] == seen:
        _near.put(key, (everything, seen, *kept[3:]), kept[2], until_midnight)
        return _response(*kept[2:])
    response = answer()
    if _storable(response):
        cache.set(key, (member_id, seen, *_parts(response)), until_midnight)
        _near.put(key, (everything, seen, *_parts(response)[1:]), response.content, until_midnight)
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
