"""Benchmark of the exchange: a full dossier request through the reference Traffic Center.

    make bench                                       # after bench.dossiers; about a minute
    .venv/bin/python -m bench.uitwisseling --snel    # fewer requests: a smoke check
    .venv/bin/python -m bench.uitwisseling --verzoeken 400 --pings 2000 --clients 1 4 16

It prints figures and never fails because something is slow; it exits 1 when a request did not
end as it should (figures of failed requests mean nothing). Like ``bench.dossiers`` it runs
against a fresh temporary ``OSO_VAR_DIR`` (its own SQLite database, or with ``DATABASE_URL`` a
throw-away database on that server) and a test PKI of its own made for this run.

One full request is what the receiving school does: Het College (16UU) calls
``trafficcenter_client.services.dossier_opvragen`` for a pupil of De Regenboog (14SS) whose
POPO dossier is klaargezet for 16UU. That is an overdrachtRequest to the TC (a new session), a
documentRequest to De Regenboog's LAS endpoint, which first asks the TC for sessiecontrole and
then serves the klaargezette dossier, and an afmeldingRequest: four HTTPS requests, each on a
new mutual-TLS connection as ``TcClient`` makes them, and every row the flow writes. A request
counts as ended well when the opvraging holds exactly the klaargezette document with result
OverdrachtGeslaagd and the TC has the session afgemeld with that result.

Beside it, ``GET /tc/ping/`` on the same TC server over the same mutual TLS: the cost of one
connection and one Django request without any Traffic Center work.

Each scenario runs with 1 and with 16 clients (threads; each client its own ``TcClient``).
The TC (``/tc/``), the LAS endpoint (``/oso/``) and the clients all run in this one process,
as ``trafficcenter.server`` threads on free loopback ports: one GIL for three parties that in
real life are three machines, so the figures at 16 clients are those of one Python process.

SQLite is set up for concurrent writers: WAL, ``synchronous=NORMAL``, a busy timeout of 30 s
and ``transaction_mode=IMMEDIATE``. The TC's operations read and then write in one transaction;
a deferred transaction that has to upgrade its read lock fails at once with "database is
locked", whatever the timeout (with Django's default every full request failed at 16 clients).
SQLite still has one writer at a time: the output gives per scenario the share of the time
spent in SQL and in taking the write lock, and says whether the latency is dominated by SQLite
locking and whether the throughput is bound by this process's CPU.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.dossiers import Reeks, _database, _django, _kop, _tabel, piek_rss_mb

KOPPEN = (
    "1. Full request vs. trivial endpoint, same server, same mutual TLS",
    "2. Where the time of one full request goes (1 client)",
)
VOLLEDIG = "full request"
PING = "ping"
GESLAAGD = "OverdrachtGeslaagd"
PING_OK = "ok"
PING_PAD = "/tc/ping/"
STANDAARD_CLIENTS = (1, 16)
# requests per scenario (full, ping): about a minute in all here, a few seconds with --snel
STANDAARD_AANTALLEN = (200, 800)
SNEL_AANTALLEN = (32, 128)
SQL_DOMINEERT = 0.5  # from this share of the time spent taking the write lock, SQLite dominates
CPU_GEBONDEN = 0.9  # cores busy: with one GIL for all parties, about the most Python gets
SQLITE_OPTIES = {
    "timeout": 30,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


# --- measuring -------------------------------------------------------------------------------


class SqlMeter:
    """The wall time spent in SQL statements, on every connection of every thread: the
    clients', the TC's and the LAS endpoint's. Wall time: it includes waiting for SQLite's
    write lock and, after a statement, for the GIL.

    The time of the statements that take SQLite's write lock and do almost nothing else is kept
    apart as ``slot``: ``BEGIN IMMEDIATE`` and a write outside a transaction (autocommit). Under
    contention it is the time spent waiting for the one writer's lock."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self.sql = 0.0
        self.slot = 0.0
        self.statements = 0

    def nul(self) -> None:
        with self._mutex:
            self.sql = self.slot = 0.0
            self.statements = 0

    def __call__(self, execute, sql, params, many, context):
        neemt_slot = sql.startswith("BEGIN") or (
            not context["connection"].in_atomic_block
            and sql.lstrip()[:6].upper() in {"INSERT", "UPDATE", "DELETE"}
        )
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            duur = time.perf_counter() - start
            with self._mutex:
                self.sql += duur
                self.statements += 1
                if neemt_slot:
                    self.slot += duur

    def installeer(self, sender, connection, **kwargs) -> None:
        if self not in connection.execute_wrappers:
            connection.execute_wrappers.append(self)


