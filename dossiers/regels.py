"""The business rules of the OSO gegevensset 2019.1, as our own rule engine over the lxml tree.

Every rule of ``business-rules.tsv`` of the sets OS.cat* (common), OVa.* (overstapdossiers),
OVb.* (binnen-brin) and PaO.* (SWV dossiers) is one small check function, registered with
:func:`regel` under its rule ID with the Dutch message a school administrator understands. The
official validation (XSLT 2.0, not part of this repository) was the reference for what each
rule checks; the messages are our own.

Which sets apply follows from the dossier's ``overdrachtsoort``:

- ``overstapdossier``: OS + OVa;
- ``overdrachtbinnenbrin``: OS + OVb. The official OV stylesheet runs on both kinds, but every
  OVa check in it is conditional on ``overdrachtsoort = 'overstapdossier'``; the three that are
  not (MD01, MD02, OS03) are the same checks as OVb.MD01, OVb.MD02 and OVb.OS01. The official
  binnen-brin examples (no inzage, no overstapadvies) would fail OVa, so OVa does not apply;
- ``swv-dossier``: OS + PaO;
- any other value: the family it most likely meant (``swv`` in the value or an SWV
  ``metadata/overstap``: PaO; ``brin`` in the value: OVb; else OVa), so that OVa.OS03,
  OVb.OS01 or PaO.SO03 reports the wrong value together with that family's other rules.

Use::

    meldingen = valideer(parse_dossier(data))
    fouten = [m for m in meldingen if m.ernst == FOUT]

Beside the rules of ``business-rules.tsv`` the engine runs what the official common
stylesheet checks under other names: one rule per code list, ``OS.codelijst02`` ...
``OS.codelijst48``, driven by ``leerlingen.codelijsten.CODELIJST_PER_ELEMENT`` (a value is
compared exactly, as the official validation does), and its value checks ``OG.01``-``OG.05``
(e-mail address, standaardversie, LWOO einddatum, overlijdensdatum, huisarts).

Three rules of the standard are recommendations (OVa.EB01, OVa.TR01, OVa.ZB03: not enforced by
the official validation); they report with ``ernst == WAARSCHUWING``, as does the free-text
part of PaO.LL12. Everything else is a ``FOUT``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from lxml import etree
from stdnum.nl import bsn as _bsn
from stdnum.nl import onderwijsnummer as _onderwijsnummer

from leerlingen.codelijsten import CODELIJST_NAMEN, CODELIJST_PER_ELEMENT, CODELIJSTEN, codes

from .profielen import BLOKKEN, Categorie
from .xmlsafe import OSO_NAMESPACE

NS = {"d": OSO_NAMESPACE}
_Q = f"{{{OSO_NAMESPACE}}}"

FOUT = "fout"
WAARSCHUWING = "waarschuwing"

# the rule sets, named after the prefix of their rule IDs
GEMEENSCHAPPELIJK = "OS"
OVERSTAP = "OVa"
BINNEN_BRIN = "OVb"
SWV = "PaO"
SETS = (GEMEENSCHAPPELIJK, OVERSTAP, BINNEN_BRIN, SWV)

# codelijst 29
OVERSTAPDOSSIER = "overstapdossier"
OVERDRACHT_BINNEN_BRIN = "overdrachtbinnenbrin"
SWV_DOSSIER = "swv-dossier"
_SET_VAN_SOORT = {OVERSTAPDOSSIER: OVERSTAP, OVERDRACHT_BINNEN_BRIN: BINNEN_BRIN, SWV_DOSSIER: SWV}

VALIDATIEVERSIE = "2019.1.1"
GEHEIM_TELEFOON = "9999999999"
GEHEIM_EMAIL = "geheim@geheim.geheim"

_DOSSIER_NAAM = {
    GEMEENSCHAPPELIJK: "het dossier",
    OVERSTAP: "een overstapdossier",
    BINNEN_BRIN: "een binnen-brin-dossier",
    SWV: "een SWV-dossier",
}


# --- result and registry ---------------------------------------------------------------------


@dataclass(frozen=True)
class Melding:
    """One finding: the rule, a Dutch message for the user, and where in the dossier."""

    regel: str
    bericht: str
    pad: str
    ernst: str = FOUT


class Treffer(NamedTuple):
    """What a check yields: the element concerned, optionally a more specific message."""

    element: etree._Element
    bericht: str | None = None
    ernst: str | None = None


Controle = Callable[["Dossier"], Iterable[Treffer]]


@dataclass(frozen=True)
class Regel:
    id: str
    sets: frozenset[str]
    bericht: str  # the general message; a check may give a more specific one
    controle: Controle
    ernst: str = FOUT

    @property
    def uitleg(self) -> str:
        """What the rule checks and, where it applies, what cannot be checked and why."""
        return (self.controle.__doc__ or "").strip()

    def toets(self, dossier: Dossier) -> list[Melding]:
        naam = _DOSSIER_NAAM[next(iter(self.sets)) if len(self.sets) == 1 else GEMEENSCHAPPELIJK]
        return [
            Melding(
                regel=self.id,
                bericht=f"{(t.bericht or self.bericht).replace('{dossier}', naam)} ({self.id})",
                pad=pad(t.element),
                ernst=t.ernst or self.ernst,
            )
            for t in self.controle(dossier)
        ]


REGELS: dict[str, Regel] = {}
_per_set: dict[str, tuple[Regel, ...]] = {}


def regel(
    regel_ids: str | tuple[str, ...],
    bericht: str,
    *,
    sets: Iterable[str] | None = None,
    ernst: str = FOUT,
) -> Callable[[Controle], Controle]:
    """Register a check under a rule ID, or under several IDs when the same check is a rule of
    several sets (OVa.MD01, OVb.MD01, PaO.MD01). A rule's set is the prefix of its ID unless
    ``sets`` says otherwise; ``{dossier}`` in a message becomes "een overstapdossier", "een
    SWV-dossier", ... according to that set. Stackable."""

    def registreer(controle: Controle) -> Controle:
        for regel_id in (regel_ids,) if isinstance(regel_ids, str) else regel_ids:
            if regel_id in REGELS:
                raise ValueError(f"regel {regel_id} is al geregistreerd")
            regelsets = frozenset(sets or {regel_id.split(".", 1)[0]})
            if not regelsets <= set(SETS):
                raise ValueError(f"onbekende set in {sorted(regelsets)}")
            REGELS[regel_id] = Regel(regel_id, regelsets, bericht, controle, ernst)
        _per_set.clear()
        return controle

    return registreer


def familie(overdrachtsoort: str | None, overstap: str | None = None) -> str:
    """The rule set (OVa, OVb or PaO) for a dossier with this overdrachtsoort."""
    if overdrachtsoort in _SET_VAN_SOORT:
        return _SET_VAN_SOORT[overdrachtsoort]
    soort = (overdrachtsoort or "").lower()
    if "swv" in soort or overstap in ("POSWV", "VOSWV"):
        return SWV
    if "brin" in soort:
        return BINNEN_BRIN
    return OVERSTAP


def regels_voor(overdrachtsoort: str | None, overstap: str | None = None) -> list[Regel]:
    """The rules that apply to a dossier with this overdrachtsoort (and metadata/overstap)."""
    gekozen = familie(overdrachtsoort, overstap)
    if gekozen not in _per_set:
        _per_set[gekozen] = tuple(
            r for r in REGELS.values() if r.sets & {GEMEENSCHAPPELIJK, gekozen}
        )
    return list(_per_set[gekozen])


def valideer(tree: etree._ElementTree | etree._Element) -> list[Melding]:
    """Run every applicable rule over a parsed dossier (from :func:`.xmlsafe.parse_dossier`)."""
    dossier = Dossier(tree)
    meldingen: list[Melding] = []
    for r in regels_voor(dossier.overdrachtsoort, dossier.overstap):
        meldingen.extend(r.toets(dossier))
    return meldingen


