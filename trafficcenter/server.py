"""A small HTTPS server with mutual TLS for the reference Traffic Center.

Built on the standard library (``wsgiref`` plus ``socketserver.ThreadingMixIn``) so that the
reference TC needs nothing installed: good for development, tests and a demonstration of two LAS
installations on one machine, not a production web server.

- The listening socket accepts plain TCP; the TLS handshake runs in the connection's own thread
  with a timeout, so a client that never finishes its handshake cannot stall the accept loop.
- The context is :func:`trafficcenter_client.pki.ssl_context_server`: a client certificate from the
  configured CA is required.
- The peer's certificate goes into the WSGI environ as ``SSL_CLIENT_CERT`` (PEM) with
  ``HTTPS=on``; the view identifies the caller by it.
- A request body is bounded (``max_bytes``, answered 413 before the application sees it), as are
  the time a connection may be idle (``timeout``) and the number of connections served at once
  (``max_verbindingen``; more wait in the kernel's backlog).
- Only paths under ``pad_prefix`` (``/tc/``, or a tuple of prefixes) reach the application;
  anything else is a 404.
- :meth:`TrafficCenterServer.shutdown` (the management command calls it on SIGTERM) stops
  accepting; :meth:`~TrafficCenterServer.server_close` then waits for the requests in flight.
"""

from __future__ import annotations

import logging
import socket
import socketserver
import ssl
import threading
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from django.core.handlers.wsgi import WSGIHandler

from trafficcenter_client import pki

logger = logging.getLogger(__name__)

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

MAX_BYTES_STANDAARD = 1024 * 1024
TIMEOUT_STANDAARD = 30.0
MAX_VERBINDINGEN_STANDAARD = 32
PAD_PREFIX_STANDAARD = "/tc/"


def _antwoord(start_response: Callable[..., Any], status: str, tekst: str) -> list[bytes]:
    data = tekst.encode("utf-8")
    start_response(
        status,
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(data))),
        ],
    )
    return [data]


def begrensd(app: WsgiApp, *, max_bytes: int, pad_prefix: str | tuple[str, ...]) -> WsgiApp:
    """``app`` behind the server's own limits: path prefix, no chunked bodies, bounded size."""

    def begrensde_app(environ: dict[str, Any], start_response: Callable[..., Any]):
        if not environ.get("PATH_INFO", "").startswith(pad_prefix):
            return _antwoord(start_response, "404 Not Found", "Niet gevonden.")
        if environ.get("HTTP_TRANSFER_ENCODING"):
            # wsgiref cannot read a chunked body; a length is required
            return _antwoord(start_response, "411 Length Required", "Geef een Content-Length.")
        try:
            lengte = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _antwoord(start_response, "400 Bad Request", "Ongeldige Content-Length.")
        if lengte < 0:
            return _antwoord(start_response, "400 Bad Request", "Ongeldige Content-Length.")
        if lengte > max_bytes:
            return _antwoord(start_response, "413 Content Too Large", "Het bericht is te groot.")
        return app(environ, start_response)

    return begrensde_app


class _Handler(WSGIRequestHandler):
    """One request per connection, with the peer certificate in the environ."""

    def get_environ(self) -> dict[str, Any]:
        environ = super().get_environ()
        environ["HTTPS"] = "on"
        certificaat = pki.certificaat_van_verbinding(self.connection)
        if certificaat is not None:
            environ["SSL_CLIENT_CERT"] = pki.certificaat_pem(certificaat).decode("ascii")
        return environ

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        logger.info("%s %s", self.client_address[0], format % args)

    def get_stderr(self):  # wsgiref writes application errors here; send them to logging
        return _LogStroom()


class _LogStroom:
    def write(self, tekst: str) -> None:
        if tekst.strip():
            logger.error("%s", tekst.rstrip())

    def flush(self) -> None:
        pass


class TrafficCenterServer(socketserver.ThreadingMixIn, WSGIServer):
    """A threaded WSGI server that speaks TLS with required client certificates."""

    daemon_threads = False
    request_queue_size = 128  # the kernel's backlog: 16 clients at once must not wait a second
    block_on_close = True  # server_close() waits for the requests in flight
    allow_reuse_address = True

    def __init__(
        self,
        adres: tuple[str, int],
        ssl_context: ssl.SSLContext,
        app: WsgiApp,
        *,
        max_bytes: int = MAX_BYTES_STANDAARD,
        timeout: float = TIMEOUT_STANDAARD,
        max_verbindingen: int = MAX_VERBINDINGEN_STANDAARD,
        pad_prefix: str | tuple[str, ...] = PAD_PREFIX_STANDAARD,
    ) -> None:
        if ssl_context.verify_mode != ssl.CERT_REQUIRED:
            raise ValueError("De Traffic Center-server vereist clientcertificaten (CERT_REQUIRED).")
        self.address_family = socket.AF_INET6 if ":" in adres[0] else socket.AF_INET
        super().__init__(adres, _Handler)
        self.ssl_context = ssl_context
        self.verbinding_timeout = timeout
        self._plaatsen = threading.BoundedSemaphore(max_verbindingen)
        self.set_app(begrensd(app, max_bytes=max_bytes, pad_prefix=pad_prefix))

    @property
    def port(self) -> int:
        return self.server_address[1]

    def process_request(self, request: socket.socket, client_address: Any) -> None:
        # back-pressure: the accept loop waits for a free place instead of starting thread 1000
        self._plaatsen.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._plaatsen.release()
            raise

    def process_request_thread(self, request: socket.socket, client_address: Any) -> None:
        try:
            request.settimeout(self.verbinding_timeout)
            try:
                verbinding = self.ssl_context.wrap_socket(request, server_side=True)
            except (OSError, ValueError) as fout:
                # a refused certificate, a plain-HTTP client, a port scanner: not our error
                logger.info("TLS-verbinding van %s geweigerd: %s", client_address[0], fout)
                self.shutdown_request(request)
                return
            super().process_request_thread(verbinding, client_address)
        finally:
            self._plaatsen.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.exception("Fout in een verbinding van %s", client_address[0])


def start_server(
    port: int = 0,
    *,
    cert: pki.Certificaatbron,
    key: pki.Sleutelbron,
    ca: pki.CaBron,
    host: str = "127.0.0.1",
    app: WsgiApp | None = None,
    **opties: Any,
) -> tuple[TrafficCenterServer, threading.Thread, int]:
    """Start the server in a background thread: ``(server, thread, port)``. ``port=0`` picks a
    free port. Stop it with :func:`stop_server`."""
    context = pki.ssl_context_server(cert, key, ca)
    server = TrafficCenterServer((host, port), context, app or WSGIHandler(), **opties)
    thread = threading.Thread(
        target=server.serve_forever, name=f"trafficcenter-{server.port}", daemon=True
    )
    thread.start()
    return server, thread, server.port


def stop_server(server: TrafficCenterServer, thread: threading.Thread | None = None) -> None:
    """Stop accepting, wait for the requests in flight, close the socket."""
    server.shutdown()
    server.server_close()
    if thread is not None:
        thread.join()
