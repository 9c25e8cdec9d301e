"""The reference Traffic Center: every rule of every operation at the service level, the SOAP
endpoint through Django's test client, and one real exchange over HTTPS with mutual TLS.

The world: De Regenboog (14SS, primary, bron of the dossier) with a LAS whose supplier
certificate serves its aanleverpunten 0 and 1, and a regional platform on its aanleverpunt 950
with a certificate of its own; Het Lyceum (27QX, secondary, doel) and Samenwerkingsverband Zuid
(PO2801), each with its own certificate; Mallory, whose certificate comes from our CA but owns
nothing; and a certificate from a foreign CA.
"""

from __future__ import annotations

import http.client
import os
import signal
import ssl
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client

from trafficcenter import server as tc_server
from trafficcenter import services
from trafficcenter.models import TcAanleverpunt, TcBerichtlog, TcKoppeling, TcSessie
from trafficcenter.services import Geweigerd
from trafficcenter_client import berichten as b
from trafficcenter_client import pki
from trafficcenter_client.berichten import (
    OngeldigBericht,
    Overdrachtsoort,
    Resultaatcode,
    Sector,
    SoortAanleverpunt,
)
from trafficcenter_client.zoeksleutel import ontsleutel, versleutel

BSN = "111222333"  # passes the 11-proef
DE_REGENBOOG = "14SS"
HET_LYCEUM = "27QX"
ANDERE_SCHOOL = "31AB"
SWV_ZUID = "PO2801"
AP_REGENBOOG = pki.oin_voor_school(DE_REGENBOOG, 0)
AP_REGENBOOG_1 = pki.oin_voor_school(DE_REGENBOOG, 1)
AP_PLATFORM = pki.oin_voor_school(DE_REGENBOOG, 950)
AP_LYCEUM = pki.oin_voor_school(HET_LYCEUM, 0)
AP_SWV = "SWVPO280100000000950"
AP_ONBEKEND = pki.oin_voor_school(ANDERE_SCHOOL, 0)
OIN_LEVERANCIER = "00000001823456789000"
OIN_MALLORY = "00000001999999999000"
SOAP_PAD = "/tc/soap/"


@dataclass(frozen=True)
class Pki:
    ca: pki.Sleutelpaar
    tc: pki.Sleutelpaar
    regenboog: pki.Sleutelpaar  # the supplier certificate of De Regenboog's LAS
    platform: pki.Sleutelpaar
    lyceum: pki.Sleutelpaar
    swv: pki.Sleutelpaar
    mallory: pki.Sleutelpaar
    vreemd: pki.Sleutelpaar  # from another CA
    map: Path

    @property
    def ca_pad(self) -> Path:
        return self.map / "ca.pem"


@pytest.fixture(scope="module")
def p(tmp_path_factory) -> Pki:
    ca = pki.maak_ca("OSO-LAS test-CA")
    andere_ca = pki.maak_ca("Een andere CA")
    wereld = Pki(
        ca=ca,
        tc=pki.maak_servercertificaat(ca, ["127.0.0.1", "localhost"]),
        regenboog=pki.maak_clientcertificaat(ca, OIN_LEVERANCIER, "LAS van De Regenboog"),
        platform=pki.maak_clientcertificaat(ca, AP_PLATFORM, "Regionaal platform"),
        lyceum=pki.maak_clientcertificaat(ca, AP_LYCEUM, "Het Lyceum"),
        swv=pki.maak_clientcertificaat(ca, AP_SWV, "SWV Zuid"),
        mallory=pki.maak_clientcertificaat(ca, OIN_MALLORY, "Mallory"),
        vreemd=pki.maak_clientcertificaat(andere_ca, AP_LYCEUM, "Het Lyceum (vervalst)"),
        map=tmp_path_factory.mktemp("tc-pki"),
    )
    pki.schrijf_certificaat(wereld.ca_pad, ca[0])
    pki.schrijf_sleutelpaar(wereld.map / "tc.pem", wereld.map / "tc-key.pem", wereld.tc)
    return wereld


@pytest.fixture(autouse=True)
def tc_sleutel(settings, p):
    """The TC's own certificate: what doel systems encrypt the zoeksleutel to."""
    settings.OSO_TC_CERT = str(p.map / "tc.pem")
    settings.OSO_TC_KEY = str(p.map / "tc-key.pem")


def cert(paar: pki.Sleutelpaar) -> x509.Certificate:
    return paar[0]


def registreer(
    paar: pki.Sleutelpaar,
    brin: str,
    kenmerk: str,
    naam: str,
    *,
    soort: SoortAanleverpunt = SoortAanleverpunt.SCHOOL,
    sector: Sector = Sector.PO,
    actief: bool = True,
) -> b.RegistreerAanleverpuntResponse:
    return services.registreer(
        cert(paar),
        b.RegistreerAanleverpuntRequest(
            brin=brin,
            routerings_kenmerk=kenmerk,
            naam=naam,
            soort=soort,
            sector=sector,
            url=f"https://las.example/oso/{kenmerk}/",
            actief=actief,
        ),
    )


@pytest.fixture(autouse=True)
def mandaten(request):
    """Each school mandates its own supplier at the TC (issue 11: no mandate, no aanleverpunt)."""
    if "transactional_db" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    elif "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    for oin, brin in (
        (OIN_LEVERANCIER, DE_REGENBOOG),
        (AP_PLATFORM, DE_REGENBOOG),
        (AP_LYCEUM, HET_LYCEUM),
        (AP_SWV, SWV_ZUID),
    ):
        services.mandaat_verlenen(oin, brin)


@pytest.fixture
def wereld(db, p):
    registreer(p.regenboog, DE_REGENBOOG, AP_REGENBOOG, "De Regenboog")
    registreer(p.regenboog, DE_REGENBOOG, AP_REGENBOOG_1, "De Regenboog Noord")
    registreer(
        p.platform,
        DE_REGENBOOG,
        AP_PLATFORM,
        "Regionaal platform",
        soort=SoortAanleverpunt.REGIONAAL_PLATFORM,
    )
    registreer(p.lyceum, HET_LYCEUM, AP_LYCEUM, "Het Lyceum", sector=Sector.VO)
    registreer(p.swv, SWV_ZUID, AP_SWV, "SWV Zuid", soort=SoortAanleverpunt.SWV, sector=Sector.SWV)


def zoeksleutel(p: Pki) -> str:
    return versleutel("bsn", BSN, cert(p.tc))


def overdracht_verzoek(p: Pki, **wijzig) -> b.OverdrachtRequest:
    velden = {
        "bron_brin": DE_REGENBOOG,
        "doel_brin": HET_LYCEUM,
        "doel_routerings_kenmerk": AP_LYCEUM,
        "overdrachtsoort": Overdrachtsoort.OVERSTAPDOSSIER,
        "zoeksleutel": zoeksleutel(p),
    }
    velden.update(wijzig)
    return b.OverdrachtRequest(**velden)


def open_sessie(p: Pki, **wijzig) -> tuple[b.OverdrachtRequest, b.OverdrachtResponse]:
    verzoek = overdracht_verzoek(p, **wijzig)
    antwoord = services.overdracht(cert(p.lyceum), verzoek)
    assert antwoord.resultaat == Resultaatcode.SESSIE_GESTART, antwoord.toelichting
    return verzoek, antwoord


