"""Flow 4 over the wire: a zorgcoördinator sends a zorgvraag to the reference SWV, which pulls the
SWV dossier with the koppelsleutel and sends a terugkoppeling back, all over real HTTPS with
mutual TLS on loopback: the reference Traffic Center (``/tc/``), the LAS endpoint (``/oso/``)
and the reference SWV system (``/swv/``), each with its own certificate.

The done-criterion of issue 5: for a PO and a VO pupil the dossier the SWV pulled validates
against the official XSD and our PaO rules, and neither the pupil's BSN nor onderwijsnummer is
anywhere in it, attachments decoded. The failure cases leave a visible "Niet afgeleverd" that
can be sent again without a second koppelsleutel or a second notificatie.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import logging
import socket
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.forms.models import model_to_dict
from lxml import etree

from audit.models import AuditEvent
from dossiers.regels import FOUT, valideer
from dossiers.xmlsafe import parse_dossier
from dossiers.xsd import xsd_fouten
from leerlingen import demo
from referentie_swv import services as swv
from referentie_swv.models import Aanvraag, AanvraagStatus, SwvSysteem
from scholen.models import Aanleverpunt
from trafficcenter import server as tc_server
from trafficcenter.models import TcKoppeling
from trafficcenter.services import mandaat_verlenen
from trafficcenter_client import pki
from trafficcenter_client.berichten import Resultaatcode, TerugkoppelingStatus
from trafficcenter_client.client import TcClient
from trafficcenter_client.models import Berichtlog, Dossieraanvraag, TcVerbinding
from trafficcenter_client.services import aanleverpunt_registreren
from zorgvraag import services
from zorgvraag.models import Aflevering, Terugkoppeling, Zorgvraag
from zorgvraag.selectors import AanleverpuntKeuze, swv_aanleverpunten

from . import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

OIN_LEVERANCIER = "00000001823456789000"
OIN_SWV = "00000001899999999000"
NS = {"d": "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"}
BESCHIKKING = demo.minimal_pdf("Beschikking", ["Arrangement lezen toegekend."])


@dataclass(frozen=True)
class Pki:
    map: Path

    def pad(self, naam: str) -> str:
        return str(self.map / naam)


@pytest.fixture(scope="module")
def p(tmp_path_factory) -> Pki:
    """A CA; the TC's certificate; our LAS's client and server certificates; the reference
    SWV system's own client certificate (a different supplier, a different OIN)."""
    wereld = Pki(tmp_path_factory.mktemp("oso-pki-swv"))
    ca = pki.maak_ca("OSO-LAS test-CA")
    pki.schrijf_certificaat(wereld.map / "ca.pem", ca[0])
    for naam, paar in (
        ("tc", pki.maak_servercertificaat(ca, ["127.0.0.1", "localhost"])),
        ("las", pki.maak_clientcertificaat(ca, OIN_LEVERANCIER, "OSO-LAS leverancier")),
        ("server", pki.maak_servercertificaat(ca, ["127.0.0.1", "localhost"])),
        ("swv", pki.maak_clientcertificaat(ca, OIN_SWV, "Referentie-SWV")),
    ):
        pki.schrijf_sleutelpaar(wereld.map / f"{naam}.pem", wereld.map / f"{naam}-key.pem", paar)
    return wereld


@pytest.fixture(autouse=True)
def tc_sleutel(settings, p):
    settings.OSO_TC_CERT = p.pad("tc.pem")
    settings.OSO_TC_KEY = p.pad("tc-key.pem")
    settings.OSO_TC_CA = p.pad("ca.pem")


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def servers(transactional_db, p):
    """The TC on /tc/, the LAS endpoint on /oso/ and the SWV system on /swv/, each with mTLS."""
    gestart = {}
    for naam, cert in (("tc", "tc"), ("oso", "server"), ("swv", "server")):
        gestart[naam] = tc_server.start_server(
            0,
            cert=p.pad(f"{cert}.pem"),
            key=p.pad(f"{cert}-key.pem"),
            ca=p.pad("ca.pem"),
            pad_prefix=f"/{naam}/",
            timeout=10,
        )
    yield {
        naam: f"https://127.0.0.1:{port}/{naam}/soap/" for naam, (_s, _t, port) in gestart.items()
    }
    for server, thread, _port in gestart.values():
        tc_server.stop_server(server, thread)


