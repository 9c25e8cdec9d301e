"""The test exchange between two LAS installations: ``oso_testuitwisseling --twee-las``.

Three processes with three databases, as in the field: the reference Traffic Center, LAS A (the
schools of origin: Het Kompas 15TT, Essenwoude Lyceum 17VV, and De Regenboog's locatie Zuid for
binnen-brin) and LAS B (the receiving schools: De Regenboog 14SS and Wilgendaal College 16UU).
Each LAS has its own client and server certificate of one development CA, its own
``OSO_VAR_DIR`` (so its own field-encryption keys) and its own database: SQLite files, or, when
``DATABASE_URL`` names a PostgreSQL server, three fresh databases on it. Both LAS databases hold
the demo world; each installation registers only the aanleverpunten of its own schools.

The steps of :mod:`.testuitwisseling` run in the installation they belong to as
``manage.py oso_testuitwisseling --stap NAAM --invoer F --uitvoer F``; what one hands the next
(the number the parents would give, a document's hash) goes through files in the working
directory, readable by the owner only, never through the command line or the output. At the end
the output and log lines of every process are searched for those numbers.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

from . import ontwikkeling, testuitwisseling
from .client import TcClient
from .testuitwisseling import Verslag

OIN_A = "00000001823456789001"
OIN_B = "00000001823456789002"
# which aanleverpunten each installation registers (BRIN, nummer)
AANLEVERPUNTEN = {"a": [("15TT", 0), ("17VV", 0), ("14SS", 1)], "b": [("14SS", 0), ("16UU", 0)]}
START_TIJD = 60.0
STAP_TIJD = 600.0


@dataclass
class Proces:
    naam: str
    popen: subprocess.Popen
    regels: list[str] = field(default_factory=list)

    def lees(self) -> None:
        assert self.popen.stdout is not None
        for regel in self.popen.stdout:
            self.regels.append(regel.rstrip("\n"))

    def wacht_op(self, patroon: str, tijd: float = START_TIJD) -> re.Match:
        einde = time.monotonic() + tijd
        while time.monotonic() < einde:
            for regel in list(self.regels):
                gevonden = re.search(patroon, regel)
                if gevonden:
                    return gevonden
            if self.popen.poll() is not None:
                break
            time.sleep(0.1)
        raise testuitwisseling.Mislukt(f"{self.naam} startte niet: " + " | ".join(self.regels[-5:]))

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()


def _manage(*args: str) -> list[str]:
    return [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]


def _postgres_urls(werkmap: Path) -> dict[str, str] | None:
    """Three fresh databases beside the one in ``DATABASE_URL``, or None for SQLite."""
    basis = os.environ.get("DATABASE_URL", "")
    if not basis.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg2

    delen = urlsplit(basis)
    beheer = psycopg2.connect(urlunsplit(delen._replace(path="/postgres")))
    beheer.autocommit = True
    urls = {}
    try:
        with beheer.cursor() as cursor:
            for naam in ("tc", "a", "b"):
                database = f"oso_tweelas_{os.getpid()}_{naam}"
                cursor.execute(f'DROP DATABASE IF EXISTS "{database}"')
                cursor.execute(f'CREATE DATABASE "{database}"')
                urls[naam] = urlunsplit(delen._replace(path=f"/{database}"))
    finally:
        beheer.close()
    return urls


def _drop_postgres(urls: dict[str, str]) -> None:
    import psycopg2

    delen = urlsplit(next(iter(urls.values())))
    beheer = psycopg2.connect(urlunsplit(delen._replace(path="/postgres")))
    beheer.autocommit = True
    try:
        with beheer.cursor() as cursor:
            for url in urls.values():
                cursor.execute(f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}"')
    finally:
        beheer.close()


@dataclass
class TweeLas:
    verslag: Verslag
    werkmap: Path
    omgevingen: dict[str, dict[str, str]] = field(default_factory=dict)
    processen: list[Proces] = field(default_factory=list)
    uitvoer: list[str] = field(default_factory=list)  # every line of every process

    def omgeving(self, naam: str, database: str | None) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "REDIS_URL", "OSO_REQUIRE_SERVICES", "OSO_VAR_DIR"}
            and not k.startswith(("OSO_TC_", "OSO_LAS_"))
        }
        env.update(
            OSO_VAR_DIR=str(self.werkmap / naam),
            OSO_ENV="development",
            PYTHONUNBUFFERED="1",
            DJANGO_SETTINGS_MODULE="oso_las.settings",
        )
        if database:
            env["DATABASE_URL"] = database
        return env

    def draai(self, naam: str, *args: str) -> subprocess.Popen:
        # our own manage.py with our own arguments: nothing from outside reaches the command line
        return subprocess.Popen(  # noqa: S603
            _manage(*args),
            env=self.omgevingen[naam],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=settings.BASE_DIR,
        )

    def voorbereiden(self) -> None:
        """Migrate the three databases and build the demo world in both LAS, side by side."""
        for stap in (("migrate", "--noinput", "-v0"), ("demo_data",)):
            namen = ("tc", "a", "b") if stap[0] == "migrate" else ("a", "b")
            lopend = {naam: self.draai(naam, *stap) for naam in namen}
            for naam, proces in lopend.items():
                uit, _ = proces.communicate(timeout=STAP_TIJD)
                self.uitvoer.extend(uit.splitlines())
                if proces.returncode != 0:
                    raise testuitwisseling.Mislukt(
                        f"{stap[0]} voor {naam} mislukte: {uit.strip()[-500:]}"
                    )
        self.verslag.ok("drie databases gemigreerd; demowereld in LAS A en LAS B")

    def mandaten(self, oins: dict[str, str]) -> None:
        """``tc_mandaat`` in the TC's installation, per LAS for the BRINs it serves."""
        for las, oin in oins.items():
            brins = sorted({brin for brin, _ in AANLEVERPUNTEN[las]})
            proces = self.draai("tc", "tc_mandaat", f"--oin={oin}", *brins)
            uit, _ = proces.communicate(timeout=STAP_TIJD)
            self.uitvoer.extend(uit.splitlines())
            if proces.returncode != 0:
                raise testuitwisseling.Mislukt(f"tc_mandaat mislukte: {uit.strip()[-500:]}")
        self.verslag.ok("mandaten van de scholen verleend bij het Traffic Center")

    def start(self, naam: str, *args: str, patroon: str) -> str:
        popen = self.draai(naam, *args)
        proces = Proces(naam, popen)
        self.processen.append(proces)
        threading.Thread(target=proces.lees, daemon=True).start()
        return proces.wacht_op(patroon).group(1)

    def stap(self, las: str, stap: str, invoer: dict[str, Any]) -> dict[str, Any]:
        """One step in installation ``las``; its [OK]/[FOUT] lines join the report."""
        invoer_pad = self.werkmap / f"{stap}-{las}-invoer.json"
        uitvoer_pad = self.werkmap / f"{stap}-{las}-uitvoer.json"
        _schrijf(invoer_pad, invoer)
        proces = self.draai(
            las,
            "oso_testuitwisseling",
            "--stap",
            stap,
            "--invoer",
            str(invoer_pad),
            "--uitvoer",
            str(uitvoer_pad),
        )
        uit, _ = proces.communicate(timeout=STAP_TIJD)
        self.uitvoer.extend(uit.splitlines())
        for regel in uit.splitlines():
            if regel.startswith("[OK]"):
                self.verslag.ok(f"LAS {las.upper()}: {regel[6:].strip()}")
            elif regel.startswith("[FOUT]"):
                self.verslag.fout(f"LAS {las.upper()}: {regel[6:].strip()}")
        if proces.returncode != 0 and not any(r.startswith("[FOUT]") for r in uit.splitlines()):
            self.verslag.fout(f"LAS {las.upper()} {stap}: {uit.strip()[-500:]}")
        if not uitvoer_pad.exists():
            return {}
        return json.loads(uitvoer_pad.read_text())

    def stop(self) -> None:
        for proces in reversed(self.processen):
            proces.stop()
            self.uitvoer.extend(proces.regels)