def controle_verzoek(
    verzoek: b.OverdrachtRequest, sessie: uuid.UUID, **wijzig
) -> b.SessiecontroleRequest:
    velden = {
        "sessie_id": sessie,
        "bron_brin": verzoek.bron_brin,
        "bron_routerings_kenmerk": verzoek.bron_routerings_kenmerk or AP_REGENBOOG,
        "doel_brin": verzoek.doel_brin,
        "doel_routerings_kenmerk": verzoek.doel_routerings_kenmerk,
        "overdrachtsoort": verzoek.overdrachtsoort,
        "zoeksleutel": verzoek.zoeksleutel,
        "koppelsleutel": verzoek.koppelsleutel,
    }
    velden.update(wijzig)
    return b.SessiecontroleRequest(**velden)


def afmeld_verzoek(sessie: uuid.UUID, **wijzig) -> b.AfmeldingRequest:
    velden = {
        "sessie_id": sessie,
        "doel_brin": HET_LYCEUM,
        "doel_routerings_kenmerk": AP_LYCEUM,
        "resultaat": Resultaatcode.OVERDRACHT_GESLAAGD,
        "bron_routerings_kenmerk": AP_REGENBOOG,
    }
    velden.update(wijzig)
    return b.AfmeldingRequest(**velden)


def notificatie_verzoek(**wijzig) -> b.MeldenNotificatieRequest:
    velden = {
        "bron_brin": DE_REGENBOOG,
        "bron_routerings_kenmerk": AP_REGENBOOG,
        "doel_brin": SWV_ZUID,
        "doel_routerings_kenmerk": AP_SWV,
        "overdrachtsoort": Overdrachtsoort.SWV_DOSSIER,
        "doel": Sector.SWV,
    }
    velden.update(wijzig)
    return b.MeldenNotificatieRequest(**velden)


def koppelsleutel_voor_swv(p: Pki) -> uuid.UUID:
    antwoord = services.melden_notificatie(cert(p.regenboog), notificatie_verzoek())
    assert antwoord.resultaat == Resultaatcode.KOPPELSLEUTEL_UITGEGEVEN, antwoord.toelichting
    return antwoord.koppelsleutel


def vervalst(klasse: type, **velden):
    """A message built past its own checks, as a careless caller might: the services must
    check again what they rely on."""
    bericht = object.__new__(klasse)
    for naam, waarde in velden.items():
        object.__setattr__(bericht, naam, waarde)
    return bericht


def deactiveer(kenmerk: str) -> None:
    TcAanleverpunt.objects.filter(routeringskenmerk=kenmerk).update(actief=False)


# --- registreer ------------------------------------------------------------------------------


def test_registration_binds_the_aanleverpunt_to_the_callers_certificate(db, p):
    antwoord = registreer(p.lyceum, HET_LYCEUM, AP_LYCEUM, "Het Lyceum", sector=Sector.VO)

    assert antwoord.resultaat == Resultaatcode.AANLEVERPUNT_GEREGISTREERD
    assert antwoord.aanleverpunt == b.Aanleverpunt(
        brin=HET_LYCEUM,
        routerings_kenmerk=AP_LYCEUM,
        naam="Het Lyceum",
        soort=SoortAanleverpunt.SCHOOL,
        actief=True,
        url=f"https://las.example/oso/{AP_LYCEUM}/",
    )
    ap = TcAanleverpunt.objects.get(routeringskenmerk=AP_LYCEUM)
    assert ap.certificaat_fingerprint == pki.fingerprint(cert(p.lyceum))
    assert ap.certificaat_oin == AP_LYCEUM
    assert x509.load_pem_x509_certificate(ap.certificaat.encode()) == cert(p.lyceum)


def test_the_same_certificate_may_update_its_aanleverpunt(wereld, p):
    antwoord = registreer(
        p.lyceum, HET_LYCEUM, AP_LYCEUM, "Het Lyceum, nieuwe naam", sector=Sector.VO, actief=False
    )

    assert antwoord.resultaat == Resultaatcode.AANLEVERPUNT_GEREGISTREERD
    ap = TcAanleverpunt.objects.get(routeringskenmerk=AP_LYCEUM)
    assert (ap.naam, ap.actief) == ("Het Lyceum, nieuwe naam", False)


def test_another_certificate_cannot_take_over_an_aanleverpunt(wereld, p):
    services.mandaat_verlenen(OIN_MALLORY, HET_LYCEUM)  # even a mandated other supplier
    with pytest.raises(Geweigerd) as fout:
        registreer(p.mallory, HET_LYCEUM, AP_LYCEUM, "Overgenomen", sector=Sector.VO)

    assert fout.value.code == "aanleverpunt-van-ander-systeem"
    ap = TcAanleverpunt.objects.get(routeringskenmerk=AP_LYCEUM)
    assert ap.naam == "Het Lyceum"
    assert ap.certificaat_fingerprint == pki.fingerprint(cert(p.lyceum))
    assert TcBerichtlog.objects.filter(
        beller_oin=OIN_MALLORY, resultaat="Geweigerd:aanleverpunt-van-ander-systeem"
    ).exists()


def test_after_the_binding_is_lifted_a_new_certificate_may_register(wereld, p):
    TcAanleverpunt.objects.filter(routeringskenmerk=AP_LYCEUM).update(
        certificaat="", certificaat_fingerprint="", certificaat_oin=""
    )
    nieuw = pki.maak_clientcertificaat(p.ca, AP_LYCEUM, "Het Lyceum (nieuw certificaat)")

    antwoord = registreer(nieuw, HET_LYCEUM, AP_LYCEUM, "Het Lyceum", sector=Sector.VO)

    assert antwoord.resultaat == Resultaatcode.AANLEVERPUNT_GEREGISTREERD
    ap = TcAanleverpunt.objects.get(routeringskenmerk=AP_LYCEUM)
    assert ap.certificaat_fingerprint == pki.fingerprint(cert(nieuw))


@pytest.mark.parametrize(
    ("brin", "kenmerk", "soort", "sector"),
    [
        (HET_LYCEUM, AP_LYCEUM, SoortAanleverpunt.SCHOOL, Sector.SWV),  # school with sector SWV
        (SWV_ZUID, AP_SWV, SoortAanleverpunt.SWV, Sector.PO),  # SWV without sector SWV
        (HET_LYCEUM, AP_SWV, SoortAanleverpunt.SWV, Sector.SWV),  # SWV with a BRIN
        (SWV_ZUID, AP_SWV, SoortAanleverpunt.SCHOOL, Sector.PO),  # school with an SWV code
        (HET_LYCEUM, AP_REGENBOOG, SoortAanleverpunt.SCHOOL, Sector.VO),  # another school's OIN
        (HET_LYCEUM, AP_SWV, SoortAanleverpunt.SCHOOL, Sector.VO),  # not an OIN of a school
    ],
)
def test_a_registration_that_does_not_fit_together_is_refused(db, p, brin, kenmerk, soort, sector):
    antwoord = registreer(p.lyceum, brin, kenmerk, "Iets", soort=soort, sector=sector)

    assert antwoord.resultaat == Resultaatcode.ONGELDIG_BERICHT
    assert antwoord.aanleverpunt is None and antwoord.toelichting
    assert not TcAanleverpunt.objects.exists()


def test_a_registered_kenmerk_cannot_move_to_another_brin(wereld, p):
    services.mandaat_verlenen(AP_SWV, "VO2802")
    antwoord = registreer(
        p.swv, "VO2802", AP_SWV, "SWV", soort=SoortAanleverpunt.SWV, sector=Sector.SWV
    )

    assert antwoord.resultaat == Resultaatcode.ONGELDIG_BERICHT
    assert TcAanleverpunt.objects.get(routeringskenmerk=AP_SWV).brin == SWV_ZUID


