"""Celery tasks: thin wrappers around the idempotent services (acks_late: a killed worker's
task runs again and finds the work done, or claims an expired attempt and redoes it)."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def zorgvraag_afleveren_taak(zorgvraag_id: int) -> str:
    from .services import zorgvraag_afleveren

    return zorgvraag_afleveren(zorgvraag_id).aflevering


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def maak_zorgvraag_pdf(zorgvraag_id: int) -> bool:
    from .services import maak_pdf

    return maak_pdf(zorgvraag_id)
