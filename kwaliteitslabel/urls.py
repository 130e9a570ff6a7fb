from django.urls import include, path

from . import views
from .api.main import api

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("kwaliteitslabel.frameworks.urls")),
    path("api/v1/", api.urls),
]
