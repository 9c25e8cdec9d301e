"""The daily reminders for a PO school's administration: one notice per fact, never twice.

Facts (each with its own key): no definitief advies as its national date nears, not klaargezet
by the region's date, a toets result newer than the klaargezet version, a heroverweging without
a recorded outcome. New notices are also e-mailed (Django's mail framework) to the school's
administration, one e-mail per school per run.
"""

from __future__ import annotations

import datetime

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import Aanstelling
from accounts.roles import Rol
from scholen.models import School, SoortSchool

from .kalender import datum
from .models import Herinnering
from .selectors import NV_NODIG, OPEN, Bord, Rij, po_bord

VOORAF = datetime.timedelta(days=7)  # "as 24 March nears"

SOORTEN = {
    "geen_definitief_advies": gettext_lazy("Nog geen definitief advies"),
    "niet_klaargezet": gettext_lazy("Niet klaargezet op de regionale datum"),
    "nieuwe_versie": gettext_lazy("Toetsuitslag nieuwer dan de klaargezette versie"),
    "heroverweging": gettext_lazy("Heroverweging zonder uitkomst"),
}


def _feiten(school: School, bord: Bord, vandaag: datetime.date) -> list[tuple[str, str, Rij]]:
    jaar = bord.kalender.schooljaar
    uiterlijk = bord.kalender.op("definitief_advies_uiterlijk")
    klaarzetten_voor = bord.kalender.regionaal and bord.kalender.regionaal.klaarzetten_voor
    feiten = []
    for rij in bord.rijen:
        ll = rij.leerling
        naam = ll.volledige_naam
        s = rij.stappen
        if uiterlijk and vandaag >= uiterlijk - VOORAF and s["definitief_advies"].status == OPEN:
            feiten.append(
                (
                    f"geen_definitief_advies:{jaar}:{ll.pk}",
                    _("%(naam)s heeft nog geen definitief advies (uiterlijk %(d)s).")
                    % {"naam": naam, "d": datum(uiterlijk)},
                    rij,
                )
            )
        if klaarzetten_voor and vandaag > klaarzetten_voor and s["klaargezet"].status == OPEN:
            feiten.append(
                (
                    f"niet_klaargezet:{jaar}:{ll.pk}",
                    _("Het dossier van %(naam)s is niet klaargezet (regionale datum %(d)s).")
                    % {"naam": naam, "d": datum(klaarzetten_voor)},
                    rij,
                )
            )
        if rij.nieuwe_versie == NV_NODIG:
            uitslag = ll.seizoen_toetsuitslag
            feiten.append(
                (
                    f"nieuwe_versie:{ll.pk}:{rij.klaarzetting_id}:{uitslag.vingerafdruk[:16]}",
                    _(
                        "De toetsuitslag van %(naam)s is nieuwer dan de klaargezette versie: "
                        "zet een nieuwe versie klaar."
                    )
                    % {"naam": naam},
                    rij,
                )
            )
        if s["heroverweging"].status == OPEN:
            feiten.append(
                (
                    f"heroverweging:{jaar}:{ll.pk}",
                    _(
                        "Het toetsadvies van %(naam)s is hoger dan het schooladvies: leg de "
                        "uitkomst van de heroverweging vast."
                    )
                    % {"naam": naam},
                    rij,
                )
            )
    return feiten


def herinneringen_maken(vandaag: datetime.date | None = None) -> list[Herinnering]:
    """Create today's new notices for every PO school. Safe to run any number of times."""
    vandaag = vandaag or timezone.localdate()
    nieuw: list[Herinnering] = []
    bord_url = reverse("seizoen:po_bord")
    for school in School.objects.exclude(soort=SoortSchool.VO).order_by("pk"):
        bord = po_bord(school)
        if not bord.rijen:
            continue
        bestaand = set(Herinnering.objects.filter(school=school).values_list("sleutel", flat=True))
        van_school = []
        for sleutel, tekst, rij in _feiten(school, bord, vandaag):
            if sleutel in bestaand:
                continue
            try:
                with transaction.atomic():
                    h = Herinnering.objects.create(
                        school=school,
                        leerling=rij.leerling,
                        soort=sleutel.split(":", 1)[0],
                        sleutel=sleutel,
                        tekst=tekst[:300],
                        url=f"{bord_url}#leerling-{rij.leerling.pk}",
                    )
            except IntegrityError:  # a parallel run made it first
                continue
            van_school.append(h)
        if van_school:
            _mail(school, van_school)
            nieuw += van_school
    return nieuw


def _mail(school: School, herinneringen: list[Herinnering]) -> None:
    adressen = sorted(
        {
            a.user.email
            for a in Aanstelling.objects.filter(
                school=school, rol=Rol.SCHOOLADMINISTRATIE, user__is_active=True
            ).select_related("user")
            if a.user.email
        }
    )
    if not adressen:
        return
    # no pupil names in e-mail: the counts and the link; the names are behind the login
    soorten: dict[str, int] = {}
    for h in herinneringen:
        soorten[h.soort] = soorten.get(h.soort, 0) + 1
    regels = [f"- {SOORTEN.get(s, s)}: {n}" for s, n in sorted(soorten.items())]
    send_mail(
        subject=ngettext(
            "Overstapseizoen %(school)s: %(n)s nieuwe herinnering",
            "Overstapseizoen %(school)s: %(n)s nieuwe herinneringen",
            len(herinneringen),
        )
        % {"school": school.naam, "n": len(herinneringen)},
        message=_(
            "Goedemorgen,\n\nHet overstapseizoen vraagt uw aandacht:\n\n%(regels)s\n\n"
            "Bekijk de leerlingen in de OSO-module onder School > OSO > Overstapseizoen "
            "(%(url)s).\n"
        )
        % {"regels": "\n".join(regels), "url": reverse("seizoen:po_bord")},
        from_email=None,
        recipient_list=adressen,
    )
    Herinnering.objects.filter(pk__in=[h.pk for h in herinneringen]).update(
        gemaild_aan=len(adressen)
    )


def open_herinneringen(school, limiet: int = 20):
    return Herinnering.objects.filter(school=school, gelezen_op__isnull=True)[:limiet]
