"""Sharing a closed self-assessment with a body; the body's feedback; the member reads it (ch. 2.1)."""

import datetime

import pytest
from django.urls import reverse

from kwaliteitslabel.accounts import dashboard
from kwaliteitslabel.common.forms import STALE
from kwaliteitslabel.selfassessment.models import NormFeedback, Share
from tests.bodies.helpers import meets_all_conditions

from .helpers import make_self_assessment
from .test_readiness import consolidate

pytestmark = pytest.mark.django_db

CLOSED = datetime.date(2026, 1, 15)


def share_url(sa):
    return reverse("selfassessment:share", kwargs={"pk": sa.pk})


def feedback_url(share):
    return reverse("selfassessment:give_feedback", kwargs={"share_pk": share.pk})


@pytest.fixture
def closed(world):
    sa = make_self_assessment(world, closed_on=CLOSED)
    consolidate(sa, world.users["member_admin"], not_met=1, partly=2)
    return sa


@pytest.fixture
def shared(world, closed):
    return Share.objects.create(
        self_assessment=closed, body=world.body_x, shared_by=world.users["member_admin"]
    )


def test_only_bodies_that_may_audit_are_offered_and_sharing_tells_the_body(
    client_as, world, closed, mailoutbox
):
    meets_all_conditions(world.body_x)  # body Y lacks its conditions
    client = client_as("member_admin")
    page = client.get(share_url(closed)).content.decode()
    assert world.body_x.name in page and world.body_y.name not in page
    response = client.post(share_url(closed), {"body": world.body_y.pk})
    assert response.status_code == 400
    assert "Met deze instelling kunt u de zelfevaluatie niet delen" in response.content.decode()
    assert not Share.objects.exists()
    response = client.post(share_url(closed), {"body": world.body_x.pk})
    assert response.status_code == 302
    share = Share.objects.get()
    assert (share.body, share.shared_by) == (world.body_x, world.users["member_admin"])
    (mail,) = mailoutbox
    assert mail.subject.startswith("Zelfevaluatie gedeeld")
    assert mail.to == [world.users["body_admin"].email]
    assert feedback_url(share) in mail.body
    # Shared once: body X is no longer offered.
    assert (
        world.body_x.name
        not in client.get(share_url(closed))
        .content.decode()
        .split("Gedeeld met")[-1]
        .split("</table>")[-1]
    )


def test_an_open_self_assessment_cannot_be_shared(client_as, world):
    meets_all_conditions(world.body_x)
    sa = make_self_assessment(world)
    client = client_as("member_admin")
    assert "Rond de zelfevaluatie eerst af" not in client.get(share_url(sa)).content.decode()
    response = client.post(share_url(sa), {"body": world.body_x.pk}, follow=True)
    assert "Rond de zelfevaluatie eerst af" in response.content.decode()
    assert not Share.objects.exists()


def test_the_body_reads_the_answers_not_the_team(client_as, world, shared):
    page = client_as("auditor").get(feedback_url(shared)).content.decode()
    assert "- voldoet niet" in page and "+/- deels" in page
    assert page.count('name="norm"') == 49 + 1  # a form per norm and one overall


def test_feedback_per_norm_saved_changed_and_removed(client_as, world, shared):
    client = client_as("auditor")
    response = client.post(
        feedback_url(shared), {"norm": "O21", "norm-O21-text": "Begin met een lijst."}
    )
    assert response.status_code == 302
    item = NormFeedback.objects.get()
    assert (item.norm.code, item.text, item.author) == (
        "O21",
        "Begin met een lijst.",
        world.users["auditor"],
    )
    client.post(
        feedback_url(shared),
        {"norm": "O21", "norm-O21-text": "Anders.", "norm-O21-loaded_version": item.version},
    )
    item.refresh_from_db()
    assert (item.text, item.version) == ("Anders.", 2)
    client.post(
        feedback_url(shared),
        {"norm": "O21", "norm-O21-text": "", "norm-O21-loaded_version": item.version},
    )
    assert not NormFeedback.objects.exists()
    assert NormFeedback.history.filter(history_type="-").count() == 1


