from django import template
from django.utils.html import format_html

from core.eenmalig import VELD, nieuw_token

register = template.Library()


@register.simple_tag
def inzending_token():
    """The hidden one-time token of a form that sends or creates something (core/eenmalig.py)."""
    return format_html('<input type="hidden" name="{}" value="{}">', VELD, nieuw_token())
