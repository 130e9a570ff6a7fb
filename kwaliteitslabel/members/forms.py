"""Forms for members, their locations and the list of work types; messages in plain Dutch."""

from django import forms
from django.db import IntegrityError, models, transaction

from kwaliteitslabel.common.forms import NotSaved, VersionedModelForm

from .models import MEMBERSHIP_STATUS, Location, Member, WorkType
from .services import MemberFilter

SELECT = "utrecht-select utrecht-select--html-select"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The `status` filter in the URL (Dutch, shareable) -> the membership status key.
STATUS_KEYS = {"actief": "active", "beeindigd": "ended", "nog_geen_lid": "not_yet"}
STATUS_CHOICES = [("", "Alle"), *((key, MEMBERSHIP_STATUS[s]) for key, s in STATUS_KEYS.items())]


def _formfield(field, **kwargs):
    """A web address typed without "https://" gets it (the default until Django 6 is http)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class MemberFilterForm(forms.Form):
    """The search box and filters above the member list (a GET form: the URL can be shared)."""

    q = forms.CharField(
        label="Zoeken",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "class": "utrecht-textbox utrecht-textbox--html-input",
                "aria-describedby": "q-hint",
            }
        ),
    )
    status = forms.ChoiceField(
        label="Lidmaatschap",
        choices=STATUS_CHOICES,
        required=False,
        widget=forms.Select(attrs={"class": SELECT}),
    )
    werksoort = forms.ModelChoiceField(
        label="Werksoort",
        queryset=WorkType.objects.all(),
        required=False,
        empty_label="Alle",
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def criteria(self) -> MemberFilter:
        """What to filter on; a value that does not fit (an old link) is left out, the rest kept."""
        self.is_valid()  # the fields that are fine stay in cleaned_data
        data = getattr(self, "cleaned_data", {})
        work_type = data.get("werksoort")
        return MemberFilter(
            q=(data.get("q") or "").strip(),
            status=STATUS_KEYS.get(data.get("status") or "", ""),
            work_type_id=work_type.pk if work_type else None,
        )


def _duplicate_member_number(number, member) -> str | None:
    other = Member.objects.filter(member_number=number).exclude(pk=member.pk).first()
    return f"Dit lidnummer is al in gebruik bij {other.name}." if other else None


class MemberForm(VersionedModelForm):
    """A member's own data. The lidnummer and membership dates only when SWN edits (issue 3)."""

    SWN_FIELDS = ("member_number", "membership_start", "membership_end")

    class Meta:
        model = Member
        fields = [
            "name",
            "member_number",
            "membership_start",
            "membership_end",
            "kvk_number",
            "street",
            "postcode",
            "city",
            "province",
            "website",
            "contact_person",
            "phone",
            "email",
            "work_types",
        ]
        formfield_callback = _formfield
        widgets = {
            "membership_start": DATE,
            "membership_end": DATE,
            "work_types": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "member_number": "Alleen cijfers. Laat leeg als SWN nog geen lidnummer heeft toegekend.",
            "membership_end": "Laat leeg zolang de organisatie lid is.",
            "kvk_number": "8 cijfers, zoals 12345678.",
            "postcode": "Zoals 3511 AB.",
            "province": "De provincie van het hoofdkantoor. Daarop kunt u zoeken in het Kwaliteitsregister.",
            "website": "Het hele adres, zoals https://www.voorbeeld.nl.",
            "phone": "Zoals 030 721 0 721.",
            "work_types": "Kies alle soorten werk die de organisatie doet.",
        }

    def __init__(self, *args, can_set_member_number=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_set_member_number:
            # Left out of the form, so a posted value is never read (construct_instance skips it).
            for name in self.SWN_FIELDS:
                del self.fields[name]

    def clean_member_number(self):
        number = self.cleaned_data.get("member_number") or None
        if number and (message := _duplicate_member_number(number, self.instance)):
            raise forms.ValidationError(message, code="unique")
        return number

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("membership_start"), cleaned.get("membership_end")
        if start and end and end < start:
            self.add_error(
                "membership_end",
                forms.ValidationError(
                    "De datum ‘lid tot en met’ ligt vóór de datum ‘lid sinds’. "
                    "Kies een einddatum op of na de begindatum.",
                    code="end_before_start",
                ),
            )
        return cleaned

    def save(self, commit=True):
        try:
            with transaction.atomic():
                return super().save(commit)
        except IntegrityError:
            # Someone took the lidnummer between our check and our save.
            number = self.cleaned_data.get("member_number")
            message = number and _duplicate_member_number(number, self.instance)
            if not message:
                raise
            self.add_error("member_number", forms.ValidationError(message, code="unique"))
            raise NotSaved from None


class LocationForm(forms.ModelForm):
    """A location of one member; at most one of them is the main location."""

    class Meta:
        model = Location
        fields = ["name", "street", "postcode", "city", "is_main"]
        help_texts = {
            "postcode": "Zoals 3511 AB.",
            "is_main": "Op de hoofdlocatie worden de gesprekken van de toetsing gehouden.",
        }

    def _other_main(self):
        return (
            Location.objects.filter(member_id=self.instance.member_id, is_main=True)
            .exclude(pk=self.instance.pk)
            .first()
        )

    def _main_taken(self, other) -> forms.ValidationError:
        return forms.ValidationError(
            f"{other.name} is al de hoofdlocatie. Maak eerst die locatie geen hoofdlocatie meer.",
            code="main_taken",
        )

    def clean_is_main(self):
        is_main = self.cleaned_data.get("is_main")
        if is_main and (other := self._other_main()):
            raise self._main_taken(other)
        return is_main

    def save(self, commit=True):
        try:
            with transaction.atomic():
                return super().save(commit)
        except IntegrityError:
            # Another main location landed between our check and our save.
            other = self._other_main()
            if not (self.cleaned_data.get("is_main") and other):
                raise
            self.add_error("is_main", self._main_taken(other))
            raise NotSaved from None


class WorkTypeForm(forms.ModelForm):
    class Meta:
        model = WorkType
        fields = ["name"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        other = WorkType.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if other:
            raise forms.ValidationError(
                f"Er is al een werksoort ‘{other.name}’. Kies een andere naam.", code="unique"
            )
        return name

    def save(self, commit=True):
        if self.instance.pk is None:
            last = WorkType.objects.order_by("-position").values_list("position", flat=True).first()
            self.instance.position = (last or 0) + 1
        try:
            with transaction.atomic():
                return super().save(commit)
        except IntegrityError:
            self.add_error(
                "name",
                forms.ValidationError(
                    "Er is al een werksoort met deze naam. Kies een andere naam.", code="unique"
                ),
            )
            raise NotSaved from None
