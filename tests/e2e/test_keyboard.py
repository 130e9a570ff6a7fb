"""Keyboard only (WCAG 2.1.1, 2.4.7): the findings page and the self-assessment, done with
Tab, Shift+Tab, arrows, Space, Enter and typing; no clicks, no fill. Every stop the focus
makes on the way shows an outline."""

import pytest
from django.utils import timezone

from kwaliteitslabel.audits.models import Audit, Finding
from kwaliteitslabel.selfassessment.models import Answer, SelfAssessment

from .conftest import look
from .test_main_journeys import sign_in
from .test_self_assessment_journey import demo  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# What has the focus, and whether it (or the label or box drawn around it) shows an outline.
FOCUS = """() => {
  const el = document.activeElement;
  const drawn = [el, el.closest('label'), el.closest('.site-checkbox')].filter(Boolean);
  const visible = drawn.some(e => {
    const s = getComputedStyle(e);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  });
  const label = el.labels && el.labels[0] ? el.labels[0].textContent : '';
  return {tag: el.tagName, name: el.name || '', value: el.value || '', id: el.id,
          text: (label || el.textContent || '').trim().slice(0, 60), visible};
}"""


class Keys:
    """Moves the focus by keyboard and remembers every stop where it could not be seen."""

    def __init__(self, page):
        self.page = page
        self.hidden = []

    def focus(self):
        here = self.page.evaluate(FOCUS)
        if not here["visible"]:
            self.hidden.append(f"{here['tag']} {here['id'] or here['name']} {here['text']!r}")
        return here

    def press(self, key):
        self.page.keyboard.press(key)
        return self.focus()

    def tab_to(self, matches, key="Tab", limit=120):
        for _ in range(limit):
            here = self.press(key)
            if matches(here):
                return here
        raise AssertionError(f"{key} never reached the element; last: {here}")

    def assert_all_visible(self):
        assert not self.hidden, "focus without a visible outline on: " + "; ".join(self.hidden)


def test_findings_page_by_keyboard(checked_page, demo):  # noqa: F811
    """Henk Vos records D6 of Samen Sociaal Brabant's audit (under way, D6 still open)."""
    page = checked_page
    audit = Audit.objects.get(member__name="Samen Sociaal Brabant")
    interviews = list(audit.interviews.order_by("pk")[:2])
    sign_in(page, "auditor.lrqa@demo.kwaliteitslabel.nl", code=True)
    page.goto(f"{page.base_url}/toetsingen/{audit.pk}/bevindingen/D6/")
    look(page)
    keys = Keys(page)
    keys.tab_to(lambda f: f["name"] == "text")
    page.keyboard.type("Het team evalueert elk kwartaal met klanten; verslagen ingezien.")
    keys.tab_to(lambda f: f["name"] == "interviews")
    page.keyboard.press("Space")
    keys.press("Tab")
    page.keyboard.press("Space")
    here = keys.tab_to(lambda f: f["name"] == "verdict")  # the checked verdict, or the first
    order = page.evaluate("() => [...document.getElementsByName('verdict')].map(e => e.value)")
    assert order[:3] == ["met", "partly", "not_met"]
    while here["value"] != "not_met":
        here = keys.press("ArrowRight")
    assert keys.press("ArrowLeft")["value"] == "partly"
    here = keys.press("Shift+Tab")  # back to the last field before the verdicts
    assert here["name"] == "improvement_points"
    page.keyboard.type("Leg de evaluatie vast in het dossier.")
    keys.tab_to(lambda f: f["tag"] == "BUTTON" and f["text"] == "Opslaan")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Laatst opgeslagen" in look(page) and "door Henk Vos" in look(page)
    keys.assert_all_visible()
    finding = Finding.objects.get(audit=audit, norm__rubric__code="D", norm__number=6)
    assert finding.text.startswith("Het team evalueert elk kwartaal")
    assert finding.improvement_points == "Leg de evaluatie vast in het dossier."
    assert finding.verdict == "partly"
    assert set(finding.interviews.all()) == set(interviews)


def test_self_assessment_by_keyboard(checked_page, demo):  # noqa: F811
    """Anke Dijkstra answers two norms of her part one per screen, then closes the
    self-assessment, all from the keyboard."""
    page = checked_page
    sa = SelfAssessment.objects.get(member__name="Welzijn Noorderlicht")
    SelfAssessment.objects.filter(pk=sa.pk).update(closed_on=None)  # open again for the test
    sign_in(page, "lid@demo.kwaliteitslabel.nl")
    page.goto(f"{page.base_url}/zelfevaluatie/{sa.pk}/antwoorden/")
    look(page)
    keys = Keys(page)
    keys.tab_to(lambda f: f["tag"] == "A" and f["text"].startswith("Eén norm per scherm"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    look(page)
    for _ in range(2):
        keys.tab_to(lambda f: f["name"] == "verdict")
        # From the checked answer (+ voldoet) one step on: +/- deels.
        assert keys.press("ArrowRight")["value"] == "partly"
        keys.press("Tab")
        page.keyboard.type("Besproken in het managementteam.")
        keys.tab_to(lambda f: f["tag"] == "BUTTON" and f["text"].startswith("Opslaan"))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        look(page)
    changed = Answer.objects.filter(
        participant__self_assessment=sa,
        participant__user__email="lid@demo.kwaliteitslabel.nl",
        example="Besproken in het managementteam.",
    )
    assert sorted(a.norm.code for a in changed) == ["O1", "O2"]
    assert {a.verdict for a in changed} == {"partly"}

    page.goto(f"{page.base_url}/zelfevaluatie/{sa.pk}/afronden/")
    look(page)
    today = timezone.localdate()
    assert keys.tab_to(lambda f: f["name"] == "closed_on")["value"] == today.isoformat()
    keys.tab_to(lambda f: f["tag"] == "BUTTON" and f["text"] == "Afronden")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "afgerond" in look(page)
    keys.assert_all_visible()
    sa.refresh_from_db()
    assert sa.closed_on == today
