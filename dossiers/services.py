"""Writes to overstapdossiers: save status information, request a collection, carry it out,
register inzage, klaarzetten, bulk binnen-brin. Each is one transaction with its audit event."""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import events
from core.uploads import mime_van
from leerlingen.codelijsten import SoortMapItem
from leerlingen.models import Leerling, MapItem

from . import voorwaarden, workflow
from .keuzes import Inzage, Keuzes, naar_json, uit_json
from .models import (
    BulkKlaarzetting,
    DossierVersie,
    InzageKeuze,
    Klaarzetting,
    Overstapdossier,
    Verwerking,
    Verzamelopdracht,
)
from .profielen import PROFIELEN, Profiel, optioneel

logger = logging.getLogger(__name__)


class DossierFout(Exception):
    """A request the dossier's state or data does not allow; ``meldingen`` says why, in Dutch."""

    def __init__(self, meldingen: list[str]):
        super().__init__("; ".join(meldingen))
        self.meldingen = meldingen


def dossier_van(leerling: Leerling, queryset=None) -> Overstapdossier:
    """The pupil's overstapdossier, made on first use; ``queryset`` says what to load with it."""
    queryset = Overstapdossier.objects if queryset is None else queryset
    dossier, _created = queryset.get_or_create(leerling=leerling)
    return dossier


def statusinformatie_opslaan(*, dossier: Overstapdossier, form, request) -> Overstapdossier:
    with transaction.atomic():
        vorige = Overstapdossier.objects.get(pk=dossier.pk)
        dossier = form.save(commit=False)
        inzage_gewijzigd = bool({"inzage", "inzage_datum", "zienswijze"} & set(form.changed_data))
        if not vorige.inzage_geldig and not dossier.inzage:
            # nothing registered for the current version: keep the earlier version's inzage
            # (shown as information), it does not count for this version
            dossier.inzage = vorige.inzage
            dossier.inzage_datum = vorige.inzage_datum
            dossier.zienswijze = vorige.zienswijze
            inzage_gewijzigd = False
        elif dossier.inzage and (
            inzage_gewijzigd or dossier.inzage_versie_id != dossier.huidige_versie_id
        ):
            dossier.inzage_versie = dossier.huidige_versie  # inzage is for this version
            inzage_gewijzigd = True
        dossier.save()
        events.log(
            "dossier_opgeslagen",
            request=request,
            leerling=dossier.leerling,
            obj=dossier,
            details={"velden": sorted(form.changed_data)},
        )
        if inzage_gewijzigd:
            events.log(
                "dossier_inzage",
                request=request,
                leerling=dossier.leerling,
                obj=dossier,
                omschrijving=dossier.get_inzage_display(),
                details={
                    "versie": dossier.huidige_versie.nummer if dossier.huidige_versie else None
                },
            )
    return dossier


def keuzes_van(dossier: Overstapdossier, profiel: Profiel) -> Keuzes:
    """The saved choices of the block selection page, as a collection's input."""
    return Keuzes(
        profiel=profiel,
        blokken=frozenset(dossier.gekozen_blokken),
        toets_ids=frozenset(dossier.gekozen_toetsen.values_list("pk", flat=True)),
        handelingsplan_ids=frozenset(
            dossier.gekozen_handelingsplannen.values_list("pk", flat=True)
        ),
        bijlage_ids=frozenset(dossier.bijlagen.values_list("pk", flat=True)),
        toelichting_onderwijsbehoeften_id=dossier.toelichting_onderwijsbehoeften_id,
        contact_nodig=dossier.contact_nodig,
        aandachtspunten=dossier.aandachtspunten,
        aanleverpunt=_aanleverpunt(dossier.leerling),
    )


def standaard_keuzes(dossier: Overstapdossier, profiel: Profiel) -> Keuzes:
    """Every optional block and all niet-methodetoetsen the profile allows (bulk binnen-brin,
    export)."""
    vanaf = voorwaarden.oudste_toetsdatum(profiel)
    toets_ids = None
    if vanaf is not None:
        toets_ids = frozenset(
            dossier.leerling.toetsen.filter(afnamedatum__gte=vanaf).values_list("pk", flat=True)
        )
    return Keuzes(
        profiel=profiel,
        blokken=frozenset(b.slug for b in optioneel(profiel)),
        toets_ids=toets_ids,
        handelingsplan_ids=None,
        contact_nodig=dossier.contact_nodig,
        aandachtspunten=dossier.aandachtspunten,
        aanleverpunt=_aanleverpunt(dossier.leerling),
    )


