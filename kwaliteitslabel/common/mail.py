"""E-mail through an outbox table: nothing is lost when the mail server is down.

OutboxBackend stores every message Django sends (invitations, password resets,
later reminders); `python manage.py send_outbox` delivers them and records the outcome.
"""

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models_outbox import OutboxMessage


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                "",
            )
            OutboxMessage.objects.create(
                sender=message.from_email or settings.DEFAULT_FROM_EMAIL,
                to=", ".join(message.to),
                cc=", ".join(message.cc),
                subject=message.subject,
                body=message.body,
                html=html,
            )
        return len(email_messages)


def deliver(limit: int = 100) -> tuple[int, int]:
    """Send what waits in the outbox; returns (sent, failed). Safe to run twice at once, and
    to kill: each message is sent inside the transaction that holds its row and marks it
    sent, so a killed run leaves it waiting and the next run sends it (docs/decisions.md:
    at least once, duplicated only if the kill lands between the server's yes and COMMIT)."""
    sent = failed = 0
    connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND)
    for pk in (
        OutboxMessage.objects.filter(sent_at=None)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    ):
        with transaction.atomic():
            # A twin run holds the row: skip it. SQLite has no row locks; its one writer at a
            # time (BEGIN IMMEDIATE, settings) keeps the twin waiting instead.
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, sent_at=None)
                .first()
            )
            if message is None:
                continue
            row, attempts = OutboxMessage.objects.filter(pk=pk), message.attempts + 1
            try:
                _email(message, connection).send()
            except Exception as exc:  # noqa: BLE001 - any delivery failure is recorded and retried
                row.update(last_error=str(exc)[:500], attempts=attempts)
                failed += 1
            else:
                row.update(sent_at=timezone.now(), attempts=attempts)
                sent += 1
    return sent, failed


def _email(message: OutboxMessage, connection) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        message.subject,
        message.body,
        message.sender,
        _addresses(message.to),
        connection=connection,
        cc=_addresses(message.cc),
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    return email


def _addresses(text: str) -> list[str]:
    return [a.strip() for a in text.split(",") if a.strip()]


def send_template(
    subject: str, template: str, to, context: dict, cc=(), html_template: str = ""
) -> None:
    """An e-mail from a template (and an HTML one beside it, if given) to distinct addresses
    (into the outbox); none: nothing. Whoever is in `to` is not copied as well."""
    to = sorted(set(to))
    cc = sorted(set(cc) - set(to))
    if not to:
        return
    message = EmailMultiAlternatives(subject, render_to_string(template, context), to=to, cc=cc)
    if html_template:
        message.attach_alternative(render_to_string(html_template, context), "text/html")
    message.send()
