"""The body admin's API tokens: list, make (the secret shown once), revoke (issue 11 item 1).

A body outside the user's allowed set answers 404; a body the user sees but may not make
tokens for (an auditor, SWN) answers 403, as the other body pages do.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers

from kwaliteitslabel.common.access import get_allowed, login_required

from . import rules, tokens
from .models import CertificationBody
from .models_tokens import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Naam",
        max_length=100,
        help_text="Waar de sleutel voor is, bijvoorbeeld ‘planningssysteem’ of ‘rapportagetool’.",
        error_messages={
            "required": "Geef de sleutel een naam.",
            "max_length": "Gebruik hoogstens 100 tekens.",
        },
    )


def _body(request, pk) -> CertificationBody:
    body = get_allowed(CertificationBody.objects.all(), rules.can_view_body, request.user, pk=pk)
    if not rules.can_manage_tokens(request.user, body):
        raise PermissionDenied
    return body


@login_required
def token_list(request, pk):
    body = _body(request, pk)
    rows = ApiToken.objects.filter(body=body).select_related("created_by", "revoked_by")
    return render(request, "bodies/token_list.html", {"body": body, "tokens": rows})


@login_required
def token_create(request, pk):
    body = _body(request, pk)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        name = form.cleaned_data["name"].strip()
        try:
            token, secret = tokens.make(body, name, request.user)
        except tokens.NameTaken:
            form.add_error("name", "Er is al een geldige sleutel met deze naam. Kies een andere.")
        else:
            # Shown in this answer only, never stored: a reload does not show it again.
            response = render(
                request,
                "bodies/token_created.html",
                {"body": body, "token": token, "secret": secret},
            )
            add_never_cache_headers(response)
            return response
    return render(
        request,
        "bodies/token_form.html",
        {"body": body, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
def token_revoke(request, pk, token_pk):
    body = _body(request, pk)
    token = get_object_or_404(ApiToken, pk=token_pk, body=body)
    if request.method == "POST" and token.is_active:
        tokens.revoke(token, request.user)
        messages.success(
            request, f"De sleutel ‘{token.name}’ is ingetrokken; hij werkt vanaf nu niet meer."
        )
        return redirect("bodies:token_list", pk=body.pk)
    if not token.is_active:
        messages.info(request, f"De sleutel ‘{token.name}’ was al ingetrokken.")
        return redirect("bodies:token_list", pk=body.pk)
    return render(request, "bodies/token_revoke.html", {"body": body, "token": token})
