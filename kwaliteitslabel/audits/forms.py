import datetime
from decimal import Decimal

from django import forms

from . import calculator

VARIANT_CHOICES = [
    ("body", "Toets door een certificerende instelling (CI)"),
    ("combined", "CI toetst het label samen met ISO, HKZ of NVVK"),
    ("peer", "Intercollegiale toets onder leiding van een CI"),
]
COMBINED_CHOICES = [("", "—"), ("iso", "ISO 9001"), ("hkz", "HKZ"), ("nvvk", "NVVK-kader")]
UNIT_CHOICES = [("fte", "fte"), ("hours", "uren per week")]


def _amount(label, help_text=""):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=help_text,
        error_messages={
            "min_value": "Vul 0 of meer in.",
            "invalid": "Vul een getal in, zoals 2,5.",
        },
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
    )


class CalculatorForm(forms.Form):
    """The public calculator: nothing is saved; the answer follows the same rules as the API."""

    variant = forms.ChoiceField(
        label="Toetsingsvariant", choices=VARIANT_CHOICES, widget=forms.RadioSelect, initial="body"
    )
    combined_with = forms.ChoiceField(
        label="Gecombineerd met",
        choices=COMBINED_CHOICES,
        required=False,
        help_text="Alleen bij de combinatietoets.",
    )
    unit = forms.ChoiceField(label="Ik vul in", choices=UNIT_CHOICES, initial="fte")
    employed = _amount(calculator.COUNTED["employed"].capitalize())
    hired = _amount(calculator.COUNTED["hired"].capitalize())
    interns = _amount(
        calculator.COUNTED["interns"].capitalize(),
        "Laatste fase van de opleiding, een half tot een jaar stage.",
    )
    volunteers = _amount(
        calculator.COUNTED["volunteers"].capitalize(),
        "Geschoold, zelfstandig, werk waarbij kwaliteitsborging nodig is.",
    )
    management_support = _amount(
        calculator.COUNTED["management_support"].capitalize(),
        "Leiding en ondersteuning van het werk in de scope.",
    )
    other_volunteers = _amount("Overige vrijwilligers (tellen niet mee)")
    snuffel_interns = _amount("Snuffelstagiaires (tellen niet mee)")
    date = forms.DateField(
        label="Datum van de toetsing",
        required=False,
        help_text="Voor de tarieven die dan gelden.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    travel_km = _amount(
        "Reisafstand heen en terug (km)", "Voor instellingen die reiskosten rekenen."
    )

    CATEGORIES = [*calculator.COUNTED, *calculator.NOT_COUNTED]

    def clean(self):
        cleaned = super().clean()
        variant, combined = cleaned.get("variant"), cleaned.get("combined_with")
        if variant == "combined" and not combined:
            self.add_error("combined_with", "Kies waarmee de toets wordt gecombineerd.")
        if variant and variant != "combined" and combined:
            cleaned["combined_with"] = ""
        values = {k: cleaned.get(k) or Decimal(0) for k in self.CATEGORIES}
        if cleaned.get("unit") == "hours":
            values = {k: calculator.hours_to_fte(v) for k, v in values.items()}
        cleaned["fte_values"] = values
        if not self.errors and calculator.fte_in_scope(values) <= 0:
            self.add_error(
                "employed", "Vul bij minstens één categorie die meetelt een aantal groter dan 0 in."
            )
        cleaned["date"] = cleaned.get("date") or datetime.date.today()
        return cleaned
