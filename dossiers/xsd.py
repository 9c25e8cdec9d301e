"""Structural validation of a dossier: our own check always, the official XSD in addition.

Our structural check (:func:`dossiers.gegevensset.structuur_fouten`) is generated from the
description of the gegevensset and needs no external file, so collecting, klaarzetten, serving,
importing and the zorgvraag work on a fresh machine. When ``settings.OSO_STANDARD_DIR`` points at
the official files (``OSO_gegevensset.xsd``), that schema runs as well (parsed once per thread
and kept); a set but wrong directory is an error (:class:`StandaardNietGevonden`). Messages are
Dutch: "Regel 12: element 'voornaam': ..." (:mod:`dossiers.gegevensset.meldingen`).
"""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings
from lxml import etree

from .gegevensset import structuur_fouten
from .gegevensset.meldingen import bericht
from .xmlsafe import OSO_NAMESPACE, parse_dossier

XSD_BESTAND = "OSO_gegevensset.xsd"


class StandaardNietGevonden(Exception):  # noqa: N818 - the domain's own word
    """The official XSD cannot be found; ``str(error)`` says what to set."""


_per_thread = threading.local()  # an XMLSchema keeps its error log: one per thread


def xsd_pad() -> Path:
    """The path of the official XSD, from ``settings.OSO_STANDARD_DIR``."""
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
    """The compiled official OSO schema (cached per thread and per file)."""
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


def officieel_ingesteld() -> bool:
    """Whether OSO_STANDARD_DIR names the official files (empty: none, our check only)."""
    return bool(str(getattr(settings, "OSO_STANDARD_DIR", "") or "").strip())


def xsd_fouten(tree_or_bytes: etree._ElementTree | etree._Element | bytes) -> list[str]:
    """Dutch messages for everything in the dossier that does not conform to the structure of
    the gegevensset: our own structural check, plus the official XSD when OSO_STANDARD_DIR is
    set (a message both report is listed once).

    Bytes are first parsed with :func:`dossiers.xmlsafe.parse_dossier`, which raises
    :class:`~dossiers.xmlsafe.OngeldigeXml` for data that is not an acceptable dossier at all.
    An empty list means: valid.
    """
    officieel = schema() if officieel_ingesteld() else None  # a wrong directory: said first
    if isinstance(tree_or_bytes, bytes | bytearray | memoryview):
        tree_or_bytes = parse_dossier(bytes(tree_or_bytes))
    fouten = structuur_fouten(tree_or_bytes)
    if officieel is not None and not officieel.validate(tree_or_bytes):
        fouten += [bericht(fout) for fout in officieel.error_log]
    return list(dict.fromkeys(fouten))


__all__ = [
    "OSO_NAMESPACE",
    "StandaardNietGevonden",
    "officieel_ingesteld",
    "schema",
    "xsd_fouten",
    "xsd_pad",
]