@dataclass
class Scenario:
    naam: str
    clients: int
    tijden: list[float] = field(default_factory=list)
    uitkomsten: Counter[str] = field(default_factory=Counter)
    wand: float = 0.0
    cpu: float = 0.0
    sql: float = 0.0
    sql_slot: float = 0.0
    statements: int = 0
    sessies: list[Any] = field(default_factory=list)  # the TC sessions of full requests

    @property
    def aantal(self) -> int:
        return len(self.tijden)

    @property
    def reeks(self) -> Reeks:
        return Reeks(self.naam, self.tijden)

    @property
    def per_seconde(self) -> float:
        return self.aantal / self.wand

    @property
    def sql_aandeel(self) -> float:
        """Of the time the requests took, the share spent in SQL (all parties together)."""
        return self.sql / sum(self.tijden)

    @property
    def slot_aandeel(self) -> float:
        return self.sql_slot / sum(self.tijden)

    @property
    def traag(self) -> int:
        """Requests that took a second or more."""
        return sum(t >= 1.0 for t in self.tijden)


def _cpu() -> float:
    return time.process_time()


def meet(
    naam: str,
    clients: int,
    aantal: int,
    maak_client: Callable[[], Callable[[], str]],
    meter: SqlMeter,
) -> Scenario:
    """``aantal`` requests shared out over ``clients`` threads that start together, each with a
    client of its own (made before the clock runs), each asking for the next request until none
    are left. A request's outcome is the string its client returns, or the error's name."""
    from django.db import connections

    scenario = Scenario(naam, clients)
    slot = threading.Lock()
    volgende = iter(range(aantal))
    start = threading.Barrier(clients + 1)
    verzoeken = [maak_client() for _ in range(clients)]  # outside the timing

    def werk(verzoek: Callable[[], str]) -> None:
        start.wait()
        try:
            while True:
                with slot:
                    if next(volgende, None) is None:
                        return
                begin = time.perf_counter()
                try:
                    uitkomst = verzoek()
                except Exception as fout:  # counted and shown, never a traceback full of data
                    uitkomst = type(fout).__name__
                duur = time.perf_counter() - begin
                with slot:
                    scenario.tijden.append(duur)
                    scenario.uitkomsten[uitkomst] += 1
        finally:
            connections.close_all()  # this thread's own connections

    draden = [
        threading.Thread(target=werk, args=(verzoek,), name=f"bench-client-{i}")
        for i, verzoek in enumerate(verzoeken)
    ]
    for draad in draden:
        draad.start()
    meter.nul()
    cpu, begin = _cpu(), time.perf_counter()
    start.wait()
    for draad in draden:
        draad.join()
    scenario.wand = time.perf_counter() - begin
    scenario.cpu = _cpu() - cpu
    scenario.sql, scenario.sql_slot, scenario.statements = meter.sql, meter.slot, meter.statements
    return scenario


# --- the world: PKI, two schools, a klaargezet dossier, two servers --------------------------


@dataclass(frozen=True)
class Wereld:
    tc_port: int
    las_url: str
    verbinding: Any  # TcVerbinding
    college: Any  # School: the receiving school
    medewerker: Any  # its schooladministratie
    leerling: Any  # the pupil at De Regenboog
    document: bytes  # the klaargezette dossier


