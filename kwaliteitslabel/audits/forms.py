import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from kwaliteitslabel.common.forms import NotSaved, VersionedModelForm
from kwaliteitslabel.members.models import WorkType

from . import calculator
from .models import CATEGORIES, FTE_PLACES, FullTimeWeek, Scope, ScopeLine, full_time_hours

VARIANT_CHOICES = [
    ("body", "Toets door een certificerende instelling (CI)"),
    ("combined", "CI toetst het label samen met ISO, HKZ of NVVK"),
    ("peer", "Intercollegiale toets onder leiding van een CI"),
]
COMBINED_CHOICES = [("", "—"), ("iso", "ISO 9001"), ("hkz", "HKZ"), ("nvvk", "NVVK-kader")]
UNIT_CHOICES = [("fte", "fte"), ("hours", "uren per week")]


def full_time_hint(hours) -> str:
    return (
        f"Uren per week rekenen we om met {plain_number(hours)} uur als voltijdse werkweek (1 fte)."
    )


def plain_number(value) -> str:
    """A number the Dutch way, without trailing zeros: 36, 0,5, 2,75."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def _amount(label, help_text=""):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=help_text,
        error_messages={
            "min_value": "Vul 0 of meer in.",
            "invalid": "Vul een getal in, zoals 2,5.",
        },
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
    )


class CalculatorForm(forms.Form):
    """The public calculator: nothing is saved; the answer follows the same rules as the API."""

    variant = forms.ChoiceField(
        label="Toetsingsvariant", choices=VARIANT_CHOICES, widget=forms.RadioSelect, initial="body"
    )
    combined_with = forms.ChoiceField(
        label="Gecombineerd met",
        choices=COMBINED_CHOICES,
        required=False,
        help_text="Alleen bij de combinatietoets.",
    )
    unit = forms.ChoiceField(label="Ik vul in", choices=UNIT_CHOICES, initial="fte")
    employed = _amount(calculator.COUNTED["employed"].capitalize())
    hired = _amount(calculator.COUNTED["hired"].capitalize())
    interns = _amount(
        calculator.COUNTED["interns"].capitalize(),
        "Laatste fase van de opleiding, een half tot een jaar stage.",
    )
    volunteers = _amount(
        calculator.COUNTED["volunteers"].capitalize(),
        "Geschoold, zelfstandig, werk waarbij kwaliteitsborging nodig is.",
    )
    management_support = _amount(
        calculator.COUNTED["management_support"].capitalize(),
        "Leiding en ondersteuning van het werk in de scope.",
    )
    other_volunteers = _amount("Overige vrijwilligers (tellen niet mee)")
    snuffel_interns = _amount("Snuffelstagiaires (tellen niet mee)")
    date = forms.DateField(
        label="Datum van de toetsing",
        required=False,
        help_text="Voor de tarieven die dan gelden.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    travel_km = _amount(
        "Reisafstand heen en terug (km)", "Voor instellingen die reiskosten rekenen."
    )

    CATEGORIES = [*calculator.COUNTED, *calculator.NOT_COUNTED]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Hours per week become FTE at the full-time week SWN has in force today.
        self.full_time_hours = full_time_hours()
        self.fields["unit"].help_text = full_time_hint(self.full_time_hours)

    def clean(self):
        cleaned = super().clean()
        variant, combined = cleaned.get("variant"), cleaned.get("combined_with")
        if variant == "combined" and not combined:
            self.add_error("combined_with", "Kies waarmee de toets wordt gecombineerd.")
        if variant and variant != "combined" and combined:
            cleaned["combined_with"] = ""
        values = {k: cleaned.get(k) or Decimal(0) for k in self.CATEGORIES}
        if cleaned.get("unit") == "hours":
            week = self.full_time_hours
            values = {k: calculator.hours_to_fte(v, week) for k, v in values.items()}
        cleaned["fte_values"] = values
        if not self.errors and calculator.fte_in_scope(values) <= 0:
            self.add_error(
                "employed", "Vul bij minstens één categorie die meetelt een aantal groter dan 0 in."
            )
        cleaned["date"] = cleaned.get("date") or datetime.date.today()
        return cleaned


# --- the member's scope ------------------------------------------------------------------

# Short column heads for the table of a scope; the full names are on each field's label.
COLUMN_LABELS = {
    "employed": "In dienst",
    "hired": "Ingehuurd",
    "interns": "Bedrijfskritische stagiaires",
    "volunteers": "Bedrijfskritische vrijwilligers",
    "management_support": "Aansturing en ondersteuning",
    "other_volunteers": "Overige vrijwilligers",
    "snuffel_interns": "Snuffelstagiaires",
}
WHOLE_CHOICES = [
    (True, "De hele organisatie: alle werksoorten en locaties"),
    (False, "Een deel van de organisatie: de locaties die ik hieronder kies"),
]
AT_LEAST_ONE = "Vul bij minstens één categorie die meetelt een aantal groter dan 0 in."
NO_WORK_TYPES = (
    "Deze organisatie heeft nog geen werksoorten. Kies ze eerst bij ‘Gegevens wijzigen’ "
    "op de pagina van de organisatie."
)


def category_label(key: str) -> str:
    return calculator.COUNTED.get(key) or calculator.NOT_COUNTED[key][0]


def line_field(work_type, key: str) -> str:
    return f"line_{work_type.pk}_{key}"


def _line_amount(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=FTE_PLACES,
        error_messages={
            "min_value": "Vul 0 of meer in.",
            "invalid": "Vul een getal in, zoals 2,5.",
            "max_digits": "Vul een kleiner getal in.",
            "max_whole_digits": "Vul een kleiner getal in.",
            "max_decimal_places": f"Gebruik hoogstens {FTE_PLACES} cijfers achter de komma.",
        },
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
    )


@dataclass
class LineRow:
    """One row of the scope table: a work type and its fields, counted ones first."""

    work_type: WorkType
    counted: list
    not_counted: list
    kept: bool  # the member no longer has this work type, but the scope still has FTE for it


class ScopeForm(VersionedModelForm):
    """A scope with one row per work type of the member and FTE (or hours) per category."""

    whole_organisation = forms.TypedChoiceField(
        label="Wat valt in de scope?",
        choices=WHOLE_CHOICES,
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
        initial=True,
    )
    unit = forms.ChoiceField(
        label="Ik vul in", choices=UNIT_CHOICES, initial="fte", widget=forms.RadioSelect
    )

    class Meta:
        model = Scope
        fields = ["name", "whole_organisation", "locations", "notes"]
        widgets = {
            "locations": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "locations": "Alleen als niet de hele organisatie in de scope valt.",
            "notes": "Bijvoorbeeld waarom een werksoort buiten de scope blijft.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        member = self.instance.member
        self.full_time_hours = full_time_hours()
        self.fields["unit"].help_text = full_time_hint(self.full_time_hours)
        self.fields["locations"].queryset = member.locations.all()
        lines = (
            {line.work_type_id: line for line in self.instance.lines.all()}
            if self.instance.pk
            else {}
        )
        own = list(member.work_types.all())
        kept = [
            line.work_type
            for line in lines.values()
            if line.work_type_id not in {wt.pk for wt in own}
        ]
        self.work_types = own + kept
        self._kept = {wt.pk for wt in kept}
        for wt in self.work_types:
            line = lines.get(wt.pk)
            for key in CATEGORIES:
                name = line_field(wt, key)
                self.fields[name] = _line_amount(f"{wt.name.capitalize()}: {category_label(key)}")
                value = getattr(line, key) if line else None
                if value and not self.is_bound:
                    self.initial[name] = value.normalize()
        self.lines = lines

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        other = (
            Scope.objects.filter(member_id=self.instance.member_id, name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if other:
            raise forms.ValidationError(
                "Er is al een scope met deze naam. Kies een andere naam.", code="unique"
            )
        return name

    @property
    def rows(self) -> list[LineRow]:
        return [
            LineRow(
                wt,
                [self[line_field(wt, key)] for key in calculator.COUNTED],
                [self[line_field(wt, key)] for key in calculator.NOT_COUNTED],
                wt.pk in self._kept,
            )
            for wt in self.work_types
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("whole_organisation"):
            cleaned["locations"] = []
        elif "locations" in cleaned and not cleaned["locations"]:
            self.add_error("locations", "Kies minstens één locatie, of kies ‘de hele organisatie’.")
        if not self.work_types:
            self.add_error(None, forms.ValidationError(NO_WORK_TYPES, code="no_work_types"))
            return cleaned
        self.line_values = {}
        complete = "unit" in cleaned
        for wt in self.work_types:
            values = {}
            for key in CATEGORIES:
                name = line_field(wt, key)
                if name in self.errors:
                    complete = False
                    continue
                value = cleaned.get(name) or Decimal(0)
                if cleaned.get("unit") == "hours":
                    value = calculator.hours_to_fte(value, self.full_time_hours)
                values[key] = value.quantize(Decimal(1).scaleb(-FTE_PLACES), ROUND_HALF_UP)
            self.line_values[wt.pk] = values
        if complete:
            total = calculator.fte_in_scope(
                {
                    key: sum(values[key] for values in self.line_values.values())
                    for key in CATEGORIES
                }
            )
            if total <= 0:
                first = self.work_types[0]
                self.add_error(line_field(first, "employed"), AT_LEAST_ONE)
        return cleaned

    def save(self, commit=True):
        try:
            with transaction.atomic():
                scope = super().save(commit=True)
                self._save_lines(scope)
        except IntegrityError:
            # Another scope took the name between our check and our save.
            if (
                not Scope.objects.filter(
                    member_id=self.instance.member_id, name__iexact=self.cleaned_data["name"]
                )
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                raise
            self.add_error(
                "name",
                forms.ValidationError(
                    "Er is al een scope met deze naam. Kies een andere naam.", code="unique"
                ),
            )
            raise NotSaved from None
        return scope

    def _save_lines(self, scope):
        """A line per work type with any FTE; a row left empty removes its line."""
        for wt in self.work_types:
            values = self.line_values[wt.pk]
            line = self.lines.get(wt.pk)
            if not any(values.values()):
                if line is not None:
                    line.delete()
                continue
            if line is None:
                ScopeLine.objects.create(scope=scope, work_type=wt, **values)
            elif line.breakdown() != values:
                for key, value in values.items():
                    setattr(line, key, value)
                line.save()


class ScopeCostForm(forms.Form):
    """The date and distance the cost on a scope's page is worked out for (GET)."""

    datum = forms.DateField(
        label="Datum van de toetsing",
        required=False,
        help_text="Voor de tarieven die dan gelden.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    km = _amount("Reisafstand heen en terug (km)", "Voor instellingen die reiskosten rekenen.")

    def values(self) -> tuple[datetime.date, Decimal]:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("datum") or timezone.localdate(), data.get("km") or Decimal(0)


class FullTimeWeekForm(forms.ModelForm):
    class Meta:
        model = FullTimeWeek
        fields = ["valid_from", "hours"]
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        localized_fields = ["hours"]
        error_messages = {
            "hours": {
                "min_value": "Vul een aantal uren van 1 tot en met 60 in.",
                "max_value": "Vul een aantal uren van 1 tot en met 60 in.",
                "invalid": "Vul een getal in, zoals 36.",
            }
        }

    def save(self, commit=True):
        try:
            with transaction.atomic():
                return super().save(commit)
        except IntegrityError:
            if not FullTimeWeek.objects.filter(valid_from=self.cleaned_data["valid_from"]).exists():
                raise
            self.add_error(
                "valid_from",
                forms.ValidationError(
                    FullTimeWeek._meta.get_field("valid_from").error_messages["unique"],
                    code="unique",
                ),
            )
            raise NotSaved from None
