from django.shortcuts import render

from .frameworks.models import Framework


def home(request):
    """What the label is and the seven steps to it (handbook chapter 3)."""
    in_force = (
        Framework.objects.filter(status=Framework.Status.IN_FORCE).order_by("-version").first()
    )
    return render(request, "home.html", {"in_force": in_force})
