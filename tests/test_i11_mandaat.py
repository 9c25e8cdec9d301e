"""Issue 11, findings 1 and 2: only a mandated supplier acts for a school at the Traffic
Center; the school of origin serves a session's dossier once, and only to the certificate the TC
names for the session's doel; the doel retries a failed afmelding.

Over real HTTPS with client certificates, as the probe did it: a new certificate from the
development CA with an OIN of its own (no mandate) against the reference TC and the bron's
endpoint."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from scholen.models import Aanleverpunt
from trafficcenter.models import TcAanleverpunt, TcSessieGebruik
from trafficcenter_client import berichten as b
from trafficcenter_client import pki
from trafficcenter_client.berichten import Overdrachtsoort, Resultaatcode
from trafficcenter_client.client import TcClient, TcFout, TcNietBereikbaar
from trafficcenter_client.models import Dossieraanvraag, OpvraagStatus, Opvraging, TcVerbinding
from trafficcenter_client.services import (
    aanleverpunt_registreren,
    afmelding_herhalen,
    dossier_opvragen,
)
from trafficcenter_client.zoeksleutel import versleutel

from . import test_tc_client as tc_wereld

college_medewerker = tc_wereld.college_medewerker
de_regenboog = tc_wereld.de_regenboog
het_college = tc_wereld.het_college
klaargezet = tc_wereld.klaargezet
p = tc_wereld.p
servers = tc_wereld.servers
tc_sleutel = tc_wereld.tc_sleutel

OIN_INDRINGER = "00000001777777777000"


@pytest.fixture
def wereld(servers, p, de_regenboog, het_college, klaargezet):
    tc_wereld.verbinding(p, f"https://127.0.0.1:{servers['tc']}/tc/soap/")
    las_url = f"https://127.0.0.1:{servers['las']}/oso/soap/"
    client = TcClient(backoff=0.01)
    for school in (de_regenboog, het_college):
        ap = Aanleverpunt.objects.get(school=school, nummer=0)
        assert aanleverpunt_registreren(ap, las_url, client=client)
    return client, las_url


@pytest.fixture
def indringer(p, wereld, tmp_path) -> TcClient:
    """The intruder: a certificate of the same CA with an OIN of its own and no mandate."""
    ca = (pki.laad_certificaat(p.pad("ca.pem")), pki.laad_sleutel(p.pad("ca-key.pem")))
    paar = pki.maak_clientcertificaat(ca, OIN_INDRINGER, "Indringer")
    pki.schrijf_sleutelpaar(tmp_path / "i.pem", tmp_path / "i-key.pem", paar)
    verbinding = TcVerbinding(
        tc_url=TcVerbinding.huidige().tc_url,
        client_certificaat=str(tmp_path / "i.pem"),
        client_sleutel=str(tmp_path / "i-key.pem"),
        ca_certificaat=p.pad("ca.pem"),
        tc_certificaat=p.pad("tc.pem"),
        timeout=10,
        pogingen=1,
    )
    return TcClient(verbinding, backoff=0.01)


def _document_request(sessie, zoeksleutel, bron_ap, doel_ap) -> b.DocumentRequest:
    return b.DocumentRequest(
        sessie_id=sessie.sessie_id,
        bron_brin="14SS",
        bron_routerings_kenmerk=bron_ap.routeringskenmerk,
        doel_brin="16UU",
        doel_routerings_kenmerk=doel_ap.routeringskenmerk,
        overdrachtsoort=Overdrachtsoort.OVERSTAPDOSSIER,
        zoeksleutel=zoeksleutel,
    )


def _sessie(client: TcClient, het_college, pgn, p):
    doel_ap = Aanleverpunt.objects.get(school=het_college, nummer=0)
    zoeksleutel = versleutel("bsn", pgn, pki.laad_certificaat(p.pad("tc.pem")))
    geopend = client.tc(
        b.OverdrachtRequest(
            bron_brin="14SS",
            doel_brin="16UU",
            doel_routerings_kenmerk=doel_ap.routeringskenmerk,
            overdrachtsoort=Overdrachtsoort.OVERSTAPDOSSIER,
            zoeksleutel=zoeksleutel,
        ),
        school=het_college,
    )
    assert geopend.resultaat == Resultaatcode.SESSIE_GESTART
    return geopend, zoeksleutel, doel_ap


def test_without_a_mandate_no_aanleverpunt_and_no_session(wereld, indringer, het_college, p):
    """The probe's attack: register an unused kenmerk for 16UU, then open a session as 16UU."""
    kenmerk = pki.oin_voor_school("16UU", 7)
    with pytest.raises(TcFout) as fout:
        indringer.tc(
            b.RegistreerAanleverpuntRequest(
                brin="16UU",
                routerings_kenmerk=kenmerk,
                naam="Namaak",
                soort=b.SoortAanleverpunt.SCHOOL,
                sector=b.Sector.VO,
                url=wereld[1],
            )
        )
    assert "mandaat" in str(fout.value)
    assert not TcAanleverpunt.objects.filter(routeringskenmerk=kenmerk).exists()
    # nor can it open a session from the school's real aanleverpunt
    tess_pgn = "111222333"
    with pytest.raises(TcFout):
        _sessie(indringer, het_college, tess_pgn, p)


