"""``make bench`` runs end to end. A smoke check of the script only: it asserts what the figures
say about correctness (a valid dossier, a complete bulk run, queries independent of the number
of toetsen), never how fast anything was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from bench.dossiers import GELIJK, KOPPEN

pytestmark = pytest.mark.conformance

REPO = Path(__file__).resolve().parent.parent


def test_bench_prints_every_section_with_equal_query_counts():
    # The bench makes its own temporary SQLite database; it is not pointed at the suite's
    # PostgreSQL or Redis, which would only make this check slower.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "OSO_VAR_DIR", "OSO_ENV"}
    }
    env["OSO_STANDARD_DIR"] = str(settings.OSO_STANDARD_DIR or "")
    uitkomst = subprocess.run(
        [sys.executable, "-m", "bench.dossiers", "--snel", "--bulk", "5"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert uitkomst.returncode == 0, uitkomst.stderr[-3000:]
    uitvoer = uitkomst.stdout
    for kop in KOPPEN:
        assert kop in uitvoer
    assert "pupil with 5 toetsen" in uitvoer and "pupil with 50 toetsen" in uitvoer
    assert f"→ {GELIJK}" in uitvoer
    assert "WARNING" not in uitvoer, uitvoer
    assert "5 klaargezet, 0 afgekeurd/mislukt, 0 skipped; 5 PDF tasks queued" in uitvoer
    assert "2 klaargezet, 0 afgekeurd/mislukt, 0 skipped; 2 PDFs made" in uitvoer
