from django.shortcuts import redirect
from django.urls import reverse

from . import rules


class RequireMFAMiddleware:
    """CI and SWN roles set up two-factor authentication before they see anything else."""

    ALLOWED_PREFIXES = ("/static/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and rules.needs_mfa(user)
            and not self._allowed(request)
        ):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _allowed(self, request) -> bool:
        path = request.path
        allowed = (
            reverse("mfa_activate_totp"),
            reverse("account_logout"),
            reverse("mfa_view_recovery_codes"),
            reverse("account_reauthenticate"),
        )
        return path.startswith(self.ALLOWED_PREFIXES) or path in allowed
