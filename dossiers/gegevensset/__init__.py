"""The OSO gegevensset as one declarative description, and what is derived from it.

- :data:`HUIDIG`: the description of the version we write (2019.1, :mod:`.v2019_1`); every
  element's path, order, type, cardinality, code list, block, label, privacy marks and snapshot
  field. :data:`GEGEVENSSETS` holds every version we know, keyed by version and by namespace, so
  that a second description (2024.1) can sit beside it later.
- :func:`structuur_fouten`: our structural check, a schema generated from the description and
  compiled by lxml; it needs no external file.
- :func:`versie_fout`: the Dutch message for a dossier of another version or namespace.

Code list numbers come from ``leerlingen.codelijsten.CODELIJST_PER_ELEMENT`` (path -> number).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache

from lxml import etree

from . import v2019_1
from .meldingen import bericht
from .model import GEHEIM_ADRES, GEHEIM_NUMMER, PGN, Gegevensset, Knoop


def _codelijsten() -> dict[str, int]:
    try:
        from leerlingen import codelijsten
    except ImportError:  # pragma: no cover - outside Django
        return {}
    return dict(getattr(codelijsten, "CODELIJST_PER_ELEMENT", {}) or {})


@cache
def _alle() -> dict[str, Gegevensset]:
    return {v2019_1.VERSIE: v2019_1.gegevensset(_codelijsten())}


class _Versies(Mapping[str, Gegevensset]):
    """GEGEVENSSETS: version -> description, built on first use (the code lists are read then)."""

    def __getitem__(self, versie: str) -> Gegevensset:
        return _alle()[versie]

    def __iter__(self) -> Iterator[str]:
        return iter(_alle())

    def __len__(self) -> int:
        return len(_alle())


GEGEVENSSETS: Mapping[str, Gegevensset] = _Versies()
VERSIE = v2019_1.VERSIE  # the version this installation writes
NAMESPACE = v2019_1.NAMESPACE


def huidig() -> Gegevensset:
    """The description of the version we write and read (2019.1)."""
    return GEGEVENSSETS[VERSIE]


def bij_namespace(namespace: str | None) -> Gegevensset | None:
    return next((g for g in GEGEVENSSETS.values() if g.namespace == namespace), None)


_JAAR_IN_NAMESPACE = re.compile(r"oso_gegevensset/(\d{4})/")


def _gemelde_versie(root: etree._Element) -> str:
    """The version a dossier declares: metadata/standaardversie in any namespace, else the
    year in its namespace."""
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname == "standaardversie":
            tekst = (element.text or "").strip()
            if tekst:
                return tekst
    namespace = etree.QName(root).namespace or ""
    jaar = _JAAR_IN_NAMESPACE.search(namespace)
    return f"{jaar.group(1)}.x" if jaar else "onbekend"


def versie_fout(root: etree._Element) -> str | None:
    """A Dutch message when the dossier is of a version or namespace we do not read; None when
    it is ours or not an OSO gegevensset namespace at all (the parser refuses that itself)."""
    namespace = etree.QName(root).namespace if isinstance(root.tag, str) else None
    beschrijving = bij_namespace(namespace)
    ons = huidig()
    if beschrijving is None:
        if not _JAAR_IN_NAMESPACE.search(namespace or ""):
            return None  # not an OSO gegevensset at all: the parser says so
        gemeld = _gemelde_versie(root)
        return (
            f"Dit dossier is van een andere versie van de OSO-gegevensset ({gemeld}, namespace "
            f"'{namespace or 'geen'}') dan deze installatie leest (versie {ons.versie}, "
            f"namespace '{ons.namespace}'). Het dossier is niet verwerkt en er is niets "
            "opgeslagen; vraag de school van herkomst het dossier in versie "
            f"{ons.versie} te sturen."
        )
    md = root.find(f"{{{beschrijving.namespace}}}metadata")
    gemeld = md.findtext(f"{{{beschrijving.namespace}}}standaardversie") if md is not None else None
    gemeld = (gemeld or "").strip()
    if gemeld and gemeld != beschrijving.versie:
        return (
            f"Dit dossier noemt zich versie {gemeld} van de OSO-gegevensset, maar deze "
            f"installatie leest versie {beschrijving.versie} (namespace "
            f"'{beschrijving.namespace}'). Het dossier is niet verwerkt en er is niets "
            "opgeslagen; vraag de school van herkomst het dossier in versie "
            f"{beschrijving.versie} te sturen."
        )
    return None


def structuur_fouten(
    tree_or_bytes: etree._ElementTree | etree._Element | bytes,
    gegevensset: Gegevensset | None = None,
) -> list[str]:
    """Dutch messages for everything in the dossier that does not conform to the structure of
    the description (element order, cardinality, types, lengths, patterns). Needs no external
    file. Bytes are parsed safely first; an empty list means: valid."""
    from ..xmlsafe import parse_dossier
    from .schema import schema

    if isinstance(tree_or_bytes, bytes | bytearray | memoryview):
        tree_or_bytes = parse_dossier(bytes(tree_or_bytes))
    xsd = schema(gegevensset or huidig())
    if xsd.validate(tree_or_bytes):
        return []
    return [bericht(fout) for fout in xsd.error_log]


def knoop(pad: str) -> Knoop:
    return huidig().knoop(pad)


def label(pad: str) -> str:
    """The Dutch label of an element path of the current description."""
    return huidig().label(pad)


__all__ = [
    "GEGEVENSSETS",
    "GEHEIM_ADRES",
    "GEHEIM_NUMMER",
    "NAMESPACE",
    "PGN",
    "VERSIE",
    "Gegevensset",
    "Knoop",
    "bij_namespace",
    "huidig",
    "knoop",
    "label",
    "structuur_fouten",
    "versie_fout",
]
