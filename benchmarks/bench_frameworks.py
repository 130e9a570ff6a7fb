"""Times the framework operations that every page and audit will lean on; prints figures.

Run with `make bench`. Uses a throw-away SQLite database under var/.
"""

import time

from common import start_django
from common import timed_ms as timed

start_django()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from kwaliteitslabel.frameworks import loader  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    loader.load()
    first_load = (time.perf_counter() - start) * 1000
    reload_median, _ = timed(loader.load, repeat=5)
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"load_frameworks, empty database: {first_load:8.1f} ms")
    print(f"load_frameworks, unchanged data: {reload_median:8.1f} ms (median of 5)")
    for url in [
        "/normenkaders/2019/",
        "/normenkaders/2019/V12/",
        "/normenkaders/2019/vergelijking/iso-9001-2015/",
        "/zoeken/?q=klant",
        "/api/v1/frameworks/2019/norms",
        "/api/v1/frameworks/2019/crosswalk/iso-9001-2015",
    ]:
        assert client.get(url).status_code == 200, url
        median, best = timed(lambda url=url: client.get(url))
        print(f"GET {url:50s} median {median:6.1f} ms, best {best:6.1f} ms")


if __name__ == "__main__":
    main()
