"""The code of conduct and confidentiality statement (Bijlage 9) that auditors sign, as data.

The text lives in frameworks/data/code_of_conduct.yaml. A signature keeps the version and
the sha256 of the text it was given, so it is always clear which words someone signed.
"""

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .models import CodeOfConductSignature

PATH = Path(__file__).resolve().parent.parent / "frameworks" / "data" / "code_of_conduct.yaml"


@dataclass(frozen=True)
class Block:
    """A piece of the text for display: a heading, a paragraph or a list of items."""

    kind: str  # "heading", "paragraph" or "list"
    text: str = ""
    items: tuple[str, ...] = ()

    @property
    def level(self) -> int:
        """Numbered section headings sit one level below the others."""
        return 3 if re.match(r"\d+\. ", self.text) else 2


@dataclass(frozen=True)
class CodeOfConduct:
    version: str
    title: str
    source: str
    text: str
    sha256: str

    @property
    def blocks(self) -> list[Block]:
        return split_blocks(self.text)


def split_blocks(text: str) -> list[Block]:
    """Blank lines separate blocks; lines starting with "- " are list items; a short line
    without closing punctuation ("GEDRAGSCODE", "1. Professionaliteit") is a heading."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if all(line.startswith("- ") for line in lines):
            blocks.append(Block("list", items=tuple(line[2:] for line in lines)))
        elif len(lines) == 1 and len(lines[0]) <= 60 and lines[0][-1] not in ".:;,":
            blocks.append(Block("heading", text=lines[0]))
        else:
            blocks.append(Block("paragraph", text=" ".join(lines)))
    return blocks


def read(path: Path = PATH) -> CodeOfConduct:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = data["text"]
    return CodeOfConduct(
        version=str(data["version"]),
        title=data["title"],
        source=data["source"],
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


@cache
def current() -> CodeOfConduct:
    """The text in force, read once per process."""
    return read()


def signature(user, code: CodeOfConduct | None = None) -> CodeOfConductSignature | None:
    """The user's latest signature of this version of the text, if any."""
    code = code or current()
    return (
        CodeOfConductSignature.objects.filter(user=user, text_version=code.version)
        .order_by("-signed_on", "-created_at")
        .first()
    )


def sign(user, *, name: str, place: str, signed_on, code: CodeOfConduct | None = None):
    """Record a signature of this text; earlier signatures (of any version) stay."""
    code = code or current()
    return CodeOfConductSignature.objects.create(
        user=user,
        name=name.strip(),
        place=place.strip(),
        signed_on=signed_on,
        text_version=code.version,
        text_sha256=code.sha256,
    )
