"""Which norm a strength or improvement point is about, by the words it shares with the norms
(issue 10 item 3). For the historic reports SWN imports the platform suggests the norm and a
person confirms it; on part A the lead auditor sees the suggestion pre-selected.

Plain TF-IDF over each norm's code, label, text (counted twice) and guidance (Bijlagen 3 and 4):
Dutch words folded to lower case without accents, stop words out, a crude stemming that strips
the common endings, and compounds ("klachtenregeling") also matched by the norm words they
start or end with ("klacht", "regel"). Cosine similarity; below `THRESHOLD` no suggestion.
No external service, no library: 49 norms are small enough to rank in memory.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass

from kwaliteitslabel.frameworks.services import search_terms

# Below this cosine similarity the shared words are too few or too common to go on.
THRESHOLD = 0.13
# A compound's part must be at least this long to count ("klacht" yes, "werk" no).
MIN_PART = 5

# The Snowball list of Dutch stop words, and words that say nothing about a norm.
_STOP = """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar
    om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere alle eigen goed goede beter per waar wel we wij zeer zoals svp vooral steeds soms
    erg heel vaak nauw krijgt krijgen komt komen gaat gaan doet maakt maken laat laten vindt
    vinden plaats gebeurt staat staan weer jouw jij jullie wordt moeten mag"""
STOP_WORDS = frozenset(_STOP.split())
ENDINGS = ("heden", "ingen", "lijke", "heid", "lijk", "ing", "ers", "en", "er", "es", "e", "s")


def stem(word: str) -> str:
    """'klachten' and 'klacht', 'afspraken' and 'afspraak' come out the same."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    word = re.sub(r"([aeou])\1", r"\1", word)  # afspraak -> afsprak, like afsprak(en)
    return re.sub(r"([^aeiou])\1$", r"\1", word)  # ontwikkell -> ontwikkel


def words(text: str) -> list[str]:
    """The stems of the meaningful words of `text` (accents folded as the norm search does)."""
    folded = " ".join(search_terms(text))
    return [stem(w) for w in re.findall(r"[a-z]+", folded) if w not in STOP_WORDS and len(w) > 2]


@dataclass(frozen=True)
class Suggestion:
    norm: object  # frameworks.Norm
    score: float


class NormIndex:
    """The norms of one framework as TF-IDF vectors; rank a text against them."""

    def __init__(self, norms):
        self.norms = list(norms)
        counts = []
        for norm in self.norms:
            guidance = [norm.examples, *norm.questions, *norm.evidence_examples]
            found = Counter({w: 2 * k for w, k in Counter(words(norm.text)).items()})
            found.update(words(norm.label))
            found.update(words(" ".join(g for g in guidance if g)))
            found.update([norm.code.lower()])
            counts.append(found)
        df = Counter(w for c in counts for w in c)
        n = len(self.norms)
        self.idf = {w: math.log(n / d) for w, d in df.items() if d < n}
        self.vectors = [self._unit({w: 1 + math.log(k) for w, k in c.items()}) for c in counts]
        self.long_terms = sorted((w for w in self.idf if len(w) >= MIN_PART), key=len)
        self._parts: dict[str, list[str]] = {}

    def _unit(self, tf: dict[str, float]) -> dict[str, float]:
        weighted = {w: v * self.idf[w] for w, v in tf.items() if w in self.idf}
        length = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
        return {w: v / length for w, v in weighted.items()}

    def parts(self, word: str) -> list[str]:
        """The word, if the norms know it, and the norm words a compound begins or ends with;
        remembered, as the same words come back point after point."""
        if word not in self._parts:
            self._parts[word] = [word] * (word in self.idf) + [
                t for t in self.long_terms if t != word and (word.startswith(t) or word.endswith(t))
            ]
        return self._parts[word]

    def rank(self, text: str) -> list[Suggestion]:
        """Every norm sharing a word with `text`, best first."""
        tf = Counter(p for w in words(text) for p in self.parts(w))
        query = self._unit({w: 1 + math.log(k) for w, k in tf.items()})
        found = []
        for norm, vector in zip(self.norms, self.vectors, strict=True):
            products = {w: v * vector[w] for w, v in query.items() if w in vector}
            if products:
                found.append(Suggestion(norm, round(sum(products.values()), 3)))
        found.sort(key=lambda s: (-s.score, s.norm.rubric.position, s.norm.number))
        return found

    def suggest(self, text: str) -> Suggestion | None:
        """The best norm for `text`, or None when no norm reaches `THRESHOLD`."""
        ranked = self.rank(text)
        return ranked[0] if ranked and ranked[0].score >= THRESHOLD else None
