"""A small world with one person in every role, for access and journey tests.

Member A and body X are "own" for their people; member B and body Y are "other".
CI and SWN people have TOTP set up, as the platform requires of them.
"""

import datetime
from dataclasses import dataclass, field

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from kwaliteitslabel.accounts.models import MFA_ROLES, Role, RoleAssignment, User
from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.members.models import Location, Member

ROLES = [r.value for r in Role]
ANONYMOUS = "anonymous"
EVERYONE = {ANONYMOUS, *ROLES}
PASSWORD = "Kwaliteit-2026!"


@dataclass
class World:
    member_a: Member
    member_b: Member
    body_x: CertificationBody
    body_y: CertificationBody
    users: dict[str, User] = field(default_factory=dict)
    totp_secrets: dict[str, str] = field(default_factory=dict)


def make_member(name, number, kvk, city="Utrecht"):
    member = Member.objects.create(
        name=name,
        member_number=number,
        kvk_number=kvk,
        street="Stationsplein 1",
        postcode="3511 AB",
        city=city,
        website="https://example.nl",
        contact_person="J. de Vries",
        phone="030 721 0 721",
        email=f"info@{number}.example.nl",
        membership_start=datetime.date(2015, 1, 1),
    )
    Location.objects.create(
        member=member,
        name="Hoofdkantoor",
        street="Stationsplein 1",
        postcode="3511 AB",
        city=city,
        is_main=True,
    )
    return member


def make_body(name, kvk):
    return CertificationBody.objects.create(
        name=name,
        kvk_number=kvk,
        street="Kanaalweg 10",
        postcode="3526 KM",
        city="Utrecht",
        phone="030 123 4567",
        website="https://ci.example.nl",
        framework_agreement=True,
    )


def make_user(email, name, role, member=None, body=None, world=None):
    user = User.objects.create_user(email=email, password=PASSWORD, name=name)
    RoleAssignment.objects.create(user=user, role=role, member=member, body=body)
    if role in MFA_ROLES:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        if world is not None:
            world.totp_secrets[role] = secret
    return user


def build_world() -> World:
    w = World(
        member_a=make_member("Stichting Welzijn Oost", "1001", "12345678"),
        member_b=make_member("Sociaal Werk West", "1002", "87654321", city="Leiden"),
        body_x=make_body("Certificatie-instelling X", "11223344"),
        body_y=make_body("Certificatie-instelling Y", "44332211"),
    )
    own = {
        Role.MEMBER_ADMIN: {"member": w.member_a},
        Role.PROFESSIONAL: {"member": w.member_a},
        Role.PEER_AUDITOR: {"member": w.member_a},
        Role.BODY_ADMIN: {"body": w.body_x},
        Role.AUDITOR: {"body": w.body_x},
    }
    for role in ROLES:
        w.users[role] = make_user(
            f"{role}@example.nl", f"Demo {role}", role, world=w, **own.get(role, {})
        )
    return w


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
