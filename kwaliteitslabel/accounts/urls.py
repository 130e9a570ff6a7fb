from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("uitnodigen/swn/", views.invite_swn, name="invite_swn"),
    path("uitnodigen/<str:kind>/<int:pk>/", views.invite, name="invite"),
    path("gedragscode/", views.code_of_conduct_view, name="code_of_conduct"),
]
