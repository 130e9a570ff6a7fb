"""Forms for what the team records: interviews, documents and the finding per norm (issue 6)."""

import re

from django import forms

from kwaliteitslabel.accounts.models import RoleAssignment
from kwaliteitslabel.common.forms import VersionedModelForm
from kwaliteitslabel.selfassessment.models import Participant

from .decision import Verdict
from .models_findings import Document, Finding, Interview

# Forms of address that put a person's name in the report (Bijlage 7: "functie- en
# afdelingsnamen", never names).
ADDRESS = re.compile(r"\b(dhr|mevr|mw|meneer|mevrouw|de heer)\b\.?", re.IGNORECASE)


def known_names(member) -> list[str]:
    """Full names of the people the platform knows at the member (staff, self-assessment team)."""
    names = set(
        RoleAssignment.objects.filter(member=member).values_list("user__name", flat=True)
    ) | set(
        Participant.objects.filter(self_assessment__member=member).values_list("name", flat=True)
    )
    return [n for n in names if n and " " in n.strip()]


class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = ["function", "department", "day"]
        labels = {"function": "Functie", "department": "Afdeling of team", "day": "Auditdag"}
        help_texts = {
            "function": "Bijvoorbeeld: jongerenwerker, teamleider, bestuurder, cliëntenraad. "
            "Nooit een naam (Bijlage 7).",
        }

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.audit = audit
        self.instance.audit = audit
        self.fields["day"].queryset = audit.days.all()
        self.fields["day"].empty_label = "Niet vastgelegd"
        self.fields["function"].error_messages["required"] = "Vul de functie in."

    def clean(self):
        cleaned = super().clean()
        names = None
        for name in ("function", "department"):
            text = cleaned.get(name) or ""
            if ADDRESS.search(text):
                self.add_error(name, "Noem geen personen: schrijf de functie of afdeling.")
                continue
            names = known_names(self.audit.member) if names is None else names
            person = next((n for n in names if n.lower() in text.lower()), None)
            if person:
                self.add_error(
                    name, f"‘{person}’ is een naam. Schrijf de functie of afdeling (Bijlage 7)."
                )
        return cleaned


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["rubric", "title"]
        labels = {"rubric": "Rubriek", "title": "Document"}
        help_texts = {"title": "Titel en datum of versie, zoals het in het verslag komt."}

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.audit = audit
        self.fields["rubric"].queryset = audit.framework.rubrics.all()
        self.fields["rubric"].label_from_instance = lambda rubric: rubric.name
        self.fields["rubric"].empty_label = None
        self.fields["title"].error_messages["required"] = "Vul de titel van het document in."


class FindingForm(VersionedModelForm):
    class Meta:
        model = Finding
        fields = [
            "text",
            "interviews",
            "documents",
            "strengths",
            "improvement_points",
            "verdict",
            "not_applicable_reason",
        ]
        labels = {
            "text": "Bevindingen",
            "interviews": "Gesprekken",
            "documents": "Documenten",
            "strengths": "Sterke punten",
            "improvement_points": "Verbeterpunten",
            "verdict": "Oordeel",
            "not_applicable_reason": "Waarom niet van toepassing",
        }
        help_texts = {
            "text": "Voorbeelden, citaten, gegevens en documenten waarop het oordeel rust.",
            "interviews": "De gesprekken waarin deze norm aan bod kwam.",
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "improvement_points": forms.Textarea(attrs={"rows": 3}),
            "not_applicable_reason": forms.Textarea(attrs={"rows": 2}),
            "verdict": forms.RadioSelect,
            "interviews": forms.CheckboxSelectMultiple,
            "documents": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        finding = self.instance
        self.fields["interviews"].queryset = finding.audit.interviews.select_related("day")
        self.fields["documents"].queryset = finding.audit.documents.filter(
            rubric=finding.norm.rubric
        )
        self.fields["verdict"].choices = Verdict.choices

    def clean(self):
        cleaned = super().clean()
        reason = (cleaned.get("not_applicable_reason") or "").strip()
        if cleaned.get("verdict") == Verdict.NOT_APPLICABLE and not reason:
            self.add_error(
                "not_applicable_reason",
                "Schrijf waarom deze norm niet van toepassing is; zonder reden telt ‘n.v.t.’ niet.",
            )
        return cleaned