def _aanleverpunt(leerling: Leerling) -> int:
    punten = leerling.school.aanleverpunten.all()
    if leerling.vestiging_id:
        eigen = [p for p in punten if p.vestiging_id == leerling.vestiging_id]
        if eigen:
            return eigen[0].nummer
    return min((p.nummer for p in punten), default=0)


def verzamelen_aanvragen(
    *,
    dossier: Overstapdossier,
    keuzes: Keuzes,
    request=None,
    user=None,
    bulk=None,
    klaarzetten: bool = False,
    direct: bool = False,
) -> Verzamelopdracht:
    """Check the preconditions, record the job, and start the task after commit (or, with
    ``direct``, leave it to the caller to run ``verzamel`` in-process)."""
    problemen = voorwaarden.voor_verzamelen(dossier, keuzes.profiel)
    if problemen:
        raise DossierFout(problemen)
    from .tasks import verzamel_dossier

    with transaction.atomic():
        opdracht = Verzamelopdracht.objects.create(
            dossier=dossier,
            profiel=keuzes.profiel,
            keuzes=naar_json(keuzes),
            aangevraagd_door=user or getattr(request, "user", None),
            bulk=bulk,
            klaarzetten=klaarzetten,
        )
        if bulk is None:
            events.log(
                "dossier_verzamelen_aangevraagd",
                request=request,
                user=user,
                leerling=dossier.leerling,
                obj=dossier,
                omschrijving=PROFIELEN[keuzes.profiel].label,
            )
        if not direct:
            transaction.on_commit(lambda: verzamel_dossier.delay(str(opdracht.pk)))
    return opdracht


# Inzage happens after collection, on the PDF of the collected version: a collected version
# is a "voorlopig dossier" until then, so this rule is checked when it is klaargezet.
NA_INZAGE = frozenset({"OVa.IZ02", "OVa.IZ05"})


def _valideer(xml: bytes, *, voorlopig: bool = False) -> list[str]:
    """XSD and every applicable business rule; the Dutch messages of what fails."""
    from .regels import FOUT, valideer
    from .xmlsafe import parse_dossier
    from .xsd import xsd_fouten

    boom = parse_dossier(xml)  # parsed once for both checks (neither changes the tree)
    fouten = [_("Technische fout in het dossier: %(f)s") % {"f": f} for f in xsd_fouten(boom)]
    fouten += [
        m.bericht
        for m in valideer(boom)
        if m.ernst == FOUT and not (voorlopig and m.regel in NA_INZAGE)
    ]
    return fouten


def opdracht_vervangen(opdracht: Verzamelopdracht) -> bool:
    """Is there newer work for this job's dossier: a later job, or a version or klaarzetting
    made after the job was requested? Then a (redelivered) job must not act."""
    na = opdracht.aangemaakt_op
    return (
        Verzamelopdracht.objects.filter(dossier_id=opdracht.dossier_id, aangemaakt_op__gt=na)
        .exclude(pk=opdracht.pk)
        .exists()
        or DossierVersie.objects.filter(dossier_id=opdracht.dossier_id, verzameld_op__gt=na)
        .exclude(opdracht=opdracht)
        .exists()
        or Klaarzetting.objects.filter(
            dossier_id=opdracht.dossier_id, klaargezet_op__gt=na
        ).exists()
    )


def _vervangen(opdracht: Verzamelopdracht) -> None:
    Verzamelopdracht.objects.filter(pk=opdracht.pk).exclude(
        status__in=[Verwerking.KLAAR, Verwerking.AFGEKEURD]
    ).update(status=Verwerking.VERVANGEN, klaar_op=timezone.now())
    logger.info("collection %s vervangen: newer work exists for its dossier", opdracht.pk)


