import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

# The suite's day, a Tuesday: every test runs on it unless it travels to a day of its own, so
# no test depends on the day the suite happens to run (`make test` runs it once more with the
# clock moved by libfaketime to prove it). Browser tests keep the real clock: Chromium does
# not travel, and a session cookie set on another day would have expired for it.
SUITE_DAY = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The frameworks are shipped data: every test database starts with them loaded."""
    with django_db_blocker.unblock():
        call_command("load_frameworks", verbosity=0)


@pytest.fixture(autouse=True)
def suite_day(request):
    """The clock stands at SUITE_DAY and runs on from there (tick), so waits still end."""
    if request.node.get_closest_marker("e2e"):
        yield
        return
    with time_machine.travel(SUITE_DAY, tick=True):
        yield


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hashing with PBKDF2 costs a quarter second a user; tests need no strong hashes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a database rolled back after one test must not
    meet the public answers (certificates.public_cache) or rate counts it left behind."""
    from django.core.cache import cache

    from kwaliteitslabel.certificates import public_cache

    cache.clear()
    public_cache.forget_glances()


@pytest.fixture
def world(db):
    from .world import build_world

    return build_world()


@pytest.fixture
def client_as(client, world):
    """client_as(role) logs the test client in as that role's person ("anonymous": nobody)."""

    def login(role):
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        return client

    return login
