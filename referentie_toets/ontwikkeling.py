"""The doorstroomtoets chain in the reference world (``make run``, tests, the chain command):
each PO school of this database gets a toets supplier, the reference toets system answering at
``/referentie-toets/v1.1`` beside this LAS's endpoint (``/doorstroomtoets/v1.1``), each side with
its own certificate of the development PKI. Nothing here is used in production."""

from __future__ import annotations

from django.db import transaction

from doorstroomtoets.models import Koppeling, Toetssoort
from scholen.models import School, SoortSchool
from trafficcenter_client import pki
from trafficcenter_client.ontwikkeling import OIN_LAS, OIN_TOETS, OntwikkelPki

from .models import ToetsSchool

# the LAS's routeringskenmerk for a school: its OIN with our own suffix (as the agreement's
# example, 0000000700011BB00530 beside the school's 0000000700011BB00000)
LAS_VOLGNUMMER = 530
# one demo school takes a toets codelijst 42 (OSO 2019.1) knows, the other one it does not
TOETSEN = [
    (Toetssoort.ICE, "IEP Doorstroomtoets"),
    (Toetssoort.LEERLING_IN_BEELD, "Leerling in beeld-doorstroomtoets"),
    (Toetssoort.ROUTE_8, "Route 8"),
]


def doorstroomtoets_instellen(p: OntwikkelPki, las_url: str) -> list[tuple[School, str]]:
    """A Koppeling per PO school and the matching school in the reference toets system.
    ``las_url`` is this LAS's OSO endpoint (``https://host:port/oso/soap/``)."""
    basis = las_url.split("/oso/soap/")[0]
    uitkomst = []
    with transaction.atomic():
        scholen = School.objects.exclude(soort=SoortSchool.VO).order_by("brincode")
        for i, school in enumerate(scholen):
            soort, naam = TOETSEN[i % len(TOETSEN)]
            school_oin = pki.oin_voor_school(school.brincode)
            Koppeling.objects.update_or_create(
                school=school,
                defaults={
                    "aanbieder_naam": f"Referentie-toetssysteem ({naam})",
                    "toetssoort": soort,
                    "url": f"{basis}/referentie-toets/v1.1",
                    "aanbieder_oin": OIN_TOETS,
                    "school_oin": school_oin,
                    "las_kenmerk": pki.oin_voor_school(school.brincode, LAS_VOLGNUMMER),
                    "onderwijsaanbiedercode": f"{100 + i:03d}A{100 + i:03d}",
                    "onderwijslocatiecode": f"{100 + i:03d}X{100 + i:03d}",
                    "vestigingscode": "00",
                    "administratienr": "00",
                    "client_certificaat": p.pad("las.pem"),
                    "client_sleutel": p.pad("las-key.pem"),
                    "ca_certificaat": p.ca,
                    "timeout": 30.0,
                    "actief": True,
                },
            )
            ToetsSchool.objects.update_or_create(
                school_oin=school_oin,
                defaults={
                    "naam": school.naam,
                    "las_oin": OIN_LAS,
                    "las_url": f"{basis}/doorstroomtoets/v1.1",
                    "toetssoort": soort,
                    "toetsnaam": naam,
                    "client_certificaat": p.pad("toets.pem"),
                    "client_sleutel": p.pad("toets-key.pem"),
                    "ca_certificaat": p.ca,
                },
            )
            uitkomst.append((school, naam))
    return uitkomst
