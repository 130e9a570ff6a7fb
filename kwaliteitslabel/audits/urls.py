from django.urls import path

from . import (
    views,
    views_audit,
    views_cluster,
    views_evaluation,
    views_findings,
    views_plan,
    views_report,
)

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
    path("toetsingen/clusters/", views_cluster.cluster_list, name="cluster_list"),
    path("toetsingen/clusters/nieuw/", views_cluster.cluster_create, name="cluster_create"),
    path("toetsingen/clusters/<int:pk>/", views_cluster.cluster_detail, name="cluster_detail"),
    path(
        "toetsingen/clusters/<int:pk>/rotatie/",
        views_cluster.cluster_rotation,
        name="cluster_rotation",
    ),
    path(
        "toetsingen/clusters/<int:pk>/verwijderen/",
        views_cluster.cluster_delete,
        name="cluster_delete",
    ),
    path(
        "toetsingen/<int:pk>/gesprekken-en-documenten/",
        views_findings.audit_sources,
        name="audit_sources",
    ),
    path("toetsingen/<int:pk>/concept-versturen/", views_report.report_send, name="report_send"),
    path("toetsingen/<int:pk>/reageren/", views_report.report_react, name="report_react"),
    path(
        "toetsingen/<int:pk>/definitief-maken/",
        views_report.report_finalize,
        name="report_finalize",
    ),
    path("toetsingen/<int:pk>/bevindingen/", views_findings.findings_overview, name="findings"),
    path(
        "toetsingen/<int:pk>/bevindingen/wijzigingen/",
        views_findings.findings_history,
        name="findings_history",
    ),
    path(
        "toetsingen/<int:pk>/bevindingen/vaststellen/",
        views_findings.findings_close,
        name="findings_close",
    ),
    path(
        "toetsingen/<int:pk>/bevindingen/<str:code>/", views_findings.finding_edit, name="finding"
    ),
    path(
        "toetsingen/evaluaties/", views_evaluation.evaluation_overview, name="evaluation_overview"
    ),
    path(
        "toetsingen/<int:pk>/evaluatie/", views_evaluation.evaluation_form, name="evaluation_form"
    ),
    path(
        "toetsingen/<int:pk>/evaluatie/team/",
        views_evaluation.evaluation_named,
        name="evaluation_named",
    ),
    path(
        "toetsingen/<int:pk>/evaluatie/anoniem/",
        views_evaluation.evaluation_anonymous,
        name="evaluation_anonymous",
    ),
    path("toetsingen/<int:pk>/verbeterplan/", views_plan.plan_page, name="plan"),
    path("toetsingen/<int:pk>/verbeterplan/afzien/", views_plan.plan_decline, name="plan_decline"),
    path(
        "toetsingen/<int:pk>/verbeterplan/vervolgstappen/",
        views_plan.plan_talks,
        name="plan_talks",
    ),
    path("toetsingen/<int:pk>/aanvullend-onderzoek/", views_plan.follow_up, name="follow_up"),
    path("toetsingen/<int:pk>/deel-a-versturen/", views_plan.summary_send, name="summary_send"),
]
