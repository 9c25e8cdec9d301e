"""Import of a received overstapdossier (manual §4, "Dossier importeren"): the inverse of
:mod:`.xml_bouwer`, working on the XML bytes (fetching them over the network comes later).

:func:`lees_ontvangen` parses the dossier safely, checks it against the XSD and our rules, and
maps it to a plain-Python view (:class:`Ontvangen`): the pupil under our ``Leerling`` field
names and, per block, rows under the field names of our child models (:class:`Rij`). Every
mapped value remembers the element it came from (:class:`Bron`); every element value we have
no field for is listed in ``niet_gemapt`` with its path, so nothing is silently lost: the user
sees the list, and the received XML and its PDF are filed in the pupil's map.

:func:`vergelijk` lists the pupil's own fields side by side (ours, received) for the review
screen; :func:`importeer_nieuw` creates a new pupil and :func:`importeer_bestaand` completes an
existing one with the user's choice per field. Both run in one transaction: a pupil that
cannot be created or updated aborts everything (:class:`ImportFout`, a Dutch message) and
writes nothing, files included. A block row our validation refuses does not abort the import:
it is listed in ``niet_gemapt`` with the reason. An optional field our validation refuses is
left empty and listed the same way; a text too long for our field is shortened and its full
value listed.

A dossier that fails the XSD or a blocking rule is still read, so the review screen can show
``xsd_fouten`` and ``meldingen``, but it cannot be imported; a block its profile forbids is
never stored (:mod:`.importcontrole`). A BSN or onderwijsnummer that fails its check is not
imported at all (an unusable PGN must not enter our records); an SWV dossier has none and
cannot make a pupil.

Mapping decisions:

- The sending school's own registration of the pupil (``leerlingid``, ``datuminschrijving``,
  ``datumuitschrijving``) is not written into our registration fields of the same names: those
  describe the pupil at *our* school (a ``datum_uitschrijving`` would mark the new pupil as
  deregistered here). They go into ``herkomst_toelichting`` (Voorgeschiedenis) as a sentence,
  beside ``herkomst_brin`` / ``herkomst_naam`` (the sending school).
- One address per person: the first of kind ``gba``, else ``bezoek``, else ``post``, else the
  first; a foreign postcode does not fit our fields and the address is listed instead. One phone
  number and one e-mail address per guardian (a non-secret one first). A secret number arrives
  as the standard's placeholder and is stored as such, with its ``geheim`` flag.
- Verzuim becomes summary registrations dated on the dossier's date: one ``geoorloofd`` and one
  ``ongeoorloofd`` (when the total is not 0), with dagdelen (PO) and/or uren (VO).
- A test without ``leergebied`` gets "Onbekend", without ``toetsnaam`` its ``eldtoetscode``
  (both are required in our model); a VO subject without ``vakleergebied`` gets its code.
- A plan whose ``einddatum`` has passed is stored as afgesloten, else as lopend.
- Every ``document`` element anywhere in the dossier is an attachment: filed as a document in
  the pupil's map (a random storage name), linked from its handelingsplan or as the toelichting
  onderwijsbehoeften. The standard sends attachments as a Base64 ZIP; a ZIP holding exactly the
  one named file is unpacked, anything else is stored as decoded.
- An existing pupil keeps an existing VVE, overstapadvies, onderwijsondersteuning, eindtoets or
  VO-MBO record (the received one is listed in ``niet_gemapt``); list rows equal to one the pupil
  already has are skipped. The PGN of an existing pupil is never changed: a dossier with another
  valid number is refused.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import hashlib
import io
import logging
import mimetypes
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from lxml import etree

from audit import events
from audit.models import Actie
from core.validators import validate_pgn
from leerlingen import models as m
from leerlingen.codelijsten import (
    CODELIJST_NAMEN,
    PgnType,
    SoortMapItem,
    SoortVerzuim,
    StatusHandelingsplan,
    codes,
)

from .gegevensset import PGN, huidig
from .gegevensset.model import Knoop, Reeks, Type
from .importcontrole import importweigeringen, weiger_verboden_blokken
from .profielen import PROFIELEN, Profiel, profiel_van_dossier
from .regels import FOUT, Melding, valideer
from .xmlsafe import OSO_NAMESPACE, max_bytes, parse_dossier
from .xsd import StandaardNietGevonden, xsd_fouten

if TYPE_CHECKING:
    from accounts.models import User
    from scholen.models import School

logger = logging.getLogger(__name__)

_Q = f"{{{OSO_NAMESPACE}}}"

ACTIE_GEIMPORTEERD = "dossier_geimporteerd"
KEUZE_ONTVANGEN = "ontvangen"
KEUZE_EIGEN = "eigen"

GEEN_VELD = "Geen veld in het LAS; zie het ontvangen dossier (XML en PDF) in de leerlingmap."
ONBEKEND_LEERGEBIED = "Onbekend"

# The pupil's own fields the import fills, in the order of the review screen.
LEERLING_VELDEN: tuple[str, ...] = (
    "voornamen",
    "voorletters",
    "voorvoegsel",
    "achternaam",
    "roepnaam",
    "geboortedatum",
    "geslacht",
    "pgn_type",
    "pgn",
    "adresgeheim",
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
    "plaats",
    "gemeente",
    "onderwijs_sinds",
    "leerlinggewicht",
    "verzorgers_aansprakelijk",
    "herkomst_brin",
    "herkomst_naam",
    "herkomst_toelichting",
)
# the PGN identifies the pupil: shown, never chosen
_PGN_VELDEN = frozenset({"pgn_type", "pgn"})
KEUZE_VELDEN: tuple[str, ...] = tuple(v for v in LEERLING_VELDEN if v not in _PGN_VELDEN)

# where an attachment hangs in the dossier, for its description in the map
_PLAATS_BIJLAGE: tuple[tuple[str, str], ...] = (
    ("toelichting_onderwijsbehoeften", "toelichting onderwijsbehoeften"),
    ("diagnose", "diagnose"),
    ("handelingsplan", "handelingsplan"),
    ("opp", "ontwikkelingsperspectief"),
    ("tlv", "toelaatbaarheidsverklaring"),
    ("lwoo", "LWOO-aanwijzing"),
    ("rvc", "RVC"),
    ("verzuim", "verzuim"),
    ("eindtoets_basisonderwijs", "eindtoets"),
    ("toetsonderdeel", "onderdeel van een toets"),
    ("toets", "toetsresultaat"),
    ("overigdocumentlijst", "bijlage"),
)


class ImportFout(Exception):
    """The dossier cannot be imported; ``meldingen`` says why, in Dutch. Nothing was written."""

    def __init__(self, meldingen: list[str] | str):
        self.meldingen = [meldingen] if isinstance(meldingen, str) else list(meldingen)
        super().__init__(" ".join(self.meldingen))


# --- the view of a received dossier ----------------------------------------------------------


@dataclass(frozen=True)
class Bron:
    """Where a mapped value came from: the element's path and its text."""

    pad: str
    waarde: str


@dataclass(frozen=True)
class NietGemapt:
    """A value of the dossier that is not in our records, with the reason."""

    pad: str
    waarde: str
    reden: str = GEEN_VELD


@dataclass
class Rij:
    """One record for one of our models: ``velden`` under the model's field names, ``bronnen``
    per field, child rows per relation (e.g. ``kinderen["referentiescores"]``) and the path of
    an attachment that belongs to it (``bijlage``)."""

    pad: str
    velden: dict[str, Any] = field(default_factory=dict)
    bronnen: dict[str, list[Bron]] = field(default_factory=dict)
    kinderen: dict[str, list[Rij]] = field(default_factory=dict)
    bijlage: str | None = None

    def __getitem__(self, veld: str) -> Any:
        return self.velden[veld]

    def __contains__(self, veld: object) -> bool:
        return veld in self.velden

    def get(self, veld: str, standaard: Any = None) -> Any:
        return self.velden.get(veld, standaard)

    def alle_bronnen(self) -> list[Bron]:
        """This row's sources and those of its children."""
        lijst = [b for bronnen in self.bronnen.values() for b in bronnen]
        for rijen in self.kinderen.values():
            for kind in rijen:
                lijst.extend(kind.alle_bronnen())
        return lijst

    def __repr__(self) -> str:  # never a PGN in a log line or a traceback
        velden = {k: ("***" if k == "pgn" else v) for k, v in self.velden.items()}
        return f"Rij(pad={self.pad!r}, velden={velden!r}, kinderen={list(self.kinderen)!r})"


@dataclass
class Bijlage:
    """A ``document`` of the dossier: name, description and the file's bytes."""

    pad: str
    bestandsnaam: str
    omschrijving: str
    inhoud: bytes = field(repr=False)
    waar: str = "bijlage"
    uitgepakt: bool = False  # the bytes were the one file inside the Base64 ZIP
    bronnen: list[Bron] = field(default_factory=list)


@dataclass(frozen=True)
class Probleem:
    """Something that stops the pupil from being imported as it is (``veld``: our field)."""

    veld: str
    bericht: str


