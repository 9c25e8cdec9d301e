from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def lever_resultaten(school_id: int, las_keys: list[str] | None = None) -> list[int | None]:
    return services.resultaten_leveren(school_id, las_keys)
