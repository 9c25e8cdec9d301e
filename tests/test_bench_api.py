"""``make bench``'s API benchmark runs end to end (a smoke check with tiny counts): every
scenario is measured, every response was right, and the number of queries of a list page does
not grow with the page size. It asserts nothing about speed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.conformance

REPO = Path(__file__).resolve().parent.parent


def test_bench_api_smoke():
    if not settings.OSO_STANDARD_DIR:
        pytest.skip("OSO_STANDARD_DIR is not set: collecting validates against the official XSD")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "OSO_VAR_DIR", "OSO_ENV"}
    }
    env["OSO_STANDARD_DIR"] = settings.OSO_STANDARD_DIR
    uit = subprocess.run(
        [sys.executable, "-m", "bench.api", "--snel", "--dossiers", "120"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert uit.returncode == 0, uit.stdout + uit.stderr
    for scenario in ("ping (no auth)", "page of 100", "all 120", "version metadata", "version XML"):
        assert re.search(rf"^\s+{re.escape(scenario)}.*\s[\d.]+\s+[\d.]+\s+3$", uit.stdout, re.M), (
            scenario,
            uit.stdout,
        )
    assert "constant in the page size: yes" in uit.stdout
