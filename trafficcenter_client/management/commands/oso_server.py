"""``manage.py oso_server``: this LAS's OSO endpoint (``/oso/soap/``) over HTTPS with mutual TLS.

For a second LAS installation on one machine (the two-LAS test exchange) or a demonstration. In
production a web server in front of the application ends TLS, requires the client certificate
and hands it on as ``SSL_CLIENT_CERT``. SIGTERM and SIGINT stop it gracefully.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trafficcenter import server as tc_server
from trafficcenter_client import pki


class Command(BaseCommand):
    help = "Start het OSO-endpoint van deze LAS: HTTPS met verplichte clientcertificaten."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8444, help="0: een vrije poort.")
        parser.add_argument("--cert", required=True, help="Servercertificaat (PEM).")
        parser.add_argument("--key", required=True, help="Sleutel van het servercertificaat.")
        parser.add_argument("--ca", required=True, help="CA van de clientcertificaten (PEM).")

    def handle(self, *args: Any, **options: Any) -> None:
        for optie in ("cert", "key", "ca"):
            if not Path(options[optie]).is_file():
                raise CommandError(f"Het bestand voor --{optie} bestaat niet: {options[optie]}")
        try:
            server, thread, port = tc_server.start_server(
                options["port"],
                cert=options["cert"],
                key=options["key"],
                ca=options["ca"],
                host=options["host"],
                pad_prefix=("/oso/", "/swv/"),
            )
        except (OSError, ValueError, pki.PkiFout) as fout:
            raise CommandError(f"Het OSO-endpoint kan niet starten: {fout}") from fout
        gestopt = threading.Event()
        vorige = {
            sig: signal.signal(sig, lambda *_: gestopt.set())
            for sig in (signal.SIGTERM, signal.SIGINT)
        }
        self.stdout.write(f"OSO-endpoint luistert op https://{options['host']}:{port}/oso/soap/")
        self.stdout.flush()
        try:
            while not gestopt.wait(0.5) and thread.is_alive():
                pass
        finally:
            for sig, handler in vorige.items():
                signal.signal(sig, handler)
            tc_server.stop_server(server, thread)
        self.stdout.write("OSO-endpoint gestopt.")
