"""Known schools to choose a vervolgschool or school van herkomst from (BRIN, name, place),
instead of typing a BRIN and a name by hand. A selector: reads only."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join

from .models import School

MAX_SCHOLEN = 2000


def bekende_scholen() -> list[tuple[str, str, str]]:
    """(BRIN, naam, plaats) of every school this installation knows; public facts (the DUO
    register), not pupil data, so not narrowed by tenancy."""
    rijen = []
    for school in School.objects.prefetch_related("adressen").order_by("naam")[:MAX_SCHOLEN]:
        plaats = next((a.plaats for a in school.adressen.all() if a.plaats), "")
        rijen.append((school.brincode, school.naam, plaats))
    return rijen


class SchoolZoekInput(forms.TextInput):
    """A BRIN field with a list of known schools: typing a BRIN, a name or a place offers the
    matching schools (the browser's own datalist, no script needed); choosing one fills in the
    name field (static/js/oso.js). Any BRIN may still be typed, in any case."""

    def __init__(self, naamveld: str = "", attrs=None):
        super().__init__(attrs)
        self.naamveld = naamveld

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        lijst = f"{attrs.get('id') or 'id_' + name}-scholen"
        context["widget"]["attrs"].update(
            {
                "list": lijst,
                "data-scholen": "",
                "data-naamveld": f"id_{self.naamveld}" if self.naamveld else "",
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        )
        self._lijst = lijst
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        opties = format_html_join(
            "",
            '<option value="{}" label="{} ({}{})" data-naam="{}"></option>',
            (
                (brin, naam, brin, f", {plaats}" if plaats else "", naam)
                for brin, naam, plaats in bekende_scholen()
            ),
        )
        return format_html('{}<datalist id="{}">{}</datalist>', html, self._lijst, opties)
