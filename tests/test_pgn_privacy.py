"""BSN and onderwijsnummer: encrypted at rest, found by keyed hash, never in logs, URLs or
messages."""

from __future__ import annotations

import json
import logging

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from audit.models import AuditEvent
from core import crypto
from core.logging import RedactPgnFilter, redact_pgn
from core.tasks import herversleutel_pgns
from leerlingen.models import Leerling, pgn_hash

from . import factories as f

BSN = "111222333"  # passes the 11-proef
ONDERWIJSNUMMER = "101234564"


def raw_pgn_column(pk: int) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pgn, pgn_hash FROM leerlingen_leerling WHERE id = %s", [pk])
        return cursor.fetchone()


def test_pgn_is_encrypted_in_the_database(school_a):
    leerling = f.LeerlingFactory(school=school_a, pgn_type="bsn", pgn=BSN)
    raw, digest = raw_pgn_column(leerling.pk)
    assert BSN not in raw
    assert BSN not in digest
    assert crypto.decrypt(raw) == BSN
    assert Leerling.objects.get(pk=leerling.pk).pgn == BSN
    assert digest == pgn_hash("bsn", BSN)


def test_same_number_encrypts_differently_each_time(school_a, school_b):
    one = f.LeerlingFactory(school=school_a, pgn_type="bsn", pgn=BSN)
    two = f.LeerlingFactory(school=school_b, pgn_type="bsn", pgn=BSN)
    assert raw_pgn_column(one.pk)[0] != raw_pgn_column(two.pk)[0]
    # the keyed hash is stable, which is what makes lookup possible
    assert raw_pgn_column(one.pk)[1] == raw_pgn_column(two.pk)[1]


def test_encrypted_field_cannot_be_filtered_in_clear(db):
    with pytest.raises(TypeError):
        list(Leerling.objects.filter(pgn=BSN))


def test_lookup_by_pgn_is_a_post_and_finds_the_pupil(client_for, alice, school_a):
    leerling = f.LeerlingFactory(school=school_a, pgn_type="onderwijsnummer", pgn=ONDERWIJSNUMMER)
    client = client_for(alice)
    response = client.post(
        reverse("leerlingen:lijst"),
        {"pgn-pgn_type": "onderwijsnummer", "pgn-pgn": ONDERWIJSNUMMER},
    )
    assert response.status_code == 302
    assert response.url == reverse("leerlingen:tab", args=[leerling.pk, "personalia"])
    assert ONDERWIJSNUMMER not in response.url
    event = AuditEvent.objects.get(actie="leerling_gezocht_op_pgn")
    assert event.details == {"gevonden": True}


def test_lookup_by_pgn_does_not_cross_schools(client_for, bob, school_a):
    f.LeerlingFactory(school=school_a, pgn_type="bsn", pgn=BSN)
    response = client_for(bob).post(
        reverse("leerlingen:lijst"), {"pgn-pgn_type": "bsn", "pgn-pgn": BSN}, follow=True
    )
    assert "geen leerling met dit nummer" in response.content.decode()


def test_pgn_never_in_pages_logs_or_audit(client_for, alice, school_a, caplog):
    caplog.set_level(logging.DEBUG)
    client = client_for(alice)
    data = {
        "voornamen": "Fenna Maria",
        "roepnaam": "Fenna",
        "achternaam": "Bos",
        "geboortedatum": "2015-03-04",
        "geslacht": "1",
        "pgn_type": "bsn",
        "pgn_nieuw": BSN,
        "straat": "Dorpsstraat",
        "huisnummer": "4",
        "postcode": "1234 AB",
        "plaats": "Ergens",
    }
    response = client.post(reverse("leerlingen:nieuw"), data)
    assert response.status_code == 302, response.content.decode()
    leerling = Leerling.objects.get(achternaam="Bos")
    card = client.get(response.url)
    assert BSN not in card.content.decode()
    assert leerling.pgn_gemaskeerd in card.content.decode()
    # a second pupil with the same number is refused, without echoing it
    again = client.post(reverse("leerlingen:nieuw"), {**data, "achternaam": "Bos-Twee"})
    assert again.status_code == 400
    body = again.content.decode()
    assert "Er bestaat al een leerling op deze school met het ingevoerde bsn." in body
    assert BSN not in body
    client.post(reverse("leerlingen:lijst"), {"pgn-pgn_type": "bsn", "pgn-pgn": BSN})
    client.post(reverse("leerlingen:lijst"), {"pgn-pgn_type": "bsn", "pgn-pgn": "123456789"})
    assert caplog.records, "the requests should have logged something (e.g. the 400s)"
    assert BSN not in caplog.text  # none of our code logs the number
    audit_dump = json.dumps(
        list(AuditEvent.objects.values("omschrijving", "details", "object_id")), default=str
    )
    assert BSN not in audit_dump
    assert not AuditEvent.objects.filter(omschrijving__contains=BSN).exists()


def test_log_filter_redacts_valid_numbers_only():
    assert redact_pgn(f"bsn {BSN} en order 123456789") == "bsn ********* en order 123456789"
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "nummer %s", (ONDERWIJSNUMMER,), None
    )
    RedactPgnFilter().filter(record)
    assert record.getMessage() == "nummer *********"


def test_the_configured_console_handler_redacts():
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(flt, RedactPgnFilter) for flt in h.filters)
    ]
    assert handlers, "the console handler must carry the PGN filter"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "leerling %s", (BSN,), None)
    assert handlers[0].filter(record)
    assert BSN not in handlers[0].format(record)


def test_key_rotation_reencrypts_every_pupil(school_a):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[old]):
        leerlingen = [f.LeerlingFactory(school=school_a) for _ in range(3)]
        numbers = {lr.pk: lr.pgn for lr in leerlingen}
    with override_settings(FIELD_ENCRYPTION_KEYS=[new, old]):
        assert herversleutel_pgns(batch_size=2) == 3
    with override_settings(FIELD_ENCRYPTION_KEYS=[new]):  # the old key is gone now
        for leerling in Leerling.objects.all():
            assert leerling.pgn == numbers[leerling.pk]
    assert AuditEvent.objects.filter(actie="pgn_herversleuteld").get().details == {"aantal": 3}


def test_undecryptable_value_fails_loudly(school_a):
    leerling = f.LeerlingFactory(school=school_a)
    other_key = Fernet.generate_key().decode()
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=[other_key]),
        pytest.raises(crypto.DecryptionError),
    ):
        Leerling.objects.get(pk=leerling.pk)


def test_a_celery_worker_keeps_the_pgn_filter(celery_worker):
    """Workers must not swap the root handlers for their own (which would log PGNs in clear)."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(flt, RedactPgnFilter) for flt in h.filters)
    ]
    assert handlers
