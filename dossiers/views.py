"""Screens of "Overstapdossier klaarzetten" (per pupil and per school). Thin: state and rules
live in services, voorwaarden and workflow."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import Recht
from accounts.schoolkeuze import huidige_school
from accounts.tenancy import heeft_recht, vereis_recht
from audit import events
from audit.models import AuditEvent
from core.eenmalig import eenmalig
from leerlingen.models import Leerling
from leerlingen.views import get_leerling
from trafficcenter_client.notificaties import notificatie_vraag

from . import services, voorwaarden, workflow
from .forms import BlokkenForm, OverzichtFilterForm, StatusinformatieForm
from .models import BulkKlaarzetting, Overstapdossier, Status, Verwerking, zonder_inhoud
from .profielen import PROFIELEN, Profiel, verboden, verplicht

RECHT = Recht.ONDERWIJS_BEWERKEN  # the page lives under Leerling > Onderwijs


def dossier_url(leerling) -> str:
    return reverse("dossiers:klaarzetten", args=[leerling.pk])


def _dossier(request, pk: int, recht: str = Recht.BEKIJKEN) -> Overstapdossier:
    leerling = get_leerling(request, pk, recht)
    dossier = services.dossier_van(leerling)
    dossier.leerling = leerling
    return dossier


def _dossier_voor_pagina(request, pk: int) -> Overstapdossier:
    """The dossier with its current version and the version the parents saw, in one query and
    without their XML: the page shows their summaries, never the document itself."""
    leerling = get_leerling(request, pk, Recht.BEKIJKEN)
    dossier = services.dossier_van(
        leerling,
        Overstapdossier.objects.select_related("huidige_versie", "inzage_versie").defer(
            "huidige_versie__xml", "inzage_versie__xml"
        ),
    )
    dossier.leerling = leerling
    return dossier


def _verschil(dossier: Overstapdossier):
    """What changed since the version the parents saw (or else the previous version)."""
    from .verzamelen import verschil

    huidige = dossier.huidige_versie
    if huidige is None:
        return None, []
    basis = dossier.inzage_versie if dossier.inzage_versie_id else None
    if basis is None or basis.pk == huidige.pk:
        basis = (
            dossier.versies.filter(nummer__lt=huidige.nummer)
            .defer("xml")
            .order_by("-nummer")
            .first()
        )
    if basis is None:
        return None, []
    return basis, verschil(basis.samenvatting, huidige.samenvatting)


def _vorige_inzage(dossier: Overstapdossier) -> str:
    """The inzage registered for an earlier version, as information beside the empty form."""
    if not (dossier.inzage and dossier.inzage_versie_id and dossier.huidige_versie_id):
        return ""
    tekst = dossier.get_inzage_display()
    if dossier.inzage_datum:
        tekst += f" op {dossier.inzage_datum:%d-%m-%Y}"
    return _("%(t)s (bij versie %(n)s)") % {"t": tekst, "n": dossier.inzage_versie.nummer}


@login_required
@require_http_methods(["GET", "POST"])
def klaarzetten_pagina(request, pk: int):
    dossier = _dossier_voor_pagina(request, pk)
    leerling = dossier.leerling
    mag = heeft_recht(request.user, leerling.school_id, RECHT)
    form = StatusinformatieForm(request.POST or None, instance=dossier)
    if request.method == "POST":
        vereis_recht(request.user, leerling.school_id, RECHT)
        if form.is_valid():
            services.statusinformatie_opslaan(dossier=dossier, form=form, request=request)
            messages.success(request, _("Wijzigingen zijn opgeslagen."))
            return redirect(dossier_url(leerling))
    profielen = voorwaarden.profielen_voor(leerling, dossier.binnen_brin)
    opdracht = dossier.opdrachten.order_by("-aangemaakt_op").first()
    basis, wijzigingen = _verschil(dossier)
    bezig = opdracht is not None and opdracht.status in (Verwerking.WACHTRIJ, Verwerking.BEZIG)
    if bezig:  # the page refreshes itself: its first load is audited, not every refresh
        events.bekeken("dossier_bekeken", request=request, leerling=leerling, obj=dossier)
    else:  # every deliberate view of a dossier is audited
        events.log("dossier_bekeken", request=request, leerling=leerling, obj=dossier)
    return render(
        request,
        "dossiers/klaarzetten.html",
        {
            "leerling": leerling,
            "dossier": dossier,
            "form": form,
            "mag_bewerken": mag,
            "profielen": [
                (p, PROFIELEN[p], voorwaarden.voor_verzamelen(dossier, p)) for p in profielen
            ],
            "klaarzet_problemen": voorwaarden.voor_klaarzetten(dossier)
            if dossier.huidige_versie_id
            else [],
            "mag_klaarzetten": workflow.toegestaan(dossier, workflow.KLAARZETTEN),
            "mag_intrekken": workflow.toegestaan(dossier, workflow.INTREKKEN),
            "opdracht": opdracht,
            "bezig": bezig,
            "basis": basis,
            "wijzigingen": wijzigingen,
            "huidige_profiel": PROFIELEN[Profiel(dossier.profiel)] if dossier.profiel else None,
            "binnengekomen": leerling.dossieraanvragen.all()[:100],
            "notificatie_vraag": notificatie_vraag(dossier),
            "klaarzettingen": dossier.klaarzettingen.select_related("versie").defer(
                *zonder_inhoud(versies=("versie",), klaarzettingen=("",))
            )[:50],
            "vorige_inzage": None if dossier.inzage_geldig else _vorige_inzage(dossier),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def blokken(request, pk: int, profiel: str):
    try:
        profiel = Profiel(profiel)
    except ValueError:
        raise Http404 from None
    dossier = _dossier(request, pk, RECHT)
    leerling = dossier.leerling
    if profiel not in voorwaarden.profielen_voor(leerling, dossier.binnen_brin):
        messages.error(request, _("Dit profiel past niet bij deze leerling of bij 'Binnen brin'."))
        return redirect(dossier_url(leerling))
    form = BlokkenForm(
        request.POST or None, request.FILES or None, dossier=dossier, profiel=profiel
    )
    problemen = voorwaarden.voor_verzamelen(dossier, profiel)
    if request.method == "POST" and form.is_valid():
        try:
            opdracht = services.keuzes_opslaan_en_verzamelen(
                dossier=dossier, form=form, profiel=profiel, request=request
            )
        except services.DossierFout as fout:
            for melding in fout.meldingen:
                messages.error(request, melding)
        else:
            opdracht.refresh_from_db(fields=["status"])
            if opdracht.status in (Verwerking.WACHTRIJ, Verwerking.BEZIG):
                # the page shows the job's own status while it runs: no second banner
                pass
            elif opdracht.status == Verwerking.KLAAR:
                messages.success(
                    request,
                    _("Het dossier is verzameld (%(p)s).") % {"p": PROFIELEN[profiel].label},
                )
            return redirect(dossier_url(leerling))
    return render(
        request,
        "dossiers/blokken.html",
        {
            "leerling": leerling,
            "dossier": dossier,
            "form": form,
            "profiel": PROFIELEN[profiel],
            "verplicht": verplicht(profiel),
            "verboden": verboden(profiel),
            "problemen": problemen,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
@eenmalig
def klaarzetten(request, pk: int):
    dossier = _dossier(request, pk, RECHT)
    try:
        klaarzetting = services.klaarzetten(
            dossier=dossier,
            request=request,
            regionaal_platform=request.POST.get("regionaal_platform") == "1",
        )
    except services.DossierFout as fout:
        for melding in fout.meldingen:
            messages.error(request, melding)
    except workflow.OngeldigeOvergang:
        messages.error(request, _("Verzamel eerst het dossier."))
    else:
        messages.success(
            request,
            _("Het dossier van %(naam)s is klaargezet voor (%(brin)s) %(school)s")
            % {
                "naam": dossier.leerling.volledige_naam,
                "brin": klaarzetting.voor_brin,
                "school": klaarzetting.voor_naam,
            },
        )
    return redirect(dossier_url(dossier.leerling))


@login_required
@require_POST
def intrekken(request, pk: int):
    dossier = _dossier(request, pk, RECHT)
    try:
        services.intrekken(dossier=dossier, request=request)
    except workflow.OngeldigeOvergang:
        messages.error(request, _("Het dossier staat niet klaar."))
    else:
        messages.success(request, _("Het dossier staat niet meer klaar."))
    return redirect(dossier_url(dossier.leerling))


@login_required
def pdf(request, pk: int):
    """ "PDF huidige versie": when the dossier is klaargezet, the PDF of exactly what was
    klaargezet (the inzage as sent); otherwise the collected version's (voorlopig dossier)."""
    dossier = _dossier(request, pk)
    if dossier.klaarzetting_id and dossier.status == "klaargezet":
        return _klaarzetting_pdf(request, dossier, dossier.klaarzetting)
    versie = dossier.huidige_versie
    if versie is None:
        raise Http404
    return _versie_pdf(request, dossier, versie)


