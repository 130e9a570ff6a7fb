"""The reminder moments SWN sets (Bijlage 6 stap 16; issue 9 item 5).

"Verschillende keren voor de vervaldatum" SWN reminds the member of the re-audit; the
sources set no moments, so the secretariat does, from a date on. The daily round
(`lifecycle.run`) uses the schedule in force on its day, or the data file's default.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from kwaliteitslabel.common.access import require

from . import rules
from .models import ReminderSchedule
from .terms import terms


class ReminderForm(forms.Form):
    valid_from = forms.DateField(
        label="Geldig vanaf",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Vanaf deze dag stuurt de dagelijkse ronde herinneringen op deze momenten.",
        error_messages={
            "required": "Geldig vanaf: vul een datum in.",
            "invalid": "Geldig vanaf: vul een datum in, zoals 1-3-2027.",
        },
    )
    months = forms.CharField(
        label="Maanden voor de vervaldatum",
        max_length=40,
        help_text="Bijvoorbeeld ‘9, 6, 3, 1’: een herinnering 9, 6, 3 en 1 maand voor de "
        "vervaldatum. Hele getallen van 1 tot en met 24, gescheiden door komma's.",
        error_messages={"required": "Maanden voor de vervaldatum: noem ten minste één moment."},
    )

    def clean_valid_from(self):
        day = self.cleaned_data["valid_from"]
        if day < timezone.localdate():
            raise forms.ValidationError(
                "Geldig vanaf: kies vandaag of een latere dag. Verstuurde herinneringen "
                "veranderen niet meer; een datum in het verleden zou de geschiedenis onjuist maken."
            )
        if ReminderSchedule.objects.filter(valid_from=day).exists():
            raise forms.ValidationError(
                f"Geldig vanaf: voor {day:%d-%m-%Y} zijn al herinneringsmomenten vastgelegd. "
                "Kies een andere datum."
            )
        return day

    def clean_months(self):
        parts = [p.strip() for p in self.cleaned_data["months"].replace(";", ",").split(",")]
        parts = [p for p in parts if p]
        if not parts:
            raise forms.ValidationError("Maanden voor de vervaldatum: noem ten minste één moment.")
        most = 12 * terms().validity_years  # no moment before the certificate began
        wrong = [p for p in parts if not p.isdigit() or not 1 <= int(p) <= most]
        if wrong:
            raise forms.ValidationError(
                f"Maanden voor de vervaldatum: {', '.join(f'‘{p}’' for p in wrong)} "
                f"{'is geen' if len(wrong) == 1 else 'zijn geen'} heel getal van 1 tot en met "
                f"{most}. Schrijf bijvoorbeeld 9, 6, 3, 1."
            )
        return ", ".join(str(m) for m in sorted({int(p) for p in parts}, reverse=True))


@require(rules.can_set_reminders)
def reminders(request):
    today = timezone.localdate()
    form = ReminderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        schedule = ReminderSchedule.objects.create(set_by=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"Vastgelegd: herinneringen {schedule.months} maanden voor de vervaldatum, "
            f"vanaf {schedule.valid_from:%d-%m-%Y}.",
        )
        return redirect("certificates:reminders")
    schedules = list(ReminderSchedule.objects.select_related("set_by"))
    in_force = next((s for s in schedules if s.valid_from <= today), None)
    return render(
        request,
        "certificates/reminders.html",
        {
            "form": form,
            "in_force": in_force,
            "planned": [s for s in schedules if s.valid_from > today],
            "earlier": [s for s in schedules if s.valid_from <= today and s != in_force],
            "default": ", ".join(str(m) for m in terms().reminder_months),
            "notice_days": terms().notice_days,
            "today": today,
        },
        status=400 if form.is_bound else 200,
    )
