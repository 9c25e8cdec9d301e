"""Screens of the exchange for school staff (the SOAP endpoint is in views.py)."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from accounts.schoolkeuze import huidige_school

from .forms import DossieraanvragenFilter
from .models import Dossieraanvraag


@login_required
def dossieraanvragen(request):
    """School > OSO > Dossieraanvragen: every request other schools made for our pupils."""
    school = huidige_school(request)
    if school is None:
        raise PermissionDenied
    filters = DossieraanvragenFilter(request.GET or None)
    qs = (
        Dossieraanvraag.objects.for_user(request.user)
        .filter(school=school)
        .select_related("leerling")
    )
    if filters.is_valid():
        d = filters.cleaned_data
        if d["schooljaar"]:
            begin = int(d["schooljaar"][:4])
            qs = qs.filter(
                tijdstip__date__gte=datetime.date(begin, 8, 1),
                tijdstip__date__lte=datetime.date(begin + 1, 7, 31),
            )
        if d["van"]:
            qs = qs.filter(tijdstip__date__gte=d["van"])
        if d["tot"]:
            qs = qs.filter(tijdstip__date__lte=d["tot"])
        if d["brin"]:
            qs = qs.filter(aanvrager_brin__iexact=d["brin"])
        if d["leerling"]:
            qs = qs.filter(
                Q(leerling__achternaam__icontains=d["leerling"])
                | Q(leerling__roepnaam__icontains=d["leerling"])
            )
        if d["pgn_type"]:
            qs = qs.filter(pgn_type=d["pgn_type"])
        if d["resultaat"]:
            qs = qs.filter(resultaat=d["resultaat"])
    page = Paginator(qs, 100).get_page(request.GET.get("pagina"))
    return render(
        request,
        "uitwisseling/dossieraanvragen.html",
        {"filters": filters, "page": page, "school": school},
        status=400 if filters.errors else 200,
    )
