"""The production settings (DJANGO_ENV=production in the environment), with the URLconf that
adds the load test's bare view (load_urls.py); nothing else differs."""

from kwaliteitslabel.settings import *  # noqa: F403 - the whole of production, unchanged

ROOT_URLCONF = "load_urls"