def verzamel(opdracht_id) -> DossierVersie | None:
    """Carry out one collection job. Idempotent: safe to run twice or after a killed worker; a
    job that is no longer the latest for its dossier ends "vervangen" without side effects."""
    from .samenvatting import samenvatting_uit_xml
    from .verzamelen import verzamel as verzamel_gegevens
    from .xml_bouwer import bouw_xml

    with transaction.atomic():
        opdracht = Verzamelopdracht.objects.select_for_update().get(pk=opdracht_id)
        if opdracht.status in (Verwerking.KLAAR, Verwerking.AFGEKEURD, Verwerking.VERVANGEN):
            return getattr(opdracht, "versie", None)
        if opdracht.klaarzetten:
            # the rule holds at run time too: a klaarzetting made since the request stays, and
            # the bulk result names the reason (before "vervangen", which names none)
            dossier = opdracht.dossier
            reden = voorwaarden.vervangt_klaarzetting(dossier, dossier.leerling.school.brincode)
            if reden is not None:
                Verzamelopdracht.objects.filter(pk=opdracht.pk).update(
                    status=Verwerking.AFGEKEURD, meldingen=[reden], klaar_op=timezone.now()
                )
                return None
        if opdracht_vervangen(opdracht):
            _vervangen(opdracht)
            return None
        opdracht.status = Verwerking.BEZIG
        opdracht.pogingen += 1
        opdracht.save(update_fields=["status", "pogingen"])
    dossier = opdracht.dossier
    try:
        keuzes = uit_json(opdracht.keuzes)
        gegevens = verzamel_gegevens(dossier.leerling_id, keuzes)
        xml = bouw_xml(gegevens)
        fouten = _valideer(xml, voorlopig=True)
        if fouten:
            with transaction.atomic():
                Verzamelopdracht.objects.filter(pk=opdracht.pk).update(
                    status=Verwerking.AFGEKEURD, meldingen=fouten, klaar_op=timezone.now()
                )
                events.log(
                    "dossier_verzamelen_afgekeurd",
                    user=opdracht.aangevraagd_door,
                    leerling=dossier.leerling,
                    obj=dossier,
                    details={"aantal": len(fouten)},
                )
            return None
        with transaction.atomic():
            opdracht = Verzamelopdracht.objects.select_for_update().get(pk=opdracht_id)
            if DossierVersie.objects.filter(opdracht=opdracht).exists():
                return opdracht.versie  # a previous run finished after all
            dossier = Overstapdossier.objects.select_for_update().get(pk=dossier.pk)
            if opdracht_vervangen(opdracht):  # newer work arrived while this one ran
                _vervangen(opdracht)
                return None
            nummer = (dossier.versies.aggregate(n=Max("nummer"))["n"] or 0) + 1
            versie = DossierVersie.objects.create(
                dossier=dossier,
                opdracht=opdracht,
                nummer=nummer,
                profiel=keuzes.profiel,
                verzameld_op=gegevens.moment,
                verzameld_door=opdracht.aangevraagd_door,
                xml=xml,
                sha256=hashlib.sha256(xml).hexdigest(),
                categorieen=_categorieen(keuzes),
                samenvatting=samenvatting_uit_xml(xml),
            )
            dossier.huidige_versie = versie
            if PROFIELEN[keuzes.profiel].binnen_brin:
                dossier.binnen_brin = True
            workflow.overgang(
                dossier,
                workflow.VERZAMELEN,
                user=opdracht.aangevraagd_door,
                details={"versie": nummer, "profiel": str(keuzes.profiel)},
            )
            opdracht.status = Verwerking.KLAAR
            opdracht.klaar_op = timezone.now()
            opdracht.save(update_fields=["status", "klaar_op"])
            if opdracht.klaarzetten:
                klaarzetten(dossier=dossier, user=opdracht.aangevraagd_door)
            from .tasks import maak_pdf

            transaction.on_commit(lambda: maak_pdf.delay(versie.pk))
        return versie
    except Exception as exc:
        logger.exception("collection %s failed", opdracht_id)
        Verzamelopdracht.objects.filter(pk=opdracht_id).update(
            status=Verwerking.MISLUKT,
            fout=type(exc).__name__,
            meldingen=exc.meldingen if isinstance(exc, DossierFout) else [],
        )
        raise


def _categorieen(keuzes: Keuzes) -> dict[str, str]:
    from .profielen import categorie_uitlevering

    return {
        k: str(v) for k, v in categorie_uitlevering(keuzes.profiel, set(keuzes.blokken)).items()
    }


