from django import forms
from django.db import transaction

from kwaliteitslabel.common.forms import VersionedModelForm
from kwaliteitslabel.frameworks.models import Norm
from kwaliteitslabel.trends.suggest import NormIndex

from . import points
from .models import Report, ReportPoint

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
            "strengths": "Eén per regel. Na het opslaan kiest u per punt de norm waar het over "
            "gaat.",
            "improvement_points": "Eén per regel. Na het opslaan kiest u per punt de norm.",
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
        self.before = points.texts_of(self.instance)
        self.lines = points.current_lines(self.instance)
        self._add_norm_fields()

    def _add_norm_fields(self):
        """Per point of part A as it stands a choice of norm (issue 10 item 3), after the two
        texts; pre-selected with the platform's suggestion while no norm is chosen yet."""
        if not self.lines:
            return
        norms = list(
            Norm.objects.filter(framework_id=self.instance.audit.framework_id)
            .select_related("rubric")
            .order_by("rubric__position", "number")
        )
        index, groups = NormIndex(norms), {}
        for norm in norms:
            text = norm.text if len(norm.text) <= 70 else norm.text[:69].rstrip() + "…"
            groups.setdefault(norm.rubric.name, []).append(
                (norm.pk, f"{norm.code} · {norm.label}: {text}")
            )
        choices = [("", "nog geen norm"), *groups.items()]
        kinds = dict(ReportPoint.Kind.choices)
        added = {}
        for line in self.lines:
            initial, hint = line.norm_id, ""
            if initial is None:
                found = index.suggest(line.text)
                if found:
                    initial = found.norm.pk
                    hint = "Voorstel van het platform op grond van de woorden; kies zelf als "
                    hint += "een andere norm beter past."
            added[_norm_field(line)] = forms.TypedChoiceField(
                label=f"Norm bij {kinds[line.kind]} {line.position}: {line.text}",
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=initial,
                help_text=hint,
                widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
                error_messages={"invalid_choice": "Kies een norm uit de lijst."},
            )
        fields = list(self.fields.items())
        at = [name for name, _ in fields].index("improvement_points") + 1
        self.fields = dict(fields[:at] + list(added.items()) + fields[at:])

    @property
    def unlinked(self) -> int:
        """How many points have no norm yet (part A may go to SWN all the same)."""
        return sum(line.norm_id is None for line in self.lines)

    @transaction.atomic
    def save(self, commit=True):
        report = super().save(commit)
        if commit:
            choices = {
                (line.kind, line.position): self.cleaned_data.get(_norm_field(line))
                for line in self.lines
            }
            points.link(report, self.before, choices, report.updated_by)
        return report

    def clean(self):
        data = super().clean()
        on_site, total = data.get("hours_on_site"), data.get("hours_total")
        if on_site is not None and total is not None and on_site > total:
            self.add_error("hours_on_site", "Meer uren op locatie dan in totaal.")
        return data


def _norm_field(line) -> str:
    return f"norm_{line.kind}_{line.position}"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reden",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Schrijf de reden."},
    )
