from django.shortcuts import render

from kwaliteitslabel.common.access import require

from . import rules
from .models import Member


@require(rules.can_list_members)
def member_list(request):
    return render(request, "members/member_list.html", {"members": Member.objects.all()})