def maak_pdf(versie_id: int) -> MapItem | None:
    """Render the version's PDF and file it in the pupil's map. Idempotent; a job for a version
    that is no longer the dossier's current one ends "vervangen": None, nothing filed."""
    from .pdf import render_pdf

    versie = DossierVersie.objects.select_related("dossier__leerling").get(pk=versie_id)
    if versie.pdf_id:
        return versie.pdf
    if versie.dossier.huidige_versie_id not in (None, versie.pk):
        logger.info("PDF of version %s vervangen: a newer version exists", versie_id)
        return None
    pdf = render_pdf(bytes(versie.xml))
    leerling = versie.dossier.leerling
    label = PROFIELEN[Profiel(versie.profiel)].label
    with transaction.atomic():
        versie = DossierVersie.objects.select_for_update().get(pk=versie_id)
        if versie.pdf_id:
            return versie.pdf
        item = MapItem(
            leerling=leerling,
            soort=SoortMapItem.DOCUMENT,
            titel=f"Overstapdossier ({label}) versie {versie.nummer}",
            bestandsnaam=f"overstapdossier-versie-{versie.nummer}.pdf",
            mime_type="application/pdf",
        )
        item.bestand.save(item.bestandsnaam, ContentFile(pdf), save=False)
        item.save()
        DossierVersie.objects.filter(pk=versie_id).update(pdf=item)  # the one late field
    return item


def maak_klaarzetting_pdf(klaarzetting_id: int) -> MapItem:
    """The PDF of exactly what was klaargezet (the inzage as sent), filed in the pupil's map,
    one per klaarzetting. Idempotent, as ``maak_pdf``."""
    from .pdf import render_pdf

    klaarzetting = Klaarzetting.objects.select_related("dossier__leerling", "versie").get(
        pk=klaarzetting_id
    )
    if klaarzetting.pdf_id:
        return klaarzetting.pdf
    pdf = render_pdf(bytes(klaarzetting.xml))
    leerling = klaarzetting.dossier.leerling
    versie = klaarzetting.versie
    label = PROFIELEN[Profiel(versie.profiel)].label
    with transaction.atomic():
        klaarzetting = Klaarzetting.objects.select_for_update().get(pk=klaarzetting_id)
        if klaarzetting.pdf_id:
            return klaarzetting.pdf
        moment = timezone.localtime(klaarzetting.klaargezet_op)
        item = MapItem(
            leerling=leerling,
            soort=SoortMapItem.DOCUMENT,
            titel=(
                f"Overstapdossier ({label}) versie {versie.nummer}, klaargezet voor "
                f"{klaarzetting.voor_brin} op {moment:%d-%m-%Y %H:%M}"
            )[:200],
            bestandsnaam=(
                f"overstapdossier-versie-{versie.nummer}-klaargezet-{moment:%Y%m%d-%H%M}.pdf"
            ),
            mime_type="application/pdf",
        )
        item.bestand.save(item.bestandsnaam, ContentFile(pdf), save=False)
        item.save()
        Klaarzetting.objects.filter(pk=klaarzetting_id).update(pdf=item)  # the one late field
    return item


def inzage_voor_klaarzetten(dossier: Overstapdossier) -> Inzage:
    akkoord = {InzageKeuze.JA: "Ja", InzageKeuze.JA_NIET_AKKOORD: "Nee"}.get(dossier.inzage)
    return Inzage(
        voorlopig=False,
        inzage=dossier.inzage in (InzageKeuze.JA, InzageKeuze.JA_NIET_AKKOORD),
        datum=dossier.inzage_datum,
        akkoord=akkoord,
        reden_niet_akkoord=dossier.zienswijze
        if dossier.inzage == InzageKeuze.JA_NIET_AKKOORD
        else "",
        toestemming="Onbekend",
    )


