"""The findings as a Word file to edit offline (issue 8, item 4); names in `reports`.

The upload is not under "bevindingen/": there audits' "bevindingen/<code>/" (one norm) would
take "uploaden" for a norm code and answer 404.
"""

from django.urls import path

from . import views_roundtrip

urlpatterns = [
    path(
        "toetsingen/<int:pk>/bevindingen.docx",
        views_roundtrip.findings_docx,
        name="findings_docx",
    ),
    path(
        "toetsingen/<int:pk>/bevindingen-uploaden/",
        views_roundtrip.findings_upload,
        name="findings_upload",
    ),
]
