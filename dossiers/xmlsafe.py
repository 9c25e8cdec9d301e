"""Safe parsing of XML that comes from outside: the one parse function of the project.

Every XML that another party sends us (a dossier at import, a SOAP envelope at the endpoint and
in the client, a dossier the reference SWV pulls) goes through :func:`veilig_parsen`; the
dossier-shaped :func:`parse_dossier` and ``trafficcenter_client.berichten.lees`` are thin
wrappers around it. It trusts nothing:

- no input larger than a maximum (``settings.OSO_MAX_DOSSIER_BYTES``, 50 MB, for a dossier);
- only UTF-8 and UTF-16 (the encodings XML parsers must know), so that the check below sees the
  markup as it is; UTF-7, UTF-32, EBCDIC, Latin-1 ... are refused;
- no DOCTYPE or ENTITY declaration **anywhere** in the input (a DOCTYPE behind a long comment
  used to slip past a check of the first 64 KB): that closes entity expansion ("billion laughs")
  and external entities (XXE) at the door, before the parser sees a byte. The parser itself does
  not resolve entities, load a DTD or touch the network, and a DOCTYPE that got past the first
  check anyway is refused before the first element is used;
- the input is streamed and refused beyond a maximum depth, a maximum number of elements and a
  maximum parse time;
- for dossiers the root must be ``dossier`` in the namespace of the OSO gegevensset 2019, and a
  dossier of another version (namespace or ``metadata/standaardversie``) is refused with a
  message naming both versions (:func:`dossiers.gegevensset.versie_fout`).

Every refusal is an :class:`OngeldigeXml` with a Dutch message that can be shown to the user and
a machine ``code``. Messages never repeat content of the input.
"""

from __future__ import annotations

import codecs
import re
import time

from lxml import etree

OSO_NAMESPACE = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"
DOSSIER_TAG = f"{{{OSO_NAMESPACE}}}dossier"
MAX_BYTES_STANDAARD = 50 * 1024 * 1024
# The deepest path of the 2019.1 gegevensset is about a dozen levels; room is left.
MAX_DIEPTE_DOSSIER = 40
MAX_ELEMENTEN_DOSSIER = 1_000_000
# Parsing 50 MB of plain XML takes well under a second; anything near this is an attack.
MAX_SECONDEN = 10.0

