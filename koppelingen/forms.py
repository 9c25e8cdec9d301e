from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from scholen.models import School

from .scopes import SCOPES


class ClientForm(forms.Form):
    naam = forms.CharField(
        label=_("Naam"),
        max_length=200,
        error_messages={"required": _("Vul een naam in.")},
        help_text=_("Bijvoorbeeld het pakket of platform dat de koppeling gebruikt."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Wat mag de client?"),
        choices=[(k, f"{v} ({k})") for k, v in SCOPES.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies wat de client mag doen.")},
    )
    scholen = forms.ModelMultipleChoiceField(
        label=_("Voor welke scholen (mandaat)?"),
        queryset=School.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één school.")},
    )

    def __init__(self, *args, school_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scholen"].queryset = School.objects.filter(pk__in=school_ids).order_by("naam")
