"""Making, checking and revoking a body's API tokens (issue 11 item 1).

A token reads `kwl_<8 hex>_<43 url-safe characters>`: the first part is the public prefix
the lists show, the rest is 32 random bytes. The database keeps the SHA-256 of the whole
token, never the token: whoever reads the database cannot use it. Each request checks the
database again, so a revocation holds from the next request on.
"""

import datetime
import hashlib
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models_tokens import ApiToken

PREFIX = "kwl_"
# Writing `last_used_at` on every request would double the API's writes; once a minute says
# enough about whether a token is still in use.
TOUCH_EVERY = datetime.timedelta(minutes=1)


class NameTaken(Exception):
    """The body already has an active token of that name."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def make(body, name: str, user) -> tuple[ApiToken, str]:
    """A new token for `body`, made by `user`; returns it with the secret (shown once)."""
    public = f"{PREFIX}{secrets.token_hex(4)}"
    secret = f"{public}_{secrets.token_urlsafe(32)}"
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(
                body=body, name=name, prefix=public, secret_hash=digest(secret), created_by=user
            )
    except IntegrityError as error:
        if ApiToken.objects.filter(body=body, name=name, revoked_at__isnull=True).exists():
            raise NameTaken(name) from error
        raise
    return token, secret


def find(secret: str) -> ApiToken | None:
    """The token with this secret (active or revoked), with its body and creator; one query."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    return (
        ApiToken.objects.select_related("body", "created_by")
        .filter(secret_hash=digest(secret))
        .first()
    )


def touch(token: ApiToken) -> None:
    """Note that the token was used, at most once a minute."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def revoke(token: ApiToken, user) -> bool:
    """Revoke the token now; False if it was revoked already (by someone else, say)."""
    now = timezone.now()
    done = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=user
    )
    if done:
        token.revoked_at, token.revoked_by = now, user
    return bool(done)
