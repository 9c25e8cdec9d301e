"""School > Doorstroomtoets: the groep-8 pupils, the deelnemerslijst and voorlopig
schooladviezen sent to the toets supplier, the results received, the message log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from accounts.roles import Recht
from accounts.schoolkeuze import huidige_school
from accounts.tenancy import heeft_recht, vereis_recht

from . import selectors, services
from .models import Koppeling


@login_required
@require_http_methods(["GET", "POST"])
def overzicht(request):
    school = huidige_school(request)
    if school is None:
        raise PermissionDenied
    vereis_recht(request.user, school.pk, Recht.BEKIJKEN)
    if request.method == "POST":
        vereis_recht(request.user, school.pk, Recht.TOETSEN_BEWERKEN)
        actie = request.POST.get("actie")
        try:
            if actie == "deelnemers":
                uitslag = services.deelnemerslijst_versturen(school=school, user=request.user)
            elif actie == "adviezen":
                uitslag = services.schooladviezen_versturen(school=school, user=request.user)
            else:
                messages.error(request, "Onbekende actie.")
                return redirect("doorstroomtoets:overzicht")
        except services.DoorstroomFout as e:
            messages.error(request, str(e))
            return redirect("doorstroomtoets:overzicht")
        tekst = uitslag.melding
        if uitslag.verstuurd:
            verstuurd = ngettext(
                "%(n)d leerling verstuurd.", "%(n)d leerlingen verstuurd.", uitslag.verstuurd
            ) % {"n": uitslag.verstuurd}
            tekst = f"{verstuurd} {tekst}"
        if uitslag.overgeslagen:
            tekst += (
                " Niet verstuurd (advies zonder tegenhanger in de afspraak of leerling nog niet "
                "aangemeld): " + ", ".join(uitslag.overgeslagen) + "."
            )
        (messages.success if uitslag.geslaagd else messages.error)(request, tekst)
        return redirect("doorstroomtoets:overzicht")
    koppeling = Koppeling.objects.filter(school=school).first()
    return render(
        request,
        "doorstroomtoets/overzicht.html",
        {
            "school": school,
            "koppeling": koppeling,
            "regels": selectors.overzicht(school),
            "berichtlog": selectors.berichten_van(school),
            "mag_versturen": heeft_recht(request.user, school.pk, Recht.TOETSEN_BEWERKEN),
        },
    )
