"""Issue 11, finding 6: every stored dossier XML, received file and generated PDF is encrypted
with the key ring of the PGN columns; a dump of the database plus a scan of the media folder
finds no PGN of any demo pupil after a full test exchange; files are owner-only; one resumable
rotation command covers every encrypted field and file, found through the models."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, models
from django.test import override_settings

from core.fields import EncryptedBinaryField, EncryptedTextField
from core.herversleuteling import herversleutel, versleutelde_bestandsvelden, versleutelde_velden
from core.storage import VersleuteldeOpslag
from leerlingen.demo import bouw_demowereld
from leerlingen.models import Leerling, MapItem
from trafficcenter_client.models import Opvraging
from zorgvraag.models import Zorgvraag


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.VAR_DIR


_HEX_SQLITE = re.compile(r"X'([0-9A-Fa-f]*)'")
_HEX_PG = re.compile(r"\\x([0-9a-f]+)")


def leesbaar(dump: str) -> str:
    """A dump with its binary literals (SQLite X'..', PostgreSQL \\x..) decoded, so that a
    number inside a blob is found as well."""

    def als_tekst(m: re.Match) -> str:
        return bytes.fromhex(m.group(1)).decode("latin-1")

    return _HEX_PG.sub(als_tekst, _HEX_SQLITE.sub(als_tekst, dump))


def database_dump() -> str:
    """The whole database as text: iterdump on SQLite, pg_dump (or every table) on PostgreSQL;
    binary columns decoded."""
    return leesbaar(_dump())


def _dump() -> str:
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    instellingen = connection.settings_dict
    if shutil.which("pg_dump"):
        env = {**os.environ, "PGPASSWORD": instellingen.get("PASSWORD") or ""}
        with contextlib.suppress(subprocess.CalledProcessError):  # e.g. a version mismatch
            return _pg_dump(instellingen, env)
    regels = []
    with connection.cursor() as cursor:
        for tabel in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{tabel}"')  # noqa: S608 - names from the database
            regels += [
                repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in rij))
                for rij in cursor.fetchall()
            ]
    return "\n".join(regels)


def _pg_dump(instellingen, env) -> str:
    return subprocess.run(  # noqa: S603 - a fixed tool
        [
            "pg_dump",
            "-h",
            instellingen.get("HOST") or "127.0.0.1",
            "-p",
            str(instellingen.get("PORT") or 5432),
            "-U",
            instellingen.get("USER") or "postgres",
            instellingen["NAME"],
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_every_blob_and_file_field_is_encrypted_and_covered_by_the_rotation():
    """Fails when a new BinaryField, FileField or PGN column is added without encryption, or
    with an encrypting class the rotation does not know."""
    gedekt = {(m._meta.label, v.name) for m, v in versleutelde_velden()}
    gedekt |= {(m._meta.label, v.name) for m, v in versleutelde_bestandsvelden()}
    for model in apps.get_models():
        for veld in model._meta.concrete_fields:
            sleutel = (model._meta.label, veld.name)
            if model._meta.app_label in {"django_celery_results", "axes", "sessions"}:
                continue
            if isinstance(veld, models.BinaryField):
                assert isinstance(veld, EncryptedBinaryField), sleutel
            if isinstance(veld, models.FileField):
                assert isinstance(veld.storage, VersleuteldeOpslag), sleutel
            if veld.name == "pgn":
                assert isinstance(veld, EncryptedTextField), sleutel
            if any(k.__name__.startswith("Encrypted") for k in type(veld).__mro__):
                assert sleutel in gedekt, f"{sleutel} is encrypted but not rotated"
    assert ("trafficcenter_client.Opvraging", "pgn") in gedekt  # missed before
    assert ("leerlingen.MapItem", "bestand") in gedekt
    # issue 12: the zorgvraag's PDF and a terugkoppeling's document are files now
    assert ("zorgvraag.Zorgvraag", "pdf") in gedekt
    assert ("zorgvraag.Terugkoppeling", "document") in gedekt


def test_after_a_full_exchange_a_dump_and_the_media_folder_hold_no_pgn(transactional_db, var_dir):
    if not django_settings.OSO_STANDARD_DIR:
        pytest.skip("OSO_STANDARD_DIR is not set: collecting validates against the official XSD")
    bouw_demowereld()
    uit = io.StringIO()
    call_command("oso_testuitwisseling", "--poorten-vrij", stdout=uit)
    assert "[FOUT]" not in uit.getvalue(), uit.getvalue()

    pgns = {ll.pgn for ll in Leerling.objects.all() if ll.pgn}
    assert len(pgns) > 10
    assert MapItem.objects.exclude(bestand="").count() > 5  # PDFs, received dossiers, ...
    assert Zorgvraag.objects.exclude(pdf="").exists()  # the zorgvraag step's PDF, a file
    assert Opvraging.objects.filter(geimporteerd_op__isnull=False).exists()
    assert not Opvraging.objects.filter(geimporteerd_op__isnull=False, xml__isnull=False).exists()

    assert leesbaar("X'3c3f786d6c'") == "<?xml" == leesbaar("\\x3c3f786d6c")  # the decoder works
    dump = database_dump()
    assert "<?xml" not in dump and "%PDF" not in dump  # not one blob in clear
    gevonden = [p for p in pgns if p in dump]
    assert not gevonden, f"{len(gevonden)} nummer(s) in de databasedump"

    media = Path(django_settings.MEDIA_ROOT)
    bestanden = [p for p in media.rglob("*") if p.is_file()]
    assert bestanden
    for pad in bestanden:
        data = pad.read_bytes()
        assert not any(p.encode() in data for p in pgns), pad.name
        assert not data.startswith((b"%PDF", b"<?xml", b"PK")), pad.name
        assert stat.S_IMODE(pad.stat().st_mode) == 0o600, pad.name

    # rotation: a new key in front, every value and file re-encrypted, then the old key gone
    oud = list(django_settings.FIELD_ENCRYPTION_KEYS)
    nieuw = Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[nieuw, *oud]):
        eerste = herversleutel(batch=7)
        assert sum(t.herversleuteld for t in eerste.values()) > len(pgns)
        tweede = herversleutel(batch=7)  # resumable: nothing left to do
        assert sum(t.herversleuteld for t in tweede.values()) == 0
    with override_settings(FIELD_ENCRYPTION_KEYS=[nieuw]):
        for model, veld in versleutelde_velden():
            list(model._default_manager.values_list(veld.name, flat=True))  # decrypts, or raises
        for item in MapItem.objects.exclude(bestand=""):
            with default_storage.open(item.bestand.name) as bestand:
                assert bestand.read()
        for zorgvraag in Zorgvraag.objects.exclude(pdf=""):
            assert zorgvraag.pdf.read().startswith(b"%PDF")  # re-encrypted, readable
        assert {ll.pgn for ll in Leerling.objects.all() if ll.pgn} == pgns
