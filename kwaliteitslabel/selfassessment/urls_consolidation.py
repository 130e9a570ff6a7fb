from django.urls import path

from . import views_consolidation as views

urlpatterns = [
    path("<int:pk>/vaststellen/", views.consolidate, name="consolidate"),
    path("<int:pk>/vaststellen/<str:code>/", views.consolidate_norm, name="consolidate_norm"),
    path("<int:pk>/gereedheid/", views.readiness_page, name="readiness"),
    path("<int:pk>/afronden/", views.close, name="close"),
    path("<int:pk>/uitstel/", views.postpone, name="postpone"),
    path("<int:pk>/vergelijking/", views.compare, name="compare"),
]
