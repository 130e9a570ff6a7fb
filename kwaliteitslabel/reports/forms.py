from django import forms

from kwaliteitslabel.common.forms import VersionedModelForm

from .models import Report

TEXT = {"rows": 4}


class ReportForm(VersionedModelForm):
    """The free texts of part A the lead auditor writes (Bijlage 7)."""

    class Meta:
        model = Report
        fields = [
            "sketch",
            "developments",
            "course",
            "previous_follow_up",
            "strengths",
            "improvement_points",
            "read_by",
            "hours_on_site",
            "hours_total",
            "next_audit",
            "signed_place",
            "signed_on",
        ]
        widgets = {
            "sketch": forms.Textarea(attrs=TEXT),
            "developments": forms.Textarea(attrs=TEXT),
            "course": forms.Textarea(attrs=TEXT),
            "previous_follow_up": forms.Textarea(attrs=TEXT),
            "strengths": forms.Textarea(attrs=TEXT),
            "improvement_points": forms.Textarea(attrs=TEXT),
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "course": "Locaties, live of online, afspraken over documenten en dossiers.",
            "previous_follow_up": "Samenvattend wat er met de verbeterpunten van het vorige "
            "onderzoek is gedaan.",
            "read_by": "Wie het verslag heeft tegengelezen (naam of functie).",
            "next_audit": "Bijvoorbeeld: hertoetsing in het voorjaar van 2028.",
        }
        error_messages = {
            "signed_on": {"invalid": "Vul een datum in, zoals 31-03-2027."},
            "hours_on_site": {"invalid": "Vul een aantal uren in, zoals 14,5."},
            "hours_total": {"invalid": "Vul een aantal uren in, zoals 20."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("hours_on_site", "hours_total"):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True

    def clean(self):
        data = super().clean()
        on_site, total = data.get("hours_on_site"), data.get("hours_total")
        if on_site is not None and total is not None and on_site > total:
            self.add_error("hours_on_site", "Meer uren op locatie dan in totaal.")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reden",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Schrijf de reden."},
    )
