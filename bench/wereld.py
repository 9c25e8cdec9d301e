"""The bench's data: one PO school, pupils with every block filled, and cheap copies of them.

A full pupil is made with the test factories (every object passes ``full_clean()``); the
hundreds a bulk run needs are copies of one such pupil made with ``bulk_create``, row for row,
so they carry exactly the data the collector reads. Import this module after ``django.setup()``.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter

from django.apps import apps
from django.db import models as djm
from django.db import transaction
from django.db.models.fields.files import FieldFile

from dossiers import services
from dossiers.keuzes import Keuzes, naar_json, uit_json
from dossiers.profielen import Profiel
from leerlingen import demo
from leerlingen import models as m
from scholen.models import School
from tests import factories as f

PROFIEL = Profiel.BINNEN_BRIN_POPO  # every block is optional here: the fullest PO dossier
INSCHRIJVING = datetime.date(2021, 8, 20)
KOPIE_PGN_START = 200_000  # far from the factories' sequence numbers

# The pupil's rows in an order that lets every copy point at copies made before it: the field
# that ties each model to an already copied parent (the pupil, a test, a report, ...).
KOPIEER_VOLGORDE: tuple[tuple[type[djm.Model], str], ...] = (
    (m.MapItem, "leerling"),
    (m.LeerlingCommunicatie, "leerling"),
    (m.Verzorger, "leerling"),
    (m.Schoolloopbaan, "leerling"),
    (m.VVE, "leerling"),
    (m.Overstapadvies, "leerling"),
    (m.Onderwijsondersteuning, "leerling"),
    (m.Diagnose, "leerling"),
    (m.TLV, "leerling"),
    (m.Arrangement, "leerling"),
    (m.Handelingsplan, "leerling"),
    (m.Verzuim, "leerling"),
    (m.Eindtoets, "leerling"),
    (m.EindtoetsOnderdeelResultaat, "eindtoets"),
    (m.EindtoetsDomeinResultaat, "onderdeel"),
    (m.Toets, "leerling"),
    (m.ToetsReferentiescore, "toets"),
    (m.Cijferlijst, "leerling"),
    (m.CijferlijstOnderdeel, "cijferlijst"),
    (m.VoMboGegevens, "leerling"),
    (m.VakResultaat, "leerling"),
)


class KopieOnvolledig(Exception):  # noqa: N818 - the domain's own word
    """A model holds pupil data that :func:`kopieer_leerling` does not copy."""


def po_school() -> School:
    """A primary school with address, phone, e-mail, hoofdvestiging and aanleverpunt."""
    return f.SchoolFactory(compleet=True, brincode="14SS", naam="De Regenboog")


def medewerker(school: School):
    from accounts.roles import Rol

    return f.UserFactory(username="bench", rol=Rol.SCHOOLADMINISTRATIE, rol__school=school)


def volledige_leerling(school: School, *, toetsen: int) -> m.Leerling:
    """A pupil with data in every block (``vul_alle_blokken``) and ``toetsen`` tests in all."""
    leerling = f.LeerlingFactory(school=school, datum_inschrijving=INSCHRIJVING)
    f.vul_alle_blokken(leerling)
    f.MapItemFactory(leerling=leerling, titel="Verslag intern begeleider")  # a bijlage
    for n in range(toetsen - leerling.toetsen.count()):
        if n % 2:
            f.ToetsFactory(
                leerling=leerling,
                eldtoetscode="SP3-M5",
                leergebied="spelling",
                toetsnaam="Cito LOVS Spelling 3.0",
            )
        else:
            f.ToetsFactory(leerling=leerling)
    return leerling


def volledige_keuzes(leerling: m.Leerling) -> Keuzes:
    """Binnen-brin PO-PO with every optional block, all tests and plans, and as bijlagen the
    map's documents and notes that no plan or toelichting already carries; as the collection
    task reads them back from its job."""
    dossier = services.dossier_van(leerling)
    if not dossier.binnen_brin:
        dossier.binnen_brin = True
        dossier.save(update_fields=["binnen_brin"])
    keuzes = services.standaard_keuzes(dossier, PROFIEL)
    elders = set(
        m.Handelingsplan.objects.filter(leerling=leerling).values_list("document_id", flat=True)
    )
    elders |= set(
        m.Onderwijsondersteuning.objects.filter(leerling=leerling).values_list(
            "toelichting_onderwijsbehoeften_id", flat=True
        )
    )
    bijlagen = frozenset(
        leerling.map_items.exclude(pk__in=elders - {None}).values_list("pk", flat=True)
    )
    return uit_json(naar_json(dataclasses.replace(keuzes, bijlage_ids=bijlagen)))


def _controleer_volgorde() -> None:
    """Refuse to copy when a model of the pupil's data is missing from the copy order."""
    gekopieerd = {m.Leerling} | {model for model, _veld in KOPIEER_VOLGORDE}
    for model in apps.get_app_config("leerlingen").get_models():
        if model in gekopieerd:
            continue
        verwijst = [
            veld.name
            for veld in model._meta.concrete_fields
            if veld.is_relation and veld.related_model in gekopieerd
        ]
        if verwijst:
            raise KopieOnvolledig(
                f"{model.__name__} ({', '.join(verwijst)}) ontbreekt in KOPIEER_VOLGORDE"
            )


