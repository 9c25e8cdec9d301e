"""Writes to pupil data. Each function is one transaction and writes its audit event."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.forms import BaseForm, BaseFormSet

from audit import events

from .models import Leerling, MapItem
from .sections import Section


class DubbeleLeerling(Exception):
    """Another pupil of this school has the same BSN or onderwijsnummer."""


def _changed(form: BaseForm) -> list[str]:
    # field names only: values (and never a PGN) stay out of the audit details
    return [name for name in form.changed_data if name != "pgn_nieuw"] + (
        ["pgn"] if "pgn_nieuw" in form.changed_data else []
    )


def leerling_aanmaken(*, form: BaseForm, request) -> Leerling:
    try:
        with transaction.atomic():
            leerling = form.save()
            events.leerling_aangemaakt(request=request, leerling=leerling)
    except IntegrityError as exc:
        raise DubbeleLeerling from exc
    return leerling


def leerling_bijwerken(*, form: BaseForm, request) -> Leerling:
    try:
        with transaction.atomic():
            leerling = form.save()
            events.leerling_gewijzigd(request=request, leerling=leerling, velden=_changed(form))
    except IntegrityError as exc:
        raise DubbeleLeerling from exc
    return leerling


def sectie_opslaan(
    *,
    section: Section,
    form: BaseForm,
    formset: BaseFormSet | None,
    leerling: Leerling,
    request,
):
    nieuw = form.instance.pk is None
    with transaction.atomic():
        obj = form.save()
        velden = _changed(form)
        if formset is not None:
            formset.instance = obj
            formset.save()
            if formset.has_changed():
                velden.append(str(section.inline.titel))
        if nieuw:
            events.gegevens_toegevoegd(
                request=request, leerling=leerling, obj=obj, onderdeel=str(section.titel)
            )
        else:
            events.gegevens_gewijzigd(
                request=request,
                leerling=leerling,
                obj=obj,
                onderdeel=str(section.titel),
                velden=velden,
            )
    return obj


def sectie_verwijderen(*, section_titel: str, obj, leerling: Leerling, request) -> None:
    with transaction.atomic():
        events.gegevens_verwijderd(
            request=request, leerling=leerling, obj=obj, onderdeel=section_titel
        )
        obj.delete()


def map_item_opslaan(*, form: BaseForm, leerling: Leerling, request) -> MapItem:
    with transaction.atomic():
        item = form.save(commit=False)
        item.leerling = leerling
        item.aangemaakt_door = request.user
        item.save()
        events.gegevens_toegevoegd(
            request=request, leerling=leerling, obj=item, onderdeel="Leerlingmap"
        )
    return item


def map_item_verwijderen(*, item: MapItem, request) -> None:
    bestand = item.bestand.name if item.bestand else None
    storage = item.bestand.storage if item.bestand else None
    sectie_verwijderen(
        section_titel="Leerlingmap", obj=item, leerling=item.leerling, request=request
    )
    if bestand:
        # the file goes only after the row is gone for good
        transaction.on_commit(lambda: storage.delete(bestand))
