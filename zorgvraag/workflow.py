"""The delivery of a zorgvraag as a state machine: the one map of allowed changes.

Business content never changes after "Opslaan en verzenden"; only the delivery moves::

    nieuw ──claim──> bezig ──> verzonden
                       │
                       └────> niet_afgeleverd ──claim (Opnieuw versturen)──> bezig

A claim is one conditional UPDATE, so of two attempts at the same moment exactly one sends. A
claim older than :data:`BEZIG_VERLOOPT` (a worker killed mid-way) may be taken over.
Deletion is not a delivery state: it is ``verwijderd_op`` and ends every transition.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from .models import Aflevering, Zorgvraag

TRANSITIES: dict[str, frozenset[str]] = {
    Aflevering.NIEUW: frozenset({Aflevering.BEZIG}),
    Aflevering.BEZIG: frozenset({Aflevering.VERZONDEN, Aflevering.NIET_AFGELEVERD}),
    Aflevering.NIET_AFGELEVERD: frozenset({Aflevering.BEZIG}),
    Aflevering.VERZONDEN: frozenset(),
}

BEZIG_VERLOOPT = dt.timedelta(minutes=10)


class OngeldigeOvergang(Exception):  # noqa: N818 - the domain's own word
    pass


def toegestaan(zorgvraag: Zorgvraag, naar: str) -> bool:
    if zorgvraag.verwijderd_op is not None:
        return False
    return naar in TRANSITIES[zorgvraag.aflevering]


def kan_opnieuw_versturen(zorgvraag: Zorgvraag) -> bool:
    """The "Opnieuw versturen" button: not delivered, or a claim that has expired."""
    if zorgvraag.verwijderd_op is not None:
        return False
    if zorgvraag.aflevering == Aflevering.NIET_AFGELEVERD:
        return True
    return zorgvraag.aflevering == Aflevering.BEZIG and _verlopen(zorgvraag.bezig_sinds)


def _verlopen(sinds: dt.datetime | None) -> bool:
    return sinds is None or sinds < timezone.now() - BEZIG_VERLOOPT


def claim(zorgvraag_id: int) -> bool:
    """Take the zorgvraag for one delivery attempt; False when it is not ours to send (sent,
    deleted, or another attempt is running)."""
    van = [s for s, naar in TRANSITIES.items() if Aflevering.BEZIG in naar]
    verlopen = Q(aflevering=Aflevering.BEZIG) & (
        Q(bezig_sinds__isnull=True) | Q(bezig_sinds__lt=timezone.now() - BEZIG_VERLOOPT)
    )
    return bool(
        Zorgvraag.objects.filter(Q(aflevering__in=van) | verlopen)
        .filter(pk=zorgvraag_id, verwijderd_op__isnull=True)
        .update(aflevering=Aflevering.BEZIG, bezig_sinds=timezone.now())
    )


def afronden(zorgvraag_id: int, naar: str, **velden) -> bool:
    """End the running attempt: ``verzonden`` or ``niet_afgeleverd``."""
    if naar not in TRANSITIES[Aflevering.BEZIG]:
        raise OngeldigeOvergang(naar)
    return bool(
        Zorgvraag.objects.filter(pk=zorgvraag_id, aflevering=Aflevering.BEZIG).update(
            aflevering=naar, bezig_sinds=None, **velden
        )
    )