@dataclass
class Ontvangen:
    """A received dossier, read: checks, the pupil, the blocks, the attachments and the rest."""

    kenmerk: str  # SHA-256 of the XML
    overdrachtsoort: str
    profiel: Profiel | None
    metadata: dict[str, str]
    categorieen: dict[str, str]
    xsd_fouten: list[str] | None  # None: the XSD is not available, not checked
    meldingen: list[Melding]
    leerling: Rij
    problemen: list[Probleem] = field(default_factory=list)
    communicatie: list[Rij] = field(default_factory=list)
    verzorgers: list[Rij] = field(default_factory=list)
    vve: Rij | None = None
    schoolloopbaan: list[Rij] = field(default_factory=list)
    overstapadvies: Rij | None = None
    onderwijsondersteuning: Rij | None = None  # kinderen: diagnoses, tlvs, arrangementen
    handelingsplannen: list[Rij] = field(default_factory=list)
    verzuim: list[Rij] = field(default_factory=list)
    eindtoets: Rij | None = None  # kinderen: onderdelen
    toetsen: list[Rij] = field(default_factory=list)  # kinderen: referentiescores
    cijferlijsten: list[Rij] = field(default_factory=list)  # kinderen: onderdelen
    vombo: Rij | None = None  # kinderen: vakresultaten
    bijlagen: list[Bijlage] = field(default_factory=list)
    niet_gemapt: list[NietGemapt] = field(default_factory=list)

    @property
    def label(self) -> str:
        """How the manual names the kind of dossier, e.g. "overstap POVO"."""
        if self.profiel is not None:
            return PROFIELEN[self.profiel].label
        return self.overdrachtsoort or "onbekend soort dossier"

    @property
    def fouten(self) -> list[Melding]:
        return [m_ for m_ in self.meldingen if m_.ernst == FOUT]

    @property
    def herkomst(self) -> str:
        naam, brin = self.leerling.get("herkomst_naam"), self.leerling.get("herkomst_brin")
        return f"{naam} ({brin})" if naam and brin else naam or brin or "onbekende school"

    def rijen(self) -> Iterator[Rij]:
        """Every block row (children are reached through their parent)."""
        for waarde in (
            self.communicatie,
            self.verzorgers,
            [self.vve],
            self.schoolloopbaan,
            [self.overstapadvies],
            [self.onderwijsondersteuning],
            self.handelingsplannen,
            self.verzuim,
            [self.eindtoets],
            self.toetsen,
            self.cijferlijsten,
            [self.vombo],
        ):
            yield from (r for r in waarde if r is not None)

    def gemapt(self) -> list[Bron]:
        """Every value of the dossier that has a place in our records."""
        bronnen = self.leerling.alle_bronnen()
        for rij in self.rijen():
            bronnen.extend(rij.alle_bronnen())
        for bijlage in self.bijlagen:
            bronnen.extend(bijlage.bronnen)
        return bronnen

    def aantallen(self) -> dict[str, int]:
        """Rows per block, as received."""
        ondersteuning = self.onderwijsondersteuning
        vombo = self.vombo
        kind = _kinderen_tellen
        return {
            "communicatie": len(self.communicatie),
            "verzorgers": len(self.verzorgers),
            "vve": int(self.vve is not None),
            "schoolloopbaan": len(self.schoolloopbaan),
            "overstapadvies": int(self.overstapadvies is not None),
            "onderwijsondersteuning": int(
                bool(ondersteuning and (ondersteuning.velden or ondersteuning.bijlage))
            ),
            "diagnoses": len(ondersteuning.kinderen.get("diagnoses", [])) if ondersteuning else 0,
            "tlvs": len(ondersteuning.kinderen.get("tlvs", [])) if ondersteuning else 0,
            "arrangementen": (
                len(ondersteuning.kinderen.get("arrangementen", [])) if ondersteuning else 0
            ),
            "handelingsplannen": len(self.handelingsplannen),
            "verzuim": len(self.verzuim),
            "eindtoets": int(self.eindtoets is not None),
            "eindtoets_onderdelen": kind([self.eindtoets], "onderdelen"),
            "eindtoets_domeinen": kind(
                (self.eindtoets.kinderen.get("onderdelen", []) if self.eindtoets else []),
                "domeinen",
            ),
            "toetsen": len(self.toetsen),
            "referentiescores": kind(self.toetsen, "referentiescores"),
            "cijferlijsten": len(self.cijferlijsten),
            "cijferlijst_onderdelen": kind(self.cijferlijsten, "onderdelen"),
            "vombo": int(bool(vombo and vombo.velden)),
            "vakresultaten": kind([vombo], "vakresultaten"),
            "bijlagen": len(self.bijlagen),
        }


def _kinderen_tellen(rijen: Iterable[Rij | None], naam: str) -> int:
    return sum(len(r.kinderen.get(naam, [])) for r in rijen if r is not None)


# --- conversions from the XML's text ---------------------------------------------------------


def _tekst(tekst: str) -> str:
    return tekst


def _datum(tekst: str) -> date:
    gevonden = re.match(r"^(\d{4}-\d{2}-\d{2})", tekst)  # xs:date may carry a time zone
    if not gevonden:
        raise ValueError("geen datum")
    return date.fromisoformat(gevonden.group(1))


def _boolean(tekst: str) -> bool:
    if tekst in ("true", "1"):
        return True
    if tekst in ("false", "0"):
        return False
    raise ValueError("geen ja/nee-waarde")


def _j_n(tekst: str) -> bool:
    if tekst.upper() in ("J", "N"):
        return tekst.upper() == "J"
    raise ValueError("geen J of N")


def _geheel(tekst: str) -> int:
    return int(tekst)


def _decimaal(tekst: str) -> Decimal:
    waarde = Decimal(tekst)
    if not waarde.is_finite():
        raise ValueError("geen getal")
    return waarde


def _postcode(tekst: str) -> str:
    compact = tekst.replace(" ", "").upper()
    if not re.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}", compact):
        raise ValueError("geen Nederlandse postcode")
    return f"{compact[:4]} {compact[4:]}"


def _naam(element: etree._Element) -> str:
    return etree.QName(element).localname


def _onbekende_code(element: etree._Element, tekst: str) -> str | None:
    """The reason to show when a code-list field holds a code the standard's list lacks."""
    pad = "/".join(_naam(e) for e in reversed([element, *element.iterancestors()]))
    knoop = huidig().knopen.get(pad)
    nummer = knoop.codelijst if knoop is not None else None
    if nummer is None or tekst in codes(nummer):
        return None
    return (
        f"Onbekende code: komt niet voor in codelijst {nummer} ({CODELIJST_NAMEN[nummer]}); "
        "niet overgenomen, de waarde staat hier zoals ontvangen."
    )


def _is_blad(element: etree._Element) -> bool:
    return not any(isinstance(kind.tag, str) for kind in element)


# --- what the description tells the reader ---------------------------------------------------
#
# The reader takes element names, paths, types and code lists from the description
# (:mod:`.gegevensset`). A leaf is read into the field of our model its ``veld`` names (the
# snapshot and our models use the same field names); its type gives the conversion. A group
# whose ``veld`` is "." (or the block's own object, such as "/vve") belongs to the same record
# and is read along. Lists and single groups are found by their ``veld`` as well. What does not
# follow that rule is a named special case below (``_LEES_HAKEN``, ``_HERKOMST``, ``_verzuim``,
# the choice of one address and one phone number, the PGN).

_OMZETTEN: dict[str, Callable[[str], Any]] = {
    "date": _datum,
    "boolean": _boolean,
    "integer": _geheel,
    "int": _geheel,
    "decimal": _decimaal,
}
# a builder's hook that changes how a value is written also changes how it is read
_OMZETTEN_PER_HAAK: dict[str, Callable[[str], Any]] = {"j_n": _j_n}
# a Dutch postcode is stored as "1234 AB"; anything else does not fit our address fields
_OMZETTEN_PER_VELD: dict[str, Callable[[str], Any]] = {"postcode": _postcode}
# hooks of the builder whose element the reader maps itself (named special cases below)
_LEES_HAKEN = frozenset({"voornamen"})
# the sending school's registration of the pupil: a sentence in herkomst_toelichting (veld ->
# how the sentence names it), never our own registration fields of the same names
_HERKOMST: dict[str, str] = {
    "leerlingid": "leerlingnummer daar",
    "datum_inschrijving": "ingeschreven op",
    "datum_uitschrijving": "uitgeschreven op",
}
# the sending school (veld of huidigeschool -> the pupil's field)
_HERKOMST_SCHOOL: dict[str, str] = {"brincode": "herkomst_brin", "naam": "herkomst_naam"}
_DOCUMENT_TYPE = "documentType"  # the standard's type of an attachment


def _tabelpad(pad: str) -> str:
    """A reader's path (/dossier/huidigeschool/leerling/verzorger[2]) as the description's
    path (dossier/huidigeschool/leerling/verzorger)."""
    return re.sub(r"\[\d+\]", "", pad).strip("/")


def _leesveld(veld: str, bron: str) -> str:
    """The field of our model an element's ``veld`` names, seen from the object ``bron``:
    "naam" -> naam; "/vve.van_peuterspeelzaal" from "/vve" -> van_peuterspeelzaal; from
    anywhere else "/verzorgers.aansprakelijk" -> verzorgers_aansprakelijk."""
    if not veld.startswith("/"):
        return veld
    hoofd, _, rest = veld[1:].partition(".")
    if not rest:
        return ""
    return rest if f"/{hoofd}" == bron else f"{hoofd}_{rest}"


