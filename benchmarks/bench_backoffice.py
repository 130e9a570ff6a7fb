"""Times the calculator, back-office, self-assessment and audit pages on the demo data; prints figures.

Run with `make bench`. Uses a throw-away SQLite database.
"""

import io
import json
import os
import time

from common import start_django
from common import timed_ms as timed

start_django()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from kwaliteitslabel.accounts.models import User  # noqa: E402
from kwaliteitslabel.audits import lifecycle  # noqa: E402
from kwaliteitslabel.audits.models import Audit, Finding, Scope  # noqa: E402
from kwaliteitslabel.selfassessment import workbook  # noqa: E402
from kwaliteitslabel.selfassessment.models import SelfAssessment  # noqa: E402

SELF_ASSESSMENT_PAGES = [
    "gereedheid/",
    "vaststellen/",
    "teamantwoorden/",
    "feedback/",
    "zelfevaluatie.pdf",
    "zelfevaluatie.xlsx",
]


def main():
    call_command("migrate", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    start = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
    print(f"load_demo, empty database: {(time.perf_counter() - start) * 1000:8.1f} ms")
    anonymous = Client(HTTP_HOST="127.0.0.1")
    body = json.dumps({"variant": "peer", "fte": 43.1})
    median, best = timed(
        lambda: anonymous.post(
            "/api/v1/calculator/audit-days", body, content_type="application/json"
        )
    )
    print(
        f"POST /api/v1/calculator/audit-days                median {median:6.1f} ms, best {best:6.1f} ms"
    )
    body = json.dumps({"days": 4, "travel_km": 120})
    median, best = timed(
        lambda: anonymous.post("/api/v1/calculator/cost", body, content_type="application/json")
    )
    print(
        f"POST /api/v1/calculator/cost                      median {median:6.1f} ms, best {best:6.1f} ms"
    )
    sa = SelfAssessment.objects.get()
    pages = {
        "secretariaat@demo.kwaliteitslabel.nl": [
            "/mijn/",
            "/beheer/leden/",
            "/beheer/instellingen/",
        ],
        "lid@demo.kwaliteitslabel.nl": [
            "/mijn/",
            f"/scopes/{Scope.objects.get(member=sa.member).pk}/",
            *(f"/zelfevaluatie/{sa.pk}/{page}" for page in SELF_ASSESSMENT_PAGES),
        ],
    }
    for email, urls in pages.items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(email=email))
        for url in urls:
            assert client.get(url).status_code == 200, url
            median, best = timed(lambda url=url, client=client: client.get(url))
            print(
                f"GET {url:46s} as {email.split('@')[0]:13s} median {median:6.1f} ms, best {best:6.1f} ms"
            )
    _audit_findings()
    _plans()
    content = workbook.export(sa)
    median, best = timed(lambda: workbook.read(sa, UploadedFile(content)))
    print(
        f"check an uploaded Excel file (49 rows)            median {median:6.1f} ms, best {best:6.1f} ms"
    )


def _plans():
    """The demo's route c audit (11 norms in its plan, a follow-up) as its lead sees it, and
    one daily round of `run_lifecycle` over every audit (after the first, nothing is sent)."""
    audit = Audit.objects.get(route="c")
    lead = audit.team.get(role="lead").user
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(lead)
    for url in (f"/toetsingen/{audit.pk}/", f"/toetsingen/{audit.pk}/verbeterplan/"):
        assert client.get(url).status_code == 200, url
        median, best = timed(lambda url=url: client.get(url))
        print(
            f"GET {url:46s} as {lead.name.split()[0]:13s} median {median:6.1f} ms, best {best:6.1f} ms"
        )
    lifecycle.run()
    median, best = timed(lifecycle.run)
    print(
        f"run_lifecycle, a round with nothing new to send    median {median:6.1f} ms, best {best:6.1f} ms"
    )


def _audit_findings():
    """The team's working pages on the demo's combined audit (20 of 49 norms recorded) and
    the closed peer audit, and one autosave of a finding."""
    started = Audit.objects.get(status="started")
    closed = Audit.objects.get(status="findings_closed")
    for audit in (started, closed):
        lead = audit.team.get(role="lead").user
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(lead)
        for url in (
            f"/toetsingen/{audit.pk}/",
            f"/toetsingen/{audit.pk}/bevindingen/",
            f"/toetsingen/{audit.pk}/bevindingen/D5/",
            f"/toetsingen/{audit.pk}/bevindingen/wijzigingen/",
        ):
            assert client.get(url).status_code == 200, url
            median, best = timed(lambda url=url, client=client: client.get(url))
            print(
                f"GET {url:46s} as {lead.name.split()[0]:13s} median {median:6.1f} ms, best {best:6.1f} ms"
            )
    lead = started.team.get(role="lead").user
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(lead)
    finding = started.findings.get(norm__rubric__code="D", norm__number=5)
    url = f"/toetsingen/{started.pk}/bevindingen/D5/"

    def autosave():
        version = Finding.objects.filter(pk=finding.pk).values_list("version", flat=True).get()
        data = {"loaded_version": version, "text": f"Tekst {version}", "verdict": "met"}
        assert client.post(url, data, headers={"X-Autosave": "1"}).status_code == 200

    median, best = timed(autosave)
    print(
        f"autosave a finding (POST, JSON answer)            median {median:6.1f} ms, best {best:6.1f} ms"
    )


class UploadedFile(io.BytesIO):
    """What a view hands workbook.read: a file with a size."""

    @property
    def size(self):
        return len(self.getvalue())


if __name__ == "__main__":
    main()
