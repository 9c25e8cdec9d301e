"""The audit log is append-only and records who did what to which pupil, from where."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit import events
from audit.models import AppendOnlyError, AuditEvent


def test_events_cannot_be_changed_or_deleted(leerling_a, alice):
    event = events.leerling_bekeken(request=None, leerling=leerling_a, tab="personalia")
    event.omschrijving = "anders"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(omschrijving="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_database_refuses_update_and_delete(leerling_a):
    events.leerling_bekeken(request=None, leerling=leerling_a, tab="personalia")
    for sql in ("UPDATE audit_auditevent SET omschrijving = 'x'", "DELETE FROM audit_auditevent"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.count() == 1


def test_view_records_user_school_pupil_and_address(client_for, alice, leerling_a):
    client_for(alice).get(
        reverse("leerlingen:tab", args=[leerling_a.pk, "onderwijs"]), REMOTE_ADDR="10.1.2.3"
    )
    event = AuditEvent.objects.get(actie="leerling_bekeken")
    assert (event.user, event.gebruiker, event.school, event.leerling) == (
        alice,
        "alice",
        leerling_a.school,
        leerling_a,
    )
    assert event.ip_adres == "10.1.2.3"
    assert event.details == {"tab": "onderwijs"}


def test_login_and_failed_login_are_recorded(client, alice):
    from . import factories as f

    client.post(reverse("login"), {"username": "alice", "password": "fout"})
    client.post(reverse("login"), {"username": "alice", "password": f.PASSWORD})
    acties = list(AuditEvent.objects.order_by("pk").values_list("actie", flat=True))
    assert acties == ["inloggen_mislukt", "ingelogd"]


def test_admin_changes_are_recorded(client_for, beheerder, leerling_a):
    client = client_for(beheerder)
    url = "/beheer/leerlingen/verzuim/add/"
    response = client.post(
        url,
        {
            "leerling": leerling_a.pk,
            "datum": "2025-10-01",
            "soort": "geoorloofd",
            "dagdelen": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(actie="beheer_gewijzigd")
    assert event.user == beheerder and "toegevoegd" in event.omschrijving