def maak_pki(map_: Path) -> dict[str, str]:
    """A CA; the TC's server certificate (also what a doel encrypts the zoeksleutel to); one
    supplier client certificate for the LAS of both schools; the LAS endpoint's server
    certificate. Returns the paths by name."""
    from trafficcenter_client import pki

    ca = pki.maak_ca("OSO-LAS bench-CA")
    paden = {"ca": str(pki.schrijf_certificaat(map_ / "ca.pem", ca[0]))}
    for naam, paar in (
        ("tc", pki.maak_servercertificaat(ca, ["127.0.0.1", "localhost"])),
        ("las", pki.maak_clientcertificaat(ca, "00000001823456789000", "OSO-LAS leverancier")),
        ("las-server", pki.maak_servercertificaat(ca, ["127.0.0.1", "localhost"])),
    ):
        paden[naam] = str(map_ / f"{naam}.pem")
        paden[f"{naam}-key"] = str(map_ / f"{naam}-key.pem")
        pki.schrijf_sleutelpaar(paden[naam], paden[f"{naam}-key"], paar)
    return paden


@contextmanager
def servers(paden: dict[str, str]) -> Iterator[tuple[int, int]]:
    """The reference TC on ``/tc/`` and the LAS inbound endpoint on ``/oso/``, each its own
    ``trafficcenter.server`` with required client certificates: ``(tc port, las port)``."""
    from trafficcenter import server as tc_server

    gestart = []
    try:
        for naam, prefix in (("tc", "/tc/"), ("las-server", "/oso/")):
            gestart.append(
                tc_server.start_server(
                    0,
                    cert=paden[naam],
                    key=paden[f"{naam}-key"],
                    ca=paden["ca"],
                    pad_prefix=prefix,
                    timeout=30,
                )
            )
        yield gestart[0][2], gestart[1][2]
    finally:
        for server, draad, _port in gestart:
            tc_server.stop_server(server, draad)


def _klaargezet_dossier(school) -> tuple[Any, bytes]:
    """A pupil who left De Regenboog for Het College, every block filled; her POPO dossier
    collected, inzage registered, klaargezet for 16UU."""
    from unittest import mock

    from bench import wereld
    from dossiers import services as dossier_services
    from dossiers import tasks
    from dossiers.models import InzageKeuze
    from dossiers.profielen import Profiel
    from tests import factories as f

    leerling = f.LeerlingFactory(
        school=school,
        uitgeschreven=True,
        roepnaam="Tess",
        achternaam="Vos",
        datum_inschrijving=wereld.INSCHRIJVING,
    )
    f.vul_alle_blokken(leerling)
    dossier = dossier_services.dossier_van(leerling)
    keuzes = dossier_services.standaard_keuzes(dossier, Profiel.POPO)
    opdracht = dossier_services.verzamelen_aanvragen(dossier=dossier, keuzes=keuzes, direct=True)
    # the PDF is not on the exchange's path; rendering it would only cost seconds here
    with mock.patch.object(tasks.maak_pdf, "delay", lambda *_args: None):
        versie = dossier_services.verzamel(opdracht.pk)
    if versie is None:
        raise RuntimeError("the bench's dossier was afgekeurd")
    dossier.refresh_from_db()
    dossier.inzage = InzageKeuze.JA
    dossier.inzage_datum = dt.date.today()
    dossier.inzage_versie = dossier.huidige_versie
    dossier.save()
    klaarzetting = dossier_services.klaarzetten(dossier=dossier)
    return leerling, bytes(klaarzetting.xml)


def maak_wereld(paden: dict[str, str], tc_port: int, las_port: int) -> Wereld:
    from accounts.roles import Rol
    from bench import wereld
    from scholen.models import Aanleverpunt
    from tests import factories as f
    from trafficcenter_client.client import TcClient
    from trafficcenter_client.models import TcVerbinding
    from trafficcenter_client.services import aanleverpunt_registreren

    college = f.SchoolFactory(compleet=True, vo=True, brincode="16UU", naam="Het College")
    regenboog = wereld.po_school()
    medewerker = f.UserFactory(username="carla", rol=Rol.SCHOOLADMINISTRATIE, rol__school=college)
    leerling, document = _klaargezet_dossier(regenboog)

    verbinding = TcVerbinding.objects.create(
        tc_url=f"https://127.0.0.1:{tc_port}/tc/soap/",
        client_certificaat=paden["las"],
        client_sleutel=paden["las-key"],
        ca_certificaat=paden["ca"],
        tc_certificaat=paden["tc"],
        timeout=30,
    )
    las_url = f"https://127.0.0.1:{las_port}/oso/soap/"
    client = TcClient(verbinding)
    from trafficcenter.services import mandaat_verlenen
    from trafficcenter_client import pki

    leverancier = pki.oin_uit_certificaat(pki.laad_certificaat(paden["las"]))
    for school in (regenboog, college):
        mandaat_verlenen(leverancier, school.brincode)  # the schools mandate the supplier
    for school in (regenboog, college):
        aanleverpunt = Aanleverpunt.objects.get(school=school, nummer=0)
        if aanleverpunt_registreren(aanleverpunt, las_url, client=client) is None:
            raise RuntimeError(f"registering the aanleverpunt of {school.brincode} failed")
    return Wereld(tc_port, las_url, verbinding, college, medewerker, leerling, document)


