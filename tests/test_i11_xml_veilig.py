"""Issue 11, finding 3: a DOCTYPE anywhere in a received dossier is refused before the parser
sees a byte, so no file named in an entity is ever opened; the receiving school's request then
fails visibly instead of staying "bezig"."""

from __future__ import annotations

import os
import threading
import time

import pytest

from dossiers import xmlsafe
from dossiers.models import Klaarzetting
from dossiers.xmlsafe import OngeldigeXml, parse_dossier
from scholen.models import Aanleverpunt
from trafficcenter_client import berichten as b
from trafficcenter_client.berichten import Resultaatcode
from trafficcenter_client.client import TcClient
from trafficcenter_client.models import OpvraagStatus
from trafficcenter_client.services import aanleverpunt_registreren, dossier_opvragen

from . import test_tc_client as tc_wereld

college_medewerker = tc_wereld.college_medewerker
de_regenboog = tc_wereld.de_regenboog
het_college = tc_wereld.het_college
klaargezet = tc_wereld.klaargezet
p = tc_wereld.p
servers = tc_wereld.servers
tc_sleutel = tc_wereld.tc_sleutel

NS = xmlsafe.OSO_NAMESPACE


def vijandig_dossier(pad: str, opvulling: int = 70_000) -> bytes:
    """The attack of the probe: a DOCTYPE after a 70 KB comment, with a parameter entity that
    names a local file."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!--'
        + "x" * opvulling
        + f'-->\n<!DOCTYPE dossier [<!ENTITY % p SYSTEM "file://{pad}"> %p;]>\n'
        f'<dossier xmlns="{NS}"/>'
    ).encode()


@pytest.fixture
def fifo(tmp_path):
    """A named pipe: a reader that opens it blocks until a writer comes, so a parser that
    followed the entity would hang here instead of returning."""
    pad = tmp_path / "pijp"
    os.mkfifo(pad)
    return str(pad)


def _binnen(seconden: float, functie):
    uitkomst: dict = {}

    def draai():
        try:
            uitkomst["waarde"] = functie()
        except Exception as fout:  # noqa: BLE001 - handed to the test
            uitkomst["fout"] = fout

    thread = threading.Thread(target=draai, daemon=True)
    thread.start()
    thread.join(seconden)
    if thread.is_alive():  # unblock the reader so the thread can end, then fail
        with open(functie.fifo, "wb"):  # type: ignore[attr-defined]
            pass
        pytest.fail("de parser opende het bestand uit de entiteit")
    return uitkomst


def test_a_doctype_behind_a_long_comment_is_refused_without_opening_the_file(fifo):
    def lees():
        return parse_dossier(vijandig_dossier(fifo))

    lees.fifo = fifo
    begin = time.monotonic()
    uitkomst = _binnen(5, lees)
    assert time.monotonic() - begin < 5
    fout = uitkomst["fout"]
    assert isinstance(fout, OngeldigeXml) and fout.code == "doctype"
    assert fifo not in str(fout)


@pytest.mark.parametrize("opvulling", [10, 70_000, 5_000_000])
def test_doctype_and_entity_anywhere_are_refused(opvulling):
    for codec in ("utf-8", "utf-16"):
        data = vijandig_dossier("/dev/zero", opvulling)
        if codec == "utf-16":
            data = data.replace(b'"UTF-8"', b'"UTF-16"').decode().encode("utf-16")
        with pytest.raises(OngeldigeXml) as fout:
            parse_dossier(data)
        assert fout.value.code == "doctype"
    # an ENTITY declaration hidden in a CDATA section at the end is refused as well
    data = f'<dossier xmlns="{NS}"><x><![CDATA[<!ENTITY e "e">]]></x></dossier>'.encode()
    with pytest.raises(OngeldigeXml):
        parse_dossier(data)


@pytest.mark.parametrize(
    "data",
    [
        f'<?xml version="1.0" encoding="ISO-8859-1"?><dossier xmlns="{NS}"/>'.encode(),
        f'<dossier xmlns="{NS}"/>'.encode("utf-32"),
        f'<?xml version="1.0" encoding="UTF-7"?><dossier xmlns="{NS}"/>'.encode(),
    ],
    ids=["latin-1", "utf-32", "utf-7"],
)
def test_only_utf8_and_utf16(data):
    with pytest.raises(OngeldigeXml) as fout:
        parse_dossier(data)
    assert fout.value.code == "codering"


def test_utf16_dossier_is_read():
    data = f'<?xml version="1.0" encoding="UTF-16"?><dossier xmlns="{NS}"/>'.encode("utf-16")
    assert parse_dossier(data).getroot().tag == xmlsafe.DOSSIER_TAG


def test_depth_elements_and_time_are_bounded(monkeypatch):
    diep = f'<dossier xmlns="{NS}">' + "<x>" * 100 + "</x>" * 100 + "</dossier>"
    with pytest.raises(OngeldigeXml) as fout:
        parse_dossier(diep.encode())
    assert fout.value.code == "te-diep"
    veel = f'<dossier xmlns="{NS}">' + "<x/>" * 200 + "</dossier>"
    with pytest.raises(OngeldigeXml) as fout:
        xmlsafe.veilig_parsen(veel.encode(), max_grootte=10**6, max_elementen=100)
    assert fout.value.code == "te-veel-elementen"
    with pytest.raises(OngeldigeXml) as fout:
        xmlsafe.veilig_parsen(veel.encode(), max_grootte=10**6, max_seconden=-1)
    assert fout.value.code == "te-traag"


def test_soap_envelopes_go_through_the_same_function(monkeypatch):
    gezien = []
    echt = xmlsafe.veilig_parsen

    def bespied(data, **kwargs):
        gezien.append(kwargs["onderwerp"])
        return echt(data, **kwargs)

    monkeypatch.setattr(b, "veilig_parsen", bespied)
    bericht = b.AfmeldingResponse(resultaat=Resultaatcode.SESSIE_AFGEMELD)
    assert b.lees(b.bouw(bericht)) == bericht
    assert gezien == ["Het bericht"]


def test_a_hostile_dossier_from_the_school_of_origin_fails_the_request_visibly(
    servers, p, de_regenboog, het_college, college_medewerker, klaargezet, fifo
):
    tess, klaarzetting = klaargezet
    # the school of origin (here: its stored klaarzetting) serves the hostile document
    Klaarzetting.objects.filter(pk=klaarzetting.pk).update(xml=vijandig_dossier(fifo))
    tc_wereld.verbinding(p, f"https://127.0.0.1:{servers['tc']}/tc/soap/")
    las_url = f"https://127.0.0.1:{servers['las']}/oso/soap/"
    client = TcClient(backoff=0.01)
    for school in (de_regenboog, het_college):
        aanleverpunt_registreren(
            Aanleverpunt.objects.get(school=school, nummer=0), las_url, client=client
        )

    def vraag():
        return dossier_opvragen(
            school=het_college,
            herkomst_brin="14SS",
            pgn_type="bsn",
            pgn=tess.pgn,
            user=college_medewerker,
            client=client,
        )

    vraag.fifo = fifo
    uitkomst = _binnen(20, vraag)
    assert "fout" not in uitkomst, uitkomst.get("fout")
    opvraging = uitkomst["waarde"]
    opvraging.refresh_from_db()
    assert opvraging.status != OpvraagStatus.BEZIG
    assert opvraging.resultaat == Resultaatcode.ONGELDIG_BERICHT
    assert "DOCTYPE" in opvraging.melding
    assert opvraging.xml is None
