"""The project's URLs plus `/bench/bare/`, for the load test only (bench_load.py selects it
through load_settings.py), so the production URLs never carry the bare view.

The bare view returns a fixed response through the same middleware as every page: the load
test divides each page's rate by its rate, which leaves the platform's own work.
"""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("kwaliteitslabel.urls")),
]