def test_in_production_an_aanleverpunt_needs_an_https_address(db, p, settings):
    settings.PRODUCTION = True
    verzoek = b.RegistreerAanleverpuntRequest(
        brin=HET_LYCEUM,
        routerings_kenmerk=AP_LYCEUM,
        naam="Het Lyceum",
        soort=SoortAanleverpunt.SCHOOL,
        sector=Sector.VO,
        url="http://las.example/oso/",
    )

    assert services.registreer(cert(p.lyceum), verzoek).resultaat == Resultaatcode.ONGELDIG_BERICHT


def test_a_certificate_without_an_oin_is_refused(db, p):
    with pytest.raises(Geweigerd) as fout:
        registreer(p.tc, HET_LYCEUM, AP_LYCEUM, "Het Lyceum", sector=Sector.VO)

    assert fout.value.code == "geen-oin"


# --- overdracht ------------------------------------------------------------------------------


def test_overdracht_opens_a_session_with_the_bron_schools_active_aanleverpunten(wereld, p):
    deactiveer(AP_REGENBOOG_1)

    verzoek, antwoord = open_sessie(p)

    assert [ap.routerings_kenmerk for ap in antwoord.aanleverpunten] == [AP_REGENBOOG, AP_PLATFORM]
    assert antwoord.aanleverpunten[0].url == f"https://las.example/oso/{AP_REGENBOOG}/"
    sessie = TcSessie.objects.get(sessie_id=antwoord.sessie_id)
    assert sessie.zoeksleutel == verzoek.zoeksleutel  # the ciphertext, never the PGN
    assert sessie.koppelsleutel is None
    assert (sessie.bron_brin, sessie.doel_routeringskenmerk) == (DE_REGENBOOG, AP_LYCEUM)
    assert sessie.bron_routeringskenmerk == ""


def test_overdracht_to_one_asked_aanleverpunt_returns_only_that_one(wereld, p):
    _, antwoord = open_sessie(p, bron_routerings_kenmerk=AP_REGENBOOG_1)

    assert [ap.routerings_kenmerk for ap in antwoord.aanleverpunten] == [AP_REGENBOOG_1]
    assert TcSessie.objects.get().bron_routeringskenmerk == AP_REGENBOOG_1


def test_overdracht_for_an_unknown_doel_aanleverpunt(wereld, p):
    antwoord = services.overdracht(
        cert(p.lyceum),
        overdracht_verzoek(p, doel_routerings_kenmerk=pki.oin_voor_school("27QX", 5)),
    )

    assert antwoord.resultaat == Resultaatcode.ONBEKEND_AANLEVERPUNT
    assert antwoord.sessie_id is None and antwoord.aanleverpunten == ()
    assert not TcSessie.objects.exists()


def test_overdracht_for_an_aanleverpunt_the_caller_does_not_own_is_refused(wereld, p):
    with pytest.raises(Geweigerd) as fout:
        services.overdracht(cert(p.mallory), overdracht_verzoek(p))

    assert fout.value.code == "certificaat-past-niet"
    assert not TcSessie.objects.exists()
    log = TcBerichtlog.objects.get(operatie="overdrachtRequest")
    assert (log.beller_oin, log.resultaat) == (OIN_MALLORY, "Geweigerd:certificaat-past-niet")


def test_overdracht_with_a_doel_brin_that_is_not_the_aanleverpunts(wereld, p):
    antwoord = services.overdracht(cert(p.lyceum), overdracht_verzoek(p, doel_brin=ANDERE_SCHOOL))

    assert antwoord.resultaat == Resultaatcode.ONBEKEND_AANLEVERPUNT


def test_overdracht_from_an_inactive_doel_aanleverpunt(wereld, p):
    deactiveer(AP_LYCEUM)

    antwoord = services.overdracht(cert(p.lyceum), overdracht_verzoek(p))

    assert antwoord.resultaat == Resultaatcode.ONBEKEND_AANLEVERPUNT
    assert "niet actief" in antwoord.toelichting


def test_overdracht_from_an_unknown_bron_school(wereld, p):
    antwoord = services.overdracht(cert(p.lyceum), overdracht_verzoek(p, bron_brin=ANDERE_SCHOOL))

    assert antwoord.resultaat == Resultaatcode.VERSTREKKER_NIET_BEKEND


def test_overdracht_from_a_bron_school_without_an_active_aanleverpunt(wereld, p):
    for kenmerk in (AP_REGENBOOG, AP_REGENBOOG_1, AP_PLATFORM):
        deactiveer(kenmerk)

    antwoord = services.overdracht(cert(p.lyceum), overdracht_verzoek(p))

    assert antwoord.resultaat == Resultaatcode.VERSTREKKER_NIET_BEKEND


def test_overdracht_to_an_unknown_bron_aanleverpunt(wereld, p):
    antwoord = services.overdracht(
        cert(p.lyceum), overdracht_verzoek(p, bron_routerings_kenmerk=AP_ONBEKEND)
    )

    assert antwoord.resultaat == Resultaatcode.ONBEKEND_AANLEVERPUNT


def test_overdracht_to_an_inactive_bron_aanleverpunt(wereld, p):
    deactiveer(AP_REGENBOOG_1)

    antwoord = services.overdracht(
        cert(p.lyceum), overdracht_verzoek(p, bron_routerings_kenmerk=AP_REGENBOOG_1)
    )

    assert antwoord.resultaat == Resultaatcode.VERSTREKKER_AANLEVERPUNT_NIET_ACTIEF


def test_binnen_brin_between_two_brins_has_no_relation(wereld, p):
    antwoord = services.overdracht(
        cert(p.lyceum), overdracht_verzoek(p, overdrachtsoort=Overdrachtsoort.BINNEN_BRIN)
    )

    assert antwoord.resultaat == Resultaatcode.GEEN_RELATIE_MET_DOEL


def test_binnen_brin_to_the_regional_platform_leaves_the_doel_out_of_the_list(wereld, p):
    antwoord = services.overdracht(
        cert(p.platform),
        overdracht_verzoek(
            p,
            doel_brin=DE_REGENBOOG,
            doel_routerings_kenmerk=AP_PLATFORM,
            overdrachtsoort=Overdrachtsoort.BINNEN_BRIN,
        ),
    )

    assert antwoord.resultaat == Resultaatcode.SESSIE_GESTART
    assert [ap.routerings_kenmerk for ap in antwoord.aanleverpunten] == [
        AP_REGENBOOG,
        AP_REGENBOOG_1,
    ]


def test_a_pgn_never_goes_to_an_swv(wereld, p):
    antwoord = services.overdracht(
        cert(p.swv),
        overdracht_verzoek(p, doel_brin=SWV_ZUID, doel_routerings_kenmerk=AP_SWV),
    )

    assert antwoord.resultaat == Resultaatcode.ONGELDIG_BERICHT


def test_an_swv_dossier_goes_only_to_an_swv(wereld, p):
    koppelsleutel = koppelsleutel_voor_swv(p)
    verzoek = overdracht_verzoek(
        p,
        overdrachtsoort=Overdrachtsoort.SWV_DOSSIER,
        zoeksleutel=None,
        koppelsleutel=koppelsleutel,
    )

    assert services.overdracht(cert(p.lyceum), verzoek).resultaat == Resultaatcode.ONGELDIG_BERICHT