def _omzetten(knoop: Knoop, veld: str) -> Callable[[str], Any]:
    e = knoop.element
    if veld in _OMZETTEN_PER_VELD:
        return _OMZETTEN_PER_VELD[veld]
    if e.haak in _OMZETTEN_PER_HAAK:
        return _OMZETTEN_PER_HAAK[e.haak]
    assert isinstance(e.type, Type)
    return _OMZETTEN.get(e.type.basis, _tekst)


@functools.cache
def _veldplan(
    pad: str, model: type[models.Model], bron: str = "", behalve: frozenset[str] = frozenset()
) -> tuple[tuple[tuple[str, ...], str, Callable[[str], Any]], ...]:
    """Per leaf of the element at ``pad`` (and of the groups read along with it): the element
    names from there to the leaf, our field, the conversion. Document order."""
    g = huidig()
    velden = {f.name for f in model._meta.concrete_fields} - behalve
    plan: list[tuple[tuple[str, ...], str, Callable[[str], Any]]] = []

    def loop(p: str, stappen: tuple[str, ...]) -> None:
        for k in g.kinderen(p):
            e = k.element
            if e.enkelvoudig:
                veld = _leesveld(e.veld, bron)
                if veld in velden and e.haak not in _LEES_HAKEN:
                    plan.append(((*stappen, k.naam), veld, _omzetten(k, veld)))
            elif e.veld == "." or (bron and e.veld == bron):
                loop(k.pad, (*stappen, k.naam))

    loop(pad, ())
    return tuple(plan)


@functools.cache
def _stappen(
    pad: str, veld: str = "", haak: str = "", lijst: bool = False
) -> tuple[str, ...] | None:
    """The element names from ``pad`` to the element whose ``veld`` (or ``haak``) is given,
    through the groups of the same record; for a ``lijst``, a container leads to its one
    repeating element. None: the description has no such element there."""
    g = huidig()

    def zoek(p: str, stappen: tuple[str, ...]) -> tuple[str, ...] | None:
        for k in g.kinderen(p):
            e = k.element
            if (veld and e.veld == veld) or (haak and e.haak == haak):
                if not lijst or e.herhaalbaar:
                    return (*stappen, k.naam)
                (herhaald,) = [c for c in g.kinderen(k.pad) if c.element.herhaalbaar]
                return (*stappen, k.naam, herhaald.naam)
            if not e.enkelvoudig and e.veld == ".":
                gevonden = zoek(k.pad, (*stappen, k.naam))
                if gevonden:
                    return gevonden
        return None

    return zoek(pad, ())


@functools.cache
def _kindnaam(pad: str, veld: str) -> str:
    """The name of the child of ``pad`` whose ``veld`` is given."""
    stappen = _stappen(pad, veld)
    assert stappen is not None and len(stappen) == 1, (pad, veld)
    return stappen[0]


@functools.cache
def _documentnamen() -> tuple[str, ...]:
    """The names of the elements that hold an attachment (the standard's documentType)."""
    return tuple(
        sorted(
            {
                k.naam
                for k in huidig().knopen.values()
                if isinstance(k.element.type, Reeks) and k.element.type.naam == _DOCUMENT_TYPE
            }
        )
    )


@functools.cache
def _documentpad() -> str:
    """The path of one attachment element (every one has the same children)."""
    return next(
        k.pad
        for k in huidig().knopen.values()
        if isinstance(k.element.type, Reeks) and k.element.type.naam == _DOCUMENT_TYPE
    )


@functools.cache
def _documentkind(pad: str) -> str | None:
    """The name of the child of ``pad`` that holds its attachment."""
    return next(
        (
            k.naam
            for k in huidig().kinderen(pad)
            if isinstance(k.element.type, Reeks) and k.element.type.naam == _DOCUMENT_TYPE
        ),
        None,
    )


@functools.cache
def _leerlingpad() -> str:
    wortel = huidig().wortel.naam
    school = f"{wortel}/{_kindnaam(wortel, '/school')}"
    return f"{school}/{_kindnaam(school, '/leerling')}"


# --- reading ---------------------------------------------------------------------------------


class _Lezer:
    """Walks the tree, remembers which elements it mapped and collects what it did not."""

    def __init__(self, root: etree._Element):
        self.root = root
        # every element's path, computed once (the dict also keeps each element's proxy
        # alive, so that lxml hands out the same object for it and identity can be the key)
        self._paden: dict[etree._Element, str] = {}
        self._gelezen: set[tuple[etree._Element, str]] = set()
        self.niet_gemapt: list[NietGemapt] = []
        self._bereken_paden(root)

    def _bereken_paden(self, root: etree._Element) -> None:
        """Paths as :func:`.regels.pad` writes them: /dossier/huidigeschool/leerling/verzorger[2]
        (an index only where siblings share the name), in one pass over the tree."""
        te_doen = [(root, f"/{_naam(root)}")]
        while te_doen:
            element, plek = te_doen.pop()
            self._paden[element] = plek
            kinderen = [k for k in element if isinstance(k.tag, str)]
            aantal = Counter(k.tag for k in kinderen)
            gezien: Counter[str] = Counter()
            for kind in kinderen:
                gezien[kind.tag] += 1
                index = f"[{gezien[kind.tag]}]" if aantal[kind.tag] > 1 else ""
                te_doen.append((kind, f"{plek}/{_naam(kind)}{index}"))

    def pad(self, element: etree._Element) -> str:
        return self._paden[element]

    @staticmethod
    def _sleutel(element: etree._Element, attribuut: str = "") -> tuple[etree._Element, str]:
        return element, attribuut

    @staticmethod
    def kind(element: etree._Element | None, naam: str) -> etree._Element | None:
        return None if element is None else element.find(_Q + naam)

    @staticmethod
    def kinderen(element: etree._Element | None, naam: str) -> list[etree._Element]:
        return [] if element is None else element.findall(_Q + naam)

    def kijk(self, element: etree._Element | None, naam: str) -> str | None:
        """The text of a child without marking it as mapped (to decide, not to store)."""
        kind = self.kind(element, naam)
        tekst = (kind.text or "").strip() if kind is not None else ""
        return tekst or None

    def lees(self, element: etree._Element | None) -> str | None:
        """The text of a leaf, marked as mapped; None when absent or empty."""
        if element is None:
            return None
        self._gelezen.add(self._sleutel(element))
        tekst = (element.text or "").strip()
        return tekst or None

    def zet(
        self,
        rij: Rij,
        veld: str,
        element: etree._Element | None,
        naam: str | None = None,
        omzetten: Callable[[str], Any] = _tekst,
    ) -> Any:
        """Map one leaf (``element`` itself, or its child ``naam``) to ``rij.velden[veld]``."""
        bron = element if naam is None else self.kind(element, naam)
        tekst = self.lees(bron)
        if tekst is None or bron is None:
            return None
        onbekend = _onbekende_code(bron, tekst)
        if onbekend:  # shown in the review with the value as received, never dropped silently
            self.niet_gemapt.append(NietGemapt(self.pad(bron), tekst, onbekend))
            return None
        try:
            waarde = omzetten(tekst)
        except (ValueError, ArithmeticError) as fout:
            self.niet_gemapt.append(
                NietGemapt(
                    self.pad(bron), tekst, f"Geen geldige waarde ({fout}); niet overgenomen."
                )
            )
            return None
        rij.velden[veld] = waarde
        rij.bronnen.setdefault(veld, []).append(Bron(self.pad(bron), tekst))
        return waarde

    def bron(self, element: etree._Element) -> Bron:
        return Bron(self.pad(element), (element.text or "").strip())

    def niet(self, element: etree._Element | None, reden: str) -> None:
        """Every value under ``element`` to ``niet_gemapt`` with this reason."""
        if element is None:
            return
        for el, attribuut, waarde in self._waarden(element):
            sleutel = self._sleutel(el, attribuut)
            if sleutel in self._gelezen:
                continue
            self._gelezen.add(sleutel)
            plek = self.pad(el) + (f"/@{attribuut}" if attribuut else "")
            self.niet_gemapt.append(NietGemapt(plek, waarde, reden))

    def rest(self) -> None:
        """Everything not mapped so far goes to ``niet_gemapt``."""
        self.niet(self.root, GEEN_VELD)

    @staticmethod
    def _waarden(element: etree._Element) -> Iterator[tuple[etree._Element, str, str]]:
        for el in element.iter():
            if not isinstance(el.tag, str):
                continue
            for attribuut, waarde in el.attrib.items():
                yield el, attribuut, waarde
            if _is_blad(el):
                tekst = (el.text or "").strip()
                if tekst:
                    yield el, "", tekst

    # by the description

    def tabelpad(self, element: etree._Element) -> str:
        """The element's path in the description (no indices)."""
        return _tabelpad(self.pad(element))

    def volg(self, element: etree._Element | None, stappen: Iterable[str]) -> etree._Element | None:
        for naam in stappen:
            element = self.kind(element, naam)
        return element

    def een(
        self, element: etree._Element | None, veld: str = "", haak: str = ""
    ) -> etree._Element | None:
        """The (first) element below ``element`` the description writes from ``veld`` (or
        with ``haak``)."""
        if element is None:
            return None
        stappen = _stappen(self.tabelpad(element), veld, haak)
        return None if stappen is None else self.volg(element, stappen)

    def lijst(self, element: etree._Element | None, veld: str) -> list[etree._Element]:
        """The repeating elements below ``element`` the description writes from ``veld``."""
        if element is None:
            return []
        stappen = _stappen(self.tabelpad(element), veld, lijst=True)
        if stappen is None:
            return []
        return self.kinderen(self.volg(element, stappen[:-1]), stappen[-1])

    def plan(
        self,
        element: etree._Element,
        model: type[models.Model],
        bron: str = "",
        behalve: frozenset[str] = frozenset(),
    ) -> tuple[tuple[tuple[str, ...], str, Callable[[str], Any]], ...]:
        return _veldplan(self.tabelpad(element), model, bron, behalve)

    def velden(
        self,
        rij: Rij,
        element: etree._Element | None,
        model: type[models.Model],
        bron: str = "",
        behalve: frozenset[str] = frozenset(),
    ) -> None:
        """Every value below ``element`` that the description maps to a field of ``model``."""
        if element is None:
            return
        for stappen, veld, omzetten in self.plan(element, model, bron, behalve):
            self.zet(rij, veld, self.volg(element, stappen[:-1]), stappen[-1], omzetten)


