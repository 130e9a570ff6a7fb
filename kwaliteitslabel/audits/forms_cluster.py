"""Forms of the peer clusters: forming one, adjusting its rotation (handboek chapter 2.2)."""

from django import forms
from django.db import transaction

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.common.forms import VersionedModelForm
from kwaliteitslabel.members.models import Member
from kwaliteitslabel.members.services import membership_q

from . import clusters, rotation
from .models_cluster import PeerCluster


class MemberChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.city})"


class ClusterForm(forms.ModelForm):
    members = MemberChoices(
        label="Leden",
        queryset=Member.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Minstens drie actieve leden. Ze krijgen de letters A, B, C… in de volgorde "
        "van deze lijst; het platform stelt meteen een rotatie voor, die u daarna kunt "
        "aanpassen.",
    )

    class Meta:
        model = PeerCluster
        fields = ["name", "body"]
        labels = {"name": "Naam van het cluster", "body": "Certificerende instelling"}
        help_texts = {"body": "De instelling die de toetsingen van het cluster plant en leidt."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        f = self.fields
        if accounts.is_swn_staff(user):
            bodies = CertificationBody.objects.all()
        else:
            bodies = CertificationBody.objects.filter(
                pk__in=[b.pk for b in accounts.body_admin_of(user)]
            )
        f["body"].queryset = bodies
        if len(bodies) == 1:
            f["body"].initial = bodies[0]
        f["body"].error_messages["required"] = "Kies een certificerende instelling."
        f["body"].error_messages["invalid_choice"] = (
            "Kies een certificerende instelling waarvoor u clusters mag vormen."
        )
        f["name"].error_messages["required"] = "Geef het cluster een naam."
        # Only active members are offered; another one is refused by name in clean_members.
        f["members"].widget.choices = [
            (m.pk, f["members"].label_from_instance(m))
            for m in Member.objects.filter(membership_q("active")).order_by("name")
        ]
        f["members"].error_messages["required"] = (
            f"Kies minstens {rotation.MINIMUM_MEMBERS} verschillende leden; u koos er 0."
        )
        f["members"].error_messages["invalid_pk_value"] = "Kies leden uit de lijst."
        f["members"].error_messages["invalid_choice"] = "Kies leden uit de lijst."

    def clean_members(self):
        chosen = sorted(self.cleaned_data["members"], key=lambda m: (m.name, m.pk))
        inactive = [m for m in chosen if not m.is_active_member()]
        if inactive:
            raise forms.ValidationError(
                f"{rotation.names(inactive)} "
                f"{'is' if len(inactive) == 1 else 'zijn'} nu geen actief lid van "
                "Sociaal Werk Nederland."
            )
        if len(chosen) < rotation.MINIMUM_MEMBERS:
            raise forms.ValidationError(
                f"Kies minstens {rotation.MINIMUM_MEMBERS} verschillende leden; "
                f"u koos er {len(chosen)}."
            )
        return chosen

    def save(self, commit=True):
        return clusters.form_cluster(
            self.cleaned_data["name"],
            self.cleaned_data["body"],
            self.cleaned_data["members"],
            self.user,
        )


class RotationForm(VersionedModelForm):
    """The rotation as a grid of checkboxes: a pair is "audited:auditing" (member ids)."""

    pairs = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = PeerCluster
        fields = []

    def __init__(self, *args, cluster_members, **kwargs):
        super().__init__(*args, **kwargs)
        self.cluster_members = cluster_members
        # The own cell is a choice too, so that rotation.problems names it when it is posted.
        self.fields["pairs"].choices = [
            (self.value(a, b), f"{b} bij {a}") for a in cluster_members for b in cluster_members
        ]
        self.fields["pairs"].error_messages["invalid_choice"] = (
            "Er is een lid gekozen dat niet bij dit cluster hoort."
        )
        if not self.is_bound:
            self.initial["pairs"] = [
                self.value(a, b) for a, b in clusters.pairs(self.instance, self._by_id())
            ]

    @staticmethod
    def value(audited, auditing) -> str:
        return f"{audited.pk}:{auditing.pk}"

    def _by_id(self) -> dict:
        return {m.pk: m for m in self.cluster_members}

    def chosen(self) -> set[str]:
        """The checked cells, as posted or as stored."""
        if self.is_bound:
            return set(self.data.getlist("pairs"))
        return set(self.initial.get("pairs", []))

    def clean(self):
        cleaned = super().clean()
        if "pairs" in self.errors:
            return cleaned
        by_id = self._by_id()
        chosen = []
        for value in cleaned.get("pairs", []):
            audited, auditing = (int(pk) for pk in value.split(":"))
            chosen.append((by_id[audited], by_id[auditing]))
        cleaned["rotation"] = chosen
        for problem in rotation.problems(self.cluster_members, chosen):
            self.add_error(None, problem)
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        cluster = super().save()
        clusters.save_pairs(cluster, self.cleaned_data["rotation"])
        return cluster
