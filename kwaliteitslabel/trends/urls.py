from django.urls import path

from . import views, views_summary

app_name = "trends"

urlpatterns = [
    path("trends/", views.norms, name="norms"),
    path("trends/normen.csv", views.norms_csv, name="norms_csv"),
    path("trends/normen.xlsx", views.norms_xlsx, name="norms_xlsx"),
    path("trends/samenvatting.pdf", views_summary.summary_pdf, name="summary_pdf"),
]
