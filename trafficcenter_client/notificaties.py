"""Notificaties about a newer version of a klaargezet overstapdossier (issue 4).

Sending school: when a dossier that was klaargezet for a school is collected and klaargezet
again for that same school, the page asks "Wilt u <school> laten weten dat er een nieuwe versie
klaarstaat?" (:func:`notificatie_vraag`). :func:`notificatie_versturen` then

1. finds the receiving school's active aanleverpunten at the TC (overzichtAanleverpunt, by the
   klaarzetting's BRIN and the receiving sector);
2. asks the TC for a koppelsleutel per aanleverpunt (meldenNotificatie), handing it the pupil's
   PGN encrypted to the TC's certificate;
3. sends each aanleverpunt a notificatieRequest with the koppelsleutel, the collection moment
   of the new version and the zoeksleutel the TC gave back.

How the receiving LAS finds the pupil without a PGN in the clear (our design): the receiver
(``services.notificatie_ontvangen``) decrypts the notificatie's zoeksleutel with its *own* key,
so the zoeksleutel must be encrypted to the certificate the receiving aanleverpunt is registered
with. Only the TC knows that certificate; the bron knows only the TC's. So the TC acts as the
zoeksleutel broker here as it does for the pull (sessiecontrole): meldenNotificatie carries the
PGN encrypted to the TC, its answer carries it encrypted to the doel
(``trafficcenter.services._zoeksleutel_voor_doel``). A zoeksleutel made for the TC is useless
to the receiver, and one the receiver cannot read simply leaves the pupil unmatched: the
notificatie is still listed, with a link to "Leerling importeren (OSO)".

Each answer is stored once, complete, after the exchange (:class:`VerstuurdeNotificatie`), with
its audit event: a TC that is down gives a ``mislukt`` row and a Dutch message, and the question
stays open so the user can try again. No network call runs inside a transaction.

Receiving school: :func:`notificaties_voor` (School > OSO > Notificaties) and
:func:`open_notificaties` (the banner on a pupil's "Overstapdossier opvragen" page). A
notificatie counts as handled once the school asked for that pupil's dossier after it arrived.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from audit import events
from dossiers.models import Klaarzetting, Overstapdossier, Status
from dossiers.profielen import PROFIELEN, Profiel
from leerlingen.models import Leerling
from scholen.models import School

from . import berichten as b
from .berichten import Overdrachtsoort, Resultaatcode, Sector, SoortAanleverpunt
from .client import TcClient, TcFout, TcNietBereikbaar
from .models import (
    Dossieraanvraag,
    Notificatie,
    NotificatieUitkomst,
    Opvraging,
    VerstuurdeNotificatie,
)
from .services import _eigen_aanleverpunt, _tc_certificaat
from .zoeksleutel import OngeldigeZoeksleutel, versleutel

logger = logging.getLogger(__name__)

# meldenNotificatie names the doel's sector, which only the TC's registry knows for sure
SCHOOLSECTOREN = (Sector.PO, Sector.VO)
BESLIST = (NotificatieUitkomst.VERSTUURD, NotificatieUitkomst.NIET_VERSTUURD)


# --- sending school --------------------------------------------------------------------------


@dataclass(frozen=True)
class NotificatieVraag:
    klaarzetting: Klaarzetting
    vorige: Klaarzetting
    opgehaald: bool  # the receiving school fetched an earlier version
    laatste_poging: VerstuurdeNotificatie | None  # a failed attempt, to say so on the page


def notificatie_vraag(dossier: Overstapdossier) -> NotificatieVraag | None:
    """The open question for the dossier's current klaarzetting, or None: asked only when an
    earlier klaarzetting for the same receiving school existed and nothing was decided yet."""
    if dossier.status != Status.KLAARGEZET or dossier.klaarzetting_id is None:
        return None
    huidige = dossier.klaarzetting
    vorige = (
        Klaarzetting.objects.filter(dossier=dossier, voor_brin=huidige.voor_brin)
        .exclude(pk=huidige.pk)
        .filter(klaargezet_op__lte=huidige.klaargezet_op)
        .order_by("-klaargezet_op", "-pk")
        .first()
    )
    if vorige is None:
        return None
    pogingen = VerstuurdeNotificatie.objects.filter(klaarzetting=huidige)
    if pogingen.filter(uitkomst__in=BESLIST).exists():
        return None
    opgehaald = Dossieraanvraag.objects.filter(
        leerling_id=dossier.leerling_id,
        aanvrager_brin=huidige.voor_brin,
        resultaat=Resultaatcode.OVERDRACHT_GESLAAGD.value,
    ).exists()
    return NotificatieVraag(huidige, vorige, opgehaald, pogingen.first())


def _controleer_open(klaarzetting: Klaarzetting) -> Overstapdossier:
    dossier = Overstapdossier.objects.select_related("leerling__school").get(
        pk=klaarzetting.dossier_id
    )
    if dossier.klaarzetting_id != klaarzetting.pk:
        raise ValidationError(
            "Dit dossier is inmiddels opnieuw verzameld of ingetrokken; er is niets verstuurd."
        )
    if VerstuurdeNotificatie.objects.filter(
        klaarzetting=klaarzetting, uitkomst__in=BESLIST
    ).exists():
        raise ValidationError("Over deze versie is al besloten; er is niets verstuurd.")
    return dossier


@dataclass
class _Uitkomst:
    ontvangen: int = 0
    fouten: list[str] | None = None

    def fout(self, tekst: str) -> None:
        self.fouten = [*(self.fouten or []), tekst]


def notificatie_versturen(
    klaarzetting: Klaarzetting, user: Any, client: TcClient | None = None, *, request=None
) -> VerstuurdeNotificatie:
    """Notify the receiving school that a newer version of the dossier is klaargezet.

    Raises :class:`ValidationError` (nothing sent, nothing stored) when the question is no longer
    open or the school has no aanleverpunt, and ``ImproperlyConfigured`` without a TC
    connection. Otherwise returns the stored outcome: ``verstuurd`` when at least one
    aanleverpunt acknowledged, else ``mislukt`` with a Dutch ``melding``.
    """
    dossier = _controleer_open(klaarzetting)
    leerling: Leerling = dossier.leerling
    school: School = leerling.school
    eigen = _eigen_aanleverpunt(school)
    client = client or TcClient()
    binnen_brin = PROFIELEN[Profiel(klaarzetting.versie.profiel)].binnen_brin
    soort = Overdrachtsoort.BINNEN_BRIN if binnen_brin else Overdrachtsoort.OVERSTAPDOSSIER
    verzameld_op = klaarzetting.versie.verzameld_op
    uitkomst = _Uitkomst()
    try:
        tc_cert = _tc_certificaat(client.verbinding)
        if tc_cert is None:
            raise _Afgebroken(
                "Het certificaat van het Traffic Center is niet ingesteld in het beheer."
            )
        doelen: list[tuple[b.Aanleverpunt, Sector]] = []
        for sector in SCHOOLSECTOREN:
            overzicht = client.tc(
                b.OverzichtAanleverpuntRequest(brin=klaarzetting.voor_brin, doel=sector),
                school=school,
            )
            doelen += [
                (ap, sector)
                for ap in getattr(overzicht, "aanleverpunten", ())
                if ap.actief
                and ap.soort != SoortAanleverpunt.SWV
                and ap.routerings_kenmerk != eigen.routeringskenmerk
            ]
        if not doelen:
            raise _Afgebroken(
                f"({klaarzetting.voor_brin}) {klaarzetting.voor_naam} heeft geen actief "
                "aanleverpunt bij het Traffic Center."
            )
        zoeksleutel = versleutel(leerling.pgn_type, leerling.pgn, tc_cert) if leerling.pgn else None
        for ap, doel_sector in doelen:
            _notificeer(
                client,
                school=school,
                eigen_kenmerk=eigen.routeringskenmerk,
                ap=ap,
                soort=soort,
                doel_sector=doel_sector,
                zoeksleutel=zoeksleutel,
                verzameld_op=verzameld_op,
                uitkomst=uitkomst,
            )
    except _Afgebroken as fout:
        uitkomst.fout(str(fout))
    except (TcNietBereikbaar, TcFout) as fout:
        uitkomst.fout(f"Het Traffic Center: {fout}")
    except (OSError, ValueError, OngeldigeZoeksleutel, b.OngeldigBericht) as fout:
        logger.warning("OSO notificatie: configuratiefout %s", type(fout).__name__)
        uitkomst.fout(
            "De OSO-verbinding is niet goed ingesteld (certificaat of sleutel onleesbaar)."
        )

    gelukt = uitkomst.ontvangen > 0
    melding = " ".join(uitkomst.fouten or [])[:500]
    with transaction.atomic():
        rij = VerstuurdeNotificatie.objects.create(
            school=school,
            leerling=leerling,
            klaarzetting=klaarzetting,
            doel_brin=klaarzetting.voor_brin,
            doel_naam=klaarzetting.voor_naam[:200],
            uitkomst=NotificatieUitkomst.VERSTUURD if gelukt else NotificatieUitkomst.MISLUKT,
            aantal_ontvangen=uitkomst.ontvangen,
            melding=melding,
            dossier_verzameldatum=verzameld_op,
            door=user if getattr(user, "pk", None) else None,
        )
        events.dossier_notificatie(
            request=request,
            user=rij.door,
            klaarzetting=klaarzetting,
            leerling=leerling,
            doel_brin=klaarzetting.voor_brin,
            uitkomst=rij.uitkomst,
            details={
                "versie": klaarzetting.versie.nummer,
                "aanleverpunten": uitkomst.ontvangen,
                "gelukt": gelukt,
            },
        )
    return rij


class _Afgebroken(Exception):  # noqa: N818
    """Nothing could be sent at all; the message says why, in Dutch."""


def _notificeer(
    client: TcClient,
    *,
    school: School,
    eigen_kenmerk: str,
    ap: b.Aanleverpunt,
    soort: Overdrachtsoort,
    doel_sector: Sector,
    zoeksleutel: str | None,
    verzameld_op,
    uitkomst: _Uitkomst,
) -> None:
    """One receiving aanleverpunt: a koppelsleutel from the TC, then the notificatie itself.
    A failure at one aanleverpunt does not stop the others."""
    gemeld = client.tc(
        b.MeldenNotificatieRequest(
            bron_brin=school.brincode,
            bron_routerings_kenmerk=eigen_kenmerk,
            doel_brin=ap.brin,
            doel_routerings_kenmerk=ap.routerings_kenmerk,
            overdrachtsoort=soort,
            doel=doel_sector,
            zoeksleutel=zoeksleutel,
        ),
        school=school,
    )
    if (
        not isinstance(gemeld, b.MeldenNotificatieResponse)
        or gemeld.resultaat != Resultaatcode.KOPPELSLEUTEL_UITGEGEVEN
        or gemeld.koppelsleutel is None
    ):
        uitkomst.fout(
            getattr(gemeld, "toelichting", None)
            or "Het Traffic Center gaf geen koppelsleutel voor de notificatie."
        )
        return
    if not ap.url:
        uitkomst.fout(f"Aanleverpunt {ap.routerings_kenmerk} heeft geen adres.")
        return
    try:
        antwoord = client.stuur(
            ap.url,
            b.NotificatieRequest(
                bron_brin=school.brincode,
                bron_routerings_kenmerk=eigen_kenmerk,
                doel_brin=ap.brin,
                doel_routerings_kenmerk=ap.routerings_kenmerk,
                koppelsleutel=gemeld.koppelsleutel,
                doel=doel_sector,
                overdrachtsoort=soort,
                zoeksleutel=gemeld.zoeksleutel,
                dossier_verzameldatum=verzameld_op,
            ),
            school=school,
        )
    except (TcNietBereikbaar, TcFout) as fout:
        uitkomst.fout(f"De ontvangende school: {fout}")
        return
    if getattr(antwoord, "resultaat", None) == Resultaatcode.NOTIFICATIE_ONTVANGEN:
        uitkomst.ontvangen += 1
    else:
        uitkomst.fout(
            getattr(antwoord, "toelichting", None)
            or "De ontvangende school bevestigde de notificatie niet."
        )


def notificatie_niet_versturen(
    klaarzetting: Klaarzetting, user: Any, *, request=None
) -> VerstuurdeNotificatie:
    """ "Niet versturen": recorded, so the question is not asked again for this version."""
    dossier = _controleer_open(klaarzetting)
    with transaction.atomic():
        rij = VerstuurdeNotificatie.objects.create(
            school=dossier.leerling.school,
            leerling=dossier.leerling,
            klaarzetting=klaarzetting,
            doel_brin=klaarzetting.voor_brin,
            doel_naam=klaarzetting.voor_naam[:200],
            uitkomst=NotificatieUitkomst.NIET_VERSTUURD,
            dossier_verzameldatum=klaarzetting.versie.verzameld_op,
            door=user if getattr(user, "pk", None) else None,
        )
        events.dossier_notificatie(
            request=request,
            user=rij.door,
            klaarzetting=klaarzetting,
            leerling=dossier.leerling,
            doel_brin=klaarzetting.voor_brin,
            uitkomst=rij.uitkomst,
            details={"versie": klaarzetting.versie.nummer},
        )
    return rij


# --- receiving school ------------------------------------------------------------------------


def _met_afgehandeld(qs: QuerySet[Notificatie]) -> QuerySet[Notificatie]:
    """Handled: the school asked for this pupil's dossier after the notificatie arrived."""
    return qs.annotate(
        afgehandeld=Exists(
            Opvraging.objects.filter(
                school_id=OuterRef("school_id"),
                leerling_id=OuterRef("leerling_id"),
                tijdstip__gte=OuterRef("ontvangen_op"),
            )
        )
    )


def notificaties_voor(user: Any, school: School) -> QuerySet[Notificatie]:
    """School > OSO > Notificaties: newest first, only the user's own school."""
    return _met_afgehandeld(
        Notificatie.objects.for_user(user).filter(school=school).select_related("leerling")
    ).order_by("-ontvangen_op", "-pk")


def open_notificaties(user: Any, leerling: Leerling) -> list[Notificatie]:
    """Notificaties about this pupil the school has not acted on yet."""
    return [
        n
        for n in _met_afgehandeld(Notificatie.objects.for_user(user).filter(leerling=leerling))
        if not n.afgehandeld
    ]
