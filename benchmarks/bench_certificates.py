"""Times the certificate as PDF and the press kit as Word files (issue 9 item 2), for a
certificate of a demo member with all of its work types in scope; then the register, the
verification and a daily round with `MANY` certificates of as many members (items 3-5).

Run with `.venv/bin/python benchmarks/bench_certificates.py [--out DIR]`; with --out it also
writes the PDF and the two .docx files there, to look at. Uses a throw-away SQLite database.
"""

import argparse
import datetime
import io
import logging
import os
from pathlib import Path

from common import start_django, timed

start_django()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from kwaliteitslabel.bodies.models import CertificationBody  # noqa: E402
from kwaliteitslabel.certificates import issuing, lifecycle, pdf, press  # noqa: E402
from kwaliteitslabel.certificates.models import Certificate  # noqa: E402
from kwaliteitslabel.frameworks.models import Framework  # noqa: E402
from kwaliteitslabel.members.models import Member, WorkType  # noqa: E402


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
    many(cert)


MANY = 2000


def many(template: Certificate) -> None:
    """The register's pages and a quiet daily round with MANY valid certificates."""
    members = Member.objects.bulk_create(
        Member(
            name=f"Lid {i:05d}",
            kvk_number="12345678",
            street="Straat 1",
            postcode="3511 AB",
            city=f"Plaats {i % 50}",
            contact_person="X",
            phone="030 721 0 721",
            email=f"lid{i}@example.nl",
        )
        for i in range(MANY)
    )
    today = datetime.date.today()
    made = Certificate.objects.bulk_create(
        Certificate(
            number=f"KSSW-2099-{i + 1:05d}",
            member=m,
            body=template.body,
            framework=template.framework,
            valid_from=today - datetime.timedelta(days=i % 700),
            valid_until=today - datetime.timedelta(days=i % 700) + datetime.timedelta(days=730),
        )
        for i, m in enumerate(members)
    )
    through = Certificate.work_types.through
    kinds = list(WorkType.objects.all()[:3])
    through.objects.bulk_create(
        through(certificate_id=c.pk, worktype_id=kinds[i % 3].pk) for i, c in enumerate(made)
    )
    client = Client(HTTP_HOST="127.0.0.1")
    number = made[MANY // 2].number
    for title, url in (
        ("register page", "/register/"),
        ("register page, search", "/register/?q=Plaats+7"),
        ("register JSON export", "/register/kwaliteitsregister.json"),
        ("API register, page 1", "/api/v1/register"),
        ("verification page", f"/c/{number}/"),
        ("API verification", f"/api/v1/certificates/{number}"),
    ):
        median, best, response = timed(lambda url=url: client.get(url), repeat=10)
        assert response.status_code == 200, (url, response.status_code)
        print(
            f"{title:24s} median {median * 1000:6.1f} ms, best {best * 1000:6.1f} ms ({MANY} certificates)"
        )
    median, best, _ = timed(lifecycle.run, repeat=5)
    print(
        f"{'run_lifecycle, quiet':24s} median {median * 1000:6.1f} ms, best {best * 1000:6.1f} ms ({MANY} certificates)"
    )


if __name__ == "__main__":
    main()
