"""Writes of the season: the toets result's arrival moment, the region's agreements, the bulk
"nieuwe versie met toetsuitslag", and the reminders. Each with its audit event."""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit import events
from leerlingen.models import Eindtoets, Leerling

from . import toets
from .models import ActieStatus, NieuweVersieActie, RegionaleAfspraak, Toetsuitslag

logger = logging.getLogger(__name__)


def toetsuitslag_bijwerken(*, leerling_id: int) -> Toetsuitslag | None:
    """Record when the pupil's toets result changed (not when it was merely saved again)."""
    eindtoets = Eindtoets.objects.filter(leerling_id=leerling_id).first()
    onderdelen = (
        list(eindtoets.onderdelen.values_list("onderdeel", "referentieniveau")) if eindtoets else []
    )
    if not toets.heeft_uitslag(eindtoets, onderdelen):
        Toetsuitslag.objects.filter(leerling_id=leerling_id).delete()
        return None
    afdruk = toets.vingerafdruk(eindtoets, onderdelen)
    with transaction.atomic():
        rij = Toetsuitslag.objects.select_for_update().filter(leerling_id=leerling_id).first()
        if rij is None:
            return Toetsuitslag.objects.create(
                leerling_id=leerling_id, vingerafdruk=afdruk, gewijzigd_op=timezone.now()
            )
        if rij.vingerafdruk != afdruk:
            rij.vingerafdruk = afdruk
            rij.gewijzigd_op = timezone.now()
            rij.save(update_fields=["vingerafdruk", "gewijzigd_op"])
    return rij


def afspraak_opslaan(*, form, school, request) -> RegionaleAfspraak:
    with transaction.atomic():
        afspraak = form.save(commit=False)
        afspraak.school = school
        afspraak.save()
        events.beheer_gewijzigd(
            request=request,
            obj=afspraak,
            school=school,
            omschrijving=_("Regionale afspraken %(j)s opgeslagen") % {"j": afspraak.schooljaar},
        )
    return afspraak


# --- bulk: a new version with the toets result ----------------------------------------------

VERSTUURD, KLAARGEZET, INZAGE_NODIG, OVERGESLAGEN, MISLUKT = (
    "verstuurd",
    "klaargezet",
    "inzage_nodig",
    "overgeslagen",
    "mislukt",
)


VASTGELOPEN = datetime.timedelta(hours=1)  # a job this old that is not done no longer blocks


def nieuwe_versies_aanvragen(*, school, request=None, user=None) -> NieuweVersieActie:
    """Start the bulk job for every pupil whose klaargezet version predates the toets result."""
    from .selectors import po_bord
    from .tasks import nieuwe_versies

    user = user or getattr(request, "user", None)
    lopend = NieuweVersieActie.objects.filter(
        school=school,
        status__in=[ActieStatus.WACHTRIJ, ActieStatus.BEZIG],
        aangemaakt_op__gte=timezone.now() - VASTGELOPEN,
    ).first()
    if lopend is not None:
        return lopend  # one at a time per school: the running one is shown
    ids = [r.leerling.pk for r in po_bord(school).nieuwe_versie_nodig]
    with transaction.atomic():
        actie = NieuweVersieActie.objects.create(
            school=school, aangevraagd_door=user, leerling_ids=ids
        )
        events.log(
            "dossier_verzamelen_aangevraagd",
            request=request,
            user=user,
            school=school,
            obj=actie,
            omschrijving=ngettext(
                "nieuwe versie met toetsuitslag voor %(n)s leerling",
                "nieuwe versie met toetsuitslag voor %(n)s leerlingen",
                len(ids),
            )
            % {"n": len(ids)},
        )
        transaction.on_commit(lambda: nieuwe_versies.delay(str(actie.pk)))
    return actie