def test_two_auditors_at_once_do_not_overwrite_each_other(client_as, world, shared):
    norm = shared.self_assessment.framework.norms.get(rubric__code="V", number=3)
    item = NormFeedback.objects.create(
        share=shared, norm=norm, text="Eerste", author=world.users["body_admin"]
    )
    data = {"norm": "V3", "norm-V3-text": "Tweede", "norm-V3-loaded_version": item.version}
    client = client_as("auditor")
    NormFeedback.objects.filter(pk=item.pk).update(text="Tussendoor", version=item.version + 1)
    response = client.post(feedback_url(shared), data)
    assert response.status_code == 409
    assert STALE in response.content.decode()
    item.refresh_from_db()
    assert item.text == "Tussendoor"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"norm": "X99", "norm-X99-text": "iets"}, "Norm X99 hoort niet bij normenkader 2019"),
        ({"norm": "V1", "norm-V1-text": "  "}, "Schrijf eerst uw feedback."),
        (
            {"norm": "algemeen", "overall-overall_feedback": "", "overall-loaded_version": 1},
            "Schrijf uw feedback.",
        ),
    ],
)
def test_bad_feedback_is_refused_and_changes_nothing(client_as, world, shared, data, message):
    response = client_as("auditor").post(feedback_url(shared), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    shared.refresh_from_db()
    assert not NormFeedback.objects.exists() and shared.feedback_at is None


def test_overall_feedback_tells_the_member_once_and_the_member_reads_it(
    client_as, world, shared, mailoutbox
):
    client = client_as("auditor")
    client.post(feedback_url(shared), {"norm": "V1", "norm-V1-text": "Sterk punt."})
    response = client.post(
        feedback_url(shared),
        {
            "norm": "algemeen",
            "overall-overall_feedback": "Goed voorbereid.",
            "overall-loaded_version": 1,
        },
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert (shared.feedback_by, shared.overall_feedback) == (
        world.users["auditor"],
        "Goed voorbereid.",
    )
    client.post(
        feedback_url(shared),
        {
            "norm": "algemeen",
            "overall-overall_feedback": "Goed voorbereid!",
            "overall-loaded_version": 2,
        },
    )
    assert [(m.subject[:12], m.to) for m in mailoutbox] == [
        ("Feedback van", [world.users["member_admin"].email])
    ]
    page = (
        client_as("member_admin")
        .get(reverse("selfassessment:feedback", kwargs={"pk": shared.self_assessment.pk}))
        .content.decode()
    )
    assert "Goed voorbereid!" in page and "Sterk punt." in page and world.body_x.name in page


def test_body_list_and_dashboard_task_show_what_waits(client_as, world, shared):
    page = client_as("body_admin").get(reverse("selfassessment:shared_list")).content.decode()
    assert world.member_a.name in page and "gevraagd" in page
    tasks = [t.text for t in dashboard.build(world.users["auditor"]).tasks]
    assert f"Geef feedback op de zelfevaluatie van {world.member_a}" in tasks
    Share.objects.filter(pk=shared.pk).update(
        feedback_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC)
    )
    tasks = [t.text for t in dashboard.build(world.users["auditor"]).tasks]
    assert not any(t.startswith("Geef feedback") for t in tasks)
    links = [link.text for link in dashboard.build(world.users["member_admin"]).links]
    assert f"Zelfevaluaties van {world.member_a}" in links


def test_feedback_page_queries_do_not_grow_with_feedback(
    client_as, world, shared, django_assert_num_queries
):
    client = client_as("auditor")
    url = feedback_url(shared)
    client.get(url)
    with django_assert_num_queries(8) as first:
        client.get(url)
    for norm in shared.self_assessment.framework.norms.all()[:20]:
        NormFeedback.objects.create(
            share=shared, norm=norm, text="x", author=world.users["auditor"]
        )
    with django_assert_num_queries(len(first)):
        client.get(url)