def test_exactly_one_of_zoeksleutel_and_koppelsleutel(wereld, p):
    beide = {"zoeksleutel": zoeksleutel(p), "koppelsleutel": uuid.uuid4()}
    with pytest.raises(OngeldigBericht):
        overdracht_verzoek(p, **beide)
    with pytest.raises(OngeldigBericht):
        overdracht_verzoek(p, zoeksleutel=None)

    for sleutels in (beide, {"zoeksleutel": None, "koppelsleutel": None}):
        verzoek = vervalst(
            b.OverdrachtRequest,
            bron_brin=DE_REGENBOOG,
            bron_routerings_kenmerk=None,
            doel_brin=HET_LYCEUM,
            doel_routerings_kenmerk=AP_LYCEUM,
            overdrachtsoort=Overdrachtsoort.OVERSTAPDOSSIER,
            pgnfrag=None,
            **sleutels,
        )
        antwoord = services.overdracht(cert(p.lyceum), verzoek)
        assert antwoord.resultaat == Resultaatcode.ONGELDIG_BERICHT
    assert not TcSessie.objects.exists()


def test_an_unknown_overdrachtsoort_never_reaches_the_tc():
    with pytest.raises(OngeldigBericht) as fout:
        b.OverdrachtRequest(
            bron_brin=DE_REGENBOOG,
            doel_brin=HET_LYCEUM,
            doel_routerings_kenmerk=AP_LYCEUM,
            overdrachtsoort="binnenBRIN",
            zoeksleutel="abc",
        )
    assert fout.value.code == "ongeldige-waarde"


def test_a_zoeksleutel_not_encrypted_to_the_tc_is_refused(wereld, p):
    voor_een_ander = versleutel("bsn", BSN, cert(p.regenboog))

    antwoord = services.overdracht(
        cert(p.lyceum), overdracht_verzoek(p, zoeksleutel=voor_een_ander)
    )

    assert antwoord.resultaat == Resultaatcode.ONGELDIG_BERICHT
    assert BSN not in antwoord.toelichting


def test_without_its_own_key_the_tc_treats_the_zoeksleutel_as_opaque(wereld, p, settings):
    settings.OSO_TC_CERT = settings.OSO_TC_KEY = None

    verzoek, antwoord = open_sessie(p, zoeksleutel="ondoorzichtig-en-niet-te-lezen")
    controle = services.sessiecontrole(
        cert(p.regenboog), controle_verzoek(verzoek, antwoord.sessie_id)
    )

    assert controle.resultaat == Resultaatcode.SESSIE_GELDIG
    with pytest.raises(ImproperlyConfigured):
        services.zoeksleutel_voor(TcSessie.objects.get(), cert(p.regenboog))


def test_overdracht_with_a_koppelsleutel_goes_to_the_aanleverpunt_that_notified(wereld, p):
    koppelsleutel = koppelsleutel_voor_swv(p)

    antwoord = services.overdracht(
        cert(p.swv),
        b.OverdrachtRequest(
            bron_brin=DE_REGENBOOG,
            doel_brin=SWV_ZUID,
            doel_routerings_kenmerk=AP_SWV,
            overdrachtsoort=Overdrachtsoort.SWV_DOSSIER,
            koppelsleutel=koppelsleutel,
        ),
    )

    assert antwoord.resultaat == Resultaatcode.SESSIE_GESTART
    assert [ap.routerings_kenmerk for ap in antwoord.aanleverpunten] == [AP_REGENBOOG]
    sessie = TcSessie.objects.get()
    assert (sessie.zoeksleutel, sessie.koppelsleutel) == ("", koppelsleutel)
    assert sessie.bron_routeringskenmerk == AP_REGENBOOG


@pytest.mark.parametrize(
    "wijziging",
    [
        {"koppelsleutel": uuid.uuid4()},  # never issued
        {
            "bron_routerings_kenmerk": AP_REGENBOOG_1
        },  # another aanleverpunt than the one that notified
    ],
)
def test_overdracht_with_a_koppelsleutel_of_another_relation(wereld, p, wijziging):
    velden = {
        "bron_brin": DE_REGENBOOG,
        "doel_brin": SWV_ZUID,
        "doel_routerings_kenmerk": AP_SWV,
        "overdrachtsoort": Overdrachtsoort.SWV_DOSSIER,
        "koppelsleutel": koppelsleutel_voor_swv(p),
        **wijziging,
    }

    antwoord = services.overdracht(cert(p.swv), b.OverdrachtRequest(**velden))

    assert antwoord.resultaat == Resultaatcode.GEEN_RELATIE_MET_DOEL


# --- sessiecontrole --------------------------------------------------------------------------


def test_sessiecontrole_of_a_valid_session_gives_the_doels_sector(wereld, p):
    verzoek, antwoord = open_sessie(p)

    controle = services.sessiecontrole(
        cert(p.regenboog), controle_verzoek(verzoek, antwoord.sessie_id)
    )

    assert controle.resultaat == Resultaatcode.SESSIE_GELDIG
    assert controle.sector == Sector.VO


@pytest.mark.parametrize(
    "wijziging",
    [
        {"doel_brin": ANDERE_SCHOOL},
        {"doel_routerings_kenmerk": AP_ONBEKEND},
        {"overdrachtsoort": Overdrachtsoort.BINNEN_BRIN, "doel_brin": DE_REGENBOOG},
        {"sessie_id": uuid.uuid4()},
        {"zoeksleutel": "een-andere-zoeksleutel"},
    ],
    ids=["doel-brin", "doel-kenmerk", "overdrachtsoort", "sessie", "zoeksleutel"],
)
def test_sessiecontrole_that_differs_from_the_session(wereld, p, wijziging):
    verzoek, antwoord = open_sessie(p)

    controle = services.sessiecontrole(
        cert(p.regenboog), controle_verzoek(verzoek, antwoord.sessie_id, **wijziging)
    )

    assert controle.resultaat == Resultaatcode.SESSIE_AFWIJKEND
    assert controle.sector is None


def test_a_new_encryption_of_the_same_pgn_is_another_zoeksleutel(wereld, p):
    verzoek, antwoord = open_sessie(p)

    controle = services.sessiecontrole(
        cert(p.regenboog),
        controle_verzoek(verzoek, antwoord.sessie_id, zoeksleutel=zoeksleutel(p)),
    )

    assert controle.resultaat == Resultaatcode.SESSIE_AFWIJKEND


def test_sessiecontrole_from_another_aanleverpunt_than_the_one_asked(wereld, p):
    verzoek, antwoord = open_sessie(p, bron_routerings_kenmerk=AP_REGENBOOG_1)

    controle = services.sessiecontrole(
        cert(p.regenboog),
        controle_verzoek(verzoek, antwoord.sessie_id, bron_routerings_kenmerk=AP_REGENBOOG),
    )

    assert controle.resultaat == Resultaatcode.SESSIE_AFWIJKEND


def test_sessiecontrole_binnen_brin_between_two_brins(wereld, p):
    verzoek, antwoord = open_sessie(p)

    controle = services.sessiecontrole(
        cert(p.regenboog),
        controle_verzoek(verzoek, antwoord.sessie_id, overdrachtsoort=Overdrachtsoort.BINNEN_BRIN),
    )

    assert controle.resultaat == Resultaatcode.GEEN_RELATIE_MET_DOEL


def test_sessiecontrole_from_an_unknown_bron_school(wereld, p):
    verzoek, antwoord = open_sessie(p)

    controle = services.sessiecontrole(
        cert(p.regenboog),
        controle_verzoek(
            verzoek,
            antwoord.sessie_id,
            bron_brin=ANDERE_SCHOOL,
            bron_routerings_kenmerk=AP_ONBEKEND,
        ),
    )

    assert controle.resultaat == Resultaatcode.VERSTREKKER_NIET_BEKEND