def _velden(obj: djm.Model) -> dict[str, object]:
    waarden: dict[str, object] = {}
    for veld in type(obj)._meta.concrete_fields:
        if not veld.primary_key:
            waarde = getattr(obj, veld.attname)
            # a copy shares the original's stored file: it is only read
            waarden[veld.attname] = waarde.name if isinstance(waarde, FieldFile) else waarde
    return waarden


def kopieer_leerling(bron: m.Leerling, aantal: int, *, start: int = 0) -> list[int]:
    """``aantal`` copies of ``bron`` and all its rows at the same school, made with
    ``bulk_create``; each copy has its own name, BSN and leerlingnummer. Returns their ids."""
    _controleer_volgorde()
    bron = m.Leerling.objects.get(pk=bron.pk)
    stammen, uitgangen = demo.ACHTERNAAM_STAMMEN, demo.ACHTERNAAM_UITGANGEN
    kopieen = []
    for i in range(start, start + aantal):
        pgn = f.bsn(KOPIE_PGN_START + i)
        stam, uitgang = stammen[i % len(stammen)], uitgangen[i // len(stammen) % len(uitgangen)]
        waarden = _velden(bron) | {
            "achternaam": f"{stam}{uitgang}",
            "pgn": pgn,
            "pgn_hash": m.pgn_hash(bron.pgn_type, pgn),
            "leerlingid": f"{90000 + i}",
        }
        kopieen.append(m.Leerling(**waarden))
    with transaction.atomic():
        m.Leerling.objects.bulk_create(kopieen, batch_size=500)
        # (model, old pk) -> the new pk in each copy, in the order of ``kopieen``
        nieuw: dict[tuple[type[djm.Model], int], list[int]] = {
            (m.Leerling, bron.pk): [k.pk for k in kopieen]
        }
        for model, ouderveld in KOPIEER_VOLGORDE:
            ouder = model._meta.get_field(ouderveld).related_model
            ouder_ids = [pk for (soort, pk) in nieuw if soort is ouder]
            rijen = list(
                model._default_manager.filter(**{f"{ouderveld}_id__in": ouder_ids}).order_by("pk")
            )
            if not rijen:
                continue
            relaties = [
                veld
                for veld in model._meta.concrete_fields
                if veld.is_relation and veld.related_model is not None
            ]
            objecten = []
            for k in range(aantal):
                for rij in rijen:
                    waarden = _velden(rij)
                    for veld in relaties:
                        oud = waarden[veld.attname]
                        if (veld.related_model, oud) in nieuw:
                            waarden[veld.attname] = nieuw[(veld.related_model, oud)][k]
                    objecten.append(model(**waarden))
            model._default_manager.bulk_create(objecten, batch_size=500)
            for j, rij in enumerate(rijen):
                nieuw[(model, rij.pk)] = [objecten[k * len(rijen) + j].pk for k in range(aantal)]
    return [k.pk for k in kopieen]


def xml_vorm(xml: bytes) -> Counter[str]:
    """How many elements of each name a dossier has: equal for a pupil and its copy."""
    from dossiers.xmlsafe import parse_dossier

    return Counter(el.tag for el in parse_dossier(xml).iter() if isinstance(el.tag, str))
