from django.shortcuts import render

from kwaliteitslabel.common.access import login_required


@login_required
def dashboard(request):
    return render(request, "accounts/dashboard.html", {})
