"""Forms of the improvement plan and the follow-up investigation (issue 7)."""

from django import forms

from .decision import Verdict
from .models_plan import PlanItem

TEXTAREA = {"rows": 3}


class PlanItemForm(forms.ModelForm):
    """The member's plan for one norm; all four parts are needed to hand the plan in."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = PlanItem
        fields = ["measures", "owner", "planned_date", "evidence"]
        widgets = {
            "measures": forms.Textarea(attrs=TEXTAREA),
            "evidence": forms.Textarea(attrs=TEXTAREA),
            "planned_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "owner": "Een functie of team, geen naam (het rapport noemt geen personen).",
            "evidence": "Waaraan de instelling straks ziet dat de maatregel werkt.",
        }
        error_messages = {"planned_date": {"invalid": "Vul een datum in, zoals 31-03-2027."}}

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, instance=item, prefix=f"n{item.pk}", **kwargs)
        self.fields["loaded_version"].initial = item.version
        for field in self.fields.values():
            field.required = False  # a draft may be saved half done; `submit` checks


class ReviewForm(forms.Form):
    judgement = forms.ChoiceField(
        label="Oordeel",
        choices=[
            (PlanItem.Judgement.APPROVED, "goedkeuren"),
            (PlanItem.Judgement.REJECTED, "afkeuren"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Kies goedkeuren of afkeuren."},
    )
    reason = forms.CharField(
        label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, prefix=f"n{item.pk}", **kwargs)

    def clean(self):
        data = super().clean()
        if (
            data.get("judgement") == PlanItem.Judgement.REJECTED
            and not data.get("reason", "").strip()
        ):
            self.add_error("reason", "Schrijf waarom u dit deel afkeurt.")
        return data


class NextStepsForm(forms.Form):
    next_steps = forms.CharField(
        label="Vervolgstappen",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Wordt het aangepaste plan opnieuw afgekeurd, dan bespreekt u met het lid "
        "de volgende stappen; Sociaal Werk Nederland krijgt ze te lezen (Bijlage 6 stap 9b-iii).",
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(
        label="Wij kiezen niet voor verbeterplan en aanvullend onderzoek, en weten dat het "
        "advies dan negatief is",
        error_messages={"required": "Bevestig uw keuze."},
    )


class TalksForm(forms.Form):
    choice = forms.ChoiceField(
        label="Uitkomst van het overleg",
        choices=[
            ("amend", "het lid past het plan nog een keer aan"),
            ("negative", "negatief advies"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Kies de uitkomst van het overleg."},
    )
    note = forms.CharField(
        label="Wat is afgesproken",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Schrijf wat de CI en het lid hebben afgesproken."},
    )


class FollowUpDateForm(forms.Form):
    date = forms.DateField(
        label="Datum van het aanvullend onderzoek",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Vul de datum in.",
            "invalid": "Vul een datum in, zoals 31-03-2027.",
        },
    )


class FollowUpFindingForm(forms.Form):
    verdict = forms.ChoiceField(
        label="Oordeel",
        choices=[("", "kies")] + [(v.value, v.label) for v in Verdict if v != Verdict.NOT_ASSESSED],
        error_messages={"required": "Kies een oordeel."},
    )
    text = forms.CharField(
        label="Bevindingen (addendum op deel B)",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Schrijf de bevindingen."},
    )

    def __init__(self, *args, norm, **kwargs):
        super().__init__(*args, prefix=norm.code, **kwargs)
