"""Celery tasks: thin wrappers around the idempotent services (acks_late: a killed worker's
task runs again and finds the work done or redoes it whole)."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def verzamel_dossier(opdracht_id: str) -> int | None:
    from .services import verzamel

    versie = verzamel(opdracht_id)
    return versie.pk if versie else None


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def maak_pdf(versie_id: int) -> int | None:
    from .services import maak_pdf as render

    item = render(versie_id)
    return item.pk if item else None


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def maak_klaarzetting_pdf(klaarzetting_id: int) -> int:
    from .services import maak_klaarzetting_pdf as render

    return render(klaarzetting_id).pk


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def verwerk_import(import_id: str) -> str:
    """An API import (``importopdrachten``); safe to run twice."""
    from .importopdrachten import import_verwerken

    return import_verwerken(import_id).status
