"""Background work of the chain. Thin: the services hold the logic and are idempotent."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def verwerk_leerlingresultaat(resultaat_id: int) -> str:
    return services.leerlingresultaat_verwerken(resultaat_id)


@shared_task(acks_late=True)
def haal_rapport_op(resultaat_id: int) -> str:
    return services.rapport_ophalen(resultaat_id)
