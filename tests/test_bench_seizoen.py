"""``make bench`` includes the season board: a smoke check of the script that asserts what the
figures say about correctness (the board's SQL queries do not grow with the pupils), never
how fast it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from bench.dossiers import GELIJK
from bench.seizoen import KOP

pytestmark = pytest.mark.conformance

REPO = Path(__file__).resolve().parent.parent


def test_the_board_bench_runs_with_constant_queries():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "OSO_VAR_DIR", "OSO_ENV"}
    }
    env["OSO_STANDARD_DIR"] = str(settings.OSO_STANDARD_DIR)
    uitkomst = subprocess.run(
        [sys.executable, "-m", "bench.seizoen", "--snel", "--leerlingen", "30"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert uitkomst.returncode == 0, uitkomst.stderr[-3000:]
    assert KOP in uitkomst.stdout
    assert f"queries for 30 and for 3 pupils → {GELIJK}" in uitkomst.stdout