def _schrijf(pad: Path, gegevens: dict[str, Any]) -> None:
    fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as bestand:
        json.dump(gegevens, bestand)


def twee_las(verslag: Verslag, werkmap: Path) -> None:
    """The whole test exchange between two installations (see the module docstring)."""
    werkmap.mkdir(mode=0o700, parents=True, exist_ok=True)
    p = ontwikkeling.zorg_voor_pki(werkmap / "pki", {"las-a": OIN_A, "las-b": OIN_B})
    urls = _postgres_urls(werkmap)
    wereld = TweeLas(verslag, werkmap)
    klaargezet: dict[str, Any] = {}
    for naam in ("tc", "a", "b"):
        wereld.omgevingen[naam] = wereld.omgeving(naam, urls[naam] if urls else None)
    try:
        verslag.stap("voorbereiden", wereld.voorbereiden)
        if not verslag.geslaagd:
            return
        # the schools of each installation mandate its supplier at the Traffic Center
        verslag.stap("mandaten verlenen", wereld.mandaten, {"a": OIN_A, "b": OIN_B})
        if not verslag.geslaagd:
            return
        tc_url = verslag.stap(
            "Traffic Center starten",
            wereld.start,
            "tc",
            "trafficcenter_server",
            "--port=0",
            f"--cert={p.pad('tc.pem')}",
            f"--key={p.pad('tc-key.pem')}",
            f"--ca={p.ca}",
            patroon=r"luistert op (https://\S+/tc/soap/)",
        )
        las_urls = {}
        for las in ("a", "b"):
            las_urls[las] = verslag.stap(
                f"LAS {las.upper()} starten",
                wereld.start,
                las,
                "oso_server",
                "--port=0",
                f"--cert={p.pad(f'las-{las}-server.pem')}",
                f"--key={p.pad(f'las-{las}-server-key.pem')}",
                f"--ca={p.ca}",
                patroon=r"luistert op (https://\S+/oso/soap/)",
            )
        if not (tc_url and all(las_urls.values())):
            return
        verslag.ok(
            f"drie processen: Traffic Center {tc_url}, LAS A {las_urls['a']}, LAS B {las_urls['b']}"
        )
        for las in ("a", "b"):
            wereld.stap(
                las,
                "instellen",
                {
                    "pki": str(p.map),
                    "partij": f"las-{las}",
                    "tc_url": tc_url,
                    "las_url": las_urls[las],
                    "aanleverpunten": AANLEVERPUNTEN[las],
                },
            )
        gemeen: dict[str, Any] = {"pki": str(p.map), "werkmap": str(werkmap)}
        klaargezet = wereld.stap("a", "klaarzetten", gemeen)
        gemeen["pgns"] = [testuitwisseling.ONBEKEND_BSN, *(g["pgn"] for g in klaargezet.values())]
        wereld.stap("b", "opvragen", {**gemeen, "klaargezet": klaargezet})
        nieuw = wereld.stap("a", "nieuwe_versie", gemeen)
        if nieuw and testuitwisseling.POPO.naam in klaargezet:
            wereld.stap(
                "b",
                "nieuwe_versie_opvragen",
                {**gemeen, "gegeven": klaargezet[testuitwisseling.POPO.naam], "nieuw": nieuw},
            )
    finally:
        wereld.stop()
        if urls:
            _drop_postgres(urls)
    pgns = {testuitwisseling.ONBEKEND_BSN, *(g["pgn"] for g in klaargezet.values())}
    # each installation checked its own message log in its last step; here: every line printed
    testuitwisseling.privacy(verslag, pgns, _als_log(wereld.uitvoer), database=False)


