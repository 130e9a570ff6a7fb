from django.shortcuts import render

from kwaliteitslabel.common.access import require

from . import rules
from .models import CertificationBody


@require(rules.can_list_bodies)
def body_list(request):
    return render(request, "bodies/body_list.html", {"bodies": CertificationBody.objects.all()})