# --- the two kinds of request ----------------------------------------------------------------


def volledig_verzoek(w: Wereld, sessies: list[Any]) -> Callable[[], Callable[[], str]]:
    """A client that does one full request per call, as the receiving school does it."""
    from trafficcenter_client.client import TcClient
    from trafficcenter_client.services import dossier_opvragen

    def maak_client() -> Callable[[], str]:
        client = TcClient(w.verbinding)
        client.context()  # certificates loaded before the clock runs

        def verzoek() -> str:
            opvraging = dossier_opvragen(
                school=w.college,
                herkomst_brin="14SS",
                pgn_type=w.leerling.pgn_type,
                pgn=w.leerling.pgn,
                user=w.medewerker,
                client=client,
            )
            sessies.append(opvraging.sessie_id)
            if opvraging.resultaat == GESLAAGD and bytes(opvraging.xml or b"") != w.document:
                return f"{GESLAAGD} with another document"
            return opvraging.resultaat or f"mislukt: {opvraging.melding[:60]}"

        return verzoek

    return maak_client


def ping_verzoek(w: Wereld) -> Callable[[], Callable[[], str]]:
    """A client that does ``GET /tc/ping/`` per call, on a new connection with the same
    mutual-TLS context as a ``TcClient``, as ``TcClient`` connects for every message."""
    from trafficcenter_client.client import TcClient

    def maak_client() -> Callable[[], str]:
        context = TcClient(w.verbinding).context()

        def verzoek() -> str:
            verbinding = http.client.HTTPSConnection(
                "127.0.0.1", w.tc_port, context=context, timeout=30
            )
            try:
                verbinding.request("GET", PING_PAD)
                antwoord = verbinding.getresponse()
                inhoud = antwoord.read()
            finally:
                verbinding.close()
            if antwoord.status == 200 and inhoud == PING_OK.encode():
                return PING_OK
            return f"HTTP {antwoord.status}"

        return verzoek

    return maak_client


def afgemeld_geslaagd(sessies: list[Any]) -> int:
    """How many of these TC sessions are afgemeld with OverdrachtGeslaagd."""
    from trafficcenter.models import TcSessie

    return TcSessie.objects.filter(
        sessie_id__in=[s for s in sessies if s], afgemeld_op__isnull=False, resultaat=GESLAAGD
    ).count()


# --- printing --------------------------------------------------------------------------------


def _ms(seconden: float) -> str:
    return f"{seconden * 1000:.1f}"


def _uitkomsten(scenario: Scenario) -> str:
    return ", ".join(f"{n} {uitkomst}" for uitkomst, n in scenario.uitkomsten.most_common())


def druk_tabel(scenarios: list[Scenario]) -> None:
    _tabel(
        ["scenario", "clients", "median ms", "p95 ms", "requests/s", "count", "SQL", "outcome"],
        [
            [
                s.naam,
                str(s.clients),
                _ms(s.reeks.mediaan),
                _ms(s.reeks.p95),
                f"{s.per_seconde:.1f}",
                str(s.aantal),
                f"{s.sql_aandeel:.0%}",
                _uitkomsten(s),
            ]
            for s in scenarios
        ],
    )


