"""Times the audit report as PDF and as Word file (issue 8): a complete 49-norm report whose
findings texts run to 150-300 words each, built from the demo's example findings.

Run with `.venv/bin/python benchmarks/bench_reports.py`. Uses a throw-away SQLite database.
"""

import io
import os
import random
import re
from decimal import Decimal

from common import start_django, timed

start_django()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from kwaliteitslabel.audits.models import Audit, Finding  # noqa: E402
from kwaliteitslabel.reports import content, pdf, word  # noqa: E402
from kwaliteitslabel.reports.models import Report  # noqa: E402


def sentences(texts) -> list[str]:
    found = []
    for text in texts:
        found += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]
    return found


def long_text(pool, rng, low=150, high=300) -> str:
    """Sentences of the example findings, drawn until the text has low..high words."""
    target = rng.randint(low, high)
    chosen, words = [], 0
    short = [s for s in pool if len(s.split()) <= low // 2]
    while words < target:
        sentence = rng.choice(pool if words < low // 2 else short)
        if words + len(sentence.split()) > high:
            break
        chosen.append(sentence)
        words += len(sentence.split())
    # Paragraphs of four or five sentences, as a lead auditor writes them.
    return "\n\n".join(" ".join(chosen[i : i + 5]) for i in range(0, len(chosen), 5))


def lengthen(audit) -> tuple[int, int]:
    """Every finding of the audit gets a findings text of 150-300 words; the report's written
    fields are filled. Returns the shortest and longest text in words."""
    findings = list(Finding.objects.filter(audit=audit))
    pool = sentences(f.text for f in findings)
    rng = random.Random(8)
    lengths = []
    for f in findings:
        f.text = long_text(pool, rng)
        lengths.append(len(f.text.split()))
    Finding.objects.bulk_update(findings, ["text"])
    Report.objects.update_or_create(
        audit=audit,
        defaults={
            "read_by": "Tweede beoordelaar van de CI",
            "hours_on_site": Decimal("14.0"),
            "hours_total": Decimal("32.5"),
            "sketch": long_text(pool, rng, 80, 120),
            "developments": long_text(pool, rng, 40, 80),
            "course": long_text(pool, rng, 40, 80),
            "previous_follow_up": long_text(pool, rng, 40, 80),
            "strengths": "\n".join(rng.sample(pool, 3)),
            "improvement_points": "\n".join(rng.sample(pool, 3)),
            "next_audit": "Over drie jaar, in het voorjaar",
            "signed_place": "Utrecht",
            "signed_on": timezone.localdate(),
        },
    )
    return min(lengths), max(lengths)


def pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def main():
    call_command("migrate", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
    audit = Audit.objects.get(route="b")
    pdf.render(content.build(audit), "ab")  # the first document loads fonts and style sheets
    as_is = content.build(audit)
    median, best, data = timed(lambda: pdf.render(as_is, "ab"))
    print(
        f"PDF of the demo's route b report as it is          median {median:6.3f} s, best {best:6.3f} s"
        f" ({pages(data)} pages)"
    )
    shortest, longest = lengthen(audit)
    median, best, report = timed(lambda: content.build(audit))
    words = sum(len(r.findings.split()) for part in report.part_b for r in part.rows)
    rows = sum(len(part.rows) for part in report.part_b)
    print(f"report of {rows} norms, findings {shortest}-{longest} words each, {words} words in all")
    print(
        f"content.build                                     median {median:6.3f} s, best {best:6.3f} s"
    )
    for parts in ("ab", "a"):
        median, best, data = timed(lambda parts=parts: pdf.render(report, parts))
        print(
            f"PDF, parts {parts:2s}                                    median {median:6.3f} s, best {best:6.3f} s"
            f" ({pages(data)} pages, {len(data) // 1024} KiB)"
        )
    for parts in ("ab", "a"):
        median, best, data = timed(lambda parts=parts: word.render(report, parts))
        print(
            f"Word (.docx), parts {parts:2s}                           median {median:6.3f} s, best {best:6.3f} s"
            f" ({len(data) // 1024} KiB)"
        )


if __name__ == "__main__":
    main()
