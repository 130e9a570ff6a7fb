"""E-mail goes through the outbox table; send_outbox delivers each message once."""

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.core.management import call_command

from kwaliteitslabel.common.mail import deliver
from kwaliteitslabel.common.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox(settings):
    settings.EMAIL_BACKEND = "kwaliteitslabel.common.mail.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_sending_stores_the_message_and_sends_nothing_yet(outbox):
    send_mail("Onderwerp", "Tekst", "van@example.nl", ["aan@example.nl"])
    message = OutboxMessage.objects.get()
    assert (message.subject, message.to, message.sent_at) == ("Onderwerp", "aan@example.nl", None)
    assert mail.outbox == []


def test_send_outbox_delivers_once(outbox, capsys):
    send_mail(
        "Onderwerp", "Tekst", "van@example.nl", ["aan@example.nl"], html_message="<p>Tekst</p>"
    )
    call_command("send_outbox")
    call_command("send_outbox")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert OutboxMessage.objects.get().sent_at is not None
    assert "verstuurd: 1" in capsys.readouterr().out


def test_a_failed_delivery_is_kept_for_the_next_run(outbox, settings):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.common.test_outbox.BrokenBackend"
    send_mail("Onderwerp", "Tekst", "van@example.nl", ["aan@example.nl"])
    assert deliver() == (0, 1)
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.attempts == 1 and "server weg" in message.last_error
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver() == (1, 0)


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("server weg")


def test_copies_are_kept_and_delivered_and_nobody_gets_a_copy_of_their_own(outbox):
    from kwaliteitslabel.common.mail import send_template

    send_template(
        "Deel A",
        "audits/email/summary_sent.txt",
        ["secretariaat@example.nl"],
        {"audit": None, "link": "https://example.nl"},
        cc=["adviseur@example.nl", "secretariaat@example.nl"],
    )
    assert OutboxMessage.objects.get().cc == "adviseur@example.nl"
    deliver()
    assert mail.outbox[0].cc == ["adviseur@example.nl"]
