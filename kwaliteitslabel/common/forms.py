"""Form pieces shared by the apps."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction

SAVED = "Opgeslagen."

STALE = (
    "Iemand anders heeft deze gegevens intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen: "
    "open de pagina opnieuw en voer ze nog eens in."
)


class VersionedModelForm(forms.ModelForm):
    """A ModelForm for a `Versioned` model: an edit based on an older version is refused.

    The form carries the version it was loaded with; saving bumps it with a conditional
    UPDATE, so of two people who edit at once only the first one's changes land and
    the second sees a clear message instead of silently overwriting them.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if cleaned.get("loaded_version") != current:
                raise forms.ValidationError(STALE, code="stale")
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        instance = super().save(commit=False)
        if not commit:
            return instance
        if instance.pk:
            model = type(instance)
            loaded = self.cleaned_data["loaded_version"]
            if not model.objects.filter(pk=instance.pk, version=loaded).update(version=loaded + 1):
                self.add_error(None, forms.ValidationError(STALE, code="stale"))
                raise StaleEdit
            instance.version = loaded + 1
        instance.save()
        self.save_m2m()
        return instance


class StaleEdit(Exception):
    """Raised by VersionedModelForm.save when another edit landed first; the form carries the message."""


class NotSaved(Exception):
    """The database refused the save; the form now carries the reason as a field error."""


def save_form(form):
    """Save a valid form; None when another edit or the database got in the way (the form says why)."""
    try:
        return form.save()
    except (StaleEdit, NotSaved):
        return None


def response_status(form) -> int:
    """409 Conflict when the form was refused because someone else changed the data first."""
    return 409 if form.has_error(NON_FIELD_ERRORS, code="stale") else 200


def refused_status(form) -> int:
    """For a bound form that was not saved: 409 when someone else changed the data first, else 400."""
    return 409 if form.has_error(NON_FIELD_ERRORS, code="stale") else 400
