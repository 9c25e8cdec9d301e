"""Issue 11 finding 8 and issue 10 point 10: an upload's type comes from its content, from an
allow list per use; the server-decided type is stored and served; a too large request is refused
before its body is read, and every message names the limit."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import uploads
from leerlingen import models as m

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def docx(tekst: str = "Hallo") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as pakket:
        pakket.writestr("[Content_Types].xml", "<Types/>")
        pakket.writestr("word/document.xml", f"<w:document><w:t>{tekst}</w:t></w:document>")
    return buffer.getvalue()


def map_upload(client, leerling, upload):
    return client.post(
        reverse("leerlingen:map_nieuw", args=[leerling.pk, "document"]),
        {"titel": "Verslag", "bestand": upload},
    )


def test_an_elf_binary_named_pdf_is_refused(client_for, alice, leerling_a):
    voor = m.MapItem.objects.count()
    antwoord = map_upload(
        client_for(alice),
        leerling_a,
        SimpleUploadedFile("verslag.pdf", ELF, content_type="application/pdf"),
    )
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert "verslag.pdf" in tekst and "gekeken naar de inhoud" in tekst
    assert m.MapItem.objects.count() == voor


def test_a_text_file_named_pdf_is_refused_as_toelichting(client_for, alice, leerling_a):
    antwoord = map_upload(
        client_for(alice),
        leerling_a,
        SimpleUploadedFile("toelichting.pdf", b"gewoon tekst", content_type="application/pdf"),
    )
    assert antwoord.status_code == 400
    assert "heet .pdf, maar is een tekstbestand" in antwoord.content.decode()


def test_the_server_decides_the_stored_and_served_type(client_for, alice, leerling_a):
    client = client_for(alice)
    antwoord = map_upload(
        client, leerling_a, SimpleUploadedFile("foto.png", PNG, content_type="text/html")
    )
    assert antwoord.status_code == 302
    item = leerling_a.map_items.get(titel="Verslag")
    assert item.mime_type == "image/png"
    download = client.get(reverse("leerlingen:map_bekijken", args=[leerling_a.pk, item.pk]))
    assert download["Content-Type"] == "image/png"
    # a type stored before (from a browser) is never served back as it is
    m.MapItem.objects.filter(pk=item.pk).update(mime_type="text/html")
    download = client.get(reverse("leerlingen:map_bekijken", args=[leerling_a.pk, item.pk]))
    assert download["Content-Type"] == "application/octet-stream"


def test_a_file_over_the_limit_is_refused_with_the_limit_named(
    client_for, alice, leerling_a, settings
):
    settings.OSO_MAX_DOCUMENT_SIZE = 1024 * 1024
    groot = b"%PDF-1.4\n" + b"0" * (1536 * 1024)
    antwoord = map_upload(client_for(alice), leerling_a, SimpleUploadedFile("groot.pdf", groot))
    assert antwoord.status_code == 400
    assert "de grens is 1 MB" in antwoord.content.decode()


class _Lezer:
    """A request body that records whether anyone read it."""

    def __init__(self):
        self.gelezen = 0

    def read(self, *args):
        self.gelezen += 1
        return b""

    def readline(self, *args):
        self.gelezen += 1
        return b""


def test_a_200_mb_request_is_refused_before_its_body_is_read(client_for, alice, leerling_a):
    client = client_for(alice)
    lezer = _Lezer()
    voor = m.MapItem.objects.count()
    antwoord = client.generic(
        "POST",
        reverse("leerlingen:map_nieuw", args=[leerling_a.pk, "document"]),
        b"--xyz",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": lezer},
    )
    assert antwoord.status_code == 413
    tekst = antwoord.content.decode()
    assert "hoogstens 20 MB" in tekst and "Er is niets opgeslagen" in tekst
    assert lezer.gelezen == 0
    assert m.MapItem.objects.count() == voor


@pytest.mark.parametrize(
    ("naam", "data", "gebruik", "verwacht"),
    [
        ("a.pdf", b"%PDF-1.7\n...", "map", "pdf"),
        ("a.docx", docx(), "map", "docx"),
        ("a.txt", "Ëén regel".encode(), "toelichting", "txt"),
        ("a.png", PNG, "swv", "png"),
    ],
)
def test_allowed_types_by_content(naam, data, gebruik, verwacht):
    assert uploads.controleer_upload(SimpleUploadedFile(naam, data), gebruik).code == verwacht


@pytest.mark.parametrize(
    ("naam", "data", "gebruik"),
    [
        ("a.pdf", ELF, "map"),
        ("a.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "swv"),  # not inspectable
        ("a.png", PNG, "toelichting"),  # an image is no Toelichting
        ("a.zip", b"PK\x03\x04" + b"\x00" * 100, "map"),
    ],
)
def test_refused_by_content_or_use(naam, data, gebruik):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as fout:
        uploads.controleer_upload(SimpleUploadedFile(naam, data), gebruik)
    assert naam in str(fout.value)
