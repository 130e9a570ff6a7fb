from tests.world import EVERYONE

ACCESS = [
    # The load balancer's health check: no log-in, no data (kwaliteitslabel/common/health.py).
    ("health", lambda w: {}, EVERYONE),
]
