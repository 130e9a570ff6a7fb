"""Peer clusters (variant 3, handboek 2.2): forming, the rotation page, the request and the team."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.audits import rotation, team
from kwaliteitslabel.audits.models import Audit, PeerCluster, RotationPair, TeamMember
from kwaliteitslabel.common.forms import STALE
from kwaliteitslabel.frameworks.models import Framework
from tests.bodies.helpers import meets_all_conditions

from .helpers import make_audit, make_scope
from .helpers_cluster import make_cluster, third_member, trained_peer

pytestmark = pytest.mark.django_db

CREATE = reverse("audits:cluster_create")


def stored(cluster) -> set[tuple[str, str]]:
    return {
        (p.audited.name, p.auditing.name)
        for p in RotationPair.objects.filter(cluster=cluster).select_related("audited", "auditing")
    }


def value(audited, auditing) -> str:
    return f"{audited.pk}:{auditing.pk}"


# --- forming -------------------------------------------------------------------------------


def test_a_body_admin_forms_a_cluster_with_the_proposed_rotation(client_as, world):
    c = third_member()
    response = client_as("body_admin").post(
        CREATE,
        {
            "name": "Cluster Randstad",
            "body": world.body_x.pk,
            "members": [world.member_a.pk, world.member_b.pk, c.pk],
        },
    )
    assert response.status_code == 302
    cluster = PeerCluster.objects.get()
    assert response["Location"] == reverse("audits:cluster_detail", kwargs={"pk": cluster.pk})
    assert cluster.formed_by == world.users["body_admin"] and cluster.body == world.body_x
    # A, B, C in the order of the list (by name); stored at once.
    members = [p.member for p in cluster.places.all()]
    assert [m.name for m in members] == sorted(m.name for m in members)
    assert stored(cluster) == {(a.name, b.name) for a, b in rotation.propose(members)}


def test_forming_with_fewer_than_three_members_is_refused_naming_the_field(client_as, world):
    response = client_as("swn_secretariat").post(
        CREATE,
        {"name": "Te klein", "body": world.body_x.pk, "members": [world.member_a.pk]},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["members"] == [
        "Kies minstens 3 verschillende leden; u koos er 1."
    ]
    assert "Leden: Kies minstens 3 verschillende leden" in response.content.decode()
    assert not PeerCluster.objects.exists()


def test_the_same_member_twice_counts_once(client_as, world):
    a, b = world.member_a.pk, world.member_b.pk
    response = client_as("body_admin").post(
        CREATE, {"name": "Dubbel", "body": world.body_x.pk, "members": [a, b, a]}
    )
    assert response.status_code == 400
    assert "u koos er 2" in response.context["form"].errors["members"][0]


def test_an_inactive_member_is_refused_by_name_and_not_offered(client_as, world):
    ended = third_member()
    ended.membership_end = timezone.localdate() - datetime.timedelta(days=1)
    ended.save()
    client = client_as("body_admin")
    assert "Welzijn Noord" not in client.get(CREATE).content.decode()
    response = client.post(
        CREATE,
        {
            "name": "Cluster",
            "body": world.body_x.pk,
            "members": [world.member_a.pk, world.member_b.pk, ended.pk],
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["members"] == [
        "Welzijn Noord is nu geen actief lid van Sociaal Werk Nederland."
    ]
    assert not PeerCluster.objects.exists()


def test_a_body_admin_forms_clusters_only_for_their_own_body(client_as, world):
    c = third_member()
    response = client_as("body_admin").post(
        CREATE,
        {
            "name": "Cluster",
            "body": world.body_y.pk,
            "members": [world.member_a.pk, world.member_b.pk, c.pk],
        },
    )
    assert response.status_code == 400
    assert "waarvoor u clusters mag vormen" in response.context["form"].errors["body"][0]
    assert not PeerCluster.objects.exists()


# --- the cluster page and the list ---------------------------------------------------------


def test_the_cluster_page_shows_letters_the_matrix_and_counts(client_as, world):
    cluster = make_cluster(world)
    make_audit(world, variant="peer", cluster=cluster)
    response = client_as("member_admin").get(
        reverse("audits:cluster_detail", kwargs={"pk": cluster.pk})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>A</strong> · Stichting Welzijn Oost" in html
    assert (
        "Bij A (Stichting Welzijn Oost) toetsen branchetoetsers van B (Sociaal Werk West) en C (Welzijn Noord)."
        in html
    )
    places = response.context["places"]
    assert [(p.letter, p.given, p.received) for p in places] == [
        ("A", 2, 2),
        ("B", 2, 2),
        ("C", 2, 2),
    ]
    assert [state for _, state in places[0].cells] == ["self", "yes", "yes"]
    assert response.context["audits"][0][1] is True  # member A may open its own audit
    # Read-only for the member admin: no adjusting, no removing.
    assert reverse("audits:cluster_rotation", kwargs={"pk": cluster.pk}) not in html
    assert reverse("audits:cluster_delete", kwargs={"pk": cluster.pk}) not in html


def test_the_cluster_page_warns_when_one_member_does_most_of_the_work(client_as, world):
    a, b, c = world.member_a, world.member_b, third_member()
    d, e = third_member("1004", "Welzijn Zuid"), third_member("1005", "Welzijn West")
    cluster = make_cluster(world, members=[a, b, c, d, e])  # A's peers audit at D and E
    RotationPair.objects.create(cluster=cluster, audited=b, auditing=a)
    RotationPair.objects.create(cluster=cluster, audited=c, auditing=a)
    response = client_as("auditor").get(reverse("audits:cluster_detail", kwargs={"pk": cluster.pk}))
    html = response.content.decode()
    assert response.context["problems"] == []
    assert (
        "gemiddeld 2,4 keer. A (Stichting Welzijn Oost) toetst 4 keer en wordt 2 keer getoetst."
        in html
    )
    # In letter order, whatever the order the pairs were stored in.
    assert (
        "Bij B (Sociaal Werk West) toetsen branchetoetsers van A (Stichting Welzijn Oost), C"
        in html
    )


def test_each_role_lists_the_clusters_that_are_theirs(client_as, world):
    ours = make_cluster(world)
    d = third_member("1004", "Welzijn Zuid")
    theirs = make_cluster(
        world,
        members=[world.member_b, PeerCluster.objects.get().places.last().member, d],
        body=world.body_y,
        name="Cluster Zuid",
    )
    url = reverse("audits:cluster_list")
    for role, expected in [
        ("member_admin", [ours]),
        ("body_admin", [ours]),
        ("auditor", [ours]),
        ("swn_adviser", [ours, theirs]),
    ]:
        assert set(client_as(role).get(url).context["clusters"]) == set(expected), role


def test_the_audit_list_links_to_the_clusters(client_as, world):
    html = client_as("body_admin").get(reverse("audits:audit_list")).content.decode()
    assert reverse("audits:cluster_list") in html
    html = client_as("peer_auditor").get(reverse("audits:audit_list")).content.decode()
    assert reverse("audits:cluster_list") not in html


# --- adjusting the rotation ----------------------------------------------------------------


def rotation_post(cluster, pairs, version=None):
    return {
        "loaded_version": cluster.version if version is None else version,
        "pairs": [value(a, b) for a, b in pairs],
    }


def test_the_rotation_is_adjusted_within_the_rules(client_as, world):
    a, b, c = world.member_a, world.member_b, third_member()
    d = third_member("1004", "Welzijn Zuid")
    cluster = make_cluster(world, members=[a, b, c, d])
    # Everyone audits at everyone else: more work, still within the rules.
    everyone = [(x, y) for x in (a, b, c, d) for y in (a, b, c, d) if x != y]
    url = reverse("audits:cluster_rotation", kwargs={"pk": cluster.pk})
    response = client_as("body_admin").post(url, rotation_post(cluster, everyone))
    assert response.status_code == 302
    assert stored(cluster) == {(x.name, y.name) for x, y in everyone}
    assert PeerCluster.objects.get().version == cluster.version + 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda a, b, c, pairs: pairs + [(b, b)],
            "Branchetoetsers van Sociaal Werk West mogen niet bij hun eigen organisatie toetsen.",
        ),
        (
            lambda a, b, c, pairs: [p for p in pairs if p != (a, c)],
            "Stichting Welzijn Oost wordt alleen door branchetoetsers van Sociaal Werk West "
            "getoetst; dat moeten branchetoetsers van minstens 2 andere leden zijn.",
        ),
    ],
    ids=["audits-itself", "audited-by-one"],
)
def test_a_rotation_against_the_rules_is_refused_and_nothing_changes(
    client_as, world, change, message
):
    a, b, c = world.member_a, world.member_b, third_member()
    cluster = make_cluster(world, members=[a, b, c])
    before = stored(cluster)
    pairs = change(a, b, c, rotation.propose([a, b, c]))
    url = reverse("audits:cluster_rotation", kwargs={"pk": cluster.pk})
    response = client_as("body_admin").post(url, rotation_post(cluster, pairs))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.content.decode()
    assert stored(cluster) == before
    assert PeerCluster.objects.get().version == cluster.version


def test_a_member_outside_the_cluster_cannot_be_posted(client_as, world):
    cluster = make_cluster(world)
    outsider = third_member("1004", "Welzijn Zuid")
    url = reverse("audits:cluster_rotation", kwargs={"pk": cluster.pk})
    data = rotation_post(cluster, [])
    data["pairs"] = [value(world.member_a, outsider)]
    response = client_as("body_admin").post(url, data)
    assert response.status_code == 400
    assert "niet bij dit cluster hoort" in response.context["form"].errors["pairs"][0]


def test_two_people_adjusting_at_once_the_second_gets_409(client_as, world):
    a, b, c = world.member_a, world.member_b, third_member()
    d = third_member("1004", "Welzijn Zuid")
    cluster = make_cluster(world, members=[a, b, c, d])
    url = reverse("audits:cluster_rotation", kwargs={"pk": cluster.pk})
    # Both opened the page at version 1.
    first = [(x, y) for x in (a, b, c, d) for y in (a, b, c, d) if x != y]
    assert client_as("body_admin").post(url, rotation_post(cluster, first)).status_code == 302
    after_first = stored(cluster)
    second = rotation.propose([d, c, b, a])
    response = client_as("swn_secretariat").post(url, rotation_post(cluster, second, version=1))
    assert response.status_code == 409
    assert response.context["form"].non_field_errors() == [STALE]
    assert stored(cluster) == after_first


def test_the_rotation_page_disables_the_own_cell(client_as, world):
    cluster = make_cluster(world)
    url = reverse("audits:cluster_rotation", kwargs={"pk": cluster.pk})
    html = client_as("body_admin").get(url).content.decode()
    assert html.count("disabled") == 3
    assert html.count('name="pairs"') == 6
    assert html.count("checked") == 6


# --- removing ------------------------------------------------------------------------------


def test_removing_asks_first_and_is_refused_while_audits_use_the_cluster(client_as, world):
    cluster = make_cluster(world)
    url = reverse("audits:cluster_delete", kwargs={"pk": cluster.pk})
    client = client_as("body_admin")
    assert "Ja, verwijder dit cluster" in client.get(url).content.decode()
    audit = make_audit(world, variant="peer", cluster=cluster)
    response = client.post(url)
    assert response.status_code == 400
    assert "kan niet worden verwijderd" in response.content.decode()
    assert PeerCluster.objects.exists()
    audit.delete()
    assert client.post(url).status_code == 302
    assert not PeerCluster.objects.exists() and not RotationPair.objects.exists()


# --- the request: which cluster --------------------------------------------------------------


def request_data(world, scope, **changes):
    data = {
        "kind": "initial",
        "variant": "peer",
        "framework": Framework.objects.get(version="2019").pk,
        "scope": scope.pk,
        "body": world.body_x.pk,
        "planned_days": "",
        "days_reason": "",
    }
    return {**data, **changes}


def test_a_peer_audit_is_requested_in_the_members_cluster(client_as, world):
    meets_all_conditions(world.body_x)
    cluster = make_cluster(world)
    scope = make_scope(world.member_a)
    url = reverse("audits:audit_request", kwargs={"member_pk": world.member_a.pk})
    client = client_as("member_admin")
    form = client.get(url).context["form"]
    assert list(form.fields["cluster"].queryset) == [cluster]
    response = client.post(url, request_data(world, scope, cluster=cluster.pk))
    assert response.status_code == 302, response.context["form"].errors
    assert Audit.objects.get().cluster == cluster


def test_no_cluster_field_for_a_member_in_no_cluster(client_as, world):
    url = reverse("audits:audit_request", kwargs={"member_pk": world.member_a.pk})
    assert "cluster" not in client_as("member_admin").get(url).context["form"].fields


@pytest.mark.parametrize("case", ["not-a-member", "other-body", "not-peer"])
def test_the_request_refuses_a_cluster_that_does_not_fit(client_as, world, case):
    meets_all_conditions(world.body_x)
    meets_all_conditions(world.body_y)
    c, d = third_member(), third_member("1004", "Welzijn Zuid")
    ours = make_cluster(world, members=[world.member_a, world.member_b, c])
    at_y = make_cluster(world, members=[world.member_a, c, d], body=world.body_y, name="Y")
    without_a = make_cluster(world, members=[world.member_b, c, d], name="Zonder A")
    scope = make_scope(world.member_a)
    chosen, changes, message = {
        "not-a-member": (without_a, {}, "Stichting Welzijn Oost zit niet in dit cluster."),
        "other-body": (
            at_y,
            {},
            "Dit cluster valt onder Certificatie-instelling Y; kies die instelling of een "
            "ander cluster.",
        ),
        "not-peer": (ours, {"variant": "body"}, "Een cluster hoort alleen bij een "),
    }[case]
    url = reverse("audits:audit_request", kwargs={"member_pk": world.member_a.pk})
    response = client_as("member_admin").post(
        url, request_data(world, scope, cluster=chosen.pk, **changes)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["cluster"][0].startswith(message)
    assert not Audit.objects.exists()


# --- the team: peers the rotation sends ----------------------------------------------------


def test_the_team_takes_only_peers_of_members_the_rotation_sends(client_as, world):
    a, b, c = world.member_a, world.member_b, third_member()
    d = third_member("1004", "Welzijn Zuid")
    cluster = make_cluster(world, members=[a, b, c, d])  # A is audited by peers of B and C
    audit = make_audit(world, status="accepted", variant="peer", cluster=cluster)
    peer_b = trained_peer(world, b, "peer-b@example.nl")
    peer_d = trained_peer(world, d, "peer-d@example.nl")
    assert team.problems(audit, peer_b, "peer_auditor") == []
    assert team.problems(audit, peer_d, "peer_auditor") == [
        "Volgens de rotatie van cluster Cluster Randstad toetsen branchetoetsers van "
        "Sociaal Werk West en Welzijn Noord bij Stichting Welzijn Oost; "
        "Branchetoetser Welzijn Zuid werkt bij geen van beide."
    ]
    offered = dict(team.candidates(audit))
    assert peer_b.pk in offered and peer_d.pk not in offered
    assert world.users["auditor"].pk in offered  # the CI's auditors are not in the rotation
    url = reverse("audits:audit_team", kwargs={"pk": audit.pk})
    response = client_as("body_admin").post(url, {"user": peer_d.pk, "role": "peer_auditor"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Volgens de rotatie van cluster Cluster Randstad" in html
    assert "volgens de rotatie van" in html  # the page says so before anyone is chosen
    assert not TeamMember.objects.exists()


def test_the_audit_page_links_the_cluster_for_those_who_may_see_it(client_as, world):
    cluster = make_cluster(world)
    audit = make_audit(world, status="accepted", variant="peer", cluster=cluster)
    peer_b = trained_peer(world, world.member_b, "peer-b@example.nl")
    TeamMember.objects.create(audit=audit, user=peer_b, role="peer_auditor")
    link = reverse("audits:cluster_detail", kwargs={"pk": cluster.pk})
    url = reverse("audits:audit_detail", kwargs={"pk": audit.pk})
    assert link in client_as("member_admin").get(url).content.decode()
    client = client_as("anonymous")
    client.force_login(peer_b)
    html = client.get(url).content.decode()
    assert "Cluster Randstad" in html and link not in html


def test_without_a_cluster_any_trained_peer_of_another_member_may_join(world):
    audit = make_audit(world, status="accepted", variant="peer")
    peer_d = trained_peer(world, third_member("1004", "Welzijn Zuid"), "peer-d@example.nl")
    assert team.problems(audit, peer_d, "peer_auditor") == []
