from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def swv_dossier_ophalen(aanvraag_id: int) -> str:
    from .models import Aanvraag
    from .services import dossier_ophalen

    return dossier_ophalen(Aanvraag.objects.get(pk=aanvraag_id)).status
