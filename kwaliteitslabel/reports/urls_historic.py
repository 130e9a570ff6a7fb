"""The historic reports' pages (issue 8, item 8); included by reports/urls.py (app "reports")."""

from django.urls import path

from . import views_historic as views

urlpatterns = [
    path("rapporten/historisch/", views.historic_list, name="historic_list"),
    path("rapporten/historisch/sjabloon.xlsx", views.historic_template, name="historic_template"),
    path("rapporten/historisch/importeren/", views.historic_import, name="historic_import"),
]
