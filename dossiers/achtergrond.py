"""Starting the bulk binnen-brin run in the background.

With a broker (REDIS_URL) every collection is a Celery task on the workers. In the embedded
default Celery runs tasks eagerly, in the caller: that would tie up the request for seconds per
pupil, so there the jobs run one after the other in a thread of this process (the jobs are
idempotent database rows; a thread lost with the process leaves them "in de wachtrij", and the
progress page says so). ``OSO_ACHTERGROND_THREAD = False`` (the test settings) runs them in the
caller instead.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import OperationalError, connections

from .models import Verwerking, Verzamelopdracht

logger = logging.getLogger(__name__)

POGINGEN = 3  # per job, on a database error
WACHT = 0.5  # seconds, times the attempt


def _eager() -> bool:
    from oso_las.celery import app

    return bool(app.conf.task_always_eager)


def bulk_starten(bulk_id) -> None:
    ids = [
        str(pk)
        for pk in Verzamelopdracht.objects.filter(
            bulk_id=bulk_id, status=Verwerking.WACHTRIJ
        ).values_list("pk", flat=True)
    ]
    if not _eager():
        from .tasks import verzamel_dossier

        for pk in ids:
            verzamel_dossier.delay(pk)
        return
    if getattr(settings, "OSO_ACHTERGROND_THREAD", False):
        threading.Thread(
            target=_uitvoeren, args=(ids,), name=f"bulk-{bulk_id}", daemon=True
        ).start()
    else:
        _uitvoeren(ids, sluiten=False)


def _uitvoeren(ids: list[str], sluiten: bool = True) -> None:
    try:
        for pk in ids:
            _verzamel(pk)
    finally:
        if sluiten:
            connections.close_all()


def _verzamel(pk: str) -> None:
    """One job of the run; a job whose database error outlasted the driver's own wait (a
    SQLite write lock held past its timeout, a dropped connection) runs again, being
    idempotent, rather than stay "in de wachtrij"."""
    from .services import verzamel

    for poging in range(1, POGINGEN + 1):
        try:
            verzamel(pk)
            return
        except OperationalError:
            if poging == POGINGEN:
                logger.warning("bulk: verzamelen %s mislukt (database bezet)", pk)
                return
            time.sleep(WACHT * poging)
        except Exception:  # verzamel marked the job "mislukt"; go on with the next pupil
            logger.warning("bulk: verzamelen %s mislukt", pk)
            return
