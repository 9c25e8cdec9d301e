"""The one way out: SOAP over HTTPS with mutual TLS, to the Traffic Center or to another LAS.

Built from a :class:`~trafficcenter_client.models.TcVerbinding` (as zgw-consumers builds a client
from its Service record). Every call:

- posts :func:`berichten.bouw` of the message with the certificate of our LAS, and accepts only a
  server certificate from the configured CA that matches the host;
- has an explicit timeout for connecting and for every read;
- reuses the connection of an earlier message to the same address (HTTP keep-alive, per thread,
  see :class:`_Verbindingen`): no TCP and TLS handshake per message;
- is retried with exponential backoff only when that is safe: the questions that change nothing
  (overzichtAanleverpunt, sessiecontrole), or any message when the connection failed before a
  byte was sent. An overdracht, document or afmelding that may have arrived is never sent twice;
- writes exactly one :class:`~trafficcenter_client.models.Berichtlog` row (names, codes, duration;
  never a zoeksleutel, a PGN or a document) and one log line of the same;
- returns the response dataclass, or raises :class:`TcNietBereikbaar` (network, timeout, an
  answer that is not SOAP) or :class:`TcFout` (a SOAP Fault, or a response that cannot be read).
"""

from __future__ import annotations

import functools
import http.client
import logging
import os
import select
import ssl
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from . import berichten as b
from . import pki
from .models import Berichtlog, Richting, TcVerbinding

logger = logging.getLogger(__name__)

# Questions that change nothing at the other side: safe to ask again.
VEILIG_HERHAALBAAR: tuple[type, ...] = (b.OverzichtAanleverpuntRequest, b.SessiecontroleRequest)
BACKOFF_STANDAARD = 0.5
_TIJDELIJK_HTTP = frozenset({502, 503, 504})


class TcNietBereikbaar(Exception):  # noqa: N818 - the domain's own word
    """The other side did not answer (in time), or not with SOAP. Dutch message."""


class TcFout(Exception):
    """The other side answered with a SOAP Fault, or with something we cannot read."""

    def __init__(self, melding: str, fout: b.SoapFout | None = None) -> None:
        super().__init__(melding)
        self.fout = fout


class _VoorVerzenden(Exception):  # noqa: N818
    """A connection failure before anything was sent: every message may be retried."""


@dataclass
class _Poging:
    status: int | None = None
    aantal: int = 0


def partijen(bericht: Any) -> dict[str, str]:
    """The parties a message names, for the log."""
    if isinstance(bericht, b.RegistreerAanleverpuntRequest | b.OverzichtAanleverpuntRequest):
        return {
            "bron_brin": bericht.brin or "",
            "bron_routeringskenmerk": bericht.routerings_kenmerk or "",
        }
    return {
        naam: getattr(bericht, veld, None) or ""
        for naam, veld in (
            ("bron_brin", "bron_brin"),
            ("bron_routeringskenmerk", "bron_routerings_kenmerk"),
            ("doel_brin", "doel_brin"),
            ("doel_routeringskenmerk", "doel_routerings_kenmerk"),
        )
    }


