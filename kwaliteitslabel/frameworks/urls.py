from django.urls import path, register_converter

from . import views


class NormCodeConverter:
    regex = "[VDOvdo][0-9]{1,2}"

    def to_python(self, value):
        return value.upper()

    def to_url(self, value):
        return value


register_converter(NormCodeConverter, "normcode")

app_name = "frameworks"
urlpatterns = [
    path("normenkaders/", views.framework_list, name="framework_list"),
    path("normenkaders/<slug:version>/", views.framework_detail, name="framework_detail"),
    path("normenkaders/<slug:version>/terminologie/", views.terminology, name="terminology"),
    path(
        "normenkaders/<slug:version>/vergelijking/<slug:slug>/", views.crosswalk, name="crosswalk"
    ),
    path("normenkaders/<slug:version>/<normcode:code>/", views.norm_detail, name="norm_detail"),
    path("branchecode/", views.branch_code, name="branch_code"),
    path("zoeken/", views.search, name="search"),
]