def druk_toelichting(scenarios: list[Scenario], *, cores: int, backlog: int) -> list[str]:
    """Notes under the table; returns the warnings (a request that did not end well)."""
    waarschuwingen = []
    print()
    for s in scenarios:
        verwacht = GESLAAGD if s.naam == VOLLEDIG else PING_OK
        if s.uitkomsten[verwacht] != s.aantal:
            waarschuwingen.append(
                f"{s.naam}, {s.clients} client(s): not every request ended {verwacht}: "
                f"{_uitkomsten(s)}"
            )
        if s.naam == VOLLEDIG:
            afgemeld = afgemeld_geslaagd(s.sessies)
            print(
                f"   {s.naam}, {s.clients} client(s): {afgemeld} of {s.aantal} TC sessions "
                f"afgemeld with {GESLAAGD}"
            )
            if afgemeld != s.aantal:
                waarschuwingen.append(
                    f"{s.naam}, {s.clients} client(s): only {afgemeld} of {s.aantal} TC sessions "
                    f"afgemeld with {GESLAAGD}"
                )
    for s in scenarios:
        print(
            f"   {s.naam}, {s.clients} client(s): CPU of this process "
            f"{_ms(s.cpu / s.aantal)} ms per request, {s.cpu / s.wand:.1f} of {cores} core(s) "
            f"busy; {s.statements / s.aantal:.0f} SQL statements per request, "
            f"{_ms(s.sql / s.aantal)} ms in SQL, of which {_ms(s.sql_slot / s.aantal)} ms "
            f"taking the write lock"
        )
    volledig = {s.clients: s for s in scenarios if s.naam == VOLLEDIG}
    ping = {s.clients: s for s in scenarios if s.naam == PING}
    for clients in sorted(volledig.keys() & ping.keys()):
        v, p = volledig[clients], ping[clients]
        print(
            f"   {clients} client(s): a full request (4 HTTPS requests, 4 TLS handshakes) takes "
            f"{v.reeks.mediaan / p.reeks.mediaan:.1f}× the median of a ping; "
            f"{p.per_seconde / v.per_seconde:.1f}× fewer per second"
        )
    _noot_database(list(volledig.values()), cores)
    _noot_backlog(list(ping.values()), backlog)
    return waarschuwingen


def _noot_database(volledig: list[Scenario], cores: int) -> None:
    """Where the full requests with the most clients spend their time: waiting for SQLite's
    write lock (latency), and whether this process's CPU sets the throughput."""
    s = max(volledig, key=lambda s: s.clients, default=None)
    if s is None:
        return
    lock = (
        f"{s.slot_aandeel:.0%} of the full requests' time with {s.clients} client(s) is spent "
        f"taking SQLite's write lock ({s.sql_aandeel:.0%} in SQL in all)"
    )
    if s.slot_aandeel >= SQL_DOMINEERT:
        print(
            f"   NOTE: latency is dominated by SQLite locking: {lock}; SQLite has one writer at "
            f"a time and its busy handler sleeps up to 100 ms between tries"
        )
    else:
        print(f"   latency is not dominated by SQLite locking: {lock}")
    bezet = s.cpu / s.wand
    if bezet >= CPU_GEBONDEN:
        print(
            f"   throughput is bound by CPU: {_ms(s.cpu / s.aantal)} ms of CPU per full request, "
            f"{bezet:.1f} of {cores} core(s) busy; clients, TC and LAS endpoint share this one "
            f"process (one GIL), which does about {s.aantal / s.cpu:.0f} per second however "
            f"many clients wait"
        )
    else:
        print(
            f"   throughput is not bound by this process's CPU ({bezet:.1f} of {cores} core(s) "
            f"busy): the requests wait more than they work, or the machine was busy elsewhere"
        )


def _noot_backlog(pings: list[Scenario], backlog: int) -> None:
    for s in pings:
        if s.traag and s.clients > backlog:
            print(
                f"   NOTE: {s.traag} of {s.aantal} pings with {s.clients} clients took 1 s or "
                f"more: the servers' listen backlog is {backlog} (socketserver's "
                f"request_queue_size); a connection beyond it waits for the kernel's SYN retry"
            )


def laatste_logs() -> tuple[int, int]:
    """The newest ids of the LAS's and the TC's message logs, to mark out a scenario."""
    from trafficcenter.models import TcBerichtlog
    from trafficcenter_client.models import Berichtlog

    return (
        Berichtlog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
        TcBerichtlog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
    )


