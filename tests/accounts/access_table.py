from tests.world import ROLES

ACCESS = [
    ("accounts:dashboard", lambda w: {}, set(ROLES)),
]