def lees_ontvangen(xml: bytes) -> Ontvangen:
    """Read a received dossier. Raises :class:`~.xmlsafe.OngeldigeXml` for data that is not
    an acceptable dossier at all (malformed, a DOCTYPE, too large, another root)."""
    tree = parse_dossier(xml)
    root = tree.getroot()
    try:
        fouten: list[str] | None = xsd_fouten(tree)
    except StandaardNietGevonden:
        logger.warning("XSD niet beschikbaar: ontvangen dossier niet tegen de XSD gecontroleerd")
        fouten = None
    meldingen = valideer(tree)
    return weiger_verboden_blokken(  # a forbidden block is never stored (importcontrole)
        _Lezing(root).ontvangen(
            kenmerk=hashlib.sha256(bytes(xml)).hexdigest(), xsd=fouten, meldingen=meldingen
        )
    )


class _Lezing(_Lezer):
    def ontvangen(
        self, *, kenmerk: str, xsd: list[str] | None, meldingen: list[Melding]
    ) -> Ontvangen:
        metadata, categorieen = self._metadata()
        overdrachtsoort = metadata.get(_kindnaam(self.wortelpad, "/info.overdrachtsoort"), "")
        school = self.een(self.root, "/school")
        ll = self.een(school, "/leerling")
        bijlagen = self._bijlagen()
        o = Ontvangen(
            kenmerk=kenmerk,
            overdrachtsoort=overdrachtsoort,
            profiel=profiel_van_dossier(
                overdrachtsoort, metadata.get(_kindnaam(self.metadatapad, "/info.overstap"))
            ),
            metadata=metadata,
            categorieen=categorieen,
            xsd_fouten=xsd,
            meldingen=meldingen,
            leerling=Rij(self.pad(ll) if ll is not None else f"/{_leerlingpad()}"),
            bijlagen=bijlagen,
        )
        self._leerling(o, school, ll)
        if ll is not None:
            o.communicatie = [
                self._rij(c, m.LeerlingCommunicatie) for c in self.lijst(ll, "communicatie")
            ]
            o.verzorgers = [self._verzorger(v) for v in self.lijst(ll, "/verzorgers.lijst")]
            o.vve = self._een_rij(ll, m.VVE, "/vve", self.pad(ll))
            o.schoolloopbaan = [
                self._rij(s, m.Schoolloopbaan) for s in self.lijst(ll, "/schoolloopbaan")
            ]
            o.overstapadvies = self._een_rij(self.een(ll, "/overstapadvies"), m.Overstapadvies)
            ondersteuning = self.een(ll, "/onderwijsondersteuning")
            o.onderwijsondersteuning = self._ondersteuning(ondersteuning)
            o.handelingsplannen = [
                self._handelingsplan(h) for h in self.lijst(ondersteuning, "/handelingsplannen")
            ]
            o.verzuim = self._verzuim(self.een(ll, "/verzuim"), metadata)
            o.eindtoets = self._eindtoets(self.een(ll, "/eindtoets"))
            o.toetsen = [self._toets(t) for t in self.lijst(ll, "/toetsen")]
            o.cijferlijsten = [self._cijferlijst(c) for c in self.lijst(ll, "/cijferlijsten")]
            o.vombo = self._vombo(ll)
        self.rest()
        o.niet_gemapt = self.niet_gemapt
        return o

    @property
    def wortelpad(self) -> str:
        return huidig().wortel.naam

    @property
    def metadatapad(self) -> str:
        return f"{self.wortelpad}/{_kindnaam(self.wortelpad, '/')}"

    # the generic way: one record from one element, by the description

    def _rij(self, element: etree._Element, model: type[models.Model], bron: str = "") -> Rij:
        rij = Rij(self.pad(element))
        self.velden(rij, element, model, bron)
        return rij

    def _een_rij(
        self,
        element: etree._Element | None,
        model: type[models.Model],
        bron: str = "",
        pad: str | None = None,
    ) -> Rij | None:
        """A one-to-one record: None when the dossier has none of its values."""
        if element is None:
            return None
        rij = Rij(pad or self.pad(element))
        self.velden(rij, element, model, bron)
        return rij if rij.velden else None

    # metadata and attachments

    def _metadata(self) -> tuple[dict[str, str], dict[str, str]]:
        metadata: dict[str, str] = {}
        categorieen: dict[str, str] = {}
        md = self.een(self.root, "/")
        categorie = _stappen(self.metadatapad, haak="categorie_uitlevering")
        for el in md.iter() if md is not None else ():
            if not isinstance(el.tag, str) or not _is_blad(el):
                continue
            tekst = self.lees(el) or ""
            ouder = el.getparent()
            if categorie and ouder is not None and _naam(ouder) == categorie[-1]:
                categorieen[_naam(el)] = tekst
            else:
                metadata[_naam(el)] = tekst
        soort = _kindnaam(self.wortelpad, "/info.overdrachtsoort")
        metadata[soort] = self.lees(self.kind(self.root, soort)) or ""
        return metadata, categorieen

    def _bijlagen(self) -> list[Bijlage]:
        bijlagen = []
        budget = max_bytes()  # for unpacking, over the whole dossier (no ZIP bombs)
        document_pad = _documentpad()
        naam_van = _kindnaam(document_pad, "bestandsnaam")
        inhoud_van = _kindnaam(document_pad, "inhoud")
        omschrijving_van = _kindnaam(document_pad, "omschrijving")
        for document in self.root.iter(*(_Q + n for n in _documentnamen())):
            inhoud_el = self.kind(document, inhoud_van)
            naam_el = self.kind(document, naam_van)
            if inhoud_el is None or naam_el is None:
                continue  # not a documentType: left to the rest
            bestandsnaam = self.kijk(document, naam_van) or "document"
            tekst = "".join((inhoud_el.text or "").split())
            self._gelezen.add(self._sleutel(inhoud_el))
            try:
                inhoud = base64.b64decode(tekst, validate=True)
            except (binascii.Error, ValueError):
                self.niet_gemapt.append(
                    NietGemapt(
                        self.pad(inhoud_el),
                        f"({len(tekst)} tekens)",
                        f"De inhoud van '{bestandsnaam}' is geen geldige Base64; de bijlage is "
                        "niet opgeslagen (zie het ontvangen dossier).",
                    )
                )
                self.niet(document, "Hoort bij een bijlage die niet is opgeslagen.")
                continue
            inhoud, uitgepakt = _pak_uit(inhoud, bestandsnaam, budget)
            if uitgepakt:
                budget -= len(inhoud)
            bronnen = [self.bron(naam_el)]
            self.lees(naam_el)
            omschrijving_el = self.kind(document, omschrijving_van)
            omschrijving = self.lees(omschrijving_el) or ""
            if omschrijving and omschrijving_el is not None:
                bronnen.append(self.bron(omschrijving_el))
            bijlagen.append(
                Bijlage(
                    pad=self.pad(document),
                    bestandsnaam=bestandsnaam,
                    omschrijving=omschrijving,
                    inhoud=inhoud,
                    waar=_waar(document),
                    uitgepakt=uitgepakt,
                    bronnen=bronnen,
                )
            )
        return bijlagen

    def _document_pad(self, ouder: etree._Element | None) -> str | None:
        if ouder is None:
            return None
        naam = _documentkind(self.tabelpad(ouder))
        document = self.kind(ouder, naam) if naam else None
        return self.pad(document) if document is not None else None

    # the pupil

    def _leerling(
        self, o: Ontvangen, school: etree._Element | None, ll: etree._Element | None
    ) -> None:
        rij = o.leerling
        if ll is not None:
            self._voornamen(rij, ll)
            self.velden(rij, ll, m.Leerling, "/leerling", frozenset(_HERKOMST))
            self._adres(rij, ll, m.Leerling)
        self._pgn(o, ll)
        for veld, eigen in _HERKOMST_SCHOOL.items():
            if school is not None:
                self.zet(rij, eigen, school, _kindnaam(self.tabelpad(school), veld))
        self._herkomst_toelichting(rij, ll)
        for veld, wat in (
            ("voornamen", "de voornamen"),
            ("achternaam", "de achternaam"),
            ("geboortedatum", "de geboortedatum"),
        ):
            if veld not in rij:
                o.problemen.append(Probleem(veld, f"Het dossier bevat {wat} van de leerling niet."))

    def _herkomst_toelichting(self, rij: Rij, ll: etree._Element | None) -> None:
        if ll is None:
            return
        delen: list[str] = []
        bronnen: list[Bron] = []
        plan = {veld: (stappen, omzetten) for stappen, veld, omzetten in self.plan(ll, m.Leerling)}
        for veld, wat in _HERKOMST.items():
            if veld not in plan:
                continue
            stappen, omzetten = plan[veld]
            hulp = Rij("")
            waarde = self.zet(hulp, veld, self.volg(ll, stappen[:-1]), stappen[-1], omzetten)
            if waarde is None:
                continue
            tekst = f"{waarde:%d-%m-%Y}" if isinstance(waarde, date) else str(waarde)
            delen.append(f"{wat} {tekst}")
            bronnen.extend(hulp.bronnen[veld])
        if delen:
            naam, brin = rij.get("herkomst_naam"), rij.get("herkomst_brin")
            school = f"{naam} ({brin})" if naam and brin else naam or brin or "de vorige school"
            rij.velden["herkomst_toelichting"] = (
                f"Volgens het ontvangen overstapdossier van {school}: {'; '.join(delen)}."
            )
            rij.bronnen["herkomst_toelichting"] = bronnen

    def _pgn(self, o: Ontvangen, ll: etree._Element | None) -> None:
        """The BSN or onderwijsnummer: the elements the description marks PGN (a BSN first)."""
        namen = {p.rsplit("/", 1)[-1] for p in huidig().paden_met(PGN)}
        for soort in (PgnType.BSN, PgnType.ONDERWIJSNUMMER):
            if str(soort) not in namen:
                continue
            el = self.kind(ll, str(soort))
            nummer = self.lees(el)
            if el is None or nummer is None:
                continue
            o.leerling.velden["pgn_type"] = str(soort)
            o.leerling.velden["pgn"] = nummer
            o.leerling.bronnen["pgn"] = [Bron(self.pad(el), nummer)]
            try:
                o.leerling.velden["pgn"] = validate_pgn(str(soort), nummer)
            except ValidationError as fout:
                o.problemen.append(
                    Probleem(
                        "pgn",
                        f"Het {soort.label} in het dossier is ongeldig: {' '.join(fout.messages)}",
                    )
                )
            return
        o.problemen.append(
            Probleem(
                "pgn",
                "Het dossier bevat geen BSN en geen onderwijsnummer (een SWV-dossier heeft er "
                "nooit een). Een leerling kan alleen met een BSN of onderwijsnummer worden "
                "ingeschreven.",
            )
        )

    def _adres(self, rij: Rij, persoon: etree._Element, model: type[models.Model]) -> None:
        """One address per person: the first gba, else bezoek, else post, else the first."""
        adressen = self.lijst(persoon, "adressen")
        if not adressen:
            return
        adres_pad = self.tabelpad(adressen[0])
        soort = _kindnaam(adres_pad, "soort")
        voorkeur = {"gba": 0, "bezoek": 1, "post": 2}
        gekozen = min(adressen, key=lambda a: voorkeur.get(self.kijk(a, soort) or "", 3))
        try:
            _postcode(self.kijk(gekozen, _kindnaam(adres_pad, "postcode")) or "")
        except ValueError:
            self.niet(
                gekozen,
                "Geen Nederlandse postcode: dit adres past niet in de adresvelden van het LAS.",
            )
            return
        self.velden(rij, gekozen, model)

    def _voornamen(self, rij: Rij, persoon: etree._Element) -> None:
        """Every voornaam element, joined (the builder's hook "voornamen" splits them)."""
        naam = _kindnaam(self.tabelpad(persoon), "voornamen")
        voornamen = [v for v in self.kinderen(persoon, naam) if (v.text or "").strip()]
        if voornamen:
            rij.velden["voornamen"] = " ".join(self.lees(v) or "" for v in voornamen)
            rij.bronnen["voornamen"] = [self.bron(v) for v in voornamen]

    def _verzorger(self, v: etree._Element) -> Rij:
        rij = Rij(self.pad(v))
        self._voornamen(rij, v)
        self.velden(rij, v, m.Verzorger)
        self._adres(rij, v, m.Verzorger)
        self._telefoon_email(rij, v)
        return rij

    def _telefoon_email(self, rij: Rij, v: etree._Element) -> None:
        """One phone number and one e-mail address per guardian, a non-secret one first."""
        lijst = self.lijst(v, "communicatie")
        if not lijst:
            return
        pad = self.tabelpad(lijst[0])
        soort_naam, nummer_naam = _kindnaam(pad, "soort"), _kindnaam(pad, "nummer")
        geheim_naam = _kindnaam(pad, "geheim")
        for soort, veld in (("telefoon", "telefoon"), ("e-mail", "email")):
            kandidaten = [c for c in lijst if self.kijk(c, soort_naam) == soort]
            if not kandidaten:
                continue
            gekozen = next(
                (c for c in kandidaten if self.kijk(c, geheim_naam) not in ("true", "1")),
                kandidaten[0],
            )
            if self.zet(rij, veld, gekozen, nummer_naam) is not None:
                soort_el = self.kind(gekozen, soort_naam)
                if soort_el is not None:
                    self.lees(soort_el)  # the kind decided the field
                    rij.bronnen[veld].append(self.bron(soort_el))
                self.zet(rij, f"{veld}_geheim", gekozen, geheim_naam, _boolean)

    # the blocks

    def _ondersteuning(self, o: etree._Element | None) -> Rij | None:
        if o is None:
            return None
        rij = Rij(self.pad(o))
        rij.bijlage = self._document_pad(self.een(o, "toelichting"))
        self.velden(rij, o, m.Onderwijsondersteuning)
        rij.kinderen["diagnoses"] = [self._rij(d, m.Diagnose) for d in self.lijst(o, "diagnoses")]
        rij.kinderen["tlvs"] = [self._rij(t, m.TLV) for t in self.lijst(o, "tlvs")]
        rij.kinderen["arrangementen"] = [
            self._rij(a, m.Arrangement) for a in self.lijst(o, "arrangementen")
        ]
        return rij

    def _handelingsplan(self, h: etree._Element) -> Rij:
        rij = self._rij(h, m.Handelingsplan)
        einddatum = rij.get("einddatum")
        afgesloten = einddatum is not None and einddatum < timezone.localdate()
        rij.velden["status"] = (
            StatusHandelingsplan.AFGESLOTEN if afgesloten else StatusHandelingsplan.LOPEND
        )
        rij.bijlage = self._document_pad(h)
        return rij

    def _verzuim(self, v: etree._Element | None, metadata: dict[str, str]) -> list[Rij]:
        """Summary registrations dated on the dossier's date: one per kind (geoorloofd,
        ongeoorloofd) with dagdelen and/or uren; a total of 0 is nothing to register."""
        if v is None:
            return []
        try:
            datum = _datum(metadata.get(_kindnaam(self.metadatapad, "/datum"), ""))
        except ValueError:
            datum = timezone.localdate()
        pad = self.tabelpad(v)
        rijen = []
        for soort in (SoortVerzuim.GEOORLOOFD, SoortVerzuim.ONGEOORLOOFD):
            rij = Rij(self.pad(v))
            for k in huidig().kinderen(pad):
                if k.element.veld != soort.value:
                    continue
                veld = "dagdelen" if k.element.haak == "in_dagdelen" else "uren"
                el = self.kind(v, k.naam)
                if el is not None and self.kijk(v, k.naam) in ("0", "+0", "-0"):
                    self.lees(el)
                    self.niet_gemapt.append(
                        NietGemapt(self.pad(el), "0", "Geen verzuim: er is niets te registreren.")
                    )
                else:
                    self.zet(rij, veld, v, k.naam, _geheel)
            if not rij.velden:
                continue
            rij.velden["soort"] = soort
            rij.velden["datum"] = datum
            rij.velden["omschrijving"] = (
                "Totaal van de twaalf maanden tot de datum van het ontvangen overstapdossier"
            )
            rijen.append(rij)
        for rij in rijen:  # contact_leerplicht, rmc_melding on each summary registration
            self.velden(rij, v, m.Verzuim)
        # frequentie and meerdan25percent have no field: listed in niet_gemapt
        return rijen

    def _eindtoets(self, e: etree._Element | None) -> Rij | None:
        if e is None:
            return None
        rij = self._rij(e, m.Eindtoets)
        onderdelen = []
        for o in self.lijst(e, "onderdelen"):
            kind = self._rij(o, m.EindtoetsOnderdeelResultaat)
            kind.kinderen["domeinen"] = [
                self._rij(d, m.EindtoetsDomeinResultaat) for d in self.lijst(o, "domeinen")
            ]
            onderdelen.append(kind)
        rij.kinderen["onderdelen"] = onderdelen
        return rij

    def _toets(self, t: etree._Element) -> Rij:
        rij = self._rij(t, m.Toets)
        if "leergebied" not in rij:
            rij.velden["leergebied"] = ONBEKEND_LEERGEBIED
        if "toetsnaam" not in rij and rij.get("eldtoetscode"):
            rij.velden["toetsnaam"] = rij["eldtoetscode"]
        rij.kinderen["referentiescores"] = [
            self._rij(r, m.ToetsReferentiescore) for r in self.lijst(t, "referentiescores")
        ]
        # toetsonderdelen, afgenomendoor and the other raw scores have no field: listed
        return rij

    def _cijferlijst(self, c: etree._Element) -> Rij:
        rij = self._rij(c, m.Cijferlijst)
        totaal = self.een(c, haak="totaalscore")  # the first total; further totals are listed
        if totaal is not None:
            self.zet(rij, "totaalscore", totaal, _kindnaam(self.tabelpad(totaal), "waarde"))
        rij.kinderen["onderdelen"] = [
            self._rij(o, m.CijferlijstOnderdeel) for o in self.lijst(c, "onderdelen")
        ]
        return rij

    def _vombo(self, ll: etree._Element) -> Rij | None:
        rij = Rij(self.pad(ll))
        self.velden(rij, ll, m.VoMboGegevens, "/vombo")
        vakken = []
        for v in self.lijst(ll, "/vombo.vakresultaten"):
            kind = self._rij(v, m.VakResultaat)
            if "vak" not in kind and kind.get("vakcode"):
                kind.velden["vak"] = kind["vakcode"]
            vakken.append(kind)
        if not rij.velden and not vakken:
            return None
        rij.kinderen["vakresultaten"] = vakken
        return rij


