from django import forms

from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.members.models import WorkType

from .shares import Filters
from .sizes import size_bands

SELECT = "utrecht-select utrecht-select--html-select"
NUMBER = "utrecht-textbox utrecht-textbox--html-input site-short"


def _year(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=2015,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": NUMBER}),
        error_messages={
            "invalid": f"{label}: vul een jaartal in, zoals 2024.",
            "min_value": f"{label}: het label bestaat sinds 2016; kies 2015 of later.",
            "max_value": f"{label}: kies een jaartal vóór 2100.",
        },
    )


class TrendFilterForm(forms.Form):
    """The period, framework and variant of a trend (a GET form: the address can be shared)."""

    normenkader = forms.ChoiceField(
        label="Normenkader", widget=forms.Select(attrs={"class": SELECT})
    )
    van = _year("Van jaar")
    tot = _year("Tot en met jaar")
    variant = forms.ChoiceField(
        label="Toetsingsvariant",
        required=False,
        choices=[("", "alle (ook historische rapporten)"), *Audit.Variant.choices],
        widget=forms.Select(attrs={"class": SELECT}),
        error_messages={"invalid_choice": "Toetsingsvariant: kies een variant uit de lijst."},
    )
    omvang = forms.ChoiceField(
        label="Omvang (fte in scope)",
        required=False,
        widget=forms.Select(attrs={"class": SELECT}),
        error_messages={"invalid_choice": "Omvang: kies een omvang uit de lijst."},
    )
    werksoort = forms.ModelChoiceField(
        label="Werksoort",
        required=False,
        queryset=WorkType.objects.all(),
        empty_label="alle",
        widget=forms.Select(attrs={"class": SELECT}),
        error_messages={"invalid_choice": "Werksoort: kies een werksoort uit de lijst."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        versions = list(Framework.objects.order_by("-version").values_list("version", flat=True))
        self.fields["normenkader"].choices = [(v, v) for v in versions]
        self.fields["omvang"].choices = [("", "alle")] + [(b.label, b.label) for b in size_bands()]
        self.fields["normenkader"].initial = (
            "2019" if "2019" in versions else next(iter(versions), "")
        )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("van"), cleaned.get("tot")
        if low and high and low > high:
            self.add_error("tot", "Tot en met jaar: kies een jaar na het beginjaar.")
        return cleaned


def filters_from(request) -> tuple[TrendFilterForm, Filters | None]:
    """The filters of a trend page or export from its query string; None when one is wrong
    (the form then names the field). No filter asked: the default framework, all years; other
    parameters (a page's search, an export's table) are not filters."""
    form = TrendFilterForm()
    default = form.fields["normenkader"].initial
    if not any(name in request.GET for name in form.fields):
        return form, Filters(framework=default)
    data = request.GET.copy()
    data.setdefault("normenkader", default)
    form = TrendFilterForm(data)
    if not form.is_valid():
        return form, None
    d = form.cleaned_data
    return form, Filters(
        d["normenkader"],
        d.get("van"),
        d.get("tot"),
        d.get("variant") or "",
        d.get("omvang") or "",
        d["werksoort"].pk if d.get("werksoort") else None,
    )
