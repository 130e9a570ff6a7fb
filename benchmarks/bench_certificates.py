"""Times the certificate as PDF and the press kit as Word files (issue 9 item 2), for a
certificate of a demo member with all of its work types in scope.

Run with `.venv/bin/python benchmarks/bench_certificates.py [--out DIR]`; with --out it also
writes the PDF and the two .docx files there, to look at. Uses a throw-away SQLite database.
"""

import argparse
import datetime
import io
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DEMO_PASSWORD", "bench-password-1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kwaliteitslabel.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from kwaliteitslabel.bodies.models import CertificationBody  # noqa: E402
from kwaliteitslabel.certificates import issuing, pdf, press  # noqa: E402
from kwaliteitslabel.certificates.models import Certificate  # noqa: E402
from kwaliteitslabel.frameworks.models import Framework  # noqa: E402
from kwaliteitslabel.members.models import Member, WorkType  # noqa: E402

REPEAT = 5


def timed(fn, repeat=REPEAT):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), result


def pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def certificate() -> Certificate:
    member = Member.objects.order_by("pk").first()
    made = Certificate.objects.create(
        number=issuing.next_number(datetime.date(2025, 3, 1)),
        member=member,
        body=CertificationBody.objects.order_by("pk").first(),
        framework=Framework.objects.get(version="2019"),
        valid_from=datetime.date(2025, 3, 1),
        valid_until=datetime.date(2027, 3, 1),
    )
    made.work_types.set(member.work_types.all() or WorkType.objects.all()[:3])
    return Certificate.objects.select_related("member", "body", "framework").get(pk=made.pk)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, help="write the documents to this folder")
    args = parser.parse_args()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # the font subsetting notice
    call_command("migrate", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
    cert = certificate()
    f = pdf.facts(cert)
    print(f"certificate {f.number} of {f.member} ({f.town}), scope: {f.scope}")
    pdf.render(cert)  # the first document loads fonts and style sheets
    documents = [
        ("certificate PDF", "certificaat.pdf", lambda: pdf.render(cert)),
        ("press release (.docx)", "persbericht.docx", lambda: press.press_release(cert)),
        ("invitation (.docx)", "uitnodiging.docx", lambda: press.invitation(cert)),
    ]
    for title, name, make in documents:
        median, best, data = timed(make)
        extra = f"{pages(data)} page(s), " if name.endswith(".pdf") else ""
        print(
            f"{title:24s} median {median:6.3f} s, best {best:6.3f} s ({extra}{len(data) // 1024} KiB)"
        )
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / name).write_bytes(data)


if __name__ == "__main__":
    main()
