"""The public Kwaliteitsregister and the verification of a certificate (issue 9 items 3-4).

Open to everyone, logged in or not. The register lists the members whose certificate is
valid today (`register.entries`); the open-data exports hold the same rows as the page,
all of them rather than one page. The verification page, behind the QR code on the
certificate, tells anyone what a number's status is on a day, computed, never stored.
"""

import csv
import datetime

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.common.dates import DAY_FORMAT, parse_day
from kwaliteitslabel.members.models import Province, WorkType

from . import register, status
from .models import number_problem
from .public_cache import cached, verification

PER_PAGE = 25
# The register's filters as the page, the exports and their links name them.
REGISTER_PARAMS = ("q", "plaats", "werksoort", "provincie")
SELECT = "utrecht-select utrecht-select--html-select"
TEXT = "utrecht-textbox utrecht-textbox--html-input"

# What each status means for whoever checks a certificate (Bijlage 6 stap 9c en 17).
MEANING = {
    status.VALID: "Het certificaat is geldig. De organisatie heeft het Kwaliteitslabel Sterk "
    "Sociaal Werk, staat in het Kwaliteitsregister en mag naar het label verwijzen.",
    status.PENDING: "Het certificaat is uitgereikt, maar nog niet ingegaan. Tot de "
    "certificeringsdatum geldt het nog niet.",
    status.SUSPENDED: "Het certificaat is opgeschort, omdat een hertoetsing of een aanvullend "
    "onderzoek nog loopt. Zolang de opschorting duurt, mag de organisatie niet naar het "
    "kwaliteitslabel verwijzen en staat zij niet als gecertificeerd in het register.",
    status.LAPSED: "Het certificaat is vervallen. De organisatie is uit het Kwaliteitsregister "
    "gehaald en mag niet meer naar het kwaliteitslabel verwijzen.",
    status.SUPERSEDED: "Dit certificaat is vervangen door een nieuw certificaat. Kijk bij het "
    "nieuwe certificaat wat nu geldt.",
}


class RegisterFilterForm(forms.Form):
    """The register's search and filters (a GET form: the URL can be shared)."""

    q = forms.CharField(
        label="Zoeken",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "class": TEXT, "aria-describedby": "q-hint"}
        ),
    )
    plaats = forms.ChoiceField(
        label="Plaats", required=False, widget=forms.Select(attrs={"class": SELECT})
    )
    werksoort = forms.ModelChoiceField(
        label="Werksoort",
        queryset=WorkType.objects.all(),
        required=False,
        empty_label="Alle",
        widget=forms.Select(attrs={"class": SELECT}),
    )
    provincie = forms.ChoiceField(
        label="Provincie",
        choices=[("", "Alle"), *Province.choices],
        required=False,
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args, towns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plaats"].choices = [("", "Alle"), *((t, t) for t in towns)]

    def criteria(self) -> register.RegisterFilter:
        """What to filter on; a value that does not fit (an old link) is left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        work_type = data.get("werksoort")
        return register.RegisterFilter(
            q=(data.get("q") or "").strip(),
            town=data.get("plaats") or "",
            work_type=work_type.pk if work_type else None,
            province=data.get("provincie") or "",
        )


class CheckForm(forms.Form):
    """ "Certificaat controleren": type a number, go to its verification page."""

    nummer = forms.CharField(
        label="Certificaatnummer",
        max_length=24,
        help_text="Zoals KSSW-2026-0007. Het staat op het certificaat, onder de QR-code.",
        widget=forms.TextInput(attrs={"class": TEXT, "autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Vul een certificaatnummer in."},
    )

    def clean_nummer(self):
        number = self.cleaned_data["nummer"].strip().upper()
        if number_problem(number):
            raise forms.ValidationError(
                number_problem(self.cleaned_data["nummer"]), code="malformed"
            )
        return number


def _filters(request) -> tuple[RegisterFilterForm, register.RegisterFilter]:
    form = RegisterFilterForm(request.GET, towns=register.towns())
    return form, form.criteria()


@cached(*REGISTER_PARAMS, "nummer", "pagina")
def register_page(request):
    check = CheckForm(request.GET if "nummer" in request.GET else None)
    if check.is_bound and check.is_valid():
        return redirect("certificates:verify", number=check.cleaned_data["nummer"])
    form, criteria = _filters(request)
    page = Paginator(register.entries(criteria), PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    query.pop("nummer", None)
    return render(
        request,
        "certificates/register.html",
        {
            "filters": form,
            "filtered": criteria.active,
            "page": page,
            "entries": [(c, register.scope_text(c)) for c in page.object_list],
            "query": query.urlencode(),
            "check": check,
            "today": timezone.localdate(),
        },
        status=400 if check.is_bound else 200,
    )


CSV_HEADER = [
    ("number", "certificaatnummer"),
    ("member", "organisatie"),
    ("town", "plaats"),
    ("province", "provincie"),
    ("scope", "werksoorten"),
    ("whole_organisation", "hele organisatie"),
    ("framework", "normenkader"),
    ("body", "certificerende instelling"),
    ("valid_from", "certificeringsdatum"),
    ("valid_until", "geldig tot"),
    ("externally_audited", "extern getoetst"),
    ("verification_url", "controle"),
]


def _csv_value(value):
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@cached(*REGISTER_PARAMS)
def register_csv(request):
    """The register as CSV (UTF-8 with a byte order mark, so Excel reads the ë and â)."""
    _, criteria = _filters(request)
    today = timezone.localdate()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kwaliteitsregister-{today}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([label for _, label in CSV_HEADER])
    for certificate in register.entries(criteria, today):
        row = register.row(certificate)
        writer.writerow([_csv_value(row[key]) for key, _ in CSV_HEADER])
    return response


@cached(*REGISTER_PARAMS)
def register_json(request):
    """The register as JSON: the day, the count and the entries (the API's entry shape)."""
    _, criteria = _filters(request)
    today = timezone.localdate()
    rows = [register.row(c) for c in register.entries(criteria, today)]
    response = JsonResponse(
        {"date": today.isoformat(), "count": len(rows), "entries": rows},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@verification("date")
def verify(request, number):
    """What a certificate number stands for, and its status on a day (today by default)."""
    if problem := number_problem(number):
        if not number_problem(number.strip().upper()):
            url = reverse("certificates:verify", args=[number.strip().upper()])
            query = request.GET.urlencode()
            return redirect(f"{url}?{query}" if query else url)
        return _verify_error(request, number, problem)
    today = timezone.localdate()
    raw_day = request.GET.get("date")
    day = today if raw_day in (None, "") else parse_day(raw_day)
    if day is None:
        return _verify_error(
            request,
            number,
            f"‘{raw_day}’ is geen datum. {DAY_FORMAT}",
            date_error=True,
            date_value=raw_day,
        )
    certificate = register.certificate(number)
    if certificate is None:
        return render(
            request,
            "certificates/verify.html",
            {"number": number, "not_found": True, "check": CheckForm()},
            status=404,
        )
    state = status.status_of(certificate, day)
    successor = certificate.continued_by() if state == status.SUPERSEDED else None
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "number": number,
            "scope": register.scope_text(certificate),
            "state": state,
            "label": status.LABELS[state],
            "meaning": MEANING[state],
            "successor": successor,
            "day": day,
            "today": today,
            "date_value": day.isoformat(),
        },
    )


def _verify_error(request, number, message, date_error=False, date_value=""):
    return render(
        request,
        "certificates/verify.html",
        {
            "number": number,
            "error": message,
            "date_error": date_error,
            "date_value": date_value,
            "check": CheckForm(),
        },
        status=400,
    )
