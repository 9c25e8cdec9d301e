"""The doorstroomtoets on the pupil card and on the dossier page, as inclusion tags so that those
templates need one line each."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from .. import selectors

register = template.Library()


@register.inclusion_tag("doorstroomtoets/_kaart.html")
def doorstroomtoets_kaart(leerling):
    kaart = selectors.kaart(leerling)
    if kaart is None:
        return {"kaart": None}
    g = kaart.gelezen
    namen = g.onderdeelnamen
    return {
        "kaart": kaart,
        "leerling": leerling,
        "niveaus": [(namen.get(e) or e.title(), w) for e, w in g.referentieniveaus().items()],
        "scores": [
            (namen.get(s.toetseenheid) or s.toetseenheid.title(), s.soort.lower(), s.waarde)
            for s in g.scores
            if s.toetseenheid
        ],
    }


@register.inclusion_tag("doorstroomtoets/_nieuwere_versie.html")
def doorstroomtoets_nieuwere_versie(leerling):
    return {"resultaat": selectors.nieuwere_versie_nodig(leerling)}


@register.simple_tag
def doorstroomtoets_nieuwer(leerling):
    """For the season board: a short mark when a doorstroomtoets result arrived after the
    klaargezette version was collected (no query unless the dossier is klaargezet)."""
    if selectors.nieuwere_versie_nodig(leerling) is None:
        return ""
    return format_html(
        '<br><strong class="nieuwer">{}</strong>',
        "Nieuwere versie nodig: doorstroomtoets ontvangen",
    )
