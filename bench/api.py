"""Benchmark of the REST API: listing 1,000 overstapdossiers and fetching one version, beside
a trivial endpoint of the same server, and the number of queries per page size.

    make bench                                  # after bench.dossiers and bench.uitwisseling
    .venv/bin/python -m bench.api --snel        # fewer requests: a smoke check
    .venv/bin/python -m bench.api --poort 8604  # serve on a given loopback port (else a free one)

Like the other benches it runs against a fresh temporary ``OSO_VAR_DIR`` (SQLite, or with
``DATABASE_URL`` a throw-away database on that server). The world: De Regenboog (14SS) with
one pupil with every block filled, collected and klaargezet, and 999 copies of that pupil
(``bench.wereld.kopieer_leerling``) whose dossiers carry a copy of that version: 1,000
dossiers with a current version. One API client with a mandate for the school (rate limit
lifted for the run). The application is served by a real HTTP server (wsgiref, threads) on
loopback; the client is ``http.client`` with a bearer token, one request at a time.

Scenarios (each request audited as in production, ``api_aanroep``):
- ``ping``: ``GET /api/v1/ping``, no authentication: one Django request, nothing else;
- ``page of 100``: ``GET /api/v1/scholen/14SS/dossiers?page_size=100``;
- ``all 1,000``: the whole list, following ``next`` (10 pages of 100);
- ``version metadata`` and ``version XML``: ``/api/v1/dossiers/{id}/versies/1`` (JSON, and
  ``/xml``, the klaargezette document).

It prints figures and never fails because something is slow; it exits 1 when a response was
not what it should be, or when the number of queries of a list page grows with the page size.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.dossiers import Reeks, _database, _django, _kop, _tabel, piek_rss_mb

KOPPEN = (
    "1. API latency beside a trivial endpoint, same server",
    "2. Queries per list request, by page size",
)
AANTAL_DOSSIERS = 1000
STANDAARD_RUNS = 30
SNEL_RUNS = 3
PAGINAGROOTTES = (10, 50, 100)


def _argumenten(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.api", description=__doc__)
    parser.add_argument("--snel", action="store_true", help="a few runs: a smoke check")
    parser.add_argument("--runs", type=int, default=None, help="requests per scenario")
    parser.add_argument("--dossiers", type=int, default=AANTAL_DOSSIERS)
    parser.add_argument("--poort", type=int, default=0, help="loopback port (0: a free one)")
    args = parser.parse_args(argv)
    args.runs = args.runs or (SNEL_RUNS if args.snel else STANDAARD_RUNS)
    return args


def _wereld(aantal: int):
    """The school, ``aantal`` dossiers with a version, one klaargezet; a client and secret."""
    import hashlib

    from bench import wereld
    from dossiers import services
    from dossiers.models import DossierVersie, Overstapdossier, Status, Verzamelopdracht
    from koppelingen.scopes import SCOPES
    from koppelingen.services import client_registreren

    school = wereld.po_school()
    bron = wereld.volledige_leerling(school, toetsen=10)
    keuzes = wereld.volledige_keuzes(bron)
    dossier = services.dossier_van(bron)
    opdracht = services.verzamelen_aanvragen(dossier=dossier, keuzes=keuzes, direct=True)
    versie = services.verzamel(opdracht.pk)
    dossier.refresh_from_db()
    services.klaarzetten(dossier=dossier)
    ids = wereld.kopieer_leerling(bron, aantal - 1)
    dossiers = Overstapdossier.objects.bulk_create(
        [Overstapdossier(leerling_id=i, binnen_brin=True) for i in ids]
    )
    opdrachten = Verzamelopdracht.objects.bulk_create(
        [Verzamelopdracht(dossier=d, profiel=versie.profiel, status="klaar") for d in dossiers]
    )
    xml = bytes(versie.xml)
    versies = DossierVersie.objects.bulk_create(
        [
            DossierVersie(
                dossier=d,
                opdracht=o,
                nummer=1,
                profiel=versie.profiel,
                verzameld_op=versie.verzameld_op,
                xml=xml,
                sha256=hashlib.sha256(xml).hexdigest(),
                categorieen=versie.categorieen,
                samenvatting=versie.samenvatting,
            )
            for d, o in zip(dossiers, opdrachten, strict=True)
        ]
    )
    for d, v in zip(dossiers, versies, strict=True):
        d.huidige_versie = v
        d.status = Status.VERZAMELD
    Overstapdossier.objects.bulk_update(dossiers, ["huidige_versie", "status"], batch_size=500)
    client, secret = client_registreren(
        naam="Bench", scopes=sorted(SCOPES), school_ids=[school.pk], user=None
    )
    return school, dossier, client, secret


class _Server:
    def __init__(self, poort: int):
        from socketserver import ThreadingMixIn
        from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

        from django.core.handlers.wsgi import WSGIHandler

        class Stil(WSGIRequestHandler):
            def log_message(self, *args):
                pass

        class Threaded(ThreadingMixIn, WSGIServer):
            daemon_threads = True

        self.httpd = make_server(
            "127.0.0.1", poort, WSGIHandler(), server_class=Threaded, handler_class=Stil
        )
        self.poort = self.httpd.server_port
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class _Client:
    def __init__(self, poort: int):
        self.verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=120)
        self.kop: dict[str, str] = {}

    def vraag(self, methode: str, pad: str, body=None, kop=None) -> tuple[int, dict, bytes]:
        self.verbinding.request(methode, pad, body=body, headers={**self.kop, **(kop or {})})
        antwoord = self.verbinding.getresponse()
        return antwoord.status, dict(antwoord.getheaders()), antwoord.read()


def _meet(runs: int, stappen) -> list[Reeks]:
    reeksen = [Reeks(naam) for naam, _ in stappen]
    for _naam, stap in stappen:
        stap()  # once, not counted
    for _ in range(runs):
        for reeks, (_naam, stap) in zip(reeksen, stappen, strict=True):
            begin = time.perf_counter()
            stap()
            reeks.tijden.append(time.perf_counter() - begin)
    return reeksen


def main(argv=None) -> int:
    args = _argumenten(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    os.environ["OSO_API_RATE"] = "1000000/min"
    begin = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="oso-bench-api-") as tijdelijk:
        notities = _django(Path(tijdelijk))
        from dossiers.xsd import StandaardNietGevonden, xsd_pad

        try:
            xsd_pad()
        except StandaardNietGevonden as exc:
            print(f"bench: {exc}", file=sys.stderr)
            return 2
        database, opruimen = _database()
        try:
            return _run(args, database, notities, begin)
        finally:
            opruimen()


def _run(args, database: str, notities: list[str], begin: float) -> int:
    import base64

    import django

    print("OSO-module benchmark: REST API")
    print(f"   database   {database}")
    print(
        f"   python {platform.python_version()}, Django {django.get_version()}, "
        f"{os.cpu_count()} CPU(s)"
    )
    print(
        f"   mode       {'--snel' if args.snel else 'full'}: {args.runs} run(s) per scenario, "
        f"{args.dossiers:,} dossiers"
    )
    for notitie in notities:
        print(f"   note       {notitie}")
    school, dossier, client, secret = _wereld(args.dossiers)
    server = _Server(args.poort)
    fouten: list[str] = []
    try:
        http_client = _Client(server.poort)
        basic = base64.b64encode(f"{client.applicatie.client_id}:{secret}".encode()).decode()
        status, _k, body = http_client.vraag(
            "POST",
            "/api/v1/token/",
            body="grant_type=client_credentials",
            kop={
                "Authorization": f"Basic {basic}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        if status != 200:
            print(f"bench: no token ({status})", file=sys.stderr)
            return 1
        http_client.kop = {"Authorization": f"Bearer {json.loads(body)['access_token']}"}
        brin = school.brincode
        versie_pad = f"/api/v1/dossiers/{dossier.pk}/versies/1"

        def verwacht(status, kop, body, *, type_, iets=b""):
            if (
                status != 200
                or not kop.get("Content-Type", "").startswith(type_)
                or iets not in body
            ):
                fouten.append(f"{status} {kop.get('Content-Type')}")

        def ping():
            verwacht(*http_client.vraag("GET", "/api/v1/ping"), type_="application/json")

        def pagina():
            status, kop, body = http_client.vraag(
                "GET", f"/api/v1/scholen/{brin}/dossiers?page_size=100"
            )
            verwacht(status, kop, body, type_="application/json")
            if status == 200 and len(json.loads(body)["results"]) != 100:
                fouten.append("page of 100 did not hold 100 dossiers")

        def alles():
            pad, gezien = f"/api/v1/scholen/{brin}/dossiers?page_size=100", 0
            while pad:
                status, kop, body = http_client.vraag("GET", pad)
                verwacht(status, kop, body, type_="application/json")
                data = json.loads(body)
                gezien += len(data["results"])
                pad = data["next"].split(f":{server.poort}", 1)[-1] if data["next"] else None
            if gezien != args.dossiers:
                fouten.append(f"listed {gezien} of {args.dossiers} dossiers")

        def metadata():
            verwacht(*http_client.vraag("GET", versie_pad), type_="application/json")

        def xml():
            verwacht(
                *http_client.vraag("GET", versie_pad + "/xml"), type_="application/xml", iets=b"<"
            )

        _kop(KOPPEN[0])
        reeksen = _meet(
            args.runs,
            [
                ("ping (no auth)", ping),
                ("page of 100", pagina),
                (f"all {args.dossiers:,} ({-(-args.dossiers // 100)} pages)", alles),
                ("version metadata", metadata),
                ("version XML", xml),
            ],
        )
        _tabel(
            ["scenario", "p50 ms", "p95 ms", "runs"],
            [
                [r.naam, f"{r.mediaan * 1000:.1f}", f"{r.p95 * 1000:.1f}", str(len(r.tijden))]
                for r in reeksen
            ],
        )
    finally:
        server.stop()

    _kop(KOPPEN[1])
    aantallen = _queries(school, client)
    _tabel(["page size", "queries"], [[str(k), str(v)] for k, v in aantallen.items()])
    constant = len(set(aantallen.values())) == 1
    print(f"   constant in the page size: {'yes' if constant else 'NO'}")
    if not constant:
        fouten.append("the number of queries grows with the page size")
    print()
    print(f"Done in {time.perf_counter() - begin:.0f} s; peak RSS {piek_rss_mb():.0f} MB")
    for fout in sorted(set(fouten)):
        print(f"bench: {fout}", file=sys.stderr)
    return 1 if fouten else 0


def _queries(school, client) -> dict[int, int]:
    import datetime as dt
    import secrets

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from oauth2_provider.models import AccessToken

    from koppelingen.scopes import SCOPES

    waarde = secrets.token_urlsafe(30)
    AccessToken.objects.create(
        application=client.applicatie,
        token=waarde,
        scope=" ".join(SCOPES),
        expires=timezone.now() + dt.timedelta(hours=1),
    )
    http = Client(HTTP_AUTHORIZATION=f"Bearer {waarde}")
    uitkomst = {}
    for grootte in PAGINAGROOTTES:
        with CaptureQueriesContext(connection) as q:
            antwoord = http.get(f"/api/v1/scholen/{school.brincode}/dossiers?page_size={grootte}")
        assert antwoord.status_code == 200, antwoord.content
        uitkomst[grootte] = len(q.captured_queries)
    return uitkomst


if __name__ == "__main__":
    sys.exit(main())
