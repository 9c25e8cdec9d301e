"""Flow 3 over the wire: Het College (16UU) asks De Regenboog (14SS) for Tess's dossier.

One process serves three parties over real HTTPS with mutual TLS on loopback: the reference
Traffic Center (``/tc/``), the LAS inbound endpoint of both schools (``/oso/``), and the test
itself as the receiving LAS's user. All share this Django project and the test database.
"""

from __future__ import annotations

import datetime as dt
import logging
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from audit.models import AuditEvent
from dossiers import services as dossier_services
from dossiers.models import Overstapdossier
from scholen.models import Aanleverpunt, Registratiestatus
from trafficcenter import server as tc_server
from trafficcenter.models import TcSessie
from trafficcenter_client import pki
from trafficcenter_client.berichten import Resultaatcode
from trafficcenter_client.client import TcClient
from trafficcenter_client.models import (
    Berichtlog,
    Dossieraanvraag,
    Notificatie,
    OpvraagStatus,
    Opvraging,
    Richting,
    TcVerbinding,
)
from trafficcenter_client.services import aanleverpunt_registreren, dossier_opvragen

from . import factories as f
from .test_dossiers import collect, register_inzage

ONBEKEND_BSN = "111222333"  # valid (11-proef), known nowhere
ONGELDIG_BSN = "123456789"  # fails the 11-proef
OIN_LEVERANCIER = "00000001823456789000"


@dataclass(frozen=True)
class Pki:
    map: Path

    def pad(self, naam: str) -> str:
        return str(self.map / naam)


@pytest.fixture(scope="module")
def p(tmp_path_factory) -> Pki:
    """A CA; the TC's server certificate (also what doel systems encrypt zoeksleutels to); our
    LAS's supplier certificate (client) and its server certificate for the inbound endpoint."""
    wereld = Pki(tmp_path_factory.mktemp("oso-pki"))
    ca = pki.maak_ca("OSO-LAS test-CA")
    pki.schrijf_sleutelpaar(wereld.map / "ca.pem", wereld.map / "ca-key.pem", ca)
    for naam, paar in (
        ("tc", pki.maak_servercertificaat(ca, ["127.0.0.1", "localhost"])),
        ("las", pki.maak_clientcertificaat(ca, OIN_LEVERANCIER, "OSO-LAS leverancier")),
        ("las-server", pki.maak_servercertificaat(ca, ["127.0.0.1", "localhost"])),
    ):
        pki.schrijf_sleutelpaar(wereld.map / f"{naam}.pem", wereld.map / f"{naam}-key.pem", paar)
    return wereld


@pytest.fixture(autouse=True)
def tc_sleutel(settings, p):
    settings.OSO_TC_CERT = p.pad("tc.pem")
    settings.OSO_TC_KEY = p.pad("tc-key.pem")
    settings.OSO_TC_CA = p.pad("ca.pem")


def mandaten(oin: str = OIN_LEVERANCIER) -> None:
    """The schools of the test world mandate our supplier at the reference TC (issue 11)."""
    from scholen.models import School
    from trafficcenter.services import mandaat_verlenen

    for brin in School.objects.values_list("brincode", flat=True):
        mandaat_verlenen(oin, brin)


def verbinding(p: Pki, tc_url: str, **velden) -> TcVerbinding:
    mandaten()
    return TcVerbinding.objects.create(
        tc_url=tc_url,
        client_certificaat=p.pad("las.pem"),
        client_sleutel=p.pad("las-key.pem"),
        ca_certificaat=p.pad("ca.pem"),
        tc_certificaat=p.pad("tc.pem"),
        timeout=10,
        **velden,
    )


