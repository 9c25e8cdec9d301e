"""Benchmark of the overstapdossier: collecting, the PDF, bulk binnen-brin, SQL queries.

    make bench                                   # the full run (a few minutes)
    .venv/bin/python -m bench.dossiers --snel    # fewer iterations: a smoke check
    .venv/bin/python -m bench.dossiers --bulk 200 --bulk-pdf 20

It prints figures and never fails because something is slow. It runs against a fresh temporary
``OSO_VAR_DIR`` (its own SQLite database, media and development secrets), migrated first; with
``DATABASE_URL`` set it uses a throw-away database on that server instead (created and dropped
by Django's test-database machinery, so the configured database itself is never written).
``REDIS_URL`` is ignored: Celery tasks run eagerly in this process, as in development.

1. One full dossier, DB -> validated XML (``verzamel`` + ``bouw_xml`` + one safe parse +
   ``xsd_fouten`` + ``valideer``, as ``services`` does it), median and p95; beside it lxml
   alone (``XMLSchema.validate``) and our rule engine alone, on the same XML.
2. That dossier's PDF with ``render_pdf``; beside it WeasyPrint alone on the same HTML, and our
   HTML step alone.
3. ``services.bulk_binnen_brin`` for N pupils (default 1,000), first with the PDF tasks queued
   as a real worker would get them (collect + klaarzetten only), then for a smaller number as
   configured without Redis, where the PDF tasks fire eagerly after each commit; both
   extrapolated to N.
4. SQL queries of ``verzamel()`` for a pupil with 5 and with 50 toetsen: they must be equal.

Peak RSS is printed after each section.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KOPPEN = (
    "1. One full dossier: DB → validated XML",
    "2. The dossier's PDF",
    "3. Bulk binnen-brin",
    "4. SQL queries per collected dossier",
)
GELIJK = "gelijk"
STANDAARD_BULK = 1000


# --- measuring -------------------------------------------------------------------------------


@dataclass
class Reeks:
    """The durations of one measured step, in seconds."""

    naam: str
    tijden: list[float] = field(default_factory=list)

    @property
    def mediaan(self) -> float:
        return statistics.median(self.tijden)

    @property
    def p95(self) -> float:
        geordend = sorted(self.tijden)  # nearest rank
        return geordend[max(0, math.ceil(0.95 * len(geordend)) - 1)]


def _gemeten(fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    begin = time.perf_counter()
    uitkomst = fn(*args)
    return time.perf_counter() - begin, uitkomst


def _afwisselend(runs: int, *stappen: tuple[str, Callable[[], Any]]) -> list[Reeks]:
    """Time each step ``runs`` times, taking turns (ABCABC...), so that load from elsewhere on
    the machine falls on every step alike; each step runs once first, not counted."""
    reeksen = [Reeks(naam) for naam, _fn in stappen]
    for _naam, fn in stappen:
        fn()
    for _ in range(runs):
        for reeks, (_naam, fn) in zip(reeksen, stappen, strict=True):
            reeks.tijden.append(_gemeten(fn)[0])
    return reeksen


@contextmanager
def _stopwatch(module: Any, naam: str) -> Iterator[list[float]]:
    """Time every call of ``module.naam`` (looked up at call time by the tasks) while the
    block runs; the function itself still does all its work."""
    from unittest import mock

    origineel = getattr(module, naam)
    tijden: list[float] = []

    def gemeten(*args: Any, **kwargs: Any) -> Any:
        begin = time.perf_counter()
        try:
            return origineel(*args, **kwargs)
        finally:
            tijden.append(time.perf_counter() - begin)

    with mock.patch.object(module, naam, gemeten):
        yield tijden


def piek_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB, macOS bytes)."""
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return piek / (1024 * 1024 if sys.platform == "darwin" else 1024)


# --- printing --------------------------------------------------------------------------------


def _duur(seconden: float) -> str:
    if seconden >= 60:
        return f"{seconden / 60:.1f} min"
    if seconden >= 1:
        return f"{seconden:.2f} s"
    return f"{seconden * 1000:.1f} ms"


