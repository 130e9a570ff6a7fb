from django.urls import path

from . import views_export as views

urlpatterns = [
    path("<int:pk>/zelfevaluatie.pdf", views.export_pdf, name="export_pdf"),
    path("<int:pk>/zelfevaluatie.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/inlezen/", views.import_xlsx, name="import_xlsx"),
]
