"""The public invitation link (/uitnodiging/<token>/), outside the logged-in /mijn/ pages."""

from django.urls import path

from . import views

app_name = "invitations"
urlpatterns = [
    path("<str:token>/", views.accept_invitation, name="accept"),
]