class TcClient:
    def __init__(
        self,
        verbinding: TcVerbinding | None = None,
        *,
        backoff: float = BACKOFF_STANDAARD,
    ) -> None:
        self.verbinding = verbinding or TcVerbinding.huidige()
        self.backoff = backoff
        self._context: ssl.SSLContext | None = None

    # --- public ------------------------------------------------------------------------------

    def tc(self, bericht: b.Bericht, *, school: Any = None) -> b.Bericht:
        """Send ``bericht`` to the Traffic Center."""
        return self._verstuur(self.verbinding.tc_url, bericht, school=school)

    def stuur(self, url: str, bericht: b.Bericht, *, school: Any = None) -> b.Bericht:
        """Send ``bericht`` to another system's aanleverpunt (documentRequest, notificatie)."""
        return self._verstuur(url, bericht, school=school)

    # --- internals ---------------------------------------------------------------------------

    def context(self) -> ssl.SSLContext:
        if self._context is None:
            v = self.verbinding
            try:
                self._context = _context_client(
                    v.client_certificaat, v.client_sleutel, v.ca_certificaat
                )
            except (OSError, ValueError, ssl.SSLError) as fout:
                raise TcNietBereikbaar(
                    "Het certificaat, de sleutel of de CA voor de OSO-verbinding kan niet worden "
                    "geladen; controleer de Traffic Center-verbinding in het beheer."
                ) from fout
        return self._context

    def _verstuur(self, url: str, bericht: b.Bericht, *, school: Any) -> b.Bericht:
        operatie = getattr(type(bericht), "ELEMENT", type(bericht).__name__)
        begin = time.monotonic()
        poging = _Poging()
        resultaat, fout = "", ""
        try:
            antwoord = self._met_herhaling(url, bericht, poging)
            resultaat = getattr(antwoord, "resultaat", "") or ""
            return antwoord
        except TcFout as e:
            resultaat, fout = "SoapFout", str(e)
            if e.fout is not None and e.fout.detail:
                resultaat = f"SoapFout:{e.fout.detail}"
            raise
        except TcNietBereikbaar as e:
            resultaat, fout = "NietBereikbaar", str(e)
            raise
        finally:
            duur_ms = max(0, round((time.monotonic() - begin) * 1000))
            Berichtlog.objects.create(
                richting=Richting.UIT,
                operatie=operatie[:60],
                school=school,
                url=_veilige_url(url),
                sessie_id=getattr(bericht, "sessie_id", None),
                resultaat=str(resultaat)[:80],
                http_status=poging.status,
                pogingen=poging.aantal,
                duur_ms=duur_ms,
                fout=fout[:300],
                **partijen(bericht),
            )
            logger.info(
                "OSO %s naar %s: %s (%d ms, %d poging(en))",
                operatie,
                _veilige_url(url),
                resultaat or fout,
                duur_ms,
                poging.aantal,
            )

    def _met_herhaling(self, url: str, bericht: b.Bericht, poging: _Poging) -> b.Bericht:
        veilig = isinstance(bericht, VEILIG_HERHAALBAAR)
        maximum = max(1, int(self.verbinding.pogingen or 1))
        data = b.bouw(bericht, bericht_id=uuid.uuid4())
        while True:
            poging.aantal += 1
            try:
                return self._post(url, bericht, data, poging)
            except _VoorVerzenden as e:
                laatste: TcNietBereikbaar = TcNietBereikbaar(str(e))
                oorzaak: BaseException | None = e.__cause__
            except TcNietBereikbaar as e:
                if not veilig:
                    raise
                laatste, oorzaak = e, e.__cause__
            if poging.aantal >= maximum:
                raise laatste from oorzaak
            time.sleep(self.backoff * 2 ** (poging.aantal - 1))

    def _post(self, url: str, bericht: b.Bericht, data: bytes, poging: _Poging) -> b.Bericht:
        delen = urlsplit(url)
        if delen.scheme != "https" or not delen.hostname:
            raise TcFout("Het adres van de andere partij is geen https-adres.")
        timeout = float(self.verbinding.timeout or 30)
        context = self.context()
        sleutel = (delen.hostname, delen.port or 443, context)  # the context itself: no id reuse
        verbinding = _VERBINDINGEN.neem(sleutel)
        if verbinding is None:
            verbinding = http.client.HTTPSConnection(
                delen.hostname, delen.port or 443, context=context, timeout=timeout
            )
        else:
            verbinding.timeout = timeout
            verbinding.sock.settimeout(timeout)
        pad = delen.path or "/"
        if delen.query:
            pad += f"?{delen.query}"
        bewaren = False
        try:
            try:
                if verbinding.sock is None:
                    verbinding.connect()
            except ssl.SSLCertVerificationError as e:
                raise TcNietBereikbaar(
                    "Het certificaat van de andere partij wordt niet vertrouwd; er is niets "
                    "verstuurd."
                ) from e
            except TimeoutError as e:
                raise _VoorVerzenden(
                    "De verbinding met de andere partij kwam niet op tijd tot stand."
                ) from e
            except (OSError, ssl.SSLError) as e:
                raise _VoorVerzenden(
                    "De andere partij is niet bereikbaar; probeer het later opnieuw."
                ) from e
            try:
                verbinding.request(
                    "POST",
                    pad,
                    body=data,
                    headers={"Content-Type": b.CONTENT_TYPE, "SOAPAction": f'"{b.actie(bericht)}"'},
                )
                antwoord = verbinding.getresponse()
                poging.status = antwoord.status
                limiet = b.max_bytes()
                inhoud = antwoord.read(limiet + 1)
                # read to the end and not closed by the other side: the next message may use it
                bewaren = antwoord.isclosed() and not antwoord.will_close
            except TimeoutError as e:
                raise TcNietBereikbaar(
                    "De andere partij antwoordde niet op tijd; het is niet zeker of het bericht "
                    "is aangekomen."
                ) from e
            except (OSError, ssl.SSLError, http.client.HTTPException) as e:
                raise TcNietBereikbaar(
                    "De verbinding met de andere partij werd verbroken; het is niet zeker of het "
                    "bericht is aangekomen."
                ) from e
        finally:
            if bewaren:
                _VERBINDINGEN.terug(sleutel, verbinding)
            else:
                verbinding.close()
        if len(inhoud) > limiet:
            raise TcFout("Het antwoord van de andere partij is te groot.")
        return self._lees_antwoord(antwoord.status, inhoud)

    @staticmethod
    def _lees_antwoord(status: int, inhoud: bytes) -> b.Bericht:
        try:
            gelezen = b.lees(inhoud)
        except b.OngeldigBericht as e:
            if status in _TIJDELIJK_HTTP:
                raise TcNietBereikbaar(
                    f"De andere partij is tijdelijk niet beschikbaar (HTTP {status})."
                ) from e
            if status in _GEWEIGERD_HTTP:
                # a TLS proxy (nginx: ssl_verify_client on) refuses a certificate it cannot
                # verify with a plain 400 page after the handshake, not in the handshake itself
                raise TcNietBereikbaar(
                    f"De andere partij weigerde de verbinding (HTTP {status}); controleer het "
                    "clientcertificaat."
                ) from e
            raise TcFout(f"Het antwoord van de andere partij is onleesbaar: {e}") from e
        if isinstance(gelezen, b.SoapFout):
            raise TcFout(
                f"De andere partij weigerde het bericht: {gelezen.faultstring[:200]}", gelezen
            )
        if status != 200:
            raise TcFout(f"De andere partij antwoordde met HTTP {status}.")
        if not type(gelezen).ELEMENT.endswith("Response"):
            raise TcFout("De andere partij antwoordde niet met een antwoordbericht.")
        return gelezen