def _waar(document: etree._Element) -> str:
    namen = [_naam(a) for a in document.iterancestors()]
    for naam, label in _PLAATS_BIJLAGE:
        if naam in namen[:4]:
            return label
    return "bijlage"


def _pak_uit(inhoud: bytes, bestandsnaam: str, limiet: int) -> tuple[bytes, bool]:
    """The one file inside a Base64 ZIP as the standard sends it; else the bytes as they are
    (our own dossiers, other senders, a ZIP that holds anything but exactly that file, and a
    file that would unpack to more than ``limiet`` bytes)."""
    if not inhoud.startswith(b"PK") or limiet <= 0:
        return inhoud, False
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            leden = archief.infolist()
            if len(leden) != 1 or leden[0].is_dir():
                return inhoud, False
            lid = leden[0]
            if PurePath(lid.filename).name.lower() != PurePath(bestandsnaam).name.lower():
                return inhoud, False
            if lid.file_size > limiet:
                return inhoud, False
            with archief.open(lid) as bestand:
                uitgepakt = bestand.read(limiet + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
        return inhoud, False
    if len(uitgepakt) > limiet:
        return inhoud, False
    return uitgepakt, True


# --- the review screen -----------------------------------------------------------------------


@dataclass(frozen=True)
class Verschil:
    """One of the pupil's fields: what the LAS has and what was received, as text."""

    veld: str
    label: str
    eigen: str
    ontvangen: str
    gelijk: bool
    kiesbaar: bool = True  # the PGN is shown, not chosen


def _label(veld: str) -> str:
    naam = str(m.Leerling._meta.get_field(veld).verbose_name)
    return naam[:1].upper() + naam[1:]


def _toon(veld: str, waarde: Any) -> str:
    if waarde is None or waarde == "":
        return ""
    if veld == "pgn":
        return f"*****{waarde[-4:]}"  # enough to recognise the number, not to use it
    model_veld = m.Leerling._meta.get_field(veld)
    if model_veld.choices:
        return str(dict(model_veld.flatchoices).get(waarde, waarde))
    if isinstance(waarde, bool):
        return "Ja" if waarde else "Nee"
    if isinstance(waarde, date):
        return f"{waarde:%d-%m-%Y}"
    return str(waarde)


def vergelijk(ontvangen: Ontvangen, leerling: m.Leerling) -> list[Verschil]:
    """Field by field: the pupil as the LAS has it and as the dossier has it (the PGN
    masked)."""
    with translation.override("nl"):
        verschillen = []
        for veld in LEERLING_VELDEN:
            eigen = getattr(leerling, veld)
            theirs = ontvangen.leerling.get(veld)
            gelijk = (eigen if eigen != "" else None) == (theirs if theirs != "" else None)
            verschillen.append(
                Verschil(
                    veld=veld,
                    label=_label(veld),
                    eigen=_toon(veld, eigen),
                    ontvangen=_toon(veld, theirs),
                    gelijk=gelijk,
                    kiesbaar=veld not in _PGN_VELDEN,
                )
            )
        return verschillen


# --- importing -------------------------------------------------------------------------------


@dataclass
class ImportResultaat:
    """What an import did: the pupil, rows per block, and what is not in our records."""

    leerling: m.Leerling
    nieuw: bool
    aantallen: dict[str, int]
    overgeslagen: dict[str, int]  # rows the pupil already had (existing pupil)
    niet_gemapt: list[NietGemapt]
    bijlagen: list[m.MapItem]
    xml_item: m.MapItem
    pdf_item: m.MapItem
    gewijzigde_velden: list[str]


def importeer_nieuw(
    ontvangen: Ontvangen, school: School, *, user: User | None, xml: bytes
) -> ImportResultaat:
    """Create a new pupil of ``school`` from the dossier (Leerling importeren (OSO))."""
    _controleer_xml(ontvangen, xml)
    if ontvangen.problemen:
        raise ImportFout(
            ["De leerling kan niet uit dit dossier worden ingeschreven."]
            + [p.bericht for p in ontvangen.problemen]
        )
    pdf = _pdf(xml)
    with translation.override("nl"):
        ll = ontvangen.leerling
        pgn_type, pgn = ll["pgn_type"], ll["pgn"]
        if m.Leerling.objects.filter(school=school, pgn_hash=m.pgn_hash(pgn_type, pgn)).exists():
            raise ImportFout(_bestaat_al(pgn_type))
        leerling = m.Leerling(school=school)
        for veld in LEERLING_VELDEN:
            if veld in ll:
                setattr(leerling, veld, ll[veld])
        return _Import(ontvangen, leerling, user=user, nieuw=True).uitvoeren(
            xml, pdf, velden=[v for v in LEERLING_VELDEN if v in ll]
        )


def importeer_bestaand(
    ontvangen: Ontvangen,
    leerling: m.Leerling,
    *,
    keuzes: dict[str, str],
    user: User | None,
    xml: bytes,
) -> ImportResultaat:
    """Complete an existing pupil from the dossier: per field the user's choice in ``keuzes``
    (field → "ontvangen" or "eigen"); a field without a choice takes the received value only
    when the LAS has none (completing, never overwriting)."""
    _controleer_xml(ontvangen, xml)
    onbekend = sorted(set(keuzes) - set(KEUZE_VELDEN))
    fout = sorted(k for k, v in keuzes.items() if v not in (KEUZE_ONTVANGEN, KEUZE_EIGEN))
    if onbekend or fout:
        raise ImportFout(
            [f"Onbekend veld om te kiezen: {v}." for v in onbekend]
            + [f"Kies bij {v} 'ontvangen' of 'eigen'." for v in fout]
        )
    ll = ontvangen.leerling
    pgn_problemen = [p.bericht for p in ontvangen.problemen if p.veld == "pgn" and "pgn" in ll]
    if pgn_problemen:
        raise ImportFout(["Het dossier wordt niet geïmporteerd.", *pgn_problemen])
    if "pgn" in ll and (ll["pgn_type"], ll["pgn"]) != (leerling.pgn_type, leerling.pgn):
        raise ImportFout(
            "Het BSN of onderwijsnummer in het ontvangen dossier is niet dat van deze leerling; "
            "het dossier wordt niet geïmporteerd."
        )
    pdf = _pdf(xml)
    with translation.override("nl"), transaction.atomic():
        leerling = m.Leerling.objects.select_for_update().get(pk=leerling.pk)
        gewijzigd = []
        oud = {veld: getattr(leerling, veld) for veld in KEUZE_VELDEN}
        for veld in KEUZE_VELDEN:
            keuze = keuzes.get(veld)
            if keuze is None:
                leeg = oud[veld] in (None, "")
                keuze = KEUZE_ONTVANGEN if leeg and ll.get(veld) not in (None, "") else KEUZE_EIGEN
            if keuze != KEUZE_ONTVANGEN:
                continue
            nieuw = ll.get(veld, m.Leerling._meta.get_field(veld).get_default())
            if nieuw != oud[veld]:
                setattr(leerling, veld, nieuw)
                gewijzigd.append(veld)
        return _Import(ontvangen, leerling, user=user, nieuw=False, oud=oud).uitvoeren(
            xml, pdf, velden=gewijzigd
        )


def _controleer_xml(ontvangen: Ontvangen, xml: bytes) -> None:
    if hashlib.sha256(bytes(xml)).hexdigest() != ontvangen.kenmerk:
        raise ImportFout("Het dossier is niet het dossier dat is gelezen; lees het opnieuw.")
    if weigeringen := importweigeringen(ontvangen):  # structure check, blocking rules
        raise ImportFout(weigeringen)


def _pdf(xml: bytes) -> bytes:
    from .pdf import render_pdf  # WeasyPrint: loaded only when needed

    return render_pdf(bytes(xml))


def _bestaat_al(pgn_type: str) -> list[str]:
    soort = "bsn" if pgn_type == PgnType.BSN else "onderwijsnummer"
    return [
        f"Er bestaat al een leerling op deze school met het ingevoerde {soort}.",
        "Importeer het dossier bij die leerling: Onderwijs > Overstapdossier opvragen.",
    ]


def _berichten(fout: ValidationError, model: type[models.Model]) -> str:
    if not hasattr(fout, "error_dict"):
        return " ".join(fout.messages)
    delen = []
    for veld, berichten in fout.message_dict.items():
        if veld == NON_FIELD_ERRORS:
            delen.append(" ".join(berichten))
            continue
        try:
            label = str(model._meta.get_field(veld).verbose_name)
        except Exception:
            label = veld
        delen.append(f"{label}: {' '.join(berichten)}")
    return " ".join(delen)


def _optioneel(veld: models.Field) -> bool:
    return veld.blank or veld.null or veld.has_default()


class _Import:
    """One import into one pupil; everything it writes happens in one transaction, and the
    files it stored are removed again when that transaction does not commit."""

    def __init__(
        self,
        ontvangen: Ontvangen,
        leerling: m.Leerling,
        *,
        user: User | None,
        nieuw: bool,
        oud: dict[str, Any] | None = None,
    ):
        self.o = ontvangen
        self.ll = leerling
        self.user = user
        self.nieuw = nieuw
        self.oud = oud or {}
        self.niet_gemapt: list[NietGemapt] = []
        self.aantallen: Counter[str] = Counter()
        self.overgeslagen: Counter[str] = Counter()
        self.bestanden: list[tuple[Any, str]] = []  # (storage, name) written so far
        self.items: dict[str, m.MapItem] = {}  # attachment path → its map item

    # the whole import

    def uitvoeren(self, xml: bytes, pdf: bytes, *, velden: list[str]) -> ImportResultaat:
        try:
            with transaction.atomic():
                velden = self._leerling(velden)
                self._bijlagen()
                self._blokken()
                xml_item, pdf_item = self._dossier_bestanden(xml, pdf)
                self._audit(velden)
        except BaseException:
            self._ruim_op()
            raise
        return ImportResultaat(
            leerling=self.ll,
            nieuw=self.nieuw,
            aantallen={blok: self.aantallen[blok] for blok in self.o.aantallen()},
            overgeslagen=dict(self.overgeslagen),
            niet_gemapt=list(self.o.niet_gemapt) + self.niet_gemapt,
            bijlagen=list(self.items.values()),
            xml_item=xml_item,
            pdf_item=pdf_item,
            gewijzigde_velden=velden,
        )

    def _ruim_op(self) -> None:
        for opslag, naam in self.bestanden:
            try:
                opslag.delete(naam)
            except Exception:  # pragma: no cover - best effort after a failed import
                logger.warning("Bestand van mislukte import niet verwijderd: %s", naam)

    # the pupil

    def _leerling(self, velden: list[str]) -> list[str]:
        bronnen = {v: self.o.leerling.bronnen.get(v, []) for v in velden}
        self._inkorten(self.ll, bronnen)
        if self.ll.pgn_type and self.ll.pgn:
            self.ll.pgn_hash = m.pgn_hash(self.ll.pgn_type, self.ll.pgn)
        try:
            weg = self._valideer(self.ll, bronnen, herstel=self.oud if not self.nieuw else None)
        except ValidationError as fout:
            berichten = fout.message_dict.get("pgn", []) if hasattr(fout, "error_dict") else []
            dubbel = [b for b in berichten if b.startswith("Er bestaat al een leerling")]
            if dubbel:
                raise ImportFout(_bestaat_al(self.ll.pgn_type)) from None
            raise ImportFout(
                [f"De leerling kan niet worden opgeslagen: {_berichten(fout, m.Leerling)}".strip()]
            ) from None
        try:
            with transaction.atomic():
                self.ll.save()
        except IntegrityError:
            raise ImportFout(_bestaat_al(self.ll.pgn_type)) from None
        return [v for v in velden if v not in weg]

    # attachments

    def _bijlagen(self) -> None:
        for bijlage in self.o.bijlagen:
            naam = _veilige_naam(bijlage.bestandsnaam)
            extensie = PurePath(naam).suffix.lower().lstrip(".")
            if extensie not in m.DOCUMENT_EXTENSIONS:
                self._weiger_bronnen(
                    bijlage.bronnen,
                    f"Bestandstype '.{extensie}' wordt niet in de leerlingmap opgeslagen; de "
                    "bijlage staat in het ontvangen dossier."
                    if extensie
                    else "Bestand zonder bestandstype wordt niet in de leerlingmap opgeslagen; "
                    "de bijlage staat in het ontvangen dossier.",
                )
                continue
            titel = bijlage.omschrijving or naam
            item = m.MapItem(
                leerling=self.ll,
                soort=SoortMapItem.DOCUMENT,
                titel=titel[:200],
                omschrijving=(
                    f"Ontvangen met het overstapdossier van {self.o.herkomst} ({bijlage.waar})"
                )[:300],
                bestandsnaam=naam,
                mime_type=(mimetypes.guess_type(naam)[0] or "application/octet-stream")[:100],
                aangemaakt_door=self.user,
            )
            naam_bron, *omschrijving_bron = bijlage.bronnen
            if naam != bijlage.bestandsnaam:
                self._weiger_bronnen([naam_bron], f"Bestandsnaam aangepast tot '{naam}'.")
            if len(titel) > 200:
                self._weiger_bronnen(omschrijving_bron, "Te lang voor de titel: ingekort.")
            self._bewaar_bestand(item, naam, bijlage.inhoud)
            item.full_clean()
            item.save()
            self.items[bijlage.pad] = item
            self.aantallen["bijlagen"] += 1

    def _bewaar_bestand(self, item: m.MapItem, naam: str, inhoud: bytes) -> None:
        item.bestand.save(naam, ContentFile(inhoud), save=False)
        self.bestanden.append((item.bestand.storage, item.bestand.name))

    def _dossier_bestanden(self, xml: bytes, pdf: bytes) -> tuple[m.MapItem, m.MapItem]:
        vandaag = timezone.localdate()
        datum = self.o.metadata.get("datum") or ""
        titel = f"Ontvangen overstapdossier ({self.o.label}) van {self.o.herkomst}"
        omschrijving = f"Ontvangen op {vandaag:%d-%m-%Y}"
        with contextlib.suppress(ValueError):
            omschrijving += f"; door de school verzameld op {_datum(datum):%d-%m-%Y}"
        items = []
        for extensie, mime, inhoud, wat in (
            ("xml", "application/xml", bytes(xml), "XML"),
            ("pdf", "application/pdf", pdf, "PDF"),
        ):
            naam = f"ontvangen-overstapdossier-{vandaag:%Y-%m-%d}.{extensie}"
            item = m.MapItem(
                leerling=self.ll,
                soort=SoortMapItem.DOCUMENT,
                titel=f"{titel} ({wat})"[:200],
                omschrijving=omschrijving[:300],
                bestandsnaam=naam,
                mime_type=mime,
                aangemaakt_door=self.user,
            )
            self._bewaar_bestand(item, naam, inhoud)
            # the XML is our record of what was received: kept as it came, although .xml is not
            # a type users can upload to the map
            item.full_clean(exclude=["bestand"] if extensie == "xml" else None)
            item.save()
            items.append(item)
        return items[0], items[1]

    # the blocks

    def _blokken(self) -> None:
        o = self.o
        for rij in o.communicatie:
            self._rij(m.LeerlingCommunicatie, rij, "communicatie")
        for rij in o.verzorgers:
            self._rij(m.Verzorger, rij, "verzorgers")
        self._een(m.VVE, o.vve, "vve")
        for rij in o.schoolloopbaan:
            self._rij(m.Schoolloopbaan, rij, "schoolloopbaan")
        self._een(m.Overstapadvies, o.overstapadvies, "overstapadvies")
        if o.onderwijsondersteuning is not None:
            ondersteuning = o.onderwijsondersteuning
            vast = {}
            if ondersteuning.bijlage in self.items:
                vast["toelichting_onderwijsbehoeften"] = self.items[ondersteuning.bijlage]
            if ondersteuning.velden or vast:
                self._een(m.Onderwijsondersteuning, ondersteuning, "onderwijsondersteuning", vast)
            for model, naam in (
                (m.Diagnose, "diagnoses"),
                (m.TLV, "tlvs"),
                (m.Arrangement, "arrangementen"),
            ):
                for rij in ondersteuning.kinderen.get(naam, []):
                    self._rij(model, rij, naam)
        for rij in o.handelingsplannen:
            vast = {"document": self.items[rij.bijlage]} if rij.bijlage in self.items else {}
            self._rij(m.Handelingsplan, rij, "handelingsplannen", vast)
        for rij in o.verzuim:
            self._rij(m.Verzuim, rij, "verzuim")
        eindtoets = self._een(m.Eindtoets, o.eindtoets, "eindtoets", met_kinderen=True)
        if eindtoets is not None and o.eindtoets is not None:
            for rij in o.eindtoets.kinderen.get("onderdelen", []):
                onderdeel = self._rij(
                    m.EindtoetsOnderdeelResultaat,
                    rij,
                    "eindtoets_onderdelen",
                    {"eindtoets": eindtoets},
                    ouder="eindtoets",
                )
                for kind in rij.kinderen.get("domeinen", []) if onderdeel is not None else ():
                    self._rij(
                        m.EindtoetsDomeinResultaat,
                        kind,
                        "eindtoets_domeinen",
                        {"onderdeel": onderdeel},
                        ouder="eindtoets",
                    )
        for rij in o.toetsen:
            toets = self._rij(m.Toets, rij, "toetsen")
            for kind in rij.kinderen.get("referentiescores", []) if toets is not None else ():
                self._rij(
                    m.ToetsReferentiescore,
                    kind,
                    "referentiescores",
                    {"toets": toets},
                    ouder="toets",
                )
        for rij in o.cijferlijsten:
            lijst = self._rij(m.Cijferlijst, rij, "cijferlijsten")
            for kind in rij.kinderen.get("onderdelen", []) if lijst is not None else ():
                self._rij(
                    m.CijferlijstOnderdeel,
                    kind,
                    "cijferlijst_onderdelen",
                    {"cijferlijst": lijst},
                    ouder="cijferlijst",
                )
        if o.vombo is not None:
            if o.vombo.velden:
                self._een(m.VoMboGegevens, o.vombo, "vombo")
            for rij in o.vombo.kinderen.get("vakresultaten", []):
                self._rij(m.VakResultaat, rij, "vakresultaten")

    def _een(
        self,
        model: type[models.Model],
        rij: Rij | None,
        blok: str,
        vast: dict[str, Any] | None = None,
        *,
        met_kinderen: bool = False,
    ) -> models.Model | None:
        """A one-to-one block: an existing pupil keeps the record it has. ``met_kinderen``:
        the children hang on this record (they are not stored without it)."""
        if rij is None:
            return None
        if not self.nieuw and model.objects.filter(leerling=self.ll).exists():
            self._weiger_bronnen(
                _bronnen(rij, met_kinderen),
                f"De leerling heeft al gegevens voor {model._meta.verbose_name}; die zijn "
                "behouden.",
            )
            return None
        return self._rij(model, rij, blok, vast, met_kinderen=met_kinderen)

    def _rij(
        self,
        model: type[models.Model],
        rij: Rij,
        blok: str,
        vast: dict[str, Any] | None = None,
        *,
        ouder: str = "leerling",
        met_kinderen: bool = True,
    ) -> models.Model | None:
        """Create one row; a row our validation refuses is listed, not fatal."""
        vast = dict(vast or {})
        if ouder == "leerling":
            vast["leerling"] = self.ll
        obj = model(**vast, **rij.velden)
        self._inkorten(obj, rij.bronnen)
        try:
            self._valideer(obj, rij.bronnen)
        except ValidationError as fout:
            self._weiger_bronnen(
                _bronnen(rij, met_kinderen),
                f"Niet overgenomen ({model._meta.verbose_name}): {_berichten(fout, model)}",
            )
            return None
        if not self.nieuw and ouder == "leerling" and self._bestaat(model, obj, rij):
            self.overgeslagen[blok] += 1
            return None
        obj.save()
        self.aantallen[blok] += 1
        return obj

    def _bestaat(self, model: type[models.Model], obj: models.Model, rij: Rij) -> bool:
        if model._meta.get_field("leerling").one_to_one:
            return False
        filters = {v: getattr(obj, v) for v in rij.velden}
        return model.objects.filter(leerling=self.ll, **filters).exists()

    # validation

    def _inkorten(self, obj: models.Model, bronnen: dict[str, list[Bron]]) -> None:
        """A text longer than our field: shortened, with the full value listed."""
        for veld in obj._meta.concrete_fields:
            waarde = getattr(obj, veld.attname, None)
            if not isinstance(veld, models.CharField) or not veld.max_length:
                continue
            if not isinstance(waarde, str) or len(waarde) <= veld.max_length:
                continue
            setattr(obj, veld.attname, waarde[: veld.max_length - 1].rstrip() + "…")
            for bron in bronnen.get(veld.name, []):
                self.niet_gemapt.append(
                    NietGemapt(
                        bron.pad,
                        bron.waarde,
                        f"Te lang voor '{veld.verbose_name}' (maximaal {veld.max_length} "
                        "tekens): ingekort overgenomen.",
                    )
                )

    def _valideer(
        self,
        obj: models.Model,
        bronnen: dict[str, list[Bron]],
        *,
        herstel: dict[str, Any] | None = None,
    ) -> set[str]:
        """``full_clean``; a refused field that came from the dossier and may stay empty (or,
        with ``herstel``, has an old value) is emptied (restored) and listed. Raises the
        ValidationError when that is not enough. Returns the fields left out."""
        weg: set[str] = set()
        for _ in range(len(bronnen) + 1):
            try:
                obj.full_clean()
                return weg
            except ValidationError as fout:
                if not hasattr(fout, "error_dict"):
                    raise
                per_veld = fout.message_dict
                velden = []
                for naam in per_veld:
                    if naam not in bronnen or naam in weg:
                        continue
                    veld = obj._meta.get_field(naam)
                    if herstel is not None and naam in herstel:
                        velden.append((naam, herstel[naam]))
                    elif herstel is None and _optioneel(veld):
                        velden.append((naam, veld.get_default()))
                if not velden:
                    raise
                for naam, terug in velden:
                    reden = (
                        f"Niet overgenomen in '{obj._meta.get_field(naam).verbose_name}': "
                        f"{' '.join(per_veld[naam])}"
                    )
                    for bron in bronnen[naam]:
                        self.niet_gemapt.append(NietGemapt(bron.pad, bron.waarde, reden))
                    setattr(obj, naam, terug)
                    weg.add(naam)
        obj.full_clean()
        return weg

    def _weiger_bronnen(self, bronnen: Iterable[Bron], reden: str) -> None:
        for bron in bronnen:
            self.niet_gemapt.append(NietGemapt(bron.pad, bron.waarde, reden))

    # audit

    def _audit(self, velden: list[str]) -> None:
        details = {
            "nieuw": self.nieuw,
            "profiel": str(self.o.profiel or ""),
            "overdrachtsoort": self.o.overdrachtsoort,
            "herkomst_brin": self.o.leerling.get("herkomst_brin", ""),
            "aantallen": {blok: self.aantallen[blok] for blok in self.o.aantallen()},
            "overgeslagen": dict(self.overgeslagen),
            "niet_gemapt": len(self.o.niet_gemapt) + len(self.niet_gemapt),
            "xsd_fouten": None if self.o.xsd_fouten is None else len(self.o.xsd_fouten),
            "regelfouten": len(self.o.fouten),
            "velden": sorted(velden),
            "kenmerk": self.o.kenmerk[:16],
        }
        if self.nieuw:
            events.log(Actie.LEERLING_AANGEMAAKT, user=self.user, leerling=self.ll, obj=self.ll)
        elif velden:
            events.log(
                Actie.LEERLING_GEWIJZIGD,
                user=self.user,
                leerling=self.ll,
                obj=self.ll,
                details={"velden": sorted(velden)},
            )
        events.log(
            ACTIE_GEIMPORTEERD,
            user=self.user,
            leerling=self.ll,
            obj=self.ll,
            omschrijving=f"Overstapdossier ({self.o.label}) van {self.o.herkomst} geïmporteerd",
            details=details,
        )


def _bronnen(rij: Rij, met_kinderen: bool) -> list[Bron]:
    if met_kinderen:
        return rij.alle_bronnen()
    return [b for bronnen in rij.bronnen.values() for b in bronnen]


_ONVEILIG_IN_NAAM = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def _veilige_naam(naam: str) -> str:
    """A plain file name: no path, no control characters, at most 200 characters."""
    naam = _ONVEILIG_IN_NAAM.sub("_", PurePath(naam.replace("\\", "/")).name).strip(" ._")
    naam = naam or "document"
    if len(naam) > 200:
        suffix = PurePath(naam).suffix[:10]
        naam = naam[: 200 - len(suffix)] + suffix
    return naam


__all__ = [
    "ACTIE_GEIMPORTEERD",
    "KEUZE_EIGEN",
    "KEUZE_ONTVANGEN",
    "KEUZE_VELDEN",
    "LEERLING_VELDEN",
    "Bijlage",
    "Bron",
    "ImportFout",
    "ImportResultaat",
    "NietGemapt",
    "Ontvangen",
    "Probleem",
    "Rij",
    "Verschil",
    "importeer_bestaand",
    "importeer_nieuw",
    "lees_ontvangen",
    "vergelijk",
]
