"""Benchmark of the exchange through the production shape: nginx (mutual TLS) + gunicorn.

    make bench                                       # part of it, when the services are there
    .venv/bin/python -m bench.productie --verzoeken 100 --clients 1 16

Starts :class:`exploitatie.opstelling.Opstelling` (nginx from Debian, gunicorn with 2 gthread
workers in production settings, the reference TC and SWV on a second gunicorn behind the same
nginx, Celery worker and beat, moto's S3, PostgreSQL, Redis), klaarzet the test exchange's
POPO dossier, and measures from this process, as the receiving school (14SS):

- ``volledig``: ``dossier_opvragen``: overdrachtRequest to the TC (a session), documentRequest
  to the bron's ``/oso/soap/`` (which asks the TC for sessiecontrole first), afmeldingRequest;
  every hop through nginx with mutual TLS, on the connections ``TcClient`` keeps open (HTTP
  keep-alive per thread, as in production); a request counts only when it ended
  OverdrachtGeslaagd;
- ``triviaal``: ``GET /oso/soap/`` on the same listener with the same certificate, a new TLS
  connection each time: nginx, mutual TLS, gunicorn and Django's answer 405, without any work.

Each is measured with the product's and the reference world's gunicorn at 1 and at 2 workers
(``--workers``), and printed beside its goal: the full exchange's p95 under 50 ms for one client,
and more full exchanges per second with more workers.

Needs DATABASE_URL (PostgreSQL), REDIS_URL and nginx; without them it says so and exits 0.
Uses its own database beside DATABASE_URL's (``<name>_bench``) and ports from 8500.
"""

from __future__ import annotations

import argparse
import collections
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
    parser.add_argument("--verzoeken", type=int, default=64, help="per row; at least 16 per client")
    parser.add_argument("--pings", type=int, default=320)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
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
            # as a vendor deploys it: nothing beside the repository, sweeping at the default
            standaard_dir="",
            vegen_interval="120",
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


DOEL_P95_MS = 50.0
VOL = 0.9  # the machine's busy share above which more workers have no core to run on


def _machine_bezet(sinds: tuple[int, int] | None = None):
    """The machine's CPU ticks (busy, all) from /proc/stat; with ``sinds``, the busy share
    since then."""
    try:
        velden = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    alles, rust = sum(velden[:8]), velden[3] + velden[4]
    if sinds is None:
        return alles - rust, alles
    return (alles - rust - sinds[0]) / max(1, alles - sinds[1])


def _cpu_per_proces(stapel: opstelling.Opstelling) -> dict[tuple[str, int], float]:
    """CPU seconds used so far, per process and part of the stack (Linux /proc; every thread
    counts): each process of the stack by its process group, PostgreSQL's backends, and this
    process (the receiving LAS). Empty where /proc is missing."""
    if not Path("/proc/self/stat").exists():
        return {}
    tick = os.sysconf("SC_CLK_TCK")
    groepen = {proces.pid: naam for naam, proces in stapel.processen.items()}
    namen = {"web": "web (LAS, gunicorn)", "referentie": "referentie-TC en -SWV (gunicorn)"}
    gebruikt: dict[tuple[str, int], float] = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        kop, _, rest = stat.rpartition(")")
        velden = rest.split()
        seconden = (int(velden[11]) + int(velden[12])) / tick
        if int(pid) == os.getpid():
            gebruikt[("dit proces (ontvangende LAS)", int(pid))] = seconden
        elif int(velden[2]) in groepen:
            naam = groepen[int(velden[2])]
            gebruikt[(namen.get(naam, naam), int(pid))] = seconden
        elif kop.endswith("(postgres"):
            gebruikt[("PostgreSQL", int(pid))] = seconden
    return gebruikt


def _cpu_verschil(voor, na, aantal: int) -> dict[str, float]:
    """CPU seconds per request and part, between two readings; a process that started or ended
    in between (a database connection, say) counts from zero or is left out."""
    per_deel: dict[str, float] = collections.Counter()
    for (naam, pid), seconden in na.items():
        per_deel[naam] += (seconden - voor.get((naam, pid), 0.0)) / aantal
    return dict(per_deel)


