"""Loaded only into the Celery worker of the process-level test (``celery worker -I``): lets the
test catch the worker in the middle of a collection or a PDF, to SIGKILL it there.

While the file ``pauze-<wat>`` exists in ``OSO_TEST_PAUZE_MAP``, the step waits after writing
``in-<wat>``: ``verzamelen`` pauses after the job is marked bezig (before its validation and
the version's transaction), ``pdf`` pauses before the PDF is rendered and filed. Without those
files the worker runs the product's code unchanged.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from celery import signals

_GEINSTALLEERD = False


def _pauze(wat: str) -> None:
    kaart = Path(os.environ.get("OSO_TEST_PAUZE_MAP", "/nonexistent"))
    if not (kaart / f"pauze-{wat}").exists():
        return
    (kaart / f"in-{wat}").write_text(str(os.getpid()))
    einde = time.monotonic() + 120
    while (kaart / f"pauze-{wat}").exists() and time.monotonic() < einde:
        time.sleep(0.05)


@signals.task_prerun.connect
def _installeer(**kwargs):
    global _GEINSTALLEERD
    if _GEINSTALLEERD:
        return
    from dossiers import pdf, services

    valideer, render_pdf = services._valideer, pdf.render_pdf

    def _valideer_met_pauze(*args, **kw):
        _pauze("verzamelen")
        return valideer(*args, **kw)

    def render_pdf_met_pauze(*args, **kw):
        _pauze("pdf")
        return render_pdf(*args, **kw)

    services._valideer = _valideer_met_pauze
    pdf.render_pdf = render_pdf_met_pauze
    _GEINSTALLEERD = True
