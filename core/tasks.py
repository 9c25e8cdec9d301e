from __future__ import annotations

from celery import shared_task
from django.db import transaction


@shared_task(acks_late=True)
def herversleutel_pgns(batch_size: int = 500) -> int:
    """Re-encrypt every stored BSN/onderwijsnummer with the newest key (after a key rotation).

    Idempotent: running it twice, or again after a killed worker, leaves every value encrypted
    with the newest key. Each batch is its own transaction.
    """
    from audit import events
    from leerlingen.models import Leerling

    aantal = 0
    pks = list(Leerling.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        with transaction.atomic():
            batch = Leerling.objects.select_for_update().filter(
                pk__in=pks[start : start + batch_size]
            )
            for leerling in batch.only("pk", "pgn"):
                # saving the clear value through the field encrypts it with the first key
                Leerling.objects.filter(pk=leerling.pk).update(pgn=leerling.pgn)
                aantal += 1
    events.pgn_herversleuteld(aantal=aantal)
    return aantal