# --- reading the dossier ---------------------------------------------------------------------


def _x(expressie: str) -> etree.XPath:
    return etree.XPath(expressie, namespaces=NS)


def _tekst(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    return (element.text or "").strip()


def _waar(element: etree._Element | None) -> bool:
    """xs:boolean true ("true" or "1")."""
    return element is not None and (element.text or "").strip() in ("true", "1")


def _kind(element: etree._Element | None, naam: str) -> etree._Element | None:
    return None if element is None else element.find(_Q + naam)


def _kinderen(element: etree._Element | None, naam: str) -> list[etree._Element]:
    return [] if element is None else element.findall(_Q + naam)


def _of(element: etree._Element | None, anders: etree._Element) -> etree._Element:
    """``element`` unless it is None (never ``or``: an element without children is falsy)."""
    return anders if element is None else element


def _datum(element: etree._Element | None) -> date | None:
    tekst = _tekst(element)
    try:
        return date.fromisoformat(tekst[:10]) if tekst else None
    except ValueError:
        return None  # not a date: the XSD reports it


def _naam(element: etree._Element) -> str:
    return etree.QName(element).localname


def pad(element: etree._Element) -> str:
    """A readable XPath-like location: /dossier/huidigeschool/leerling/verzorger[2]."""
    delen = []
    huidig: etree._Element | None = element
    while huidig is not None:
        ouder = huidig.getparent()
        deel = _naam(huidig)
        if ouder is not None:
            gelijk = [k for k in ouder if k.tag == huidig.tag]
            if len(gelijk) > 1:
                deel += f"[{gelijk.index(huidig) + 1}]"
        delen.append(deel)
        huidig = ouder
    return "/" + "/".join(reversed(delen))


# The code-list fields as a tree of lxml tags below dossier: each node is (path and list number
# when the element is a code-list field, its children), so that only the branches that lead to
# a code-list field are visited.
_CODEVELD_BOOM: dict[str, tuple[tuple[str, int] | None, dict]] = {}
for _pad, _lijst in CODELIJST_PER_ELEMENT.items():
    _tak = _CODEVELD_BOOM
    _delen = _pad.split("/")[1:]
    for _i, _deel in enumerate(_delen):
        _veld, _onder = _tak.setdefault(_Q + _deel, (None, {}))
        if _i == len(_delen) - 1:
            _tak[_Q + _deel] = ((_pad, _lijst), _onder)
        _tak = _onder


class Dossier:
    """The parsed dossier with the nodes most rules need, looked up once."""

    __slots__ = (
        "root",
        "metadata",
        "overdrachtsoort",
        "overstap",
        "deeldossier",
        "categorie_uitlevering",
        "categorieen",
        "inzage",
        "school",
        "leerling",
        "_codevelden",
    )

    def __init__(self, tree: etree._ElementTree | etree._Element) -> None:
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        self.root: etree._Element = root
        self.metadata = _kind(root, "metadata")
        self.overdrachtsoort = _tekst(_kind(root, "overdrachtsoort"))
        self.overstap = _tekst(_kind(self.metadata, "overstap"))
        self.deeldossier = _tekst(_kind(self.metadata, "deeldossier"))
        self.categorie_uitlevering = _kind(self.metadata, "categorie_uitlevering")
        self.categorieen: dict[str, etree._Element] = {
            _naam(c): c
            for c in (self.categorie_uitlevering if self.categorie_uitlevering is not None else ())
            if isinstance(c.tag, str)
        }
        self.inzage = _kind(root, "inzage")
        self.school = _kind(root, "huidigeschool")
        self.leerling = _kind(self.school, "leerling")
        self._codevelden: dict[int, list[tuple[str, etree._Element]]] | None = None

    def codevelden(self, nummer: int) -> list[tuple[str, etree._Element]]:
        """(path, element) of every element of the dossier whose value comes from code list
        ``nummer`` (``CODELIJST_PER_ELEMENT``); the tree is walked once for all lists."""
        if self._codevelden is None:
            gevonden: dict[int, list[tuple[str, etree._Element]]] = {}

            def loop(element: etree._Element, tak: dict) -> None:
                for kind in element:
                    volgende = tak.get(kind.tag)
                    if volgende is not None:
                        veld, kinderen = volgende
                        if veld is not None:
                            gevonden.setdefault(veld[1], []).append((veld[0], kind))
                        if kinderen:
                            loop(kind, kinderen)

            if self.root.tag == _Q + "dossier":
                loop(self.root, _CODEVELD_BOOM)
            self._codevelden = gevonden
        return self._codevelden.get(nummer, [])

    def categorie(self, element: str) -> str | None:
        return _tekst(self.categorieen.get(element))

    def uitgeleverd(self, element: str) -> bool:
        """Whether a block is delivered: not declared VERBODEN or OPT-UIT."""
        return self.categorie(element) not in (Categorie.VERBODEN, Categorie.OPT_UIT)


# --- OS.cat01-16: the dossier's own categorie_uitlevering -------------------------------------

_L = "d:huidigeschool/d:leerling"
_BLOKNAAM = {b.categorie_element: b.naam for b in BLOKKEN}
_WAARDEN = {c.value for c in Categorie}


def _blok_expressie(slug: str) -> str:
    """The elements of a block, from the description of the gegevensset (its block partition):
    an XPath relative to the dossier element."""
    from .gegevensset import huidig

    return " | ".join(
        "/".join(f"d:{naam}" for naam in pad.split("/")[1:]) for pad in huidig().blok_wortels(slug)
    )


# the rule per block of categorie_uitlevering, in BLOKKEN's order
_CATEGORIE_REGELS = (
    "OS.cat01",
    "OS.cat02",
    "OS.cat03",
    "OS.cat04",
    "OS.cat05",
    "OS.cat06",
    "OS.cat07",
    "OS.cat08",
    "OS.cat09",
    "OS.cat10",
    "OS.cat11",
    "OS.cat120",
    "OS.cat13",
    "OS.cat14",
    "OS.cat15",
    "OS.cat16",
)
_CATEGORIEEN: tuple[tuple[str, str, str], ...] = tuple(
    (regel_id, b.categorie_element, _blok_expressie(b.slug))
    for regel_id, b in zip(_CATEGORIE_REGELS, BLOKKEN, strict=True)
)


def _categorie_controle(element: str, expressie: str) -> Controle:
    gegevens = _x(expressie)
    bloknaam = _BLOKNAAM[element]

    def controle(d: Dossier) -> Iterator[Treffer]:
        aanduiding = d.categorieen.get(element)
        if aanduiding is None:
            return  # no categorie_uitlevering (MD03) or the XSD misses the element
        waarde = _tekst(aanduiding)
        if waarde not in _WAARDEN:
            return  # a value outside codelijst 48: the code-list rule OS.codelijst48 reports it
        gevonden = gegevens(d.root)
        if waarde == Categorie.VERPLICHT and not gevonden:
            yield Treffer(
                d.leerling if d.leerling is not None else d.root,
                f"Het blok {bloknaam} is verplicht, maar het dossier bevat er geen gegevens uit",
            )
        elif waarde in (Categorie.VERBODEN, Categorie.OPT_UIT) and gevonden:
            hoe = "verboden" if waarde == Categorie.VERBODEN else "uitgezet (OPT-UIT)"
            namen = ", ".join(dict.fromkeys(_naam(e) for e in gevonden))
            yield Treffer(
                gevonden[0],
                f"Het blok {bloknaam} is {hoe}, maar het dossier bevat er toch gegevens uit "
                f"({namen})",
            )

    controle.__doc__ = (
        f"Blok {bloknaam}: bij VERPLICHT in metadata/categorie_uitlevering/{element} moet het "
        "dossier gegevens uit het blok bevatten; bij VERBODEN of OPT-UIT geen enkel gegeven. "
        "Een waarde buiten codelijst 48 meldt de codelijstregel OS.codelijst48."
    )
    controle.__name__ = f"categorie_{element}"
    return controle


for _id, _element, _expressie in _CATEGORIEEN:
    regel(
        _id,
        f"De gegevens van het blok {_BLOKNAAM[_element]} kloppen niet met de categorie uitlevering",
    )(_categorie_controle(_element, _expressie))


# --- OS.codelijstNN: every code list the official validation checks ---------------------------

# The Dutch name of each code-list field in a message, by its element (or parent/element)
_CODEVELD: dict[str, str] = {
    "overstapadvies/advies": "VO-advies van de school",
    "overstapadvies/wensouders": "VO-advies volgens de ouders",
    "overstapadvies/wensleerling": "VO-advies volgens de leerling",
    "overstapadvies/herzienadvies": "Herzien VO-advies",
    "overstapadvies/profiel": "Profiel bij het advies",
    "communicatie/soort": "Soort communicatie (telefoon of e-mail)",
    "communicatie/aanduiding": "Aanduiding communicatie (werk, privé, overig)",
    "codevoorschoolsetoeleider": "Voorschoolse toeleider",
    "codevoorschoolsehistorie": "Voorschoolse historie",
    "codevoorschoolsedeelname": "Voorschoolse deelname",
    "codevoorschoolsprogramma": "Voorschools programma",
    "codevroegschoolsprogramma": "Vroegschools programma",
    "nnca": "Culturele achtergrond (NNCA)",
    "codereferentiescore": "Soort referentiescore",
    "codevergelijkingsgroep": "Vergelijkingsgroep van de referentiescore",
    "jaargroep": "Jaargroep/leerjaar",
    "geslacht": "Geslacht",
    "leerlinggewicht": "Leerlinggewicht",
    "metadata/overstap": "Soort overstap",
    "rvcindicatie": "RVC-indicatie",
    "adres/aanduiding": "Huisnummeraanduiding (TO of BY)",
    "adres/soortadres": "Soort adres",
    "diagnose/code": "Diagnosecode",
    "overdrachtsoort": "Soort overdracht",
    "tlvcategorie": "TLV-bekostigingscategorie",
    "deeldossier": "Soort deeldossier",
    "examenuitslag": "Examenuitslag",
    "beoordelingexamenvak": "Beoordeling examenvak",
    "inzage/akkoord": "Akkoord van de ouders met de inhoud",
    "inzage/toestemming": "Toestemming van de ouders voor de overdracht",
    "relatietotkind": "Relatie tot het kind",
    "toetssoort": "Soort eindtoets",
    "toetsniveau": "Niveau van de eindtoets",
    "wettelijke_ontheffing": "Wettelijke ontheffing voor de eindtoets",
    "ond_referentieniveau": "Referentieniveau van het onderdeel",
    "dom_referentieniveau": "Referentieniveau van het domein",
    "onderdeelcode": "Onderdeel van de eindtoets",
    "domeincode": "Domein van de eindtoets",
}


def codeveld_naam(pad_: str) -> str:
    """The Dutch name of the code-list field at this element path."""
    delen = pad_.split("/")
    if delen[-1].startswith("cat_"):
        blok = _BLOKNAAM.get(delen[-1], delen[-1])
        return f"Categorie uitlevering van het blok {blok}"
    return _CODEVELD.get("/".join(delen[-2:])) or _CODEVELD.get(delen[-1]) or delen[-1]


def _getoonde_waarde(waarde: str | None) -> str:
    """The wrong value as a message may show it: never a BSN or onderwijsnummer, never long."""
    if waarde is None or not waarde.strip():
        return "(leeg)"
    if re.search(r"[0-9]{9}", waarde):
        return "(een nummer dat niet getoond wordt)"
    waarde = waarde.strip()
    return f"'{waarde[:40]}…'" if len(waarde) > 40 else f"'{waarde}'"


def _codelijst_controle(nummer: int) -> Controle:
    toegestaan = codes(nummer)
    naam = CODELIJST_NAMEN[nummer]
    voorbeelden = ", ".join(sorted(toegestaan, key=lambda c: (len(c), c))[:8])
    if len(toegestaan) > 8:
        voorbeelden += ", …"

    def controle(d: Dossier) -> Iterator[Treffer]:
        for pad_, element in d.codevelden(nummer):
            # compared exactly as the official validation does: no trimming, no case folding
            if element.text not in toegestaan:
                yield Treffer(
                    element,
                    f"Het veld '{codeveld_naam(pad_)}' heeft de waarde "
                    f"{_getoonde_waarde(element.text)}, die niet voorkomt in codelijst "
                    f"{nummer} ({naam}); toegestaan zijn: {voorbeelden}",
                )

    controle.__doc__ = (
        f"Elk veld met een waarde uit codelijst {nummer} ({naam}) heeft een code uit die lijst "
        f"(leerlingen.codelijsten.{CODELIJSTEN[nummer].__name__}); de velden staan in "
        "CODELIJST_PER_ELEMENT."
    )
    controle.__name__ = f"codelijst_{nummer}"
    return controle


for _nummer in sorted(set(CODELIJST_PER_ELEMENT.values())):
    regel(
        f"OS.codelijst{_nummer:02d}",
        f"Een veld bevat een waarde die niet voorkomt in codelijst {_nummer} "
        f"({CODELIJST_NAMEN[_nummer]})",
    )(_codelijst_controle(_nummer))


# --- OG.01-05: the gegevensset's own value checks (official common stylesheet) ---------------

_EMAIL = re.compile(
    r"[a-zA-Z0-9!#$%*+=?^_`{|}~.-]+@[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?"
    r"(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*\Z"
)


@regel("OG.01", "Een e-mailadres is geen geldig e-mailadres", sets=(GEMEENSCHAPPELIJK,))
def _email(d: Dossier) -> Iterator[Treffer]:
    """Every communicatie of soort e-mail has a nummer of 4 to 256 characters with one @,
    in the form DUO checks (the official validation's expression)."""
    for communicatie in d.root.iter(_Q + "communicatie"):
        if _tekst(_kind(communicatie, "soort")) != "e-mail":
            continue
        nummer = _kind(communicatie, "nummer")
        adres = "" if nummer is None else "".join(nummer.itertext())
        if not 4 <= len(adres) <= 256 or "@" not in adres or not _EMAIL.search(adres):
            yield Treffer(
                communicatie,
                "Een e-mailadres is geen geldig e-mailadres (4 tot 256 tekens, met een @ en een "
                "geldige domeinnaam)",
            )


@regel(
    "OG.02",
    "De standaardversie in de metadata moet 2019.1 zijn",
    sets=(GEMEENSCHAPPELIJK,),
)
def _standaardversie(d: Dossier) -> Iterator[Treffer]:
    """metadata/standaardversie is exactly 2019.1."""
    for versie in _kinderen(d.metadata, "standaardversie"):
        if versie.text != "2019.1":
            yield Treffer(versie)


@regel(
    "OG.03",
    "De einddatum van het LWOO moet een 31 juli zijn (JJJJ-07-31)",
    sets=(GEMEENSCHAPPELIJK,),
)
def _lwoo_einddatum(d: Dossier) -> Iterator[Treffer]:
    """Every lwoo_einddatum has the form EEJJ-07-31."""
    for einddatum in d.root.iter(_Q + "lwoo_einddatum"):
        if not re.search(r"[0-9]{4}-07-31", einddatum.text or ""):
            yield Treffer(einddatum)


@regel(
    "OG.04",
    "Een overlijdensdatum van een ouder/verzorger mag alleen als die ouder/verzorger als "
    "overleden is aangegeven",
    sets=(GEMEENSCHAPPELIJK,),
)
def _overlijdensdatum(d: Dossier) -> Iterator[Treffer]:
    """A verzorger has an overlijdensdatum only with overleden true."""
    for verzorger in d.root.iter(_Q + "verzorger"):
        datum = _kind(verzorger, "overlijdensdatum")
        if datum is not None and not _waar(_kind(verzorger, "overleden")):
            yield Treffer(datum)


@regel(
    "OG.05",
    "Bij de huisarts horen geen roepnaam, geslacht of geheim adres",
    sets=(GEMEENSCHAPPELIJK,),
)
def _huisarts(d: Dossier) -> Iterator[Treffer]:
    """The huisarts has no roepnaam, no geslacht and no adresgeheim true."""
    for huisarts in d.root.iter(_Q + "huisarts"):
        for naam in ("roepnaam", "geslacht"):
            yield from (Treffer(e) for e in _kinderen(huisarts, naam))
        geheim = _kind(huisarts, "adresgeheim")
        if _waar(geheim):
            yield Treffer(geheim)


def is_standaardregel(regel_id: str) -> bool:
    """A rule of business-rules.tsv (not a code list, not one of the OG checks, which the
    official common stylesheet runs under their own numbers)."""
    return not (is_codelijstregel(regel_id) or regel_id.startswith("OG."))


def is_codelijstregel(regel_id: str) -> bool:
    """Our own rule IDs for the code lists (the standard numbers no rule for them)."""
    return regel_id.startswith("OS.codelijst")


# --- shared checks (several sets) ------------------------------------------------------------


@regel(
    ("OVa.MD01", "OVb.MD01", "PaO.MD01"),
    "Het dossier moet het LAS-deel bevatten (deeldossier LAS of LASLVS); alleen een LVS- of "
    "TIB-deel is niet genoeg",
)
def _las_deel(d: Dossier) -> Iterator[Treffer]:
    """metadata/deeldossier (codelijst 33) is LAS of LASLVS."""
    if d.metadata is not None and d.deeldossier not in ("LAS", "LASLVS"):
        yield Treffer(_of(_kind(d.metadata, "deeldossier"), d.metadata))


@regel(
    ("OVa.MD02", "OVb.MD02", "PaO.MD02"),
    f"De validatieversie in de metadata moet {VALIDATIEVERSIE} zijn",
)
def _validatieversie(d: Dossier) -> Iterator[Treffer]:
    """metadata/validatieversie is 2019.1.1, the version of the 2019.1 validation."""
    versie = _kind(d.metadata, "validatieversie")
    if d.metadata is not None and _tekst(versie) != VALIDATIEVERSIE:
        yield Treffer(_of(versie, d.metadata))


@regel(
    ("OVa.MD03", "OVb.MD03", "PaO.MD03"),
    "Categorie uitlevering (welke blokken wel en niet zijn opgenomen) ontbreekt in de metadata",
)
def _categorie_uitlevering(d: Dossier) -> Iterator[Treffer]:
    """metadata/categorie_uitlevering is present."""
    if d.metadata is not None and d.categorie_uitlevering is None:
        yield Treffer(d.metadata)


def _soort_overdracht(d: Dossier, toegestaan: tuple[str, ...]) -> Iterator[Treffer]:
    if d.overdrachtsoort not in toegestaan:
        yield Treffer(_of(_kind(d.root, "overdrachtsoort"), d.root))


@regel(
    ("OVa.OS03", "OVb.OS01"),
    "Soort overdracht moet 'overstapdossier' of 'overdrachtbinnenbrin' zijn",
)
def _soort_overdracht_ov(d: Dossier) -> Iterator[Treffer]:
    """overdrachtsoort is overstapdossier or overdrachtbinnenbrin (codelijst 29)."""
    return _soort_overdracht(d, (OVERSTAPDOSSIER, OVERDRACHT_BINNEN_BRIN))


@regel(("OVa.LL01", "PaO.LL01"), "Voornaam van de leerling ontbreekt: verplicht in {dossier}")
def _voornaam(d: Dossier) -> Iterator[Treffer]:
    """The pupil has at least one voornaam."""
    if d.leerling is not None and _kind(d.leerling, "voornaam") is None:
        yield Treffer(d.leerling)


@regel(("OVa.LL02", "PaO.LL02"), "Geboortedatum van de leerling ontbreekt: verplicht in {dossier}")
def _geboortedatum(d: Dossier) -> Iterator[Treffer]:
    """The pupil has a geboortedatum."""
    if d.leerling is not None and _kind(d.leerling, "geboortedatum") is None:
        yield Treffer(d.leerling)


_GEBOORTEMAAND = (
    "Alleen een geboortemaand (anonieme geboortedatum) is niet toegestaan in {dossier}: "
    "geef de volledige geboortedatum"
)


@regel(("OVa.LL03", "OVb.LL01", "PaO.LL03"), _GEBOORTEMAAND)
def _geen_geboortemaand(d: Dossier) -> Iterator[Treffer]:
    """The pupil has no geboortemaand (the anonymous birth date)."""
    for element in _kinderen(d.leerling, "geboortemaand"):
        yield Treffer(element)


@regel(
    ("OVa.LL04", "PaO.LL04"),
    "Niet aangegeven of het adres van de leerling geheim is (adres geheim)",
)
def _adresgeheim_aangegeven(d: Dossier) -> Iterator[Treffer]:
    """The pupil's adresgeheim is present."""
    if d.leerling is not None and _kind(d.leerling, "adresgeheim") is None:
        yield Treffer(d.leerling)


_ADRES_VERPLICHT = (
    "Adres van de leerling ontbreekt: een Nederlands of buitenlands adres is verplicht als het "
    "adres niet geheim is"
)


@regel(("OVa.LL05", "PaO.LL05"), _ADRES_VERPLICHT)
def _adres_aanwezig(d: Dossier) -> Iterator[Treffer]:
    """A pupil whose address is not secret has an adres or an adresbuitenland."""
    ll = d.leerling
    if (
        ll is not None
        and not _waar(_kind(ll, "adresgeheim"))
        and ll.find(f"{_Q}adreslijst/{_Q}adres") is None
        and _kind(ll, "adresbuitenland") is None
    ):
        yield Treffer(ll)


_GEHEIM_ADRES = (
    "Het adres van de leerling is geheim, maar het dossier bevat toch een adres van de "
    "leerling: een geheim adres wordt niet meegestuurd"
)


@regel(("OVa.LL06", "OVb.LL02", "PaO.LL06"), _GEHEIM_ADRES)
def _geheim_adres(d: Dossier) -> Iterator[Treffer]:
    """When the pupil's address is secret (adresgeheim true), no adres is sent."""
    ll = d.leerling
    if ll is not None and _waar(_kind(ll, "adresgeheim")):
        yield from (Treffer(a) for a in ll.iterfind(f"{_Q}adreslijst/{_Q}adres"))


_POSTCODE4 = "Alleen een postcode van 4 cijfers als adres is niet toegestaan in {dossier}"


@regel(("OVa.LL07", "OVb.LL03", "PaO.LL07"), _POSTCODE4)
def _geen_postcode4(d: Dossier) -> Iterator[Treffer]:
    """The pupil has no postcode4adres (the anonymous address)."""
    for element in _kinderen(d.leerling, "postcode4adres"):
        yield Treffer(element)


_GEHEIM_BUITENLAND = (
    "Het adres van de leerling is geheim, maar het dossier bevat toch een buitenlands adres: "
    "een geheim adres wordt niet meegestuurd"
)


@regel(("OVa.LL09", "OVb.LL05", "PaO.LL09"), _GEHEIM_BUITENLAND)
def _geheim_buitenland(d: Dossier) -> Iterator[Treffer]:
    """When the pupil's address is secret, no adresbuitenland is sent."""
    ll = d.leerling
    if ll is not None and _waar(_kind(ll, "adresgeheim")):
        yield from (Treffer(a) for a in _kinderen(ll, "adresbuitenland"))


_ALLE_COMMUNICATIE = _x("//d:communicatie")


def _geheime_communicatie(d: Dossier, van_verzorger: bool) -> Iterator[Treffer]:
    for communicatie in _ALLE_COMMUNICATIE(d.root):
        if not _waar(_kind(communicatie, "geheim")):
            continue
        ouder = communicatie.getparent()
        eigenaar = ouder.getparent() if ouder is not None else None
        if (eigenaar is not None and eigenaar.tag == _Q + "verzorger") != van_verzorger:
            continue
        soort = _tekst(_kind(communicatie, "soort"))
        nummer = _tekst(_kind(communicatie, "nummer"))
        if soort == "telefoon" and nummer != GEHEIM_TELEFOON:
            yield Treffer(
                communicatie,
                "Een geheim telefoonnummer mag niet worden meegestuurd: vul "
                f"{GEHEIM_TELEFOON} in plaats van het echte nummer in",
            )
        elif soort == "e-mail" and nummer != GEHEIM_EMAIL:
            yield Treffer(
                communicatie,
                "Een geheim e-mailadres mag niet worden meegestuurd: vul "
                f"{GEHEIM_EMAIL} in plaats van het echte adres in",
            )


_GEHEIME_COMMUNICATIE = (
    "Geheime contactgegevens moeten worden meegestuurd als 9999999999 (telefoon) of "
    "geheim@geheim.geheim (e-mail)"
)


@regel(("OVa.LL08", "OVb.LL04", "PaO.LL08"), _GEHEIME_COMMUNICATIE)
def _geheime_communicatie_leerling(d: Dossier) -> Iterator[Treffer]:
    """Every secret (geheim true) telefoon is 9999999999 and every secret e-mail is
    geheim@geheim.geheim: the pupil's, the school's, the huisarts', the institutions'. Those of
    ouders/verzorgers fall under OVa.OV04 / OVb.OV02 / PaO.OV04."""
    return _geheime_communicatie(d, van_verzorger=False)


@regel(("OVa.OV04", "OVb.OV02", "PaO.OV04"), _GEHEIME_COMMUNICATIE)
def _geheime_communicatie_verzorger(d: Dossier) -> Iterator[Treffer]:
    """Every secret telefoon of a verzorger is 9999999999, every secret e-mail
    geheim@geheim.geheim."""
    return _geheime_communicatie(d, van_verzorger=True)


# The official OV stylesheet forbids geboorteplaats and nationaliteit in a binnen-brin dossier
# as well ("dus ook voor overdracht-binnen-brin", its rule "OVb.LL??"): OVa.LL10/11 apply there.
@regel("PaO.LL10", "De geboorteplaats van de leerling mag niet in {dossier} staan")
@regel(
    "OVa.LL10",
    "De geboorteplaats van de leerling mag niet in een overstap- of binnen-brin-dossier staan",
    sets=(OVERSTAP, BINNEN_BRIN),
)
def _geen_geboorteplaats(d: Dossier) -> Iterator[Treffer]:
    """The pupil has no geboorteplaats (also in a binnen-brin dossier, as the official
    stylesheet checks)."""
    yield from (Treffer(e) for e in _kinderen(d.leerling, "geboorteplaats"))


@regel("PaO.LL11", "De nationaliteit van de leerling mag niet in {dossier} staan")
@regel(
    "OVa.LL11",
    "De nationaliteit van de leerling mag niet in een overstap- of binnen-brin-dossier staan",
    sets=(OVERSTAP, BINNEN_BRIN),
)
def _geen_nationaliteit(d: Dossier) -> Iterator[Treffer]:
    """The pupil has no nationaliteit (also in a binnen-brin dossier, as the official
    stylesheet checks)."""
    yield from (Treffer(e) for e in _kinderen(d.leerling, "nationaliteit"))


_VERZORGER_VERPLICHT = (
    "Er is geen ouder/verzorger opgenomen, terwijl de ouders/verzorgers aansprakelijk zijn: "
    "minstens één ouder/verzorger is verplicht"
)


@regel(("OVa.OV01", "PaO.OV01"), _VERZORGER_VERPLICHT)
def _verzorger_aanwezig(d: Dossier) -> Iterator[Treffer]:
    """When verzorgersaansprakelijk is true, at least one verzorger is present."""
    ll = d.leerling
    if (
        ll is not None
        and _waar(_kind(ll, "verzorgersaansprakelijk"))
        and _kind(ll, "verzorger") is None
    ):
        yield Treffer(ll)


_VERZORGER_GEHEIM_ADRES = (
    "Het adres van deze ouder/verzorger is geheim, maar het dossier bevat toch een adres van "
    "deze ouder/verzorger: een geheim adres wordt niet meegestuurd"
)


@regel(("OVa.OV03", "OVb.OV01", "PaO.OV03"), _VERZORGER_GEHEIM_ADRES)
def _verzorger_geheim_adres(d: Dossier) -> Iterator[Treffer]:
    """A verzorger whose address is secret (adresgeheim true) has no adres."""
    for verzorger in _kinderen(d.leerling, "verzorger"):
        if _waar(_kind(verzorger, "adresgeheim")):
            yield from (Treffer(a) for a in verzorger.iterfind(f"{_Q}adreslijst/{_Q}adres"))


@regel(("OVa.SL01", "PaO.SL01"), "Adres van de school ontbreekt")
def _school_adres_en_schoolloopbaan(d: Dossier) -> Iterator[Treffer]:
    """The school (huidigeschool) has at least one adres. The official validation also
    reports a missing schoolloopbaan (no schoolloopbaanlijst/schoolloopbaan) under this ID;
    so do we."""
    if d.school is not None and d.school.find(f"{_Q}adreslijst/{_Q}adres") is None:
        yield Treffer(d.school)
    ll = d.leerling
    if ll is not None and ll.find(f"{_Q}schoolloopbaanlijst/{_Q}schoolloopbaan") is None:
        yield Treffer(
            ll,
            "Schoolloopbaan van de leerling ontbreekt: minstens één schooljaar is verplicht "
            "in {dossier}",
        )


@regel(("OVa.SL02", "PaO.SL02"), "Telefoonnummer of e-mailadres van de school ontbreekt")
def _school_communicatie(d: Dossier) -> Iterator[Treffer]:
    """The school has at least one communicatie (telefoon or e-mail)."""
    if d.school is not None and d.school.find(f"{_Q}communicatielijst/{_Q}communicatie") is None:
        yield Treffer(d.school)


_RESULTATEN = _x(
    f"{_L}/d:toetslijst/d:toets/d:resultaat"
    f" | {_L}/d:toetslijst/d:toets/d:toetsonderdeel/d:resultaat"
)
_TOETSSCORES = _x(
    f"{_L}/d:toetslijst/d:toets/d:resultaat/d:toetsscore"
    f" | {_L}/d:toetslijst/d:toets/d:toetsonderdeel/d:resultaat/d:toetsscore"
)
_TOETSSCORE_VELDEN = tuple(
    _Q + n
    for n in (
        "aantalopgaven",
        "aantalgoed",
        "aantalfout",
        "aantalgelezen",
        "tijd",
        "vaardigheidsscore",
    )
)
_RESULTAAT_INHOUD = frozenset(_Q + n for n in ("toetsscore", "referentiescore", "document"))
_SCORES = _x(f"{_L}/d:cijferlijstlijst//d:score")

_TOETSRESULTAAT = (
    "Een toetsresultaat bevat geen score, geen referentiescore en geen bijlage: minstens één "
    "daarvan is verplicht"
)
_TOETSSCORE = (
    "Een toetsscore is leeg: vul minstens het aantal opgaven, goed, fout of gelezen, de tijd "
    "of de vaardigheidsscore in"
)
_SCORE = "Een cijfer in een cijferlijst heeft geen waarde en geen kwalificatie: vul er een in"


@regel(("OVa.TR05", "PaO.TR01"), _TOETSRESULTAAT)
def _toetsresultaat(d: Dossier) -> Iterator[Treffer]:
    """Every resultaat of a toets or toetsonderdeel has a toetsscore, a referentiescore or a
    document."""
    for resultaat in _RESULTATEN(d.root):
        if not any(k.tag in _RESULTAAT_INHOUD for k in resultaat):
            yield Treffer(resultaat)


@regel(("OVa.TR06", "PaO.TR02"), _TOETSSCORE)
def _toetsscore(d: Dossier) -> Iterator[Treffer]:
    """Every toetsscore has aantalopgaven, aantalgoed, aantalfout, aantalgelezen, tijd or
    vaardigheidsscore."""
    for score in _TOETSSCORES(d.root):
        if not any(k.tag in _TOETSSCORE_VELDEN for k in score):
            yield Treffer(score)


@regel(("OVa.CL01", "PaO.CL01"), _SCORE)
def _score(d: Dossier) -> Iterator[Treffer]:
    """Every score in the cijferlijsten has a waarde or a kwalificatie."""
    for score in _SCORES(d.root):
        if _kind(score, "waarde") is None and _kind(score, "kwalificatie") is None:
            yield Treffer(score)


_ZORG = _x(f"{_L}/*[self::d:zorg or self::d:onderwijsondersteuning]")
_NIET_IN_2019 = (
    "The 2018 block zorg (with lgf, naamib, vir, zat) no longer exists in the 2019.1 XSD, so a "
    "schema-valid dossier cannot break this rule; the check still looks for these fields in "
    "zorg and in its successor onderwijsondersteuning, for a sender that kept them."
)


@regel(
    ("OVa.ZB02", "PaO.ZB01"),
    "Gegevens uit de Verwijsindex risicojongeren (VIR) mogen niet in {dossier} staan",
)
def _geen_vir(d: Dossier) -> Iterator[Treffer]:
    for blok in _ZORG(d.root):
        yield from (Treffer(e) for e in _kinderen(blok, "vir"))


_geen_vir.__doc__ = "No vir (Verwijsindex) in the zorg block. " + _NIET_IN_2019


@regel(
    "OVa.ZB03",
    "Gegevens over het zorgadviesteam (ZAT) worden afgeraden in een overstapdossier",
    ernst=WAARSCHUWING,
)
@regel("PaO.ZB02", "Gegevens over het zorgadviesteam (ZAT) mogen niet in een SWV-dossier staan")
def _geen_zat(d: Dossier) -> Iterator[Treffer]:
    for blok in _ZORG(d.root):
        yield from (Treffer(e) for e in _kinderen(blok, "zat"))


_geen_zat.__doc__ = (
    "No zat (zorgadviesteam) in the zorg block; in an overstapdossier only advised against "
    "(a warning), in an SWV dossier forbidden. " + _NIET_IN_2019
)


# --- OVa: overstapdossiers -------------------------------------------------------------------


@regel("OVa.OS01", "Soort overstap (POPO, POVO of VOVO) ontbreekt in de metadata")
def _ova_overstap_aanwezig(d: Dossier) -> Iterator[Treffer]:
    """metadata/overstap is present."""
    if d.metadata is not None and d.overstap is None:
        yield Treffer(d.metadata)


@regel("OVa.OS02", "Soort overstap moet POPO, POVO of VOVO zijn in een overstapdossier")
def _ova_overstap_waarde(d: Dossier) -> Iterator[Treffer]:
    """metadata/overstap, when present, is POPO, POVO or VOVO."""
    if d.overstap is not None and d.overstap not in ("POPO", "POVO", "VOVO"):
        yield Treffer(_kind(d.metadata, "overstap"))


@regel("OVa.IZ01", "Het blok Ouderinzage ontbreekt: verplicht in een overstapdossier")
def _ova_inzage_blok(d: Dossier) -> Iterator[Treffer]:
    """The dossier has the inzage block."""
    if d.inzage is None:
        yield Treffer(d.root)


@regel(
    "OVa.IZ02",
    "Ouders/verzorgers hebben het dossier niet ingezien: een overstapdossier wordt pas "
    "verstuurd na inzage",
)
def _ova_ingezien(d: Dossier) -> Iterator[Treffer]:
    """inzage/inzage is true."""
    if d.inzage is not None and not _waar(_kind(d.inzage, "inzage")):
        yield Treffer(_of(_kind(d.inzage, "inzage"), d.inzage))


@regel(
    "OVa.IZ03",
    "Datum van inzage ontbreekt: verplicht als ouders/verzorgers het dossier hebben ingezien",
)
def _ova_inzagedatum(d: Dossier) -> Iterator[Treffer]:
    """When inzage/inzage is true, inzagedatum is present."""
    if _waar(_kind(d.inzage, "inzage")) and _kind(d.inzage, "inzagedatum") is None:
        yield Treffer(d.inzage)


@regel(
    "OVa.IZ04",
    "Niet vastgelegd of ouders/verzorgers akkoord zijn met de inhoud: verplicht na inzage",
)
def _ova_akkoord(d: Dossier) -> Iterator[Treffer]:
    """When inzage/inzage is true, akkoord is present."""
    if _waar(_kind(d.inzage, "inzage")) and _kind(d.inzage, "akkoord") is None:
        yield Treffer(d.inzage)


@regel(
    "OVa.IZ05",
    "Niet vastgelegd of ouders/verzorgers (of de leerling) toestemming geven voor de "
    "overdracht: verplicht bij een overstap VO-VO",
)
def _ova_toestemming(d: Dossier) -> Iterator[Treffer]:
    """In a VOVO overstap the inzage block has toestemming."""
    if d.overstap == "VOVO" and d.inzage is not None and _kind(d.inzage, "toestemming") is None:
        yield Treffer(d.inzage)


@regel(
    "OVa.LL12",
    "BSN of onderwijsnummer van de leerling ontbreekt: verplicht in een overstapdossier",
)
def _ova_pgn(d: Dossier) -> Iterator[Treffer]:
    """The pupil has a bsn or an onderwijsnummer. Only presence is checked, as in the official
    validation; whether the number passes the 11-proef is checked where it is entered."""
    ll = d.leerling
    if ll is not None and _kind(ll, "bsn") is None and _kind(ll, "onderwijsnummer") is None:
        yield Treffer(ll)


@regel(
    "OVa.LL13",
    "Het leerlingnummer in de schooladministratie (leerlingid) ontbreekt: verplicht bij een "
    "overstap PO-VO",
)
def _ova_leerlingid(d: Dossier) -> Iterator[Treffer]:
    """In a POVO overstap the pupil has a leerlingid."""
    if d.overstap == "POVO" and d.leerling is not None and _kind(d.leerling, "leerlingid") is None:
        yield Treffer(d.leerling)


@regel("OVa.LL14", "Datum van inschrijving van de leerling ontbreekt")
def _ova_inschrijving(d: Dossier) -> Iterator[Treffer]:
    """The pupil has a datuminschrijving."""
    if d.leerling is not None and _kind(d.leerling, "datuminschrijving") is None:
        yield Treffer(d.leerling)


@regel("OVa.LL15", "Niet aangegeven of de ouders/verzorgers aansprakelijk zijn voor de leerling")
def _ova_aansprakelijk(d: Dossier) -> Iterator[Treffer]:
    """verzorgersaansprakelijk is present."""
    if d.leerling is not None and _kind(d.leerling, "verzorgersaansprakelijk") is None:
        yield Treffer(d.leerling)


@regel(
    "OVa.AI01",
    "Aansprakelijke instelling ontbreekt: verplicht bij een overstap PO-PO of PO-VO als de "
    "ouders/verzorgers niet aansprakelijk zijn",
)
def _ova_aansprakelijke_instelling(d: Dossier) -> Iterator[Treffer]:
    """In a POPO or POVO overstap where verzorgersaansprakelijk is not true there is an
    aansprakelijkeinstelling (the official validation limits the rule to POPO and POVO)."""
    ll = d.leerling
    if (
        d.overstap in ("POPO", "POVO")
        and ll is not None
        and not _waar(_kind(ll, "verzorgersaansprakelijk"))
        and _kind(ll, "aansprakelijkeinstelling") is None
    ):
        yield Treffer(ll)


@regel("OVa.VV01", "Voorschoolse educatie mag alleen mee bij een overstap PO-PO")
def _ova_voorschools(d: Dossier) -> Iterator[Treffer]:
    """voorschools only in a POPO overstap."""
    if d.overstap != "POPO":
        yield from (Treffer(e) for e in _kinderen(d.leerling, "voorschools"))


@regel("OVa.VV02", "Vroegschoolse educatie mag alleen mee bij een overstap PO-PO")
def _ova_vroegschools(d: Dossier) -> Iterator[Treffer]:
    """vroegschools only in a POPO overstap."""
    if d.overstap != "POPO":
        yield from (Treffer(e) for e in _kinderen(d.leerling, "vroegschools"))


@regel("OVa.OA01", "Het blok Overstapadvies ontbreekt: verplicht in een overstapdossier")
def _ova_overstapadvies(d: Dossier) -> Iterator[Treffer]:
    """The pupil has the overstapadvies block."""
    if d.leerling is not None and _kind(d.leerling, "overstapadvies") is None:
        yield Treffer(d.leerling)


@regel(
    "OVa.OA02",
    "Advies VO ontbreekt: verplicht bij een overstap PO-VO (behalve voor een school voor "
    "speciaal onderwijs)",
)
def _ova_advies(d: Dossier) -> Iterator[Treffer]:
    """In a POVO overstap the overstapadvies has an advies, unless huidigeschool/soort is SO.
    Whether the code is one of codelijst 2 is the XSD's pattern (voadviesduoType)."""
    advies = _kind(d.leerling, "overstapadvies")
    if (
        d.overstap == "POVO"
        and advies is not None
        and _tekst(_kind(d.school, "soort")) != "SO"
        and _kind(advies, "advies") is None
    ):
        yield Treffer(advies)


@regel("OVa.OA03", "Niet aangegeven of contact met de huidige school nodig is")
def _ova_contactnodig(d: Dossier) -> Iterator[Treffer]:
    """The overstapadvies has contactnodig."""
    advies = _kind(d.leerling, "overstapadvies")
    if advies is not None and _kind(advies, "contactnodig") is None:
        yield Treffer(advies)


@regel("OVa.OA04", "Contactpersoon ontbreekt: verplicht als contact nodig is")
def _ova_contactpersoon(d: Dossier) -> Iterator[Treffer]:
    """When contactnodig is true, contactpersoon is present."""
    advies = _kind(d.leerling, "overstapadvies")
    if _waar(_kind(advies, "contactnodig")) and _kind(advies, "contactpersoon") is None:
        yield Treffer(advies)


@regel("OVa.OA05", "Telefoonnummer van de contactpersoon ontbreekt: verplicht als contact nodig is")
def _ova_contacttelefoon(d: Dossier) -> Iterator[Treffer]:
    """When contactnodig is true, contacttelefoon is present."""
    advies = _kind(d.leerling, "overstapadvies")
    if _waar(_kind(advies, "contactnodig")) and _kind(advies, "contacttelefoon") is None:
        yield Treffer(advies)


@regel(
    "OVa.EB01",
    "Bij een overstap PO-VO wordt aanbevolen de uitslag van de eindtoets basisonderwijs mee te "
    "sturen: het blok Eindtoets bo is opgenomen, maar bevat geen eindtoets",
    ernst=WAARSCHUWING,
)
def _ova_eindtoets_aanbevolen(d: Dossier) -> Iterator[Treffer]:
    """A recommendation, not enforced by the official validation ("Aanbeveling: niet
    verplicht"), whose official message repeats that of EB02. We read it as: in a POVO overstap
    whose Eindtoets bo block is delivered (not VERBODEN or OPT-UIT), the block
    eindtoets_basisonderwijs should be there. Whether the pupil actually took the eindtoets
    cannot be known when the block is absent; hence a warning."""
    if (
        d.overstap == "POVO"
        and d.leerling is not None
        and d.uitgeleverd("cat_eindtoetsbo")
        and _kind(d.leerling, "eindtoets_basisonderwijs") is None
    ):
        yield Treffer(d.leerling, ernst=WAARSCHUWING)


@regel(
    "OVa.EB02",
    "De leerling heeft deelgenomen aan de eindtoets, maar het eindtoetsresultaat ontbreekt",
)
def _ova_eindtoetsresultaat(d: Dossier) -> Iterator[Treffer]:
    """When eindtoets_basisonderwijs/deelgenomen is true, eindtoetsresultaat is present."""
    eindtoets = _kind(d.leerling, "eindtoets_basisonderwijs")
    if _waar(_kind(eindtoets, "deelgenomen")) and _kind(eindtoets, "eindtoetsresultaat") is None:
        yield Treffer(eindtoets)


@regel(
    "OVa.EB03",
    "De leerling heeft niet deelgenomen aan de eindtoets: vermeld dan wel om welke eindtoets "
    "het gaat (soort eindtoets)",
)
def _ova_eindtoets_soort(d: Dossier) -> Iterator[Treffer]:
    """When deelgenomen is not true, or there is a wettelijke ontheffing (J), the
    eindtoetsresultaat has a toetssoort. Whether the toetssoort is in codelijst 42 is the
    XSD's enumeration."""
    eindtoets = _kind(d.leerling, "eindtoets_basisonderwijs")
    if eindtoets is None:
        return
    resultaat = _kind(eindtoets, "eindtoetsresultaat")
    heeft_soort = _kind(resultaat, "toetssoort") is not None
    ontheffing = _tekst(_kind(resultaat, "wettelijke_ontheffing")) == "J"
    if not heeft_soort and (not _waar(_kind(eindtoets, "deelgenomen")) or ontheffing):
        yield Treffer(eindtoets)


@regel(
    "OVa.EB04",
    "De leerling heeft deelgenomen aan de eindtoets, maar het toetsadvies ontbreekt",
)
def _ova_toetsadvies(d: Dossier) -> Iterator[Treffer]:
    """When deelgenomen is true, eindtoetsresultaat/toets_advies is present."""
    eindtoets = _kind(d.leerling, "eindtoets_basisonderwijs")
    if (
        _waar(_kind(eindtoets, "deelgenomen"))
        and eindtoets.find(f"{_Q}eindtoetsresultaat/{_Q}toets_advies") is None
    ):
        yield Treffer(eindtoets)


@regel(
    "OVa.TR01",
    "Bij een overstap PO-VO met leerlingvolggegevens wordt aanbevolen minstens één toets mee "
    "te sturen",
    ernst=WAARSCHUWING,
)
def _ova_toets_aanbevolen(d: Dossier) -> Iterator[Treffer]:
    """A recommendation since 2015 (the official validation no longer enforces it): a POVO
    dossier with an LVS part (deeldossier LVS or LASLVS) whose Toetsresultaten block is
    delivered (not VERBODEN or OPT-UIT) contains at least one toets."""
    if (
        d.overstap == "POVO"
        and d.deeldossier in ("LVS", "LASLVS")
        and d.leerling is not None
        and d.uitgeleverd("cat_toetsresultaten")
        and d.leerling.find(f"{_Q}toetslijst/{_Q}toets") is None
    ):
        yield Treffer(d.leerling, ernst=WAARSCHUWING)


_TOETSEN = _x(f"{_L}/d:toetslijst/d:toets")


@regel(
    "OVa.TR04",
    "Deze toets is te oud: bij een overstap PO-VO mogen alleen toetsen uit het huidige en de "
    "twee vorige schooljaren mee",
)
def _ova_toetsen_recent(d: Dossier) -> Iterator[Treffer]:
    """In a POVO overstap every toets was taken (afname/afnamedatum) in the school year of the
    dossier's metadata/datum or in the two before it; a school year runs from 1 August to 31
    July."""
    if d.overstap != "POVO":
        return
    dossierdatum = _datum(_kind(d.metadata, "datum"))
    if dossierdatum is None:
        return
    jaar = dossierdatum.year - (3 if dossierdatum < date(dossierdatum.year, 8, 1) else 2)
    vanaf = date(jaar, 8, 1)
    for toets in _TOETSEN(d.root):
        afname = _datum(toets.find(f"{_Q}afname/{_Q}afnamedatum"))
        if afname is not None and afname < vanaf:
            yield Treffer(
                toets,
                f"De toets van {afname:%d-%m-%Y} is te oud: bij een overstap PO-VO mogen alleen "
                f"toetsen uit het huidige en de twee vorige schooljaren mee (vanaf "
                f"{vanaf:%d-%m-%Y})",
            )


@regel(
    "OVa.ZB01",
    "Naam van de intern begeleider ontbreekt: verplicht als er leerlinggebonden financiering "
    "(lgf) is",
)
def _ova_naam_ib(d: Dossier) -> Iterator[Treffer]:
    for blok in _ZORG(d.root):
        if _kind(blok, "lgf") is not None and _kind(blok, "naamib") is None:
            yield Treffer(blok)


_ova_naam_ib.__doc__ = "When the zorg block has lgf it has naamib. " + _NIET_IN_2019


# --- PaO: SWV dossiers -----------------------------------------------------------------------


@regel("PaO.SO01", "Soort dossier (POSWV of VOSWV) ontbreekt in de metadata")
def _pao_overstap_aanwezig(d: Dossier) -> Iterator[Treffer]:
    """metadata/overstap is present."""
    if d.metadata is not None and d.overstap is None:
        yield Treffer(d.metadata)


@regel("PaO.SO02", "Soort dossier moet POSWV of VOSWV zijn in een SWV-dossier")
def _pao_overstap_waarde(d: Dossier) -> Iterator[Treffer]:
    """metadata/overstap, when present, is POSWV or VOSWV."""
    if d.overstap is not None and d.overstap not in ("POSWV", "VOSWV"):
        yield Treffer(_kind(d.metadata, "overstap"))


@regel("PaO.SO03", "Soort overdracht moet 'swv-dossier' zijn in een SWV-dossier")
def _pao_soort_overdracht(d: Dossier) -> Iterator[Treffer]:
    """overdrachtsoort is swv-dossier."""
    return _soort_overdracht(d, (SWV_DOSSIER,))


def _pgn_namen() -> frozenset[str]:
    """The element names the description marks as PGN (bsn, onderwijsnummer)."""
    from .gegevensset import PGN, huidig

    return frozenset(pad.rsplit("/", 1)[-1] for pad in huidig().paden_met(PGN))


_PGN_NAMEN = _pgn_namen()
_BESTANDSINHOUD = _Q + "bestandsinhoud"
_NEGEN_CIJFERS = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])")