def test_sessiecontrole_from_an_unknown_aanleverpunt_of_a_known_school(wereld, p):
    verzoek, antwoord = open_sessie(p)

    controle = services.sessiecontrole(
        cert(p.regenboog),
        controle_verzoek(
            verzoek,
            antwoord.sessie_id,
            bron_routerings_kenmerk=pki.oin_voor_school(DE_REGENBOOG, 7),
        ),
    )

    assert controle.resultaat == Resultaatcode.ONBEKEND_AANLEVERPUNT


def test_sessiecontrole_naming_another_schools_aanleverpunt(wereld, p):
    verzoek, antwoord = open_sessie(p)

    with pytest.raises(Geweigerd) as fout:
        services.sessiecontrole(
            cert(p.regenboog),
            controle_verzoek(verzoek, antwoord.sessie_id, bron_routerings_kenmerk=AP_LYCEUM),
        )
    assert fout.value.code == "certificaat-past-niet"


def test_sessiecontrole_by_a_certificate_that_does_not_own_the_bron(wereld, p):
    verzoek, antwoord = open_sessie(p)

    with pytest.raises(Geweigerd):
        services.sessiecontrole(cert(p.mallory), controle_verzoek(verzoek, antwoord.sessie_id))


def test_sessiecontrole_from_an_inactive_bron_aanleverpunt(wereld, p):
    verzoek, antwoord = open_sessie(p)
    deactiveer(AP_REGENBOOG)

    controle = services.sessiecontrole(
        cert(p.regenboog), controle_verzoek(verzoek, antwoord.sessie_id)
    )

    assert controle.resultaat == Resultaatcode.VERSTREKKER_AANLEVERPUNT_NIET_ACTIEF


def test_sessiecontrole_after_afmelding(wereld, p):
    verzoek, antwoord = open_sessie(p)
    services.afmelding(cert(p.lyceum), afmeld_verzoek(antwoord.sessie_id))

    controle = services.sessiecontrole(
        cert(p.regenboog), controle_verzoek(verzoek, antwoord.sessie_id)
    )

    assert controle.resultaat == Resultaatcode.SESSIE_REEDS_AFGEMELD


# --- the zoeksleutel broker ------------------------------------------------------------------


def test_the_bron_gets_the_pgn_encrypted_to_its_own_certificate(wereld, p):
    _, antwoord = open_sessie(p)
    sessie = TcSessie.objects.get(sessie_id=antwoord.sessie_id)

    voor_de_bron = services.zoeksleutel_voor(sessie, cert(p.regenboog))

    assert voor_de_bron != sessie.zoeksleutel
    assert ontsleutel(voor_de_bron, p.regenboog[1]) == ("bsn", BSN)
    log = TcBerichtlog.objects.get(operatie="zoeksleutelVoor")
    assert (log.beller_oin, log.resultaat) == (OIN_LEVERANCIER, "Uitgegeven")


@pytest.mark.parametrize("wie", ["lyceum", "mallory", "platform"])
def test_only_the_bron_the_session_is_routed_to_gets_the_zoeksleutel(wereld, p, wie):
    _, antwoord = open_sessie(p, bron_routerings_kenmerk=AP_REGENBOOG)

    with pytest.raises(Geweigerd) as fout:
        services.zoeksleutel_voor(TcSessie.objects.get(), cert(getattr(p, wie)))

    assert fout.value.code == "certificaat-past-niet"


def test_no_zoeksleutel_after_afmelding_nor_for_a_koppelsleutel_session(wereld, p):
    _, antwoord = open_sessie(p)
    sessie = TcSessie.objects.get()
    services.afmelding(cert(p.lyceum), afmeld_verzoek(antwoord.sessie_id))

    with pytest.raises(Geweigerd) as fout:
        services.zoeksleutel_voor(sessie, cert(p.regenboog))
    assert fout.value.code == "sessie-afgemeld"

    koppelsleutel = koppelsleutel_voor_swv(p)
    services.overdracht(
        cert(p.swv),
        b.OverdrachtRequest(
            bron_brin=DE_REGENBOOG,
            doel_brin=SWV_ZUID,
            doel_routerings_kenmerk=AP_SWV,
            overdrachtsoort=Overdrachtsoort.SWV_DOSSIER,
            koppelsleutel=koppelsleutel,
        ),
    )
    with pytest.raises(Geweigerd) as fout:
        services.zoeksleutel_voor(
            TcSessie.objects.get(koppelsleutel=koppelsleutel), cert(p.regenboog)
        )
    assert fout.value.code == "geen-zoeksleutel"


# --- afmelding -------------------------------------------------------------------------------


def test_afmelding_closes_the_session_once(wereld, p):
    _, antwoord = open_sessie(p)

    eerste = services.afmelding(cert(p.lyceum), afmeld_verzoek(antwoord.sessie_id))
    tweede = services.afmelding(
        cert(p.lyceum),
        afmeld_verzoek(antwoord.sessie_id, resultaat=Resultaatcode.LEERLING_NIET_BEKEND),
    )

    assert eerste.resultaat == Resultaatcode.SESSIE_AFGEMELD
    assert tweede.resultaat == Resultaatcode.SESSIE_REEDS_AFGEMELD
    sessie = TcSessie.objects.get()
    assert sessie.afgemeld_op is not None
    assert (sessie.resultaat, sessie.resultaat_routeringskenmerk) == (
        "OverdrachtGeslaagd",
        AP_REGENBOOG,
    )


def test_only_the_doel_may_close_its_session(wereld, p):
    _, antwoord = open_sessie(p)

    with pytest.raises(Geweigerd):
        services.afmelding(cert(p.regenboog), afmeld_verzoek(antwoord.sessie_id))
    assert TcSessie.objects.get().afgemeld_op is None


def test_another_doel_cannot_close_the_session(wereld, p):
    _, antwoord = open_sessie(p)

    afmelding = services.afmelding(
        cert(p.swv),
        afmeld_verzoek(antwoord.sessie_id, doel_brin=SWV_ZUID, doel_routerings_kenmerk=AP_SWV),
    )

    assert afmelding.resultaat == Resultaatcode.SESSIE_AFWIJKEND
    assert TcSessie.objects.get().afgemeld_op is None


@pytest.mark.parametrize(
    ("wijziging", "code"),
    [
        ({"sessie_id": uuid.uuid4()}, Resultaatcode.SESSIE_AFWIJKEND),
        ({"bron_routerings_kenmerk": AP_LYCEUM}, Resultaatcode.SESSIE_AFWIJKEND),
        ({"doel_routerings_kenmerk": AP_ONBEKEND}, Resultaatcode.ONBEKEND_AANLEVERPUNT),
    ],
    ids=["onbekende-sessie", "vreemde-bron", "onbekend-doel"],
)
def test_afmelding_that_does_not_fit_the_session(wereld, p, wijziging, code):
    _, antwoord = open_sessie(p)

    afmelding = services.afmelding(cert(p.lyceum), afmeld_verzoek(antwoord.sessie_id, **wijziging))

    assert afmelding.resultaat == code
    assert TcSessie.objects.get().afgemeld_op is None


# --- notificatie and terugkoppeling ----------------------------------------------------------


