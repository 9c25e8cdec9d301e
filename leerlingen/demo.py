"""The demo world: one bestuur, four schools, two samenwerkingsverbanden, staff per role and
44 generated pupils with data in every block.

``manage.py demo_data`` is a thin wrapper around :func:`bouw_demowereld`. Everything here is
deterministic: names, numbers and scores come from ``random.Random`` seeded with a fixed value
(per pupil with the pupil's own key), dates follow from the school year of the *peildatum*
(default: today). Building is idempotent: schools, staff and aanleverpunten are looked up by
their natural keys, pupils by school + leerlingnummer; a pupil that exists is left exactly as it
is, so a second run creates nothing and changes nothing (also in a later school year).

Every object passes ``full_clean()`` before it is saved. No real person's data is used: names
are composed from short lists, BSNs are generated in the 9999xxxxx block, addresses lie in the
invented gemeente Wilgendaal, e-mail addresses and websites use the reserved ``.example`` TLD.
No BSN or onderwijsnummer is ever printed.
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from statistics import NormalDist

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from stdnum.nl import bsn, onderwijsnummer

from accounts.models import Aanstelling, User
from accounts.roles import Rol
from core.models import AanduidingCommunicatie, SoortAdres, SoortCommunicatie
from scholen.models import (
    Aanleverpunt,
    Bestuur,
    Samenwerkingsverband,
    School,
    SchoolAdres,
    SchoolCommunicatie,
    Sector,
    SoortAanleverpunt,
    SoortSchool,
    Vestiging,
    school_routeringskenmerk,
)

from . import models as m
from .codelijsten import (
    AdviesVO,
    EindtoetsDomein,
    EindtoetsOnderdeel,
    Eindtoetssoort,
    Examenuitslag,
    Geslacht,
    PgnType,
    ProfielAdvies,
    RedenUitschrijving,
    Referentieniveau,
    Referentiescore,
    RelatieTotKind,
    SoortMapItem,
    SoortVerzuim,
    StatusHandelingsplan,
    TLVCategorie,
)

SEED = "oso-las-demo-2026"
DEMO_WACHTWOORD = "oso-demo-2026"
GEMEENTE = "Wilgendaal"

# --- identifiers -------------------------------------------------------------------------------


def bsn_uit_volgnummer(n: int) -> str:
    """The n-th generated BSN (n >= 0): 9 digits, 11-proef, distinct for distinct n.

    Numbers lie in the 9999xxxxx block (up to n = 4999), then in 9998xxxxx, and so on. The first
    eight digits are 9999 0000 + 2n; if that prefix has no valid check digit, the next prefix
    (2n + 1) always has one, so no two n share a number.
    """
    if n < 0:
        raise ValueError("volgnummer moet 0 of groter zijn")
    blok, rest = divmod(n, 5000)
    if blok > 999:
        raise ValueError("volgnummer te groot")
    basis = (9999 - blok) * 10_000 + 2 * rest
    for prefix in (basis, basis + 1):
        digits = f"{prefix:08d}"
        check = sum((9 - i) * int(c) for i, c in enumerate(digits)) % 11
        if check < 10:
            number = f"{digits}{check}"
            assert bsn.is_valid(number)
            return number
    raise AssertionError("unreachable: two consecutive prefixes cannot both fail")


def onderwijsnummer_uit_volgnummer(n: int) -> str:
    """The n-th generated onderwijsnummer (n >= 0): starts with 10, passes its 11-check."""
    if not 0 <= n < 500_000:
        raise ValueError("volgnummer buiten bereik")
    basis = 2 * n
    for middle in (basis, basis + 1):
        digits = f"10{middle:06d}"
        check = (sum((9 - i) * int(c) for i, c in enumerate(digits)) - 5) % 11
        if check < 10:
            number = f"{digits}{check}"
            assert onderwijsnummer.is_valid(number)
            return number
    raise AssertionError("unreachable")


# --- names ---------------------------------------------------------------------------------------

# fmt: off
JONGENSNAMEN = [
    "Daan", "Sem", "Luuk", "Bram", "Finn", "Milan", "Thijs", "Jesse", "Ruben", "Lars", "Noah",
    "Mees", "Teun", "Gijs", "Stijn", "Jens", "Siem", "Tijn", "Guus", "Hugo", "Floris", "Joep",
    "Koen", "Ravi", "Youssef", "Amir", "Mats", "Ties", "Olivier", "Jurre",
]
MEISJESNAMEN = [
    "Emma", "Julia", "Sophie", "Lotte", "Fleur", "Sara", "Noor", "Evi", "Tess", "Lieke", "Anna",
    "Saar", "Isa", "Femke", "Roos", "Zoë", "Nina", "Liv", "Yara", "Mila", "Fenna", "Jasmijn",
    "Amira", "Hanna", "Lina", "Elif", "Sanne", "Maud", "Vera", "Ilse",
]
MANNENNAMEN = [
    "Jeroen", "Martijn", "Bas", "Erik", "Mark", "Sander", "Rob", "Dennis", "Tim", "Wouter",
    "Niels", "Hakan", "Ahmed", "Pieter", "Joost", "Maarten", "Ronald", "Vincent", "Arjen",
]
VROUWENNAMEN = [
    "Linda", "Marieke", "Anouk", "Esther", "Sanne", "Ingrid", "Petra", "Judith", "Iris", "Karin",
    "Fatima", "Naima", "Monique", "Hanneke", "Eva", "Mirjam", "Wendy", "Yvonne", "Carla",
]
TWEEDE_NAMEN_M = [
    "Johannes", "Pieter", "Willem", "Jan", "Hendrik", "Cornelis", "Alexander",
]
TWEEDE_NAMEN_V = [
    "Maria", "Johanna", "Elisabeth", "Anna", "Catharina", "Sophia", "Wilhelmina",
]
ACHTERNAAM_STAMMEN = [
    "Berk", "Linde", "Wilgen", "Eiken", "Heide", "Kamp", "Brug", "Molen", "Veld", "Dijk", "Hoef",
    "Steen", "Beek", "Hof", "Wiel", "Gaar", "Hul", "Rade", "Vos", "Ven", "Esch", "Lo",
]
ACHTERNAAM_UITGANGEN = [
    "man", "hof", "stra", "inga", "kamp", "veld", "horst", "berg", "huis", "ink", "sma", "ma",
]
VOORVOEGSELS = [
    "", "", "", "", "", "van", "de", "van der", "van den", "ter", "van de", "te",
]
STRATEN = [
    "Kastanjelaan", "Lindenstraat", "Molenweg", "Schoolstraat", "Dorpsstraat", "Beukenhof",
    "Zwanenvliet", "Kerkpad", "Eikenlaan", "Populierenrode", "Watermolen", "Boerhaavestraat",
    "Sportlaan", "Gildeplein", "Esdoornstraat", "Vlasakker", "Hoefslag", "Weidebloem",
]
PLAATSEN = [
    "Wilgendaal", "Essenwoude", "Elzenbroek",
]
# fmt: on


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def voorletters(voornamen: str) -> str:
    return "".join(f"{deel[0]}." for deel in voornamen.split())


def achternaam(rng: random.Random) -> tuple[str, str]:
    """(voorvoegsel, achternaam): a generated Dutch-sounding surname."""
    stam = rng.choice(ACHTERNAAM_STAMMEN)
    uitgang = rng.choice(ACHTERNAAM_UITGANGEN)
    return rng.choice(VOORVOEGSELS), f"{stam}{uitgang}"


def telefoonnummer(rng: random.Random, mobiel: bool = False) -> str:
    if mobiel:
        return f"06-{rng.randint(90, 99)}{rng.randint(0, 999999):06d}"
    return f"0575-{rng.randint(100000, 999999)}"


def postcode(rng: random.Random) -> str:
    letters = "ABCDEGHJKLMNPRSTVWXZ"
    return f"{rng.randint(7200, 7299)} {rng.choice(letters)}{rng.choice(letters)}"


def email(voornaam: str, voorvoegsel: str, achternaam: str, domein: str = "mail.example") -> str:
    naam = "".join(_ascii(f"{voorvoegsel}{achternaam}").split())
    return f"{_ascii(voornaam)}.{naam}@{domein}"


# --- dates ---------------------------------------------------------------------------------------


def schooljaar_start(peildatum: date) -> int:
    """The calendar year in which the school year of ``peildatum`` began (1 August)."""
    return peildatum.year if peildatum.month >= 8 else peildatum.year - 1


def schooljaar_label(start: int) -> str:
    return f"{start}-{start + 1}"


def schooljaren(peildatum: date, aantal: int = 3) -> list[str]:
    """The current school year and the ``aantal - 1`` before it, oldest first."""
    start = schooljaar_start(peildatum)
    return [schooljaar_label(start - i) for i in reversed(range(aantal))]


def werkdag(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def vrijdag_op_of_voor(d: date) -> date:
    while d.weekday() != 4:
        d -= timedelta(days=1)
    return d


def _dag(rng: random.Random, jaar: int, maand: int, van: int, tot: int) -> date:
    return werkdag(date(jaar, maand, rng.randint(van, tot)))


# --- small generated documents ---------------------------------------------------------------


def _pdf_tekst(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(titel: str, regels: list[str]) -> bytes:
    """A small, valid one-page PDF with a title and lines of text (Helvetica, WinAnsi)."""
    lines = [f"BT /F1 16 Tf 56 780 Td ({_pdf_tekst(titel)}) Tj ET"]
    y = 750
    for regel in regels:
        lines.append(f"BT /F1 11 Tf 56 {y} Td ({_pdf_tekst(regel)}) Tj ET")
        y -= 16
    stream = "\n".join(lines).encode("cp1252", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- the fixed part of the world ---------------------------------------------------------------


@dataclass(frozen=True)
class SchoolSpec:
    brincode: str
    naam: str
    soort: str
    straat: str
    huisnummer: str
    postcode: str
    plaats: str
    telefoon: str
    email: str
    website: str
    directeur: str
    telefoon_directeur: str
    regionaal: bool
    vestigingen: tuple[tuple[str, str, str, str, str], ...]  # code, naam, straat, nr, postcode


SCHOLEN = [
    SchoolSpec(
        "14SS",
        "De Regenboog",
        SoortSchool.BO,
        "Kastanjelaan",
        "12",
        "7211 KL",
        "Wilgendaal",
        "0575-210400",
        "info@deregenboog.example",
        "https://www.deregenboog.example",
        "M. Lindeman",
        "0575-210401",
        True,
        (
            ("00", "De Regenboog", "Kastanjelaan", "12", "7211 KL"),
            ("01", "De Regenboog, locatie Zuid", "Zwanenvliet", "3", "7214 AR"),
        ),
    ),
    SchoolSpec(
        "15TT",
        "Het Kompas",
        SoortSchool.BO,
        "Molenweg",
        "45",
        "7231 BE",
        "Essenwoude",
        "0575-231100",
        "administratie@hetkompas.example",
        "https://www.hetkompas.example",
        "J. Heidestra",
        "0575-231101",
        False,
        (("00", "Het Kompas", "Molenweg", "45", "7231 BE"),),
    ),
    SchoolSpec(
        "16UU",
        "Wilgendaal College",
        SoortSchool.VO,
        "Sportlaan",
        "2",
        "7212 GH",
        "Wilgendaal",
        "0575-250250",
        "leerlingzaken@wilgendaalcollege.example",
        "https://www.wilgendaalcollege.example",
        "drs. A. van den Brugkamp",
        "0575-250251",
        False,
        (("00", "Wilgendaal College", "Sportlaan", "2", "7212 GH"),),
    ),
    # a second VO school: the other end of a VOVO transfer (and of the test exchange)
    SchoolSpec(
        "17VV",
        "Essenwoude Lyceum",
        SoortSchool.VO,
        "Lindelaan",
        "8",
        "7231 CD",
        "Essenwoude",
        "0575-232300",
        "leerlingadministratie@essenwoudelyceum.example",
        "https://www.essenwoudelyceum.example",
        "mr. P. Kooistra",
        "0575-232301",
        False,
        (("00", "Essenwoude Lyceum", "Lindelaan", "8", "7231 CD"),),
    ),
]

BESTUUR_NAAM = "Stichting Onderwijs Wilgendaal"
BESTUUR_NUMMER = "49901"

SAMENWERKINGSVERBANDEN = [
    # code, naam, sector, aanleverpunten (nummer, omschrijving)
    (
        "PO2801",
        "Samenwerkingsverband Passend Primair Onderwijs Wilgendaal",
        Sector.PO,
        ((1, "Loket ondersteuningsaanvragen PO"),),
    ),
    (
        "VO2801",
        "Samenwerkingsverband Passend Voortgezet Onderwijs Wilgendaal",
        Sector.VO,
        ((1, "Loket ondersteuningsaanvragen VO"), (2, "Commissie toelaatbaarheid VO")),
    ),
]


def swv_routeringskenmerk(code: str, nummer: int) -> str:
    """20 characters of [0-9A-Z]: SWV + code + the number, zero-padded."""
    kenmerk = f"SWV{code}{nummer:011d}"
    assert len(kenmerk) == 20
    return kenmerk


@dataclass(frozen=True)
class LoginSpec:
    gebruikersnaam: str
    rol: str | None  # None: superuser without aanstelling
    brincode: str | None  # None: bestuur role or superuser
    is_staff: bool = False
    is_superuser: bool = False


LOGINS = [
    LoginSpec("admin.regenboog", Rol.SCHOOLADMINISTRATIE, "14SS"),
    LoginSpec("zorg.regenboog", Rol.ZORGCOORDINATOR, "14SS"),
    LoginSpec("leerkracht.regenboog", Rol.LEERKRACHT, "14SS"),
    LoginSpec("beheer.regenboog", Rol.BEHEERDER, "14SS", is_staff=True),
    LoginSpec("admin.tt", Rol.SCHOOLADMINISTRATIE, "15TT"),
    LoginSpec("admin.vo", Rol.SCHOOLADMINISTRATIE, "16UU"),
    LoginSpec("zorg.vo", Rol.ZORGCOORDINATOR, "16UU"),
    LoginSpec("admin.lyceum", Rol.SCHOOLADMINISTRATIE, "17VV"),
    LoginSpec("bestuur.demo", Rol.BESTUUR, None),
    LoginSpec("superbeheer", None, None, is_staff=True, is_superuser=True),
]


# --- the pupils ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rij:
    """One line of the roster: where the pupil is and what makes them special.

    ``jaargroep`` is the pupil's jaargroep in their last school year at this school: the current
    one, or the previous one for pupils who left (``uit``) at its end.
    """

    brincode: str
    vestigingscode: str
    jaargroep: int  # 1-8 for PO, 11-16 for VO leerjaar 1-6
    uit: str = ""  # reden uitschrijving; the pupil left at the end of the previous school year
    zorg: str = ""  # "opp": OPP, diagnose, arrangement; "hp": a handelingsplan only
    gezin_van: int | None = None  # sibling of roster line N (same family)
    zelfde_als: int | None = None  # the same child as roster line N (now at this school)
    adresgeheim: bool = False
    onderwijsnummer: bool = False
    herzien: bool = False  # groep 8 advice revised after the eindtoets
    lwoo: bool = False
    tlv: bool = False


ROOSTER: list[Rij] = [
    # De Regenboog, hoofdlocatie. Pupils who finished groep 8 last year come first.
    Rij("14SS", "00", 8, uit=RedenUitschrijving.OVERSTAP_VO, herzien=True),  # 0
    Rij("14SS", "00", 8, uit=RedenUitschrijving.OVERSTAP_VO, zorg="opp"),  # 1
    Rij("14SS", "00", 8, uit=RedenUitschrijving.OVERSTAP_VO),  # 2
    Rij("14SS", "00", 8, uit=RedenUitschrijving.OVERSTAP_VO, herzien=True, zorg="hp"),  # 3
    Rij("14SS", "00", 4),  # 4
    Rij("14SS", "00", 4, zorg="hp"),  # 5
    Rij("14SS", "00", 5, zorg="opp"),  # 6
    Rij("14SS", "00", 5),  # 7
    Rij("14SS", "00", 6, adresgeheim=True),  # 8
    Rij("14SS", "00", 6, zorg="hp"),  # 9
    Rij("14SS", "00", 7, gezin_van=4),  # 10
    Rij("14SS", "00", 7, zorg="opp"),  # 11
    Rij("14SS", "00", 8, zorg="hp"),  # 12
    Rij("14SS", "00", 8),  # 13
    Rij("14SS", "00", 8, zorg="opp"),  # 14
    Rij("14SS", "00", 8),  # 15
    # De Regenboog, locatie Zuid
    Rij("14SS", "01", 4),  # 16
    Rij("14SS", "01", 5, zorg="hp"),  # 17
    Rij("14SS", "01", 6),  # 18
    Rij("14SS", "01", 6, gezin_van=16),  # 19
    Rij("14SS", "01", 7, zorg="opp"),  # 20
    Rij("14SS", "01", 8),  # 21
    Rij("14SS", "01", 8, zorg="hp"),  # 22
    # Het Kompas
    Rij("15TT", "00", 8, uit=RedenUitschrijving.OVERSTAP_VO),  # 23
    Rij("15TT", "00", 5, uit=RedenUitschrijving.VERHUIZING),  # 24
    Rij("15TT", "00", 4),  # 25
    Rij("15TT", "00", 5, onderwijsnummer=True, zorg="hp"),  # 26
    Rij("15TT", "00", 6, zorg="opp"),  # 27
    Rij("15TT", "00", 6),  # 28
    Rij("15TT", "00", 7),  # 29
    Rij("15TT", "00", 7, gezin_van=25),  # 30
    Rij("15TT", "00", 8),  # 31
    Rij("15TT", "00", 8, zorg="hp"),  # 32
    Rij("15TT", "00", 8),  # 33
    # Wilgendaal College
    Rij("16UU", "00", 11, zelfde_als=2),  # 34: left De Regenboog last summer, now here
    Rij("16UU", "00", 11, lwoo=True),  # 35
    Rij("16UU", "00", 11),  # 36
    Rij("16UU", "00", 12, zorg="opp"),  # 37
    Rij("16UU", "00", 12, gezin_van=13),  # 38: older sibling of a groep 8 pupil
    Rij("16UU", "00", 13, zorg="opp"),  # 39
    Rij("16UU", "00", 13, lwoo=True, tlv=True),  # 40
    Rij("16UU", "00", 14),  # 41
    Rij("16UU", "00", 14, zorg="hp"),  # 42
    Rij("16UU", "00", 14, uit=RedenUitschrijving.DIPLOMA),  # 43
    # Essenwoude Lyceum
    Rij("17VV", "00", 12, uit=RedenUitschrijving.VERHUIZING),  # 44: moved, now to 16UU (VOVO)
    Rij("17VV", "00", 13),  # 45
]


@dataclass
class Ouder:
    voornaam: str
    voorvoegsel: str
    achternaam: str
    geslacht: int
    relatie: str
    wettig: bool
    telefoon: str
    email: str
    eigen_adres: tuple[str, str, str, str] | None = None  # straat, nr, postcode, plaats


@dataclass
class Gezin:
    voorvoegsel: str
    achternaam: str
    straat: str
    huisnummer: str
    toevoeging: str
    postcode: str
    plaats: str
    telefoon: str
    ouders: list[Ouder] = field(default_factory=list)


@dataclass
class Kind:
    """One child of the plan; a roster line with ``zelfde_als`` reuses the child."""

    persoon: int
    gezin: Gezin
    voornamen: str
    roepnaam: str
    geslacht: int
    geboortedatum: date
    vermogen: float  # the child's ability in standard deviations, drives all scores


# Ability ladder to an advies VO, and what the toets advice says for the same level.
ADVIES_LADDER: list[tuple[float, str, str]] = [
    (-1.7, AdviesVO.PRO, "praktijkonderwijs"),
    (-1.1, AdviesVO.VMBO_B, "vmbo-basis"),
    (-0.7, AdviesVO.VMBO_K, "vmbo-kader"),
    (-0.25, AdviesVO.VMBO_GT, "vmbo-gl/tl"),
    (0.15, AdviesVO.VMBO_GT_HAVO, "vmbo-gl/tl/havo"),
    (0.55, AdviesVO.HAVO, "havo"),
    (0.95, AdviesVO.HAVO_VWO, "havo/vwo"),
    (99.0, AdviesVO.VWO, "vwo"),
]


def advies_index(vermogen: float) -> int:
    return next(i for i, (grens, _a, _t) in enumerate(ADVIES_LADDER) if vermogen < grens)


def niveau_vo(advies: str) -> tuple[str, str]:
    """(letter for the class code, onderwijssoort) for an advies."""
    code = int(advies)
    if code < 30:
        return "K", "vmbo basis/kader"
    if code < 40:
        return "M", "vmbo gemengde/theoretische leerweg"
    if code < 50:
        return "H", "havo"
    return "V", "vwo"


# --- building ------------------------------------------------------------------------------------


@dataclass
class Resultaat:
    nieuw: Counter = field(default_factory=Counter)
    peildatum: date | None = None

    @property
    def iets_nieuw(self) -> bool:
        return bool(sum(self.nieuw.values()))


class Bouwer:
    def __init__(self, peildatum: date):
        self.peildatum = peildatum
        self.y0 = schooljaar_start(peildatum)
        self.resultaat = Resultaat(peildatum=peildatum)
        self.scholen: dict[str, School] = {}
        self.vestigingen: dict[tuple[str, str], Vestiging] = {}
        self.gebruikers: dict[str, User] = {}

    # generic helpers

    def bewaar(self, obj: models.Model) -> models.Model:
        obj.full_clean()
        obj.save()
        self.resultaat.nieuw[type(obj)] += 1
        return obj

    def haal_of_maak(self, model, sleutel: dict, **velden):
        obj = model._default_manager.filter(**sleutel).first()
        if obj is not None:
            return obj, False
        return self.bewaar(model(**sleutel, **velden)), True

    # the fixed part

    def bouw(self) -> Resultaat:
        bestuur, _ = self.haal_of_maak(
            Bestuur, {"naam": BESTUUR_NAAM}, bevoegd_gezag_nummer=BESTUUR_NUMMER
        )
        for spec in SCHOLEN:
            self.bouw_school(bestuur, spec)
        for code, naam, sector, punten in SAMENWERKINGSVERBANDEN:
            swv, _ = self.haal_of_maak(
                Samenwerkingsverband, {"code": code}, naam=naam, sector=sector
            )
            for nummer, omschrijving in punten:
                self.haal_of_maak(
                    Aanleverpunt,
                    {"samenwerkingsverband": swv, "nummer": nummer},
                    soort=SoortAanleverpunt.SWV,
                    omschrijving=omschrijving,
                    routeringskenmerk=swv_routeringskenmerk(code, nummer),
                )
        self.bouw_medewerkers(bestuur)
        self.bouw_leerlingen()
        return self.resultaat

    def bouw_school(self, bestuur: Bestuur, spec: SchoolSpec) -> None:
        school, _ = self.haal_of_maak(
            School,
            {"brincode": spec.brincode},
            bestuur=bestuur,
            naam=spec.naam,
            soort=spec.soort,
            naam_directeur=spec.directeur,
            telefoon_directeur=spec.telefoon_directeur,
            website=spec.website,
            aangesloten_regionaal_initiatief=spec.regionaal,
        )
        self.scholen[spec.brincode] = school
        self.haal_of_maak(
            SchoolAdres,
            {"school": school, "soort_adres": SoortAdres.BEZOEK},
            straat=spec.straat,
            huisnummer=spec.huisnummer,
            postcode=spec.postcode,
            plaats=spec.plaats,
            gemeente=GEMEENTE,
        )
        self.haal_of_maak(
            SchoolAdres,
            {"school": school, "soort_adres": SoortAdres.POST},
            straat="Postbus",
            huisnummer=str(100 + int(spec.brincode[:2])),
            postcode=f"{spec.postcode[:4]} AA",
            plaats=spec.plaats,
            gemeente=GEMEENTE,
        )
        for soort, nummer in [
            (SoortCommunicatie.TELEFOON, spec.telefoon),
            (SoortCommunicatie.EMAIL, spec.email),
        ]:
            self.haal_of_maak(
                SchoolCommunicatie,
                {"school": school, "soort": soort},
                aanduiding=AanduidingCommunicatie.WERK,
                nummer=nummer,
            )
        for code, naam, straat, huisnummer, pc in spec.vestigingen:
            vestiging, _ = self.haal_of_maak(
                Vestiging,
                {"school": school, "vestigingscode": code},
                naam=naam,
                straat=straat,
                huisnummer=huisnummer,
                postcode=pc,
                plaats=spec.plaats,
                gemeente=GEMEENTE,
            )
            self.vestigingen[(spec.brincode, code)] = vestiging
            nummer = int(code)
            self.haal_of_maak(
                Aanleverpunt,
                {"school": school, "nummer": nummer},
                vestiging=vestiging,
                soort=SoortAanleverpunt.SCHOOL,
                omschrijving=f"{naam} ({spec.brincode}{code})",
                routeringskenmerk=school_routeringskenmerk(spec.brincode, nummer),
            )

    def bouw_medewerkers(self, bestuur: Bestuur) -> None:
        rng = random.Random(f"{SEED}-medewerkers")
        for spec in LOGINS:
            geslacht = rng.random() < 0.6
            voornaam = rng.choice(VROUWENNAMEN if geslacht else MANNENNAMEN)
            voorvoegsel, naam = achternaam(rng)
            user = User.objects.filter(username=spec.gebruikersnaam).first()
            if user is None:
                user = User(
                    username=spec.gebruikersnaam,
                    first_name=voornaam,
                    last_name=f"{voorvoegsel} {naam}".strip(),
                    email=f"{spec.gebruikersnaam}@wilgendaal.example",
                    is_staff=spec.is_staff,
                    is_superuser=spec.is_superuser,
                )
                user.set_password(DEMO_WACHTWOORD)
                self.bewaar(user)
            self.gebruikers[spec.gebruikersnaam] = user
            if spec.rol is None:
                continue
            if spec.rol == Rol.BESTUUR:
                sleutel = {"user": user, "rol": spec.rol, "bestuur": bestuur, "school": None}
            else:
                school = self.scholen[spec.brincode]
                sleutel = {"user": user, "rol": spec.rol, "school": school, "bestuur": None}
            self.haal_of_maak(Aanstelling, sleutel)

    # the pupils

    def plan(self) -> list[Kind]:
        """One child per roster line, the same on every run (whatever exists already)."""
        rng = random.Random(f"{SEED}-plan")
        gezinnen: dict[int, Gezin] = {}
        kinderen: list[Kind] = []
        gebruikte_namen: set[tuple[str, str]] = set()
        for index, rij in enumerate(ROOSTER):
            if rij.zelfde_als is not None:
                kinderen.append(kinderen[rij.zelfde_als])
                continue
            gezin = gezinnen[rij.gezin_van] if rij.gezin_van is not None else None
            gezin = gezin or self.nieuw_gezin(rng)
            gezinnen[index] = gezin
            meisje = rng.random() < 0.5
            while True:
                roepnaam = rng.choice(MEISJESNAMEN if meisje else JONGENSNAMEN)
                if (roepnaam, gezin.achternaam) not in gebruikte_namen:
                    break
            gebruikte_namen.add((roepnaam, gezin.achternaam))
            tweede = rng.choice(TWEEDE_NAMEN_V if meisje else TWEEDE_NAMEN_M)
            voornamen = f"{roepnaam} {tweede}" if rng.random() < 0.7 else roepnaam
            if rij.lwoo:
                vermogen = -1.2 + rng.uniform(-0.2, 0.1)
            elif rij.uit == RedenUitschrijving.DIPLOMA:
                vermogen = -0.45
            elif rij.herzien:
                vermogen = 0.2 + rng.uniform(0, 0.3)
            else:
                vermogen = max(-1.9, min(1.9, rng.gauss(0.1, 0.85)))
            kinderen.append(
                Kind(
                    persoon=index,
                    gezin=gezin,
                    voornamen=voornamen,
                    roepnaam=roepnaam,
                    geslacht=Geslacht.VROUW if meisje else Geslacht.MAN,
                    geboortedatum=self.geboortedatum(rng, rij),
                    vermogen=round(vermogen, 3),
                )
            )
        return kinderen

    def equivalent_groep(self, rij: Rij, offset: int) -> int:
        """The pupil's groep in school year y0 + offset, counting VO leerjaar 1 as 'groep 9'."""
        laatste = -1 if rij.uit else 0
        huidig = rij.jaargroep if rij.jaargroep <= 8 else rij.jaargroep - 2
        return huidig - (laatste - offset)

    def geboortedatum(self, rng: random.Random, rij: Rij) -> date:
        groep_nu = self.equivalent_groep(rij, 0)
        # In groep g during the school year starting y0: born between 1 Oct (y0-g-4) and 30 Sep.
        begin = date(self.y0 - groep_nu - 4, 10, 1)
        return begin + timedelta(days=rng.randint(0, 364))

    def nieuw_gezin(self, rng: random.Random) -> Gezin:
        voorvoegsel, naam = achternaam(rng)
        plaats = rng.choice(PLAATSEN)
        gezin = Gezin(
            voorvoegsel=voorvoegsel,
            achternaam=naam,
            straat=rng.choice(STRATEN),
            huisnummer=str(rng.randint(1, 140)),
            toevoeging=rng.choice(["", "", "", "", "a", "b", "bis"]),
            postcode=postcode(rng),
            plaats=plaats,
            telefoon=telefoonnummer(rng),
        )
        vorm = rng.random()
        vader = rng.choice(MANNENNAMEN)
        moeder = rng.choice(VROUWENNAMEN)
        m_voorvoegsel, m_naam = achternaam(rng)

        def ouder(voornaam, vv, an, geslacht, relatie, wettig=True, eigen_adres=None):
            return Ouder(
                voornaam=voornaam,
                voorvoegsel=vv,
                achternaam=an,
                geslacht=geslacht,
                relatie=relatie,
                wettig=wettig,
                telefoon=telefoonnummer(rng, mobiel=True),
                email=email(voornaam, vv, an),
                eigen_adres=eigen_adres,
            )

        if vorm < 0.6:  # two parents, one address
            gezin.ouders = [
                ouder(moeder, m_voorvoegsel, m_naam, Geslacht.VROUW, RelatieTotKind.MOEDER),
                ouder(vader, voorvoegsel, naam, Geslacht.MAN, RelatieTotKind.VADER),
            ]
        elif vorm < 0.8:  # two parents, two addresses
            adres = (rng.choice(STRATEN), str(rng.randint(1, 140)), postcode(rng), plaats)
            gezin.ouders = [
                ouder(moeder, m_voorvoegsel, m_naam, Geslacht.VROUW, RelatieTotKind.MOEDER),
                ouder(
                    vader, voorvoegsel, naam, Geslacht.MAN, RelatieTotKind.VADER, eigen_adres=adres
                ),
            ]
        elif vorm < 0.93:  # one parent
            gezin.ouders = [
                ouder(moeder, voorvoegsel, naam, Geslacht.VROUW, RelatieTotKind.MOEDER),
            ]
        else:  # foster family: the foster mother is the contact, the mother has authority
            p_vv, p_naam = achternaam(rng)
            adres = (rng.choice(STRATEN), str(rng.randint(1, 140)), postcode(rng), plaats)
            gezin.ouders = [
                ouder(
                    rng.choice(VROUWENNAMEN),
                    p_vv,
                    p_naam,
                    Geslacht.VROUW,
                    RelatieTotKind.PLEEGMOEDER,
                    wettig=False,
                ),
                ouder(
                    moeder,
                    voorvoegsel,
                    naam,
                    Geslacht.VROUW,
                    RelatieTotKind.MOEDER,
                    eigen_adres=adres,
                ),
            ]
        return gezin

    def bouw_leerlingen(self) -> None:
        kinderen = self.plan()
        volgnummers: Counter = Counter()
        for index, (rij, kind) in enumerate(zip(ROOSTER, kinderen, strict=True)):
            volgnummers[rij.brincode] += 1
            leerlingid = f"{rij.brincode[:2]}{volgnummers[rij.brincode]:04d}"
            school = self.scholen[rij.brincode]
            if m.Leerling.objects.filter(school=school, leerlingid=leerlingid).exists():
                continue  # built before: leave the pupil (and everything below it) alone
            LeerlingBouwer(self, index, rij, kind, school, leerlingid).bouw()


