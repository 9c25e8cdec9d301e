"""Leerling > Begeleiding > Zorgvraag (OSO): the overview, a new zorgvraag, one zorgvraag with its
terugkoppeling, its PDF, "Opnieuw versturen" and deletion. Thin: the work is in services.

A zorgvraag has no edit view: after "Opslaan en verzenden" nothing about it can be changed
here (a change is a new zorgvraag). Every page and download is audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import Recht
from accounts.tenancy import heeft_recht, vereis_recht
from audit import events
from core.eenmalig import eenmalig
from dossiers.profielen import BLOK, PROFIELEN, Categorie
from leerlingen.views import _tab_context, get_leerling

from . import selectors, services, workflow
from .forms import ZorgvraagForm
from .models import Terugkoppeling, Zorgvraag

RECHT = Recht.BEGELEIDING_BEWERKEN  # the page lives under Leerling > Begeleiding


def overzicht_url(leerling) -> str:
    return reverse("zorgvraag:overzicht", args=[leerling.pk])


def _zorgvraag(request, zorgvraag_id: int, recht: str = Recht.BEKIJKEN) -> Zorgvraag:
    zorgvraag = get_object_or_404(
        Zorgvraag.objects.for_user(request.user)
        .filter(verwijderd_op__isnull=True)
        .select_related("leerling__school", "leerling__vestiging"),
        pk=zorgvraag_id,
    )
    vereis_recht(request.user, zorgvraag.leerling.school_id, recht)
    return zorgvraag


def _context(request, leerling, **extra) -> dict:
    context = _tab_context(request, leerling, "begeleiding")
    context["mag_zorgvraag"] = heeft_recht(request.user, leerling.school_id, RECHT)
    context.update(extra)
    return context


@login_required
@require_GET
def overzicht(request, leerling_id: int):
    leerling = get_leerling(request, leerling_id)
    zorgvragen = (
        Zorgvraag.objects.for_user(request.user)
        .filter(leerling=leerling, verwijderd_op__isnull=True)
        .prefetch_related("terugkoppelingen")
    )
    events.leerling_bekeken(request=request, leerling=leerling, tab="zorgvraag")
    return render(
        request, "zorgvraag/overzicht.html", _context(request, leerling, zorgvragen=zorgvragen)
    )


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig(inhoud=True)  # a zorgvraag sent twice reaches the SWV twice: Back must not do that
def nieuw(request, leerling_id: int):
    leerling = get_leerling(request, leerling_id, RECHT)
    profiel = selectors.profiel_voor(leerling.school)
    aanleverpunten, melding = selectors.swv_aanleverpunten(leerling.school)
    form = ZorgvraagForm(
        request.POST or None,
        request.FILES or None,
        leerling=leerling,
        profiel=profiel,
        aanleverpunten=aanleverpunten,
    )
    fouten: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                zorgvraag = form.zorgvraag_aanmaken(leerling=leerling, request=request)
            except services.ZorgvraagFout as fout:
                fouten = fout.meldingen
            else:
                zorgvraag.refresh_from_db()
                if zorgvraag.aflevering == "niet_afgeleverd":
                    messages.error(
                        request,
                        _("De zorgvraag is opgeslagen maar niet afgeleverd: %(m)s")
                        % {"m": zorgvraag.melding},
                    )
                else:
                    messages.success(request, _("De zorgvraag is opgeslagen en wordt verzonden."))
                return redirect("zorgvraag:detail", zorgvraag.pk)
        else:
            fouten = [_("Niet verzonden: controleer de gemarkeerde velden.")]
    return render(
        request,
        "zorgvraag/nieuw.html",
        _context(
            request,
            leerling,
            form=form,
            profiel=PROFIELEN[profiel],
            verplicht=[b for b in BLOK.values() if _categorie(profiel, b.slug) == "v"],
            aanleverpunt_melding=melding,
            fouten=fouten,
        ),
        status=400 if request.method == "POST" else 200,
    )


def _categorie(profiel, slug: str) -> str:
    from dossiers.profielen import categorie

    return {Categorie.VERPLICHT: "v", Categorie.OPTIONEEL: "o", Categorie.VERBODEN: "x"}[
        categorie(profiel, slug)
    ]


_GROEPEN = (
    (Categorie.VERPLICHT, _("Verplicht (meegestuurd)")),
    (Categorie.OPTIONEEL, _("Bewust meegestuurd")),
    (Categorie.OPT_UIT, _("Bewust niet meegestuurd")),
    (Categorie.VERBODEN, _("Niet toegestaan (niet meegestuurd)")),
)


@login_required
@require_GET
def detail(request, zorgvraag_id: int):
    zorgvraag = _zorgvraag(request, zorgvraag_id)
    leerling = zorgvraag.leerling
    groepen = [
        (titel, [BLOK[slug].naam for slug, cat in zorgvraag.categorieen.items() if cat == groep])
        for groep, titel in _GROEPEN
    ]
    events.zorgvraag_bekeken(request=request, zorgvraag=zorgvraag)
    return render(
        request,
        "zorgvraag/detail.html",
        _context(
            request,
            leerling,
            zorgvraag=zorgvraag,
            profiel_label=services.profiel_label(zorgvraag),
            groepen=groepen,
            bijlagen=selectors.verzonden_bijlagen(zorgvraag.xml),
            terugkoppelingen=zorgvraag.terugkoppelingen.all(),
            opnieuw=workflow.kan_opnieuw_versturen(zorgvraag),
        ),
    )


@login_required
@require_GET
def pdf(request, zorgvraag_id: int):
    zorgvraag = _zorgvraag(request, zorgvraag_id)
    if not zorgvraag.pdf:
        # made by the worker after sending (the sweeper again when that task was lost): this
        # page refreshes itself, so it only reads (no task, no audit row per refresh)
        return render(request, "zorgvraag/pdf_wachten.html", {"zorgvraag": zorgvraag}, status=202)
    bestand = zorgvraag.pdf.open("rb")  # decrypted by the storage
    events.zorgvraag_geexporteerd(request=request, zorgvraag=zorgvraag, wat="PDF")
    return FileResponse(
        bestand, filename=f"zorgvraag-{zorgvraag.pk}.pdf", content_type="application/pdf"
    )


@login_required
@require_GET
def terugkoppeling_document(request, zorgvraag_id: int, terugkoppeling_id: int):
    zorgvraag = _zorgvraag(request, zorgvraag_id)
    terugkoppeling = get_object_or_404(
        Terugkoppeling.objects.filter(zorgvraag=zorgvraag), pk=terugkoppeling_id
    )
    if not terugkoppeling.document:
        raise Http404
    bestand = terugkoppeling.document.open("rb")
    events.zorgvraag_geexporteerd(
        request=request, zorgvraag=zorgvraag, wat=f"document terugkoppeling {terugkoppeling.pk}"
    )
    return FileResponse(
        bestand,
        as_attachment=True,
        filename=f"terugkoppeling-{terugkoppeling.pk}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
@eenmalig
def opnieuw(request, zorgvraag_id: int):
    zorgvraag = _zorgvraag(request, zorgvraag_id, RECHT)
    try:
        zorgvraag = services.zorgvraag_opnieuw_versturen(zorgvraag=zorgvraag)
    except services.ZorgvraagFout as fout:
        messages.error(request, fout.meldingen[0])
        return redirect("zorgvraag:detail", zorgvraag.pk)
    if zorgvraag.aflevering == "verzonden":
        messages.success(request, _("De zorgvraag is verzonden."))
    elif zorgvraag.aflevering == "niet_afgeleverd":
        messages.error(request, _("Opnieuw niet afgeleverd: %(m)s") % {"m": zorgvraag.melding})
    else:
        messages.info(request, _("De zorgvraag wordt opnieuw verzonden."))
    return redirect("zorgvraag:detail", zorgvraag.pk)


@login_required
@require_http_methods(["GET", "POST"])
def verwijderen(request, zorgvraag_id: int):
    zorgvraag = _zorgvraag(request, zorgvraag_id, RECHT)
    leerling = zorgvraag.leerling
    if request.method == "POST":
        services.zorgvraag_verwijderen(zorgvraag=zorgvraag, request=request)
        messages.success(
            request, _("De zorgvraag '%(o)s' is verwijderd.") % {"o": zorgvraag.omschrijving}
        )
        return redirect(overzicht_url(leerling))
    return render(
        request, "zorgvraag/verwijderen.html", _context(request, leerling, zorgvraag=zorgvraag)
    )
