"""`/gezond/`: whether this app process answers and reaches its database.

For a load balancer or the container's health check: plain text, never cached, no log-in, and
nothing about the platform's data in it. Exempt from the https redirect (settings.py), since a
health check inside the network speaks plain http.
"""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

TEXT = "text/plain; charset=utf-8"


@never_cache
@require_safe
def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database onbereikbaar\n", status=503, content_type=TEXT)
    return HttpResponse("ok\n", content_type=TEXT)
