from django.urls import path

from . import views_team as views

urlpatterns = [
    path("start/<int:member_pk>/", views.start, name="start"),
    path("lid/<int:member_pk>/", views.member_list, name="member_list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/antwoorden/", views.answer, name="answer"),
    path("deelnemen/<str:token>/", views.answer_by_link, name="answer_by_link"),
    path("<int:pk>/teamantwoorden/", views.team_answers, name="team_answers"),
]
