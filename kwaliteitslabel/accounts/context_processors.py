from kwaliteitslabel.bodies import rules as bodies
from kwaliteitslabel.members import rules as members

from . import rules


def navigation(request):
    """What the main menu offers this person; the rules decide, templates only show."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "dashboard": True,
            "members": members.can_list_members(user),
            "bodies": bodies.can_list_bodies(user),
            "roles": rules.assignments(user),
        }
    }
