"""Forms for inviting people, taking up an invitation and signing the code of conduct."""

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone

from . import invitations
from .models import Role, User

DATE_INPUT = {"type": "date"}


def _date_widget():
    return forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d")


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(
            "Deze datum ligt in de toekomst. Vul een datum in van vandaag of eerder."
        )
    return value


class InvitationForm(forms.Form):
    """Name, address and role; peer auditors also their training date, auditors their branch knowledge."""

    name = forms.CharField(
        label="Naam", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        help_text="Naar dit adres sturen we de uitnodiging. De link werkt 14 dagen.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label="Rol")
    trained_on = forms.DateField(
        label="Training gevolgd op",
        required=False,
        widget=_date_widget(),
        help_text="Alleen invullen als u een branchetoetser uitnodigt. Dan is het wel verplicht: de datum waarop hij of zij de training voor intercollegiaal toetsen heeft gevolgd.",
    )
    branch_knowledge = forms.CharField(
        label="Branchekennis",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Alleen invullen als u een auditor uitnodigt. Dan is het wel verplicht: waaruit blijkt de kennis van het sociaal werk? Bijvoorbeeld opleiding, eerdere toetsingen of werkervaring.",
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(r, _capfirst(Role(r).label)) for r in roles]
        if len(roles) == 1:
            self.fields["role"].initial = roles[0]
        else:
            # No silent default: the inviter picks the role on purpose.
            choices.insert(0, ("", "Kies een rol"))
        self.fields["role"].choices = choices
        if Role.PEER_AUDITOR not in roles:
            del self.fields["trained_on"]
        if Role.AUDITOR not in roles:
            del self.fields["branch_knowledge"]

    def clean_email(self):
        email = invitations.normalise_email(self.cleaned_data["email"])
        if problem := invitations.email_problem(email):
            raise forms.ValidationError(problem)
        return email

    def clean_trained_on(self):
        return _not_in_future(self.cleaned_data.get("trained_on"))

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role == Role.PEER_AUDITOR:
            if not cleaned.get("trained_on") and "trained_on" not in self.errors:
                self.add_error(
                    "trained_on", "Vul in wanneer deze branchetoetser de training heeft gevolgd."
                )
        else:
            cleaned["trained_on"] = None
        if role == Role.AUDITOR:
            if not (cleaned.get("branch_knowledge") or "").strip():
                self.add_error(
                    "branch_knowledge", "Beschrijf kort de branchekennis van deze auditor."
                )
        else:
            cleaned["branch_knowledge"] = ""
        return cleaned


class AcceptInvitationForm(forms.Form):
    """The new person checks their name and chooses a password."""

    # Shown, not editable: the invitation went to this address. It also lets a password
    # manager store the new password under the right name.
    email = forms.EmailField(label="E-mailadres", disabled=True)
    name = forms.CharField(
        label="Naam", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label="Wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Wachtwoord nog een keer",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        kwargs.setdefault("initial", {"name": invitation.name, "email": invitation.email})
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        # The rules come from AUTH_PASSWORD_VALIDATORS, in the language of the request.
        self.fields["password1"].help_text = " ".join(
            password_validation.password_validators_help_texts()
        )
        self.fields["email"].widget.attrs["autocomplete"] = "username"

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError(
                "De twee wachtwoorden zijn niet gelijk. Typ ze nog een keer."
            )
        return second

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password:
            # The similarity check compares with the name and address of the person to be.
            person = User(email=self.invitation.email, name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(password, user=person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class CodeOfConductForm(forms.Form):
    name = forms.CharField(
        label="Naam", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    place = forms.CharField(label="Plaats", max_length=100)
    signed_on = forms.DateField(label="Datum", widget=_date_widget())
    agree = forms.BooleanField(
        label="Ik heb de gedragscode en geheimhoudingsverklaring gelezen en houd mij eraan.",
        error_messages={
            "required": "Zet een vinkje om te laten weten dat u zich aan de gedragscode houdt."
        },
    )

    def clean_signed_on(self):
        return _not_in_future(self.cleaned_data.get("signed_on"))
