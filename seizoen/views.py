"""School > OSO > Overstapseizoen: the PO board, the VO board, the region's agreements, the
notices. Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import Recht
from accounts.schoolkeuze import huidige_school
from accounts.tenancy import heeft_recht, vereis_recht
from dossiers import services as dossier_services
from dossiers.models import Overstapdossier
from leerlingen.models import Leerling

from . import selectors, services
from .forms import AfwijkingForm, BordFilter, RegionaleAfspraakForm
from .herinneringen import open_herinneringen
from .kalender import huidig_schooljaar, regionaal
from .models import Herinnering, NieuweVersieActie

RECHT = Recht.ONDERWIJS_BEWERKEN


def _school(request):
    school = huidige_school(request)
    if school is None:
        raise PermissionDenied
    return school


@login_required
@require_http_methods(["GET", "POST"])
def po_bord(request):
    school = _school(request)
    if school.sector == "VO":
        return redirect("seizoen:vo_bord")
    mag = heeft_recht(request.user, school.pk, RECHT)
    if request.method == "POST":
        vereis_recht(request.user, school.pk, RECHT)
        actie = services.nieuwe_versies_aanvragen(school=school, request=request)
        return redirect("seizoen:actie", actie.pk)
    filters = BordFilter(request.GET or None)
    d = filters.cleaned_data if filters.is_valid() else {}
    bord = selectors.po_bord(
        school, filter_=d.get("stap", ""), groep=d.get("groep", ""), zoek=d.get("zoek", "")
    )
    return render(
        request,
        "seizoen/po_bord.html",
        {
            "school": school,
            "bord": bord,
            "filters": filters,
            "kolommen": selectors.KOLOMMEN,
            "tellingen": [
                (k, kop, bord.tellingen[k], bord.open[k]) for k, kop in selectors.KOLOMMEN
            ],
            "mag": mag,
            "herinneringen": open_herinneringen(school),
            "laatste_actie": NieuweVersieActie.objects.filter(school=school).first(),
            "afwijking_form": AfwijkingForm(),
        },
    )


@login_required
def actie(request, actie_id):
    actie = get_object_or_404(NieuweVersieActie.objects.for_user(request.user), pk=actie_id)
    namen = {
        ll.pk: ll.volledige_naam
        for ll in Leerling.objects.filter(pk__in=actie.leerling_ids).only(
            "roepnaam", "voornamen", "voorvoegsel", "achternaam"
        )
    }
    uitkomsten = [
        (namen.get(int(i), "?"), u["uitkomst"], u["tekst"]) for i, u in actie.uitkomsten.items()
    ]
    return render(
        request,
        "seizoen/actie.html",
        {"actie": actie, "uitkomsten": uitkomsten, "bezig": actie.status != "klaar"},
    )


@login_required
@require_POST
def toch_klaarzetten(request, pk: int):
    """Klaarzetten before the region's date, with the user's reason (audited)."""
    dossier = get_object_or_404(
        Overstapdossier.objects.for_user(request.user, RECHT).select_related("leerling"),
        leerling_id=pk,
    )
    form = AfwijkingForm(request.POST)
    if not form.is_valid():
        for fout in form.errors.get("reden", []):
            messages.error(request, fout)
        return redirect("seizoen:po_bord")
    try:
        k = dossier_services.klaarzetten(
            dossier=dossier, request=request, afwijking=form.cleaned_data["reden"]
        )
    except dossier_services.DossierFout as fout:
        for melding in fout.meldingen:
            messages.error(request, melding)
    else:
        messages.success(
            request,
            _(
                "Het dossier van %(naam)s is klaargezet voor (%(brin)s) %(school)s; "
                "de reden is vastgelegd."
            )
            % {"naam": dossier.leerling.volledige_naam, "brin": k.voor_brin, "school": k.voor_naam},
        )
    return redirect(reverse("seizoen:po_bord") + f"#leerling-{pk}")


@login_required
@require_http_methods(["GET", "POST"])
def afspraken(request):
    school = _school(request)
    jaar = request.GET.get("schooljaar") or request.POST.get("schooljaar") or huidig_schooljaar()
    bestaand = regionaal(school.pk, jaar)
    form = RegionaleAfspraakForm(
        request.POST or None, instance=bestaand, initial={"schooljaar": jaar}
    )
    if request.method == "POST":
        vereis_recht(request.user, school.pk, RECHT)
        if form.is_valid():
            try:
                services.afspraak_opslaan(form=form, school=school, request=request)
            except IntegrityError:
                form.add_error("schooljaar", _("Voor dit schooljaar zijn al afspraken vastgelegd."))
            else:
                messages.success(request, _("De regionale afspraken zijn opgeslagen."))
                return redirect("seizoen:po_bord")
    return render(
        request,
        "seizoen/afspraken.html",
        {"school": school, "form": form, "mag": heeft_recht(request.user, school.pk, RECHT)},
        status=400 if form.errors else 200,
    )


@login_required
def vo_bord(request):
    school = _school(request)
    rijen = selectors.vo_bord(school)
    return render(
        request,
        "seizoen/vo_bord.html",
        {
            "school": school,
            "rijen": rijen,
            "mag": heeft_recht(request.user, school.pk, RECHT),
            "schooljaar": huidig_schooljaar(),
        },
    )


@login_required
@require_POST
def herinnering_gelezen(request, herinnering_id: int):
    h = get_object_or_404(Herinnering.objects.for_user(request.user), pk=herinnering_id)
    if h.gelezen_op is None:
        Herinnering.objects.filter(pk=h.pk).update(gelezen_op=timezone.now())
    return redirect("seizoen:po_bord")