@dataclass
class Wereld:
    urls: dict[str, str]
    client: TcClient
    po: object
    vo: object
    swv_po: SwvSysteem
    swv_vo: SwvSysteem
    zorg_po: object
    zorg_vo: object

    def swv_client(self, systeem: SwvSysteem) -> TcClient:
        return swv.client_voor(systeem, backoff=0.01)


def swv_systeem(p: Pki, urls, code: str, nummer: int, **velden) -> SwvSysteem:
    return SwvSysteem.objects.create(
        naam=f"Loket ondersteuningsaanvragen {code}",
        swv_code=code,
        routeringskenmerk=demo.swv_routeringskenmerk(code, nummer),
        url=urls["swv"],
        tc_url=urls["tc"],
        client_certificaat=p.pad("swv.pem"),
        client_sleutel=p.pad("swv-key.pem"),
        ca_certificaat=p.pad("ca.pem"),
        timeout=10,
        **velden,
    )


@pytest.fixture
def wereld(servers, p) -> Wereld:
    from accounts.roles import Rol

    TcVerbinding.objects.create(
        tc_url=servers["tc"],
        client_certificaat=p.pad("las.pem"),
        client_sleutel=p.pad("las-key.pem"),
        ca_certificaat=p.pad("ca.pem"),
        tc_certificaat=p.pad("tc.pem"),
        timeout=10,
    )
    client = TcClient(backoff=0.01)
    po = f.SchoolFactory(compleet=True, brincode="14SS", naam="De Regenboog")
    vo = f.SchoolFactory(compleet=True, vo=True, brincode="16UU", naam="Het College")
    # the schools and SWVs mandate their suppliers at the TC (issue 11)
    for oin, brin in (
        (OIN_LEVERANCIER, "14SS"),
        (OIN_LEVERANCIER, "16UU"),
        (OIN_SWV, "PO2801"),
        (OIN_SWV, "VO2801"),
    ):
        mandaat_verlenen(oin, brin)
    for school in (po, vo):
        ap = Aanleverpunt.objects.get(school=school, nummer=0)
        assert aanleverpunt_registreren(ap, servers["oso"], client=client) is not None
    systemen = []
    for code, sector in (("PO2801", "PO"), ("VO2801", "VO")):
        verband = f.SamenwerkingsverbandFactory(code=code, sector=sector)
        f.AanleverpuntFactory(swv=True, samenwerkingsverband=verband, nummer=1)
        systeem = swv_systeem(p, servers, code, 1)
        assert swv.registreren(systeem, client=swv.client_voor(systeem, backoff=0.01))
        systemen.append(systeem)
    zorg = []
    for school in (po, vo):
        user = f.UserFactory(username=f"zorg-{school.brincode}")
        f.AanstellingFactory(user=user, rol=Rol.ZORGCOORDINATOR, school=school)
        zorg.append(user)
    return Wereld(servers, client, po, vo, *systemen, *zorg)


def leerling_met_gegevens(school, **extra):
    leerling = f.LeerlingFactory(
        school=school,
        groep="8A" if school.sector == "PO" else "2H",
        jaargroep="8" if school.sector == "PO" else "12",
        datum_inschrijving=dt.date(2019, 8, 19),
        **extra,
    )
    f.vul_alle_blokken(leerling)
    return leerling


def toelichting(leerling):
    pdf = demo.minimal_pdf("Toelichting onderwijsbehoeften", ["Lezen: extra ondersteuning."])
    return f.MapItemFactory(
        leerling=leerling, titel="Toelichting onderwijsbehoeften", bestand__data=pdf
    )


def maak(wereld: Wereld, leerling, user, keuze: AanleverpuntKeuze, **extra) -> Zorgvraag:
    return services.zorgvraag_aanmaken(
        leerling=leerling,
        omschrijving=extra.pop("omschrijving", "Aanvraag arrangement lezen"),
        aandachtspunten=extra.pop("aandachtspunten", "Graag snel contact."),
        aanleverpunt=keuze,
        blokken={"overstapadvies", "handelingsplannen", "toetsresultaten", "verzuim", "bijlagen"},
        toelichting=extra.pop("toelichting", None) or toelichting(leerling),
        bijlagen=list(leerling.map_items.all()),
        user=user,
        afleveren=False,
        **extra,
    )


