"""Writes for zorgvragen: make one (collect and store the SWV dossier), deliver it to the SWV
through the Traffic Center, delete it, and render its PDF.

:func:`zorgvraag_aanmaken` is "Opslaan en verzenden": in one transaction it files uploads in the
leerlingmap, collects the SWV dossier (profile SWV PO or SWV VO by the school's sector, blocks
from ``dossiers/profielen.py``), checks it against the XSD and every rule, and stores it with
the choices; after the commit :func:`zorgvraag_afleveren` runs as a task. A dossier that fails
a check is not stored at all: the user gets the rule-by-rule reasons and nothing changes.

:func:`zorgvraag_afleveren` is safe to repeat (a failed delivery is retried with "Opnieuw
versturen"): it claims the zorgvraag (``workflow.claim``), asks the TC for the SWV aanleverpunt,
reuses a koppelsleutel it already has (one notificatie, one koppelsleutel, however often it
is retried), and notifies the SWV. No network call runs inside a database transaction.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import events
from core.uploads import mime_van
from dossiers.keuzes import Inzage, Keuzes
from dossiers.profielen import PROFIELEN, Profiel, categorie_uitlevering, optioneel
from dossiers.regels import FOUT, valideer
from dossiers.verzamelen import VerzamelFout, gekozen_blokken, verzamel
from dossiers.xml_bouwer import bouw_xml
from dossiers.xmlsafe import parse_dossier
from dossiers.xsd import StandaardNietGevonden, xsd_fouten
from leerlingen.codelijsten import SoortMapItem
from leerlingen.models import Leerling, MapItem
from scholen.models import Aanleverpunt, Registratiestatus
from trafficcenter_client import berichten as b
from trafficcenter_client.berichten import Resultaatcode
from trafficcenter_client.client import TcClient, TcFout, TcNietBereikbaar

from . import workflow
from .models import Aflevering, SoortBijlage, Terugkoppeling, Zorgvraag, ZorgvraagBijlage
from .selectors import AanleverpuntKeuze, profiel_voor

logger = logging.getLogger(__name__)

TOELICHTING_VERPLICHT = _(
    "Voeg een Toelichting onderwijsbehoeften toe: zonder deze bijlage kan de zorgvraag niet "
    "worden verzonden."
)
TOELICHTING_TITEL = "Toelichting onderwijsbehoeften"


class ZorgvraagFout(Exception):
    """The zorgvraag cannot be made or sent; ``meldingen`` says why, in Dutch."""

    def __init__(self, meldingen: list[str]):
        super().__init__("; ".join(meldingen))
        self.meldingen = meldingen


def bron_aanleverpunt(leerling: Leerling) -> Aanleverpunt | None:
    """The school's own aanleverpunt the zorgvraag is sent from: the pupil's vestiging's,
    else the school's lowest number."""
    punten = sorted(
        Aanleverpunt.objects.filter(school_id=leerling.school_id).exclude(routeringskenmerk=""),
        # a registered aanleverpunt first, as trafficcenter_client does when it asks
        key=lambda p: (p.registratiestatus != Registratiestatus.GEREGISTREERD, p.nummer),
    )
    if leerling.vestiging_id:
        eigen = [p for p in punten if p.vestiging_id == leerling.vestiging_id]
        if eigen:
            return eigen[0]
    return punten[0] if punten else None


def _zonder_pgn(tekst: str, pgn: str | None) -> str:
    """``tekst`` with the pupil's BSN or onderwijsnummer masked, as the collector masks it."""
    if not pgn or not any(c.isdigit() for c in pgn):
        return tekst
    from dossiers.verzamelen import PGN_MASKER, _pgn_patroon  # the collector's one rule

    return re.sub(_pgn_patroon(pgn), PGN_MASKER, tekst)


def _naar_map(leerling: Leerling, bestand: UploadedFile, titel: str, *, request, user) -> MapItem:
    item = MapItem(
        leerling=leerling,
        soort=SoortMapItem.DOCUMENT,
        titel=titel[:200],
        bestandsnaam=bestand.name[:200],
        mime_type=mime_van(bestand),
        aangemaakt_door=user,
        bestand=bestand,
    )
    item.full_clean()
    item.save()
    events.log(
        "gegevens_toegevoegd",
        request=request,
        user=user,
        leerling=leerling,
        obj=item,
        omschrijving="Leerlingmap",
    )
    return item