def _lijkt_pgn(tekst: str) -> bool:
    return any(
        _bsn.is_valid(nummer) or _onderwijsnummer.is_valid(nummer)
        for nummer in _NEGEN_CIJFERS.findall(tekst)
    )


@regel(
    "PaO.LL12",
    "Een SWV-dossier mag geen BSN of onderwijsnummer bevatten",
)
def _pao_geen_pgn(d: Dossier) -> Iterator[Treffer]:
    """No bsn or onderwijsnummer element anywhere in the dossier (in any namespace): an SWV
    dossier never carries a PGN. As a warning, also any 9-digit number in a text or an
    attribute that passes the 11-proef of a BSN or of an onderwijsnummer. Attachments
    (bestandsinhoud: Base64 of a ZIP) cannot be inspected."""
    zoek = _NEGEN_CIJFERS.search
    for element in d.root.iter(etree.Element):
        tag = element.tag
        if tag[tag.rfind("}") + 1 :] in _PGN_NAMEN:
            yield Treffer(element)
            continue
        tekst = element.text
        in_tekst = (
            tekst is not None
            and tag != _BESTANDSINHOUD
            and zoek(tekst) is not None
            and _lijkt_pgn(tekst)
        )
        if in_tekst or any(zoek(v) and _lijkt_pgn(v) for v in element.attrib.values()):
            yield Treffer(
                element,
                "Dit veld bevat een nummer van 9 cijfers dat een BSN of onderwijsnummer kan "
                "zijn; een SWV-dossier mag geen BSN of onderwijsnummer bevatten: controleer "
                "het veld",
                WAARSCHUWING,
            )


