from django.urls import path

from . import urls_historic, urls_roundtrip, views, views_review

app_name = "reports"
urlpatterns = [
    path("toetsingen/<int:pk>/rapport/deel-a/", views.part_a, name="part_a"),
    path("toetsingen/<int:pk>/rapport/deel-b/", views.part_b, name="part_b"),
    path("toetsingen/<int:pk>/rapport/schrijven/", views.write, name="write"),
    path("toetsingen/<int:pk>/rapport.pdf", views.report_pdf, name="pdf"),
    path("toetsingen/<int:pk>/rapport.docx", views.report_docx, name="docx"),
    path(
        "toetsingen/<int:pk>/rapport/deel-b-opvragen/", views.request_part_b, name="request_part_b"
    ),
    path("toetsingen/<int:pk>/rapport/controle/", views.check, name="check"),
    path(
        "toetsingen/<int:pk>/rapport/correcties/",
        views_review.correction_list,
        name="corrections",
    ),
    path("toetsingen/<int:pk>/rapport/versies/", views_review.version_list, name="versions"),
]
urlpatterns += urls_historic.urlpatterns
urlpatterns += urls_roundtrip.urlpatterns