def _doelen(figuren: dict[tuple[str, int, int], tuple[float, float]], args) -> None:
    """The goals of issue 12, each beside its figure (a figure, not a test: nothing fails)."""
    print()
    meeste = max(args.workers)
    een = figuren.get(("volledig", meeste, 1))
    if een:
        haalt = "gehaald" if een[0] < DOEL_P95_MS else "NIET gehaald"
        print(
            f"   doel: volledig, 1 client, p95 < {DOEL_P95_MS:.0f} ms: {een[0]:.1f} ms "
            f"({meeste} workers) -> {haalt}"
        )
    clients = max(args.clients)
    reeks = [(w, figuren[("volledig", w, clients)][1]) for w in sorted(args.workers)
             if ("volledig", w, clients) in figuren]  # fmt: skip
    if len(reeks) > 1:
        groeit = all(b[1] > a[1] for a, b in zip(reeks, reeks[1:], strict=False))
        tekst = ", ".join(f"{w} worker(s) {per_s:.1f}/s" for w, per_s in reeks)
        print(
            f"   doel: volledig, {clients} clients, meer per seconde met meer workers: {tekst} "
            f"-> {'gehaald' if groeit else 'NIET gehaald'}"
        )


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

    print()
    print("Uitwisseling door nginx (mutual TLS) + gunicorn (× 4 threads), PostgreSQL")
    print(
        f"{'scenario':<10} {'workers':>7} {'clients':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'per s':>8} {'n':>5}  fouten"
    )
    mislukt = 0
    figuren: dict[tuple[str, int, int], tuple[float, float]] = {}
    cpu: dict[str, float] = {}
    bezet: dict[int, float] = {}
    for workers in args.workers:
        stapel.stop_web()
        stapel.start_web(workers)
        # warm: every gunicorn thread's imports and PostgreSQL connection, the TLS contexts
        meet(volledig, 8, 32)
        meet(triviaal, 8, 32)
        for scenario, verzoek, aantal in (
            ("volledig", volledig, args.verzoeken),
            ("triviaal", triviaal, args.pings),
        ):
            for clients in args.clients:
                voor, bezet_voor = _cpu_per_proces(stapel), _machine_bezet()
                # at least 16 requests per client (4 with --snel): over fewer rounds the rate
                # is mostly ramp-up
                tijden, wand, fouten = meet(
                    verzoek, clients, max(aantal, (4 if args.snel else 16) * clients)
                )
                if scenario == "volledig" and clients == 1:
                    na = _cpu_per_proces(stapel)
                    cpu = _cpu_verschil(voor, na, len(tijden))
                if scenario == "volledig" and clients == max(args.clients) and bezet_voor:
                    bezet[workers] = _machine_bezet(bezet_voor)
                mislukt += fouten
                p95, per_s = _p(tijden, 95) * 1000, len(tijden) / wand
                figuren[(scenario, workers, clients)] = (p95, per_s)
                print(
                    f"{scenario:<10} {workers:>7} {clients:>7} {_p(tijden, 50) * 1000:>8.1f} "
                    f"{p95:>8.1f} {per_s:>8.1f} {len(tijden):>5}  {fouten}",
                    flush=True,
                )
    _doelen(figuren, args)
    if cpu:
        delen = ", ".join(f"{naam} {sec * 1000:.1f}" for naam, sec in sorted(
            cpu.items(), key=lambda kv: -kv[1]) if sec > 0)  # fmt: skip
        print(
            f"   CPU per volledige uitwisseling (1 client, {args.workers[-1]} workers), in ms: "
            f"{delen}; samen {sum(cpu.values()) * 1000:.1f} ms (met één client volgen de "
            "stappen elkaar op)"
        )
    for workers, deel in bezet.items():
        print(
            f"   volledig, {max(args.clients)} clients, {workers} worker(s): de {os.cpu_count()} "
            f"kernen van de machine waren {deel:.0%} bezig"
        )
    minste = min(args.workers)
    if bezet.get(minste, 0.0) >= VOL:
        print(
            f"   de machine was met {minste} worker(s) al vol: meer workers hebben hier geen "
            "vrije kern; of de doorvoer met workers groeit, laat alleen een machine met meer "
            "kernen zien (of de TC, de database en de client op een andere)"
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