def nieuwe_versies_uitvoeren(actie_id, *, client=None) -> NieuweVersieActie:
    """Carry out the bulk job. Idempotent: a pupil with an outcome is not touched again."""
    with transaction.atomic():
        actie = NieuweVersieActie.objects.select_for_update().get(pk=actie_id)
        if actie.status == ActieStatus.KLAAR:
            return actie
        actie.status = ActieStatus.BEZIG
        actie.save(update_fields=["status"])
    for leerling_id in actie.leerling_ids:
        if str(leerling_id) in actie.uitkomsten:
            continue
        leerling = Leerling.objects.select_related("school").get(pk=leerling_id)
        try:
            uitkomst, tekst = nieuwe_versie_voor(
                leerling, user=actie.aangevraagd_door, client=client
            )
        except Exception:  # one pupil's failure must not stop the others
            logger.exception("nieuwe versie na toetsuitslag mislukt (leerling %s)", leerling_id)
            uitkomst, tekst = MISLUKT, _("Technische fout; probeer het later opnieuw.")
        actie.uitkomsten[str(leerling_id)] = {"uitkomst": uitkomst, "tekst": tekst}
        NieuweVersieActie.objects.filter(pk=actie.pk).update(uitkomsten=actie.uitkomsten)
    actie.status = ActieStatus.KLAAR
    actie.klaar_op = timezone.now()
    actie.save(update_fields=["status", "klaar_op", "uitkomsten"])
    return actie


def _zonder_toets(samenvatting: dict) -> dict:
    """The readable summary without what the toets result adds (to compare two versions)."""
    from dossiers.profielen import BLOK

    naam = BLOK["eindtoets"].naam
    uit = {k: v for k, v in samenvatting.items() if k != naam}
    meta = BLOK["metadata"].naam
    if meta in uit:
        uit[meta] = {k: v for k, v in uit[meta].items() if k != f"Blok {naam}"}
    return uit


def inzage_opnieuw_nodig(dossier, keuzes) -> str:
    """Why the parents must have inzage again before a version with the toets result can be
    klaargezet ("" when their inzage carries over). Reads only; nothing is collected."""
    from dossiers.models import DossierVersie, InzageKeuze
    from dossiers.verzamelen import samenvatting
    from dossiers.verzamelen import verzamel as verzamel_gegevens

    from .kalender import regionaal, schooljaar_van

    afspraak = regionaal(dossier.leerling.school_id, schooljaar_van(timezone.localdate()))
    if afspraak is not None and afspraak.inzage_opnieuw_na_toetsuitslag:
        return _("Volgens de regionale afspraken krijgen de verzorgers opnieuw inzage.")
    if dossier.inzage != InzageKeuze.JA or not dossier.inzage_versie_id:
        return _("De verzorgers waren niet akkoord; zij krijgen opnieuw inzage.")
    gezien = DossierVersie.objects.only("samenvatting").get(pk=dossier.inzage_versie_id)
    nieuw = samenvatting(verzamel_gegevens(dossier.leerling_id, keuzes))
    if _zonder_toets(gezien.samenvatting) != _zonder_toets(nieuw):
        return _(
            "Sinds de inzage is meer veranderd dan de toetsuitslag; de verzorgers krijgen "
            "opnieuw inzage."
        )
    return ""


def inzage_overnemen(*, dossier, vorige, user=None) -> bool:
    """Carry the parents' inzage over to the new version when the only difference with the
    version they saw is the toets result, they agreed, and the region did not ask for a new
    inzage. Audited. Returns whether it was carried over."""
    from dossiers.models import DossierVersie, InzageKeuze

    from .kalender import regionaal, schooljaar_van

    afspraak = regionaal(dossier.leerling.school_id, schooljaar_van(timezone.localdate()))
    if afspraak is not None and afspraak.inzage_opnieuw_na_toetsuitslag:
        return False
    if vorige is None or dossier.inzage != InzageKeuze.JA or dossier.inzage_versie_id != vorige:
        return False
    gezien = DossierVersie.objects.only("samenvatting").get(pk=vorige)
    nieuw = dossier.huidige_versie
    if _zonder_toets(gezien.samenvatting) != _zonder_toets(nieuw.samenvatting):
        return False
    dossier.inzage_versie = nieuw
    dossier.save(update_fields=["inzage_versie"])
    events.log(
        "dossier_inzage",
        user=user,
        leerling=dossier.leerling,
        obj=dossier,
        omschrijving=_("Inzage overgenomen: alleen de toetsuitslag is toegevoegd"),
        details={"versie": nieuw.nummer, "gezien": gezien.pk},
    )
    return True