def keuze_voor(wereld: Wereld, school) -> AanleverpuntKeuze:
    keuzes, melding = swv_aanleverpunten(school, client=wereld.client)
    assert melding == ""
    assert [k.swv_code for k in keuzes] == [f"{school.sector}2801"]  # only the school's sector
    return keuzes[0]


# --- decoding a dossier completely, to search it for a PGN -------------------------------------


def alle_teksten(xml: bytes) -> list[str]:
    """Every text in the dossier and in its attachments: names, and the bytes of each file inside
    each Base64 ZIP (decoded; Latin-1 so that any byte sequence becomes searchable text)."""
    root = etree.fromstring(xml)
    teksten = [xml.decode("utf-8")]
    for element in root.iter():
        if element.text:
            teksten.append(element.text)
    for inhoud in root.xpath("//d:bestandsinhoud", namespaces=NS):
        ruw = base64.b64decode(inhoud.text)
        with zipfile.ZipFile(io.BytesIO(ruw)) as archief:
            for lid in archief.infolist():
                teksten.append(lid.filename)
                teksten.append(archief.read(lid).decode("latin-1"))
    return teksten


def zonder_scheiding(tekst: str) -> str:
    return "".join(c for c in tekst if c not in " .-\n\r\t")


def geen_pgn(pgns: list[str], teksten: list[str]) -> None:
    for tekst in teksten:
        for pgn in pgns:
            assert pgn not in tekst
            assert pgn not in zonder_scheiding(tekst)


def rijen(model) -> str:
    return repr([model_to_dict(rij) for rij in model.objects.all()])


# --- the complete flow for a PO and a VO pupil ------------------------------------------------


@pytest.mark.parametrize("sector", ["PO", "VO"])
def test_zorgvraag_to_the_reference_swv_and_back(wereld, sector, caplog):
    caplog.set_level(logging.INFO)
    school = wereld.po if sector == "PO" else wereld.vo
    user = wereld.zorg_po if sector == "PO" else wereld.zorg_vo
    systeem = wereld.swv_po if sector == "PO" else wereld.swv_vo
    # a PO pupil with a BSN, a VO pupil with an onderwijsnummer; the number is also typed into
    # a note and the aandachtspunten, as happens in practice
    leerling = leerling_met_gegevens(
        school, **({"onderwijsnummer": True} if sector == "VO" else {})
    )
    pgn = leerling.pgn
    f.MapItemFactory(leerling=leerling, notitie=True, titel=f"Notitie {pgn}", tekst=f"PGN {pgn}")

    zorgvraag = maak(
        wereld, leerling, user, keuze_voor(wereld, school), aandachtspunten=f"Nummer {pgn}."
    )
    assert zorgvraag.profiel == f"SWV_{sector}"
    zorgvraag = services.zorgvraag_afleveren(zorgvraag.pk, client=wereld.client)

    assert zorgvraag.aflevering == Aflevering.VERZONDEN, zorgvraag.melding
    assert zorgvraag.notificatie_verstuurd and zorgvraag.koppelsleutel
    # the SWV received the notificatie and pulled the dossier with the koppelsleutel
    aanvraag = Aanvraag.objects.get(systeem=systeem, koppelsleutel=zorgvraag.koppelsleutel)
    assert aanvraag.status == AanvraagStatus.OPGEHAALD, aanvraag.melding
    assert bytes(aanvraag.xml) == bytes(zorgvraag.xml)
    assert aanvraag.controle == []
    assert aanvraag.leerling_naam.endswith(leerling.achternaam)
    assert aanvraag.overstap == f"{sector}SWV"
    zorgvraag.refresh_from_db()
    assert zorgvraag.opgehaald_op is not None

    # the dossier the SWV holds: XSD, every rule, swv-dossier, and no PGN anywhere
    xml = bytes(aanvraag.xml)
    assert xsd_fouten(xml) == []
    assert [m.regel for m in valideer(parse_dossier(xml)) if m.ernst == FOUT] == []
    root = parse_dossier(xml).getroot()
    assert root.findtext("d:overdrachtsoort", namespaces=NS) == "swv-dossier"
    assert root.xpath("//d:bsn | //d:onderwijsnummer", namespaces=NS) == []
    teksten = alle_teksten(xml)
    assert any("Toelichting onderwijsbehoeften" in t for t in teksten)
    assert len(root.xpath("//d:bestandsinhoud", namespaces=NS)) >= 3
    geen_pgn([pgn], teksten)

    # the school logged the request; the audit trail shows every step
    aanvraag_rij = Dossieraanvraag.objects.get(school=school)
    assert aanvraag_rij.resultaat == Resultaatcode.OVERDRACHT_GESLAAGD
    assert (aanvraag_rij.aanvrager_brin, aanvraag_rij.leerling) == (systeem.swv_code, leerling)
    acties = set(AuditEvent.objects.filter(leerling=leerling).values_list("actie", flat=True))
    assert {"zorgvraag_aangemaakt", "zorgvraag_verzonden", "zorgvraag_opgehaald"} <= acties

    # the SWV sends its terugkoppeling: status, message and document arrive at the zorgvraag
    verstuurd = swv.terugkoppeling_sturen(
        aanvraag,
        status=TerugkoppelingStatus.TOEGEKEND,
        bericht="Arrangement lezen toegekend voor een jaar.",
        document=BESCHIKKING,
        client=wereld.swv_client(systeem),
    )
    assert swv.afgeleverd(verstuurd), verstuurd.melding
    terug = Terugkoppeling.objects.get(zorgvraag=zorgvraag)
    assert (terug.status, terug.bericht) == (
        "Toegekend",
        "Arrangement lezen toegekend voor een jaar.",
    )
    # the document is a file in the storage, encrypted at rest, under a random name
    assert terug.document.name.startswith("zorgvraag/terugkoppeling/")
    assert terug.document.read() == BESCHIKKING
    assert not terug.document.storage.ruw(terug.document.name).startswith(b"%PDF")
    assert AuditEvent.objects.filter(actie="zorgvraag_terugkoppeling", leerling=leerling).exists()

    # no PGN in any log, message or audit row
    geen_pgn(
        [pgn],
        [rijen(Berichtlog), rijen(Dossieraanvraag), rijen(AuditEvent), rijen(Zorgvraag)]
        + [caplog.text, zorgvraag.melding],
    )


