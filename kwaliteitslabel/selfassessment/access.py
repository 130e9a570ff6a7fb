from django.core.exceptions import PermissionDenied
from django.http import Http404

from . import rules
from .models import SelfAssessment


def get_self_assessment(request, pk, rule=rules.can_view) -> SelfAssessment:
    """The self-assessment if the user may see it (else 404) and `rule` allows (else 403).

    Use inside views wrapped in common.access.login_required (anonymous: log-in page).
    """
    obj = (
        SelfAssessment.objects.select_related("member", "framework", "scope").filter(pk=pk).first()
    )
    if obj is None or not rules.can_view(request.user, obj):
        raise Http404("Niet gevonden.")
    if not rule(request.user, obj):
        raise PermissionDenied
    return obj
