"""Who audits whom in a peer cluster (variant 3): a proposal and the rules it must keep.

Handboek chapter 2.2 (DOMAIN.md "Audit variants"): a peer audit (intercollegiale toetsing)
happens under the lead of a certification body. A cluster has at least three member
organisations; each is audited by trained peer auditors (branchetoetsers) of the other
members, never by its own. With A, B and C: "A and B at C, B and C at A, A and C at B".
With more members the platform proposes a balanced rotation in which every member gives and
receives about equally and is audited by peers of at least two other members; the rotation
may be adjusted by hand within those rules.

Pure functions on plain values: `members` is a list of anything with a readable `str()`
(Member objects, names), `pairs` a list of (audited, auditing) tuples: peers of `auditing`
audit at `audited`. The pages, the tests and the team check all ask these functions.
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

MINIMUM_MEMBERS = 3
# Every member is audited by peers of at least this many other members.
MINIMUM_AUDITING = 2

Pair = tuple[Hashable, Hashable]


def letter(position: int) -> str:
    """A, B, ... Z, AA, AB, ...: a member's letter in the cluster (position 0 is A)."""
    text = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def names(items: Iterable) -> str:
    """'A', 'A en B', 'A, B en C': members named the way a Dutch sentence lists them."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def propose(members: Sequence) -> list[Pair]:
    """Member i is audited by peers of members i+1 and i+2 (modulo n).

    For A, B, C this is exactly chapter 2.2: B and C at A, C and A at B, A and B at C.
    For every n >= 3 each member gives two audits and receives two, never its own.
    """
    n = len(members)
    if n < MINIMUM_MEMBERS or len(set(members)) != n:
        raise ValueError("Een rotatie vraagt om minstens drie verschillende leden.")
    return [(members[i], members[(i + step) % n]) for i in range(n) for step in (1, 2)]


def auditing_at(member, pairs: Iterable[Pair]) -> list:
    """The members whose peers audit at `member`, in the order of the pairs."""
    return list(dict.fromkeys(auditing for audited, auditing in pairs if audited == member))


def audited_by(member, pairs: Iterable[Pair]) -> list:
    """The members where peers of `member` audit, in the order of the pairs."""
    return list(dict.fromkeys(audited for audited, auditing in pairs if auditing == member))


def counts(members: Sequence, pairs: Iterable[Pair]) -> dict:
    """member -> (given, received): audits its peers do at others, audits it gets from others.

    Only pairs within the cluster between two different members count.
    """
    valid = _valid(members, pairs)
    given = Counter(auditing for _, auditing in valid)
    received = Counter(audited for audited, _ in valid)
    return {m: (given[m], received[m]) for m in members}


def problems(members: Sequence, pairs: Iterable[Pair]) -> list[str]:
    """Why this rotation breaks the rules of chapter 2.2; empty when it keeps them."""
    pairs = list(dict.fromkeys(pairs))
    found = []
    distinct = list(dict.fromkeys(members))
    for member, times in Counter(members).items():
        if times > 1:
            found.append(f"{member} staat meer dan één keer in het cluster.")
    if len(distinct) < MINIMUM_MEMBERS:
        found.append(
            f"Een cluster heeft minstens {MINIMUM_MEMBERS} leden; dit cluster heeft er "
            f"{len(distinct)}."
        )
    inside = set(distinct)
    for audited, auditing in pairs:
        if audited == auditing:
            found.append(
                f"Branchetoetsers van {audited} mogen niet bij hun eigen organisatie toetsen."
            )
        for outsider in (audited, auditing):
            if outsider not in inside:
                found.append(f"{outsider} hoort niet bij het cluster.")
    if len(distinct) < MINIMUM_MEMBERS:
        return list(dict.fromkeys(found))
    valid = _valid(distinct, pairs)
    for member in distinct:
        others = auditing_at(member, valid)
        if len(others) < MINIMUM_AUDITING:
            by = f"alleen door branchetoetsers van {others[0]}" if others else "door niemand"
            found.append(
                f"{member} wordt {by} getoetst; dat moeten branchetoetsers van minstens "
                f"{MINIMUM_AUDITING} andere leden zijn."
            )
    for member in distinct:
        if not audited_by(member, valid):
            found.append(
                f"Branchetoetsers van {member} toetsen bij niemand; ieder lid toetst ook bij "
                "de anderen."
            )
    return list(dict.fromkeys(found))


def imbalance(members: Sequence, pairs: Iterable[Pair]) -> list:
    """Members that give or receive more than one audit more or less than the average.

    Not a breach of the rules, a warning: chapter 2.2 asks that everyone gives and
    receives about equally.
    """
    members = list(dict.fromkeys(members))
    if not members:
        return []
    tally = counts(members, pairs)
    average = sum(given for given, _ in tally.values()) / len(members)
    return [
        m
        for m, (given, received) in tally.items()
        if abs(given - average) > 1 or abs(received - average) > 1
    ]


def _valid(members: Sequence, pairs: Iterable[Pair]) -> list[Pair]:
    inside = set(members)
    return [
        (audited, auditing)
        for audited, auditing in dict.fromkeys(pairs)
        if audited != auditing and audited in inside and auditing in inside
    ]
