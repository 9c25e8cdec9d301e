"""``manage.py oso_testuitwisseling``: the test exchange a school runs before it joins OSO.

Without options, on this installation's database (after ``make run``'s set-up): when the
reference Traffic Center and this LAS's endpoint already answer on their ports (``make run`` is
running) it uses them; otherwise it starts them itself on those ports, over HTTPS with client
certificates of the development PKI in ``OSO_VAR_DIR/pki``. ``--poorten-vrij`` takes free ports
instead (tests). ``--twee-las`` runs it between two LAS installations, each its own process
with its own database, and the reference Traffic Center as a third process
(:mod:`trafficcenter_client.tweelas`).

Prints every step with its profile or result code; exits with 1 when any step failed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from trafficcenter_client import ontwikkeling, testuitwisseling
from trafficcenter_client.models import TcVerbinding


class Command(BaseCommand):
    help = (
        "Testuitwisseling tussen de demoscholen via het referentie-Traffic Center, over HTTPS "
        "met clientcertificaten: POPO, POVO, VOVO, binnen-brin, foutresultaten, afmelding, "
        "notificatie. Stopt met code 1 bij een fout."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--tc-poort", type=int, default=ontwikkeling.TC_POORT)
        parser.add_argument("--las-poort", type=int, default=ontwikkeling.LAS_POORT)
        parser.add_argument(
            "--poorten-vrij",
            action="store_true",
            help="Start de diensten op vrije poorten in plaats van --tc-poort en --las-poort.",
        )
        parser.add_argument(
            "--twee-las",
            action="store_true",
            help="Twee LAS-installaties met elk een eigen database en proces, plus het TC.",
        )
        parser.add_argument("--werkmap", help="Map voor --twee-las (standaard: tijdelijk).")
        parser.add_argument(
            "--stap", help=argparse_suppress(), default=None
        )  # internal: one step of --twee-las in this installation
        parser.add_argument("--invoer", help=argparse_suppress(), default=None)
        parser.add_argument("--uitvoer", help=argparse_suppress(), default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        verslag = testuitwisseling.Verslag(self.stdout.write)
        if options["stap"]:
            from trafficcenter_client import tweelas

            tweelas.voer_stap_uit(
                options["stap"], Path(options["invoer"]), Path(options["uitvoer"]), verslag
            )
        elif options["twee_las"]:
            from trafficcenter_client import tweelas

            werkmap = options["werkmap"]
            with tempfile.TemporaryDirectory(prefix="oso-tweelas-") as tijdelijk:
                tweelas.twee_las(verslag, Path(werkmap or tijdelijk))
        else:
            self._een_las(verslag, options)
        if verslag.geslaagd:
            self.stdout.write(self.style.SUCCESS("Testuitwisseling geslaagd."))
            return
        self.stdout.write(
            self.style.ERROR(f"Testuitwisseling mislukt: {len(verslag.fouten)} fout(en).")
        )
        raise SystemExit(1)

    def _een_las(self, verslag: testuitwisseling.Verslag, options: dict[str, Any]) -> None:
        host = options["host"]
        pki_map = Path(settings.VAR_DIR) / "pki"
        p = ontwikkeling.zorg_voor_pki(pki_map)
        wereld = None
        if options["poorten_vrij"]:
            tc_poort = las_poort = 0
        else:
            tc_poort, las_poort = options["tc_poort"], options["las_poort"]
        draait = tc_poort and ontwikkeling.luistert(host, tc_poort)
        if draait:
            if not ontwikkeling.luistert(host, las_poort):
                raise CommandError(
                    f"Op poort {tc_poort} draait iets, maar op {las_poort} niet: stop het of "
                    "kies andere poorten (--tc-poort, --las-poort, --poorten-vrij)."
                )
            verbinding = TcVerbinding.huidige()
            las_url = f"https://{host}:{las_poort}/oso/soap/"
            ontwikkeling.gebruik_tc_sleutel(p)
            verslag.ok(f"draaiende diensten gebruikt: Traffic Center {verbinding.tc_url}")
        else:
            try:
                wereld = ontwikkeling.start_wereld(
                    p, host=host, tc_poort=tc_poort, las_poort=las_poort
                )
            except OSError as fout:
                raise CommandError(f"De diensten kunnen niet starten: {fout}") from fout
            verbinding = ontwikkeling.verbinding_instellen(p, wereld.tc_url)
            las_url = wereld.las_url
            verslag.ok(
                f"referentie-Traffic Center gestart op {wereld.tc_url}, LAS-endpoint op {las_url}"
            )
        try:
            if not draait:  # a running world (make run) granted them itself
                ontwikkeling.mandaten_verlenen(p)
                verslag.ok("mandaten van de demoscholen verleend bij het Traffic Center")
            for ap, code in ontwikkeling.aanleverpunten_registreren(las_url):
                regel = f"aanleverpunt {ap.school.brincode}/{ap.nummer} registreren: {code}"
                if code == "AanleverpuntGeregistreerd":
                    verslag.ok(regel)
                else:
                    verslag.fout(regel)
            for kenmerk, gelukt in ontwikkeling.swv_instellen(p, verbinding.tc_url, las_url):
                regel = f"referentie-SWV {kenmerk} registreren"
                (verslag.ok if gelukt else verslag.fout)(regel)
            with (
                tempfile.TemporaryDirectory(prefix="oso-test-") as werkmap,
                testuitwisseling.logregels(stil=options["verbosity"] < 2) as log,
            ):
                testuitwisseling.een_las(
                    verslag,
                    verbinding=verbinding,
                    pki_map=pki_map,
                    werkmap=Path(werkmap),
                    log=log,
                )
        finally:
            if wereld is not None:
                wereld.stop()


def argparse_suppress() -> str:
    import argparse

    return argparse.SUPPRESS
