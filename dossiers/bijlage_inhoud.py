"""What an attachment says: its text, for the check that an SWV dossier holds no BSN or
onderwijsnummer anywhere (issue 11: a PDF with compressed text and a DOCX went through).

:func:`tekst_van` extracts the text of a PDF (pypdf: the pages and the document information),
a DOCX or ODT (the package's XML parts, read with the project's safe parser), a TXT, and the
metadata of a JPG or PNG (EXIF/XMP/text chunks: the readable strings of the file). Anything else
cannot be inspected and returns None: an SWV dossier refuses such a file.

:func:`nummers_in` finds the pupil's own number (digits with or without separators) and any
9-digit number that passes the BSN or onderwijsnummer check.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
import zlib

from core.uploads import soort_van
from core.validators import looks_like_pgn

from .xmlsafe import OngeldigeXml, veilig_parsen

logger = logging.getLogger(__name__)

MAX_PAGINAS = 500
MAX_TEKST = 20 * 1024 * 1024
_NEGEN_CIJFERS = re.compile(r"(?<![0-9])[0-9](?:[ .\-]?[0-9]){8}(?![0-9])")
_LEESBAAR = re.compile(rb"[\x20-\x7e]{4,}")
_LEESBAAR_UTF16 = re.compile(rb"(?:[\x20-\x7e]\x00){4,}")


def _xml_tekst(data: bytes) -> str:
    """The text of one XML part, paragraph by paragraph (runs of one paragraph are joined, so a
    number split over runs is found)."""
    try:
        root = veilig_parsen(data, max_grootte=MAX_TEKST, max_diepte=200, onderwerp="De bijlage")
    except OngeldigeXml:
        return ""
    delen: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        naam = el.tag.rsplit("}", 1)[-1]
        if naam in {"p", "h", "tab", "br", "cr", "tc"}:
            delen.append("\n")
        if el.text:
            delen.append(el.text)
        if el.tail and el.getparent() is not None:
            delen.append(el.tail)
    attributen = " ".join(
        v for el in root.iter() if isinstance(el.tag, str) for v in el.attrib.values()
    )
    return "".join(delen) + "\n" + attributen


def _pakket_tekst(data: bytes, voorvoegsels: tuple[str, ...]) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as pakket:
            delen = []
            totaal = 0
            for info in pakket.infolist():
                if not info.filename.endswith(".xml") and info.filename not in {"mimetype"}:
                    continue
                if not info.filename.startswith(voorvoegsels):
                    continue
                totaal += info.file_size
                if totaal > MAX_TEKST:  # a zip bomb is not inspected: refused
                    return None
                delen.append(_xml_tekst(pakket.read(info)))
            return "\n".join(delen)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return None


def _pdf_tekst(data: bytes) -> str | None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        lezer = PdfReader(io.BytesIO(data))
        if lezer.is_encrypted:
            return None  # cannot be read, so cannot be checked
        delen = [str(v) for v in (lezer.metadata or {}).values()]
        for i, pagina in enumerate(lezer.pages):
            if i >= MAX_PAGINAS:
                return None
            delen.append(pagina.extract_text() or "")
        return "\n".join(delen)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError, zlib.error):
        logger.info("PDF-bijlage niet leesbaar")
        return None


def _afbeelding_tekst(data: bytes) -> str:
    """The readable strings of an image (EXIF, XMP, PNG text chunks), compressed PNG text
    chunks unpacked."""
    delen = [m.decode("ascii") for m in _LEESBAAR.findall(data)]
    delen += [m.decode("utf-16-le") for m in _LEESBAAR_UTF16.findall(data)]
    positie = 8
    while data.startswith(b"\x89PNG") and positie + 8 <= len(data):
        lengte = int.from_bytes(data[positie : positie + 4], "big")
        soort = data[positie + 4 : positie + 8]
        inhoud = data[positie + 8 : positie + 8 + lengte]
        if soort in (b"zTXt", b"iTXt"):
            try:
                start = inhoud.index(b"\x00") + (2 if soort == b"zTXt" else 3)
                delen.append(
                    zlib.decompressobj().decompress(inhoud[start:], MAX_TEKST).decode("latin-1")
                )
            except (ValueError, zlib.error):
                pass
        positie += 12 + lengte
    return "\n".join(delen)


def tekst_van(bestandsnaam: str, inhoud: bytes) -> str | None:
    """The text of an attachment, or None when it cannot be inspected."""
    soort = soort_van(inhoud, bestandsnaam)
    if soort is None:
        return None
    if soort.code == "txt":
        return inhoud.decode("utf-8", errors="replace")
    if soort.code == "pdf":
        return _pdf_tekst(inhoud)
    if soort.code == "docx":
        return _pakket_tekst(inhoud, ("word/", "docProps/", "customXml/"))
    if soort.code == "odt":
        return _pakket_tekst(inhoud, ("content.xml", "styles.xml", "meta.xml"))
    if soort.code in {"jpg", "png"}:
        return _afbeelding_tekst(inhoud)
    return None  # DOC, XLS(X), PPT(X), ODS, ODP: not inspected, so not sent to an SWV


def nummers_in(tekst: str, pgn: str | None) -> bool:
    """Does ``tekst`` hold the pupil's number, or any BSN- or onderwijsnummer-shaped number?"""
    if pgn:
        from .verzamelen import _pgn_patroon  # the collector's one rule

        if re.search(_pgn_patroon(pgn), tekst):
            return True
    for gevonden in _NEGEN_CIJFERS.finditer(tekst):
        if looks_like_pgn(re.sub(r"[ .\-]", "", gevonden.group(0))):
            return True
    return False
