"""``manage.py trafficcenter_server``: run the reference Traffic Center over HTTPS with mutual TLS.

The server presents ``--cert``/``--key`` and accepts only clients with a certificate from ``--ca``
(defaults: the settings ``OSO_TC_CERT``, ``OSO_TC_KEY``, ``OSO_TC_CA``). The same certificate is
the one doel systems encrypt zoeksleutels to; when the settings are empty the command fills them
for this process from its options, so that the two can never differ. SIGTERM and SIGINT stop it
gracefully: no new connections, the requests in flight are finished.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from trafficcenter import server as tc_server
from trafficcenter_client import pki


class Command(BaseCommand):
    help = (
        "Start het referentie-Traffic Center: HTTPS met verplichte clientcertificaten, "
        "SOAP-endpoint onder /tc/soap/."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Adres (standaard: %(default)s).")
        parser.add_argument(
            "--port", type=int, default=8443, help="Poort (standaard: %(default)s)."
        )
        parser.add_argument("--cert", help="Servercertificaat (PEM); standaard OSO_TC_CERT.")
        parser.add_argument(
            "--key", help="Sleutel van het servercertificaat; standaard OSO_TC_KEY."
        )
        parser.add_argument("--ca", help="CA van de clientcertificaten (PEM); standaard OSO_TC_CA.")
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=tc_server.MAX_BYTES_STANDAARD,
            help="Grootste toegestane bericht in bytes (standaard: %(default)s).",
        )
        parser.add_argument(
            "--max-verbindingen",
            type=int,
            default=tc_server.MAX_VERBINDINGEN_STANDAARD,
            help="Verbindingen die tegelijk worden behandeld (standaard: %(default)s).",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=tc_server.TIMEOUT_STANDAARD,
            help="Seconden dat een verbinding stil mag zijn (standaard: %(default)s).",
        )

    def _pad(self, options: dict[str, Any], optie: str, instelling: str) -> str:
        waarde = options.get(optie) or getattr(settings, instelling, None)
        if not waarde:
            raise CommandError(f"Geef --{optie} of zet {instelling} in de instellingen.")
        if not Path(waarde).is_file():
            raise CommandError(f"Het bestand voor --{optie} bestaat niet: {waarde}")
        if not getattr(settings, instelling, None):
            # the TLS certificate and the zoeksleutel certificate are one and the same
            setattr(settings, instelling, str(waarde))
        return str(waarde)

    def handle(self, *args: Any, **options: Any) -> None:
        cert = self._pad(options, "cert", "OSO_TC_CERT")
        key = self._pad(options, "key", "OSO_TC_KEY")
        ca = self._pad(options, "ca", "OSO_TC_CA")
        if options["max_bytes"] <= 0 or options["max_verbindingen"] <= 0 or options["timeout"] <= 0:
            raise CommandError("--max-bytes, --max-verbindingen en --timeout moeten positief zijn.")
        try:
            server, thread, port = tc_server.start_server(
                options["port"],
                cert=cert,
                key=key,
                ca=ca,
                host=options["host"],
                max_bytes=options["max_bytes"],
                max_verbindingen=options["max_verbindingen"],
                timeout=options["timeout"],
            )
        except (OSError, ValueError, pki.PkiFout) as fout:
            raise CommandError(f"Het Traffic Center kan niet starten: {fout}") from fout

        gestopt = threading.Event()

        def stop(signum: int, frame: Any) -> None:
            gestopt.set()

        vorige = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        self.stdout.write(
            f"Traffic Center luistert op https://{options['host']}:{port}/tc/soap/ "
            "(stoppen: Ctrl+C of SIGTERM)"
        )
        try:
            while not gestopt.wait(0.5) and thread.is_alive():
                pass
        finally:
            for sig, handler in vorige.items():
                signal.signal(sig, handler)
            self.stdout.write("Traffic Center stopt; lopende verzoeken worden afgemaakt.")
            tc_server.stop_server(server, thread)
        self.stdout.write("Traffic Center gestopt.")
