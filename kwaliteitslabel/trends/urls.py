from django.urls import path

from . import views, views_selfcheck, views_summary
from .views_durations import durations_csv, durations_page, durations_xlsx
from .views_points import points_confirm, points_csv, points_page, points_xlsx

app_name = "trends"

urlpatterns = [
    path("trends/", views.norms, name="norms"),
    path("trends/normen.csv", views.norms_csv, name="norms_csv"),
    path("trends/normen.xlsx", views.norms_xlsx, name="norms_xlsx"),
    path("trends/samenvatting.pdf", views_summary.summary_pdf, name="summary_pdf"),
    path("trends/zelfevaluatie/", views_selfcheck.selfcheck_page, name="selfcheck"),
    path("trends/zelfevaluatie.csv", views_selfcheck.selfcheck_csv, name="selfcheck_csv"),
    path("trends/zelfevaluatie.xlsx", views_selfcheck.selfcheck_xlsx, name="selfcheck_xlsx"),
    path("trends/zelfevaluatie/mijn/", views_selfcheck.my_selfcheck, name="my_selfcheck"),
    path(
        "trends/zelfevaluatie/mijn.csv", views_selfcheck.my_selfcheck_csv, name="my_selfcheck_csv"
    ),
    path(
        "trends/zelfevaluatie/mijn.xlsx",
        views_selfcheck.my_selfcheck_xlsx,
        name="my_selfcheck_xlsx",
    ),
    path("trends/doorlooptijden/", durations_page, name="durations"),
    path("trends/doorlooptijden.csv", durations_csv, name="durations_csv"),
    path("trends/doorlooptijden.xlsx", durations_xlsx, name="durations_xlsx"),
]
# Strengths and improvement points per norm (issue 10 item 3).
urlpatterns += [
    path("trends/punten/", points_page, name="points"),
    path("trends/punten.csv", points_csv, name="points_csv"),
    path("trends/punten.xlsx", points_xlsx, name="points_xlsx"),
    path("trends/punten/bevestigen/", points_confirm, name="points_confirm"),
]