def _controleer(xml: bytes) -> list[str]:
    """XSD and every rule that applies (PaO.*, OS.cat*): the Dutch messages of what fails."""
    fouten = [_("Technische fout in het dossier: %(f)s") % {"f": f} for f in xsd_fouten(xml)]
    fouten += [m.bericht for m in valideer(parse_dossier(xml)) if m.ernst == FOUT]
    return fouten


def zorgvraag_aanmaken(
    *,
    leerling: Leerling,
    omschrijving: str,
    aandachtspunten: str = "",
    aanleverpunt: AanleverpuntKeuze,
    blokken: Iterable[str],
    toets_ids: Iterable[int] | None = None,
    handelingsplan_ids: Iterable[int] | None = None,
    toelichting: MapItem | None = None,
    nieuwe_toelichting: UploadedFile | None = None,
    bijlagen: Iterable[MapItem] = (),
    nieuwe_bijlagen: Iterable[UploadedFile] = (),
    request: Any = None,
    user: Any = None,
    afleveren: bool = True,
) -> Zorgvraag:
    """The manual's "Opslaan en verzenden": store the zorgvraag with its collected SWV
    dossier and start the delivery after the commit (``afleveren=False``: the caller
    delivers). Raises :class:`ZorgvraagFout` (nothing stored) without a Toelichting
    onderwijsbehoeften, when the school has no aanleverpunt, or when the dossier fails a
    check."""
    user = user or getattr(request, "user", None)
    # the zorgvraag keeps its texts as they were sent: without the pupil's number
    omschrijving = _zonder_pgn((omschrijving or "").strip(), leerling.pgn)
    aandachtspunten = _zonder_pgn(aandachtspunten or "", leerling.pgn)[:280]
    problemen = []
    if not omschrijving:
        problemen.append(_("Vul een korte omschrijving in."))
    if toelichting is None and nieuwe_toelichting is None:
        problemen.append(TOELICHTING_VERPLICHT)
    if toelichting is not None and toelichting.leerling_id != leerling.pk:
        problemen.append(TOELICHTING_VERPLICHT)
    bron = bron_aanleverpunt(leerling)
    if bron is None:
        problemen.append(
            _("De school heeft nog geen aanleverpunt (School > OSO > OSO-registratie).")
        )
    if problemen:
        raise ZorgvraagFout(problemen)
    assert bron is not None
    profiel = profiel_voor(leerling.school)
    bijlagen = [item for item in bijlagen if item.leerling_id == leerling.pk]
    nieuwe_bijlagen = list(nieuwe_bijlagen)
    gekozen = set(blokken) & {blok.slug for blok in optioneel(profiel)}
    if bijlagen or nieuwe_bijlagen:
        gekozen.add("bijlagen")  # attachments the user added go along in their block

    try:
        with transaction.atomic():
            if nieuwe_toelichting is not None:
                toelichting = _naar_map(
                    leerling, nieuwe_toelichting, TOELICHTING_TITEL, request=request, user=user
                )
            for bestand in nieuwe_bijlagen:
                bijlagen.append(
                    _naar_map(leerling, bestand, bestand.name, request=request, user=user)
                )
            assert toelichting is not None
            keuzes = Keuzes(
                profiel=profiel,
                blokken=frozenset(gekozen),
                toets_ids=None if toets_ids is None else frozenset(toets_ids),
                handelingsplan_ids=None
                if handelingsplan_ids is None
                else frozenset(handelingsplan_ids),
                bijlage_ids=frozenset(item.pk for item in bijlagen),
                toelichting_onderwijsbehoeften_id=toelichting.pk,
                aandachtspunten=aandachtspunten,
                inzage=Inzage(),
                aanleverpunt=bron.nummer,
            )
            gegevens = verzamel(leerling.pk, keuzes)
            xml = bouw_xml(gegevens)
            fouten = _controleer(xml)
            if fouten:
                raise ZorgvraagFout(fouten)
            categorieen = categorie_uitlevering(profiel, set(gekozen_blokken(keuzes)))
            zorgvraag = Zorgvraag.objects.create(
                leerling=leerling,
                omschrijving=omschrijving[:200],
                aandachtspunten=aandachtspunten,
                profiel=profiel.value,
                gekozen_blokken=sorted(gekozen_blokken(keuzes)),
                categorieen={slug: str(cat) for slug, cat in categorieen.items()},
                aanleverpunt_id=aanleverpunt.lokaal_id,
                swv_code=aanleverpunt.swv_code,
                swv_routeringskenmerk=aanleverpunt.routeringskenmerk,
                swv_naam=aanleverpunt.naam[:500],
                swv_aanleverpuntnummer=aanleverpunt.nummer,
                bron_routeringskenmerk=bron.routeringskenmerk,
                xml=xml,
                sha256=hashlib.sha256(xml).hexdigest(),
                verzameld_op=gegevens.moment,
                gemaakt_door=user if getattr(user, "pk", None) else None,
            )
            ZorgvraagBijlage.objects.create(
                zorgvraag=zorgvraag,
                soort=SoortBijlage.TOELICHTING,
                map_item=toelichting,
                titel=toelichting.titel,
            )
            for item in bijlagen:
                ZorgvraagBijlage.objects.create(
                    zorgvraag=zorgvraag, soort=SoortBijlage.BIJLAGE, map_item=item, titel=item.titel
                )
            events.zorgvraag_aangemaakt(zorgvraag=zorgvraag, request=request, user=user)
            from .tasks import maak_zorgvraag_pdf, zorgvraag_afleveren_taak

            if afleveren:
                transaction.on_commit(lambda: zorgvraag_afleveren_taak.delay(zorgvraag.pk))
            transaction.on_commit(lambda: maak_zorgvraag_pdf.delay(zorgvraag.pk))
    except VerzamelFout as fout:
        raise ZorgvraagFout([str(fout)]) from None
    except ValidationError as fout:
        raise ZorgvraagFout(fout.messages) from None
    except StandaardNietGevonden as fout:
        logger.error("Zorgvraag: de OSO-standaard is niet ingesteld")
        raise ZorgvraagFout(
            [_("Het dossier kan nu niet worden gecontroleerd (%(f)s).") % {"f": fout}]
        ) from None
    return zorgvraag