def druk_uitsplitsing(van: tuple[int, int], tot: tuple[int, int]) -> None:
    """From the message logs between ``van`` and ``tot`` (the 1-client full requests): the
    median duration per message, as the sender saw it (Berichtlog) and as the TC handled it
    (TcBerichtlog)."""
    from trafficcenter.models import TcBerichtlog
    from trafficcenter_client.models import Berichtlog, Richting

    def mediaan(waarden: list[int]) -> str:
        return f"{statistics.median(waarden):.0f}" if waarden else "-"

    def duren(qs, **filters) -> list[int]:
        return list(qs.filter(**filters).values_list("duur_ms", flat=True))

    las = Berichtlog.objects.filter(pk__gt=van[0], pk__lte=tot[0])
    uit, binnen = las.filter(richting=Richting.UIT), las.filter(richting=Richting.IN)
    tc = TcBerichtlog.objects.filter(pk__gt=van[1], pk__lte=tot[1])
    rijen = [
        [
            "overdrachtRequest  (doel → TC: new session)",
            mediaan(duren(uit, operatie="overdrachtRequest")),
            mediaan(duren(tc, operatie="overdrachtRequest")),
        ],
        [
            "documentRequest    (doel → LAS of the bron)",
            mediaan(duren(uit, operatie="documentRequest")),
            "",
        ],
        [
            "  LAS answering it (incl. sessiecontrole)",
            mediaan(duren(binnen, operatie="documentRequest")),
            "",
        ],
        [
            "  sessiecontrole   (LAS → TC)",
            mediaan(duren(uit, operatie="sessiecontroleRequest")),
            mediaan(duren(tc, operatie="sessiecontroleRequest")),
        ],
        [
            "afmeldingRequest   (doel → TC: close)",
            mediaan(duren(uit, operatie="afmeldingRequest")),
            mediaan(duren(tc, operatie="afmeldingRequest")),
        ],
    ]
    _tabel(["message", "sender's view, median ms", "TC's own work, median ms"], rijen)
    print(
        "   the sender's view includes a new TLS connection and the other side's handling; "
        "durations are logged in whole ms"
    )


# --- the environment -------------------------------------------------------------------------


def _sqlite_voor_gelijktijdigheid() -> str:
    """Set SQLite up for concurrent writers (see the module docstring); a description, or ""
    for another database. Before the first connection, which reads these options."""
    from django.db import connections

    instellingen = connections["default"].settings_dict
    if instellingen["ENGINE"] != "django.db.backends.sqlite3":
        return ""
    instellingen.setdefault("OPTIONS", {}).update(SQLITE_OPTIES)
    connections["default"].close()
    return "WAL, synchronous=NORMAL, busy timeout 30 s, transaction_mode=IMMEDIATE"


def _stil() -> None:
    """A log line per message (four per request) would drown the figures; warnings still show."""
    import logging

    for naam in ("trafficcenter", "trafficcenter_client", "dossiers", "audit"):
        logging.getLogger(naam).setLevel(logging.WARNING)


# --- main ------------------------------------------------------------------------------------