def test_sending_again_sends_nothing_twice(wereld):
    leerling = leerling_met_gegevens(wereld.po)
    zorgvraag = maak(wereld, leerling, wereld.zorg_po, keuze_voor(wereld, wereld.po))
    eerst = services.zorgvraag_afleveren(zorgvraag.pk, client=wereld.client)
    assert eerst.aflevering == Aflevering.VERZONDEN
    notificaties = Berichtlog.objects.filter(operatie="notificatieRequest", richting="uit").count()

    nog_eens = services.zorgvraag_afleveren(zorgvraag.pk, client=wereld.client)

    assert nog_eens.aflevering == Aflevering.VERZONDEN
    assert nog_eens.koppelsleutel == eerst.koppelsleutel
    assert TcKoppeling.objects.count() == 1
    assert (
        Berichtlog.objects.filter(operatie="notificatieRequest", richting="uit").count()
        == notificaties
    )
    assert Aanvraag.objects.count() == 1


def test_a_deleted_zorgvraag_can_no_longer_be_pulled(wereld):
    wereld.swv_po.automatisch_ophalen = False
    wereld.swv_po.save()
    leerling = leerling_met_gegevens(wereld.po)
    zorgvraag = maak(wereld, leerling, wereld.zorg_po, keuze_voor(wereld, wereld.po))
    zorgvraag = services.zorgvraag_afleveren(zorgvraag.pk, client=wereld.client)
    aanvraag = Aanvraag.objects.get(koppelsleutel=zorgvraag.koppelsleutel)
    assert aanvraag.status == AanvraagStatus.GENOTIFICEERD

    zorgvraag.refresh_from_db()
    assert zorgvraag.pdf  # made after the commit, as in use
    pdf = zorgvraag.pdf.name

    services.zorgvraag_verwijderen(zorgvraag=zorgvraag, user=wereld.zorg_po)

    assert not zorgvraag.pdf.storage.exists(pdf)  # deleted after the commit

    aanvraag = swv.dossier_ophalen(aanvraag, client=wereld.swv_client(wereld.swv_po))
    assert aanvraag.status == AanvraagStatus.MISLUKT
    assert aanvraag.xml is None
    assert "verwijderd" in aanvraag.melding
    assert Dossieraanvraag.objects.get().resultaat == Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR
    # and a terugkoppeling on it is refused
    verstuurd = swv.terugkoppeling_sturen(
        aanvraag, status="InBehandeling", client=wereld.swv_client(wereld.swv_po)
    )
    assert not swv.afgeleverd(verstuurd)
    assert Terugkoppeling.objects.count() == 0
    assert AuditEvent.objects.filter(actie="zorgvraag_verwijderd", leerling=leerling).exists()


