from django.urls import path

from . import views, views_audit

app_name = "audits"
urlpatterns = [
    path("rekenhulp/", views.calculator_page, name="calculator"),
    path("scopes/lid/<int:member_pk>/", views.scope_list, name="scope_list"),
    path("scopes/lid/<int:member_pk>/nieuw/", views.scope_create, name="scope_create"),
    path("scopes/<int:pk>/", views.scope_detail, name="scope_detail"),
    path("scopes/<int:pk>/wijzigen/", views.scope_edit, name="scope_edit"),
    path("scopes/<int:pk>/verwijderen/", views.scope_delete, name="scope_delete"),
    path("beheer/voltijdweek/", views.full_time_week, name="full_time_week"),
    path("toetsingen/", views_audit.audit_list, name="audit_list"),
    path("toetsingen/aanvragen/<int:member_pk>/", views_audit.audit_request, name="audit_request"),
    path("toetsingen/<int:pk>/", views_audit.audit_detail, name="audit_detail"),
    path("toetsingen/<int:pk>/beoordelen/", views_audit.audit_decide, name="audit_decide"),
    path("toetsingen/<int:pk>/dagen/", views_audit.audit_days, name="audit_days"),
    path("toetsingen/<int:pk>/team/", views_audit.audit_team, name="audit_team"),
    path("toetsingen/<int:pk>/verklaring/", views_audit.audit_declare, name="audit_declare"),
    path("toetsingen/<int:pk>/starten/", views_audit.audit_start, name="audit_start"),
]
