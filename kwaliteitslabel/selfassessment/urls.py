"""The self-assessment's pages; each part keeps its own list of routes."""

from .urls_consolidation import urlpatterns as consolidation
from .urls_exchange import urlpatterns as exchange
from .urls_export import urlpatterns as export
from .urls_team import urlpatterns as team

app_name = "selfassessment"
urlpatterns = team + consolidation + exchange + export