def test_a_foreign_certificate_gets_no_dossier_and_a_session_is_served_once(
    wereld, indringer, p, de_regenboog, het_college, klaargezet
):
    client, las_url = wereld
    tess, klaarzetting = klaargezet
    bron_ap = Aanleverpunt.objects.get(school=de_regenboog, nummer=0)

    # 1. a documentRequest of a real session, sent from another certificate: not served
    geopend, zoeksleutel, doel_ap = _sessie(client, het_college, tess.pgn, p)
    verzoek = _document_request(geopend, zoeksleutel, bron_ap, doel_ap)
    antwoord = indringer.stuur(las_url, verzoek)
    assert antwoord.resultaat == Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR
    assert antwoord.document is None

    # 2. a new session, asked by the doel itself: served exactly once
    geopend, zoeksleutel, doel_ap = _sessie(client, het_college, tess.pgn, p)
    verzoek = _document_request(geopend, zoeksleutel, bron_ap, doel_ap)
    eerste = client.stuur(las_url, verzoek, school=het_college)
    assert eerste.resultaat == Resultaatcode.OVERDRACHT_GESLAAGD and eerste.document
    # the TC went down before the afmelding: the session is still open. A replay, from another
    # certificate or the same one, is refused
    for wie in (indringer, client):
        opnieuw = wie.stuur(las_url, verzoek)
        assert opnieuw.resultaat != Resultaatcode.OVERDRACHT_GESLAAGD
        assert opnieuw.document is None
    # even a TC that would accept the session again does not make the bron serve it twice
    TcSessieGebruik.objects.all().delete()
    opnieuw = client.stuur(las_url, verzoek, school=het_college)
    assert opnieuw.resultaat == Resultaatcode.SESSIE_REEDS_AFGEMELD and opnieuw.document is None

    geslaagd = Dossieraanvraag.objects.filter(resultaat=Resultaatcode.OVERDRACHT_GESLAAGD)
    assert geslaagd.count() == 1
    assert AuditEvent.objects.filter(actie="dossier_verstrekt").count() == 1


class _TcValtUitBijAfmelden(TcClient):
    """The TC goes down between document and afmelding (fault injection on the network)."""

    uit = True

    def tc(self, bericht, **kwargs):
        if self.uit and isinstance(bericht, b.AfmeldingRequest):
            raise TcNietBereikbaar("Het Traffic Center is niet bereikbaar.")
        return super().tc(bericht, **kwargs)


def test_a_failed_afmelding_is_retried(wereld, het_college, college_medewerker, klaargezet):
    tess, _ = klaargezet
    client = _TcValtUitBijAfmelden(backoff=0.01)
    opvraging = dossier_opvragen(
        school=het_college,
        herkomst_brin="14SS",
        pgn_type="bsn",
        pgn=tess.pgn,
        user=college_medewerker,
        client=client,
    )
    opvraging.refresh_from_db()
    assert opvraging.status == OpvraagStatus.KLAAR and opvraging.afgemeld_op is None
    assert "opnieuw geprobeerd" in opvraging.melding
    from trafficcenter.models import TcSessie

    assert TcSessie.objects.get(sessie_id=opvraging.sessie_id).afgemeld_op is None

    assert afmelding_herhalen(opvraging, client=client) is False  # still down
    client.uit = False
    assert afmelding_herhalen(opvraging, client=client) is True
    assert Opvraging.objects.get(pk=opvraging.pk).afgemeld_op is not None
    sessie = TcSessie.objects.get(sessie_id=opvraging.sessie_id)
    assert sessie.afgemeld_op is not None
    assert sessie.resultaat == Resultaatcode.OVERDRACHT_GESLAAGD
