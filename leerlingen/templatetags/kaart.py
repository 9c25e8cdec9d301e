from __future__ import annotations

import datetime
from decimal import Decimal

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format

register = template.Library()


def _format(value) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, datetime.datetime):
        return date_format(value, "d-m-Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "d-m-Y")
    if isinstance(value, Decimal):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


@register.simple_tag
def veld(obj, name: str) -> str:
    """The value of a field as a person reads it: choices by label, Ja/Nee, Dutch dates."""
    if obj is None:
        return "-"
    if name == "__str__":
        return str(obj)
    try:
        field = obj._meta.get_field(name)
        if field.auto_created and not field.concrete:
            raise FieldDoesNotExist(name)
    except FieldDoesNotExist:
        related = getattr(obj, name, None)
        if isinstance(related, models.Manager):
            return ", ".join(str(x) for x in related.all()) or "-"
        return _format(related)
    if field.choices:
        return _format(getattr(obj, f"get_{name}_display")())
    return _format(getattr(obj, name))


def _hoofdletter(tekst) -> str:
    """First letter up, the rest as written: "advies VO" is "Advies VO", "OPP ingangsdatum"
    stays (str.capitalize() made "Advies vo" and "Opp")."""
    tekst = str(tekst)
    return tekst[:1].upper() + tekst[1:]


@register.simple_tag
def label(model_or_obj, name: str) -> str:
    if name == "__str__":
        return "Naam"
    meta = model_or_obj._meta
    try:
        field = meta.get_field(name)
        if field.auto_created and not field.concrete:  # a reverse relation: name its rows
            return _hoofdletter(field.related_model._meta.verbose_name_plural)
        return _hoofdletter(field.verbose_name)
    except FieldDoesNotExist:
        related = getattr(model_or_obj, name, None)
        if related is not None and hasattr(related, "model"):
            return _hoofdletter(related.model._meta.verbose_name_plural)
        return _hoofdletter(name)


@register.filter
def leeftijd(geboortedatum: datetime.date) -> int:
    today = datetime.date.today()
    return (
        today.year
        - geboortedatum.year
        - ((today.month, today.day) < (geboortedatum.month, geboortedatum.day))
    )