def _versie_pdf(request, dossier, versie):
    if versie.pdf_id is None:
        # the worker makes it after collection (and the sweeper again when that task was lost):
        # this page refreshes itself, so it only reads (no task, no audit row per refresh)
        return render(
            request,
            "dossiers/pdf_wachten.html",
            {"leerling": dossier.leerling, "versie": versie},
            status=202,
        )
    return _pdf_antwoord(request, dossier, versie, versie.pdf, f"PDF versie {versie.nummer}")


@login_required
def klaarzetting_pdf(request, pk: int, klaarzetting_id: int):
    dossier = _dossier(request, pk)
    klaarzetting = get_object_or_404(dossier.klaarzettingen.all(), pk=klaarzetting_id)
    return _klaarzetting_pdf(request, dossier, klaarzetting)


def _klaarzetting_pdf(request, dossier, klaarzetting):
    versie = klaarzetting.versie
    if klaarzetting.pdf_id is None and klaarzetting.sha256 == versie.sha256:
        return _versie_pdf(request, dossier, versie)  # the same document, the same PDF
    if klaarzetting.pdf_id is None:
        from .tasks import maak_klaarzetting_pdf

        maak_klaarzetting_pdf.delay(klaarzetting.pk)
        return render(
            request,
            "dossiers/pdf_wachten.html",
            {"leerling": dossier.leerling, "versie": klaarzetting.versie},
            status=202,
        )
    return _pdf_antwoord(
        request,
        dossier,
        klaarzetting,
        klaarzetting.pdf,
        f"PDF versie {klaarzetting.versie.nummer} zoals klaargezet voor {klaarzetting.voor_brin}",
    )


