"""Safe parsing of OSO dossier XML.

A dossier comes from outside (another school's LAS, an SWV system), so the parser trusts nothing:

- no DOCTYPE at all: that closes entity expansion ("billion laughs") and external entities
  (XXE) at the door; the parser itself is configured not to resolve entities, not to load a
  DTD and not to touch the network, in case a DOCTYPE slips past the first check;
- no input larger than a maximum (``settings.OSO_MAX_DOSSIER_BYTES``, default 50 MB);
- ``huge_tree`` off: libxml2 keeps its limits on depth and on the size of one text node
  (10 MB; a single attachment of more than about 7.5 MB, Base64-encoded, is refused);
- the root must be ``dossier`` in the namespace of the OSO gegevensset 2019, and a dossier of
  another version (namespace or ``metadata/standaardversie``) is refused with a message naming
  both versions (:func:`dossiers.gegevensset.versie_fout`).

Every refusal is an :class:`OngeldigeXml` with a Dutch message that can be shown to the user.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

OSO_NAMESPACE = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"
DOSSIER_TAG = f"{{{OSO_NAMESPACE}}}dossier"
MAX_BYTES_STANDAARD = 50 * 1024 * 1024

# A DOCTYPE must come before the root element, so looking at the start of the document is
# enough; the parsed tree is checked again afterwards.
_KOP_BYTES = 64 * 1024
_VERBODEN_IN_KOP = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# "<?" without a byte order mark, in the wider encodings
_ZONDER_BOM = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)


class OngeldigeXml(Exception):  # noqa: N818 - the domain's own word
    """The data is not an acceptable OSO dossier; ``str(error)`` is a Dutch message."""


def max_bytes() -> int:
    """The configured maximum size of a dossier in bytes."""
    try:
        from django.conf import settings

        return int(getattr(settings, "OSO_MAX_DOSSIER_BYTES", MAX_BYTES_STANDAARD))
    except Exception:  # settings not configured: pure-Python use
        return MAX_BYTES_STANDAARD


def _parser() -> etree.XMLParser:
    # a new parser per call: lxml parsers must not be used by two threads at once
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=False,
        collect_ids=False,
    )


def _kop_als_tekst(data: bytes) -> str:
    kop = data[:_KOP_BYTES]
    for bom, codec in _BOMS:
        if kop.startswith(bom):
            return kop[len(bom) :].decode(codec, errors="replace")
    for start, codec in _ZONDER_BOM:
        if kop.startswith(start):
            return kop.decode(codec, errors="replace")
    # ASCII-compatible encodings (UTF-8, ISO-8859-x, ...): the markup is plain ASCII
    return kop.decode("latin-1")


def _weiger_doctype(data: bytes) -> None:
    if _VERBODEN_IN_KOP.search(_kop_als_tekst(data)):
        raise OngeldigeXml(
            "Het dossier bevat een DOCTYPE- of ENTITY-declaratie. Dat is in een OSO-dossier "
            "niet toegestaan en wordt om veiligheidsredenen geweigerd."
        )


def parse_dossier(data: bytes, *, max_grootte: int | None = None) -> etree._ElementTree:
    """Parse an OSO dossier safely; raise :class:`OngeldigeXml` when it is refused."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("parse_dossier verwacht bytes")
    data = bytes(data)
    limiet = max_bytes() if max_grootte is None else max_grootte
    if len(data) > limiet:
        raise OngeldigeXml(
            f"Het dossier is te groot ({len(data) / 1_048_576:.1f} MB); "
            f"de grens is {limiet / 1_048_576:.0f} MB."
        )
    if not data.strip():
        raise OngeldigeXml("Het dossier is leeg.")
    _weiger_doctype(data)
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise OngeldigeXml(_syntaxfout(error)) from None
    except ValueError as error:  # e.g. a str with an encoding declaration
        raise OngeldigeXml(f"Het dossier is geen leesbare XML: {error}") from None
    tree = root.getroottree()
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise OngeldigeXml(
            "Het dossier bevat een DOCTYPE. Dat is in een OSO-dossier niet toegestaan en wordt "
            "om veiligheidsredenen geweigerd."
        )
    if isinstance(root.tag, str) and etree.QName(root).localname == "dossier":
        from .gegevensset import versie_fout  # another version or namespace: nothing is read

        if melding := versie_fout(root):
            raise OngeldigeXml(melding)
    if root.tag != DOSSIER_TAG:
        gevonden = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        namespace = etree.QName(root).namespace if isinstance(root.tag, str) else None
        raise OngeldigeXml(
            "Dit is geen OSO-dossier (versie 2019): het hoofdelement is "
            f"'{gevonden}' in namespace '{namespace or 'geen'}', verwacht is 'dossier' in "
            f"namespace '{OSO_NAMESPACE}'."
        )
    return tree


def _syntaxfout(error: etree.XMLSyntaxError) -> str:
    tekst = str(error.msg or error)
    if "huge" in tekst.lower():
        return (
            "Het dossier bevat een te groot tekstveld of is te diep genest (bijvoorbeeld een "
            f"bijlage van meer dan ongeveer 7,5 MB); het wordt geweigerd. ({tekst})"
        )
    regel = getattr(error, "lineno", None)
    waar = f" (regel {regel})" if regel else ""
    return f"Het dossier is geen geldige XML{waar}: {tekst}"
