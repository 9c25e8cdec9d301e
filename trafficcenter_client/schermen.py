"""Screens of the exchange for school staff (the SOAP endpoint is in views.py)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import Recht
from accounts.schoolkeuze import huidige_school
from accounts.tenancy import heeft_recht, vereis_recht
from audit import events
from core.eenmalig import eenmalig
from core.validators import BRINCODE_RE
from dossiers import importeren
from dossiers.models import Klaarzetting
from leerlingen.models import Leerling, pgn_hash
from leerlingen.views import get_leerling
from scholen.models import Aanleverpunt

from . import notificaties as notif
from .berichten import Resultaatcode
from .forms import AanleverpuntRegistratieForm, DossieraanvragenFilter, OpvraagForm
from .importweergave import nog_aanvullen, weergave
from .models import Dossieraanvraag, Herhaling, NotificatieUitkomst, OpvraagStatus, Opvraging
from .services import aanleverpunt_registreren, opvraging_aanmaken, opvraging_importeren
from .tasks import opnieuw_proberen, opvraging_starten
from .uitleg import resultaat_tekst, uitleg


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


# --- OSO-registratie ---------------------------------------------------------------------------


def _school(request, recht: str):
    school = huidige_school(request)
    if school is None:
        raise PermissionDenied
    vereis_recht(request.user, school.pk, recht)
    return school


def _las_url(request) -> str:
    return settings.OSO_LAS_URL or request.build_absolute_uri(reverse("trafficcenter_client:soap"))


@login_required
@require_http_methods(["GET", "POST"])
def registratie(request):
    """School > OSO > OSO-registratie."""
    school = _school(request, Recht.ONDERWIJS_BEWERKEN)
    form = AanleverpuntRegistratieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        nummer = form.cleaned_data["nummer"]
        aanleverpunt = Aanleverpunt.objects.filter(school=school, nummer=nummer).first()
        if aanleverpunt is None:
            aanleverpunt = Aanleverpunt(school=school, nummer=nummer)
            aanleverpunt.full_clean()
            aanleverpunt.save()
        try:
            antwoord = aanleverpunt_registreren(aanleverpunt, _las_url(request))
        except ImproperlyConfigured as fout:  # no connection configured
            messages.error(request, str(fout))
        else:
            events.log(
                "beheer_gewijzigd",
                request=request,
                school=school,
                obj=aanleverpunt,
                omschrijving=f"aanleverpunt {nummer} registreren",
            )
            if antwoord is not None:
                messages.success(
                    request,
                    _("Uw aanleverpunt (%(n)s) is succesvol geregistreerd.") % {"n": nummer},
                )
                return redirect("trafficcenter_client:registratie")
            messages.error(
                request,
                _(
                    "Het aanleverpunt (%(n)s) kon niet worden geregistreerd: het Traffic Center is "
                    "niet bereikbaar of weigerde. Probeer het later opnieuw."
                )
                % {"n": nummer},
            )
    return render(
        request,
        "uitwisseling/registratie.html",
        {
            "form": form,
            "school": school,
            "aanleverpunten": Aanleverpunt.objects.filter(school=school).order_by("nummer"),
        },
        status=400 if form.errors else 200,
    )


# --- requesting and importing ------------------------------------------------------------------


def _opvragen(request, *, school, herkomst_brin, pgn_type, pgn, leerling=None, verzameldatum=None):
    """Store the request and start it as a task (the network work never runs in the request
    when there is a broker); the opvraging page refreshes itself until it is done. The task
    asks for a dossier newer than the last imported one, as ``verzameldatum`` here."""
    try:
        opvraging = opvraging_aanmaken(
            school=school,
            herkomst_brin=herkomst_brin,
            pgn_type=pgn_type,
            pgn=pgn,
            user=request.user,
            leerling=leerling,
        )
        opvraging_starten(opvraging)
        return opvraging
    except DjangoValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return None
    except ImproperlyConfigured as fout:  # no Traffic Center connection configured
        messages.error(request, str(fout))
        return None


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def leerling_importeren(request):
    """Leerling > Leerling importeren (OSO): request the dossier of a pupil new to the school."""
    school = _school(request, Recht.LEERLING_AANMAKEN)
    # from a notificatie: the school of origin prefilled (a BRIN only, never a number)
    voorinvulling = request.GET.get("herkomst_brin", "").strip().upper()
    initial = {"herkomst_brin": voorinvulling} if BRINCODE_RE.fullmatch(voorinvulling) else {}
    form = OpvraagForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        bestaand = Leerling.objects.filter(
            school=school, pgn_hash=pgn_hash(d["pgn_type"], d["pgn"])
        ).first()
        if bestaand is not None:
            soort = "bsn" if d["pgn_type"] == "bsn" else "onderwijsnummer"
            messages.warning(
                request,
                _(
                    "Er bestaat al een leerling op deze school met het ingevoerde %(s)s. Vraag het "
                    "dossier op bij die leerling (Onderwijs > Overstapdossier opvragen)."
                )
                % {"s": soort},
            )
            return redirect("trafficcenter_client:opvragen", bestaand.pk)
        opvraging = _opvragen(
            request,
            school=school,
            herkomst_brin=d["herkomst_brin"],
            pgn_type=d["pgn_type"],
            pgn=d["pgn"],
        )
        if opvraging is not None:
            return redirect("trafficcenter_client:opvraging", opvraging.pk)
    return render(
        request,
        "uitwisseling/importeren.html",
        {"form": form, "school": school},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def opvragen(request, pk: int):
    """Leerling > Onderwijs > Overstapdossier opvragen, for a pupil the school already has."""
    leerling = get_leerling(request, pk)
    mag = heeft_recht(request.user, leerling.school_id, Recht.ONDERWIJS_BEWERKEN)
    historie = Opvraging.objects.for_user(request.user).filter(leerling=leerling)
    if request.method == "POST":
        vereis_recht(request.user, leerling.school_id, Recht.ONDERWIJS_BEWERKEN)
        if not leerling.herkomst_brin:
            messages.error(
                request, _("Vul eerst de school van herkomst in (Onderwijs > Voorgeschiedenis).")
            )
            return redirect("trafficcenter_client:opvragen", leerling.pk)
        # ask only for a dossier collected after the one we already imported
        laatst = historie.filter(geimporteerd_op__isnull=False).first()
        opvraging = _opvragen(
            request,
            school=leerling.school,
            herkomst_brin=leerling.herkomst_brin,
            pgn_type=leerling.pgn_type,
            pgn=leerling.pgn,
            leerling=leerling,
            verzameldatum=laatst.verzameldatum if laatst else None,
        )
        if opvraging is not None:
            return redirect("trafficcenter_client:opvraging", opvraging.pk)
    return render(
        request,
        "uitwisseling/opvragen.html",
        {
            "leerling": leerling,
            "historie": historie,
            "mag_bewerken": mag,
            "open_notificaties": notif.open_notificaties(request.user, leerling),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def opvraging(request, pk: int):
    """The outcome of one request; with a received dossier: review it, then Dossier importeren."""
    opvraging = get_object_or_404(
        Opvraging.objects.for_user(request.user).select_related("leerling", "school"), pk=pk
    )
    if request.method == "GET" and opvraging.opnieuw_id:
        # retried: the outcome is the new request's (it is of the same school)
        return redirect("trafficcenter_client:opvraging", opvraging.opnieuw_id)
    toelichting = uitleg(opvraging)
    ontvangen = verschillen = None
    if opvraging.xml and not opvraging.geimporteerd_op:
        ontvangen = importeren.lees_ontvangen(bytes(opvraging.xml))
        if opvraging.leerling_id:
            verschillen = importeren.vergelijk(ontvangen, opvraging.leerling)
    if request.method == "POST":
        recht = Recht.ONDERWIJS_BEWERKEN if opvraging.leerling_id else Recht.LEERLING_AANMAKEN
        vereis_recht(request.user, opvraging.school_id, recht)
        if ontvangen is None:
            messages.error(request, _("Er is geen ontvangen dossier om te importeren."))
            return redirect("trafficcenter_client:opvraging", opvraging.pk)
        keuzes = {
            v.veld: request.POST.get(f"keuze_{v.veld}", "eigen")
            for v in verschillen or []
            if v.kiesbaar and not v.gelijk
        }
        try:
            resultaat = opvraging_importeren(opvraging, ontvangen, keuzes=keuzes, user=request.user)
        except importeren.ImportFout as fout:
            for melding in fout.meldingen:
                messages.error(request, melding)
        else:
            messages.success(
                request,
                _(
                    "Het dossier is geïmporteerd. Gegevens zonder plaats in de administratie staan "
                    "in het ontvangen dossier (PDF) in de map."
                ),
            )
            aanvullen = nog_aanvullen(resultaat.leerling)
            if aanvullen:
                # what only the receiving school knows: ask for it right away (a next step,
                # not a problem: shown as information)
                messages.info(
                    request,
                    _("Vul nu aan wat alleen uw school weet: %(v)s.") % {"v": ", ".join(aanvullen)},
                )
                return redirect(
                    reverse("leerlingen:bewerken", args=[resultaat.leerling.pk, "onderwijs"])
                    + "?volgende="
                    + reverse("leerlingen:tab", args=[resultaat.leerling.pk, "personalia"])
                )
            return redirect("leerlingen:tab", resultaat.leerling.pk, "personalia")
    return render(
        request,
        "uitwisseling/opvraging.html",
        {
            "opvraging": opvraging,
            "ontvangen": ontvangen,
            "weergave": weergave(ontvangen, opvraging.leerling) if ontvangen else None,
            "verschillen": verschillen,
            "resultaat": resultaat_tekst(opvraging.resultaat) if opvraging.resultaat else "",
            "code": Resultaatcode(opvraging.resultaat).gebruikerscode
            if opvraging.resultaat
            else "",
            "uitleg": toelichting,
            "mag_opnieuw": opvraging.status == "mislukt"
            and not opvraging.herhaling
            and (toelichting is None or toelichting.opnieuw_zinvol)
            and heeft_recht(request.user, opvraging.school_id, _opvraag_recht(opvraging)),
            "wacht_op_herhaling": opvraging.herhaling in (Herhaling.WACHTRIJ, Herhaling.BEZIG),
            # the first run is a task: the page refreshes itself (it only reads) until it ends
            "wacht_op_uitvoering": opvraging.status == OpvraagStatus.BEZIG,
        },
    )


def _opvraag_recht(opvraging: Opvraging) -> str:
    return Recht.ONDERWIJS_BEWERKEN if opvraging.leerling_id else Recht.LEERLING_AANMAKEN


@login_required
@require_POST
@eenmalig
def opvraging_opnieuw(request, opvraging_id: int):
    """ "Opnieuw proberen" of a failed request: queued as a background task (tasks.py)."""
    opvraging = get_object_or_404(Opvraging.objects.for_user(request.user), pk=opvraging_id)
    vereis_recht(request.user, opvraging.school_id, _opvraag_recht(opvraging))
    if opnieuw_proberen(opvraging):
        messages.info(request, _("De aanvraag wordt opnieuw geprobeerd."))
    else:
        messages.error(
            request,
            _(
                "Deze aanvraag kan niet opnieuw worden geprobeerd: zij is niet mislukt of wordt "
                "al opnieuw geprobeerd. Vraag het dossier zo nodig opnieuw op."
            ),
        )
    return redirect("trafficcenter_client:opvraging", opvraging.pk)


# --- notificaties ------------------------------------------------------------------------------


@login_required
@require_POST
@eenmalig
def notificatie_beslissen(request, klaarzetting_id: int):
    """The answer to "Wilt u <school> laten weten dat er een nieuwe versie klaarstaat?"."""
    klaarzetting = get_object_or_404(
        Klaarzetting.objects.for_user(request.user).select_related(
            "dossier__leerling__school", "versie"
        ),
        pk=klaarzetting_id,
    )
    leerling = klaarzetting.dossier.leerling
    vereis_recht(request.user, leerling.school_id, Recht.ONDERWIJS_BEWERKEN)
    terug = redirect("dossiers:klaarzetten", leerling.pk)
    keuze = request.POST.get("keuze")
    if keuze not in ("versturen", "niet_versturen"):
        messages.error(request, _("Kies 'Notificatie versturen' of 'Niet versturen'."))
        return terug
    school = f"({klaarzetting.voor_brin}) {klaarzetting.voor_naam}"
    try:
        if keuze == "niet_versturen":
            notif.notificatie_niet_versturen(klaarzetting, request.user, request=request)
            messages.info(request, _("Er is geen notificatie verstuurd aan %(s)s.") % {"s": school})
            return terug
        rij = notif.notificatie_versturen(klaarzetting, request.user, request=request)
    except DjangoValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return terug
    except ImproperlyConfigured as fout:  # no Traffic Center connection configured
        messages.error(request, str(fout))
        return terug
    if rij.uitkomst == NotificatieUitkomst.VERSTUURD:
        messages.success(
            request,
            _("%(s)s heeft de notificatie ontvangen dat er een nieuwe versie klaarstaat.")
            % {"s": school},
        )
    else:
        messages.error(
            request,
            _(
                "De notificatie aan %(s)s kon niet worden verstuurd: %(m)s Er is niets "
                "verstuurd; probeer het later opnieuw."
            )
            % {"s": school, "m": rij.melding},
        )
    return terug


@login_required
def notificaties(request):
    """School > OSO > Notificaties: what schools of origin let us know, newest first."""
    school = huidige_school(request)
    if school is None:
        raise PermissionDenied
    page = Paginator(notif.notificaties_voor(request.user, school), 100).get_page(
        request.GET.get("pagina")
    )
    return render(request, "uitwisseling/notificaties.html", {"page": page, "school": school})
