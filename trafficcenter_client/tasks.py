"""Background work of the exchange: "Opnieuw proberen" of a failed :class:`Opvraging`.

The state lives in the database, not in the broker message (STYLE.md, lessons): the page queues
a retry by one conditional UPDATE (``mislukt`` and not yet queued → ``herhaling=wachtrij``) and
starts the task after commit. The task claims the row with a second conditional UPDATE
(``wachtrij`` → ``bezig``), so of two deliveries of the same message (acks_late, a redelivered
task, a double click) exactly one sends anything: never two requests in flight for one
opvraging. A claim older than the hard time limit belongs to a worker that was killed, and may
be taken over. The retry asks again with the number stored encrypted on the failed row
(:func:`services.dossier_opvragen` makes a new Opvraging; the old one links to it as
``opnieuw`` and forgets the number).
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import services
from .client import TcClient
from .models import Herhaling, OpvraagStatus, Opvraging
from .services import dossier_opvragen

logger = logging.getLogger(__name__)

SOFT_TIME_LIMIT = 240
TIME_LIMIT = 300


def _claim_verlopen_na() -> dt.timedelta:
    # after the hard limit the worker that held the claim has been killed
    limiet = max(TIME_LIMIT, int(getattr(settings, "CELERY_TASK_TIME_LIMIT", TIME_LIMIT)))
    return dt.timedelta(seconds=limiet + 60)


def opnieuw_proberen(opvraging: Opvraging) -> bool:
    """Queue a retry of a failed request. False (nothing queued) when it did not fail, is
    already queued or retried, or no longer holds the number to ask with."""
    if opvraging.status != OpvraagStatus.MISLUKT or not opvraging.pgn:
        return False
    with transaction.atomic():
        bijgewerkt = Opvraging.objects.filter(
            pk=opvraging.pk,
            status=OpvraagStatus.MISLUKT,
            herhaling=Herhaling.GEEN,
            opnieuw__isnull=True,
        ).update(herhaling=Herhaling.WACHTRIJ, herhaling_sinds=timezone.now())
        if bijgewerkt:
            pk = opvraging.pk
            transaction.on_commit(lambda: opvraging_opnieuw.delay(pk))
    return bool(bijgewerkt)


def opnieuw_uitvoeren(opvraging_id: int, *, client: TcClient | None = None) -> Opvraging | None:
    """Carry out a queued retry; None when another delivery has it or it was done already."""
    nu = timezone.now()
    geclaimd = (
        Opvraging.objects.filter(pk=opvraging_id, opnieuw__isnull=True)
        .filter(
            Q(herhaling=Herhaling.WACHTRIJ)
            | Q(herhaling=Herhaling.BEZIG, herhaling_sinds__lt=nu - _claim_verlopen_na())
        )
        .update(herhaling=Herhaling.BEZIG, herhaling_sinds=nu)
    )
    if not geclaimd:
        return None
    oud = Opvraging.objects.select_related("school", "leerling", "aangevraagd_door").get(
        pk=opvraging_id
    )
    verzameldatum = None
    if oud.leerling_id:  # as the page does: only a dossier newer than the one imported
        laatst = (
            Opvraging.objects.filter(leerling_id=oud.leerling_id, geimporteerd_op__isnull=False)
            .order_by("-tijdstip", "-pk")
            .first()
        )
        verzameldatum = laatst.verzameldatum if laatst else None
    try:
        nieuw = dossier_opvragen(
            school=oud.school,
            herkomst_brin=oud.herkomst_brin,
            pgn_type=oud.pgn_type,
            pgn=oud.pgn,
            user=oud.aangevraagd_door,
            leerling=oud.leerling,
            verzameldatum=verzameldatum,
            client=client,
        )
    except (ValidationError, ImproperlyConfigured) as fout:
        melding = " ".join(getattr(fout, "messages", None) or [str(fout)])
        Opvraging.objects.filter(pk=oud.pk).update(
            herhaling=Herhaling.GEEN, herhaling_sinds=None, melding=melding[:500]
        )
        return None
    except BaseException:
        # release the claim, so the user can try again instead of waiting for it to expire
        Opvraging.objects.filter(pk=oud.pk).update(herhaling=Herhaling.GEEN, herhaling_sinds=None)
        raise
    with transaction.atomic():
        oud.herhaling, oud.herhaling_sinds, oud.opnieuw = Herhaling.GEEN, None, nieuw
        oud.pgn = ""  # the new request holds the number now (until it is done)
        oud.save(update_fields=["herhaling", "herhaling_sinds", "opnieuw", "pgn"])
    logger.info("OSO opvraging %s opnieuw geprobeerd als %s", oud.pk, nieuw.pk)
    return nieuw


EERSTE_UITVOERING = "opvraging-start"


def _laatst_geimporteerd(leerling_id: int | None) -> dt.datetime | None:
    """As the page does: ask only for a dossier newer than the one imported last."""
    if not leerling_id:
        return None
    laatst = (
        Opvraging.objects.filter(leerling_id=leerling_id, geimporteerd_op__isnull=False)
        .order_by("-tijdstip", "-pk")
        .first()
    )
    return laatst.verzameldatum if laatst else None


def eerste_uitvoering(opvraging_id: int, *, client: TcClient | None = None) -> Opvraging | None:
    """Carry out a request the screen stored (``services.opvraging_aanmaken``). Exactly once:
    the first delivery claims it; a second (acks_late, a sweeper) does nothing. A claimed run
    that dies leaves the request bezig; the sweeper ends it visibly."""
    from exploitatie.models import Poging

    if not Poging.claim(EERSTE_UITVOERING, str(opvraging_id)):
        return None
    opvraging = Opvraging.objects.select_related("school").get(pk=opvraging_id)
    if opvraging.status != OpvraagStatus.BEZIG or opvraging.sessie_id or not opvraging.pgn:
        return None
    try:
        client = client or TcClient()
    except ImproperlyConfigured as fout:  # the connection was removed in the meantime
        Opvraging.objects.filter(pk=opvraging_id, status=OpvraagStatus.BEZIG).update(
            status=OpvraagStatus.MISLUKT, melding=str(fout)[:500]
        )
        return Opvraging.objects.get(pk=opvraging_id)
    return services.opvraging_uitvoeren(
        opvraging, verzameldatum=_laatst_geimporteerd(opvraging.leerling_id), client=client
    )


def opvraging_starten(opvraging: Opvraging) -> None:
    """After the screen stored the request: a task on the network queue after commit; without a
    broker (the embedded default) in-process, as every task there."""
    from oso_las.celery import app

    if app.conf.task_always_eager:  # the live setting (tests switch it), not the settings file
        eerste_uitvoering(opvraging.pk)
        return
    pk = opvraging.pk
    transaction.on_commit(lambda: opvraging_uitvoeren_taak.delay(pk))


@shared_task(acks_late=True, soft_time_limit=SOFT_TIME_LIMIT, time_limit=TIME_LIMIT)
def opvraging_uitvoeren_taak(opvraging_id: int) -> int | None:
    opvraging = eerste_uitvoering(opvraging_id)
    return opvraging.pk if opvraging else None


@shared_task(acks_late=True, soft_time_limit=SOFT_TIME_LIMIT, time_limit=TIME_LIMIT)
def opvraging_opnieuw(opvraging_id: int) -> int | None:
    nieuw = opnieuw_uitvoeren(opvraging_id)
    return nieuw.pk if nieuw else None


@shared_task(acks_late=True, soft_time_limit=SOFT_TIME_LIMIT, time_limit=TIME_LIMIT)
def afmeldingen_herhalen() -> int:
    """Retry every failed afmelding (for a periodic schedule); idempotent: an afgemelde
    opvraging is skipped, and the TC answers a second afmelding with SessieReedsAfgemeld."""
    from .services import afmelding_herhalen, open_afmeldingen

    gelukt = 0
    for opvraging in open_afmeldingen()[:200]:
        try:
            gelukt += afmelding_herhalen(opvraging)
        except (ImproperlyConfigured, ValidationError):
            logger.warning("afmelding herhalen: geen verbinding of aanleverpunt")
            break
    return gelukt