def test_melden_notificatie_issues_a_koppelsleutel(wereld, p):
    koppelsleutel = koppelsleutel_voor_swv(p)

    koppeling = TcKoppeling.objects.get(koppelsleutel=koppelsleutel)
    assert koppeling.bron.routeringskenmerk == AP_REGENBOOG
    assert koppeling.doel.routeringskenmerk == AP_SWV
    assert koppeling.overdrachtsoort == Overdrachtsoort.SWV_DOSSIER


def test_melden_notificatie_for_an_aanleverpunt_the_caller_does_not_own(wereld, p):
    with pytest.raises(Geweigerd):
        services.melden_notificatie(cert(p.lyceum), notificatie_verzoek())
    assert not TcKoppeling.objects.exists()


@pytest.mark.parametrize(
    ("wijziging", "code"),
    [
        ({"doel_routerings_kenmerk": AP_ONBEKEND}, Resultaatcode.ONBEKEND_AANLEVERPUNT),
        ({"doel": Sector.PO}, Resultaatcode.ONGELDIG_BERICHT),
        (
            {
                "doel_brin": HET_LYCEUM,
                "doel_routerings_kenmerk": AP_LYCEUM,
                "doel": Sector.VO,
            },
            Resultaatcode.ONGELDIG_BERICHT,  # an SWV dossier to a school
        ),
        ({"bron_routerings_kenmerk": AP_ONBEKEND}, Resultaatcode.ONBEKEND_AANLEVERPUNT),
    ],
    ids=["onbekend-doel", "verkeerde-sector", "swv-dossier-naar-school", "onbekende-bron"],
)
def test_melden_notificatie_that_does_not_fit(wereld, p, wijziging, code):
    antwoord = services.melden_notificatie(cert(p.regenboog), notificatie_verzoek(**wijziging))

    assert antwoord.resultaat == code
    assert antwoord.koppelsleutel is None
    assert not TcKoppeling.objects.exists()


def test_melden_notificatie_to_an_inactive_doel(wereld, p):
    deactiveer(AP_SWV)

    antwoord = services.melden_notificatie(cert(p.regenboog), notificatie_verzoek())

    assert antwoord.resultaat == Resultaatcode.ONBEKEND_AANLEVERPUNT


def terugkoppeling_verzoek(sleutel: uuid.UUID, **wijzig) -> b.MeldenTerugkoppelingRequest:
    velden = {
        "bron_brin": DE_REGENBOOG,
        "bron_routerings_kenmerk": AP_REGENBOOG,
        "doel_brin": SWV_ZUID,
        "doel_routerings_kenmerk": AP_SWV,
        "koppelsleutel": sleutel,
    }
    velden.update(wijzig)
    return b.MeldenTerugkoppelingRequest(**velden)


def test_melden_terugkoppeling_gives_the_schools_aanleverpunt(wereld, p):
    koppelsleutel = koppelsleutel_voor_swv(p)

    antwoord = services.melden_terugkoppeling(cert(p.swv), terugkoppeling_verzoek(koppelsleutel))

    assert antwoord.resultaat == Resultaatcode.TERUGKOPPELING_GEMELD
    assert antwoord.aanleverpunt.routerings_kenmerk == AP_REGENBOOG
    assert antwoord.aanleverpunt.url == f"https://las.example/oso/{AP_REGENBOOG}/"


@pytest.mark.parametrize(
    "wijziging",
    [
        {"koppelsleutel": uuid.uuid4()},
        {"bron_routerings_kenmerk": AP_REGENBOOG_1},
    ],
    ids=["onbekende-koppelsleutel", "andere-bron"],
)
def test_melden_terugkoppeling_without_that_koppeling(wereld, p, wijziging):
    koppelsleutel = koppelsleutel_voor_swv(p)

    antwoord = services.melden_terugkoppeling(
        cert(p.swv), terugkoppeling_verzoek(koppelsleutel, **wijziging)
    )

    assert antwoord.resultaat == Resultaatcode.GEEN_RELATIE_MET_DOEL


def test_melden_terugkoppeling_only_from_an_swv(wereld, p):
    # a notificatie to a school (a changed overstapdossier) has a koppelsleutel too
    voor_school = services.melden_notificatie(
        cert(p.regenboog),
        notificatie_verzoek(
            doel_brin=HET_LYCEUM,
            doel_routerings_kenmerk=AP_LYCEUM,
            doel=Sector.VO,
            overdrachtsoort=Overdrachtsoort.OVERSTAPDOSSIER,
        ),
    )
    assert voor_school.resultaat == Resultaatcode.KOPPELSLEUTEL_UITGEGEVEN

    antwoord = services.melden_terugkoppeling(
        cert(p.lyceum),
        terugkoppeling_verzoek(
            voor_school.koppelsleutel, doel_brin=HET_LYCEUM, doel_routerings_kenmerk=AP_LYCEUM
        ),
    )

    assert antwoord.resultaat == Resultaatcode.GEEN_RELATIE_MET_DOEL


def test_melden_terugkoppeling_by_a_certificate_that_does_not_own_the_swv(wereld, p):
    koppelsleutel = koppelsleutel_voor_swv(p)

    with pytest.raises(Geweigerd):
        services.melden_terugkoppeling(cert(p.mallory), terugkoppeling_verzoek(koppelsleutel))


def test_melden_terugkoppeling_to_an_inactive_school_aanleverpunt(wereld, p):
    koppelsleutel = koppelsleutel_voor_swv(p)
    deactiveer(AP_REGENBOOG)

    antwoord = services.melden_terugkoppeling(cert(p.swv), terugkoppeling_verzoek(koppelsleutel))

    assert antwoord.resultaat == Resultaatcode.VERSTREKKER_AANLEVERPUNT_NIET_ACTIEF


# --- overzicht -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "verwacht"),
    [
        ({}, {AP_REGENBOOG, AP_PLATFORM, AP_LYCEUM, AP_SWV}),
        ({"brin": DE_REGENBOOG}, {AP_REGENBOOG, AP_PLATFORM}),
        ({"doel": Sector.SWV}, {AP_SWV}),
        ({"doel": Sector.VO}, {AP_LYCEUM}),
        ({"routerings_kenmerk": AP_LYCEUM}, {AP_LYCEUM}),
        ({"routerings_kenmerk": AP_REGENBOOG_1}, set()),  # inactive ones are left out
    ],
)
def test_overzicht_lists_active_aanleverpunten_by_filter(wereld, p, filters, verwacht):
    deactiveer(AP_REGENBOOG_1)

    antwoord = services.overzicht(cert(p.mallory), b.OverzichtAanleverpuntRequest(**filters))

    assert antwoord.resultaat == Resultaatcode.AANLEVERPUNTEN_GEVONDEN
    assert {ap.routerings_kenmerk for ap in antwoord.aanleverpunten} == verwacht


# --- dispatch, the log, and privacy ----------------------------------------------------------


def test_a_message_not_meant_for_the_tc_is_refused(wereld, p):
    document_request = b.DocumentRequest(
        sessie_id=uuid.uuid4(),
        bron_brin=DE_REGENBOOG,
        bron_routerings_kenmerk=AP_REGENBOOG,
        doel_brin=HET_LYCEUM,
        doel_routerings_kenmerk=AP_LYCEUM,
        overdrachtsoort=Overdrachtsoort.OVERSTAPDOSSIER,
        zoeksleutel=zoeksleutel(p),
    )
    with pytest.raises(Geweigerd) as fout:
        services.verwerk(cert(p.lyceum), document_request)
    assert fout.value.code == "niet-voor-traffic-center"


