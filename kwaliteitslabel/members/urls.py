from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="member_list"),
    path("nieuw/", views.member_create, name="member_create"),
    path("werksoorten/", views.work_type_list, name="work_type_list"),
    path("werksoorten/<int:pk>/wijzigen/", views.work_type_edit, name="work_type_edit"),
    path("<int:pk>/", views.member_detail, name="member_detail"),
    path("<int:pk>/wijzigen/", views.member_edit, name="member_edit"),
    path("<int:pk>/geschiedenis/", views.member_history, name="member_history"),
    path("<int:pk>/locaties/nieuw/", views.location_create, name="location_create"),
    path(
        "<int:pk>/locaties/<int:location_pk>/wijzigen/",
        views.location_edit,
        name="location_edit",
    ),
]