def test_a_terugkoppeling_that_is_not_stored_leaves_no_file(wereld, monkeypatch):
    from audit import events

    leerling = leerling_met_gegevens(wereld.po)
    zorgvraag = maak(wereld, leerling, wereld.zorg_po, keuze_voor(wereld, wereld.po))
    zorgvraag = services.zorgvraag_afleveren(zorgvraag.pk, client=wereld.client)
    aanvraag = Aanvraag.objects.get(koppelsleutel=zorgvraag.koppelsleutel)
    opslag = Terugkoppeling._meta.get_field("document").storage
    map_ = Path(settings.MEDIA_ROOT) / "zorgvraag" / "terugkoppeling"

    def kapot(**kwargs):
        raise RuntimeError("de audit-tabel is weg")

    monkeypatch.setattr(events, "zorgvraag_terugkoppeling", kapot)
    verstuurd = swv.terugkoppeling_sturen(
        aanvraag,
        status=TerugkoppelingStatus.TOEGEKEND,
        document=BESCHIKKING,
        client=wereld.swv_client(wereld.swv_po),
    )

    assert not swv.afgeleverd(verstuurd)
    assert Terugkoppeling.objects.count() == 0  # the transaction was rolled back...
    assert not map_.exists() or list(map_.iterdir()) == []  # ...and took the file with it

    monkeypatch.undo()
    verstuurd = swv.terugkoppeling_sturen(
        aanvraag,
        status=TerugkoppelingStatus.TOEGEKEND,
        document=BESCHIKKING,
        client=wereld.swv_client(wereld.swv_po),
    )
    assert swv.afgeleverd(verstuurd), verstuurd.melding
    terug = Terugkoppeling.objects.get()
    assert [p.name for p in map_.iterdir()] == [Path(terug.document.name).name]
    assert opslag.open(terug.document.name).read() == BESCHIKKING


# --- failures: not delivered, visible, sent again ---------------------------------------------


def test_traffic_center_down_then_sent_again(wereld):
    leerling = leerling_met_gegevens(wereld.po)
    zorgvraag = maak(wereld, leerling, wereld.zorg_po, keuze_voor(wereld, wereld.po))
    verbinding = TcVerbinding.objects.get()
    goed = verbinding.tc_url
    verbinding.tc_url = f"https://127.0.0.1:{vrije_poort()}/tc/soap/"
    verbinding.pogingen = 1
    verbinding.save()

    mislukt = services.zorgvraag_afleveren(zorgvraag.pk, client=TcClient(backoff=0.01))

    assert mislukt.aflevering == Aflevering.NIET_AFGELEVERD
    assert "Traffic Center is niet bereikbaar" in mislukt.melding
    assert mislukt.koppelsleutel is None and not mislukt.notificatie_verstuurd
    assert bytes(mislukt.xml) == bytes(zorgvraag.xml)  # nothing lost
    assert AuditEvent.objects.filter(actie="zorgvraag_niet_afgeleverd").count() == 1

    verbinding.tc_url = goed
    verbinding.save()
    gelukt = services.zorgvraag_afleveren(zorgvraag.pk, client=TcClient(backoff=0.01))
    assert gelukt.aflevering == Aflevering.VERZONDEN and gelukt.melding == ""
    assert gelukt.pogingen == 2
    assert Aanvraag.objects.get().status == AanvraagStatus.OPGEHAALD


