"""Peer clusters for the tests: member A, B and a third member C, under body X."""

import datetime

from kwaliteitslabel.accounts.models import Role, RoleAssignment
from kwaliteitslabel.audits import clusters
from tests.world import make_member, make_user

TRAINED = datetime.date(2025, 1, 1)


def third_member(number="1003", name="Welzijn Noord"):
    return make_member(name, number, f"9{number}000", city="Groningen")


def make_cluster(world, members=None, body=None, name="Cluster Randstad"):
    """A cluster formed by the body admin, with the proposed rotation (A, B, C: member A first)."""
    members = members or [world.member_a, world.member_b, third_member()]
    return clusters.form_cluster(name, body or world.body_x, members, world.users["body_admin"])


def trained_peer(world, member, email):
    user = make_user(email, f"Branchetoetser {member.name}", Role.PEER_AUDITOR, member=member)
    RoleAssignment.objects.filter(user=user).update(trained_on=TRAINED)
    return user
