"""Attachments travel as a Base64 ZIP (XSD: "Base64 gecodeerd ZIP-bestand")."""

from __future__ import annotations

import base64
import io
import zipfile

import pytest

from dossiers.bijlagen import MAX_UITGEPAKT, OngeldigeBijlage, inpakken, uitpakken


def zip_b64(members: dict[str, bytes]) -> str:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archief:
        for naam, inhoud in members.items():
            archief.writestr(naam, inhoud)
    return base64.b64encode(buffer.getvalue()).decode()


def test_round_trip_and_stable_bytes():
    b64 = inpakken("verslag.pdf", b"%PDF-1.4 inhoud")
    assert b64.startswith("UEsDB")  # a ZIP, like the official examples
    assert uitpakken(b64) == ("verslag.pdf", b"%PDF-1.4 inhoud")
    assert inpakken("verslag.pdf", b"%PDF-1.4 inhoud") == b64


def test_empty_file_is_still_a_valid_bestandsinhoud():
    assert uitpakken(inpakken("leeg.txt", b"")) == ("leeg.txt", b"")


def test_not_zipped_is_accepted_as_is():
    assert uitpakken(base64.b64encode(b"platte tekst").decode()) == (None, b"platte tekst")


def test_zip_slip_name_is_reduced_to_a_file_name():
    naam, _inhoud = uitpakken(zip_b64({"../../etc/passwd": b"x"}))
    assert naam == "passwd"


def test_zip_bomb_refused():
    with pytest.raises(OngeldigeBijlage):
        uitpakken(zip_b64({"bom.txt": b"0" * (MAX_UITGEPAKT + 1)}))


def test_too_many_members_refused():
    with pytest.raises(OngeldigeBijlage):
        uitpakken(zip_b64({f"{i}.txt": b"x" for i in range(30)}))


def test_damaged_zip_refused():
    kapot = base64.b64decode(inpakken("a.txt", b"abc" * 100))[:-30]
    with pytest.raises(OngeldigeBijlage):
        uitpakken(base64.b64encode(kapot).decode())
