"""Uploaded files: the type is decided by the server from the content, never from the name or
the browser's Content-Type.

:func:`soort_van` reads the file's signature (``filetype``) and, for the ZIP-based office
formats, the package's own table of contents; a text file is text when it decodes as UTF-8
without control characters. :func:`controleer_upload` checks a file against the allow list of its
use (:data:`GEBRUIK`) and the size limit, with Dutch messages that name the file and the limit.
The server-decided MIME type is what is stored (``MapItem.mime_type``) and served.

The size of a whole request is capped before its body is read by
:class:`core.middleware.MaxVerzoekGrootteMiddleware` (``OSO_MAX_VERZOEK_BYTES``); in production
the reverse proxy caps it as well.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Soort:
    code: str  # the usual extension
    mime: str
    label: str
    extensies: tuple[str, ...]


SOORTEN: dict[str, Soort] = {
    s.code: s
    for s in (
        Soort("pdf", "application/pdf", "PDF", ("pdf",)),
        Soort("jpg", "image/jpeg", "JPG-afbeelding", ("jpg", "jpeg")),
        Soort("png", "image/png", "PNG-afbeelding", ("png",)),
        Soort("doc", "application/msword", "Word-document (DOC)", ("doc",)),
        Soort(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word-document (DOCX)",
            ("docx",),
        ),
        Soort("odt", "application/vnd.oasis.opendocument.text", "ODF-tekst (ODT)", ("odt",)),
        Soort(
            "ods",
            "application/vnd.oasis.opendocument.spreadsheet",
            "ODF-rekenblad (ODS)",
            ("ods",),
        ),
        Soort(
            "odp",
            "application/vnd.oasis.opendocument.presentation",
            "ODF-presentatie (ODP)",
            ("odp",),
        ),
        Soort("xls", "application/vnd.ms-excel", "Excel-werkblad (XLS)", ("xls",)),
        Soort(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel-werkblad (XLSX)",
            ("xlsx",),
        ),
        Soort("ppt", "application/vnd.ms-powerpoint", "PowerPoint (PPT)", ("ppt",)),
        Soort(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PowerPoint (PPTX)",
            ("pptx",),
        ),
        Soort("txt", "text/plain", "tekstbestand (TXT)", ("txt",)),
    )
}
MIME_TYPES = frozenset(s.mime for s in SOORTEN.values())

# The allow list per use. The standard allows PDF, JPG, PNG, DOC(X), ODF, XLS(X), TXT, PPT(X) in
# the leerlingmap and an overstapdossier; a Toelichting onderwijsbehoeften is a document; an SWV
# dossier only takes what can be searched for a BSN (see zorgvraag: formats that cannot be
# inspected are refused there).
ALLES = frozenset(SOORTEN)
GEBRUIK: dict[str, frozenset[str]] = {
    "map": ALLES,
    "bijlage": ALLES,
    "toelichting": frozenset({"pdf", "doc", "docx", "odt", "txt"}),
    "swv": frozenset({"pdf", "docx", "odt", "txt", "jpg", "png"}),
    "swv-toelichting": frozenset({"pdf", "docx", "odt", "txt"}),
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # DOC, XLS, PPT: told apart only by their name
_OOXML = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
_ODF = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
_KOP = 8192


def _lees(bestand) -> bytes:
    """The whole content of an uploaded file, a path-less file object or bytes."""
    if isinstance(bestand, bytes | bytearray | memoryview):
        return bytes(bestand)
    positie = bestand.tell() if hasattr(bestand, "tell") else None
    try:
        bestand.seek(0)
        return bestand.read()
    finally:
        if positie is not None:
            bestand.seek(positie)


def _zip_soort(data: bytes) -> str | None:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as pakket:
            namen = pakket.namelist()
            if "mimetype" in namen:
                info = pakket.getinfo("mimetype")
                if info.file_size < 200:
                    return _ODF.get(pakket.read("mimetype").decode("ascii", "replace").strip())
            if "[Content_Types].xml" in namen:
                for voorvoegsel, code in _OOXML.items():
                    if any(n.startswith(voorvoegsel) for n in namen):
                        return code
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return None
    return None


def _is_tekst(data: bytes) -> bool:
    try:
        tekst = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 32 and c not in "\t\r\n\f" for c in tekst)


def soort_van(bestand, naam: str = "") -> Soort | None:
    """The type of the content (None: not one we know). ``naam`` only tells DOC, XLS and PPT
    apart, which share one container format."""
    data = _lees(bestand)
    kop = data[:_KOP]
    if kop.startswith(b"%PDF-"):
        return SOORTEN["pdf"]
    if kop.startswith(b"PK\x03\x04"):
        code = _zip_soort(data)
        return SOORTEN[code] if code else None
    if kop.startswith(_OLE2):
        extensie = PurePath(naam).suffix.lower().lstrip(".")
        return SOORTEN.get(extensie) if extensie in {"doc", "xls", "ppt"} else SOORTEN["doc"]
    gevonden = filetype.guess(kop)
    if gevonden is not None:
        if gevonden.extension == "jpg":
            return SOORTEN["jpg"]
        if gevonden.extension == "png":
            return SOORTEN["png"]
        return None  # an executable, an archive, a video ...: known, and not allowed
    if _is_tekst(data):
        return SOORTEN["txt"]
    return None


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.1f}".replace(".0", "").replace(".", ",")


def max_bytes() -> int:
    return int(settings.OSO_MAX_DOCUMENT_SIZE)


def namen(codes) -> str:
    labels = [SOORTEN[c].label for c in SOORTEN if c in codes]
    return ", ".join(labels[:-1]) + " of " + labels[-1] if len(labels) > 1 else labels[0]


def controleer_upload(bestand, gebruik: str) -> Soort:
    """The server-decided type of ``bestand`` for ``gebruik`` (a key of :data:`GEBRUIK`);
    :class:`ValidationError` with a Dutch message naming the file and the limit otherwise."""
    naam = getattr(bestand, "name", "") or "het bestand"
    naam_kort = PurePath(naam).name[:80]
    limiet = max_bytes()
    grootte = getattr(bestand, "size", None)
    if grootte is None:
        grootte = len(_lees(bestand))
    if grootte > limiet:
        raise ValidationError(
            f"Het bestand '{naam_kort}' is te groot ({_mb(grootte)} MB); de grens is "
            f"{_mb(limiet)} MB.",
            code="te_groot",
        )
    toegestaan = GEBRUIK[gebruik]
    soort = soort_van(bestand, naam)
    if soort is None or soort.code not in toegestaan:
        wat = f"een {soort.label}" if soort else "geen bestandstype dat hier mee kan"
        raise ValidationError(
            f"Het bestand '{naam_kort}' is {wat} (gekeken naar de inhoud, niet naar de naam). "
            f"Kies een {namen(toegestaan)}.",
            code="soort",
        )
    extensie = PurePath(naam).suffix.lower().lstrip(".")
    if extensie and extensie not in soort.extensies:
        raise ValidationError(
            f"Het bestand '{naam_kort}' heet .{extensie[:10]}, maar is een {soort.label}. "
            "Geef het de juiste naam of kies een ander bestand.",
            code="naam",
        )
    return soort


def mime_van(bestand) -> str:
    """The MIME type to store for an uploaded file: decided from its content."""
    soort = soort_van(bestand, getattr(bestand, "name", ""))
    return soort.mime if soort else "application/octet-stream"


def veilig_mime(opgeslagen: str) -> str:
    """The Content-Type to serve a stored file with: only a type the server decided."""
    return opgeslagen if opgeslagen in MIME_TYPES else "application/octet-stream"
