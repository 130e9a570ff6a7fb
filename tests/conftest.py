import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The frameworks are shipped data: every test database starts with them loaded."""
    with django_db_blocker.unblock():
        call_command("load_frameworks", verbosity=0)
