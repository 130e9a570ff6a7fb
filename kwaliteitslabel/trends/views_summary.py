"""The trends as a one-page A4 PDF for a committee meeting (issue 10 item 6), with the
filters of the page. Tagged PDF/UA-1 like the certificate and the audit report
(`certificates/pdf.py`, `reports/pdf.py`): the HTML has a language, a title, headings,
table headers and text alternatives for the charts."""

from django.http import HttpResponse
from django.template.loader import render_to_string

from kwaliteitslabel.common.access import require

from . import exports, rules
from .forms import filters_from
from .shares import COUNTED
from .summary import Summary, summary


def html(found: Summary) -> str:
    return render_to_string(
        "trends/summary.html",
        {
            "summary": found,
            "min_group": rules.MIN_GROUP,
            "verdicts": COUNTED,
            "title": f"Trends in de sector: samenvatting, normenkader {found.filters.framework}",
        },
    )


def document(found: Summary):
    """WeasyPrint's laid-out document: its `pages` are what a test counts."""
    # Imported here: WeasyPrint loads Pango on import, which only the exports need.
    from weasyprint import HTML

    return HTML(string=html(found)).render(pdf_variant="pdf/ua-1")


@require(rules.can_read_trends)
def summary_pdf(request):
    form, filters = filters_from(request)
    if filters is None:
        return exports.refused(form)
    found = summary(filters, request.GET.urlencode())
    response = HttpResponse(
        document(found).write_pdf(pdf_variant="pdf/ua-1"), content_type="application/pdf"
    )
    name = f"trends-samenvatting-{filters.framework}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