def _pdf_antwoord(request, dossier, obj, item, omschrijving):
    events.log(
        "dossier_geexporteerd",
        request=request,
        leerling=dossier.leerling,
        obj=obj,
        omschrijving=omschrijving,
    )
    return FileResponse(
        item.bestand.open("rb"),
        as_attachment=False,
        filename=item.bestandsnaam,
        content_type="application/pdf",
    )


_STATUS_TEKST = dict(Status.choices)


def _mutatie_omschrijving(regel: AuditEvent) -> str:
    """The manual's words for a transition stored as "niet_klaar -> verzameld"."""
    oud, pijl, nieuw = (regel.omschrijving or "").partition(" -> ")
    if pijl and oud in _STATUS_TEKST and nieuw in _STATUS_TEKST:
        return f"{_STATUS_TEKST[oud]} → {_STATUS_TEKST[nieuw]}"
    return regel.omschrijving


@login_required
def mutatielog(request, pk: int):
    """Changes to the dossier; who only looked at it is one click away, not in between."""
    dossier = _dossier(request, pk)
    met_bekeken = request.GET.get("bekeken") == "1"
    qs = AuditEvent.objects.for_user(request.user).filter(
        leerling=dossier.leerling, actie__startswith="dossier_"
    )
    aantal_bekeken = qs.filter(actie="dossier_bekeken").count()
    if not met_bekeken:
        qs = qs.exclude(actie="dossier_bekeken")
    regels = list(qs.select_related("user")[:500])
    for regel in regels:
        regel.toelichting = _mutatie_omschrijving(regel)
    return render(
        request,
        "dossiers/mutatielog.html",
        {
            "leerling": dossier.leerling,
            "regels": regels,
            "met_bekeken": met_bekeken,
            "aantal_bekeken": aantal_bekeken,
            "annuleren": dossier_url(dossier.leerling),
        },
    )