_BLOK = 256 * 1024
_VERBODEN_BYTES = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_VERBODEN_TEKST = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARATIE_CODERING = re.compile(r"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_UTF8_NAMEN = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})
_UTF16_NAMEN = frozenset({"utf-16", "utf-16le", "utf-16be"})


class OngeldigeXml(Exception):  # noqa: N818 - the domain's own word
    """The data is not acceptable XML; ``str(error)`` is a Dutch message, ``code`` a short
    machine word (``doctype``, ``codering``, ``te-groot``, ``te-diep``, ...)."""

    def __init__(self, melding: str, code: str = "ongeldig") -> None:
        super().__init__(melding)
        self.code = code


def max_bytes() -> int:
    """The configured maximum size of a dossier in bytes."""
    try:
        from django.conf import settings

        return int(getattr(settings, "OSO_MAX_DOSSIER_BYTES", MAX_BYTES_STANDAARD))
    except Exception:  # settings not configured: pure-Python use
        return MAX_BYTES_STANDAARD


def _parser() -> etree.XMLPullParser:
    # a new parser per call: lxml parsers must not be used by two threads at once
    return etree.XMLPullParser(
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        # one Base64 document may exceed libxml2's 10 MB limit on a text node; the size, depth
        # and element limits below bound the input instead
        huge_tree=True,
        recover=False,
        collect_ids=False,
        remove_comments=True,
        remove_pis=True,
    )


def codering(data: bytes, onderwerp: str = "Het dossier") -> str:
    """'utf-8' or a UTF-16 codec; anything else is refused, so that no encoding can hide
    markup from the DOCTYPE check."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or data[:4] in (
        b"<\x00\x00\x00",
        b"\x00\x00\x00<",
    ):
        codec, begin = "utf-32", b""
    elif data.startswith(codecs.BOM_UTF16_LE) or data[:2] == b"<\x00":
        codec, begin = "utf-16-le", codecs.BOM_UTF16_LE
    elif data.startswith(codecs.BOM_UTF16_BE) or data[:2] == b"\x00<":
        codec, begin = "utf-16-be", codecs.BOM_UTF16_BE
    else:
        codec, begin = "utf-8", codecs.BOM_UTF8
    if codec != "utf-32":
        kop = data[len(begin) :] if data.startswith(begin) else data
        kop_tekst = kop[:2048].decode(codec, errors="replace")
        declaratie = _DECLARATIE_CODERING.match(kop_tekst)
        namen = _UTF8_NAMEN if codec == "utf-8" else _UTF16_NAMEN
        if kop_tekst.lstrip(" \t\r\n").startswith("<") and (
            declaratie is None or declaratie.group(1).lower() in namen
        ):
            return codec
    raise OngeldigeXml(
        f"{onderwerp} is niet in UTF-8 of UTF-16 gecodeerd; andere coderingen worden geweigerd.",
        "codering",
    )


def _doctype_fout(onderwerp: str) -> OngeldigeXml:
    return OngeldigeXml(
        f"{onderwerp} bevat een DOCTYPE- of ENTITY-declaratie. Dat is niet toegestaan en wordt "
        "om veiligheidsredenen geweigerd.",
        "doctype",
    )


def weiger_doctype(data: bytes, codec: str, onderwerp: str = "Het dossier") -> None:
    """Refuse a DOCTYPE or ENTITY declaration anywhere in ``data``. In well-formed XML
    "<!DOCTYPE" or "<!ENTITY" can only be a declaration or sit in a comment or CDATA section; no
    OSO document needs either, so the whole input is searched."""
    if codec == "utf-8":
        gevonden = _VERBODEN_BYTES.search(data) is not None
    else:
        gevonden = _VERBODEN_TEKST.search(data.decode(codec, errors="replace")) is not None
    if gevonden:
        raise _doctype_fout(onderwerp)


def _heeft_doctype(element: etree._Element) -> bool:
    docinfo = element.getroottree().docinfo
    return bool(
        docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None
    )


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.1f}".replace(".0", "").replace(".", ",")


def veilig_parsen(
    data: bytes,
    *,
    max_grootte: int,
    max_diepte: int = MAX_DIEPTE_DOSSIER,
    max_elementen: int = MAX_ELEMENTEN_DOSSIER,
    max_seconden: float = MAX_SECONDEN,
    onderwerp: str = "Het dossier",
) -> etree._Element:
    """The root element of ``data``, parsed under every rule of the module docstring; raise
    :class:`OngeldigeXml` when it is refused. ``onderwerp`` starts the Dutch messages."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("veilig_parsen verwacht bytes")
    data = bytes(data)
    if len(data) > max_grootte:
        raise OngeldigeXml(
            f"{onderwerp} is te groot ({_mb(len(data))} MB); de grens is {_mb(max_grootte)} MB.",
            "te-groot",
        )
    if not data.strip():
        raise OngeldigeXml(f"{onderwerp} is leeg.", "leeg")
    codec = codering(data, onderwerp)
    weiger_doctype(data, codec, onderwerp)
    parser = _parser()
    diepte = aantal = 0
    einde = time.monotonic() + max_seconden
    try:
        for begin in range(0, len(data), _BLOK):
            parser.feed(data[begin : begin + _BLOK])
            for gebeurtenis, element in parser.read_events():
                if gebeurtenis == "end":
                    diepte -= 1
                    continue
                if aantal == 0 and _heeft_doctype(element):
                    raise _doctype_fout(onderwerp)
                diepte += 1
                aantal += 1
                if diepte > max_diepte:
                    raise OngeldigeXml(
                        f"{onderwerp} is te diep genest (meer dan {max_diepte} niveaus).",
                        "te-diep",
                    )
                if aantal > max_elementen:
                    raise OngeldigeXml(
                        f"{onderwerp} heeft te veel elementen (meer dan {max_elementen}).",
                        "te-veel-elementen",
                    )
            if time.monotonic() > einde:
                raise OngeldigeXml(
                    f"{onderwerp} kon niet binnen {max_seconden:g} seconden worden gelezen en "
                    "wordt geweigerd.",
                    "te-traag",
                )
        root = parser.close()
    except etree.XMLSyntaxError as fout:
        regel = getattr(fout, "lineno", None)
        waar = f" (regel {regel})" if regel else ""
        tekst = str(fout.msg or fout)
        tekst = tekst if len(tekst) <= 300 else tekst[:299] + "…"
        raise OngeldigeXml(f"{onderwerp} is geen geldige XML{waar}: {tekst}", "geen-xml") from None
    if _heeft_doctype(root):
        raise _doctype_fout(onderwerp)
    return root


def parse_dossier(data: bytes, *, max_grootte: int | None = None) -> etree._ElementTree:
    """Parse an OSO dossier safely; raise :class:`OngeldigeXml` when it is refused."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("parse_dossier verwacht bytes")
    root = veilig_parsen(
        bytes(data), max_grootte=max_bytes() if max_grootte is None else max_grootte
    )
    if isinstance(root.tag, str) and etree.QName(root).localname == "dossier":
        from .gegevensset import versie_fout  # another version or namespace: nothing is read

        if melding := versie_fout(root):
            raise OngeldigeXml(melding, "versie")
    if root.tag != DOSSIER_TAG:
        gevonden = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        namespace = etree.QName(root).namespace if isinstance(root.tag, str) else None
        raise OngeldigeXml(
            "Dit is geen OSO-dossier (versie 2019): het hoofdelement is "
            f"'{gevonden[:80]}' in namespace '{(namespace or 'geen')[:200]}', verwacht is "
            f"'dossier' in namespace '{OSO_NAMESPACE}'.",
            "geen-dossier",
        )
    return root.getroottree()