@regel("PaO.OV05", "Het banknummer van een ouder/verzorger mag niet in een SWV-dossier staan")
def _pao_geen_banknummer(d: Dossier) -> Iterator[Treffer]:
    """No verzorger has a banknummer (iban is not covered by the rule)."""
    for verzorger in _kinderen(d.leerling, "verzorger"):
        yield from (Treffer(e) for e in _kinderen(verzorger, "banknummer"))


def _alleen_bij(overstap: str, naam: str) -> Controle:
    def controle(d: Dossier) -> Iterator[Treffer]:
        if d.overstap == overstap:
            yield from (Treffer(e) for e in _kinderen(d.leerling, naam))

    controle.__doc__ = f"No {naam} in a {overstap} dossier."
    controle.__name__ = f"geen_{naam}"
    return controle


regel("PaO.EB01", "Het blok Eindtoets basisonderwijs mag niet in een SWV-dossier PO staan")(
    _alleen_bij("POSWV", "eindtoets_basisonderwijs")
)
for _id, _veld, _omschrijving in (
    ("PaO.VM01", "bevorderd", "Bevorderd"),
    ("PaO.VM02", "examenresultaat", "Examens en uitslagen"),
    ("PaO.VM03", "resultaatvakkenvo", "Resultaten VO-vakken"),
    ("PaO.VM04", "certificaat", "Certificaten"),
    ("PaO.VM05", "competenties", "Competenties"),
    ("PaO.VM06", "stage", "Stages"),
    ("PaO.VM07", "overigvombo", "Overige VO-MBO-gegevens"),
):
    regel(_id, f"Het blok {_omschrijving} (VO-MBO) mag niet in een SWV-dossier PO staan")(
        _alleen_bij("POSWV", _veld)
    )
for _id, _veld, _omschrijving in (
    ("PaO.VV01", "vanpeuterspeelzaal", "Afkomstig van peuterspeelzaal"),
    ("PaO.VV02", "naampeuterspeelzaal", "Naam van de peuterspeelzaal"),
    ("PaO.VV03", "voorschools", "Voorschoolse educatie"),
    ("PaO.VV04", "vroegschools", "Vroegschoolse educatie"),
):
    regel(_id, f"{_omschrijving} (VVE) mag niet in een SWV-dossier VO staan")(
        _alleen_bij("VOSWV", _veld)
    )


__all__ = [
    "BINNEN_BRIN",
    "FOUT",
    "GEMEENSCHAPPELIJK",
    "OVERSTAP",
    "REGELS",
    "SETS",
    "SWV",
    "WAARSCHUWING",
    "Dossier",
    "Melding",
    "Regel",
    "Treffer",
    "codeveld_naam",
    "familie",
    "is_codelijstregel",
    "is_standaardregel",
    "pad",
    "regel",
    "regels_voor",
    "valideer",
]