# --- delivery --------------------------------------------------------------------------------


class _NietAfgeleverd(Exception):  # noqa: N818
    pass


def zorgvraag_afleveren(zorgvraag_id: int, *, client: TcClient | None = None) -> Zorgvraag:
    """Deliver the notificatie of one zorgvraag to its SWV. Idempotent: a zorgvraag that is
    sent, deleted or being sent by another attempt is returned unchanged."""
    if not workflow.claim(zorgvraag_id):
        return Zorgvraag.objects.get(pk=zorgvraag_id)
    zorgvraag = Zorgvraag.objects.select_related("leerling__school").get(pk=zorgvraag_id)
    Zorgvraag.objects.filter(pk=zorgvraag_id).update(pogingen=zorgvraag.pogingen + 1)
    school = zorgvraag.leerling.school
    try:
        try:
            client = client or TcClient()
        except ImproperlyConfigured as fout:
            raise _NietAfgeleverd(str(fout)) from None
        url = _swv_adres(client, zorgvraag, school)
        koppelsleutel = _koppelsleutel(client, zorgvraag, school)
        _notificeer(client, zorgvraag, school, url, koppelsleutel)
    except _NietAfgeleverd as reden:
        melding = str(reden)[:500]
        if workflow.afronden(zorgvraag_id, Aflevering.NIET_AFGELEVERD, melding=melding):
            events.zorgvraag_niet_afgeleverd(zorgvraag=zorgvraag, reden=melding)
        logger.info("Zorgvraag %s niet afgeleverd", zorgvraag_id)
    else:
        with transaction.atomic():
            if workflow.afronden(
                zorgvraag_id,
                Aflevering.VERZONDEN,
                melding="",
                notificatie_verstuurd_op=timezone.now(),
            ):
                events.zorgvraag_verzonden(zorgvraag=zorgvraag, pogingen=zorgvraag.pogingen + 1)
    zorgvraag.refresh_from_db()
    return zorgvraag


