"""Issue 11, finding 4: a BSN inside a PDF (compressed text) or a DOCX attachment reached the
SWV. Now the text inside every attachment of an SWV dossier is read (PDF, DOCX, ODT, TXT, image
metadata) and the zorgvraag is refused, with a Dutch message naming the file, when it holds the
pupil's number or any 11-proof 9-digit number; formats that cannot be inspected are refused."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
import weasyprint
from django.conf import settings

from dossiers.bijlage_inhoud import nummers_in, tekst_van
from zorgvraag import services
from zorgvraag.models import Zorgvraag

from . import factories as f
from .test_zorgvraag import keuze, sanne, school, swv_ap, zc  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db
ANDER_BSN = "111222333"  # 11-proof, nobody's


@pytest.fixture(autouse=True)
def _standaard():
    if not settings.OSO_STANDARD_DIR:
        pytest.skip("OSO_STANDARD_DIR is not set: a zorgvraag is checked against the official XSD")


def pdf_met(tekst: str) -> bytes:
    """A real PDF (WeasyPrint: compressed content streams, subset fonts)."""
    return weasyprint.HTML(string=f"<p>Onderzoeksverslag</p><p>{tekst}</p>").write_pdf()


def docx_met(*runs: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as pakket:
        pakket.writestr("[Content_Types].xml", "<Types/>")
        tekst = "".join(f"<w:r><w:t>{r}</w:t></w:r>" for r in runs)
        pakket.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p>{tekst}</w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def png_met(tekst: str) -> bytes:
    def chunk(soort: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + soort + data + b"\x00\x00\x00\x00"

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    ztxt = b"Comment\x00\x00" + zlib.compress(tekst.encode())
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"zTXt", ztxt) + chunk(b"IEND", b"")


def zorgvraag_met(leerling, user, ap, naam: str, data: bytes):
    item = f.MapItemFactory(leerling=leerling, titel="Verslag", bestand__data=data)
    item.bestandsnaam = naam
    item.save()
    return services.zorgvraag_aanmaken(
        leerling=leerling,
        omschrijving="Aanvraag arrangement",
        aanleverpunt=keuze(ap),
        blokken={"handelingsplannen"},
        toelichting=item,
        user=user,
        afleveren=False,
    )


def test_the_pdf_hides_the_number_from_a_byte_search():
    pdf = pdf_met("BSN 111222333")
    assert b"111222333" not in pdf  # the old check searched the bytes
    assert "111222333" in tekst_van("verslag.pdf", pdf).replace(" ", "")


@pytest.mark.parametrize(
    ("naam", "maak"),
    [
        ("verslag.pdf", lambda pgn: pdf_met(f"Burgerservicenummer: {pgn}")),
        ("verslag.pdf", lambda pgn: pdf_met(f"Ander kind: {ANDER_BSN}")),
        ("verslag.docx", lambda pgn: docx_met("BSN ", pgn[:4], pgn[4:])),  # split over runs
        ("foto.png", lambda pgn: png_met(f"leerling {pgn}")),
    ],
    ids=["pdf-eigen", "pdf-ander", "docx-runs", "png-metadata"],
)
def test_an_attachment_with_a_pgn_inside_is_refused_for_the_swv(sanne, zc, swv_ap, naam, maak):  # noqa: F811
    with pytest.raises(services.ZorgvraagFout) as fout:
        zorgvraag_met(sanne, zc, swv_ap, naam, maak(sanne.pgn))
    melding = str(fout.value)
    assert naam in melding and "BSN of onderwijsnummer" in melding
    assert sanne.pgn not in melding
    assert Zorgvraag.objects.count() == 0


def test_a_format_that_cannot_be_inspected_is_refused(sanne, zc, swv_ap):  # noqa: F811
    xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(services.ZorgvraagFout) as fout:
        zorgvraag_met(sanne, zc, swv_ap, "cijfers.xls", xls)
    assert "cijfers.xls" in str(fout.value) and "kan niet worden gecontroleerd" in str(fout.value)


def test_a_clean_pdf_and_docx_go_along(sanne, zc, swv_ap):  # noqa: F811
    zorgvraag = zorgvraag_met(sanne, zc, swv_ap, "verslag.pdf", pdf_met("Lezen gaat goed."))
    assert zorgvraag.pk
    assert not nummers_in(tekst_van("a.docx", docx_met("Telefoon 0612345678")), None)
