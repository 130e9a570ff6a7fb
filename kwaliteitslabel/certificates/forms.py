from django import forms

from .models import validate_number


class IssueForm(forms.Form):
    number = forms.CharField(
        label="Certificaatnummer",
        max_length=24,
        validators=[validate_number],
        help_text="Voorgesteld: het volgende vrije nummer. Neem zo nodig het nummer uit de administratie over.",
        error_messages={"required": "Vul een certificaatnummer in."},
    )
    work_types = forms.MultipleChoiceField(
        label="Scope op het certificaat",
        widget=forms.CheckboxSelectMultiple,
        help_text="De werksoorten van de scope van deze toetsing, zoals in deel A.",
        error_messages={
            "required": "Kies de werksoorten van de scope.",
            "invalid_choice": "Kies alleen werksoorten uit de scope van deze toetsing.",
        },
    )
    confirm = forms.BooleanField(
        label="Ik heb de gegevens gecontroleerd; reik het certificaat uit.",
        error_messages={"required": "Bevestig dat u het certificaat wilt uitreiken."},
    )

    def __init__(self, *args, work_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_types"].choices = [(str(w.pk), w.name) for w in work_types]
