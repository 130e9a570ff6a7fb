from django.urls import path

from . import views

app_name = "audits"
urlpatterns = [
    path("rekenhulp/", views.calculator_page, name="calculator"),
    path("scopes/lid/<int:member_pk>/", views.scope_list, name="scope_list"),
    path("scopes/lid/<int:member_pk>/nieuw/", views.scope_create, name="scope_create"),
    path("scopes/<int:pk>/", views.scope_detail, name="scope_detail"),
    path("scopes/<int:pk>/wijzigen/", views.scope_edit, name="scope_edit"),
    path("scopes/<int:pk>/verwijderen/", views.scope_delete, name="scope_delete"),
    path("beheer/voltijdweek/", views.full_time_week, name="full_time_week"),
]
