"""The evaluation form (Bijlage 9 "Werkwijze"), built from the questions in the data file."""

from django import forms

from . import evaluation


class EvaluationForm(forms.Form):
    """One field per question: a 1-5 choice (required) or an open text (optional)."""

    def __init__(self, *args, questionnaire: evaluation.Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        for q in questionnaire.questions:
            if q.is_scale:
                choices = [
                    (n, f"{n}: {q.low}" if n == 1 else f"{n}: {q.high}" if n == 5 else str(n))
                    for n in evaluation.SCALE
                ]
                self.fields[q.key] = forms.TypedChoiceField(
                    label=q.text,
                    choices=choices,
                    coerce=int,
                    widget=forms.RadioSelect,
                    help_text=f"1 is {q.low}, 5 is {q.high}.",
                    error_messages={
                        "required": evaluation.missing_message(q),
                        "invalid_choice": evaluation.out_of_range_message(q),
                    },
                )
            else:
                self.fields[q.key] = forms.CharField(
                    label=q.text,
                    required=False,
                    max_length=evaluation.TEXT_MAX,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    error_messages={"max_length": evaluation.too_long_message(q)},
                )

    def answers(self) -> dict:
        return {q.key: self.cleaned_data[q.key] for q in self.questionnaire.questions}
