from django.urls import path

from . import views_register

urlpatterns = [
    # The short address behind the QR code on the certificate.
    path("c/<str:number>/", views_register.verify, name="verify"),
]
