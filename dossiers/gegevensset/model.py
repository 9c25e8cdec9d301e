"""The building blocks of a declarative description of an OSO gegevensset.

A description (for example :mod:`.v2019_1`) is a tree of :class:`Element` objects. An element
has either a simple :class:`Type` (a text value with facets) or a :class:`Reeks` (a sequence
of child elements and :class:`Keuze` choices). Everything else the product needs to know about
an element sits on it as well: its Dutch label, the gegevensblok it belongs to, privacy marks,
the attribute of the collected snapshot it is written from and the named hook (a special case
beside the table) that writes or reads it.

:class:`Gegevensset` flattens the tree once into :class:`Knoop` objects, one per element path
("dossier/huidigeschool/leerling/achternaam"), in document order; that flat view is what the
builder, the reader, the PDF, the summary and the rules look things up in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

# privacy marks
PGN = "pgn"  # the pupil's BSN or onderwijsnummer: never in an SWV dossier, masked on screens
GEHEIM_ADRES = "geheim_adres"  # left out when the address is secret
GEHEIM_NUMMER = "geheim_nummer"  # replaced by a placeholder when the number is secret

ONBEGRENSD = None  # maxOccurs="unbounded"


@dataclass(frozen=True)
class Type:
    """A simple type: the XSD base type and its facets."""

    naam: str  # the name of the type in the generated schema; "": the built-in XSD type
    basis: str  # string, date, boolean, integer, int, decimal
    min_lengte: int | None = None
    max_lengte: int | None = None
    patroon: str | None = None  # an XSD regular expression
    waarden: tuple[str, ...] = ()  # enumeration
    min_waarde: int | None = None  # minInclusive
    max_waarde: int | None = None  # maxInclusive


@dataclass(frozen=True)
class Attribuut:
    naam: str
    type: Type
    verplicht: bool = False
    label: str = ""


@dataclass(frozen=True)
class Element:
    naam: str
    type: Type | Reeks
    min: int = 1
    max: int | None = 1  # None: unbounded
    label: str = ""
    blok: str = ""  # a profielen.BLOKKEN slug; empty: that of the parent
    privacy: frozenset[str] = frozenset()
    veld: str = ""  # the snapshot attribute (or LAS field) the element is written from
    haak: str = ""  # a named hook beside the table that writes/reads this element
    attributen: tuple[Attribuut, ...] = ()
    # a container of its block: its own presence is no data of the block, its children's is
    houder: bool = False

    @property
    def enkelvoudig(self) -> bool:
        return isinstance(self.type, Type)

    @property
    def herhaalbaar(self) -> bool:
        return self.max is None or self.max > 1


@dataclass(frozen=True)
class Keuze:
    """xs:choice: exactly one of the options (each an element or a sequence)."""

    opties: tuple[Element | Reeks, ...]
    min: int = 1
    max: int | None = 1


@dataclass(frozen=True)
class Reeks:
    """xs:sequence of elements and choices, in the order of the standard."""

    inhoud: tuple[Element | Keuze | Reeks, ...]
    naam: str = ""  # a name for documentation (the standard's complex type), optional
    min: int = 1
    max: int | None = 1

    def elementen(self) -> Iterator[Element]:
        """The child elements in order, choices and nested sequences flattened."""
        for deel in self.inhoud:
            if isinstance(deel, Element):
                yield deel
            elif isinstance(deel, Reeks):
                yield from deel.elementen()
            else:
                for optie in deel.opties:
                    if isinstance(optie, Element):
                        yield optie
                    else:
                        yield from optie.elementen()


def reeks(*inhoud: Element | Keuze | Reeks, naam: str = "") -> Reeks:
    return Reeks(tuple(inhoud), naam=naam)


def keuze(*opties: Element | Reeks, min: int = 1, max: int | None = 1) -> Keuze:  # noqa: A002
    return Keuze(tuple(opties), min=min, max=max)


@dataclass(frozen=True)
class Knoop:
    """One element at one place in the dossier: the flat view of the description."""

    pad: str  # local names joined by "/" from the root
    element: Element
    volgorde: int  # position in document order over the whole description
    ouder: str  # the parent's path ("" for the root)
    blok: str  # the gegevensblok (slug), inherited from the nearest ancestor that names one
    codelijst: int | None  # the OSO code list the value comes from

    @property
    def naam(self) -> str:
        return self.element.naam

    @property
    def label(self) -> str:
        return self.element.label or standaard_label(self.element.naam)

    @property
    def verplicht(self) -> bool:
        return self.element.min >= 1

    @property
    def pgn(self) -> bool:
        return PGN in self.element.privacy


def standaard_label(naam: str) -> str:
    """An element name made readable when the table gives no label: ``datum_afname`` ->
    ``Datum afname``."""
    tekst = naam.removesuffix("-1").replace("_", " ").replace("-", " ")
    return tekst[:1].upper() + tekst[1:]


@dataclass(frozen=True)
class Gegevensset:
    """One version of the OSO gegevensset: its identity and its element tree."""

    versie: str  # metadata/standaardversie, e.g. "2019.1"
    validatieversie: str  # metadata/validatieversie we write
    namespace: str
    wortel: Element
    codelijsten: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @cached_property
    def knopen(self) -> dict[str, Knoop]:
        """Every element path of the description, in document order."""
        result: dict[str, Knoop] = {}

        def loop(element: Element, ouder: str, blok: str) -> None:
            pad = f"{ouder}/{element.naam}" if ouder else element.naam
            blok = element.blok or blok
            if pad not in result:  # a name twice under one parent (choice options): first wins
                result[pad] = Knoop(
                    pad, element, len(result), ouder, blok, self.codelijsten.get(pad)
                )
            if isinstance(element.type, Reeks):
                for kind in element.type.elementen():
                    loop(kind, pad, blok)

        loop(self.wortel, "", "")
        return result

    def knoop(self, pad: str) -> Knoop:
        return self.knopen[pad]

    def kinderen(self, pad: str) -> list[Knoop]:
        return list(self._kinderen_per_ouder.get(pad, []))

    def label(self, pad: str) -> str:
        knoop = self.knopen.get(pad)
        return knoop.label if knoop else standaard_label(pad.rsplit("/", 1)[-1])

    def blok_wortels(self, slug: str) -> list[str]:
        """The paths whose element starts the block ``slug`` (its parent is in another block):
        the block partition the rules and the PDF use."""
        result = []
        for k in self.knopen.values():
            if k.blok != slug or k.element.houder:
                continue
            ouder = self.knopen.get(k.ouder)
            if ouder is None or ouder.blok != slug or ouder.element.houder:
                result.append(k.pad)
        return result

    def is_lijsthouder(self, pad: str) -> bool:
        """A container whose only child is one repeating element (adreslijst, toetslijst):
        no level of its own for people."""
        kinderen = self._kinderen_per_ouder.get(pad, [])
        return len(kinderen) == 1 and kinderen[0].element.herhaalbaar

    @cached_property
    def _kinderen_per_ouder(self) -> dict[str, list[Knoop]]:
        result: dict[str, list[Knoop]] = {}
        for k in self.knopen.values():
            result.setdefault(k.ouder, []).append(k)
        return result

    def plaats(self, pad: str, diepte: int = 3) -> str:
        """The Dutch name of a place in a dossier, from a reader's path such as
        ``/dossier/huidigeschool/leerling/verzorger[2]/adreslijst/adres/straat`` (an index,
        an attribute ``/@naam``): the labels of its last ``diepte`` levels, without the root
        and list containers, e.g. "Ouder/verzorger 2 › Adres › Straat". A level the
        description does not know keeps its name, made readable."""
        labels: list[str] = []
        tabelpad = ""
        for deel in (d for d in pad.strip("/").split("/") if d):
            if deel.startswith("@"):
                knoop = self.knopen.get(tabelpad)
                attribuut = next(
                    (a for a in knoop.element.attributen if a.naam == deel[1:]) if knoop else (),
                    None,
                )
                labels.append(
                    attribuut.label if attribuut and attribuut.label else standaard_label(deel[1:])
                )
                continue
            naam, _, index = deel.partition("[")
            tabelpad = f"{tabelpad}/{naam}" if tabelpad else naam
            knoop = self.knopen.get(tabelpad)
            if knoop is None:
                labels.append(standaard_label(naam))
            elif knoop.ouder and not self.is_lijsthouder(tabelpad):
                labels.append(f"{knoop.label} {index.rstrip(']')}" if index else knoop.label)
        return " › ".join(labels[-diepte:])

    def paden_met(self, merk: str) -> list[str]:
        """The paths carrying a privacy mark (PGN, GEHEIM_ADRES, GEHEIM_NUMMER)."""
        return [k.pad for k in self.knopen.values() if merk in k.element.privacy]