def vrije_poort() -> int:
    """A port nothing listens on (the TC is down)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def de_regenboog(db):
    return f.SchoolFactory(compleet=True, regionaal=True, brincode="14SS", naam="De Regenboog")


@pytest.fixture
def het_college(db):
    return f.SchoolFactory(compleet=True, vo=True, brincode="16UU", naam="Het College")


@pytest.fixture
def college_medewerker(het_college):
    from accounts.roles import Rol

    user = f.UserFactory(username="carla")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=het_college)
    return user


def geen_pgn_in(pgns: list[str], *bronnen: str) -> None:
    for tekst in bronnen:
        for pgn in pgns:
            assert pgn not in tekst


def rijen(model) -> str:
    return repr([model_to_dict(rij) for rij in model.objects.all()])


# --- before anything is sent ------------------------------------------------------------------


def test_an_invalid_bsn_is_refused_before_anything_is_sent(p, het_college, college_medewerker):
    verbinding(p, "https://127.0.0.1:9/tc/soap/")
    with pytest.raises(ValidationError, match="elfproef"):
        dossier_opvragen(
            school=het_college,
            herkomst_brin="14SS",
            pgn_type="bsn",
            pgn=ONGELDIG_BSN,
            user=college_medewerker,
        )
    assert Berichtlog.objects.count() == 0
    assert Opvraging.objects.count() == 0


def test_tc_down_leaves_a_failed_opvraging_and_nothing_else(
    p, het_college, college_medewerker, caplog
):
    verbinding(p, f"https://127.0.0.1:{vrije_poort()}/tc/soap/", pogingen=2)
    caplog.set_level(logging.INFO)

    opvraging = dossier_opvragen(
        school=het_college,
        herkomst_brin="14SS",
        pgn_type="bsn",
        pgn=ONBEKEND_BSN,
        user=college_medewerker,
        client=TcClient(backoff=0.01),
    )

    opvraging.refresh_from_db()
    assert opvraging.status == OpvraagStatus.MISLUKT
    assert "niet bereikbaar" in opvraging.melding
    assert (opvraging.xml, opvraging.sessie_id, opvraging.resultaat) == (None, None, "")
    assert opvraging.pgn == ONBEKEND_BSN  # kept, encrypted, to retry
    # one log row for the one call: refused before sending, so tried again, then given up
    log = Berichtlog.objects.get()
    assert (log.operatie, log.resultaat, log.pogingen) == (
        "overdrachtRequest",
        "NietBereikbaar",
        2,
    )
    assert Dossieraanvraag.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    geen_pgn_in([ONBEKEND_BSN], rijen(Berichtlog), caplog.text)


# --- the exchange over HTTPS ------------------------------------------------------------------


@pytest.fixture
def servers(transactional_db, p):
    """The TC on /tc/ and the LAS inbound endpoint on /oso/, both with mutual TLS."""
    gestart = []
    for naam, prefix in (("tc", "/tc/"), ("las-server", "/oso/")):
        server, thread, port = tc_server.start_server(
            0,
            cert=p.pad(f"{naam}.pem"),
            key=p.pad(f"{naam}-key.pem"),
            ca=p.pad("ca.pem"),
            pad_prefix=prefix,
            timeout=10,
        )
        gestart.append((server, thread, port))
    yield {"tc": gestart[0][2], "las": gestart[1][2]}
    for server, thread, _ in gestart:
        tc_server.stop_server(server, thread)


@pytest.fixture
def klaargezet(de_regenboog):
    """Tess Vos left De Regenboog for Het College: her POPO dossier is klaargezet for 16UU."""
    tess = f.LeerlingFactory(
        school=de_regenboog,
        uitgeschreven=True,
        roepnaam="Tess",
        achternaam="Vos",
        datum_inschrijving=dt.date(2018, 8, 20),
    )
    f.vul_alle_blokken(tess)
    dossier, _ = collect(tess, "POPO")
    register_inzage(dossier)
    klaarzetting = dossier_services.klaarzetten(dossier=dossier)
    assert klaarzetting.voor_brin == "16UU"
    return tess, klaarzetting


def test_flow_3_over_https_with_mutual_tls(
    servers, p, de_regenboog, het_college, college_medewerker, klaargezet, caplog
):
    caplog.set_level(logging.INFO)
    tess, klaarzetting = klaargezet
    daan = f.LeerlingFactory(school=de_regenboog, roepnaam="Daan", achternaam="Mulder")
    verbinding(p, f"https://127.0.0.1:{servers['tc']}/tc/soap/")
    las_url = f"https://127.0.0.1:{servers['las']}/oso/soap/"
    client = TcClient(backoff=0.01)

    # both schools register their aanleverpunt 0 with the URL where this LAS answers
    for school in (de_regenboog, het_college):
        ap = Aanleverpunt.objects.get(school=school, nummer=0)
        antwoord = aanleverpunt_registreren(ap, las_url, client=client)
        assert antwoord is not None and antwoord.aanleverpunt.url == las_url
        ap.refresh_from_db()
        assert ap.registratiestatus == Registratiestatus.GEREGISTREERD and ap.geregistreerd_op

    def opvragen(pgn: str, **extra) -> Opvraging:
        opvraging = dossier_opvragen(
            school=het_college,
            herkomst_brin="14SS",
            pgn_type="bsn",
            pgn=pgn,
            user=college_medewerker,
            client=client,
            **extra,
        )
        opvraging.refresh_from_db()
        return opvraging

    # 1. the dossier: exactly the klaargezette document
    geslaagd = opvragen(tess.pgn)
    assert geslaagd.status == OpvraagStatus.KLAAR, geslaagd.melding
    assert geslaagd.resultaat == Resultaatcode.OVERDRACHT_GESLAAGD
    assert bytes(geslaagd.xml) == bytes(klaarzetting.xml)
    assert geslaagd.verzameldatum == klaarzetting.versie.verzameld_op
    assert geslaagd.pgn == ""  # done: the number is not kept
    assert Overstapdossier.objects.get(leerling=tess).laatst_verzonden_op is not None
    verstrekt = AuditEvent.objects.get(actie="dossier_verstrekt")
    assert (verstrekt.leerling, verstrekt.school) == (tess, de_regenboog)
    sessie = TcSessie.objects.get(sessie_id=geslaagd.sessie_id)
    assert sessie.resultaat == Resultaatcode.OVERDRACHT_GESLAAGD and sessie.afgemeld_op

    # 2. a valid number De Regenboog does not know
    onbekend = opvragen(ONBEKEND_BSN)
    assert onbekend.resultaat == Resultaatcode.LEERLING_NIET_BEKEND
    assert Resultaatcode(onbekend.resultaat).gebruikerscode == "LEERLING_NIET_BEKEND"
    assert onbekend.xml is None

    # 3. a known pupil whose dossier is not klaargezet for Het College
    niet_klaar = opvragen(daan.pgn)
    assert niet_klaar.resultaat == Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR
    assert onbekend.status == niet_klaar.status == OpvraagStatus.KLAAR

    # 4. asked again with the collection moment we already have: nothing newer
    ongewijzigd = opvragen(tess.pgn, leerling=None, verzameldatum=geslaagd.verzameldatum)
    assert ongewijzigd.resultaat == Resultaatcode.LEERLING_INFO_NIET_GEWIJZIGD
    assert ongewijzigd.xml is None

    # the school of origin logged every request, with its result
    aanvragen = list(
        Dossieraanvraag.objects.filter(school=de_regenboog)
        .order_by("pk")
        .values_list("leerling", "aanvrager_brin", "resultaat")
    )
    assert aanvragen == [
        (tess.pk, "16UU", Resultaatcode.OVERDRACHT_GESLAAGD),
        (None, "16UU", Resultaatcode.LEERLING_NIET_BEKEND),
        (daan.pk, "16UU", Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR),
        (tess.pk, "16UU", Resultaatcode.LEERLING_INFO_NIET_GEWIJZIGD),
    ]
    geslaagde_aanvraag = Dossieraanvraag.objects.get(resultaat=Resultaatcode.OVERDRACHT_GESLAAGD)
    assert geslaagde_aanvraag.verzamelmoment == klaarzetting.versie.verzameld_op

    # every message in and out was logged: per opvraging overdracht, document, afmelding out;
    # per document request one in and one sessiecontrole out
    assert Berichtlog.objects.filter(richting=Richting.IN).count() == 4
    assert (
        Berichtlog.objects.filter(richting=Richting.UIT, operatie="sessiecontroleRequest").count()
        == 4
    )
    assert (
        Berichtlog.objects.filter(operatie="afmeldingRequest", resultaat="SessieAfgemeld").count()
        == 4
    )

    # no PGN anywhere: not in the logs, the requests, the audit trail or a log line
    geen_pgn_in(
        [tess.pgn, daan.pgn, ONBEKEND_BSN],
        rijen(Berichtlog),
        rijen(Dossieraanvraag),
        rijen(AuditEvent),
        caplog.text,
    )


# --- the inbound endpoint refuses what it cannot trust ----------------------------------------


@pytest.fixture
def las_cert_pem(p) -> str:
    return Path(p.pad("las.pem")).read_text()


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>',
        b"geen xml",
        b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">'
        b"<soapenv:Body/></soapenv:Envelope>",
    ],
    ids=["doctype", "geen-xml", "lege-body"],
)
def test_hostile_or_invalid_input_is_a_fault_and_nothing_is_stored(
    client, de_regenboog, las_cert_pem, body
):
    antwoord = client.post(
        "/oso/soap/", body, content_type="text/xml", SSL_CLIENT_CERT=las_cert_pem
    )
    assert antwoord.status_code == 500
    assert b"Fault" in antwoord.content
    assert Berichtlog.objects.count() == Dossieraanvraag.objects.count() == 0
    assert Notificatie.objects.count() == 0


def test_without_a_client_certificate_is_a_fault(client, de_regenboog):
    antwoord = client.post("/oso/soap/", b"<x/>", content_type="text/xml")
    assert antwoord.status_code == 500 and b"geen-certificaat" in antwoord.content
    assert client.get("/oso/soap/").status_code == 405


def test_a_notificatie_is_stored_and_acknowledged(p, client, het_college, las_cert_pem):
    import uuid

    from trafficcenter_client import berichten as b

    verbinding(p, "https://127.0.0.1:9/tc/soap/")
    kenmerk = Aanleverpunt.objects.get(school=het_college, nummer=0).routeringskenmerk
    koppelsleutel = uuid.uuid4()
    verzoek = b.NotificatieRequest(
        bron_brin="14SS",
        bron_routerings_kenmerk=pki.oin_voor_school("14SS", 0),
        doel_brin="16UU",
        doel_routerings_kenmerk=kenmerk,
        koppelsleutel=koppelsleutel,
        doel=b.Sector.VO,
        overdrachtsoort=b.Overdrachtsoort.OVERSTAPDOSSIER,
    )
    antwoord = client.post(
        "/oso/soap/", b.bouw(verzoek), content_type=b.CONTENT_TYPE, SSL_CLIENT_CERT=las_cert_pem
    )
    assert antwoord.status_code == 200
    assert b.lees(antwoord.content).resultaat == Resultaatcode.NOTIFICATIE_ONTVANGEN
    notificatie = Notificatie.objects.get()
    assert (notificatie.school, notificatie.koppelsleutel) == (het_college, koppelsleutel)
    assert Berichtlog.objects.get().richting == Richting.IN