def _als_log(regels: list[str]):
    import io

    return io.StringIO("\n".join(regels))


# --- one step, in its own installation ----------------------------------------------------------


def voer_stap_uit(stap: str, invoer_pad: Path, uitvoer_pad: Path, verslag: Verslag) -> None:
    invoer = json.loads(invoer_pad.read_text())
    uitvoer: dict[str, Any] = {}
    with testuitwisseling.logregels(stil=False) as log:
        if stap == "instellen":
            p = ontwikkeling.OntwikkelPki(Path(invoer["pki"]))
            ontwikkeling.verbinding_instellen(p, invoer["tc_url"], partij=invoer["partij"])
            kenmerken = _kenmerken(invoer["aanleverpunten"])
            for ap, code in ontwikkeling.aanleverpunten_registreren(
                invoer["las_url"], kenmerken=kenmerken
            ):
                regel = f"aanleverpunt {ap.school.brincode}/{ap.nummer} registreren: {code}"
                (verslag.ok if code == "AanleverpuntGeregistreerd" else verslag.fout)(regel)
        elif stap == "klaarzetten":
            uitvoer = testuitwisseling.bron_klaarzetten(verslag)
        elif stap == "opvragen":
            testuitwisseling.doel_opvragen(
                verslag,
                invoer["klaargezet"],
                TcClient(backoff=0.05),
                ca_map=Path(invoer["pki"]),
                werkmap=Path(invoer["werkmap"]),
            )
        elif stap == "nieuwe_versie":
            uitvoer = testuitwisseling.bron_nieuwe_versie(verslag, TcClient(backoff=0.05)) or {}
        elif stap == "nieuwe_versie_opvragen":
            testuitwisseling.doel_nieuwe_versie(
                verslag, invoer["gegeven"], invoer["nieuw"], TcClient(backoff=0.05)
            )
        else:
            verslag.fout(f"onbekende stap {stap}")
            return
        if stap != "instellen":
            pgns = invoer.get("pgns") or [g["pgn"] for g in uitvoer.values()]
            testuitwisseling.privacy(verslag, pgns, log)
    _schrijf(uitvoer_pad, uitvoer)


def _kenmerken(aanleverpunten: list[list[Any]]) -> list[str]:
    from scholen.models import Aanleverpunt

    kenmerken = []
    for brin, nummer in aanleverpunten:
        ap = Aanleverpunt.objects.filter(school__brincode=brin, nummer=nummer).first()
        if ap is not None:
            kenmerken.append(ap.routeringskenmerk)
    return kenmerken