def test_unknown_swv_aanleverpunt_is_not_delivered(wereld):
    leerling = leerling_met_gegevens(wereld.po)
    onbekend = AanleverpuntKeuze(demo.swv_routeringskenmerk("PO2899", 1), "PO2899", "Onbekend")
    zorgvraag = maak(wereld, leerling, wereld.zorg_po, onbekend)

    zorgvraag = services.zorgvraag_afleveren(zorgvraag.pk, client=wereld.client)

    assert zorgvraag.aflevering == Aflevering.NIET_AFGELEVERD
    assert "niet (meer) bekend" in zorgvraag.melding
    assert zorgvraag.koppelsleutel is None
    assert TcKoppeling.objects.count() == 0


def test_unreachable_swv_then_sent_again_with_the_same_koppelsleutel(wereld):
    systeem = wereld.swv_po
    systeem.url = f"https://127.0.0.1:{vrije_poort()}/swv/soap/"
    systeem.pogingen = 1
    systeem.save()
    assert swv.registreren(systeem, client=wereld.swv_client(systeem))
    leerling = leerling_met_gegevens(wereld.po)
    zorgvraag = maak(wereld, leerling, wereld.zorg_po, keuze_voor(wereld, wereld.po))
    verbinding = TcVerbinding.objects.get()
    verbinding.pogingen = 1
    verbinding.save()

    mislukt = services.zorgvraag_afleveren(zorgvraag.pk, client=TcClient(backoff=0.01))

    assert mislukt.aflevering == Aflevering.NIET_AFGELEVERD
    assert "samenwerkingsverband is niet bereikbaar" in mislukt.melding
    assert mislukt.koppelsleutel is not None  # obtained, kept for the next attempt

    systeem.url = wereld.urls["swv"]
    systeem.save()
    assert swv.registreren(systeem, client=wereld.swv_client(systeem))
    gelukt = services.zorgvraag_afleveren(zorgvraag.pk, client=TcClient(backoff=0.01))

    assert gelukt.aflevering == Aflevering.VERZONDEN, gelukt.melding
    assert gelukt.koppelsleutel == mislukt.koppelsleutel
    assert TcKoppeling.objects.count() == 1
    assert Aanvraag.objects.get().status == AanvraagStatus.OPGEHAALD


def test_refused_notificatie_is_not_delivered(wereld):
    # registered and active at the TC, but this SWV system no longer serves the aanleverpunt
    SwvSysteem.objects.filter(pk=wereld.swv_po.pk).update(actief=False)
    leerling = leerling_met_gegevens(wereld.po)
    zorgvraag = maak(wereld, leerling, wereld.zorg_po, keuze_voor(wereld, wereld.po))

    zorgvraag = services.zorgvraag_afleveren(zorgvraag.pk, client=wereld.client)

    assert zorgvraag.aflevering == Aflevering.NIET_AFGELEVERD
    assert "weigerde de notificatie" in zorgvraag.melding
    assert Aanvraag.objects.count() == 0


# --- the step oso_testuitwisseling runs --------------------------------------------------------


def test_zorgvraag_stap_for_oso_testuitwisseling(wereld):
    from zorgvraag.testuitwisseling import zorgvraag_stap

    leerling = leerling_met_gegevens(wereld.vo, onderwijsnummer=True)
    ap = Aanleverpunt.objects.get(routeringskenmerk=wereld.swv_vo.routeringskenmerk)
    meldingen: list[str] = []

    zorgvraag = zorgvraag_stap(
        leerling=leerling,
        swv_aanleverpunt=ap,
        user=wereld.zorg_vo,
        meld=meldingen.append,
        client_school=wereld.client,
        client_swv=wereld.swv_client(wereld.swv_vo),
    )

    assert zorgvraag.aflevering == Aflevering.VERZONDEN
    assert len(meldingen) == 5 and "Terugkoppeling" in meldingen[-1]
    assert zorgvraag.terugkoppelingen.get().status == "InBehandeling"


def test_zorgvraag_stap_fails_in_dutch(wereld):
    from zorgvraag.testuitwisseling import ZorgvraagStapMislukt, zorgvraag_stap

    SwvSysteem.objects.filter(pk=wereld.swv_po.pk).update(actief=False)
    ap = Aanleverpunt.objects.get(routeringskenmerk=wereld.swv_po.routeringskenmerk)
    with pytest.raises(ZorgvraagStapMislukt, match="geen referentie-SWV-systeem"):
        zorgvraag_stap(
            leerling=leerling_met_gegevens(wereld.po),
            swv_aanleverpunt=ap,
            user=wereld.zorg_po,
            meld=print,
        )