def _argumenten(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.uitwisseling", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument("--snel", action="store_true", help="fewer requests (smoke check)")
    parser.add_argument(
        "--verzoeken",
        type=int,
        default=None,
        metavar="N",
        help=f"full requests per scenario (default {STANDAARD_AANTALLEN[0]}, "
        f"{SNEL_AANTALLEN[0]} with --snel)",
    )
    parser.add_argument(
        "--pings",
        type=int,
        default=None,
        metavar="N",
        help=f"pings per scenario (default {STANDAARD_AANTALLEN[1]}, "
        f"{SNEL_AANTALLEN[1]} with --snel)",
    )
    parser.add_argument(
        "--clients",
        type=int,
        nargs="+",
        default=list(STANDAARD_CLIENTS),
        metavar="C",
        help="numbers of concurrent clients (default 1 16)",
    )
    # bench.dossiers's options, so that `make bench BENCH_ARGS=...` can pass them to both
    for optie in ("--bulk", "--bulk-pdf", "--runs", "--pdf-runs"):
        parser.add_argument(optie, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    standaard = SNEL_AANTALLEN if args.snel else STANDAARD_AANTALLEN
    args.verzoeken = args.verzoeken or standaard[0]
    args.pings = args.pings or standaard[1]
    if args.verzoeken < 1 or args.pings < 1 or min(args.clients) < 1:
        parser.error("--verzoeken, --pings and --clients must be at least 1")
    for clients in args.clients:
        if clients > args.verzoeken or clients > args.pings:
            parser.error(f"{clients} clients need at least {clients} requests of each kind")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _argumenten(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    begin = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="oso-bench-tc-") as tijdelijk:
        map_ = Path(tijdelijk)
        (map_ / "pki").mkdir()
        paden = maak_pki(map_ / "pki")
        (map_ / "var").mkdir()
        # the TC's own key pair, and only its CA's clients, as `manage.py trafficcenter_server`
        os.environ["OSO_TC_CERT"] = paden["tc"]
        os.environ["OSO_TC_KEY"] = paden["tc-key"]
        os.environ["OSO_TC_CA"] = paden["ca"]
        notities = _django(map_ / "var")
        _stil()
        sqlite = _sqlite_voor_gelijktijdigheid()
        database, opruimen = _database()
        try:
            return _run(args, database, sqlite, paden, notities, begin)
        finally:
            opruimen()


def _run(
    args: argparse.Namespace,
    database: str,
    sqlite: str,
    paden: dict[str, str],
    notities: list[str],
    begin: float,
) -> int:
    import ssl

    import django
    from django.db.backends.signals import connection_created

    from trafficcenter.server import TrafficCenterServer

    cores = os.cpu_count() or 1
    print("OSO-module benchmark: the exchange through the reference Traffic Center")
    print(f"   database   {database}" + (f"; {sqlite}" if sqlite else ""))
    print(
        f"   python {platform.python_version()}, Django {django.get_version()}, "
        f"{ssl.OPENSSL_VERSION}, {cores} CPU(s)"
    )
    print(
        f"   mode       {'--snel' if args.snel else 'full'}: {args.verzoeken} full requests and "
        f"{args.pings} pings per scenario, with {' and '.join(map(str, args.clients))} "
        f"concurrent client(s)"
    )
    for notitie in notities:
        print(f"   note       {notitie}")

    meter = SqlMeter()
    connection_created.connect(meter.installeer, weak=False)
    with servers(paden) as (tc_port, las_port):
        w = maak_wereld(paden, tc_port, las_port)
        print(
            f"   servers    TC https://127.0.0.1:{tc_port}/tc/, LAS endpoint {w.las_url}; "
            f"mutual TLS, test PKI made for this run"
        )
        print(
            f"   dossier    POPO, every block, {len(w.document) / 1024:.0f} kB, klaargezet "
            f"at 14SS for 16UU; set up in {time.perf_counter() - begin:.1f} s"
        )
        # warm-up, not counted: first use of URL resolvers, caches, lazy imports
        meet(VOLLEDIG, 1, 2, volledig_verzoek(w, []), meter)
        meet(PING, 1, 5, ping_verzoek(w), meter)

        scenarios: list[Scenario] = []
        venster: tuple[tuple[int, int], tuple[int, int]] | None = None
        for clients in args.clients:
            sessies: list[Any] = []
            van = laatste_logs()
            volledig = meet(VOLLEDIG, clients, args.verzoeken, volledig_verzoek(w, sessies), meter)
            if clients == 1:
                venster = (van, laatste_logs())
            volledig.sessies = sessies
            scenarios.append(volledig)
            scenarios.append(meet(PING, clients, args.pings, ping_verzoek(w), meter))

        _kop(KOPPEN[0])
        druk_tabel(scenarios)
        waarschuwingen = druk_toelichting(
            scenarios, cores=cores, backlog=TrafficCenterServer.request_queue_size
        )
        if venster is not None:
            _kop(KOPPEN[1])
            druk_uitsplitsing(*venster)

    print()
    for waarschuwing in waarschuwingen:
        print(f"WARNING: {waarschuwing}")
    print(
        f"Done in {time.perf_counter() - begin:.1f} s; peak RSS {piek_rss_mb():.0f} MB"
        + ("" if not waarschuwingen else "; some requests did not end well (exit status 1)")
    )
    return 1 if waarschuwingen else 0


if __name__ == "__main__":
    sys.exit(main())
