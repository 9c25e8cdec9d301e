"""HTTP keep-alive of the one way out (issue 12, point 6): ``TcClient`` sends the next message to
the same address on the connection of the previous one, and never sends a message twice because
a kept connection was closed meanwhile.

The other side is a small HTTP/1.1 server with mutual TLS on loopback (as nginx in front of the
TC or another LAS keeps connections open): it counts connections and requests, and answers
every afmeldingRequest with SessieAfgemeld.
"""

from __future__ import annotations

import http.server
import socketserver
import threading
import uuid
from dataclasses import dataclass, field

import pytest

from trafficcenter_client import berichten as b
from trafficcenter_client import client as client_module
from trafficcenter_client import pki
from trafficcenter_client.berichten import Resultaatcode
from trafficcenter_client.client import TcClient, TcNietBereikbaar
from trafficcenter_client.models import Berichtlog, TcVerbinding

pytestmark = pytest.mark.django_db


@dataclass
class Teller:
    verbindingen: int = 0
    verzoeken: list[bytes] = field(default_factory=list)
    sluit_na_antwoord: bool = False  # close the connection after each answer, unannounced
    zeg_sluiten: bool = False  # answer with "Connection: close"
    slot: threading.Lock = field(default_factory=threading.Lock)


def _handler(teller: Teller):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as nginx

        def setup(self):
            super().setup()
            with teller.slot:
                teller.verbindingen += 1

        def do_POST(self):  # noqa: N802 - http.server's name
            lengte = int(self.headers.get("Content-Length") or 0)
            with teller.slot:
                teller.verzoeken.append(self.rfile.read(lengte))
            data = b.bouw(b.AfmeldingResponse(resultaat=Resultaatcode.SESSIE_AFGEMELD))
            self.send_response(200)
            self.send_header("Content-Type", b.CONTENT_TYPE)
            self.send_header("Content-Length", str(len(data)))
            if teller.zeg_sluiten:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
            if teller.sluit_na_antwoord:  # as a server whose keep-alive time ran out
                self.close_connection = True

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture(scope="module")
def wereld(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("keepalive-pki")
    ca = pki.maak_ca("OSO-LAS keep-alive test-CA")
    pki.schrijf_sleutelpaar(map_ / "ca.pem", map_ / "ca-key.pem", ca)
    for naam, paar in (
        ("server", pki.maak_servercertificaat(ca, ["127.0.0.1", "localhost"])),
        ("las", pki.maak_clientcertificaat(ca, "00000001823456789000", "OSO-LAS leverancier")),
    ):
        pki.schrijf_sleutelpaar(map_ / f"{naam}.pem", map_ / f"{naam}-key.pem", paar)
    return map_


@pytest.fixture
def server(wereld):
    teller = Teller()

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    httpd = Server(("127.0.0.1", 0), _handler(teller))
    context = pki.ssl_context_server(
        str(wereld / "server.pem"), str(wereld / "server-key.pem"), str(wereld / "ca.pem")
    )
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    draad = threading.Thread(target=httpd.serve_forever, daemon=True)
    draad.start()
    yield teller, f"https://127.0.0.1:{httpd.server_address[1]}/tc/soap/"
    httpd.shutdown()
    httpd.server_close()


def verbinding_met(wereld, url: str, naam: str = "Traffic Center") -> TcVerbinding:
    """A connection record with the LAS certificate of ``wereld``, one attempt."""
    return TcVerbinding.objects.create(
        naam=naam,
        tc_url=url,
        client_certificaat=str(wereld / "las.pem"),
        client_sleutel=str(wereld / "las-key.pem"),
        ca_certificaat=str(wereld / "ca.pem"),
        timeout=5,
        pogingen=1,
    )


@pytest.fixture
def client(wereld, server):
    client_module._VERBINDINGEN.sluit_alle()  # nothing kept from an earlier test
    _, url = server
    yield TcClient(verbinding_met(wereld, url), backoff=0.01)
    client_module._VERBINDINGEN.sluit_alle()


def afmelding() -> b.AfmeldingRequest:
    return b.AfmeldingRequest(
        sessie_id=uuid.uuid4(),
        doel_brin="16UU",
        doel_routerings_kenmerk="0000000700016UU00000",
        resultaat=Resultaatcode.OVERDRACHT_GESLAAGD,
    )


def test_the_next_message_uses_the_open_connection(server, client):
    teller, _ = server
    for _ in range(3):
        assert client.tc(afmelding()).resultaat == Resultaatcode.SESSIE_AFGEMELD
    assert (teller.verbindingen, len(teller.verzoeken)) == (1, 3)
    # every message is still logged on its own
    assert Berichtlog.objects.filter(operatie="afmeldingRequest").count() == 3
    # a new TcClient (a new request or task) in the same thread uses it too
    tweede = TcClient(client.verbinding)
    assert tweede.tc(afmelding()).resultaat == Resultaatcode.SESSIE_AFGEMELD
    assert (teller.verbindingen, len(teller.verzoeken)) == (1, 4)


def test_a_connection_the_other_side_closed_is_not_used_and_nothing_is_sent_twice(server, client):
    """An afmelding may not be sent twice (it is not safe to repeat); a kept connection that the
    other side closed between two messages is noticed before sending, so the next message goes
    once, on a new connection, and succeeds."""
    teller, _ = server
    teller.sluit_na_antwoord = True
    berichten = [afmelding() for _ in range(3)]
    for bericht in berichten:
        assert client.tc(bericht).resultaat == Resultaatcode.SESSIE_AFGEMELD
    assert (teller.verbindingen, len(teller.verzoeken)) == (3, 3)
    ontvangen = [b.lees(data).sessie_id for data in teller.verzoeken]
    assert ontvangen == [bericht.sessie_id for bericht in berichten]  # each once, in order


def test_connection_close_is_honoured(server, client):
    teller, _ = server
    teller.zeg_sluiten = True
    for _ in range(2):
        client.tc(afmelding())
    assert (teller.verbindingen, len(teller.verzoeken)) == (2, 2)
    assert client_module._VERBINDINGEN.open == {}


@pytest.mark.django_db(transaction=True)  # the other thread logs on its own connection
def test_threads_do_not_share_a_connection(server, client):
    teller, _ = server
    client.tc(afmelding())
    fouten: list[BaseException] = []

    def ander():
        try:
            TcClient(client.verbinding).tc(afmelding())
        except BaseException as e:  # noqa: BLE001 - reported below
            fouten.append(e)

    draad = threading.Thread(target=ander)
    draad.start()
    draad.join()
    assert not fouten
    assert (teller.verbindingen, len(teller.verzoeken)) == (2, 2)


def test_an_idle_connection_is_not_reused_after_its_time(server, client, monkeypatch):
    teller, _ = server
    client.tc(afmelding())
    monkeypatch.setattr(client_module._Verbindingen, "MAX_STIL", 0.0)
    client.tc(afmelding())
    assert (teller.verbindingen, len(teller.verzoeken)) == (2, 2)


def test_another_certificate_gets_its_own_connection(wereld, server, client):
    """The kept connection belongs to the TLS context (the client certificate) it was made
    with: a connection with other settings never rides on it."""
    teller, url = server
    client.tc(afmelding())
    ander = verbinding_met(wereld, url, naam="ander")
    # the same files give the same (cached) context: the connection is shared, as it may be
    TcClient(ander).tc(afmelding())
    assert teller.verbindingen == 1
    # a context of its own (another key ring) gets a connection of its own
    eigen = TcClient(ander)
    eigen._context = pki.ssl_context_client(
        str(wereld / "las.pem"), str(wereld / "las-key.pem"), str(wereld / "ca.pem")
    )
    eigen.tc(afmelding())
    assert teller.verbindingen == 2


def test_a_refused_connection_is_still_before_sending(wereld, client):
    """A closed port: nothing was sent, as before keep-alive (retried as far as allowed)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    client.verbinding.tc_url = f"https://127.0.0.1:{poort}/tc/soap/"
    with pytest.raises(TcNietBereikbaar, match="niet bereikbaar"):
        client.tc(afmelding())
