"""Forms of the team round: start, invite the team, answer a norm."""

from django import forms

from kwaliteitslabel.accounts.models import MEMBER_ROLES, User
from kwaliteitslabel.audits.models import Scope
from kwaliteitslabel.frameworks.models import Framework, Rubric

from .models import ANSWERS, SelfAssessment

RUBRICS = Rubric.Code.choices


class StartForm(forms.ModelForm):
    class Meta:
        model = SelfAssessment
        fields = ["title", "framework", "scope"]
        labels = {"framework": "normenkader", "scope": "scope"}
        help_texts = {
            "title": "Bijvoorbeeld ‘Zelfevaluatie 2027’.",
            "scope": "Niet verplicht. Kies een scope als de zelfevaluatie maar een deel van de organisatie betreft.",
        }

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        frameworks = Framework.objects.filter(status=Framework.Status.IN_FORCE).order_by("-version")
        self.fields["framework"].queryset = frameworks
        self.fields["framework"].empty_label = None
        newest = frameworks.first()
        if newest is not None and not self.is_bound:
            self.initial["framework"] = newest.pk
        self.fields["framework"].label_from_instance = lambda f: f"{f.version} · {f.title}"
        self.fields["scope"].queryset = Scope.objects.filter(member=member)
        self.fields["scope"].empty_label = "hele organisatie (geen scope gekozen)"


class _RubricsField(forms.MultipleChoiceField):
    def __init__(self, label="rubrieken die deze persoon beantwoordt", **kwargs):
        super().__init__(
            label=label,
            choices=RUBRICS,
            widget=forms.CheckboxSelectMultiple,
            help_text="Professionals beantwoorden meestal Vakmanschap en Dienstverlening.",
            **kwargs,
        )

    def clean(self, value):
        chosen = set(super().clean(value))
        return [code for code, _ in RUBRICS if code in chosen]


class PersonForm(forms.Form):
    """A colleague with a role at the member; they answer after logging in."""

    user = forms.ModelChoiceField(label="collega", queryset=User.objects.none(), empty_label=None)
    rubrics = _RubricsField(initial=["V", "D"])

    def __init__(self, *args, self_assessment, **kwargs):
        super().__init__(*args, prefix="person", **kwargs)
        taken = self_assessment.participants.filter(user__isnull=False).values("user_id")
        self.fields["user"].queryset = (
            User.objects.filter(
                roles__member=self_assessment.member, roles__role__in=sorted(MEMBER_ROLES)
            )
            .exclude(pk__in=taken)
            .distinct()
            .order_by("name")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u.name} ({u.email})"


class LinkForm(forms.Form):
    """A meeting link: one participant for a team meeting, answering without an account."""

    name = forms.CharField(
        label="naam van de groep of het overleg",
        max_length=200,
        help_text="Bijvoorbeeld ‘Teamoverleg wijkteam Noord’.",
    )
    rubrics = _RubricsField(label="rubrieken die het overleg beantwoordt", initial=["V", "D"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="link", **kwargs)


class AnswerForm(forms.Form):
    """The answer to one norm; one small form per norm, so each saves on its own."""

    verdict = forms.ChoiceField(label="uw antwoord", choices=ANSWERS, widget=forms.RadioSelect)
    example = forms.CharField(
        label="voorbeeld of bewijs",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Niet verplicht. Waaraan ziet u dit in uw werk?",
    )

    def __init__(self, *args, code, **kwargs):
        super().__init__(*args, auto_id=f"id_{code}_%s", **kwargs)