def _swv_adres(client: TcClient, zorgvraag: Zorgvraag, school) -> str:
    """The URL of the SWV's aanleverpunt, as the TC lists it now."""
    try:
        antwoord = client.tc(
            b.OverzichtAanleverpuntRequest(
                doel=b.Sector.SWV, routerings_kenmerk=zorgvraag.swv_routeringskenmerk
            ),
            school=school,
        )
    except (TcNietBereikbaar, TcFout) as fout:
        raise _NietAfgeleverd(
            _("Het Traffic Center is niet bereikbaar: %(f)s") % {"f": fout}
        ) from None
    gevonden = [
        ap
        for ap in getattr(antwoord, "aanleverpunten", ())
        if ap.routerings_kenmerk == zorgvraag.swv_routeringskenmerk
        and ap.brin == zorgvraag.swv_code
        and ap.actief
    ]
    if not gevonden:
        raise _NietAfgeleverd(
            _(
                "Het aanleverpunt van het samenwerkingsverband (%(code)s) is niet (meer) bekend "
                "of niet actief bij het Traffic Center."
            )
            % {"code": zorgvraag.swv_code}
        )
    if not gevonden[0].url:
        raise _NietAfgeleverd(
            _("Het aanleverpunt van het samenwerkingsverband heeft geen adres: onbereikbaar.")
        )
    return gevonden[0].url


def _koppelsleutel(client: TcClient, zorgvraag: Zorgvraag, school):
    if zorgvraag.koppelsleutel is not None:
        return zorgvraag.koppelsleutel  # obtained by an earlier attempt: never a second one
    try:
        antwoord = client.tc(
            b.MeldenNotificatieRequest(
                bron_brin=school.brincode,
                bron_routerings_kenmerk=zorgvraag.bron_routeringskenmerk,
                doel_brin=zorgvraag.swv_code,
                doel_routerings_kenmerk=zorgvraag.swv_routeringskenmerk,
                overdrachtsoort=b.Overdrachtsoort.SWV_DOSSIER,
                doel=b.Sector.SWV,
            ),
            school=school,
        )
    except (TcNietBereikbaar, TcFout) as fout:
        raise _NietAfgeleverd(
            _("Het Traffic Center is niet bereikbaar: %(f)s") % {"f": fout}
        ) from None
    if (
        not isinstance(antwoord, b.MeldenNotificatieResponse)
        or antwoord.resultaat != Resultaatcode.KOPPELSLEUTEL_UITGEGEVEN
    ):
        raise _NietAfgeleverd(
            _("Het Traffic Center gaf geen koppelsleutel: %(t)s")
            % {"t": getattr(antwoord, "toelichting", None) or getattr(antwoord, "resultaat", "")}
        )
    # kept before the notificatie is sent: a retry reuses it
    Zorgvraag.objects.filter(pk=zorgvraag.pk, koppelsleutel__isnull=True).update(
        koppelsleutel=antwoord.koppelsleutel
    )
    zorgvraag.refresh_from_db(fields=["koppelsleutel"])
    return zorgvraag.koppelsleutel


def _notificeer(client: TcClient, zorgvraag: Zorgvraag, school, url: str, koppelsleutel) -> None:
    try:
        antwoord = client.stuur(
            url,
            b.NotificatieRequest(
                bron_brin=school.brincode,
                bron_routerings_kenmerk=zorgvraag.bron_routeringskenmerk,
                doel_brin=zorgvraag.swv_code,
                doel_routerings_kenmerk=zorgvraag.swv_routeringskenmerk,
                koppelsleutel=koppelsleutel,
                doel=b.Sector.SWV,
                overdrachtsoort=b.Overdrachtsoort.SWV_DOSSIER,
                dossier_verzameldatum=zorgvraag.verzameld_op,
            ),
            school=school,
        )
    except TcNietBereikbaar as fout:
        raise _NietAfgeleverd(
            _("Het systeem van het samenwerkingsverband is niet bereikbaar: %(f)s") % {"f": fout}
        ) from None
    except TcFout as fout:
        raise _NietAfgeleverd(
            _("Het systeem van het samenwerkingsverband weigerde de notificatie: %(f)s")
            % {"f": fout}
        ) from None
    if getattr(antwoord, "resultaat", None) != Resultaatcode.NOTIFICATIE_ONTVANGEN:
        raise _NietAfgeleverd(
            _("Het systeem van het samenwerkingsverband weigerde de notificatie: %(t)s")
            % {"t": getattr(antwoord, "toelichting", None) or getattr(antwoord, "resultaat", "")}
        )


