"""Forms for certification bodies, their conditions and rates; messages in plain Dutch.

Every rule the database also keeps (one rate per day, travel included or per km, an end
date on or after the start date, a positive day rate) is checked here first, so a person
sees a message at the field instead of an error page. When someone else's save slips in
between the check and ours, the database refuses and the form still says why (NotSaved).
"""

import re
from decimal import Decimal

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, transaction
from django.utils.formats import date_format

from kwaliteitslabel.common.forms import NotSaved, VersionedModelForm
from kwaliteitslabel.common.validators import validate_kvk_number

from .models import CertificationBody, Condition, DayRate

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MoneyField(forms.DecimalField):
    """An amount in euros as people type it: "1175", "1.175,00", "1175,00", "€ 0,45" or "1175.00"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": "Vul een bedrag in euro's in, zoals 1175,00.",
        "not_positive": "Vul een bedrag in dat groter is dan € 0.",
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif re.fullmatch(r"\d{1,3}(\.\d{3})+", value):
                value = value.replace(".", "")  # "1.175": dots that group thousands
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return value

    def validate(self, value):
        super().validate(value)
        if value is not None and value <= 0:
            raise forms.ValidationError(self.error_messages["not_positive"], code="not_positive")


class HttpsURLField(forms.URLField):
    """A web address typed without scheme ("www.ciio.nl") is read as https."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class BodyForm(VersionedModelForm):
    """A body's own data. Only SWN sets the framework agreement (mantelovereenkomst)."""

    SWN_FIELDS = ("framework_agreement",)

    class Meta:
        model = CertificationBody
        fields = [
            "name",
            "kvk_number",
            "street",
            "postcode",
            "city",
            "website",
            "phone",
            "email",
            "framework_agreement",
        ]
        field_classes = {"website": HttpsURLField}
        help_texts = {
            "kvk_number": "8 cijfers, zoals 30212847.",
            "postcode": "Zoals 3582 GG.",
            "website": "Het hele adres, zoals https://www.voorbeeld.nl.",
            "phone": "Zoals 088 444 6333.",
            "framework_agreement": "Een instelling met mantelovereenkomst biedt leden een "
            "gereduceerd tarief. De auditoren van een instelling zonder mantelovereenkomst "
            "tekenen de gedragscode vóór hun eerste toetsdag.",
        }
        error_messages = {
            "name": {"unique": "Er is al een certificerende instelling met deze naam."},
        }

    def __init__(self, *args, can_set_framework_agreement=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_set_framework_agreement:
            # Left out of the form, so a posted value is never read (construct_instance skips it).
            for name in self.SWN_FIELDS:
                del self.fields[name]
        # "12 345 678" is too long, but what people need to hear is what a KvK number is.
        kvk = self.fields["kvk_number"]
        kvk.validators = [v for v in kvk.validators if not isinstance(v, MaxLengthValidator)]
        kvk.widget.attrs.pop("maxlength", None)

    def clean_kvk_number(self):
        value = self.cleaned_data["kvk_number"]
        validate_kvk_number(value)
        return value

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def save(self, commit=True):
        try:
            with transaction.atomic():
                return super().save(commit)
        except IntegrityError:
            # Another body took the name between our check and our save.
            name = self.cleaned_data.get("name")
            if (
                not CertificationBody.objects.filter(name=name)
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                raise
            self.add_error("name", self.Meta.error_messages["name"]["unique"])
            raise NotSaved from None


class ConditionForm(forms.ModelForm):
    """Evidence for one of SWN's conditions (Bijlage 5 A), from a date until a date."""

    class Meta:
        model = Condition
        fields = ["kind", "evidence", "valid_from", "valid_until"]
        widgets = {"valid_from": DATE, "valid_until": DATE}
        help_texts = {
            "valid_from": "De dag waarop het bewijs ingaat, bijvoorbeeld de ingangsdatum van de polis.",
            "valid_until": "De laatste dag waarop het bewijs geldt. Laat leeg als er geen einddatum is.",
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error(
                "valid_until",
                forms.ValidationError(
                    f"Deze datum ligt vóór ‘geldig vanaf’ ({date_format(start, 'j F Y')}). "
                    "Kies een einddatum op of na de begindatum.",
                    code="until_before_from",
                ),
            )
        return cleaned

    def save(self, commit=True):
        try:
            with transaction.atomic():
                return super().save(commit)
        except IntegrityError:
            self.add_error(None, "De voorwaarde kon niet worden opgeslagen. Controleer de datums.")
            raise NotSaved from None


class RateForm(forms.ModelForm):
    """A body's prices from a date on (Bijlage 10), excluding VAT."""

    class Meta:
        model = DayRate
        fields = [
            "valid_from",
            "day_rate",
            "travel_included",
            "travel_rate_per_km",
            "feedback_price_min",
            "feedback_price_max",
            "feedback_includes_travel",
        ]
        field_classes = {
            "day_rate": MoneyField,
            "travel_rate_per_km": MoneyField,
            "feedback_price_min": MoneyField,
            "feedback_price_max": MoneyField,
        }
        widgets = {"valid_from": DATE}
        labels = {
            "travel_included": "Reiskosten zitten in het dagtarief",
            "feedback_includes_travel": "Prijs voor feedback is inclusief reiskosten",
        }
        help_texts = {
            "valid_from": "Vanaf deze dag geldt het tarief, tot een later tarief ingaat.",
            "day_rate": "Exclusief btw, zoals 1175,00.",
            "travel_included": "Vink aan als de instelling geen aparte reiskosten rekent. "
            "Laat dan ‘reiskosten per km’ leeg.",
            "travel_rate_per_km": "Exclusief btw, zoals 0,45. Laat leeg als de reiskosten in het "
            "dagtarief zitten.",
            "feedback_price_min": "Wat de instelling vraagt voor feedback op de zelfevaluatie, "
            "exclusief btw. Eén vaste prijs? Vul die alleen hier in.",
            "feedback_price_max": "Alleen bij een prijs ‘van … tot …’, zoals 750,00.",
        }

    def _other_rate_on(self, day):
        return (
            DayRate.objects.filter(body_id=self.instance.body_id, valid_from=day)
            .exclude(pk=self.instance.pk)
            .exists()
        )

    def _duplicate(self, day) -> forms.ValidationError:
        return forms.ValidationError(
            f"Er is al een tarief dat ingaat op {date_format(day, 'j F Y')}. "
            "Wijzig dat tarief, of kies een andere datum.",
            code="duplicate_valid_from",
        )

    def clean_valid_from(self):
        day = self.cleaned_data.get("valid_from")
        if day and self._other_rate_on(day):
            raise self._duplicate(day)
        return day

    def clean(self):
        cleaned = super().clean()
        included = cleaned.get("travel_included")
        per_km = cleaned.get("travel_rate_per_km")
        if "travel_rate_per_km" not in self.errors:
            if included and per_km is not None:
                self.add_error(
                    "travel_rate_per_km",
                    forms.ValidationError(
                        "Kies één van beide: reiskosten in het dagtarief, óf een bedrag per km. "
                        "Laat dit veld leeg, of haal het vinkje bij ‘reiskosten zitten in het "
                        "dagtarief’ weg.",
                        code="travel_both",
                    ),
                )
            elif not included and per_km is None:
                self.add_error(
                    "travel_rate_per_km",
                    forms.ValidationError(
                        "Vul de reiskosten per km in, of vink aan dat de reiskosten in het "
                        "dagtarief zitten.",
                        code="travel_neither",
                    ),
                )
        low, high = cleaned.get("feedback_price_min"), cleaned.get("feedback_price_max")
        if high is not None and low is None and "feedback_price_min" not in self.errors:
            self.add_error(
                "feedback_price_min",
                forms.ValidationError(
                    "Vul ook het bedrag ‘vanaf’ in. Is er één vaste prijs? Vul die dan alleen "
                    "hier in.",
                    code="feedback_max_without_min",
                ),
            )
        elif low is not None and high is not None and high < low:
            self.add_error(
                "feedback_price_max",
                forms.ValidationError(
                    "Het bedrag ‘tot’ is lager dan het bedrag ‘vanaf’. Vul een bedrag in dat "
                    "even hoog of hoger is.",
                    code="feedback_max_below_min",
                ),
            )
        return cleaned

    def save(self, commit=True):
        try:
            with transaction.atomic():
                return super().save(commit)
        except IntegrityError:
            # Another rate for the same day landed between our check and our save.
            day = self.cleaned_data.get("valid_from")
            if day and self._other_rate_on(day):
                self.add_error("valid_from", self._duplicate(day))
            else:
                self.add_error(
                    None, "Het tarief kon niet worden opgeslagen. Controleer de bedragen."
                )
            raise NotSaved from None
