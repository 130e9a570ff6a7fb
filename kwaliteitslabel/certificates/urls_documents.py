"""The certificate as a PDF, the press kit and the label's logo (issue 9 item 2)."""

from django.urls import path

from . import views_documents

urlpatterns = [
    path("certificaten/<str:number>/certificaat.pdf", views_documents.pdf, name="pdf"),
    path(
        "certificaten/<str:number>/persbericht.docx",
        views_documents.press_release,
        name="press_release",
    ),
    path(
        "certificaten/<str:number>/uitnodiging.docx", views_documents.invitation, name="invitation"
    ),
    path("certificaten/<str:number>/logo.png", views_documents.logo, name="logo"),
    path(
        "certificaten/<str:number>/logo.svg",
        views_documents.logo,
        {"extension": "svg"},
        name="logo_svg",
    ),
]
