"""Beheer > API-koppelingen: register a client (secret shown once, stored hashed), rotate,
revoke; only a beheerder, only for their own schools; webhooks and deliveries visible."""

from __future__ import annotations

import re

import pytest

from audit.models import AuditEvent
from koppelingen.models import ApiClient

from .api_world import bearer, registreer, token, token_aanvragen


def _registreer(client, school, **extra):
    data = {
        "naam": "Regionaal platform",
        "scopes": ["dossiers.lezen", "dossiers.importeren"],
        "scholen": [school.pk],
        **extra,
    }
    return client.post("/koppelingen/nieuw/", data)


def test_register_shows_the_secret_once_and_it_works(client_for, beheerder, school_a):
    http = client_for(beheerder)
    assert http.get("/koppelingen/").status_code == 200
    pagina = _registreer(http, school_a)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    secret = re.search(r'id="client-secret">([^<]+)<', html).group(1)
    assert "alleen nu getoond" in html
    assert pagina["Cache-Control"].startswith("no-store") or "no-store" in pagina["Cache-Control"]
    client = ApiClient.objects.get()
    assert client.scopes == ["dossiers.importeren", "dossiers.lezen"]
    assert [m.school for m in client.mandaten.all()] == [school_a]
    # stored hashed, never in clear; the detail page does not show it again
    assert secret not in client.applicatie.client_secret
    assert secret not in http.get(f"/koppelingen/{client.pk}/").content.decode()
    assert token_aanvragen(http, client, secret).status_code == 200
    assert AuditEvent.objects.filter(actie="api_client_gewijzigd").count() == 1
    assert secret not in str(list(AuditEvent.objects.values_list("details", "omschrijving")))


def test_rotate_and_revoke_from_the_screen(client_for, beheerder, school_a):
    api_client, secret = registreer(scholen=[school_a], user=beheerder)
    http = client_for(beheerder)
    oud = token(http, api_client, secret)
    pagina = http.post(f"/koppelingen/{api_client.pk}/vernieuwen/")
    nieuw = re.search(r'id="client-secret">([^<]+)<', pagina.content.decode()).group(1)
    assert nieuw != secret
    assert token_aanvragen(http, api_client, secret).status_code == 401
    assert http.get("/api/v1/scholen/14SS/dossiers", **bearer(oud)).status_code == 401
    tok = token(http, api_client, nieuw)
    http.post(f"/koppelingen/{api_client.pk}/intrekken/")
    assert http.get("/api/v1/scholen/14SS/dossiers", **bearer(tok)).status_code == 401
    assert "Ingetrokken" in http.get("/koppelingen/").content.decode()


def test_only_a_beheerder_and_only_for_their_own_schools(
    client_for, beheerder, alice, school_a, school_b
):
    assert client_for(alice).get("/koppelingen/").status_code == 403
    assert client_for(alice).post("/koppelingen/nieuw/", {}).status_code == 403
    http = client_for(beheerder)
    pagina = _registreer(http, school_b)  # not a school of this beheerder
    assert pagina.status_code == 400 and ApiClient.objects.count() == 0
    andere, _secret = registreer(scholen=[school_b], naam="Van een ander")
    assert http.get(f"/koppelingen/{andere.pk}/").status_code == 404
    assert http.post(f"/koppelingen/{andere.pk}/intrekken/").status_code == 404
    assert "Van een ander" not in http.get("/koppelingen/").content.decode()
    andere.refresh_from_db()
    assert andere.actief


@pytest.mark.parametrize("fout", [{"scopes": []}, {"scholen": []}, {"naam": ""}])
def test_incomplete_registration_is_refused_in_dutch(client_for, beheerder, school_a, fout):
    pagina = _registreer(client_for(beheerder), school_a, **fout)
    assert pagina.status_code == 400 and ApiClient.objects.count() == 0
    html = pagina.content.decode()
    assert "Kies wat de client" in html or "Kies ten minste" in html or "Vul een naam in" in html
