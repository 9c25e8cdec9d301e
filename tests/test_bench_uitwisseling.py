"""``make bench``'s exchange benchmark runs end to end. A smoke check of the script with tiny
counts: it asserts what the output says about correctness (every scenario measured, every
request ended OverdrachtGeslaagd and was afgemeld at the TC, no personal number printed),
never how fast anything was."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from bench.uitwisseling import GESLAAGD, KOPPEN, PING, PING_OK, VOLLEDIG

pytestmark = pytest.mark.conformance

REPO = Path(__file__).resolve().parent.parent
VERZOEKEN, PINGS, CLIENTS = 4, 6, (1, 2)
RIJ = re.compile(
    rf"^\s+(?P<scenario>{VOLLEDIG}|{PING})\s+(?P<clients>\d+)\s+(?P<mediaan>[\d.]+)\s+"
    r"(?P<p95>[\d.]+)\s+(?P<per_seconde>[\d.]+)\s+(?P<aantal>\d+)\s+(?P<sql>\d+)%\s+"
    r"(?P<uitkomst>.+?)\s*$",
    re.MULTILINE,
)


@pytest.fixture(scope="module")
def uitvoer() -> str:
    # The bench makes its own temporary SQLite database and PKI; it is not pointed at the
    # suite's PostgreSQL or Redis, nor at a configured Traffic Center.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "OSO_VAR_DIR", "OSO_ENV"}
        and not k.startswith(("OSO_TC_", "OSO_LAS_"))
    }
    env["OSO_STANDARD_DIR"] = str(settings.OSO_STANDARD_DIR or "")
    uitkomst = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.uitwisseling",
            "--snel",
            "--verzoeken",
            str(VERZOEKEN),
            "--pings",
            str(PINGS),
            "--clients",
            *map(str, CLIENTS),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert uitkomst.returncode == 0, uitkomst.stdout[-3000:] + uitkomst.stderr[-3000:]
    return uitkomst.stdout + uitkomst.stderr


def test_every_scenario_is_measured_with_positive_figures(uitvoer):
    for kop in KOPPEN:
        assert kop in uitvoer
    rijen = {(r["scenario"], int(r["clients"])): r for r in RIJ.finditer(uitvoer)}
    assert set(rijen) == {(s, c) for s in (VOLLEDIG, PING) for c in CLIENTS}, uitvoer
    for (scenario, _clients), rij in rijen.items():
        assert int(rij["aantal"]) == (VERZOEKEN if scenario == VOLLEDIG else PINGS)
        mediaan, p95 = float(rij["mediaan"]), float(rij["p95"])
        assert 0 < mediaan <= p95
        assert float(rij["per_seconde"]) > 0
    assert all(int(rijen[(PING, c)]["sql"]) == 0 for c in CLIENTS)  # the ping reads nothing


def test_every_request_ended_overdracht_geslaagd_and_was_afgemeld(uitvoer):
    rijen = {(r["scenario"], int(r["clients"])): r for r in RIJ.finditer(uitvoer)}
    for clients in CLIENTS:
        assert rijen[(VOLLEDIG, clients)]["uitkomst"] == f"{VERZOEKEN} {GESLAAGD}"
        assert rijen[(PING, clients)]["uitkomst"] == f"{PINGS} {PING_OK}"
        assert (
            f"{VOLLEDIG}, {clients} client(s): {VERZOEKEN} of {VERZOEKEN} TC sessions "
            f"afgemeld with {GESLAAGD}"
        ) in uitvoer
    assert "WARNING" not in uitvoer
    assert "Traceback" not in uitvoer


def test_no_personal_number_in_the_output(uitvoer):
    # the pupil's BSN exists only in the bench's memory and, encrypted, in its database
    assert re.findall(r"(?<!\d)\d{9}(?!\d)", uitvoer) == []