def test_the_full_exchange_at_service_level(wereld, p):
    """Register (done by the world), open, check, hand over the zoeksleutel, close; a replay of
    the afmelding and of the sessiecontrole are refused; every call is in the log."""
    aantal_registraties = TcBerichtlog.objects.count()
    verzoek, geopend = open_sessie(p)
    assert {ap.routerings_kenmerk for ap in geopend.aanleverpunten} >= {AP_REGENBOOG}

    controle = controle_verzoek(verzoek, geopend.sessie_id)
    assert services.sessiecontrole(cert(p.regenboog), controle).sector == Sector.VO
    sessie = TcSessie.objects.get(sessie_id=geopend.sessie_id)
    assert ontsleutel(services.zoeksleutel_voor(sessie, cert(p.regenboog)), p.regenboog[1]) == (
        "bsn",
        BSN,
    )

    afmelding = afmeld_verzoek(geopend.sessie_id)
    assert services.afmelding(cert(p.lyceum), afmelding).resultaat == Resultaatcode.SESSIE_AFGEMELD
    assert (
        services.afmelding(cert(p.lyceum), afmelding).resultaat
        == Resultaatcode.SESSIE_REEDS_AFGEMELD
    )
    assert (
        services.sessiecontrole(cert(p.regenboog), controle).resultaat
        == Resultaatcode.SESSIE_REEDS_AFGEMELD
    )

    log = list(
        TcBerichtlog.objects.order_by("pk").values_list("operatie", "resultaat")[
            aantal_registraties:
        ]
    )
    assert log == [
        ("overdrachtRequest", "SessieGestart"),
        ("sessiecontroleRequest", "SessieGeldig"),
        ("zoeksleutelVoor", "Uitgegeven"),
        ("afmeldingRequest", "SessieAfgemeld"),
        ("afmeldingRequest", "SessieReedsAfgemeld"),
        ("sessiecontroleRequest", "SessieReedsAfgemeld"),
    ]
    regel = TcBerichtlog.objects.get(operatie="sessiecontroleRequest", resultaat="SessieGeldig")
    assert (regel.beller_oin, regel.bron_routeringskenmerk, regel.sessie_id) == (
        OIN_LEVERANCIER,
        AP_REGENBOOG,
        geopend.sessie_id,
    )
    assert regel.duur_ms >= 0


def test_no_pgn_and_no_zoeksleutel_in_the_log_and_no_pgn_anywhere(wereld, p):
    verzoek, geopend = open_sessie(p)
    services.sessiecontrole(cert(p.regenboog), controle_verzoek(verzoek, geopend.sessie_id))
    services.zoeksleutel_voor(TcSessie.objects.get(), cert(p.regenboog))
    services.afmelding(cert(p.lyceum), afmeld_verzoek(geopend.sessie_id))

    for model in (TcAanleverpunt, TcSessie, TcKoppeling, TcBerichtlog):
        for rij in model.objects.values():
            tekst = " ".join(str(waarde) for waarde in rij.values())
            assert BSN not in tekst, model
            if model is TcBerichtlog:
                assert verzoek.zoeksleutel not in tekst


# --- the SOAP endpoint -----------------------------------------------------------------------


def pem(paar: pki.Sleutelpaar) -> str:
    return pki.certificaat_pem(paar[0]).decode("ascii")


def soap(client: Client, bericht, paar: pki.Sleutelpaar | None = None, **meta):
    if paar is not None:
        meta.setdefault("SSL_CLIENT_CERT", pem(paar))
    data = bericht if isinstance(bericht, bytes) else b.bouw(bericht)
    antwoord = client.post(SOAP_PAD, data=data, content_type=b.CONTENT_TYPE, **meta)
    return antwoord, b.lees(antwoord.content)


@pytest.fixture
def soap_client() -> Client:
    return Client(enforce_csrf_checks=True)


def registreer_verzoek() -> b.RegistreerAanleverpuntRequest:
    return b.RegistreerAanleverpuntRequest(
        brin=HET_LYCEUM,
        routerings_kenmerk=AP_LYCEUM,
        naam="Het Lyceum",
        soort=SoortAanleverpunt.SCHOOL,
        sector=Sector.VO,
        url="https://lyceum.example/oso/",
    )


def test_soap_registration_and_overdracht(db, p, soap_client):
    http, antwoord = soap(soap_client, registreer_verzoek(), p.lyceum)

    assert http.status_code == 200
    assert http["Content-Type"] == b.CONTENT_TYPE
    assert antwoord.resultaat == Resultaatcode.AANLEVERPUNT_GEREGISTREERD
    assert not http.cookies  # no Django session, no CSRF cookie

    registreer(p.regenboog, DE_REGENBOOG, AP_REGENBOOG, "De Regenboog")
    http, antwoord = soap(soap_client, overdracht_verzoek(p), p.lyceum)
    assert antwoord.resultaat == Resultaatcode.SESSIE_GESTART
    assert TcSessie.objects.get().sessie_id == antwoord.sessie_id


def test_soap_business_errors_are_responses_not_faults(wereld, p, soap_client):
    http, antwoord = soap(soap_client, overdracht_verzoek(p, bron_brin=ANDERE_SCHOOL), p.lyceum)

    assert http.status_code == 200
    assert antwoord.resultaat == Resultaatcode.VERSTREKKER_NIET_BEKEND


ONLEESBAAR = "-----BEGIN CERTIFICATE-----\nrommel\n-----END CERTIFICATE-----"


@pytest.mark.parametrize(
    ("meta", "detail"),
    [
        (lambda p: {}, "geen-certificaat"),
        (lambda p: {"SSL_CLIENT_CERT": ONLEESBAAR}, "certificaat-onleesbaar"),
        # a header is not the environ: a client cannot present a certificate this way
        (lambda p: {"HTTP_SSL_CLIENT_CERT": pem(p.lyceum)}, "geen-certificaat"),
    ],
    ids=["zonder", "onleesbaar", "als-header"],
)
def test_soap_without_a_usable_certificate_is_a_fault(db, p, soap_client, meta, detail):
    http, fout = soap(soap_client, registreer_verzoek(), **meta(p))

    assert http.status_code == 500
    assert isinstance(fout, b.SoapFout)
    assert (fout.faultcode, fout.detail) == ("Client", detail)
    assert not TcAanleverpunt.objects.exists()
    assert not TcBerichtlog.objects.exists()


def test_soap_with_a_certificate_that_does_not_own_the_aanleverpunt(wereld, p, soap_client):
    http, fout = soap(soap_client, overdracht_verzoek(p), p.mallory)

    assert http.status_code == 500
    assert (fout.faultcode, fout.detail) == ("Client", "certificaat-past-niet")
    assert not TcSessie.objects.exists()


def test_soap_checks_the_issuer_when_the_ca_is_configured(wereld, p, soap_client, settings):
    settings.OSO_TC_CA = str(p.ca_pad)

    http, fout = soap(soap_client, overdracht_verzoek(p), p.vreemd)
    assert (http.status_code, fout.detail) == (500, "certificaat-niet-vertrouwd")

    http, antwoord = soap(soap_client, overdracht_verzoek(p), p.lyceum)
    assert antwoord.resultaat == Resultaatcode.SESSIE_GESTART


def test_soap_without_an_oin_in_the_certificate(db, p, soap_client):
    http, fout = soap(soap_client, registreer_verzoek(), p.tc)

    assert (http.status_code, fout.detail) == (500, "geen-oin")


