"""Forms of the coordinator: the organisation's answer per norm, closing, postponing."""

from django import forms
from django.db import IntegrityError
from django.utils import timezone
from django.utils.formats import date_format

from kwaliteitslabel.common.forms import STALE, StaleEdit, VersionedModelForm

from .models import ANSWERS, Consolidation, SelfAssessment
from .readiness import POSTPONE_MONTHS, postpone_limit


def dutch_date(day) -> str:
    return date_format(day, "j F Y")


class ConsolidationForm(VersionedModelForm):
    verdict = forms.ChoiceField(
        label="Antwoord",
        choices=ANSWERS,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies een antwoord."},
    )

    class Meta:
        model = Consolidation
        fields = ["verdict", "explanation", "evidence"]
        labels = {
            "explanation": "Toelichting",
            "evidence": "Bewijs: documenten en voorbeelden uit de praktijk",
        }
        help_texts = {
            "explanation": "Waarom dit antwoord? Bij n.v.t.: leg uit waarom de norm niet geldt.",
            "evidence": "Bijvoorbeeld de naam van een document, een verslag of een voorbeeld. "
            "Voldoen betekent: het is in de praktijk te zien, een document alleen is niet genoeg.",
        }
        widgets = {
            "explanation": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("verdict") == "not_applicable"
            and not (cleaned.get("explanation") or "").strip()
        ):
            self.add_error("explanation", "Leg uit waarom de norm niet van toepassing is.")
        return cleaned

    def save(self, commit=True):
        try:
            return super().save(commit)
        except IntegrityError:
            # Someone else saved the first answer to this norm a moment earlier.
            self.add_error(None, forms.ValidationError(STALE, code="stale"))
            raise StaleEdit from None


class CloseForm(VersionedModelForm):
    class Meta:
        model = SelfAssessment
        fields = ["closed_on"]
        labels = {"closed_on": "Afgerond op"}
        help_texts = {
            "closed_on": "De datum waarop de organisatie de antwoorden heeft vastgesteld."
        }
        widgets = {"closed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, missing=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.missing = missing
        self.fields["closed_on"].required = True
        self.fields["closed_on"].error_messages["required"] = "Vul de datum in."
        if not self.is_bound:
            self.initial["closed_on"] = self.initial.get("closed_on") or timezone.localdate()

    def clean_closed_on(self):
        day = self.cleaned_data["closed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                "Die datum ligt in de toekomst. Kies vandaag of een eerdere dag."
            )
        if day < timezone.localtime(self.instance.started_at).date():
            raise forms.ValidationError(
                f"Die datum ligt vóór het begin van de zelfevaluatie ({dutch_date(self.instance.started_at)})."
            )
        return day

    def clean(self):
        cleaned = super().clean()
        if self.missing:
            raise forms.ValidationError(missing_text(self.missing))
        return cleaned


def missing_text(missing: int) -> str:
    return (
        f"{missing} {'norm heeft' if missing == 1 else 'normen hebben'} nog geen vastgesteld antwoord. "
        "Stel eerst voor elke norm het antwoord van de organisatie vast."
    )


class PostponeForm(VersionedModelForm):
    class Meta:
        model = SelfAssessment
        fields = ["postponed_until"]
        labels = {"postponed_until": "Toetsing uitgesteld tot"}
        widgets = {"postponed_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = postpone_limit(self.instance)
        field = self.fields["postponed_until"]
        field.required = True
        field.error_messages["required"] = "Vul de datum in."
        if self.limit:
            field.help_text = (
                f"Uiterlijk {dutch_date(self.limit)}: hoogstens {POSTPONE_MONTHS} maanden na het "
                "afronden van de zelfevaluatie (Bijlage 5, B3)."
            )

    def clean_postponed_until(self):
        day = self.cleaned_data["postponed_until"]
        closed_on = self.instance.closed_on
        if day <= closed_on:
            raise forms.ValidationError(
                f"Kies een datum na het afronden van de zelfevaluatie ({dutch_date(closed_on)})."
            )
        if day > self.limit:
            raise forms.ValidationError(
                f"Dat is te laat: de toetsing mag hoogstens {POSTPONE_MONTHS} maanden worden uitgesteld, "
                f"uiterlijk {dutch_date(self.limit)} (Bijlage 5, B3)."
            )
        return day
