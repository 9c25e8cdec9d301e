"""Our structural check: an XML Schema generated from a description, compiled by lxml.

The schema is written from the table (:mod:`.v2019_1`), not copied from anywhere: one global
element ``dossier``, every other element declared in place with its cardinality, choices as
``xs:choice``, and one named simple type per :class:`~.model.Type` with its facets. It is
built and compiled once per thread (an ``XMLSchema`` keeps its error log) and per version.
"""

from __future__ import annotations

import threading

from lxml import etree

from .model import Element, Gegevensset, Keuze, Reeks, Type

XS = "http://www.w3.org/2001/XMLSchema"
_X = f"{{{XS}}}"

_per_thread = threading.local()


def _occurs(node: etree._Element, min_: int, max_: int | None) -> None:
    if min_ != 1:
        node.set("minOccurs", str(min_))
    if max_ != 1:
        node.set("maxOccurs", "unbounded" if max_ is None else str(max_))


def _typen(set_: Gegevensset) -> dict[str, Type]:
    result: dict[str, Type] = {}

    def loop(element: Element) -> None:
        for a in element.attributen:
            if a.type.naam:
                result.setdefault(a.type.naam, a.type)
        if isinstance(element.type, Type):
            if element.type.naam:
                bestaand = result.setdefault(element.type.naam, element.type)
                if bestaand != element.type:  # pragma: no cover - a wiring error in the table
                    raise RuntimeError(f"twee verschillende typen heten {element.type.naam}")
        else:
            for kind in element.type.elementen():
                loop(kind)

    loop(set_.wortel)
    return result


def _simpel(schema: etree._Element, t: Type) -> None:
    st = etree.SubElement(schema, _X + "simpleType", name=t.naam)
    r = etree.SubElement(st, _X + "restriction", base=f"xs:{t.basis}")
    for facet, waarde in (
        ("minLength", t.min_lengte),
        ("maxLength", t.max_lengte),
        ("minInclusive", t.min_waarde),
        ("maxInclusive", t.max_waarde),
        ("pattern", t.patroon),
    ):
        if waarde is not None:
            etree.SubElement(r, _X + facet, value=str(waarde))
    for w in t.waarden:
        etree.SubElement(r, _X + "enumeration", value=w)


def _typenaam(t: Type) -> str:
    """A type without facets is the built-in XSD type itself."""
    return f"oso:{t.naam}" if t.naam else f"xs:{t.basis}"


def _element(ouder: etree._Element, e: Element, min_: int | None = None) -> None:
    node = etree.SubElement(ouder, _X + "element", name=e.naam)
    _occurs(node, e.min if min_ is None else min_, e.max)
    if isinstance(e.type, Type):
        if not e.attributen:
            node.set("type", _typenaam(e.type))
            return
        ct = etree.SubElement(node, _X + "complexType")
        ext = etree.SubElement(
            etree.SubElement(ct, _X + "simpleContent"), _X + "extension", base=_typenaam(e.type)
        )
        for a in e.attributen:
            etree.SubElement(
                ext,
                _X + "attribute",
                name=a.naam,
                type=_typenaam(a.type),
                use="required" if a.verplicht else "optional",
            )
        return
    ct = etree.SubElement(node, _X + "complexType")
    _reeks(ct, e.type)


def _reeks(ouder: etree._Element, r: Reeks) -> None:
    seq = etree.SubElement(ouder, _X + "sequence")
    if ouder.tag == _X + "choice" or ouder.tag == _X + "sequence":
        _occurs(seq, r.min, r.max)
    for deel in r.inhoud:
        if isinstance(deel, Element):
            _element(seq, deel)
        elif isinstance(deel, Reeks):
            _reeks(seq, deel)
        else:
            _keuze(seq, deel)


def _keuze(ouder: etree._Element, k: Keuze) -> None:
    ch = etree.SubElement(ouder, _X + "choice")
    _occurs(ch, k.min, k.max)
    for optie in k.opties:
        if isinstance(optie, Element):
            _element(ch, optie)
        else:
            _reeks(ch, optie)


def schema_document(set_: Gegevensset) -> etree._Element:
    """The generated XML Schema of a description, as an element tree."""
    schema = etree.Element(
        _X + "schema",
        nsmap={"xs": XS, "oso": set_.namespace},
        targetNamespace=set_.namespace,
        elementFormDefault="qualified",
        attributeFormDefault="unqualified",
    )
    _element(schema, set_.wortel)
    for t in _typen(set_).values():
        _simpel(schema, t)
    # a global element cannot carry minOccurs/maxOccurs
    for attr in ("minOccurs", "maxOccurs"):
        schema[0].attrib.pop(attr, None)
    return schema


def schema(set_: Gegevensset) -> etree.XMLSchema:
    """The compiled structural check of a description (cached per thread and version)."""
    cache: dict[str, etree.XMLSchema] = getattr(_per_thread, "schemas", None) or {}
    _per_thread.schemas = cache
    if set_.versie not in cache:
        cache[set_.versie] = etree.XMLSchema(schema_document(set_))
    return cache[set_.versie]