def klaarzetten(
    *,
    dossier: Overstapdossier,
    request=None,
    user=None,
    regionaal_platform: bool = False,
    afwijking: str = "",
) -> Klaarzetting:
    """``afwijking``: the user's reason to klaarzetten before the region's date (audited)."""
    from seizoen.kalender import afwijking_vastleggen, klaarzetten_problemen

    from .xml_bouwer import vervang_inzage

    problemen = voorwaarden.voor_klaarzetten(dossier, regionaal_platform=regionaal_platform)
    kalender = [] if problemen else klaarzetten_problemen(dossier)
    if kalender and not afwijking.strip():
        problemen += kalender
    if problemen:
        raise DossierFout(problemen)
    versie = dossier.huidige_versie
    leerling = dossier.leerling
    info = PROFIELEN[Profiel(versie.profiel)]
    xml = bytes(versie.xml)
    if dossier.inzage and dossier.inzage_geldig:
        xml = vervang_inzage(xml, inzage_voor_klaarzetten(dossier))
    fouten = _valideer(xml)
    if fouten:
        raise DossierFout(fouten)
    if info.binnen_brin:
        voor_brin = leerling.school.brincode
        voor_naam = _("Regionaal platform") if regionaal_platform else leerling.school.naam
    else:
        voor_brin, voor_naam = leerling.vervolgschool_brin, leerling.vervolgschool_naam
    with transaction.atomic():
        klaarzetting = Klaarzetting.objects.create(
            dossier=dossier,
            versie=versie,
            xml=xml,
            sha256=hashlib.sha256(xml).hexdigest(),
            voor_brin=voor_brin,
            voor_naam=voor_naam,
            regionaal_platform=regionaal_platform,
            klaargezet_op=timezone.now(),
            klaargezet_door=user or getattr(request, "user", None),
        )
        dossier.klaarzetting = klaarzetting
        if kalender:
            afwijking_vastleggen(
                dossier=dossier,
                problemen=kalender,
                reden=afwijking.strip(),
                request=request,
                user=user,
            )
        workflow.overgang(
            dossier,
            workflow.KLAARZETTEN,
            request=request,
            user=user,
            details={"versie": versie.nummer, "voor": voor_brin},
        )
        if klaarzetting.sha256 != versie.sha256:
            # the inzage made it another document than the version's: its own PDF (when the
            # XML is the version's, e.g. binnen brin, the version's PDF is exactly it)
            from .tasks import maak_klaarzetting_pdf

            transaction.on_commit(lambda: maak_klaarzetting_pdf.delay(klaarzetting.pk))
    return klaarzetting


def intrekken(*, dossier: Overstapdossier, request=None) -> None:
    with transaction.atomic():
        workflow.overgang(dossier, workflow.INTREKKEN, request=request)


def bulk_binnen_brin(
    *, school, leerlingen: list[Leerling], request=None, user=None, achtergrond: bool = False
):
    """Collect and klaarzetten binnen-brin for many pupils, all blocks and all tests.

    A pupil whose dossier is klaargezet for another school is skipped (never undone); every
    skipped pupil is kept on the job with the reason. With ``achtergrond`` the collections
    start after commit as one background run (``achtergrond.bulk_starten``): the request
    returns at once and the progress page follows the jobs."""
    user = user or getattr(request, "user", None)
    overgeslagen: list[str] = []
    with transaction.atomic():
        bulk = BulkKlaarzetting.objects.create(school=school, aangevraagd_door=user)
        aantal = 0
        rijen = []
        for leerling in leerlingen:
            dossier = dossier_van(leerling)
            dossier.leerling = leerling
            reden = voorwaarden.vervangt_klaarzetting(dossier, school.brincode)
            if (
                reden is None
                and dossier.opdrachten.filter(
                    status__in=(Verwerking.WACHTRIJ, Verwerking.BEZIG)
                ).exists()
            ):
                reden = _("Er wordt al een dossier voor deze leerling verzameld.")
            if reden is None:
                # only for the precondition check: a collected binnen-brin version sets it
                dossier.binnen_brin = True
                profiel = Profiel.BINNEN_BRIN_POPO
                try:
                    verzamelen_aanvragen(
                        dossier=dossier,
                        keuzes=standaard_keuzes(dossier, profiel),
                        user=user,
                        bulk=bulk,
                        klaarzetten=True,
                        direct=achtergrond,
                    )
                except DossierFout as fout:
                    reden = fout.meldingen[0]
            if reden is not None:
                overgeslagen.append(f"{leerling.volledige_naam}: {reden}")
                rijen.append(
                    {"leerling": leerling.pk, "naam": leerling.volledige_naam, "reden": reden}
                )
                continue
            aantal += 1
        bulk.totaal = aantal
        bulk.overgeslagen = rijen
        bulk.save(update_fields=["totaal", "overgeslagen"])
        events.log(
            "dossier_verzamelen_aangevraagd",
            request=request,
            user=user,
            school=school,
            omschrijving=f"binnen-brin voor {aantal} leerling{'' if aantal == 1 else 'en'}",
        )
        if achtergrond:
            from .achtergrond import bulk_starten

            transaction.on_commit(lambda: bulk_starten(bulk.pk))
    return bulk, overgeslagen


