from django.urls import include, path

from . import views
from .api.main import api
from .common.health import health

# The public's most asked addresses first (the register, the verification, the API): a request
# walks the patterns in order, and these answer at a rate close to a bare view (issue 11).
urlpatterns = [
    path("", views.home, name="home"),
    path("gezond/", health, name="health"),
    path("api/v1/", api.urls),
    path("", include("kwaliteitslabel.certificates.urls")),
    path("", include("kwaliteitslabel.frameworks.urls")),
    path("", include("kwaliteitslabel.audits.urls")),
    path("", include("kwaliteitslabel.reports.urls")),
    path("", include("kwaliteitslabel.trends.urls")),
    path("account/", include("allauth.urls")),
    path("mijn/", include("kwaliteitslabel.accounts.urls")),
    path("uitnodiging/", include("kwaliteitslabel.accounts.invitation_urls")),
    path("zelfevaluatie/", include("kwaliteitslabel.selfassessment.urls")),
    path("beheer/leden/", include("kwaliteitslabel.members.urls")),
    path("beheer/instellingen/", include("kwaliteitslabel.bodies.urls")),
]
