"""Forms of the audit: the member's request, the body's decision, days and team (issue 6)."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from kwaliteitslabel.accounts.models import User
from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.bodies.services import bodies_with_facts
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.selfassessment.models import SelfAssessment

from . import calculator, team
from .models import Scope
from .models_audit import Audit, AuditDay, TeamMember
from .models_cluster import PeerCluster

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RequestForm(forms.ModelForm):
    class Meta:
        model = Audit
        fields = [
            "kind",
            "variant",
            "combined_with",
            "framework",
            "scope",
            "body",
            "cluster",
            "planned_days",
            "days_reason",
            "previous_expiry",
            "self_assessment",
        ]
        labels = {
            "kind": "Soort toetsing",
            "variant": "Toetsingsvariant",
            "combined_with": "Gecombineerd met",
            "framework": "Normenkader",
            "scope": "Scope",
            "body": "Certificerende instelling",
            "cluster": "Cluster",
            "planned_days": "Auditdagen",
            "days_reason": "Reden voor een ander aantal dagen",
            "previous_expiry": "Vorig certificaat geldig tot en met",
            "self_assessment": "Zelfevaluatie",
        }
        help_texts = {
            "combined_with": "Alleen bij de combinatietoets.",
            "cluster": "Alleen bij de intercollegiale toets: het cluster van de gekozen "
            "instelling waarin branchetoetsers van andere leden bij u toetsen (handboek 2.2).",
            "planned_days": "Leeg laten: het aantal uit de rekenhulp (handboek 2.5). "
            "Een ander aantal vraagt om een reden.",
            "previous_expiry": "Bij een hertoetsing: de einddatum van het huidige certificaat.",
            "self_assessment": "De afgeronde zelfevaluatie waarop deze toetsing volgt.",
        }
        widgets = {"previous_expiry": DATE, "days_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        today = timezone.localdate()
        f = self.fields
        f["scope"].queryset = Scope.objects.filter(member=member)
        f["scope"].error_messages["required"] = "Kies een scope; maak er eerst een in de rekenhulp."
        f["body"].queryset = CertificationBody.objects.filter(
            pk__in=[b.pk for b in bodies_with_facts() if b.may_audit(today)]
        )
        f["body"].error_messages["invalid_choice"] = (
            "Deze instelling voldoet nu niet aan de voorwaarden van SWN (Bijlage 5 A)."
        )
        f["framework"].queryset = Framework.objects.filter(status="in_force")
        f["framework"].initial = f["framework"].queryset.first()
        f["self_assessment"].queryset = SelfAssessment.objects.filter(
            member=member, closed_on__isnull=False
        )
        f["planned_days"].required = False
        for name in ("kind", "variant", "framework", "body"):
            f[name].error_messages["required"] = "Maak een keuze."
        # Only the clusters the member is in; none: no field to fill in.
        clusters = PeerCluster.objects.filter(places__member=member).select_related("body")
        if clusters.exists():
            f["cluster"].queryset = clusters.order_by("name")
            f["cluster"].label_from_instance = lambda c: f"{c.name} ({c.body})"
            f["cluster"].error_messages["invalid_choice"] = f"{member} zit niet in dit cluster."
        else:
            del f["cluster"]

    def clean(self):
        cleaned = super().clean()
        variant, combined = cleaned.get("variant"), cleaned.get("combined_with")
        if variant == Audit.Variant.COMBINED and not combined:
            self.add_error("combined_with", "Kies waarmee de toets wordt gecombineerd.")
        if variant and variant != Audit.Variant.COMBINED and combined:
            self.add_error("combined_with", "Alleen de combinatietoets wordt gecombineerd.")
        cluster, body = cleaned.get("cluster"), cleaned.get("body")
        if cluster and variant and variant != Audit.Variant.PEER:
            self.add_error("cluster", "Een cluster hoort alleen bij een intercollegiale toets.")
        elif cluster and body and cluster.body_id != body.pk:
            self.add_error(
                "cluster",
                f"Dit cluster valt onder {cluster.body}; kies die instelling of een ander cluster.",
            )
        if cleaned.get("kind") == Audit.Kind.RECERTIFICATION and not cleaned.get("previous_expiry"):
            self.add_error("previous_expiry", "Vul bij een hertoetsing de einddatum in.")
        scope = cleaned.get("scope")
        if scope and variant and "combined_with" not in self.errors:
            self._days(cleaned, scope, variant, combined)
        return cleaned

    def _days(self, cleaned, scope, variant, combined):
        try:
            result = calculator.audit_days(variant, scope.fte_in_scope, combined or None)
        except calculator.CalculatorError as error:
            self.add_error("scope", error.message)
            return
        self.instance.calculated_days = result.days
        planned, reason = cleaned.get("planned_days"), (cleaned.get("days_reason") or "").strip()
        if planned is None:
            if result.days is None:
                self.add_error(
                    "planned_days",
                    f"De rekenhulp geeft hier maatwerk: {result.note} Vul de dagen in.",
                )
            cleaned["planned_days"] = result.days
        elif planned <= 0:
            self.add_error("planned_days", "Het aantal dagen moet groter zijn dan 0.")
        elif planned != result.days and not reason:
            self.add_error(
                "days_reason",
                f"De rekenhulp geeft {calculator.days_text(result.days) if result.days else 'maatwerk'}; "
                f"schrijf waarom het er {planned.normalize():f} worden.",
            )
        if cleaned.get("planned_days") is not None:
            self.instance.planned_days = Decimal(cleaned["planned_days"])


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label="Reden (bij afwijzen)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DayForm(forms.ModelForm):
    class Meta:
        model = AuditDay
        fields = ["date", "mode", "location", "location_reason"]
        labels = {
            "date": "Datum",
            "mode": "Vorm",
            "location": "Locatie",
            "location_reason": "Reden voor een andere locatie",
        }
        help_texts = {
            "location": "De gesprekken zijn op de hoofdlocatie, tenzij er een reden is.",
        }
        widgets = {"date": DATE, "location_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.audit = audit
        self.instance.audit = audit
        locations = audit.member.locations.order_by("-is_main", "name")
        self.fields["location"].queryset = locations
        self.fields["location"].initial = next((loc for loc in locations if loc.is_main), None)
        self.fields["date"].error_messages["required"] = "Vul de datum in."

    def clean(self):
        cleaned = super().clean()
        day, location = cleaned.get("date"), cleaned.get("location")
        requested = timezone.localtime(self.audit.requested_at).date()
        if day and day < requested:
            self.add_error(
                "date",
                f"Deze datum ligt vóór de aanvraag van de toetsing ({requested:%d-%m-%Y}).",
            )
        if day and self.audit.days.filter(date=day).exists():
            self.add_error("date", "Op deze datum is al een auditdag gepland.")
        if cleaned.get("mode") == AuditDay.Mode.ON_SITE and location is None:
            self.add_error("location", "Kies een locatie voor een dag op locatie.")
        if (
            location is not None
            and not location.is_main
            and not (cleaned.get("location_reason") or "").strip()
        ):
            self.add_error("location_reason", "Schrijf waarom deze dag niet op de hoofdlocatie is.")
        return cleaned


class TeamForm(forms.Form):
    user = forms.TypedChoiceField(label="Persoon", coerce=int, empty_value=None)
    role = forms.ChoiceField(label="Rol in het team", choices=TeamMember.Role.choices)

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.audit = audit
        self.fields["user"].choices = [("", "Kies iemand")] + team.candidates(audit)
        self.fields["user"].error_messages["required"] = "Kies iemand."
        # Anyone may be named in a request; team.problems says why someone cannot join.
        self.fields["user"].valid_value = lambda value: str(value).isdigit()

    def clean(self):
        cleaned = super().clean()
        user_id, role = cleaned.get("user"), cleaned.get("role")
        if user_id is None or not role:
            return cleaned
        user = User.objects.filter(pk=user_id).first()
        if user is None:
            self.add_error("user", "Deze persoon bestaat niet.")
            return cleaned
        for problem in team.problems(self.audit, user, role):
            self.add_error("user", problem)
        cleaned["person"] = user
        return cleaned
