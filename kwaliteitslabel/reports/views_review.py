"""The concept round's pages: corrections per field or norm, answers, versions (item 3)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from kwaliteitslabel.audits.views_audit import _audit, _refused
from kwaliteitslabel.audits.workflow import Refused
from kwaliteitslabel.common.access import login_required

from . import content, corrections, rules, versions
from .models_review import Correction, ReportVersion


class CorrectionForm(forms.Form):
    target = forms.ChoiceField(
        label="Waarover", error_messages={"required": "Kies een veld of norm."}
    )
    comment = forms.CharField(
        label="Feitelijke onjuistheid",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wat klopt er niet, en hoe is het wel? Het oordeel zelf is aan de instelling.",
        error_messages={"required": "Schrijf wat niet klopt en hoe het wel is."},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "kies"), *choices]


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label="Antwoord",
        choices=[
            (Correction.Decision.ACCEPTED, "overnemen"),
            (Correction.Decision.REJECTED, "niet overnemen"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Kies overnemen of niet overnemen."},
    )
    reply = forms.CharField(
        label="Toelichting aan het lid",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Schrijf een antwoord aan het lid."},
    )


@login_required
def correction_list(request, pk):
    audit = _audit(request, pk, rules.can_read_corrections)
    user = request.user
    choices = corrections.targets(content.build(audit))
    names = dict(choices)
    may_correct, may_answer = rules.can_correct(user, audit), rules.can_answer(user, audit)
    form = CorrectionForm(
        request.POST if request.POST.get("action") == "add" else None, choices=choices
    )
    answer_forms = {}
    status = 200
    items = list(Correction.objects.filter(audit=audit).select_related("created_by", "replied_by"))
    for item in items:
        if may_answer and item.decision == Correction.Decision.OPEN:
            bound = request.POST.get("action") == f"answer-{item.pk}"
            answer_forms[item.pk] = AnswerForm(
                request.POST if bound else None, prefix=f"c{item.pk}"
            )
    if request.method == "POST":
        action = request.POST.get("action", "")
        answering = next((i for i in items if action == f"answer-{i.pk}"), None)
        if action == "add" and may_correct:
            posted = form
        elif answering is not None and answering.pk in answer_forms:
            posted = answer_forms[answering.pk]
        else:
            raise PermissionDenied
        if posted.is_valid():
            data = posted.cleaned_data
            try:
                if answering is None:
                    corrections.add(audit, user, data["target"], data["comment"])
                    done = "De correctie staat erbij. Verstuur uw reactie als u klaar bent."
                else:
                    corrections.answer(answering, user, data["decision"], data["reply"])
                    done = (
                        f"Antwoord op {names.get(answering.target, answering.target)} vastgelegd."
                    )
            except Refused as refused:
                _refused(request, refused)
            else:
                messages.success(request, done)
                return redirect("reports:corrections", pk=audit.pk)
        status = 400
    rows = [
        {"item": i, "target": names.get(i.target, i.target), "form": answer_forms.get(i.pk)}
        for i in items
    ]
    return render(
        request,
        "reports/corrections.html",
        {
            "audit": audit,
            "rows": rows,
            "form": form if may_correct else None,
            "may_react": may_correct,
        },
        status=status,
    )


@login_required
def version_list(request, pk):
    audit = _audit(request, pk, rules.can_read_part_b)
    all_versions = list(ReportVersion.objects.filter(audit=audit))
    chosen = None
    changes = []
    number = request.GET.get("versie")
    if number and number.isdigit():
        chosen = get_object_or_404(ReportVersion, audit=audit, number=int(number))
        previous = next((v for v in all_versions if v.number == chosen.number - 1), None)
        if previous:
            changes = versions.differences(previous.content, chosen.content)
    return render(
        request,
        "reports/versions.html",
        {
            "audit": audit,
            "versions": all_versions,
            "chosen": chosen,
            "changes": changes,
            "statuses": dict(audit.Status.choices),
        },
    )