def _tabel(kop: list[str], rijen: list[list[str]], inspringing: int = 3) -> None:
    breedte = [max(len(str(r[i])) for r in [kop, *rijen]) for i in range(len(kop))]

    def regel(cellen: list[str]) -> str:
        delen = [
            str(c).ljust(breedte[i]) if i == 0 else str(c).rjust(breedte[i])
            for i, c in enumerate(cellen)
        ]
        return " " * inspringing + "   ".join(delen).rstrip()

    print(regel(kop))
    print(" " * inspringing + "-" * (sum(breedte) + 3 * (len(kop) - 1)))
    for rij in rijen:
        print(regel(rij))


def _kop(tekst: str) -> None:
    print()
    print(tekst)
    print("=" * len(tekst))


def _rss(sectie: int, geheugen: dict[int, float]) -> None:
    geheugen[sectie] = piek_rss_mb()
    print(f"   peak RSS after section {sectie}: {geheugen[sectie]:.0f} MB")


# --- the environment -------------------------------------------------------------------------


def _django(var_dir: Path) -> list[str]:
    """Point the settings at ``var_dir`` and set Django up; notes on what was adjusted."""
    notities = []
    os.environ["OSO_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oso_las.settings")
    if os.environ.get("OSO_ENV", "development") == "development":
        # DEBUG off: no query log and no template debug information, as in production
        os.environ["OSO_ENV"] = "test"
    if os.environ.pop("REDIS_URL", None):
        notities.append("REDIS_URL ignored: Celery tasks run eagerly in this process")
    import django

    django.setup()
    # a log line per eager task would drown the figures; warnings and errors still show
    logging.getLogger("celery").setLevel(logging.WARNING)
    logging.getLogger("kombu").setLevel(logging.ERROR)  # "no hostname" of the memory broker
    return notities


