"""The members forms on their own: checks, and what happens when someone else is quicker."""

import pytest
from django.db.models import F
from django.urls import reverse

from kwaliteitslabel.common.forms import STALE, StaleEdit
from kwaliteitslabel.members.forms import (
    LocationForm,
    MemberFilterForm,
    MemberForm,
    NotSaved,
    WorkTypeForm,
)
from kwaliteitslabel.members.models import Location, Member, WorkType
from kwaliteitslabel.members.services import MemberFilter

from .helpers import location_post, member_post

pytestmark = pytest.mark.django_db


def test_member_admin_form_has_no_swn_fields(world):
    form = MemberForm(instance=world.member_a)
    assert not {"member_number", "membership_start", "membership_end"} & set(form.fields)
    swn = MemberForm(instance=world.member_a, can_set_member_number=True)
    assert {"member_number", "membership_start", "membership_end"} <= set(swn.fields)


def test_postcode_is_normalised(world):
    form = LocationForm(location_post(postcode="3511ab"), instance=Location(member=world.member_a))
    assert form.is_valid(), form.errors
    assert form.save().postcode == "3511 AB"
    data = member_post(world.member_a, postcode=" 3511AB ")
    form = MemberForm(data, instance=world.member_a)
    assert form.is_valid(), form.errors
    assert form.save().postcode == "3511 AB"


def test_edit_that_lands_after_another_raises_stale_edit(world):
    member = world.member_a
    form = MemberForm(member_post(member, name="Mijn naam"), instance=member)
    assert form.is_valid()
    Member.objects.filter(pk=member.pk).update(version=F("version") + 1, name="Andere naam")
    with pytest.raises(StaleEdit):
        form.save()
    assert STALE in form.non_field_errors()
    assert Member.objects.get(pk=member.pk).name == "Andere naam"


def test_view_answers_409_when_another_save_lands_between_check_and_save(
    client_as, world, monkeypatch
):
    member = world.member_a
    original = MemberForm.clean

    def clean_then_someone_else_saves(self):
        cleaned = original(self)
        Member.objects.filter(pk=self.instance.pk).update(
            version=F("version") + 1, contact_person="Ander"
        )
        return cleaned

    monkeypatch.setattr(MemberForm, "clean", clean_then_someone_else_saves)
    response = client_as("member_admin").post(
        reverse("members:member_edit", kwargs={"pk": member.pk}),
        member_post(member, contact_person="Ik"),
    )
    assert response.status_code == 409
    assert "Iemand anders heeft deze gegevens intussen gewijzigd" in response.content.decode()
    assert Member.objects.get(pk=member.pk).contact_person == "Ander"


def test_lidnummer_taken_between_check_and_save_is_a_field_error(world):
    member = world.member_a
    form = MemberForm(
        member_post(member, member_number="3000"), instance=member, can_set_member_number=True
    )
    assert form.is_valid()
    Member.objects.filter(pk=world.member_b.pk).update(member_number="3000")
    with pytest.raises(NotSaved):
        form.save()
    assert form.errors["member_number"] == ["Dit lidnummer is al in gebruik bij Sociaal Werk West."]
    member.refresh_from_db()
    assert member.member_number == "1001" and member.version == 1


def test_main_location_taken_between_check_and_save_is_a_field_error(world):
    member = world.member_a
    main = member.locations.get()
    Location.objects.filter(pk=main.pk).update(is_main=False)
    form = LocationForm(location_post(is_main="on"), instance=Location(member=member))
    assert form.is_valid()
    Location.objects.filter(pk=main.pk).update(is_main=True)
    with pytest.raises(NotSaved):
        form.save()
    assert form.errors["is_main"] == [
        "Hoofdkantoor is al de hoofdlocatie. Maak eerst die locatie geen hoofdlocatie meer."
    ]
    assert member.locations.count() == 1


def test_work_type_taken_between_check_and_save_is_a_field_error(db):
    form = WorkTypeForm({"name": "straatwerk"})
    assert form.is_valid()
    WorkType.objects.create(name="straatwerk")
    with pytest.raises(NotSaved):
        form.save()
    assert "name" in form.errors
    assert WorkType.objects.filter(name="straatwerk").count() == 1


@pytest.mark.parametrize(
    ("params", "criteria"),
    [
        ({}, MemberFilter()),
        ({"q": "  oost "}, MemberFilter(q="oost")),
        ({"status": "actief"}, MemberFilter(status="active")),
        ({"status": "beeindigd"}, MemberFilter(status="ended")),
        ({"status": "nog_geen_lid"}, MemberFilter(status="not_yet")),
        ({"status": "onzin"}, MemberFilter()),  # an old or mistyped link: no filter
        ({"werksoort": "999999", "q": "oost"}, MemberFilter(q="oost")),
    ],
)
def test_filter_form_criteria(db, params, criteria):
    assert MemberFilterForm(params or None).criteria() == criteria
