"""Forms of the exchange with a body: sharing a closed self-assessment, and the body's feedback."""

from django import forms
from django.db import IntegrityError

from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.bodies.services import bodies_with_facts
from kwaliteitslabel.common.forms import STALE, StaleEdit, VersionedModelForm

from .models import NormFeedback, Share


def shareable_bodies(self_assessment, today):
    """(body, current rate) for the bodies that may audit today and have not had it yet."""
    shared = set(self_assessment.shares.values_list("body_id", flat=True))
    return [
        (body, body.rate_on(today))
        for body in bodies_with_facts()
        if body.pk not in shared and body.may_audit(today)
    ]


class ShareForm(forms.Form):
    body = forms.ModelChoiceField(
        label="Certificerende instelling",
        queryset=CertificationBody.objects.none(),
        error_messages={
            "required": "Kies een certificerende instelling.",
            "invalid_choice": "Met deze instelling kunt u de zelfevaluatie niet delen: zij mag nu "
            "niet toetsen voor het label, of heeft hem al.",
        },
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = CertificationBody.objects.filter(
            pk__in=[body.pk for body, _ in choices]
        )


class FeedbackForm(VersionedModelForm):
    """Feedback on one norm; an empty text removes earlier feedback."""

    class Meta:
        model = NormFeedback
        fields = ["text"]
        labels = {"text": "Feedback"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, code, **kwargs):
        super().__init__(*args, prefix=f"norm-{code}", **kwargs)
        self.fields["text"].required = False

    def save(self, commit=True):
        try:
            return super().save(commit)
        except IntegrityError:
            # A colleague saved the first feedback on this norm a moment earlier.
            self.add_error(None, forms.ValidationError(STALE, code="stale"))
            raise StaleEdit from None


class OverallFeedbackForm(VersionedModelForm):
    class Meta:
        model = Share
        fields = ["overall_feedback"]
        labels = {"overall_feedback": "Feedback op de hele zelfevaluatie"}
        help_texts = {
            "overall_feedback": "Wat gaat goed, waar moet de organisatie vóór de toetsing nog "
            "aan werken? Als u dit opslaat, krijgt de organisatie bericht."
        }
        widgets = {"overall_feedback": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="overall", **kwargs)
        self.fields["overall_feedback"].required = True
        self.fields["overall_feedback"].error_messages["required"] = "Schrijf uw feedback."
