"""Reads of the dossier API: querysets narrowed by tenancy, with a constant number of queries
whatever the page size (select_related, no per-row lookups)."""

from __future__ import annotations

from accounts.roles import Recht

from ..models import DossierVersie, Overstapdossier, zonder_inhoud


def dossiers_van_school(*, user, school):
    return (
        Overstapdossier.objects.for_user(user, Recht.BEKIJKEN)
        .filter(leerling__school=school)
        .select_related("leerling__school", "huidige_versie", "klaarzetting")
        .defer(*zonder_inhoud(versies=("huidige_versie",), klaarzettingen=("klaarzetting",)))
        .order_by("pk")
    )


def dossier(*, user, pk: int) -> Overstapdossier:
    return (
        Overstapdossier.objects.for_user(user, Recht.BEKIJKEN)
        .select_related("leerling__school", "huidige_versie", "klaarzetting")
        .defer(*zonder_inhoud(versies=("huidige_versie",), klaarzettingen=("klaarzetting",)))
        .get(pk=pk)
    )


def versies(*, user, dossier_id: int):
    return (
        DossierVersie.objects.for_user(user, Recht.BEKIJKEN)
        .filter(dossier_id=dossier_id)
        .select_related("dossier__leerling__school", "dossier__klaarzetting")
        .defer(*zonder_inhoud(versies=("",), klaarzettingen=("dossier__klaarzetting",)))
        .order_by("nummer")
    )


def versie_xml(versie: DossierVersie) -> tuple[bytes, str, str]:
    """The XML of a version, and where it comes from: when this version is what is klaargezet
    now, the klaargezette document itself, byte for byte what the Traffic Center path serves
    (``trafficcenter_client.services.document_verstrekken``); otherwise the collected one."""
    klaarzetting = versie.dossier.klaarzetting
    if klaarzetting is not None and klaarzetting.versie_id == versie.pk:
        return (
            bytes(type(klaarzetting).objects.values_list("xml", flat=True).get(pk=klaarzetting.pk)),
            klaarzetting.sha256,
            "klaarzetting",
        )
    xml = DossierVersie.objects.values_list("xml", flat=True).get(pk=versie.pk)
    return bytes(xml), versie.sha256, "verzameling"
