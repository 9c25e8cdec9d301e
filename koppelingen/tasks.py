from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=30, time_limit=45)
def aflever_webhook(aflevering_id: int) -> str | None:
    """One delivery attempt (``webhooks.aflever``); the next attempt is scheduled there."""
    from .webhooks import aflever

    aflevering = aflever(aflevering_id)
    return aflevering.status if aflevering else None


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def webhooks_opnieuw_aanbieden() -> int:
    """Periodic (Celery beat): deliveries stuck in the queue are offered again."""
    from .webhooks import blijven_hangen

    return blijven_hangen()
