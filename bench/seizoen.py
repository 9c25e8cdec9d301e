"""Benchmark of School > OSO > Overstapseizoen: the PO board for a school of 200 groep-8 pupils.

    make bench                                  # part of the full run
    .venv/bin/python -m bench.seizoen --snel    # fewer runs: a smoke check

Builds, in a fresh temporary database (as ``bench.dossiers`` does), one PO school with N pupils
of groep 8 (default 200) in a mix of stages (advies, toets result, collected, klaargezet,
opgehaald, a newer version needed) and one with N/10 in the same mix; then renders the board
through the real view (login, view, template) R times and prints the median and p95, and the
number of SQL queries for both schools, which must be equal. Prints figures; never fails
because something is slow.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.dossiers import GELIJK, Reeks, _database, _django, _duur, _gemeten, _kop, _tabel

KOP = "Overstapseizoen: the PO board"


def _argumenten(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snel", action="store_true", help="few runs: a smoke check")
    parser.add_argument("--leerlingen", type=int, default=200, help="groep-8 pupils (200)")
    parser.add_argument("--runs", type=int, default=None, help="renders measured (30)")
    parser.add_argument("--profiel", action="store_true", help="print a cProfile of one render")
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 5 if args.snel else 30
    return args


def bouw_school(brincode: str, naam: str, aantal: int):
    """A PO school with ``aantal`` groep-8 pupils; every fourth collected and klaargezet (half
    of those before the toets result), every eighth fetched by the VO school."""
    import datetime

    from accounts.roles import Rol
    from dossiers import services
    from dossiers.models import InzageKeuze
    from dossiers.profielen import Profiel
    from leerlingen.models import Eindtoets
    from seizoen.kalender import huidig_schooljaar
    from tests import factories as f
    from trafficcenter_client.models import Dossieraanvraag

    school = f.SchoolFactory(compleet=True, regionaal=True, brincode=brincode, naam=naam)
    user = f.UserFactory(username=f"admin-{brincode.lower()}")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=school)
    jaar = int(huidig_schooljaar()[:4]) + 1
    for i in range(aantal):
        ll = f.LeerlingFactory(
            school=school,
            uitgeschreven=True,
            datum_uitschrijving=datetime.date(jaar, 7, 17),
            datum_inschrijving=datetime.date(2018, 8, 20),
            groep="8A" if i % 2 else "8B",
        )
        f.SchoolloopbaanFactory(leerling=ll)
        f.VerzorgerFactory(leerling=ll)
        if i % 4 == 0:
            voor_de_uitslag = i % 8 == 0
            if not voor_de_uitslag:
                f.EindtoetsFactory(leerling=ll)
            dossier = services.dossier_van(ll)
            keuzes = services.standaard_keuzes(dossier, Profiel.POVO)
            opdracht = services.verzamelen_aanvragen(
                dossier=dossier, keuzes=keuzes, user=user, direct=True
            )
            services.verzamel(opdracht.pk)
            dossier.refresh_from_db()
            dossier.inzage = InzageKeuze.JA
            dossier.inzage_datum = datetime.date.today()
            dossier.inzage_versie = dossier.huidige_versie
            dossier.save()
            services.klaarzetten(dossier=dossier, user=user)
            if voor_de_uitslag:
                f.EindtoetsFactory(leerling=ll, toets_advies="havo/vwo")
                Dossieraanvraag.objects.create(
                    school=school,
                    leerling=ll,
                    bron_routeringskenmerk="0",
                    aanvrager_brin="16UU",
                    aanvrager_routeringskenmerk="0",
                    overdrachtsoort="overstapdossier",
                    sessie_id=str(uuid.uuid4()),  # one served dossier per session
                    resultaat="OverdrachtGeslaagd",
                )
        elif i % 3 == 0:
            f.EindtoetsFactory(leerling=ll)
    assert Eindtoets.objects.filter(leerling__school=school).exists()
    return school, user


def _meet(school, user, runs: int) -> tuple[Reeks, int, int]:
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(user)
    reeks = Reeks("GET /oso/overstapseizoen/")
    antwoord = client.get("/oso/overstapseizoen/")  # warm up, not counted
    assert antwoord.status_code == 200, antwoord.status_code
    queries: list[str] = []

    def tel(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # counted at the cursor: Django empties its own query log when a request starts
    with connection.execute_wrapper(tel):
        client.get("/oso/overstapseizoen/")
    for _ in range(runs):
        duur, antwoord = _gemeten(client.get, "/oso/overstapseizoen/")
        reeks.tijden.append(duur)
    rijen = antwoord.content.decode().count('id="leerling-')
    return reeks, len(queries), rijen


def main(argv: list[str] | None = None) -> int:
    args = _argumenten(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    begin = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="oso-bench-seizoen-") as tijdelijk:
        notities = _django(Path(tijdelijk))
        database, opruimen = _database()
        try:
            return _run(args, database, notities, begin)
        finally:
            opruimen()


def _run(args: argparse.Namespace, database: str, notities: list[str], begin: float) -> int:
    from unittest import mock

    from dossiers import tasks

    print("OSO-module benchmark: overstapseizoen")
    print(f"   database   {database}")
    print(f"   mode       {'--snel' if args.snel else 'full'}: {args.runs} render(s) per school")
    for notitie in notities:
        print(f"   note       {notitie}")
    _kop(KOP)
    klein = max(1, args.leerlingen // 10)
    with mock.patch.object(tasks.maak_pdf, "delay", lambda *a, **k: None):  # PDFs: not measured
        groot, groot_user = bouw_school("14SS", "De Regenboog", args.leerlingen)
        kleine, kleine_user = bouw_school("15TT", "Het Kompas", klein)
    if args.profiel:
        import cProfile
        import pstats

        from django.test import Client

        c = Client()
        c.force_login(groot_user)
        c.get("/oso/overstapseizoen/")
        profiel = cProfile.Profile()
        profiel.runcall(c.get, "/oso/overstapseizoen/")
        pstats.Stats(profiel).sort_stats("cumulative").print_stats(40)
    print(f"   world built in {_duur(time.perf_counter() - begin)}")
    g_reeks, g_queries, g_rijen = _meet(groot, groot_user, args.runs)
    k_reeks, k_queries, k_rijen = _meet(kleine, kleine_user, args.runs)
    _tabel(
        ["school", "pupils on the board", "SQL queries", "median", "p95"],
        [
            [
                "De Regenboog",
                str(g_rijen),
                str(g_queries),
                _duur(g_reeks.mediaan),
                _duur(g_reeks.p95),
            ],
            [
                "Het Kompas",
                str(k_rijen),
                str(k_queries),
                _duur(k_reeks.mediaan),
                _duur(k_reeks.p95),
            ],
        ],
    )
    gelijk = GELIJK if g_queries == k_queries else "ONGELIJK"
    print(f"   queries for {g_rijen} and for {k_rijen} pupils → {gelijk}")
    print(f"   p95 for {g_rijen} pupils: {_duur(g_reeks.p95)} (target: under 200 ms)")
    print(f"   total {_duur(time.perf_counter() - begin)}")
    return 0 if gelijk == GELIJK else 1


if __name__ == "__main__":
    sys.exit(main())