def _database() -> tuple[str, Callable[[], None]]:
    """Migrate the bench's database; its description and how to clean it up."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", interactive=False, verbosity=0)
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}, {connection.settings_dict['NAME']}", _niets
    naam = f"bench_{connection.settings_dict['NAME']}_{os.getpid()}"[:63]
    connection.settings_dict["TEST"]["NAME"] = naam
    oud = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)

    def opruimen() -> None:
        connection.creation.destroy_test_db(oud, verbosity=0)

    versie = getattr(connection, "pg_version", None)  # e.g. 150004 for 15.4
    server = f"{connection.display_name} {versie // 10000}.{versie % 100}" if versie else ""
    return f"{server or connection.display_name}, throw-away database {naam}", opruimen


def _niets() -> None:
    return None


# --- 1. one dossier to validated XML ---------------------------------------------------------


def sectie_xml(leerling, keuzes, runs: int) -> bytes:
    from lxml import etree

    from dossiers.gegevensset import huidig
    from dossiers.gegevensset.schema import schema as ons_schema
    from dossiers.regels import FOUT, valideer
    from dossiers.services import NA_INZAGE
    from dossiers.verzamelen import verzamel
    from dossiers.xml_bouwer import bouw_xml
    from dossiers.xmlsafe import parse_dossier
    from dossiers.xsd import officieel_ingesteld, xsd_fouten, xsd_pad

    totaal = Reeks("DB → validated XML (total)")
    stappen = [
        Reeks("  verzamel()  DB → snapshot"),
        Reeks("  bouw_xml()  snapshot → XML bytes"),
        Reeks("  parse_dossier(bytes)  safe parse, once"),
        Reeks("  xsd_fouten(tree)  our check + XSD"),
        Reeks("  valideer(tree)  rules"),
    ]
    xml = b""
    fouten: list[str] = []
    for run in range(runs + 1):  # run 0 warms the caches and is not counted
        t0 = time.perf_counter()
        gegevens = verzamel(leerling.pk, keuzes)
        t1 = time.perf_counter()
        xml = bouw_xml(gegevens)
        t2 = time.perf_counter()
        boom = parse_dossier(xml)  # as services._valideer: one parse for both checks
        t3 = time.perf_counter()
        xsd = xsd_fouten(boom)
        t4 = time.perf_counter()
        meldingen = valideer(boom)
        t5 = time.perf_counter()
        if run:
            totaal.tijden.append(t5 - t0)
            duren = (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)
            for reeks, duur in zip(stappen, duren, strict=True):
                reeks.tijden.append(duur)
        # as services.verzamel judges a fresh version: inzage comes later
        fouten = xsd + [
            f"{m.regel}: {m.bericht}"
            for m in meldingen
            if m.ernst == FOUT and m.regel not in NA_INZAGE
        ]

    boom = parse_dossier(xml)
    # lxml's own validation, schema loaded once: the official XSD, or ours without it
    if officieel_ingesteld():
        schema, welk = etree.XMLSchema(etree.parse(str(xsd_pad()))), "official"
    else:
        schema, welk = ons_schema(huidig()), "our generated"
    vergelijking = _afwisselend(
        runs,
        (f"lxml alone: {welk} XMLSchema.validate(tree)", lambda: schema.validate(boom)),
        ("our xsd_fouten(tree), same tree", lambda: xsd_fouten(boom)),
        ("our rule engine alone: valideer(tree)", lambda: valideer(boom)),
    )

    toetsen = len(gegevens.toetsen or ())
    bijlagen = len(gegevens.bijlagen or ())
    print(
        f"   profile {keuzes.profiel}, every block, {toetsen} toetsen, {bijlagen} bijlage(n); "
        f"XML {len(xml) / 1024:.0f} kB; {runs} run(s) after 1 warm-up"
    )
    if fouten:
        print(f"   WARNING: the dossier is not valid ({len(fouten)} error(s)), first: {fouten[0]}")
    else:
        print("   valid: XSD and every applicable rule pass")
    print()
    rijen = [[r.naam, _duur(r.mediaan), _duur(r.p95)] for r in [totaal, *stappen]]
    rijen.append(["beside it, on the same XML:", "", ""])
    rijen += [["  " + r.naam, _duur(r.mediaan), _duur(r.p95)] for r in vergelijking]
    _tabel(["step", "median", "p95"], rijen)
    return xml


# --- 2. the PDF ------------------------------------------------------------------------------


def sectie_pdf(xml: bytes, runs: int) -> None:
    import weasyprint

    from dossiers.pdf import render_html, render_pdf

    koud, pdf = _gemeten(render_pdf, xml)  # fonts and template loaded here
    html = render_html(xml)
    ons, alleen, html_stap = _afwisselend(
        runs,
        ("our render_pdf(xml)  (parse + HTML + WeasyPrint)", lambda: render_pdf(xml)),
        (
            "WeasyPrint alone: HTML(string=html).write_pdf()",
            lambda: weasyprint.HTML(string=html).write_pdf(),
        ),
        ("our HTML step alone: render_html(xml)", lambda: render_html(xml)),
    )
    print(
        f"   PDF {len(pdf) / 1024:.0f} kB from HTML {len(html) / 1024:.0f} kB; WeasyPrint "
        f"{weasyprint.__version__}; first render (cold) {_duur(koud)}; "
        f"{runs} run(s) each, in turns, after 1 warm-up"
    )
    print()
    _tabel(
        ["step", "median", "p95"],
        [[r.naam, _duur(r.mediaan), _duur(r.p95)] for r in (ons, alleen, html_stap)],
    )
    verschil = ons.mediaan - alleen.mediaan
    print(
        f"   ours minus WeasyPrint alone: {_duur(verschil)} per PDF; "
        f"minus WeasyPrint and our HTML step: {_duur(verschil - html_stap.mediaan)}"
    )


# --- 3. bulk binnen-brin ---------------------------------------------------------------------


@dataclass
class BulkUitkomst:
    aantal: int
    wand: float
    verzamelen: float  # time inside the collection tasks (incl. klaarzetten, incl. PDF if eager)
    pdf: float  # time inside the PDF tasks
    klaargezet: int
    mislukt: int
    overgeslagen: int
    pdfs: int
    fout: str = ""

    @property
    def aanvragen(self) -> float:
        return self.wand - self.verzamelen


def _bulk(school, gebruiker, ids: list[int], *, pdf_in_wachtrij: bool) -> BulkUitkomst:
    from unittest import mock

    from dossiers import services, tasks
    from dossiers.models import DossierVersie, Overstapdossier, Status
    from leerlingen.models import Leerling

    leerlingen = list(Leerling.objects.filter(pk__in=ids))  # as the view passes them
    wachtrij: list[int] = []
    fout = ""
    with (
        _stopwatch(services, "verzamel") as verzamelen,
        _stopwatch(services, "maak_pdf") as pdf,
        mock.patch.object(tasks.maak_pdf, "delay", wachtrij.append)
        if pdf_in_wachtrij
        else nullcontext(),
    ):
        begin = time.perf_counter()
        try:
            bulk, overgeslagen = services.bulk_binnen_brin(
                school=school, leerlingen=leerlingen, user=gebruiker
            )
        except Exception as exc:  # report, and go on with the other sections
            bulk, overgeslagen, fout = None, [], f"{type(exc).__name__}: {exc}"
        wand = time.perf_counter() - begin
    voortgang = services.bulk_voortgang(bulk) if bulk else {"mislukt": 0}
    versies = DossierVersie.objects.filter(dossier__leerling_id__in=ids)
    return BulkUitkomst(
        aantal=len(ids),
        wand=wand,
        verzamelen=sum(verzamelen),
        pdf=sum(pdf),
        klaargezet=Overstapdossier.objects.filter(
            leerling_id__in=ids, status=Status.KLAARGEZET
        ).count(),
        mislukt=voortgang["mislukt"],
        overgeslagen=len(overgeslagen),
        pdfs=len(wachtrij) if pdf_in_wachtrij else versies.filter(pdf__isnull=False).count(),
        fout=fout,
    )


def _per(uitkomst: BulkUitkomst, seconden: float) -> str:
    return _duur(seconden / uitkomst.aantal) if uitkomst.aantal else "-"


def _meld_bulk(uitkomst: BulkUitkomst, *, wachtrij: bool) -> None:
    pdf_tekst = "PDF tasks queued" if wachtrij else "PDFs made"
    print(
        f"   result: {uitkomst.klaargezet} klaargezet, {uitkomst.mislukt} afgekeurd/mislukt, "
        f"{uitkomst.overgeslagen} skipped; {uitkomst.pdfs} {pdf_tekst}"
    )
    if uitkomst.fout:
        print(f"   WARNING: bulk_binnen_brin raised {uitkomst.fout}")
    elif uitkomst.klaargezet != uitkomst.aantal or uitkomst.pdfs != uitkomst.aantal:
        print(f"   WARNING: expected {uitkomst.aantal} klaargezet dossiers and {pdf_tekst}")


def sectie_bulk(school, gebruiker, bron, aantal: int, met_pdf: int) -> None:
    from bench import wereld

    duur, ids = _gemeten(wereld.kopieer_leerling, bron, aantal)
    print(
        f"   {aantal:,} pupils at PO school {school.naam} ({school.brincode}), each a copy of the "
        f"pupil of section 1 ({bron.toetsen.count()} toetsen);"
    )
    print("   the bulk's own choices: every optional block, all toetsen, no bijlagen")
    print(f"   prepared outside the timed section with bulk_create in {_duur(duur)}")
    print("   timed: services.bulk_binnen_brin(...) until its after-commit tasks are done")
    print()
    print(
        "   a) collect + klaarzetten; PDFs NOT included: the PDF tasks are queued, as a real "
        "worker would get them"
    )
    a = _bulk(school, gebruiker, ids, pdf_in_wachtrij=True)
    rijen = [
        ["request (1 transaction) + task dispatch", _duur(a.aanvragen), _per(a, a.aanvragen)],
        ["collect + validate + klaarzetten (tasks)", _duur(a.verzamelen), _per(a, a.verzamelen)],
        ["total", _duur(a.wand), _per(a, a.wand)],
    ]
    _tabel(["phase", "total", "per dossier"], rijen, inspringing=6)
    snelheid_a = a.aantal / a.wand if a.wand else 0.0
    print(f"      → {snelheid_a:.1f} dossiers/s (collect + klaarzetten, one process)")
    if aantal != STANDAARD_BULK and a.aantal:
        print(
            f"      extrapolated to {STANDAARD_BULK:,} pupils: "
            f"{_duur(a.wand / a.aantal * STANDAARD_BULK)}"
        )
    _meld_bulk(a, wachtrij=True)

    print()
    if met_pdf <= 0:
        print("   b) skipped (--bulk-pdf 0): PDFs not measured in bulk")
        return
    ids_b = wereld.kopieer_leerling(bron, met_pdf, start=aantal)
    print(
        f"   b) as configured without REDIS_URL: the on_commit PDF tasks fire eagerly; "
        f"PDFs INCLUDED ({met_pdf:,} other pupils)"
    )
    b = _bulk(school, gebruiker, ids_b, pdf_in_wachtrij=False)
    rijen = [
        ["request (1 transaction) + task dispatch", _duur(b.aanvragen), _per(b, b.aanvragen)],
        [
            "collect + validate + klaarzetten (tasks)",
            _duur(b.verzamelen - b.pdf),
            _per(b, b.verzamelen - b.pdf),
        ],
        ["PDF (maak_pdf task, eager after commit)", _duur(b.pdf), _per(b, b.pdf)],
        ["total", _duur(b.wand), _per(b, b.wand)],
    ]
    _tabel(["phase", "total", "per dossier"], rijen, inspringing=6)
    snelheid_b = b.aantal / b.wand if b.wand else 0.0
    zonder_pdf = b.aantal / (b.wand - b.pdf) if b.wand > b.pdf else 0.0
    print(
        f"      → {snelheid_b:.2f} dossiers/s with PDFs; {zonder_pdf:.1f} dossiers/s without "
        "(one process)"
    )
    if b.aantal:
        for doel in sorted({aantal, STANDAARD_BULK}):
            totaal, pdfs = b.wand / b.aantal * doel, b.pdf / b.aantal * doel
            print(
                f"      extrapolated to {doel:,} pupils with PDFs: {_duur(totaal)} "
                f"(of which PDFs {_duur(pdfs)})"
            )
    _meld_bulk(b, wachtrij=False)


# --- 4. queries ------------------------------------------------------------------------------


def sectie_queries(school) -> bool:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import wereld
    from dossiers.verzamelen import verzamel

    aantallen = []
    rijen = []
    for toetsen in (5, 50):
        leerling = wereld.volledige_leerling(school, toetsen=toetsen)
        keuzes = wereld.volledige_keuzes(leerling)
        verzamel(leerling.pk, keuzes)  # lazy one-time lookups stay out of the count
        with CaptureQueriesContext(connection) as queries:
            gegevens = verzamel(leerling.pk, keuzes)
        aantallen.append(len(queries))
        rijen.append(
            [f"pupil with {toetsen} toetsen", str(len(gegevens.toetsen or ())), str(len(queries))]
        )
    _tabel(["verzamel(), profile binnen brin POPO, every block", "in dossier", "queries"], rijen)
    gelijk = len(set(aantallen)) == 1
    if gelijk:
        print(f"   → {GELIJK}: the number of queries does not grow with the number of toetsen")
    else:
        print(
            f"   WARNING: query count depends on the number of toetsen "
            f"({aantallen[0]} with 5, {aantallen[1]} with 50): an N+1 in the collector"
        )
    return gelijk


# --- main ------------------------------------------------------------------------------------


def _argumenten(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.dossiers", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument("--snel", action="store_true", help="fewer iterations (smoke check)")
    parser.add_argument(
        "--bulk",
        type=int,
        default=STANDAARD_BULK,
        metavar="N",
        help=f"pupils in the bulk binnen-brin run (default {STANDAARD_BULK})",
    )
    parser.add_argument(
        "--bulk-pdf",
        type=int,
        default=None,
        metavar="M",
        help="pupils in the bulk run with eager PDFs (default 100, 2 with --snel; 0 skips)",
    )
    parser.add_argument("--runs", type=int, default=None, help="runs for section 1 (30)")
    parser.add_argument("--pdf-runs", type=int, default=None, help="runs for section 2 (10)")
    args = parser.parse_args(argv)
    args.runs = args.runs or (5 if args.snel else 30)
    args.pdf_runs = args.pdf_runs or (1 if args.snel else 10)
    if args.bulk_pdf is None:
        args.bulk_pdf = 2 if args.snel else 100
    if args.bulk < 1 or args.runs < 1 or args.pdf_runs < 1 or args.bulk_pdf < 0:
        parser.error("--bulk, --runs and --pdf-runs must be at least 1, --bulk-pdf at least 0")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _argumenten(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    begin = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="oso-bench-") as tijdelijk:
        notities = _django(Path(tijdelijk))
        from dossiers.xsd import StandaardNietGevonden, officieel_ingesteld, xsd_pad

        try:
            xsd = xsd_pad() if officieel_ingesteld() else None
        except StandaardNietGevonden as exc:
            print(f"bench: {exc}", file=sys.stderr)
            return 2
        database, opruimen = _database()
        try:
            return _run(args, database, xsd, notities, begin)
        finally:
            opruimen()


def _run(
    args: argparse.Namespace,
    database: str,
    xsd: Path | None,
    notities: list[str],
    begin: float,
) -> int:
    import django
    import lxml.etree

    from bench import wereld

    print("OSO-module benchmark: overstapdossiers")
    print(f"   database   {database}")
    print(f"   xsd        {xsd or 'our structural check only (OSO_STANDARD_DIR not set)'}")
    print(
        f"   python {platform.python_version()}, Django {django.get_version()}, lxml "
        f"{'.'.join(map(str, lxml.etree.LXML_VERSION[:3]))} (libxml2 "
        f"{'.'.join(map(str, lxml.etree.LIBXML_VERSION))}), {os.cpu_count()} CPU(s)"
    )
    print(
        f"   mode       {'--snel' if args.snel else 'full'}: {args.runs} run(s) in section 1, "
        f"{args.pdf_runs} in section 2; bulk of {args.bulk:,} pupils, {args.bulk_pdf:,} with PDFs"
    )
    for notitie in notities:
        print(f"   note       {notitie}")
    geheugen: dict[int, float] = {}

    school = wereld.po_school()
    gebruiker = wereld.medewerker(school)
    leerling = wereld.volledige_leerling(school, toetsen=20)
    keuzes = wereld.volledige_keuzes(leerling)

    _kop(KOPPEN[0])
    xml = sectie_xml(leerling, keuzes, args.runs)
    _rss(1, geheugen)

    _kop(KOPPEN[1])
    sectie_pdf(xml, args.pdf_runs)
    _rss(2, geheugen)

    _kop(f"{KOPPEN[2]}: {args.bulk:,} pupils via services.bulk_binnen_brin")
    _controleer_kopie(leerling, keuzes)
    sectie_bulk(school, gebruiker, leerling, args.bulk, args.bulk_pdf)
    _rss(3, geheugen)

    _kop(KOPPEN[3])
    sectie_queries(school)
    _rss(4, geheugen)

    print()
    print(
        f"Done in {_duur(time.perf_counter() - begin)}; peak RSS "
        + ", ".join(f"{geheugen[s]:.0f} MB after {s}" for s in sorted(geheugen))
    )
    return 0


def _controleer_kopie(leerling, keuzes) -> None:
    """A copy must give the same dossier as its original, or section 3 measures too little."""
    from bench import wereld
    from dossiers.verzamelen import verzamel
    from dossiers.xml_bouwer import bouw_xml
    from leerlingen.models import Leerling

    [kopie_id] = wereld.kopieer_leerling(leerling, 1, start=1_000_000)  # not in the bulk
    kopie = Leerling.objects.get(pk=kopie_id)
    origineel = wereld.xml_vorm(bouw_xml(verzamel(leerling.pk, keuzes)))
    gekopieerd = wereld.xml_vorm(bouw_xml(verzamel(kopie.pk, wereld.volledige_keuzes(kopie))))
    if origineel != gekopieerd:
        verschil = (origineel - gekopieerd) + (gekopieerd - origineel)
        print(f"   WARNING: a copied pupil's dossier differs from the original: {dict(verschil)}")


if __name__ == "__main__":
    sys.exit(main())
