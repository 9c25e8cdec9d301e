"""``GET /tc/ping/``: the Traffic Center's trivial endpoint (a liveness check, and the baseline
of ``bench.uitwisseling``). It answers "ok" to anyone, reads and stores nothing, and refuses
every method that is not safe.

No test here asks for the database: pytest-django refuses any query, so an endpoint that
touched the database would fail these tests (also in the server's own threads)."""

from __future__ import annotations

import http.client
import ssl

import pytest
from django.test import Client
from django.urls import reverse

from trafficcenter import server as tc_server
from trafficcenter_client import pki

PING = "/tc/ping/"


def test_the_url_is_where_the_bench_looks():
    assert reverse("trafficcenter:ping") == PING


def test_get_answers_ok_without_the_database(client):
    antwoord = client.get(PING)
    assert antwoord.status_code == 200
    assert antwoord.content == b"ok"
    assert antwoord["Content-Type"] == "text/plain; charset=utf-8"
    assert "Set-Cookie" not in antwoord


def test_head_answers_without_a_body(client):
    antwoord = client.head(PING)
    assert antwoord.status_code == 200
    assert antwoord.content == b""


@pytest.mark.parametrize("methode", ["post", "put", "patch", "delete", "options"])
def test_every_other_method_is_405_not_a_csrf_refusal(methode):
    client = Client(enforce_csrf_checks=True)  # as a real caller: no CSRF token
    antwoord = getattr(client, methode)(PING, data=b"x", content_type="text/plain")
    assert antwoord.status_code == 405
    assert antwoord["Allow"] == "GET, HEAD"


@pytest.fixture(scope="module")
def tls():
    """A CA, a server certificate for the TC and a client certificate from that CA."""
    ca = pki.maak_ca("OSO-LAS ping-CA")
    server = pki.maak_servercertificaat(ca, ["127.0.0.1"])
    klant = pki.maak_clientcertificaat(ca, "00000001823456789000", "OSO-LAS leverancier")
    return ca, server, klant


def test_over_https_only_with_a_client_certificate(tls):
    ca, server_paar, klant = tls
    server, thread, port = tc_server.start_server(
        0, cert=server_paar[0], key=server_paar[1], ca=ca[0], timeout=10
    )
    try:
        context = pki.ssl_context_client(klant[0], klant[1], ca[0])
        verbinding = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
        verbinding.request("GET", PING)
        antwoord = verbinding.getresponse()
        assert (antwoord.status, antwoord.read()) == (200, b"ok")
        verbinding.close()

        # without a certificate the handshake is refused before Django sees anything
        zonder = ssl.create_default_context(cadata=pki.certificaat_pem(ca[0]).decode("ascii"))
        verbinding = http.client.HTTPSConnection("127.0.0.1", port, context=zonder, timeout=10)
        with pytest.raises((ssl.SSLError, ConnectionError)):
            verbinding.request("GET", PING)
            verbinding.getresponse()
        verbinding.close()
    finally:
        tc_server.stop_server(server, thread)
