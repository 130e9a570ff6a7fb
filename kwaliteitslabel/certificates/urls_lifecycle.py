"""The certificates' lifecycle pages (issue 9 item 5), spliced into `certificates:`."""

from django.urls import path

from . import views_lifecycle

urlpatterns = [
    path(
        "certificaten/herinneringsmomenten/",
        views_lifecycle.reminders,
        name="reminders",
    ),
]
