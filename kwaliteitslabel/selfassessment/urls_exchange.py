from django.urls import path

from . import views_exchange as views

urlpatterns = [
    path("<int:pk>/delen/", views.share, name="share"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("gedeeld/", views.shared_list, name="shared_list"),
    path("gedeeld/<int:share_pk>/", views.give_feedback, name="give_feedback"),
]