HOSTILE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>'
    b'<oso:overzichtAanleverpuntRequest xmlns:oso="http://xml.kennisnet.nl/schemas/Overstapservice/20200910">'
    b"<oso:brin>&lol2;</oso:brin></oso:overzichtAanleverpuntRequest></soapenv:Body></soapenv:Envelope>"
)


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (HOSTILE, "doctype"),
        (b"<soapenv:Envelope>niet afgesloten", "geen-xml"),
        (b"", "leeg"),
        (b"<a>" * 40 + b"</a>" * 40, "te-diep"),
    ],
    ids=["doctype", "geen-xml", "leeg", "te-diep"],
)
def test_soap_hostile_or_invalid_xml_is_a_fault_and_nothing_is_stored(
    db, p, soap_client, data, detail
):
    http, fout = soap(soap_client, data, p.lyceum)

    assert http.status_code == 500
    assert (fout.faultcode, fout.detail) == ("Client", detail)
    assert not TcBerichtlog.objects.exists()


def test_soap_refuses_a_too_large_message(db, p, soap_client, settings):
    settings.OSO_TC_MAX_BERICHT_BYTES = 1000

    http, fout = soap(soap_client, b.bouw(registreer_verzoek()) + b" " * 1000, p.lyceum)

    assert (http.status_code, fout.detail) == (500, "te-groot")


def test_soap_refuses_a_message_not_meant_for_the_tc(db, p, soap_client):
    antwoord = b.NotificatieResponse(resultaat=Resultaatcode.NOTIFICATIE_ONTVANGEN)

    http, fout = soap(soap_client, antwoord, p.lyceum)

    assert (http.status_code, fout.detail) == (500, "niet-voor-traffic-center")


def test_soap_only_post(db, soap_client):
    assert soap_client.get(SOAP_PAD).status_code == 405


# --- over the wire: HTTPS with mutual TLS ----------------------------------------------------


def _https_post(
    port: int, paar: pki.Sleutelpaar, p: Pki, bericht, *, headers: dict[str, str] | None = None
) -> tuple[int, object]:
    context = pki.ssl_context_client(paar[0], paar[1], p.ca[0])
    verbinding = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
    try:
        data = b.bouw(bericht)
        verbinding.request(
            "POST",
            SOAP_PAD,
            body=data,
            headers={
                "Content-Type": b.CONTENT_TYPE,
                "SOAPAction": b.actie(bericht),
                **(headers or {}),
            },
        )
        antwoord = verbinding.getresponse()
        return antwoord.status, b.lees(antwoord.read())
    finally:
        verbinding.close()


def test_over_https_with_mutual_tls(transactional_db, p, settings):
    settings.OSO_TC_CA = str(p.ca_pad)
    server, thread, port = tc_server.start_server(
        0, cert=p.tc[0], key=p.tc[1], ca=p.ca[0], max_bytes=64 * 1024, timeout=10
    )
    try:
        for paar, verzoek in (
            (p.lyceum, registreer_verzoek()),
            (
                p.regenboog,
                b.RegistreerAanleverpuntRequest(
                    brin=DE_REGENBOOG,
                    routerings_kenmerk=AP_REGENBOOG,
                    naam="De Regenboog",
                    soort=SoortAanleverpunt.SCHOOL,
                    sector=Sector.PO,
                    url="https://regenboog.example/oso/",
                ),
            ),
        ):
            status, antwoord = _https_post(port, paar, p, verzoek)
            assert (status, antwoord.resultaat) == (200, Resultaatcode.AANLEVERPUNT_GEREGISTREERD)

        verzoek = overdracht_verzoek(p)
        status, geopend = _https_post(port, p.lyceum, p, verzoek)
        assert (status, geopend.resultaat) == (200, Resultaatcode.SESSIE_GESTART)
        assert [ap.url for ap in geopend.aanleverpunten] == ["https://regenboog.example/oso/"]

        status, controle = _https_post(
            port, p.regenboog, p, controle_verzoek(verzoek, geopend.sessie_id)
        )
        assert (status, controle.sector) == (200, Sector.VO)

        # a certificate from another CA: the TLS handshake itself is refused
        with pytest.raises((ssl.SSLError, ConnectionError)):
            _https_post(port, p.vreemd, p, overdracht_verzoek(p))

        # a certificate from our CA that does not own the aanleverpunt: a SOAP Fault
        status, fout = _https_post(port, p.mallory, p, overdracht_verzoek(p))
        assert (status, fout.faultcode, fout.detail) == (500, "Client", "certificaat-past-niet")

        # a body larger than the server allows never reaches Django
        context = pki.ssl_context_client(p.lyceum[0], p.lyceum[1], p.ca[0])
        verbinding = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
        verbinding.putrequest("POST", SOAP_PAD)
        verbinding.putheader("Content-Length", str(10**9))
        verbinding.endheaders()
        assert verbinding.getresponse().status == 413
        verbinding.close()
    finally:
        tc_server.stop_server(server, thread)

    assert TcSessie.objects.count() == 1
    assert TcBerichtlog.objects.filter(beller_oin=OIN_MALLORY).count() == 1


# --- the management command ------------------------------------------------------------------


def test_the_command_needs_certificates(settings):
    settings.OSO_TC_CERT = settings.OSO_TC_KEY = None
    with pytest.raises(CommandError, match="--cert"):
        call_command("trafficcenter_server", "--port", "0")


def test_the_command_serves_until_sigterm(p, tmp_path):
    """The real command in its own process: it starts, and stops gracefully on SIGTERM."""
    pki.schrijf_sleutelpaar(tmp_path / "tc.pem", tmp_path / "tc-key.pem", p.tc)
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "oso_las.settings",
        "PYTHONUNBUFFERED": "1",
    }
    proces = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "trafficcenter_server",
            "--port",
            "0",
            "--cert",
            str(tmp_path / "tc.pem"),
            "--key",
            str(tmp_path / "tc-key.pem"),
            "--ca",
            str(p.ca_pad),
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        regel = proces.stdout.readline()
        assert "Traffic Center luistert op https://127.0.0.1:" in regel, proces.stderr.read()
        port = int(regel.split("127.0.0.1:")[1].split("/")[0])
        assert port > 0
        proces.send_signal(signal.SIGTERM)
        uitvoer, _ = proces.communicate(timeout=15)
    finally:
        if proces.poll() is None:
            proces.kill()
            proces.wait()
    assert proces.returncode == 0
    assert "Traffic Center gestopt." in uitvoer


# --- the admin -------------------------------------------------------------------------------


def test_the_admin_shows_the_tc_to_superusers_without_the_zoeksleutel(wereld, p, admin_client):
    verzoek, _ = open_sessie(p)
    sessie = TcSessie.objects.get()

    for model in ("tcaanleverpunt", "tcsessie", "tckoppeling", "tcberichtlog"):
        assert admin_client.get(f"/beheer/trafficcenter/{model}/").status_code == 200
    pagina = admin_client.get(f"/beheer/trafficcenter/tcsessie/{sessie.pk}/change/")
    assert pagina.status_code == 200
    assert verzoek.zoeksleutel not in pagina.content.decode()


def test_the_admin_lifts_a_certificate_binding(wereld, p, admin_client):
    ap = TcAanleverpunt.objects.get(routeringskenmerk=AP_LYCEUM)

    admin_client.post(
        "/beheer/trafficcenter/tcaanleverpunt/",
        {"action": "certificaatbinding_opheffen", "_selected_action": [ap.pk]},
    )

    ap.refresh_from_db()
    assert (ap.certificaat, ap.certificaat_fingerprint, ap.certificaat_oin) == ("", "", "")
