"""Reads of pupil data, always narrowed to what the user may see."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from audit import events

from . import models as m
from .sections import Section, sections_for_tab


def leerlingen_zoeken(*, user, school, roepnaam="", achternaam="", groep="", leerjaar=""):
    qs: QuerySet[m.Leerling] = m.Leerling.objects.for_user(user).filter(school=school)
    if roepnaam:
        qs = qs.filter(roepnaam__icontains=roepnaam) | qs.filter(voornamen__icontains=roepnaam)
    if achternaam:
        qs = qs.filter(achternaam__icontains=achternaam)
    if groep:
        qs = qs.filter(groep__iexact=groep)
    if leerjaar:
        qs = qs.filter(jaargroep=leerjaar)
    return qs.select_related("vestiging").order_by("achternaam", "roepnaam", "pk")


def leerling_op_pgn(*, user, school, pgn_type: str, pgn: str, request=None) -> m.Leerling | None:
    """Find a pupil of the school by number, through the keyed hash; audited, never logged."""
    leerling = (
        m.Leerling.objects.for_user(user)
        .filter(school=school, pgn_hash=m.pgn_hash(pgn_type, pgn))
        .first()
    )
    events.leerling_gezocht_op_pgn(request=request, school=school, gevonden=leerling is not None)
    return leerling


def _section_queryset(section: Section, leerling: m.Leerling):
    qs = section.model.objects.filter(leerling=leerling)
    related = [
        f.name
        for f in section.model._meta.get_fields()
        if f.many_to_one and f.name != "leerling" and f.related_model is m.MapItem
    ]
    if related:
        qs = qs.select_related(*related)
    if section.inline is not None:
        inline_qs = section.inline.model.objects.order_by("pk")
        accessor = section.inline.model._meta.get_field(section.inline.fk_name).remote_field
        qs = qs.prefetch_related(Prefetch(accessor.related_name, queryset=inline_qs))
    return qs


def tab_gegevens(*, leerling: m.Leerling, tab: str) -> list[tuple[Section, object]]:
    """Each section of a tab with its rows (or its single object for one-to-one blocks)."""
    result = []
    for section in sections_for_tab(tab, leerling.school.sector):
        qs = _section_queryset(section, leerling)
        result.append((section, qs.first() if section.one_to_one else list(qs)))
    return result
