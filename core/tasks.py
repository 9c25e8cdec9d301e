from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def herversleutel_pgns(batch_size: int = 500) -> int:
    """Re-encrypt every stored BSN/onderwijsnummer with the newest key (after a key rotation).

    Idempotent: running it twice, or again after a killed worker, leaves every value encrypted
    with the newest key. Each batch is its own transaction.
    """
    from audit import events

    from .herversleuteling import herversleutel

    # every PGN column, found through the models (Leerling.pgn, Opvraging.pgn, ...)
    uitkomst = herversleutel(
        batch=batch_size, forceer=True, alleen=lambda model, veld: veld.name == "pgn"
    )
    aantal = sum(t.herversleuteld for t in uitkomst.values())
    events.pgn_herversleuteld(aantal=aantal)
    return aantal
