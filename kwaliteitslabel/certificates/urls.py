from django.urls import path

from . import urls_documents, urls_lifecycle, urls_register, views

app_name = "certificates"

urlpatterns = [
    *urls_register.urlpatterns,  # the public's, most asked: first (kwaliteitslabel/urls.py)
    path("certificaten/uitreiken/", views.inbox, name="inbox"),
    path("toetsingen/<int:pk>/certificaat-uitreiken/", views.issue, name="issue"),
    path("certificaten/", views.overview, name="overview"),
    # Before the certificate's page: "certificaten/<number>/" would take their paths.
    *urls_lifecycle.urlpatterns,
    path("certificaten/<str:number>/", views.detail, name="detail"),
    *urls_documents.urlpatterns,
]
