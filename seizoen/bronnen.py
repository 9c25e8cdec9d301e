"""Data the season board reads from other apps when they provide it.

The doorstroomtoets exchange (app ``doorstroomtoets``) knows which pupils were registered for
the toets and whether their voorlopig advies was sent to the supplier. When that app offers
``doorstroomtoets.selectors.seizoen_aanmeldingen(leerling_ids) -> {leerling_id: {"aangemeld_op":
date | None, "advies_verzonden_op": date | None}}`` the board shows it; without it the board says
there is no connection, and nothing else depends on it.
"""

from __future__ import annotations

import importlib


def doorstroomtoets_aanmeldingen(leerling_ids: list[int]) -> dict[int, dict] | None:
    try:
        selectors = importlib.import_module("doorstroomtoets.selectors")
    except ImportError:
        return None
    functie = getattr(selectors, "seizoen_aanmeldingen", None)
    if functie is None:
        return None
    return functie(leerling_ids)
