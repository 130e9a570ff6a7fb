"""The self-assessment as a PDF: the consolidated answers, explanations and the readiness chart."""

from django.template.loader import render_to_string
from django.utils import timezone

from .readiness import CHART_HEIGHT, consolidations_of, norms_of, readiness


def render(self_assessment) -> bytes:
    # Imported here: WeasyPrint loads Pango on import, which only this export needs.
    from weasyprint import HTML

    sa = self_assessment
    given = consolidations_of(sa)
    rows = [{"norm": norm, "given": given.get(norm.pk)} for norm in norms_of(sa.framework)]
    html = render_to_string(
        "selfassessment/pdf.html",
        {
            "sa": sa,
            "member": sa.member,
            "result": readiness(sa),
            "rows": rows,
            "chart_height": CHART_HEIGHT,
            "printed": timezone.localtime(),
        },
    )
    return HTML(string=html).write_pdf()
