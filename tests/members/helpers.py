"""Small pieces the members tests share."""

import datetime

from kwaliteitslabel.members.models import Location, Member

FIELDS = [
    "name",
    "member_number",
    "membership_start",
    "membership_end",
    "kvk_number",
    "street",
    "postcode",
    "city",
    "website",
    "contact_person",
    "phone",
    "email",
]


def member_post(member: Member, **changes) -> dict:
    """What the edit form posts when nothing is changed, plus `changes`."""
    data = {}
    for name in FIELDS:
        value = getattr(member, name)
        if isinstance(value, datetime.date):
            value = value.isoformat()
        data[name] = "" if value is None else value
    data["work_types"] = [wt.pk for wt in member.work_types.all()]
    data["loaded_version"] = member.version
    data.update(changes)
    return data


def location_post(location: Location | None = None, **changes) -> dict:
    data = {"name": "Buurtcentrum De Brug", "street": "Brugstraat 4", "postcode": "3512 CD"}
    data["city"] = "Utrecht"
    if location is not None:
        data = {
            "name": location.name,
            "street": location.street,
            "postcode": location.postcode,
            "city": location.city,
        }
        if location.is_main:
            data["is_main"] = "on"
    data.update(changes)
    return data


def make_extra_members(count: int, work_types=()) -> list[Member]:
    """More members, each with a main location and the given work types."""
    start = Member.objects.count()
    members = []
    for i in range(start, start + count):
        member = Member.objects.create(
            name=f"Extra organisatie {i}",
            member_number=str(5000 + i),
            kvk_number=f"{30000000 + i}",
            street="Dorpsstraat 1",
            postcode="1234 AB",
            city="Zwolle",
            contact_person="A. Jansen",
            phone="038 123 4567",
            email=f"info{i}@example.nl",
            membership_start=datetime.date(2020, 1, 1),
        )
        member.work_types.set(work_types)
        Location.objects.create(
            member=member,
            name="Kantoor",
            street="Dorpsstraat 1",
            postcode="1234 AB",
            city="Zwolle",
            is_main=True,
        )
        members.append(member)
    return members
