"""The load test's data (issue 11 item 5): many members, each with one certificate valid
today, so the register and the verification work on a register of realistic size.

Names, towns and provinces are plausible; numbers follow `KSSW-YYYY-NNNN` with the year
the certificate started; each certificate runs two years (Bijlage 6 stap 6) and started
at most 700 days ago, so every one of them is in today's register.
"""

import datetime
import random

from django.utils import timezone

from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.certificates.models import Certificate
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.members.models import Member, WorkType

# Town -> province key (members.models.Province).
TOWNS = {
    "Amsterdam": "noord-holland",
    "Haarlem": "noord-holland",
    "Alkmaar": "noord-holland",
    "Zaandam": "noord-holland",
    "Rotterdam": "zuid-holland",
    "Den Haag": "zuid-holland",
    "Leiden": "zuid-holland",
    "Delft": "zuid-holland",
    "Dordrecht": "zuid-holland",
    "Gouda": "zuid-holland",
    "Utrecht": "utrecht",
    "Amersfoort": "utrecht",
    "Zeist": "utrecht",
    "Nieuwegein": "utrecht",
    "Eindhoven": "noord-brabant",
    "Tilburg": "noord-brabant",
    "Breda": "noord-brabant",
    "Den Bosch": "noord-brabant",
    "Helmond": "noord-brabant",
    "Arnhem": "gelderland",
    "Nijmegen": "gelderland",
    "Apeldoorn": "gelderland",
    "Ede": "gelderland",
    "Zwolle": "overijssel",
    "Enschede": "overijssel",
    "Deventer": "overijssel",
    "Groningen": "groningen",
    "Veendam": "groningen",
    "Leeuwarden": "fryslan",
    "Sneek": "fryslan",
    "Assen": "drenthe",
    "Emmen": "drenthe",
    "Almere": "flevoland",
    "Lelystad": "flevoland",
    "Maastricht": "limburg",
    "Venlo": "limburg",
    "Heerlen": "limburg",
    "Middelburg": "zeeland",
    "Vlissingen": "zeeland",
    "Goes": "zeeland",
}
KINDS = [
    "Stichting Welzijn {town}",
    "Sociaal Werk {town}",
    "Buurtwerk {town} {part}",
    "Wijkteam {town} {part}",
    "{town} Samen",
    "Stichting De Brug {town}",
    "Welzijnskwartier {town}",
    "Jongerenwerk {town} {part}",
]
PARTS = ["Noord", "Oost", "Zuid", "West", "Centrum", "Stad", "Regio", "Vijf"]
STREETS = ["Kerkstraat", "Stationsweg", "Dorpsstraat", "Molenweg", "Schoolstraat", "Markt"]


def generate(count: int, seed: int = 11) -> list[str]:
    """Makes `count` members, each with one certificate valid today; returns their numbers."""
    rng = random.Random(seed)
    towns = list(TOWNS)
    members = Member.objects.bulk_create(
        [_member(rng, i, rng.choice(towns)) for i in range(count)], batch_size=2000
    )
    bodies = list(CertificationBody.objects.order_by("pk"))
    framework = Framework.objects.order_by("-version").first()
    today = timezone.localdate()
    taken = set(Certificate.objects.values_list("number", flat=True))
    sequence: dict[int, int] = {}
    certificates = []
    for member in members:
        start = today - datetime.timedelta(days=rng.randrange(0, 700))
        number = _next_number(start.year, sequence, taken)
        certificates.append(
            Certificate(
                number=number,
                member=member,
                body=rng.choice(bodies),
                framework=framework,
                valid_from=start,
                valid_until=start.replace(year=start.year + 2)
                if (start.month, start.day) != (2, 29)
                else start + datetime.timedelta(days=730),
                issued_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(10))),
            )
        )
    made = Certificate.objects.bulk_create(certificates, batch_size=2000)
    kinds = list(WorkType.objects.values_list("pk", flat=True))
    through = Certificate.work_types.through
    through.objects.bulk_create(
        [
            through(certificate_id=c.pk, worktype_id=kind)
            for c in made
            for kind in rng.sample(kinds, rng.randint(1, min(3, len(kinds))))
        ],
        batch_size=5000,
    )
    return [c.number for c in made]


def _member(rng: random.Random, i: int, town: str) -> Member:
    name = rng.choice(KINDS).format(town=town, part=rng.choice(PARTS))
    return Member(
        name=f"{name} {i + 1}" if rng.random() < 0.5 else name,
        kvk_number=f"{60000000 + i:08d}",
        street=f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
        postcode=f"{rng.randint(1000, 9999)} {rng.choice('ABCDEFGHJK')}{rng.choice('LMNPRSTVWX')}",
        city=town,
        province=TOWNS[town],
        contact_person="Contactpersoon",
        phone=f"0{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        email=f"info{i + 1}@lid.example.nl",
        membership_start=datetime.date(2015, 1, 1),
    )


def _next_number(year: int, sequence: dict[int, int], taken: set[str]) -> str:
    while True:
        sequence[year] = sequence.get(year, 0) + 1
        number = f"KSSW-{year}-{sequence[year]:04d}"
        if number not in taken:
            return number