def nieuwe_versie_voor(leerling: Leerling, *, user=None, client=None) -> tuple[str, str]:
    """Collect again with the toets result, klaarzetten, notify the receiving school; stop
    where the parents' inzage is needed again. Returns (uitkomst, Dutch text)."""
    from dossiers import services as dossier_services
    from dossiers.keuzes import uit_json
    from dossiers.models import Overstapdossier, Status
    from dossiers.profielen import Profiel, optioneel
    from trafficcenter_client.notificaties import notificatie_versturen, notificatie_vraag

    from .selectors import NV_NODIG, context_voor, groep8, nieuwe_versie_status

    ll = groep8(leerling.school, _schooljaar()).filter(pk=leerling.pk).first()
    if ll is None:
        return OVERGESLAGEN, _("Geen leerling van groep 8 meer.")
    if nieuwe_versie_status(ll, context_voor(leerling.school, [ll.pk])) != NV_NODIG:
        return OVERGESLAGEN, _("Geen nieuwe versie (meer) nodig.")
    dossier = Overstapdossier.objects.select_related("huidige_versie__opdracht").get(
        leerling=leerling
    )
    vorige = dossier.huidige_versie
    if (
        dossier.status == Status.VERZAMELD
        and vorige.verzameld_op >= ll.seizoen_toetsuitslag.gewijzigd_op
        and dossier.inzage_geldig
    ):
        versie = vorige  # a previous run collected it and was stopped before klaarzetten
    else:
        gezien = dossier.inzage_versie_id
        keuzes = uit_json(vorige.opdracht.keuzes)
        if "eindtoets" in {b.slug for b in optioneel(Profiel(keuzes.profiel))}:
            keuzes = dataclasses.replace(keuzes, blokken=keuzes.blokken | {"eindtoets"})
        # decided before anything is written: a new collection withdraws the klaargezet
        # version, so a pupil whose parents must see the dossier again is left as it was
        reden = inzage_opnieuw_nodig(dossier, keuzes)
        if reden:
            return INZAGE_NODIG, reden
        try:
            opdracht = dossier_services.verzamelen_aanvragen(
                dossier=dossier, keuzes=keuzes, user=user, direct=True
            )
            versie = dossier_services.verzamel(opdracht.pk)
        except dossier_services.DossierFout as fout:
            return MISLUKT, fout.meldingen[0]
        if versie is None:
            opdracht.refresh_from_db()
            return MISLUKT, (opdracht.meldingen or [_("Het dossier voldoet niet.")])[0]
        dossier.refresh_from_db()
        if not inzage_overnemen(dossier=dossier, vorige=gezien, user=user):
            return INZAGE_NODIG, _(
                "Versie %(n)s verzameld; de verzorgers moeten eerst opnieuw inzage krijgen."
            ) % {"n": versie.nummer}
    try:
        klaarzetting = dossier_services.klaarzetten(dossier=dossier, user=user)
    except dossier_services.DossierFout as fout:
        return MISLUKT, fout.meldingen[0]
    dossier.refresh_from_db()
    if notificatie_vraag(dossier) is None:
        return KLAARGEZET, _("Versie %(n)s klaargezet.") % {"n": versie.nummer}
    try:
        rij = notificatie_versturen(klaarzetting, user, client)
    except (ValidationError, ImproperlyConfigured) as fout:
        melding = fout.messages[0] if isinstance(fout, ValidationError) else str(fout)
        return KLAARGEZET, _("Versie %(n)s klaargezet; notificatie niet verstuurd: %(m)s") % {
            "n": versie.nummer,
            "m": melding,
        }
    if rij.uitkomst == "verstuurd":
        return VERSTUURD, _("Versie %(n)s klaargezet en %(s)s genotificeerd.") % {
            "n": versie.nummer,
            "s": klaarzetting.voor_naam or klaarzetting.voor_brin,
        }
    return KLAARGEZET, _("Versie %(n)s klaargezet; notificatie mislukt: %(m)s") % {
        "n": versie.nummer,
        "m": rij.melding,
    }


def _schooljaar() -> str:
    from .kalender import huidig_schooljaar

    return huidig_schooljaar()