def bulk_voortgang(bulk: BulkKlaarzetting) -> dict:
    statussen = list(bulk.opdrachten.values_list("status", flat=True))
    klaar = sum(s == Verwerking.KLAAR for s in statussen)
    # a job that found newer work did nothing for this run: not done by it, so listed as failed
    mislukt = sum(
        s in (Verwerking.AFGEKEURD, Verwerking.MISLUKT, Verwerking.VERVANGEN) for s in statussen
    )
    return {
        "totaal": bulk.totaal,
        "klaar": klaar,
        "mislukt": mislukt,
        "overgeslagen": len(bulk.overgeslagen),
        "verwerkt": klaar + mislukt,
        "bezig": bulk.totaal - klaar - mislukt,
        "procent": int(100 * (klaar + mislukt) / bulk.totaal) if bulk.totaal else 100,
        "afgerond": klaar + mislukt >= bulk.totaal,
    }


def bulk_resultaten(bulk: BulkKlaarzetting) -> list[dict]:
    """Per pupil what happened: klaargezet, bezig, mislukt or overgeslagen, with the reason."""
    rijen = [
        {
            "naam": r["naam"],
            "leerling": r["leerling"],
            "uitkomst": "overgeslagen",
            "reden": r["reden"],
        }
        for r in bulk.overgeslagen
    ]
    for opdracht in bulk.opdrachten.select_related("dossier__leerling").order_by(
        "dossier__leerling__achternaam", "dossier__leerling__roepnaam"
    ):
        leerling = opdracht.dossier.leerling
        if opdracht.status == Verwerking.KLAAR:
            uitkomst, reden = "klaargezet", ""
        elif opdracht.status == Verwerking.AFGEKEURD:
            uitkomst, reden = "mislukt", " ".join(opdracht.meldingen)
        elif opdracht.status == Verwerking.MISLUKT:
            uitkomst = "mislukt"
            reden = " ".join(opdracht.meldingen) or _(
                "Technische fout bij het verzamelen; probeer het later opnieuw."
            )
        else:
            uitkomst, reden = "bezig", ""
        rijen.append(
            {
                "naam": leerling.volledige_naam,
                "leerling": leerling.pk,
                "uitkomst": uitkomst,
                "reden": reden,
            }
        )
    return rijen


def keuzes_opslaan_en_verzamelen(*, dossier: Overstapdossier, form, profiel: Profiel, request):
    """The block selection page's "Dossier verzamelen": save the choices, then collect.

    Uploaded files go into the pupil's map first (they are part of the pupil's file from then
    on). When the preconditions fail nothing is saved.
    """
    problemen = voorwaarden.voor_verzamelen(dossier, profiel)
    if problemen:
        raise DossierFout(problemen)
    leerling = dossier.leerling
    with transaction.atomic():
        nieuwe_bijlagen = []
        for veld, titel in (
            ("nieuwe_bijlage", None),
            ("nieuwe_toelichting", _("Toelichting onderwijsbehoeften")),
        ):
            bestand = form.cleaned_data.get(veld)
            if bestand:
                item = MapItem(
                    leerling=leerling,
                    soort=SoortMapItem.DOCUMENT,
                    titel=titel or bestand.name[:200],
                    bestandsnaam=bestand.name[:200],
                    mime_type=mime_van(bestand),
                    aangemaakt_door=request.user,
                    bestand=bestand,
                )
                item.full_clean()
                item.save()
                events.gegevens_toegevoegd(
                    request=request, leerling=leerling, obj=item, onderdeel="Leerlingmap"
                )
                nieuwe_bijlagen.append((veld, item))
        dossier.gekozen_blokken = sorted(form.gekozen_blokken())
        toelichting = form.cleaned_data.get("toelichting_onderwijsbehoeften")
        for veld, item in nieuwe_bijlagen:
            if veld == "nieuwe_toelichting":
                toelichting = item
        dossier.toelichting_onderwijsbehoeften = toelichting
        dossier.save()
        dossier.gekozen_toetsen.set(form.cleaned_data["toetsen"])
        dossier.gekozen_handelingsplannen.set(form.cleaned_data["handelingsplannen"])
        bijlagen = list(form.cleaned_data["bijlagen"])
        bijlagen += [item for veld, item in nieuwe_bijlagen if veld == "nieuwe_bijlage"]
        dossier.bijlagen.set(bijlagen)
        return verzamelen_aanvragen(
            dossier=dossier, keuzes=keuzes_van(dossier, profiel), request=request
        )