def _school_of_403(request):
    school = huidige_school(request)
    if school is None:
        raise PermissionDenied
    return school


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def overzicht(request):
    """School > OSO > Overstapdossiers klaarzetten."""
    school = _school_of_403(request)
    if request.method == "POST":
        vereis_recht(request.user, school.pk, RECHT)
        ids = [int(i) for i in request.POST.getlist("leerling") if i.isdigit()]
        leerlingen = list(
            Leerling.objects.for_user(request.user, RECHT).filter(school=school, pk__in=ids)
        )
        if not leerlingen:
            messages.error(request, _("Selecteer eerst een of meer leerlingen."))
            return redirect("dossiers:overzicht")
        bulk, _overgeslagen = services.bulk_binnen_brin(
            school=school, leerlingen=leerlingen, request=request, achtergrond=True
        )
        return redirect("dossiers:bulk", bulk.pk)
    filters = OverzichtFilterForm(request.GET or None)
    qs = (
        Leerling.objects.for_user(request.user)
        .filter(school=school)
        .select_related("overstapdossier__huidige_versie", "overstapdossier__klaarzetting")
        .defer(
            *zonder_inhoud(
                versies=("overstapdossier__huidige_versie",),
                klaarzettingen=("overstapdossier__klaarzetting",),
            )
        )
        .order_by("achternaam", "roepnaam", "pk")
    )
    if filters.is_valid():
        d = filters.cleaned_data
        if d["roepnaam"]:
            qs = qs.filter(
                Q(roepnaam__icontains=d["roepnaam"]) | Q(voornamen__icontains=d["roepnaam"])
            )
        if d["achternaam"]:
            qs = qs.filter(achternaam__icontains=d["achternaam"])
        if d["groep"]:
            qs = qs.filter(groep__iexact=d["groep"])
        if d["leerjaar"]:
            qs = qs.filter(jaargroep=d["leerjaar"])
        if d["ingeschreven"] == "in":
            qs = qs.filter(datum_uitschrijving__isnull=True)
        elif d["ingeschreven"] == "uit":
            qs = qs.filter(datum_uitschrijving__isnull=False)
        if d["vervolgschool"]:
            qs = qs.filter(
                Q(vervolgschool_brin__iexact=d["vervolgschool"])
                | Q(vervolgschool_naam__icontains=d["vervolgschool"])
            )
        if d["inzage"]:
            qs = qs.filter(overstapdossier__inzage=d["inzage"])
        if d["status"]:
            if d["status"] == "niet_klaar":
                qs = qs.filter(
                    Q(overstapdossier__isnull=True) | Q(overstapdossier__status="niet_klaar")
                )
            else:
                qs = qs.filter(overstapdossier__status=d["status"])
    page = Paginator(qs, 100).get_page(request.GET.get("pagina"))
    return render(
        request,
        "dossiers/overzicht.html",
        {
            "filters": filters,
            "page": page,
            "school": school,
            "mag_bewerken": heeft_recht(request.user, school.pk, RECHT),
        },
    )


@login_required
def bulk(request, bulk_id):
    school = _school_of_403(request)
    bulk = get_object_or_404(BulkKlaarzetting.objects.for_user(request.user), pk=bulk_id)
    if bulk.school_id != school.pk:
        raise Http404
    voortgang = services.bulk_voortgang(bulk)
    resultaten = services.bulk_resultaten(bulk)
    if request.GET.get("formaat") == "json":
        return JsonResponse({**voortgang, "resultaten": resultaten})
    return render(
        request,
        "dossiers/bulk.html",
        {"bulk": bulk, "voortgang": voortgang, "resultaten": resultaten},
    )
