"""Validation of a dossier against the official XSD of the OSO gegevensset 2019.1.

The schema is not part of this repository: it is read from ``settings.OSO_STANDARD_DIR``
(the directory of the standard, containing ``OSO_gegevensset.xsd``), parsed once per thread and
kept. Messages are Dutch: "Regel 12: element 'voornaam': ...", with libxml2's explanation
translated where we know the phrase and kept as it is otherwise.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from lxml import etree

from .xmlsafe import OSO_NAMESPACE, parse_dossier

XSD_BESTAND = "OSO_gegevensset.xsd"


class StandaardNietGevonden(Exception):  # noqa: N818 - the domain's own word
    """The official XSD cannot be found; ``str(error)`` says what to set."""


_per_thread = threading.local()  # an XMLSchema keeps its error log: one per thread


def xsd_pad() -> Path:
    """The path of the XSD, from ``settings.OSO_STANDARD_DIR``."""
    basis = getattr(settings, "OSO_STANDARD_DIR", "") or ""
    if not str(basis).strip():
        raise StandaardNietGevonden(
            "De instelling OSO_STANDARD_DIR is leeg: zet haar op de map met de officiële "
            f"bestanden van de OSO-standaard 2019.1 (met {XSD_BESTAND})."
        )
    pad = Path(basis) / XSD_BESTAND
    if not pad.is_file():
        raise StandaardNietGevonden(
            f"Het XSD-bestand {XSD_BESTAND} staat niet in OSO_STANDARD_DIR ({basis})."
        )
    return pad


def schema() -> etree.XMLSchema:
    """The compiled OSO schema (cached per thread and per file)."""
    pad = str(xsd_pad().resolve())
    cache: dict[str, etree.XMLSchema] = getattr(_per_thread, "schemas", None) or {}
    _per_thread.schemas = cache
    if pad not in cache:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            cache[pad] = etree.XMLSchema(etree.parse(pad, parser))
        except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as error:
            raise StandaardNietGevonden(
                f"Het XSD-bestand {pad} kan niet worden gelezen: {error}"
            ) from None
    return cache[pad]


def xsd_fouten(tree_or_bytes: etree._ElementTree | etree._Element | bytes) -> list[str]:
    """Dutch messages for everything in the dossier that does not conform to the XSD.

    Bytes are first parsed with :func:`dossiers.xmlsafe.parse_dossier`, which raises
    :class:`~dossiers.xmlsafe.OngeldigeXml` for data that is not an acceptable dossier at all.
    An empty list means: valid.
    """
    xsd = schema()  # first: a missing standard is reported as such, whatever the input
    if isinstance(tree_or_bytes, bytes | bytearray | memoryview):
        tree_or_bytes = parse_dossier(bytes(tree_or_bytes))
    if xsd.validate(tree_or_bytes):
        return []
    return [_bericht(fout) for fout in xsd.error_log]


_NAMESPACE = re.compile(r"\{[^}]*\}")
_GRENS = {"minLength": "minimaal", "maxLength": "maximaal", "length": "precies"}


def _lengte(match: re.Match[str]) -> str:
    element, facet, waarde, lengte, grens = match.groups()
    return (
        f"element '{element}': de waarde '{waarde or ''}' is {lengte} tekens lang, "
        f"toegestaan is {_GRENS[facet]} {grens}."
    )


_VERTALINGEN: tuple[tuple[re.Pattern[str], Any], ...] = tuple(
    (re.compile(patroon), vervanging)
    for patroon, vervanging in (
        (
            r"^Element '([^']+)': This element is not expected\. Expected is one of \( (.+) \)\.$",
            r"element '\1' wordt hier niet verwacht; verwacht is een van: \2.",
        ),
        (
            r"^Element '([^']+)': This element is not expected\. Expected is \( (.+) \)\.$",
            r"element '\1' wordt hier niet verwacht; verwacht is: \2.",
        ),
        (
            r"^Element '([^']+)': This element is not expected\.$",
            r"element '\1' wordt hier niet verwacht.",
        ),
        (
            r"^Element '([^']+)': Missing child element\(s\)\. Expected is one of \( (.+) \)\.$",
            r"bij element '\1' ontbreekt een verplicht element; verwacht is een van: \2.",
        ),
        (
            r"^Element '([^']+)': Missing child element\(s\)\. Expected is \( (.+) \)\.$",
            r"bij element '\1' ontbreekt het verplichte element: \2.",
        ),
        (
            r"^Element '([^']+)': \[facet 'pattern'\] The value '(.*)' is not accepted by the "
            r"pattern '(.*)'\.$",
            r"element '\1': de waarde '\2' heeft niet de juiste vorm (patroon \3).",
        ),
        (
            r"^Element '([^']+)': \[facet '(minLength|maxLength|length)'\] The value (?:'(.*)' )?"
            r"has a length of '(\d+)'; this .* length of '(\d+)'\.$",
            _lengte,
        ),
        (
            r"^Element '([^']+)': \[facet 'enumeration'\] The value '(.*)' is not an element of "
            r"the set \{(.*)\}\.$",
            r"element '\1': de waarde '\2' is niet toegestaan; toegestaan zijn: \3.",
        ),
        (
            r"^Element '([^']+)': '(.*)' is not a valid value of the atomic type '([^']+)'\.$",
            r"element '\1': '\2' is geen geldige waarde van het type '\3'.",
        ),
        (
            r"^Element '([^']+)': '(.*)' is not a valid value of the local atomic type\.$",
            r"element '\1': '\2' is geen geldige waarde.",
        ),
        (
            r"^Element '([^']+)': No matching global declaration available for the validation "
            r"root\.$",
            r"het hoofdelement '\1' is geen element van de OSO-gegevensset.",
        ),
        (
            r"^Element '([^']+)': Character content other than whitespace is not allowed because "
            r"the content type is 'element-only'\.$",
            r"element '\1' mag geen tekst bevatten, alleen andere elementen.",
        ),
        (
            r"^Element '([^']+)', attribute '([^']+)': The attribute '[^']+' is not allowed\.$",
            r"element '\1': attribuut '\2' is niet toegestaan.",
        ),
    )
)


def _bericht(fout: etree._LogEntry) -> str:
    tekst = _NAMESPACE.sub("", (fout.message or "").strip())
    for patroon, vervanging in _VERTALINGEN:
        if patroon.match(tekst):
            tekst = patroon.sub(vervanging, tekst)
            break
    return f"Regel {fout.line}: {tekst}"


__all__ = ["OSO_NAMESPACE", "StandaardNietGevonden", "schema", "xsd_fouten", "xsd_pad"]