def zorgvraag_opnieuw_versturen(*, zorgvraag: Zorgvraag) -> Zorgvraag:
    """ "Opnieuw versturen" of a zorgvraag that was not delivered (the screen's button and the
    API); raises :class:`ZorgvraagFout` when it is sent, being sent, or deleted."""
    from . import workflow
    from .tasks import zorgvraag_afleveren_taak

    if not workflow.kan_opnieuw_versturen(zorgvraag):
        raise ZorgvraagFout(
            [
                _(
                    "Deze zorgvraag is al verzonden of wordt nu verzonden. Een verzonden "
                    "zorgvraag kan niet worden gewijzigd: maak een nieuwe zorgvraag."
                )
            ]
        )
    zorgvraag_afleveren_taak.delay(zorgvraag.pk)
    zorgvraag.refresh_from_db()
    return zorgvraag


# --- deleting --------------------------------------------------------------------------------


def zorgvraag_verwijderen(*, zorgvraag: Zorgvraag, request: Any = None, user: Any = None) -> None:
    """Delete a zorgvraag: its dossier and aandachtspunten are wiped, so the SWV can no longer
    pull it (the koppelsleutel then finds nothing), its PDF and the documents of its
    terugkoppelingen are deleted from the storage and their messages emptied; the rows stay,
    marked, for the audit trail (short description, SWV, status, dates)."""
    user = user or getattr(request, "user", None)
    with transaction.atomic():
        # locked: a PDF written meanwhile (maak_pdf) is either seen here or not set at all
        rij = (
            Zorgvraag.objects.select_for_update()
            .filter(pk=zorgvraag.pk, verwijderd_op__isnull=True)
            .values("pdf")
            .first()
        )
        if rij is None:
            return  # deleted already
        documenten = list(
            Terugkoppeling.objects.filter(zorgvraag_id=zorgvraag.pk)
            .exclude(document="")
            .values_list("document", flat=True)
        )
        Zorgvraag.objects.filter(pk=zorgvraag.pk).update(
            verwijderd_op=timezone.now(),
            verwijderd_door=user if getattr(user, "pk", None) else None,
            xml=None,
            pdf="",
            aandachtspunten="",  # free text about the pupil, also in the wiped dossier
            bezig_sinds=None,
        )
        # the SWV's answers keep their status and date; their text and document go
        Terugkoppeling.objects.filter(zorgvraag_id=zorgvraag.pk).update(document="", bericht="")
        events.zorgvraag_verwijderd(request=request, user=user, zorgvraag=zorgvraag)
        bestanden = [(Zorgvraag.pdf.field.storage, rij["pdf"])] if rij["pdf"] else []
        bestanden += [(Terugkoppeling.document.field.storage, naam) for naam in documenten]
        # the files go only once the rows no longer point at them for good
        transaction.on_commit(lambda: _bestanden_wissen(bestanden))


def _bestanden_wissen(bestanden: Iterable[tuple[Storage, str]]) -> None:
    for opslag, naam in bestanden:
        opslag.delete(naam)


# --- PDF -------------------------------------------------------------------------------------


def maak_pdf(zorgvraag_id: int) -> bool:
    """Render the PDF of what was sent, from the stored XML, into a file. Idempotent. The file
    is written first and set on the row only while the row still has none and is not deleted;
    when a deletion or another run won, the file just written is deleted again."""
    from dossiers.pdf import render_pdf

    zorgvraag = Zorgvraag.objects.get(pk=zorgvraag_id)
    if zorgvraag.pdf or not zorgvraag.xml:
        return bool(zorgvraag.pdf)
    pdf = render_pdf(bytes(zorgvraag.xml))
    veld = Zorgvraag._meta.get_field("pdf")
    naam = veld.storage.save(veld.generate_filename(zorgvraag, "zorgvraag.pdf"), ContentFile(pdf))
    gezet = 0
    try:
        gezet = Zorgvraag.objects.filter(
            pk=zorgvraag_id, pdf="", verwijderd_op__isnull=True
        ).update(pdf=naam)
    finally:
        if not gezet:
            veld.storage.delete(naam)
    return bool(gezet)


def profiel_label(zorgvraag: Zorgvraag) -> str:
    return PROFIELEN[Profiel(zorgvraag.profiel)].label
