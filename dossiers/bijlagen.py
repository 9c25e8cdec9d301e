"""Attachments inside a dossier: "Base64 gecodeerd ZIP-bestand", as the XSD's bestandsinhoud
says and every official example does: one ZIP per document, holding that one file."""

from __future__ import annotations

import base64
import binascii
import io
import zipfile

from django.utils.translation import gettext as _

# a received ZIP may not expand beyond this (zip bombs), nor hold more than a few members
MAX_UITGEPAKT = 64 * 1024 * 1024
MAX_LEDEN = 20
_VAST_TIJDSTIP = (2019, 1, 1, 0, 0, 0)  # the same file gives the same bytes (stable hashes)


class OngeldigeBijlage(Exception):
    """A received attachment that cannot be read safely."""


def inpakken(bestandsnaam: str, inhoud: bytes) -> str:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archief:
        info = zipfile.ZipInfo(_veilige_naam(bestandsnaam), date_time=_VAST_TIJDSTIP)
        info.compress_type = zipfile.ZIP_DEFLATED
        archief.writestr(info, inhoud)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def uitpakken(bestandsinhoud: str) -> tuple[str | None, bytes]:
    """(file name in the ZIP, its bytes). A sender that did not zip gets its bytes back as they
    are, with no name; anything unsafe (too large, too many members, paths) is refused."""
    try:
        ruw = base64.b64decode(bestandsinhoud, validate=False)
    except (binascii.Error, ValueError):
        raise OngeldigeBijlage(_("Een bijlage is niet goed gecodeerd (Base64).")) from None
    if not zipfile.is_zipfile(io.BytesIO(ruw)):
        if ruw.startswith(b"PK\x03\x04"):
            raise OngeldigeBijlage(_("Een bijlage is een beschadigd ZIP-bestand."))
        return None, ruw
    try:
        with zipfile.ZipFile(io.BytesIO(ruw)) as archief:
            leden = [i for i in archief.infolist() if not i.is_dir()]
            if not leden or len(leden) > MAX_LEDEN:
                raise OngeldigeBijlage(_("Een bijlage bevat geen of te veel bestanden."))
            if sum(i.file_size for i in leden) > MAX_UITGEPAKT:
                raise OngeldigeBijlage(_("Een bijlage is uitgepakt te groot."))
            lid = leden[0]
            with archief.open(lid) as bestand:
                inhoud = bestand.read(MAX_UITGEPAKT + 1)
            if len(inhoud) > MAX_UITGEPAKT:
                raise OngeldigeBijlage(_("Een bijlage is uitgepakt te groot."))
            return _veilige_naam(lid.filename), inhoud
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, OSError):
        raise OngeldigeBijlage(_("Een bijlage is een beschadigd ZIP-bestand.")) from None


def _veilige_naam(naam: str) -> str:
    # only the last path part, never a path (zip slip)
    return naam.replace("\\", "/").rsplit("/", 1)[-1].strip() or "bijlage"