class _Verbindingen(threading.local):
    """The open connections of this thread, by (host, port, TLS context), for HTTP keep-alive.

    Hand-written on ``http.client`` rather than urllib3's pool, to keep the one distinction the
    retry rules rest on: whether a failure came before anything was sent (connect, handshake:
    every message may be retried) or after (an overdracht, document or afmelding is never sent
    twice). A connection is taken out while a message uses it (so a nested message, e.g. the
    sessiecontrole while a documentRequest is answered, gets its own) and put back only when its
    answer was read to the end and the other side keeps it open. It is not reused after
    :data:`MAX_STIL` seconds (well below the usual keep-alive time-outs, nginx's 75 s), nor when
    the other side closed it meanwhile (then the socket reads as ready, as urllib3 checks), nor
    in a forked child (Celery's prefork workers).
    """

    MAX_STIL = 20.0
    MAX_AANTAL = 8

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.open: dict[tuple, tuple[http.client.HTTPSConnection, float]] = {}

    def neem(self, sleutel: tuple) -> http.client.HTTPSConnection | None:
        if self.pid != os.getpid():  # a forked child: its parent's sockets are not its own
            self.pid, self.open = os.getpid(), {}
        bewaard = self.open.pop(sleutel, None)
        if bewaard is None:
            return None
        verbinding, sinds = bewaard
        if time.monotonic() - sinds > self.MAX_STIL or _gesloten(verbinding):
            verbinding.close()
            return None
        return verbinding

    def terug(self, sleutel: tuple, verbinding: http.client.HTTPSConnection) -> None:
        oud = self.open.pop(sleutel, None)
        if oud is not None:
            oud[0].close()
        while len(self.open) >= self.MAX_AANTAL:
            self.open.pop(next(iter(self.open)))[0].close()
        self.open[sleutel] = (verbinding, time.monotonic())

    def sluit_alle(self) -> None:
        for verbinding, _ in self.open.values():
            verbinding.close()
        self.open.clear()


def _gesloten(verbinding: http.client.HTTPSConnection) -> bool:
    """A kept connection with something to read between two messages was closed by the other
    side (or holds a stray byte): not reusable."""
    sock = verbinding.sock
    if sock is None:
        return True
    try:
        if isinstance(sock, ssl.SSLSocket) and sock.pending():
            return True
        # poll, not select: a busy process has file descriptors above select's limit of 1024
        peiler = select.poll()
        peiler.register(sock, select.POLLIN)
        return bool(peiler.poll(0))
    except (OSError, ValueError):
        return True


_VERBINDINGEN = _Verbindingen()


def _context_client(cert: Any, key: Any, ca: Any) -> ssl.SSLContext:
    """The mutual-TLS context, made once per set of files (and again when one changes): no key
    is loaded per request, e.g. for the sessiecontrole of every inbound documentRequest."""
    if all(isinstance(p, str) and p for p in (cert, key, ca)):
        try:
            versies = tuple(os.stat(p).st_mtime_ns for p in (cert, key, ca))
        except OSError:
            versies = None
        if versies is not None:
            return _context_gecached(cert, key, ca, versies)
    return pki.ssl_context_client(cert, key, ca)


@functools.lru_cache(maxsize=16)
def _context_gecached(cert: str, key: str, ca: str, _versies: tuple) -> ssl.SSLContext:
    return pki.ssl_context_client(cert, key, ca)


_GEWEIGERD_HTTP = frozenset({400, 403, 495, 496})


def _veilige_url(url: str) -> str:
    """The address without user info or query (never a secret in the log)."""
    delen = urlsplit(url)
    host = delen.hostname or ""
    poort = f":{delen.port}" if delen.port else ""
    return f"{delen.scheme}://{host}{poort}{delen.path}"[:300]
