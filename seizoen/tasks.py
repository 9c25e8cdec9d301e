"""Celery tasks of the season: thin wrappers around idempotent services."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=1900)
def nieuwe_versies(actie_id: str) -> str:
    from .services import nieuwe_versies_uitvoeren

    return nieuwe_versies_uitvoeren(actie_id).status


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def herinneringen_maken() -> int:
    from .herinneringen import herinneringen_maken as maken

    return len(maken())
