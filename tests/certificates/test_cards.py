"""What the member's dashboard and SWN's overview say of certificates (issue 9 item 7)."""

import datetime

import time_machine
from django.urls import reverse

from kwaliteitslabel.certificates import cards

from .helpers import make_certificate, moment, re_audit

D = datetime.date


def card_on(certificate, day):
    with time_machine.travel(moment(day), tick=False):
        (card,) = cards.cards([certificate], day)
    return card


def test_a_valid_certificate_shows_days_left_and_the_next_reminder(world):
    certificate = make_certificate(world, D(2025, 3, 1))
    card = card_on(certificate, D(2026, 1, 1))
    assert (card.state, card.days_left) == ("valid", 424)
    assert card.next_reminder == D(2026, 6, 1)  # 9 months before 1 March 2027 (stap 16)
    assert card.action_url == ""  # nothing to do yet


def test_within_nine_months_without_a_re_audit_it_asks_to_request_one(world):
    certificate = make_certificate(world, D(2025, 3, 1))
    card = card_on(certificate, D(2026, 7, 1))
    assert "Vraag nu de hertoetsing aan" in card.advice
    assert card.action_url == reverse("audits:audit_request", args=[world.member_a.pk])
    assert card.next_reminder == D(2026, 9, 1)  # 6 months before


def test_a_positive_re_audit_stops_the_reminders(world):
    certificate = make_certificate(world, D(2025, 3, 1))
    re_audit(world, D(2026, 6, 1), events={"advice_positive": D(2026, 11, 1)})
    card = card_on(certificate, D(2026, 11, 15))
    assert card.next_reminder is None and "positief advies afgerond" in card.advice


def test_suspended_and_lapsed_say_what_follows(world):
    certificate = make_certificate(world, D(2025, 3, 1))
    assert "vervallen" in card_on(certificate, D(2027, 3, 2)).advice  # no re-audit
    re_audit(world, D(2027, 1, 5))
    card = card_on(certificate, D(2027, 3, 2))
    assert card.state == "suspended" and "verwijs in deze periode nergens" in card.advice


def test_the_member_admin_sees_its_certificate_on_the_dashboard(world, client):
    make_certificate(world, D(2025, 3, 1), number="KSSW-2025-0042")
    make_certificate(world, D(2025, 3, 1), member=world.member_b, number="KSSW-2025-0043")
    client.force_login(world.users["member_admin"])
    with time_machine.travel(moment(D(2026, 1, 1)), tick=False):
        page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "KSSW-2025-0042" in page and "nog 424 dagen" in page
    assert "volgende herinnering 1 juni 2026" in page
    assert "KSSW-2025-0043" not in page  # another member's


def test_swn_sees_expiring_suspended_and_lapsed(world, client):
    make_certificate(world, D(2025, 3, 1), number="KSSW-2025-0001")  # expires 1 March 2027
    make_certificate(world, D(2024, 3, 1), member=world.member_b, number="KSSW-2024-0002")
    client.force_login(world.users["swn_adviser"])
    with time_machine.travel(moment(D(2026, 12, 1)), tick=False):
        page = client.get(reverse("certificates:overview")).content.decode()
    expiring = page.index("Verloopt binnen 6 maanden (1)")
    lapsed = page.index("Vervallen (1)")
    assert expiring < page.index("KSSW-2025-0001") < page.index("Opgeschort (0)") < lapsed
    assert lapsed < page.index("KSSW-2024-0002")