class LeerlingBouwer:
    """Builds one new pupil with every block. Randomness is seeded with the pupil's own key."""

    def __init__(self, wereld: Bouwer, index: int, rij: Rij, kind: Kind, school, leerlingid):
        self.w = wereld
        self.index = index
        self.rij = rij
        self.kind = kind
        self.school = school
        self.leerlingid = leerlingid
        self.rng = random.Random(f"{SEED}-{school.brincode}-{leerlingid}")
        self.y0 = wereld.y0
        self.peildatum = wereld.peildatum
        self.vo = rij.jaargroep > 8
        self.laatste = -1 if rij.uit else 0  # offset of the pupil's last school year here
        self.einde = (
            vrijdag_op_of_voor(date(self.y0, 7, 17)) if rij.uit else self.peildatum
        )  # nothing of this pupil is dated after this day
        self.medewerker = self._medewerker()
        self.leerling: m.Leerling | None = None

    def _medewerker(self) -> User:
        namen = {
            "14SS": ["zorg.regenboog", "admin.regenboog"],
            "15TT": ["admin.tt"],
            "16UU": ["zorg.vo", "admin.vo"],
            "17VV": ["admin.lyceum"],
        }[self.school.brincode]
        return self.w.gebruikers[namen[0]]

    def bewaar(self, obj):
        return self.w.bewaar(obj)

    # helpers on time

    def groep(self, offset: int) -> int:
        return self.w.equivalent_groep(self.rij, offset)

    def jaargroep_code(self, offset: int) -> str:
        g = self.groep(offset)
        return str(g) if g <= 8 else str(10 + g - 8)

    def jaren(self) -> list[int]:
        """Offsets of the school years shown in the schoolloopbaan: up to four, oldest first."""
        offsets = [o for o in range(self.laatste - 3, self.laatste + 1) if self.groep(o) >= 1]
        if self.rij.onderwijsnummer:
            offsets = [o for o in offsets if o >= -2]  # arrived two years ago
        return offsets

    def school_in_jaar(self, offset: int) -> tuple[str, str, str]:
        """(brincode, vestigingscode, naam) of the school the pupil attended in that year."""
        if self.vo and self.groep(offset) <= 8:
            return self.herkomst
        return self.school.brincode, self.rij.vestigingscode, self.school.naam

    @property
    def herkomst(self) -> tuple[str, str, str]:
        if self.rij.zelfde_als is not None:
            brin = ROOSTER[self.rij.zelfde_als].brincode
        else:
            brin = "14SS" if self.index % 2 else "15TT"
        return brin, "00", self.w.scholen[brin].naam

    def ok(self, d: date) -> bool:
        """True if d lies in the pupil's school career so far (here or at an earlier school)."""
        return self.leerling.onderwijs_sinds <= d <= self.einde

    def dag_tussen(self, van: date, tot: date) -> date:
        """A random working day in [van, tot], clamped to the pupil's time at this school."""
        van = max(van, self.leerling.datum_inschrijving)
        tot = min(tot, self.einde)
        if tot <= van:
            return van
        d = werkdag(van + timedelta(days=self.rng.randint(0, (tot - van).days)))
        return d if d <= tot else vrijdag_op_of_voor(tot)

    # the pupil

    def bouw(self) -> None:
        self.bouw_leerling()
        self.bouw_communicatie()
        self.bouw_verzorgers()
        self.bouw_schoolloopbaan()
        if not self.vo:
            self.bouw_vve()
        if self.groep(self.laatste) >= 8:
            self.bouw_overstapadvies()
            self.bouw_eindtoets()
        self.bouw_toetsen()
        self.bouw_cijferlijsten()
        if self.vo:
            self.bouw_vombo()
        self.bouw_map()
        self.bouw_ondersteuning()
        self.bouw_handelingsplannen()
        self.bouw_verzuim()

    def bouw_leerling(self) -> None:
        rij, kind, rng = self.rij, self.kind, self.rng
        gezin = kind.gezin
        vierde_verjaardag = kind.geboortedatum.replace(year=kind.geboortedatum.year + 4)
        if rij.onderwijsnummer:
            onderwijs_sinds = werkdag(date(self.y0 - 2, 8, 20))
            inschrijving = onderwijs_sinds
        else:
            onderwijs_sinds = werkdag(vierde_verjaardag + timedelta(days=1))
            if self.vo:
                start_vo = self.y0 - (self.groep(0) - 9)
                inschrijving = werkdag(date(start_vo, 8, 1) + timedelta(days=rng.randint(0, 20)))
            else:
                inschrijving = onderwijs_sinds
        velden = {
            "vestiging": self.w.vestigingen[(rij.brincode, rij.vestigingscode)],
            "voornamen": kind.voornamen,
            "voorletters": voorletters(kind.voornamen),
            "voorvoegsel": gezin.voorvoegsel,
            "achternaam": gezin.achternaam,
            "roepnaam": kind.roepnaam,
            "geboortedatum": kind.geboortedatum,
            "geslacht": kind.geslacht,
            "adresgeheim": rij.adresgeheim,
            "straat": gezin.straat,
            "huisnummer": gezin.huisnummer,
            "toevoeging": gezin.toevoeging,
            "postcode": gezin.postcode,
            "plaats": gezin.plaats,
            "gemeente": GEMEENTE,
            "groep": self.groepscode(self.laatste),
            "jaargroep": self.jaargroep_code(self.laatste),
            "onderwijs_sinds": onderwijs_sinds,
            "datum_inschrijving": inschrijving,
        }
        if rij.onderwijsnummer:
            velden["pgn_type"] = PgnType.ONDERWIJSNUMMER
            velden["pgn"] = onderwijsnummer_uit_volgnummer(kind.persoon)
            velden["herkomst_toelichting"] = (
                "Nieuwkomer; kwam twee jaar geleden naar Nederland en volgde eerst een half jaar "
                "de nieuwkomersklas. Heeft (nog) geen BSN."
            )
        else:
            velden["pgn_type"] = PgnType.BSN
            velden["pgn"] = bsn_uit_volgnummer(kind.persoon)
        if self.vo:
            brin, _code, naam = self.herkomst
            velden.update(herkomst_brin=brin, herkomst_naam=naam)
            velden["herkomst_toelichting"] = f"Basisonderwijs gevolgd op {naam}."
        else:
            velden["leerlinggewicht"] = rng.choice(["0.00"] * 6 + ["0.30"])
        if rij.uit:
            velden.update(self.uitschrijving())
        self.leerling = self.bewaar(
            m.Leerling(school=self.school, leerlingid=self.leerlingid, **velden)
        )

    def uitschrijving(self) -> dict:
        rij = self.rij
        velden = {"datum_uitschrijving": self.einde, "reden_uitschrijving": rij.uit}
        if rij.uit == RedenUitschrijving.OVERSTAP_VO:
            vo = self.w.scholen["16UU"]
            letter, soort = niveau_vo(self.advies()[-1])
            velden.update(
                vervolgschool_brin=vo.brincode,
                vervolgschool_naam=vo.naam,
                onderwijssoort_vervolgschool=soort,
                toelichting_uitschrijving="Overstap naar het voortgezet onderwijs na groep 8.",
            )
        elif rij.uit == RedenUitschrijving.VERHUIZING:
            doel = self.w.scholen["16UU" if self.vo else "14SS"]
            velden.update(
                vervolgschool_brin=doel.brincode,
                vervolgschool_naam=doel.naam,
                onderwijssoort_vervolgschool="havo" if self.vo else "basisonderwijs",
                toelichting_uitschrijving="Het gezin is in de zomer naar Wilgendaal verhuisd."
                if self.vo
                else "Het gezin is in de zomer binnen Wilgendaal verhuisd.",
            )
        elif rij.uit == RedenUitschrijving.DIPLOMA:
            velden.update(
                vervolgschool_naam="MBO College Wilgendaal",
                onderwijssoort_vervolgschool="mbo niveau 3",
                toelichting_uitschrijving="Diploma vmbo gemengde/theoretische leerweg behaald.",
            )
        return velden

    def groepscode(self, offset: int) -> str:
        g = self.groep(offset)
        if g <= 8:
            brin, vestiging, _naam = self.school_in_jaar(offset)
            if brin != "14SS":
                return str(g)
            return f"{g}{'C' if vestiging == '01' else 'AB'[self.index % 2]}"
        niveau = niveau_vo(self.advies()[-1])[0]
        return f"{g - 8}{niveau}{1 + self.index % 2}"

    def bouw_communicatie(self) -> None:
        kind, rij = self.kind, self.rij
        gezin = kind.gezin
        self.bewaar(
            m.LeerlingCommunicatie(
                leerling=self.leerling,
                soort=SoortCommunicatie.TELEFOON,
                aanduiding=AanduidingCommunicatie.PRIVE,
                nummer=gezin.telefoon,
                geheim=rij.adresgeheim,
            )
        )
        if self.vo:
            adres = email(kind.roepnaam, gezin.voorvoegsel, gezin.achternaam, "leerling.example")
            aanduiding = AanduidingCommunicatie.OVERIG
        else:
            ouder = gezin.ouders[0]
            adres = ouder.email
            aanduiding = AanduidingCommunicatie.PRIVE
        self.bewaar(
            m.LeerlingCommunicatie(
                leerling=self.leerling,
                soort=SoortCommunicatie.EMAIL,
                aanduiding=aanduiding,
                nummer=adres,
                geheim=rij.adresgeheim,
            )
        )

    def bouw_verzorgers(self) -> None:
        gezin = self.kind.gezin
        for i, ouder in enumerate(gezin.ouders):
            straat, nummer, pc, plaats = ouder.eigen_adres or (
                gezin.straat,
                gezin.huisnummer,
                gezin.postcode,
                gezin.plaats,
            )
            self.bewaar(
                m.Verzorger(
                    leerling=self.leerling,
                    voornamen=ouder.voornaam,
                    voorletters=voorletters(ouder.voornaam),
                    voorvoegsel=ouder.voorvoegsel,
                    achternaam=ouder.achternaam,
                    geslacht=ouder.geslacht,
                    relatie_tot_kind=ouder.relatie,
                    wettig_vertegenwoordiger=ouder.wettig,
                    aansprakelijk=ouder.wettig,
                    adresgeheim=self.rij.adresgeheim,
                    straat=straat,
                    huisnummer=nummer,
                    toevoeging="" if ouder.eigen_adres else gezin.toevoeging,
                    postcode=pc,
                    plaats=plaats,
                    gemeente=GEMEENTE,
                    telefoon=ouder.telefoon,
                    telefoon_geheim=self.rij.adresgeheim,
                    email=ouder.email,
                    contactpersoon=i == 0,
                )
            )

    def bouw_schoolloopbaan(self) -> None:
        for offset in self.jaren():
            start = self.y0 + offset
            brin, vestiging, _naam = self.school_in_jaar(offset)
            begin = date(start, 8, 1)
            if brin == self.school.brincode:
                begin = max(begin, self.leerling.datum_inschrijving)
            if offset == self.laatste and not self.rij.uit:
                einde = None  # the current year is still running
            elif offset == self.laatste:
                einde = self.einde
            else:
                einde = date(start + 1, 7, 31)
            g = self.groep(offset)
            self.bewaar(
                m.Schoolloopbaan(
                    leerling=self.leerling,
                    schooljaar=schooljaar_label(start),
                    groepscode=self.groepscode(offset),
                    groepsnaam=f"Groep {g}" if g <= 8 else f"Leerjaar {g - 8}",
                    jaargroep=self.jaargroep_code(offset),
                    begindatum=begin,
                    einddatum=einde,
                    brincode=brin,
                    vestigingscode=vestiging,
                    schoolsoort="BO" if g <= 8 else "VO",
                )
            )

    def bouw_vve(self) -> None:
        rng = self.rng
        if self.rij.onderwijsnummer:
            self.bewaar(m.VVE(leerling=self.leerling, van_peuterspeelzaal=False))
            return
        groep1 = self.y0 - (self.groep(0) - 1)
        programma = rng.choice([1, 2, 3, 4]) if rng.random() < 0.5 else None
        self.bewaar(
            m.VVE(
                leerling=self.leerling,
                van_peuterspeelzaal=True,
                naam_peuterspeelzaal=rng.choice(
                    [
                        "Peutergroep De Kikkertjes",
                        "Peuteropvang Het Hummelhuis",
                        "Peutergroep Kleine Beer",
                    ]
                ),
                voorschools_programma=programma,
                voorschoolse_maanden=rng.randint(6, 24) if programma else None,
                vroegschools_programma=programma,
                vroegschools_datum_ingang=self.leerling.datum_inschrijving if programma else None,
                vroegschools_einddatum=date(groep1 + 2, 7, 31) if programma else None,
            )
        )

    # groep 8

    def advies(self) -> tuple[str, str, str]:
        """(schooladvies, toetsadvies, final advies) following the pupil's ability."""
        i = advies_index(self.kind.vermogen)
        toets = ADVIES_LADDER[i][1]
        if self.rij.herzien:
            school = ADVIES_LADDER[max(0, i - 1)][1]
            return school, toets, toets
        return toets, toets, toets

    def bouw_overstapadvies(self) -> None:
        rng = self.rng
        advies, _toets, definitief = self.advies()
        labels = dict(AdviesVO.choices)
        i = advies_index(self.kind.vermogen)
        wens = ADVIES_LADDER[min(len(ADVIES_LADDER) - 1, i + (rng.random() < 0.3))][1]
        werkt = rng.choice(["zelfstandig", "geconcentreerd", "netjes"])
        plant = rng.choice(
            [
                "vraagt om hulp als dat nodig is",
                "plant het werk goed",
                "heeft soms een duwtje nodig bij het plannen",
            ]
        )
        velden = {
            "advies": advies,
            "wens_ouders": wens,
            "wens_leerling": rng.choice([advies, wens]),
            "profiel": rng.choice(list(ProfielAdvies.values)),
            "argumentatie": (
                f"{self.kind.roepnaam} werkt {werkt} en {plant}. De resultaten op de toetsen van "
                f"het leerlingvolgsysteem en de werkhouding passen bij {labels[advies]}."
            ),
        }
        if definitief != advies:
            velden["herzien_advies"] = definitief
            velden["motivatie_herzien_advies"] = (
                "De uitslag van de doorstroomtoets lag hoger dan het schooladvies. Na een gesprek "
                "met ouders en leerling is het advies naar boven bijgesteld."
            )
        self.bewaar(m.Overstapadvies(leerling=self.leerling, **velden))

    def eindtoets_datum(self) -> date:
        """The doorstroomtoets of the school year in which the pupil was in groep 8."""
        offset = next(o for o in range(self.laatste - 6, self.laatste + 1) if self.groep(o) == 8)
        return werkdag(date(self.y0 + offset + 1, 2, 10))

    def bouw_eindtoets(self) -> None:
        datum = self.eindtoets_datum()
        if datum > self.peildatum:
            return  # this year's groep 8 has not taken the doorstroomtoets yet
        z = self.kind.vermogen
        herkomst = self.herkomst[0] if self.vo else self.school.brincode
        soort = Eindtoetssoort.IEP if herkomst == "14SS" else Eindtoetssoort.ROUTE8
        if soort == Eindtoetssoort.IEP:
            score = int(max(50, min(100, round(80 + 9 * z))))
        else:
            score = int(max(100, min(300, round(205 + 40 * z))))
        toetsadvies = ADVIES_LADDER[advies_index(z)][2]
        eindtoets = self.bewaar(
            m.Eindtoets(
                leerling=self.leerling,
                deelgenomen=True,
                toetssoort=soort,
                toetsniveau="G",
                datum_afname=datum,
                standaardscore=score,
                toets_advies=toetsadvies,
            )
        )
        taal = (
            Referentieniveau.LAGER_1F
            if z < -1.2
            else Referentieniveau.F1
            if z < -0.1
            else Referentieniveau.F2
        )
        rekenen = (
            Referentieniveau.LAGER_1F
            if z < -1.0
            else Referentieniveau.F1
            if z < 0.3
            else Referentieniveau.S1
        )
        for onderdeel, niveau in [
            (EindtoetsOnderdeel.TAAL, taal),
            (EindtoetsOnderdeel.REKENEN, rekenen),
        ]:
            resultaat = self.bewaar(
                m.EindtoetsOnderdeelResultaat(
                    eindtoets=eindtoets, onderdeel=onderdeel, referentieniveau=niveau
                )
            )
            if onderdeel == EindtoetsOnderdeel.TAAL:
                # the toets reports Taal per domein too (codelijst 47)
                for domein in (EindtoetsDomein.LEZEN, EindtoetsDomein.TAALVERZORGING):
                    self.bewaar(
                        m.EindtoetsDomeinResultaat(
                            onderdeel=resultaat, domein=domein, referentieniveau=niveau
                        )
                    )

    # toetsen

    def toetsmomenten(self) -> list[tuple[int, str, date, int]]:
        """(offset, moment, date, groep) for every test moment that lies in the past."""
        momenten = []
        rng = self.rng
        for offset in range(self.laatste - 4, self.laatste + 1):
            g = self.groep(offset)
            start = self.y0 + offset
            if 3 <= g <= 8:
                momenten.append((offset, "M", _dag(rng, start + 1, 1, 19, 30), g))
                if g < 8:
                    momenten.append((offset, "E", _dag(rng, start + 1, 6, 2, 19), g))
            elif g == 9:
                momenten.append((offset, "0-meting", _dag(rng, start, 10, 1, 14), g))
                momenten.append((offset, "1-meting", _dag(rng, start + 1, 5, 18, 29), g))
            elif g in (10, 11):
                momenten.append((offset, f"{g - 8}-meting", _dag(rng, start + 1, 5, 18, 29), g))
        momenten = [mo for mo in momenten if mo[2] <= self.peildatum and mo[2] <= self.einde]
        if self.rij.onderwijsnummer:
            momenten = [mo for mo in momenten if mo[2] >= self.leerling.onderwijs_sinds]
        # keep the three most recent school years that have a test
        jaren = sorted({mo[0] for mo in momenten})[-3:]
        return [mo for mo in momenten if mo[0] in jaren]

    LOVS = [
        # leergebied, toetsnaam, code, from groep, base score, growth per year
        ("rekenen-wiskunde", "Cito LOVS Rekenen-Wiskunde 3.0", "RW3", 3, 120, 18),
        ("spelling", "Cito LOVS Spelling 3.0", "SP3", 3, 115, 14),
        ("begrijpend lezen", "Cito LOVS Begrijpend lezen 3.0", "BL3", 4, 110, 16),
    ]
    VAS = [
        ("Nederlands leesvaardigheid", "Cito Volgsysteem VO Nederlands", "VASNE", 90),
        ("Engels leesvaardigheid", "Cito Volgsysteem VO Engels", "VASEN", 80),
        ("rekenen-wiskunde", "Cito Volgsysteem VO Wiskunde", "VASWI", 85),
    ]

    def bouw_toetsen(self) -> None:
        rng = self.rng
        normaal = NormalDist()
        for offset, moment, datum, g in self.toetsmomenten():
            if g <= 8:
                reeks = [
                    (
                        leergebied,
                        naam,
                        f"{code}-{moment}{g}",
                        f"{moment}{g}",
                        basis + groei * (g - 3) + (groei // 2 if moment == "E" else 0),
                    )
                    for leergebied, naam, code, vanaf, basis, groei in self.LOVS
                    if g >= vanaf
                ]
                dl = (g - 3) * 10 + (5 if moment == "M" else 10)
            else:
                nummer = moment.split("-")[0]
                reeks = [
                    (leergebied, naam, f"{code}-{nummer}M", moment, basis + 12 * (g - 9))
                    for leergebied, naam, code, basis in self.VAS
                ]
                dl = None
            for leergebied, naam, code, versie, basis in reeks:
                z = self.kind.vermogen + rng.gauss(0, 0.35)
                percentiel = max(1, min(99, round(100 * normaal.cdf(z))))
                toets = self.bewaar(
                    m.Toets(
                        leerling=self.leerling,
                        afnamedatum=datum,
                        eldtoetscode=code,
                        leergebied=leergebied,
                        toetsnaam=naam,
                        toetsversie=versie,
                        onderdeel="Totaal",
                        jaargroep=self.jaargroep_code(offset),
                        didactische_leeftijd=dl,
                        ruwe_score=max(5, min(60, round(38 + 9 * z))),
                        vaardigheidsscore=Decimal(str(round(basis + 11 * z, 1))),
                        opmerking="Afgenomen in de eigen groep." if rng.random() < 0.15 else "",
                    )
                )
                scores = [(Referentiescore.PERCENTIEL, str(percentiel))]
                if g <= 8:
                    scores.insert(0, (Referentiescore.IV, self.niveau_i_v(percentiel)))
                    if leergebied == "begrijpend lezen":
                        scores.append((Referentiescore.DLE, str(max(1, round(dl + 6 * z)))))
                else:
                    scores.append((Referentiescore.RNTRM, "2F" if z > -0.3 else "1F"))
                for code_rs, waarde in scores:
                    self.bewaar(
                        m.ToetsReferentiescore(
                            toets=toets, code=code_rs, vergelijkingsgroep="Landelijk", waarde=waarde
                        )
                    )

    @staticmethod
    def niveau_i_v(percentiel: int) -> str:
        for grens, niveau in [(80, "I"), (60, "II"), (40, "III"), (20, "IV")]:
            if percentiel >= grens:
                return niveau
        return "V"

    # cijferlijsten

    def cijfer(self, spreiding: float = 0.9) -> Decimal:
        waarde = 6.6 + 1.1 * self.kind.vermogen + self.rng.gauss(0, spreiding * 0.5)
        waarde = max(3.5, min(9.5, waarde))
        return Decimal(str(round(waarde * 2) / 2))

    @staticmethod
    def komma(waarde: Decimal) -> str:
        return f"{waarde}".replace(".", ",")

    def bouw_cijferlijsten(self) -> None:
        rng = self.rng
        rapporten = []
        for offset in range(self.laatste - 2, self.laatste + 1):
            start = self.y0 + offset
            g = self.groep(offset)
            if g < 3:
                continue
            for periode, datum in [
                ("Rapport 1", _dag(rng, start + 1, 2, 3, 14)),
                ("Rapport 2", _dag(rng, start + 1, 7, 1, 10)),
            ]:
                if self.ok(datum):
                    rapporten.append((offset, g, periode, datum))
        for offset, g, periode, datum in rapporten[-4:]:
            if g <= 8:
                vakken = [
                    "Rekenen",
                    "Taal",
                    "Spelling",
                    "Begrijpend lezen",
                    "Technisch lezen",
                    "Wereldoriëntatie",
                ]
                naam = f"Rapport groep {g}"
            else:
                vakken = [
                    "Nederlands",
                    "Engels",
                    "Wiskunde",
                    "Biologie",
                    "Geschiedenis",
                    "Aardrijkskunde",
                    "Lichamelijke opvoeding",
                ]
                naam = f"Rapport leerjaar {g - 8}"
            cijferlijst = self.bewaar(
                m.Cijferlijst(
                    leerling=self.leerling,
                    naam=naam,
                    jaargroep=self.jaargroep_code(offset),
                    periode=f"{periode} {schooljaar_label(self.y0 + offset)}",
                    afnamedatum=datum,
                )
            )
            cijfers = []
            for vak in vakken:
                if vak == "Lichamelijke opvoeding":
                    self.bewaar(
                        m.CijferlijstOnderdeel(
                            cijferlijst=cijferlijst,
                            naam=vak,
                            kwalificatie=rng.choice(["voldoende", "goed", "goed", "zeer goed"]),
                        )
                    )
                    continue
                cijfer = self.cijfer()
                cijfers.append(cijfer)
                self.bewaar(
                    m.CijferlijstOnderdeel(
                        cijferlijst=cijferlijst, naam=vak, waarde=self.komma(cijfer)
                    )
                )
            if g <= 8:
                self.bewaar(
                    m.CijferlijstOnderdeel(
                        cijferlijst=cijferlijst,
                        naam="Werkhouding",
                        kwalificatie=rng.choice(["matig", "voldoende", "goed", "goed"]),
                    )
                )
            gemiddelde = sum(cijfers) / len(cijfers)
            cijferlijst.totaalscore = self.komma(gemiddelde.quantize(Decimal("0.1")))
            cijferlijst.full_clean()
            cijferlijst.save(update_fields=["totaalscore"])

    # VO-MBO

    VAKKEN_VO = [
        ("ne", "Nederlandse taal"),
        ("en", "Engelse taal"),
        ("wi", "Wiskunde"),
        ("bi", "Biologie"),
        ("ec", "Economie"),
        ("gs", "Geschiedenis"),
    ]

    def bouw_vombo(self) -> None:
        rng = self.rng
        leerjaar = self.groep(self.laatste) - 8
        _letter, soort = niveau_vo(self.advies()[-1])
        examen = self.rij.uit == RedenUitschrijving.DIPLOMA
        velden = {
            "bevorderd_leerjaar": self.jaargroep_code(self.laatste),
            "beroepskeuzetest": leerjaar >= 3,
            "portfolio": leerjaar >= 2,
            "pop": rng.random() < 0.5,
            "motivatiebrief": examen or leerjaar >= 4,
            "lobdossier": leerjaar >= 3,
        }
        if leerjaar >= 3:
            velden["keuze_vervolgopleiding"] = rng.choice(
                [
                    "mbo Verpleegkunde (niveau 4)",
                    "mbo ICT-support (niveau 3)",
                    "mbo Bouwkunde (niveau 4)",
                    "havo 4",
                    "mbo Pedagogisch werk (niveau 3)",
                ]
            )
        if examen:
            velden.update(
                soort_diploma="vmbo gemengde/theoretische leerweg",
                examenjaar=self.y0,
                datum_uitslag=_dag(rng, self.y0, 6, 10, 12),
                examenuitslag=Examenuitslag.GESLAAGD,
                keuze_vervolgopleiding="mbo Pedagogisch werk (niveau 3)",
            )
        self.bewaar(m.VoMboGegevens(leerling=self.leerling, **velden))
        for vakcode, vak in self.VAKKEN_VO:
            if examen:
                se, ce = self.cijfer(), self.cijfer(1.2)
                eind = int(((se + ce) / 2).quantize(Decimal("1")))
                self.bewaar(
                    m.VakResultaat(
                        leerling=self.leerling,
                        vakcode=vakcode,
                        vak=vak,
                        afgerond=True,
                        datum_afgerond=self.leerling.datum_uitschrijving - timedelta(days=30),
                        examenvak=True,
                        cijfer_se=se,
                        cijfer_ce=ce,
                        eindcijfer=max(1, eind),
                    )
                )
            else:
                self.bewaar(
                    m.VakResultaat(
                        leerling=self.leerling,
                        vakcode=vakcode,
                        vak=vak,
                        examenvak=leerjaar >= 3,
                        rapportcijfer=self.cijfer(),
                    )
                )

    # leerlingmap

    def document(
        self,
        titel: str,
        regels: list[str],
        datum: date,
        *,
        txt: bool = False,
        omschrijving: str = "",
    ) -> m.MapItem:
        naam = self.leerling.volledige_naam
        if txt:
            inhoud = "\n".join([titel, "", f"Leerling: {naam}", *regels, ""]).encode()
            bestandsnaam, mime = f"{titel}.txt", "text/plain"
        else:
            inhoud = minimal_pdf(
                titel,
                [
                    f"Leerling: {naam}",
                    f"School: {self.school.naam}",
                    f"Datum: {datum:%d-%m-%Y}",
                    "",
                    *regels,
                ],
            )
            bestandsnaam, mime = f"{titel}.pdf", "application/pdf"
        item = self.bewaar(
            m.MapItem(
                leerling=self.leerling,
                soort=SoortMapItem.DOCUMENT,
                titel=titel,
                omschrijving=omschrijving,
                bestand=ContentFile(inhoud, name=bestandsnaam),
                bestandsnaam=bestandsnaam,
                mime_type=mime,
                aangemaakt_door=self.medewerker,
            )
        )
        self.dateer(item, datum)
        return item

    def notitie(self, titel: str, tekst: str, datum: date) -> m.MapItem:
        item = self.bewaar(
            m.MapItem(
                leerling=self.leerling,
                soort=SoortMapItem.NOTITIE,
                titel=titel,
                tekst=tekst,
                aangemaakt_door=self.medewerker,
            )
        )
        self.dateer(item, datum)
        return item

    def dateer(self, item: m.MapItem, datum: date) -> None:
        moment = timezone.make_aware(
            datetime(
                datum.year,
                datum.month,
                datum.day,
                8 + self.rng.randint(0, 8),
                self.rng.choice([0, 15, 30, 45]),
            )
        )
        m.MapItem.objects.filter(pk=item.pk).update(aangemaakt_op=moment)

    def recente_dag(self, dagen_terug: int) -> date:
        d = werkdag(self.einde - timedelta(days=dagen_terug))
        if d > self.einde:
            d = vrijdag_op_of_voor(self.einde)
        return max(d, self.leerling.datum_inschrijving)

    def bouw_map(self) -> None:
        rng = self.rng
        roepnaam = self.kind.roepnaam
        ouders = " en ".join(
            f"{'moeder' if o.geslacht == Geslacht.VROUW else 'vader'}"
            for o in self.kind.gezin.ouders
        )
        self.notitie(
            "Gesprek met ouders",
            f"Gesprek met {ouders} over de start van het schooljaar. {roepnaam} heeft het naar "
            f"de zin in de groep. Afgesproken: over zes weken een vervolggesprek.",
            self.recente_dag(rng.randint(20, 60)),
        )
        if self.index % 2 == 0:
            self.document(
                "Verslag oudergesprek",
                [
                    "Aanwezig: ouders, leerkracht.",
                    f"{roepnaam} maakt goede vorderingen.",
                    "Afspraken: thuis dagelijks een kwartier lezen.",
                ],
                self.recente_dag(rng.randint(60, 120)),
            )
        if self.index % 5 == 0:
            self.document(
                "Aantekeningen overdracht",
                [
                    "Overdracht aan de nieuwe leerkracht:",
                    f"- {roepnaam} werkt graag samen.",
                    "- Let op: heeft moeite met plannen bij grotere opdrachten.",
                ],
                self.recente_dag(rng.randint(120, 200)),
                txt=True,
            )

    # begeleiding

    def bouw_ondersteuning(self) -> None:
        rij, rng = self.rij, self.rng
        velden: dict = {"medicijngebruik": False}
        if rij.zorg == "opp":
            start = self.recente_dag(rng.randint(250, 400))
            velden.update(
                opp_ingangsdatum=start,
                opp_einddatum=date(self.y0 + 1, 7, 31) if not rij.uit else self.einde,
            )
            velden["toelichting_onderwijsbehoeften"] = self.document(
                "Toelichting onderwijsbehoeften",
                [
                    f"{self.kind.roepnaam} heeft baat bij een vaste structuur en korte instructie.",
                    "Extra begeleiding bij lezen en rekenen in een klein groepje.",
                    "Ontwikkelingsperspectief: uitstroom passend bij de huidige toetsresultaten.",
                ],
                start,
                omschrijving="Bij het ontwikkelingsperspectief (OPP)",
            )
            diagnose = rng.choice(
                [
                    ("F81.0", "Dyslexie (specifieke leesstoornis)"),
                    ("F81.2", "Dyscalculie"),
                    ("F90.0", "ADHD"),
                ]
            )
            velden["medicijngebruik"] = diagnose[0] == "F90.0"
            self.bewaar(
                m.Diagnose(
                    leerling=self.leerling,
                    code=diagnose[0],
                    naam=diagnose[1],
                    datum=start - timedelta(days=rng.randint(30, 200)),
                    door_wie=f"drs. {rng.choice('ACEHJLMPS')}. {achternaam(rng)[1]}",
                    instantie="Expertisecentrum Onderwijs Wilgendaal",
                )
            )
            swv = "VO2801" if self.vo else "PO2801"
            self.bewaar(
                m.Arrangement(
                    leerling=self.leerling,
                    datum=start,
                    einddatum=start + timedelta(days=365),
                    kenmerk=f"Arrangement {diagnose[1].split(' ')[0].lower()}: extra begeleiding "
                    f"in een kleine groep",
                    beschikkingsnummer=f"{swv}-ARR-{self.y0}-{100 + self.index:03d}",
                )
            )
        inschrijving = self.leerling.datum_inschrijving
        if rij.lwoo:
            velden.update(
                lwoo_ingangsdatum=inschrijving,
                lwoo_swv_nummer="VO2801",
                lwoo_beschikkingsnummer=f"VO2801-LWOO-{inschrijving.year}-{self.index:04d}",
                lwoo_einddatum=date(inschrijving.year + 4, 7, 31),
            )
        if rij.tlv:
            self.bewaar(
                m.TLV(
                    leerling=self.leerling,
                    ingangsdatum=inschrijving,
                    einddatum=date(self.y0 + 1, 7, 31),
                    swv_nummer="VO2801",
                    categorie=TLVCategorie.LAAG,
                    beschikkingsnummer=f"VO2801-TLV-{inschrijving.year}-{self.index:04d}",
                )
            )
        self.bewaar(m.Onderwijsondersteuning(leerling=self.leerling, **velden))

    def bouw_handelingsplannen(self) -> None:
        if not self.rij.zorg and self.index % 3:
            return
        rng = self.rng
        gebieden = [
            "Begrijpend lezen",
            "Rekenen: automatiseren van de tafels",
            "Spelling",
            "Sociaal-emotionele ontwikkeling",
            "Technisch lezen",
            "Werkhouding en planning",
        ]
        rng.shuffle(gebieden)
        plannen = [(StatusHandelingsplan.AFGESLOTEN, 300), (StatusHandelingsplan.LOPEND, 60)]
        if self.rij.zorg == "opp" and not self.rij.uit:
            plannen.append((StatusHandelingsplan.CONCEPT, 5))
        for (status, dagen), gebied in zip(plannen, gebieden, strict=False):
            start = self.recente_dag(dagen)
            einde = start + timedelta(days=rng.choice([84, 112]))
            if self.rij.uit or status == StatusHandelingsplan.AFGESLOTEN:
                status = StatusHandelingsplan.AFGESLOTEN  # a pupil who left has no running plan
                einde = max(start, min(einde, self.einde))
            document = self.document(
                f"Handelingsplan {gebied.split(':')[0].lower()}",
                [
                    f"Gericht op: {gebied}",
                    f"Periode: {start:%d-%m-%Y} tot {einde:%d-%m-%Y}",
                    "Doel: aantoonbare groei op de volgende toets van het leerlingvolgsysteem.",
                    "Aanpak: drie keer per week twintig minuten extra instructie.",
                ],
                start,
            )
            self.bewaar(
                m.Handelingsplan(
                    leerling=self.leerling,
                    startdatum=start,
                    einddatum=einde,
                    is_gericht_op=gebied,
                    categorie="Individueel handelingsplan" if self.rij.zorg else "Groepsplan",
                    status=status,
                    toelichting=(
                        "Doelen behaald; extra begeleiding afgebouwd."
                        if status == StatusHandelingsplan.AFGESLOTEN
                        else "Tussenevaluatie met ouders gepland."
                    ),
                    document=document,
                )
            )

    def bouw_verzuim(self) -> None:
        rng = self.rng
        redenen = [
            (SoortVerzuim.GEOORLOOFD, "Ziek"),
            (SoortVerzuim.GEOORLOOFD, "Ziek"),
            (SoortVerzuim.GEOORLOOFD, "Tandarts- of doktersbezoek"),
            (SoortVerzuim.GEOORLOOFD, "Familieomstandigheden"),
            (SoortVerzuim.ONGEOORLOOFD, "Te laat gekomen zonder geldige reden"),
        ]
        for _ in range(rng.randint(2, 5)):
            soort, omschrijving = rng.choice(redenen)
            datum = self.dag_tussen(
                self.einde - timedelta(days=330), self.einde - timedelta(days=1)
            )
            self.bewaar(
                m.Verzuim(
                    leerling=self.leerling,
                    datum=datum,
                    soort=soort,
                    dagdelen=None if self.vo else rng.randint(1, 4),
                    uren=rng.randint(1, 6) if self.vo else None,
                    omschrijving=omschrijving,
                )
            )
        if self.index % 9 == 4:
            datum = self.dag_tussen(
                self.einde - timedelta(days=200), self.einde - timedelta(days=7)
            )
            self.bewaar(
                m.Verzuim(
                    leerling=self.leerling,
                    datum=datum,
                    soort=SoortVerzuim.ONGEOORLOOFD,
                    dagdelen=None if self.vo else 6,
                    uren=20 if self.vo else None,
                    omschrijving="Vakantie buiten de schoolvakanties zonder toestemming",
                    contact_leerplicht=True,
                )
            )


def bouw_demowereld(peildatum: date | None = None) -> Resultaat:
    """Build (or complete) the demo world. Idempotent; runs in one transaction."""
    peildatum = peildatum or timezone.localdate()
    with transaction.atomic():
        resultaat = Bouwer(peildatum).bouw()
        from koppelingen.demo import demo_client

        demo_client()  # a second LAS for the REST API, with a printed demo secret
        return resultaat


# --- output (never a BSN or onderwijsnummer) ---------------------------------------------------


def samenvatting(resultaat: Resultaat) -> str:
    if not resultaat.iets_nieuw:
        return (
            "De demowereld bestond al; er is niets gewijzigd "
            f"(schooljaren {', '.join(schooljaren(resultaat.peildatum))})."
        )
    regels = [
        "Demowereld opgebouwd (schooljaren "
        f"{', '.join(schooljaren(resultaat.peildatum))}). Nieuw aangemaakt:"
    ]
    for model, aantal in sorted(
        resultaat.nieuw.items(), key=lambda kv: (kv[0]._meta.app_label, kv[0]._meta.model_name)
    ):
        naam = str(model._meta.verbose_name_plural)
        regels.append(f"  {naam[:1].upper() + naam[1:]:<40} {aantal:>5}")
    return "\n".join(regels)


def logins_tabel() -> str:
    """The demo logins as a Dutch table. Reads the database; changes nothing."""
    rijen = []
    for spec in LOGINS:
        user = User.objects.filter(username=spec.gebruikersnaam).first()
        if user is None:
            continue
        if spec.is_superuser:
            rol, school = "Superbeheerder", "geen; alleen Django-beheer (/beheer/)"
        else:
            aanstelling = (
                Aanstelling.objects.filter(user=user, rol=spec.rol)
                .select_related("school", "bestuur")
                .first()
            )
            rol = str(Rol(spec.rol).label)
            if spec.is_staff:
                rol += " + Django-beheer"
            if aanstelling is None:
                school = "-"
            elif aanstelling.school is not None:
                school = f"{aanstelling.school.naam} ({aanstelling.school.brincode})"
            else:
                school = f"{aanstelling.bestuur.naam} (alle scholen)"
        rijen.append((spec.gebruikersnaam, rol, school, DEMO_WACHTWOORD))
    kop = ("Gebruikersnaam", "Rol", "School", "Wachtwoord")
    breedtes = [max(len(str(r[i])) for r in [kop, *rijen]) for i in range(len(kop))]

    def regel(cellen) -> str:
        return "  ".join(str(c).ljust(b) for c, b in zip(cellen, breedtes, strict=True)).rstrip()

    uit = [
        "",
        "Inloggen op de demo (alle accounts hebben hetzelfde wachtwoord):",
        "",
        regel(kop),
        regel("-" * b for b in breedtes),
        *(regel(r) for r in rijen),
        "",
    ]
    from koppelingen.demo import demo_regels

    uit += demo_regels()
    return "\n".join(uit)


# --- the PO->VO season (issue 15): a groep 8 in every stage, and a regional calendar -----------
#
# ``demo_data --overstapseizoen`` adds, at each PO school, a groep 8 of eleven pupils, one in each
# stage of the season (nothing yet, voorlopig advies, toets result, heroverweging open, advies
# raised, dossier collected, inzage, klaargezet and opgehaald, a newer version needed, inzage
# needed again, a new version notified), the region's agreements, and at Wilgendaal College the
# aangemelde pupils with their dossiers available, received, imported or newer. Season events
# are dated on their national dates when those lie before the peildatum; before the season the
# demo dates them in the days just before the peildatum, so that the boards show every state in
# any month. Idempotent like the rest of the world.

SEIZOEN_STAPPEN = [
    "niets",
    "voorlopig",
    "toets",
    "heroverweging_open",
    "verhoogd",
    "verzameld",
    "inzage",
    "opgehaald",
    "nieuwe_versie",
    "inzage_opnieuw",
    "genotificeerd",
]
SEIZOEN_PERSOON = 500  # BSN volgnummers of the season's pupils start here


def bouw_overstapseizoen(peildatum: date | None = None) -> Resultaat:
    """Build the demo world and then the season on top of it. Idempotent; one transaction."""
    peildatum = peildatum or timezone.localdate()
    with transaction.atomic():
        wereld = Bouwer(peildatum)
        wereld.bouw()
        return SeizoenBouwer(wereld).bouw()


class SeizoenBouwer:
    def __init__(self, wereld: Bouwer):
        self.w = wereld
        self.pd = wereld.peildatum
        self.y1 = wereld.y0 + 1  # the calendar year of this school year's season
        self.rng = random.Random(f"{SEED}-seizoen")

    def op(self, d: date, dagen_voor: int) -> date:
        return min(d, self.pd - timedelta(days=dagen_voor))

    def bouw(self) -> Resultaat:
        from seizoen.models import RegionaleAfspraak

        jaar = schooljaar_label(self.w.y0)
        vandaag = timezone.localdate() - timedelta(days=3)
        for brin in ("14SS", "15TT"):
            school = self.w.scholen[brin]
            self.w.haal_of_maak(
                RegionaleAfspraak,
                {"school": school, "schooljaar": jaar},
                regio="Wilgendaal en omstreken",
                inzage_voor=date(self.y1, 4, 10),
                # the demo klaarzet today, so the region's date lies before today
                klaarzetten_vanaf=min(self.op(date(self.y1, 4, 14), 3), vandaag),
                klaarzetten_voor=date(self.y1, 5, 1),
                ophalen_vanaf=min(self.op(date(self.y1, 4, 14), 3), vandaag),
            )
        persoon = SEIZOEN_PERSOON
        for brin in ("14SS", "15TT"):
            school = self.w.scholen[brin]
            for i, stap in enumerate(SEIZOEN_STAPPEN):
                persoon += 1
                kind = self.kind(persoon)
                leerlingid = f"{brin[:2]}S{i + 1:03d}"
                if m.Leerling.objects.filter(school=school, leerlingid=leerlingid).exists():
                    continue
                bouwer = LeerlingBouwer(
                    self.w, persoon, Rij(brin, "00", 8), kind, school, leerlingid
                )
                bouwer.bouw()
                leerling = bouwer.leerling
                leerling.groep = "8S"
                leerling.save(update_fields=["groep"])
                self.stap(leerling, stap, i)
        return self.w.resultaat

    def kind(self, persoon: int) -> Kind:
        rng = random.Random(f"{SEED}-seizoen-{persoon}")
        gezin = self.w.nieuw_gezin(rng)
        meisje = rng.random() < 0.5
        roepnaam = rng.choice(MEISJESNAMEN if meisje else JONGENSNAMEN)
        begin = date(self.w.y0 - 8 - 4, 10, 1)
        return Kind(
            persoon=persoon,
            gezin=gezin,
            voornamen=roepnaam,
            roepnaam=roepnaam,
            geslacht=Geslacht.VROUW if meisje else Geslacht.MAN,
            geboortedatum=begin + timedelta(days=rng.randint(0, 364)),
            vermogen=round(rng.uniform(-0.6, 0.5), 3),
        )

    # the stages

    def stap(self, leerling: m.Leerling, stap: str, i: int) -> None:
        from leerlingen.models import Heroverweging

        volgorde = [a for _g, a, _t in ADVIES_LADDER]
        teksten = {a: t for _g, a, t in ADVIES_LADDER}
        basis = volgorde[2 + i % 4]  # vmbo-k .. havo
        hoger = volgorde[volgorde.index(basis) + 1]
        m.Eindtoets.objects.filter(leerling=leerling).delete()
        m.Overstapadvies.objects.filter(leerling=leerling).delete()
        if stap == "niets":
            return
        advies = m.Overstapadvies(
            leerling=leerling,
            voorlopig_advies=basis,
            voorlopig_advies_datum=self.op(date(self.y1, 1, 20), 40),
            argumentatie="Werkhouding en resultaten van het leerlingvolgsysteem passen hierbij.",
        )
        if stap == "voorlopig":
            self.w.bewaar(advies)
            return
        toets_hoger = stap in ("heroverweging_open", "verhoogd")
        voor_de_versie = stap in ("nieuwe_versie", "inzage_opnieuw", "genotificeerd")
        if stap != "toets":
            advies.advies = basis
            advies.advies_datum = self.op(date(self.y1, 3, 20), 20)
        if stap == "verhoogd":
            advies.heroverweging = Heroverweging.VERHOOGD
            advies.heroverweging_datum = self.op(date(self.y1, 3, 22), 18)
            advies.herzien_advies = hoger
            advies.motivatie_herzien_advies = (
                "De uitslag van de doorstroomtoets lag hoger; na een gesprek met ouders en "
                "leerling is het advies verhoogd."
            )
        if stap == "verzameld":
            toets_hoger = True
            advies.heroverweging = Heroverweging.NIET_VERHOOGD
            advies.heroverweging_datum = self.op(date(self.y1, 3, 22), 18)
            advies.heroverweging_toelichting = (
                "Werkhouding en zelfstandigheid passen bij het gegeven advies; besproken met "
                "ouders."
            )
        self.w.bewaar(advies)
        toetsadvies = teksten[hoger if toets_hoger else basis]
        if not voor_de_versie:
            self.toets(leerling, toetsadvies)
        if stap in ("toets", "heroverweging_open", "verhoogd"):
            return
        self.uitschrijven(leerling)
        from dossiers.models import InzageKeuze

        dossier = self.verzamel(leerling)
        if stap == "verzameld":
            return
        keuze = InzageKeuze.JA_NIET_AKKOORD if stap == "inzage_opnieuw" else InzageKeuze.JA
        self.inzage(dossier, keuze)
        if stap == "inzage":
            self.vo_leerling(leerling)  # aangemeld at Wilgendaal College, nothing received yet
            return
        klaarzetting = self.klaarzetten(dossier)
        self.opgehaald(leerling, klaarzetting, geimporteerd=stap != "opgehaald")
        if voor_de_versie:
            self.toets(leerling, toetsadvies)  # the result arrives after the klaarzetten
        if stap == "genotificeerd":
            dossier = self.verzamel(leerling)
            self.inzage(dossier, InzageKeuze.JA)
            tweede = self.klaarzetten(dossier)
            self.notificatie(leerling, tweede)

    def toets(self, leerling: m.Leerling, toetsadvies: str) -> None:
        eindtoets = self.w.bewaar(
            m.Eindtoets(
                leerling=leerling,
                deelgenomen=True,
                toetssoort=Eindtoetssoort.IEP
                if leerling.school.brincode == "14SS"
                else Eindtoetssoort.ROUTE8,
                toetsniveau="G",
                datum_afname=self.op(werkdag(date(self.y1, 2, 10)), 30),
                standaardscore=80 if leerling.school.brincode == "14SS" else 205,
                toets_advies=toetsadvies,
            )
        )
        for onderdeel, niveau in [
            (EindtoetsOnderdeel.TAAL, Referentieniveau.F2),
            (EindtoetsOnderdeel.REKENEN, Referentieniveau.F1),
        ]:
            self.w.bewaar(
                m.EindtoetsOnderdeelResultaat(
                    eindtoets=eindtoets, onderdeel=onderdeel, referentieniveau=niveau
                )
            )

    def uitschrijven(self, leerling: m.Leerling) -> None:
        vo = self.w.scholen["16UU"]
        leerling.datum_uitschrijving = vrijdag_op_of_voor(date(self.y1, 7, 17))
        leerling.reden_uitschrijving = RedenUitschrijving.OVERSTAP_VO
        leerling.vervolgschool_brin = vo.brincode
        leerling.vervolgschool_naam = vo.naam
        leerling.full_clean()
        leerling.save()

    def verzamel(self, leerling: m.Leerling):
        from dossiers import services
        from dossiers.profielen import Profiel

        dossier = services.dossier_van(leerling)
        keuzes = services.standaard_keuzes(dossier, Profiel.POVO)
        user = self.w.gebruikers[
            {"14SS": "admin.regenboog", "15TT": "admin.tt"}[leerling.school.brincode]
        ]
        opdracht = services.verzamelen_aanvragen(
            dossier=dossier, keuzes=keuzes, user=user, direct=True
        )
        versie = services.verzamel(opdracht.pk)
        if versie is None:
            opdracht.refresh_from_db()
            raise RuntimeError(f"demo dossier not collected: {opdracht.meldingen[:3]}")
        self.w.resultaat.nieuw[type(versie)] += 1
        dossier.refresh_from_db()
        return dossier

    def inzage(self, dossier, keuze) -> None:
        dossier.inzage = keuze
        dossier.inzage_datum = self.op(date(self.y1, 4, 3), 2)
        dossier.zienswijze = (
            "Wij vinden dat het advies te laag is; onze dochter/zoon kan meer."
            if keuze != "ja"
            else ""
        )
        dossier.inzage_versie = dossier.huidige_versie
        dossier.save()

    def klaarzetten(self, dossier):
        from dossiers import services

        klaarzetting = services.klaarzetten(dossier=dossier)
        self.w.resultaat.nieuw[type(klaarzetting)] += 1
        dossier.refresh_from_db()
        return klaarzetting

    def vo_leerling(self, leerling: m.Leerling) -> m.Leerling:
        """The pupil as aangemeld at Wilgendaal College for the coming school year."""
        vo = self.w.scholen["16UU"]
        bestaand = m.Leerling.objects.filter(school=vo, pgn_hash=leerling.pgn_hash).first()
        if bestaand:
            return bestaand
        kopie = m.Leerling(
            school=vo,
            vestiging=vo.vestigingen.first(),
            **{
                veld: getattr(leerling, veld)
                for veld in (
                    "voornamen",
                    "voorletters",
                    "voorvoegsel",
                    "achternaam",
                    "roepnaam",
                    "geboortedatum",
                    "geslacht",
                    "pgn_type",
                    "pgn",
                    "straat",
                    "huisnummer",
                    "postcode",
                    "plaats",
                    "gemeente",
                )
            },
            leerlingid=f"16A{leerling.leerlingid}",
            groep="1A",
            jaargroep="11",
            datum_inschrijving=date(self.y1, 8, 1),
            herkomst_brin=leerling.school.brincode,
            herkomst_naam=leerling.school.naam,
        )
        return self.w.bewaar(kopie)

    def opgehaald(self, leerling: m.Leerling, klaarzetting, *, geimporteerd: bool) -> None:
        """Wilgendaal College fetched the klaargezet version (both sides of the exchange)."""
        import uuid

        from trafficcenter_client.models import Dossieraanvraag, OpvraagStatus, Opvraging

        vo = self.w.scholen["16UU"]
        sessie = uuid.UUID(int=self.rng.getrandbits(128))
        self.w.bewaar(
            Dossieraanvraag(
                school=leerling.school,
                leerling=leerling,
                pgn_type=leerling.pgn_type,
                bron_routeringskenmerk="0",
                aanvrager_brin=vo.brincode,
                aanvrager_routeringskenmerk="0",
                aanvrager_naam=vo.naam,
                overdrachtsoort="overstapdossier",
                sessie_id=sessie,
                resultaat="OverdrachtGeslaagd",
                verzamelmoment=klaarzetting.versie.verzameld_op,
            )
        )
        vo_leerling = self.vo_leerling(leerling)
        self.w.bewaar(
            Opvraging(
                school=vo,
                leerling=vo_leerling,
                herkomst_brin=leerling.school.brincode,
                overdrachtsoort="overstapdossier",
                pgn_type=leerling.pgn_type,
                pgn_hash=leerling.pgn_hash,
                sessie_id=sessie,
                resultaat="OverdrachtGeslaagd",
                status=OpvraagStatus.KLAAR,
                xml=bytes(klaarzetting.xml),
                verzameldatum=klaarzetting.versie.verzameld_op,
                geimporteerd_op=timezone.now() if geimporteerd else None,
            )
        )

    def notificatie(self, leerling: m.Leerling, klaarzetting) -> None:
        import uuid

        from trafficcenter_client.models import (
            Notificatie,
            NotificatieUitkomst,
            VerstuurdeNotificatie,
        )

        vo = self.w.scholen["16UU"]
        self.w.bewaar(
            VerstuurdeNotificatie(
                school=leerling.school,
                leerling=leerling,
                klaarzetting=klaarzetting,
                doel_brin=vo.brincode,
                doel_naam=vo.naam,
                uitkomst=NotificatieUitkomst.VERSTUURD,
                aantal_ontvangen=1,
                dossier_verzameldatum=klaarzetting.versie.verzameld_op,
            )
        )
        self.w.bewaar(
            Notificatie(
                school=vo,
                leerling=self.vo_leerling(leerling),
                doel_routeringskenmerk="0",
                bron_brin=leerling.school.brincode,
                bron_routeringskenmerk="0",
                overdrachtsoort="overstapdossier",
                koppelsleutel=uuid.UUID(int=self.rng.getrandbits(128)),
                dossier_verzameldatum=klaarzetting.versie.verzameld_op,
            )
        )
