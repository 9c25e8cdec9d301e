"""Benchmark of the exchange through the production shape: nginx (mutual TLS) + gunicorn.

    make bench                                       # part of it, when the services are there
    .venv/bin/python -m bench.productie --verzoeken 100 --clients 1 16

Starts :class:`exploitatie.opstelling.Opstelling` (nginx from Debian, gunicorn with 2 gthread
workers in production settings, the reference TC and SWV on a second gunicorn behind the same
nginx, Celery worker and beat, moto's S3, PostgreSQL, Redis), klaarzet the test exchange's
POPO dossier, and measures from this process, as the receiving school (14SS):

- ``volledig``: ``dossier_opvragen``: overdrachtRequest to the TC (a session), documentRequest
  to the bron's ``/oso/soap/`` (which asks the TC for sessiecontrole first), afmeldingRequest;
  every hop through nginx with mutual TLS, each message on a new connection as ``TcClient`` makes
  them; a request counts only when it ended OverdrachtGeslaagd;
- ``triviaal``: ``GET /oso/soap/`` on the same listener with the same certificate: nginx, mutual
  TLS, gunicorn and Django's answer 405, without any work.

Needs DATABASE_URL (PostgreSQL), REDIS_URL and nginx; without them it says so and exits 0.
Uses its own database beside DATABASE_URL's (``<name>_bench``) and ports from 8500.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from exploitatie import opstelling


def _p(waarden: list[float], q: float) -> float:
    if len(waarden) < 2:
        return waarden[0] if waarden else 0.0
    return statistics.quantiles(waarden, n=100, method="inclusive")[int(q) - 1]


def meet(
    verzoek, clients: int, aantal: int
) -> tuple[list[float], float, int]:  # latencies, wall time, failures
    tijden: list[float] = []
    fouten = 0
    slot = threading.Lock()
    per_client = max(1, aantal // clients)

    def client() -> None:
        nonlocal fouten
        for _ in range(per_client):
            begin = time.perf_counter()
            gelukt = verzoek()
            duur = time.perf_counter() - begin
            with slot:
                tijden.append(duur)
                fouten += 0 if gelukt else 1

    draden = [threading.Thread(target=client) for _ in range(clients)]
    begin = time.perf_counter()
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    return tijden, time.perf_counter() - begin, fouten


def _django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "oso_las.settings"
    import logging

    import django

    django.setup()
    logging.getLogger().setLevel(logging.WARNING)  # figures, not every message's log line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verzoeken", type=int, default=64)
    parser.add_argument("--pings", type=int, default=320)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--snel", action="store_true", help="16 requests, 64 pings")
    args = parser.parse_args(argv)
    if args.snel:
        args.verzoeken, args.pings = 16, 64
    database_url, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not database_url.startswith("postgres") or not redis_url or not opstelling.nginx_pad():
        print("bench.productie overgeslagen: vraagt PostgreSQL, Redis en nginx.")
        return 0
    naam = urlsplit(database_url).path.lstrip("/") or "oso"
    with tempfile.TemporaryDirectory(prefix="oso-bench-productie-") as werkmap:
        stapel = opstelling.Opstelling(
            werkmap=Path(werkmap),
            basis=int(os.environ.get("OSO_PRODUCTIE_POORT", "8500")),
            database_url=opstelling.database_naast(database_url, f"{naam}_bench"),
            redis_url=redis_url,
            standaard_dir=os.environ.get("OSO_STANDARD_DIR")
            or str(opstelling.REPO.parent / "shared" / "oso" / "standard-2019.1"),
        )
        # SIGTERM (a stopped make bench) still stops every process of the stack
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            print("Productieopstelling starten (nginx, gunicorn, Celery, S3)...", flush=True)
            stapel.start()
            # registers the aanleverpunten and klaarzet the POPO dossier 15TT -> 14SS
            subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", "oso_testuitwisseling", "--host", "127.0.0.1",
                 "--tc-poort", str(stapel.oso_poort), "--las-poort", str(stapel.oso_poort)],
                cwd=opstelling.REPO, env=stapel.gereedschap_env(), check=True,
                capture_output=True, timeout=600,
            )  # fmt: skip
            return _meten(stapel, args)
        finally:
            stapel.stop_alles()
            opstelling.verse_database(stapel.database_url, aanmaken=False)


def _commit_ms() -> float:
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_commit (x int)")
    tijden = []
    for _ in range(30):
        begin = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_commit VALUES (1)")
        tijden.append((time.perf_counter() - begin) * 1000)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_commit")
    return statistics.median(tijden)


def _meten(stapel: opstelling.Opstelling, args: argparse.Namespace) -> int:
    _django(stapel.gereedschap_env())
    from trafficcenter_client import testuitwisseling as t
    from trafficcenter_client.berichten import Resultaatcode
    from trafficcenter_client.models import OpvraagStatus
    from trafficcenter_client.services import dossier_opvragen

    overstap = t.OVERSTAPPEN[0]  # POPO 15TT -> 14SS, klaargezet by the test exchange
    leerling = t.kies_leerling(overstap)
    doel = t._school(overstap.doel_brin)
    user = t.medewerker(doel)

    def volledig() -> bool:
        opvraging = dossier_opvragen(
            school=doel,
            herkomst_brin=overstap.bron_brin,
            pgn_type=leerling.pgn_type,
            pgn=leerling.pgn,
            user=user,
        )
        return (
            opvraging.status == OpvraagStatus.KLAAR
            and opvraging.resultaat == Resultaatcode.OVERDRACHT_GESLAAGD.value
        )

    context = ssl.create_default_context(cafile=str(stapel.pki / "ca.pem"))
    context.load_cert_chain(str(stapel.pki / "las.pem"), str(stapel.pki / "las-key.pem"))

    def triviaal() -> bool:
        verbinding = http.client.HTTPSConnection(
            "127.0.0.1", stapel.oso_poort, context=context, timeout=30
        )
        try:
            verbinding.request("GET", "/oso/soap/")
            antwoord = verbinding.getresponse()
            antwoord.read()
            return antwoord.status == 405
        finally:
            verbinding.close()

    volledig()  # warm: connections to PostgreSQL, imports, the TLS contexts
    triviaal()
    print()
    print("Uitwisseling door nginx (mutual TLS) + gunicorn (2 workers × 4 threads), PostgreSQL")
    print(
        f"{'scenario':<10} {'clients':>7} {'p50 ms':>8} {'p95 ms':>8} {'per s':>8} {'n':>5}  fouten"
    )
    mislukt = 0
    for scenario, verzoek, aantal in (
        ("volledig", volledig, args.verzoeken),
        ("triviaal", triviaal, args.pings),
    ):
        for clients in args.clients:
            tijden, wand, fouten = meet(verzoek, clients, aantal)
            mislukt += fouten
            print(
                f"{scenario:<10} {clients:>7} {_p(tijden, 50) * 1000:>8.1f} "
                f"{_p(tijden, 95) * 1000:>8.1f} {len(tijden) / wand:>8.1f} {len(tijden):>5}  "
                f"{fouten}",
                flush=True,
            )
    print(f"({os.cpu_count()} cores; client, nginx, gunicorn, TC and database on one machine)")
    print(
        f"PostgreSQL: a durable commit takes {_commit_ms():.1f} ms (median) on this server; a full"
        " request commits at the TC and at the LAS many times (each message is logged), so on a"
        " busy disk that is most of its time."
    )
    return 1 if mislukt else 0


if __name__ == "__main__":
    raise SystemExit(main())
