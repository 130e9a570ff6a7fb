from django.urls import path

from . import views, views_tokens

app_name = "bodies"
urlpatterns = [
    path("", views.body_list, name="body_list"),
    path("nieuw/", views.body_create, name="body_create"),
    path("<int:pk>/", views.body_detail, name="body_detail"),
    path("<int:pk>/wijzigen/", views.body_edit, name="body_edit"),
    path("<int:pk>/geschiedenis/", views.body_history, name="body_history"),
    path("<int:pk>/voorwaarden/nieuw/", views.condition_create, name="condition_create"),
    path(
        "<int:pk>/voorwaarden/<int:condition_pk>/wijzigen/",
        views.condition_edit,
        name="condition_edit",
    ),
    path("<int:pk>/tarieven/nieuw/", views.rate_create, name="rate_create"),
    path("<int:pk>/tarieven/<int:rate_pk>/wijzigen/", views.rate_edit, name="rate_edit"),
    path("<int:pk>/api-sleutels/", views_tokens.token_list, name="token_list"),
    path("<int:pk>/api-sleutels/nieuw/", views_tokens.token_create, name="token_create"),
    path(
        "<int:pk>/api-sleutels/<int:token_pk>/intrekken/",
        views_tokens.token_revoke,
        name="token_revoke",
    ),
]
