from django.urls import path

from . import views_register

urlpatterns = [
    path("register/", views_register.register_page, name="register"),
    path("register/kwaliteitsregister.csv", views_register.register_csv, name="register_csv"),
    path("register/kwaliteitsregister.json", views_register.register_json, name="register_json"),
    # The short address behind the QR code on the certificate.
    path("c/<str:number>/", views_register.verify, name="verify"),
]
