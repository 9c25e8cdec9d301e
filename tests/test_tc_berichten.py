"""The Traffic Center wire format: every message survives bouw → lees unchanged, and whatever a
hostile or broken peer sends is refused with one error, OngeldigBericht, before anything in it is
used."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import inspect
import logging
import os
import uuid

import pytest
from lxml import etree

from trafficcenter_client import berichten as b
from trafficcenter_client.berichten import OngeldigBericht, Resultaatcode

# --- a small world: a primary school, a secondary school, an SWV -----------------------------

DE_REGENBOOG = "14SS"  # primary school, bron of the dossier
HET_LYCEUM = "27QX"  # secondary school, doel
SWV_ZUID = "PO2801"
AP_REGENBOOG = "0000000700014SS00000"
AP_REGENBOOG_1 = "0000000700014SS00001"
AP_LYCEUM = "0000000700027QX00000"
AP_SWV = "SWVPO280100000000950"

ZOEKSLEUTEL = base64.urlsafe_b64encode(bytes(range(7, 127))).rstrip(b"=").decode()
SESSIE = uuid.UUID("2f1c6f7e-8a34-4e0b-9a53-0f0e5e2f9c11")
KOPPELSLEUTEL = uuid.UUID("19677A96-B737-402E-B3B8-24A3EEF32000")
VERZAMELD = dt.datetime(2025, 3, 14, 9, 26, 53, 589000, tzinfo=dt.UTC)
DOSSIER = b'<?xml version="1.0"?><dossier xmlns="urn:x">\xc3\xa9\x00\xff</dossier>'

REGENBOOG_0 = b.Aanleverpunt(
    brin=DE_REGENBOOG,
    routerings_kenmerk=AP_REGENBOOG,
    naam="De Regenboog, hoofdlocatie",
    soort=b.SoortAanleverpunt.SCHOOL,
    actief=True,
    url="https://las.example.nl/oso/14SS/0",
)
REGENBOOG_1 = b.Aanleverpunt(
    brin=DE_REGENBOOG,
    routerings_kenmerk=AP_REGENBOOG_1,
    naam="De Regenboog & dependance <Noord>",
    soort=b.SoortAanleverpunt.REGIONAAL_PLATFORM,
    actief=False,
)
SWV_AP = b.Aanleverpunt(
    brin=SWV_ZUID,
    routerings_kenmerk=AP_SWV,
    naam="SWV Zuid (Kindkans)",
    soort=b.SoortAanleverpunt.SWV,
    actief=True,
    url="https://swv.example.nl/oso",
)
BRON_DOEL = {
    "bron_brin": DE_REGENBOOG,
    "bron_routerings_kenmerk": AP_REGENBOOG,
    "doel_brin": HET_LYCEUM,
    "doel_routerings_kenmerk": AP_LYCEUM,
}
NAAR_SWV = {**BRON_DOEL, "doel_brin": SWV_ZUID, "doel_routerings_kenmerk": AP_SWV}

VOORBEELDEN = [
    b.OverdrachtRequest(
        bron_brin=DE_REGENBOOG,
        doel_brin=HET_LYCEUM,
        doel_routerings_kenmerk=AP_LYCEUM,
        overdrachtsoort=b.Overdrachtsoort.OVERSTAPDOSSIER,
        zoeksleutel=ZOEKSLEUTEL,
        pgnfrag="4382",
    ),
    b.OverdrachtRequest(
        **NAAR_SWV, overdrachtsoort=b.Overdrachtsoort.SWV_DOSSIER, koppelsleutel=KOPPELSLEUTEL
    ),
    b.OverdrachtResponse(
        resultaat=Resultaatcode.SESSIE_GESTART,
        sessie_id=SESSIE,
        aanleverpunten=(REGENBOOG_0, REGENBOOG_1),
    ),
    b.OverdrachtResponse(
        resultaat=Resultaatcode.VERSTREKKER_NIET_BEKEND, toelichting="BRIN 14SS is onbekend."
    ),
    b.SessiecontroleRequest(
        sessie_id=SESSIE,
        **BRON_DOEL,
        overdrachtsoort=b.Overdrachtsoort.BINNEN_BRIN,
        zoeksleutel=ZOEKSLEUTEL,
    ),
    b.SessiecontroleResponse(resultaat=Resultaatcode.SESSIE_GELDIG, sector=b.Sector.VO),
    b.SessiecontroleResponse(resultaat=Resultaatcode.SESSIE_REEDS_AFGEMELD),
    b.AfmeldingRequest(
        sessie_id=SESSIE,
        doel_brin=HET_LYCEUM,
        doel_routerings_kenmerk=AP_LYCEUM,
        resultaat=Resultaatcode.OVERDRACHT_GESLAAGD,
        bron_routerings_kenmerk=AP_REGENBOOG,
    ),
    b.AfmeldingResponse(resultaat=Resultaatcode.SESSIE_AFGEMELD),
    b.DocumentRequest(
        sessie_id=SESSIE,
        **BRON_DOEL,
        overdrachtsoort=b.Overdrachtsoort.OVERSTAPDOSSIER,
        zoeksleutel=ZOEKSLEUTEL,
        dossier_verzameldatum=dt.datetime(
            2025, 1, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))
        ),
    ),
    b.DocumentResponse(
        resultaat=Resultaatcode.OVERDRACHT_GESLAAGD,
        document=DOSSIER,
        dossier_verzameldatum=VERZAMELD,
    ),
    b.DocumentResponse(resultaat=Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR),
    b.DocumentResponse(
        resultaat=Resultaatcode.LEERLING_INFO_NIET_GEWIJZIGD, dossier_verzameldatum=VERZAMELD
    ),
    b.MeldenNotificatieRequest(
        **NAAR_SWV, overdrachtsoort=b.Overdrachtsoort.SWV_DOSSIER, doel=b.Sector.SWV
    ),
    b.MeldenNotificatieResponse(
        resultaat=Resultaatcode.KOPPELSLEUTEL_UITGEGEVEN, koppelsleutel=KOPPELSLEUTEL
    ),
    b.NotificatieRequest(
        **NAAR_SWV,
        koppelsleutel=KOPPELSLEUTEL,
        doel=b.Sector.SWV,
        overdrachtsoort=b.Overdrachtsoort.SWV_DOSSIER,
    ),
    b.NotificatieRequest(
        **BRON_DOEL,
        koppelsleutel=KOPPELSLEUTEL,
        doel=b.Sector.VO,
        overdrachtsoort=b.Overdrachtsoort.OVERSTAPDOSSIER,
        zoeksleutel=ZOEKSLEUTEL,
        dossier_verzameldatum=VERZAMELD,
    ),
    b.NotificatieResponse(resultaat=Resultaatcode.NOTIFICATIE_ONTVANGEN),
    b.MeldenTerugkoppelingRequest(**NAAR_SWV, koppelsleutel=KOPPELSLEUTEL),
    b.MeldenTerugkoppelingResponse(
        resultaat=Resultaatcode.TERUGKOPPELING_GEMELD, aanleverpunt=REGENBOOG_0
    ),
    b.TerugkoppelingRequest(
        **NAAR_SWV,
        koppelsleutel=KOPPELSLEUTEL,
        status=b.TerugkoppelingStatus.TOEGEKEND,
        bericht="TLV toegekend voor twee schooljaren.\nZie de beschikking.",
        document=b"%PDF-1.7 beschikking",
    ),
    b.TerugkoppelingResponse(resultaat=Resultaatcode.TERUGKOPPELING_ONTVANGEN),
    b.OverzichtAanleverpuntRequest(doel=b.Sector.SWV),
    b.OverzichtAanleverpuntRequest(),
    b.OverzichtAanleverpuntResponse(
        resultaat=Resultaatcode.AANLEVERPUNTEN_GEVONDEN, aanleverpunten=(SWV_AP,)
    ),
    b.OverzichtAanleverpuntResponse(resultaat=Resultaatcode.AANLEVERPUNTEN_GEVONDEN),
    b.RegistreerAanleverpuntRequest(
        brin=DE_REGENBOOG,
        routerings_kenmerk=AP_REGENBOOG,
        naam="De Regenboog, hoofdlocatie",
        soort=b.SoortAanleverpunt.SCHOOL,
        sector=b.Sector.PO,
        url="https://las.example.nl/oso/14SS/0",
    ),
    b.RegistreerAanleverpuntResponse(
        resultaat=Resultaatcode.AANLEVERPUNT_GEREGISTREERD, aanleverpunt=REGENBOOG_0
    ),
    b.RegistreerAanleverpuntResponse(
        resultaat=Resultaatcode.ONGELDIG_BERICHT, toelichting="Het routeringskenmerk klopt niet."
    ),
    b.SoapFout(faultcode="Client", faultstring="Ongeldig bericht", detail="ontbrekend-veld"),
]


def _id(bericht) -> str:
    return type(bericht).__name__


def _envelop(body: str, *, kop: str = "", prefix: str = "soapenv") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<{prefix}:Envelope xmlns:{prefix}="{b.SOAP_NS}" xmlns:oso="{b.OSO_NS}"'
        f' xmlns:wsa="{b.WSA_NS}">{kop}<{prefix}:Body>{body}</{prefix}:Body></{prefix}:Envelope>'
    ).encode()


def _zonder(data: bytes, element: str) -> bytes:
    """``data`` with the element ``oso:<element>`` removed."""
    root = etree.fromstring(data)
    for el in root.iter(f"{{{b.OSO_NS}}}{element}"):
        el.getparent().remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _met_tekst(data: bytes, element: str, tekst: str) -> bytes:
    root = etree.fromstring(data)
    next(root.iter(f"{{{b.OSO_NS}}}{element}")).text = tekst
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _geweigerd(data: bytes, code: str, **kwargs) -> OngeldigBericht:
    with pytest.raises(OngeldigBericht) as info:
        b.lees(data, **kwargs)
    assert info.value.code == code, str(info.value)
    return info.value


DOCUMENT_REQUEST = next(v for v in VOORBEELDEN if isinstance(v, b.DocumentRequest))


# --- round trips -----------------------------------------------------------------------------


def test_every_message_type_has_an_example():
    assert {type(v) for v in VOORBEELDEN} == set(b.BERICHTKLASSEN) | {b.SoapFout}
    assert len(b.BERICHTTYPEN) == 20


@pytest.mark.parametrize("bericht", VOORBEELDEN, ids=_id)
def test_round_trip(bericht):
    data = b.bouw(bericht)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    gelezen = b.lees(data)
    assert type(gelezen) is type(bericht)
    assert gelezen == bericht


@pytest.mark.parametrize("grootte_mb", [5, 12])
def test_round_trip_of_a_large_document(grootte_mb):
    # 12 MB is 16 MB of Base64: more than libxml2's default limit on one text node
    document = os.urandom(grootte_mb * 1024 * 1024)
    bericht = b.DocumentResponse(resultaat=Resultaatcode.OVERDRACHT_GESLAAGD, document=document)
    gelezen = b.lees(b.bouw(bericht))
    assert gelezen.document == document
    assert gelezen == bericht


def test_envelope_shape_and_element_names():
    bericht_id = uuid.uuid4()
    data = b.bouw(VOORBEELDEN[0], bericht_id=bericht_id)
    root = etree.fromstring(data)
    assert root.tag == f"{{{b.SOAP_NS}}}Envelope"
    kop, body = list(root)
    assert [el.tag for el in kop] == [f"{{{b.WSA_NS}}}Action", f"{{{b.WSA_NS}}}MessageID"]
    assert kop[0].text == f"{b.OSO_NS}/overdrachtRequest"
    assert kop[1].text == f"urn:uuid:{bericht_id}"
    (bericht,) = list(body)
    assert bericht.tag == f"{{{b.OSO_NS}}}overdrachtRequest"
    assert [etree.QName(el).localname for el in bericht] == [
        "bronBrin",
        "doelBrin",
        "doelRouteringsKenmerk",
        "overdrachtsoort",
        "zoeksleutel",
        "pgnfrag",
    ]
    envelop = b.lees_envelop(data)
    assert envelop.actie == b.actie(b.OverdrachtRequest)
    assert envelop.bericht_id == f"urn:uuid:{bericht_id}"


def test_document_travels_as_base64_and_guid_in_capitals():
    document = next(v for v in VOORBEELDEN if isinstance(v, b.DocumentResponse))
    root = etree.fromstring(b.bouw(document))
    assert next(root.iter(f"{{{b.OSO_NS}}}document")).text == base64.b64encode(DOSSIER).decode()
    melding = next(v for v in VOORBEELDEN if isinstance(v, b.MeldenNotificatieResponse))
    root = etree.fromstring(b.bouw(melding))
    assert (
        next(root.iter(f"{{{b.OSO_NS}}}koppelsleutel")).text
        == "19677A96-B737-402E-B3B8-24A3EEF32000"
    )


def test_a_tolerant_reader_without_header_other_prefixes_and_unqualified_fields():
    data = _envelop(
        '<tc:meldenNotificatieResponse xmlns:tc="http://xml.kennisnet.nl/schemas/Overstapservice'
        '/20200910"><resultaat> KoppelsleutelUitgegeven </resultaat>'
        "<koppelsleutel>19677a96-b737-402e-b3b8-24a3eef32000</koppelsleutel>"
        "<!-- a comment --></tc:meldenNotificatieResponse>",
        prefix="s",
    )
    envelop = b.lees_envelop(data)
    assert envelop.actie is None and envelop.bericht_id is None
    assert envelop.bericht == b.MeldenNotificatieResponse(
        resultaat=Resultaatcode.KOPPELSLEUTEL_UITGEGEVEN, koppelsleutel=KOPPELSLEUTEL
    )


def test_unknown_header_blocks_are_skipped_unless_they_must_be_understood():
    body = (
        "<oso:afmeldingResponse><oso:resultaat>SessieAfgemeld</oso:resultaat>"
        "</oso:afmeldingResponse>"
    )
    kop = (
        "<soapenv:Header><wsa:To>https://tc.example.nl</wsa:To>"
        "<wsa:Action>afmeldingResponse</wsa:Action></soapenv:Header>"
    )
    assert b.lees(_envelop(body, kop=kop)) == b.AfmeldingResponse(
        resultaat=Resultaatcode.SESSIE_AFGEMELD
    )
    moet = (
        '<soapenv:Header><x:Security xmlns:x="urn:x" soapenv:mustUnderstand="1"/></soapenv:Header>'
    )
    _geweigerd(_envelop(body, kop=moet), "niet-begrepen-header")


def test_an_action_that_does_not_match_the_body_is_refused():
    data = b.bouw(b.AfmeldingResponse(resultaat=Resultaatcode.SESSIE_AFGEMELD))
    data = data.replace(b"/afmeldingResponse</wsa:Action>", b"/documentResponse</wsa:Action>")
    _geweigerd(data, "actie-wijkt-af")


def test_a_datetime_without_offset_is_dutch_time_and_fractions_are_cut_to_microseconds():
    data = _met_tekst(
        b.bouw(DOCUMENT_REQUEST), "dossierVerzameldatum", "2025-07-01T12:00:00.1234567"
    )
    gelezen = b.lees(data)
    assert gelezen.dossier_verzameldatum == dt.datetime(2025, 7, 1, 10, 0, 0, 123456, tzinfo=dt.UTC)


# --- hostile input ---------------------------------------------------------------------------


@pytest.fixture
def geheim_bestand(tmp_path):
    marker = "GEHEIM-" + uuid.uuid4().hex
    pad = tmp_path / "passwd"
    pad.write_text(marker)
    return pad, marker


def _xxe_envelop(pad) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE soapenv:Envelope [<!ENTITY xxe SYSTEM "{pad.as_uri()}">]>\n'
        f'<soapenv:Envelope xmlns:soapenv="{b.SOAP_NS}" xmlns:oso="{b.OSO_NS}"><soapenv:Body>'
        "<oso:afmeldingResponse><oso:resultaat>SessieAfgemeld</oso:resultaat>"
        "<oso:toelichting>&xxe;</oso:toelichting></oso:afmeldingResponse>"
        "</soapenv:Body></soapenv:Envelope>"
    ).encode()


def test_xxe_is_refused_and_the_file_never_read(geheim_bestand, caplog):
    pad, marker = geheim_bestand
    caplog.set_level(logging.DEBUG)
    fout = _geweigerd(_xxe_envelop(pad), "doctype")
    assert marker not in str(fout)
    assert marker not in caplog.text


def test_xxe_is_refused_by_the_parser_too_when_the_first_check_is_bypassed(
    geheim_bestand, monkeypatch
):
    pad, marker = geheim_bestand
    from dossiers import xmlsafe

    monkeypatch.setattr(xmlsafe, "weiger_doctype", lambda data, codec, onderwerp="": None)
    fout = _geweigerd(_xxe_envelop(pad), "doctype")
    assert marker not in str(fout)


def test_xxe_in_utf16_is_refused(geheim_bestand):
    pad, marker = geheim_bestand
    data = _xxe_envelop(pad).replace(b'encoding="UTF-8"', b'encoding="UTF-16"')
    fout = _geweigerd(data.decode().encode("utf-16"), "doctype")
    assert marker not in str(fout)


def test_a_doctype_behind_a_long_comment_is_refused(geheim_bestand):
    pad, _ = geheim_bestand
    data = _xxe_envelop(pad).replace(b"?>\n", b"?>\n<!--" + b"x" * 200_000 + b"-->", 1)
    _geweigerd(data, "doctype")


def test_billion_laughs_is_refused():
    entiteiten = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'
        for i in range(10)
    )
    data = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entiteiten}]>'
        f'<soapenv:Envelope xmlns:soapenv="{b.SOAP_NS}"><soapenv:Body>&lol9;</soapenv:Body>'
        "</soapenv:Envelope>"
    ).encode()
    _geweigerd(data, "doctype")


def test_an_external_dtd_is_refused():
    data = _envelop("").replace(b"?>", b'?><!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd">', 1)
    _geweigerd(data, "doctype")


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0" encoding="UTF-7"?><a/>',
        b'<?xml version="1.0" encoding="ISO-8859-1"?><a/>',
        "<a/>".encode("utf-32"),
        "<a/>".encode("cp037"),  # EBCDIC
    ],
    ids=["utf-7", "latin-1", "utf-32", "ebcdic"],
)
def test_only_utf8_and_utf16_are_read(data):
    _geweigerd(data, "codering")


def test_utf16_is_read():
    bericht = VOORBEELDEN[0]
    data = b.bouw(bericht).split(b"?>", 1)[1].decode().encode("utf-16")
    assert b.lees(data) == bericht


def test_oversize_is_refused_before_parsing(settings):
    data = b.bouw(VOORBEELDEN[0])
    _geweigerd(data, "te-groot", max_grootte=len(data) - 1)
    settings.OSO_MAX_BERICHT_BYTES = 1000
    assert b.max_bytes() == 1000
    _geweigerd(b"<" * 1001, "te-groot")
    with pytest.raises(OngeldigBericht) as info:
        b.bouw(b.DocumentResponse(resultaat="OverdrachtGeslaagd", document=b"x" * 2000))
    assert info.value.code == "te-groot"


def test_default_maximum_is_60_mb(settings):
    del settings.OSO_MAX_BERICHT_BYTES
    assert b.max_bytes() == 60 * 1024 * 1024


def test_deep_nesting_and_too_many_elements_are_refused(monkeypatch):
    diep = _envelop("<x>" * 40 + "</x>" * 40)
    _geweigerd(diep, "te-diep")
    monkeypatch.setattr(b, "MAX_ELEMENTEN", 50)
    _geweigerd(_envelop("<x/>" * 60), "te-veel-elementen")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "leeg"),
        (b"   \n", "leeg"),
        (b"dit is geen xml", "codering"),
        (b"<a><b></a>", "geen-xml"),
        (b"<Envelope/>", "verkeerde-namespace"),
        (b"<html><body/></html>", "geen-envelop"),
        (
            b'<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>',
            "verkeerde-namespace",
        ),
        (_envelop(""), "geen-bericht"),
        (
            _envelop(
                "<oso:afmeldingResponse><oso:resultaat>SessieAfgemeld</oso:resultaat>"
                "</oso:afmeldingResponse>" * 2
            ),
            "meerdere-berichten",
        ),
        (_envelop('<oso:wisAllesRequest xmlns:oso="urn:x"/>'), "onbekend-bericht"),
        (_envelop("<oso:wisAllesRequest/>"), "onbekend-bericht"),
        (
            _envelop(
                '<x:afmeldingResponse xmlns:x="http://xml.kennisnet.nl/schemas/Overstapservice/'
                '20180404"><x:resultaat>SessieAfgemeld</x:resultaat></x:afmeldingResponse>'
            ),
            "onbekend-bericht",
        ),
        (
            _envelop(
                "<oso:afmeldingResponse><oso:resultaat>SessieAfgemeld</oso:resultaat>"
                "<oso:extra>1</oso:extra></oso:afmeldingResponse>"
            ),
            "onbekend-veld",
        ),
        (
            _envelop(
                "<oso:afmeldingResponse><oso:resultaat>SessieAfgemeld</oso:resultaat>"
                "<oso:resultaat>SessieAfgemeld</oso:resultaat></oso:afmeldingResponse>"
            ),
            "dubbel-veld",
        ),
        (
            _envelop(
                "<oso:afmeldingResponse>tekst<oso:resultaat>SessieAfgemeld</oso:resultaat>"
                "</oso:afmeldingResponse>"
            ),
            "onverwachte-inhoud",
        ),
        (
            _envelop(
                "<oso:afmeldingResponse><oso:resultaat>Misschien</oso:resultaat>"
                "</oso:afmeldingResponse>"
            ),
            "ongeldige-waarde",
        ),
        (
            _envelop(
                "<oso:afmeldingResponse><oso:resultaat><b>x</b></oso:resultaat>"
                "</oso:afmeldingResponse>"
            ),
            "ongeldige-waarde",
        ),
        (
            _envelop("<oso:afmeldingResponse/>").replace(
                b"<soapenv:Body>", b"<soapenv:Kop/><soapenv:Body>"
            ),
            "geen-body",
        ),
    ],
    ids=[
        "leeg",
        "witruimte",
        "geen-xml",
        "kapotte-xml",
        "envelop-zonder-namespace",
        "html",
        "soap-1.2",
        "lege-body",
        "twee-berichten",
        "vreemde-namespace",
        "onbekende-operatie",
        "oso18-namespace",
        "onbekend-veld",
        "dubbel-veld",
        "tekst-tussen-velden",
        "onbekende-code",
        "element-in-tekstveld",
        "vreemd-element-in-envelop",
    ],
)
def test_malformed_envelopes_are_refused(data, code):
    _geweigerd(data, code)


def test_unknown_operation_is_refused():
    fout = _geweigerd(_envelop("<oso:verwijderLeerlingRequest/>"), "onbekend-bericht")
    assert "overdrachtRequest" in str(fout)


def test_missing_sessie_id_is_refused_without_repeating_the_zoeksleutel():
    data = _zonder(b.bouw(DOCUMENT_REQUEST), "sessieId")
    fout = _geweigerd(data, "ontbrekend-veld")
    assert fout.veld == "sessieId"
    assert "sessieId" in str(fout)
    assert ZOEKSLEUTEL not in str(fout)


@pytest.mark.parametrize(
    ("element", "tekst", "code"),
    [
        ("sessieId", "niet-een-uuid", "ongeldige-uuid"),
        ("sessieId", "{2f1c6f7e-8a34-4e0b-9a53-0f0e5e2f9c11}", "ongeldige-uuid"),
        ("sessieId", "2f1c6f7e8a344e0b9a530f0e5e2f9c11", "ongeldige-uuid"),
        ("dossierVerzameldatum", "31-01-2025", "ongeldige-datum"),
        ("dossierVerzameldatum", "2025-13-01T00:00:00Z", "ongeldige-datum"),
        ("dossierVerzameldatum", "2025-01-31", "ongeldige-datum"),
        ("dossierVerzameldatum", "2025-01-31T10:00:00+24:00", "ongeldige-datum"),
        ("bronBrin", "14ss", "ongeldige-waarde"),
        ("doelRouteringsKenmerk", "0000000700027QX0000", "ongeldige-waarde"),
        ("overdrachtsoort", "SWVaanvraag", "ongeldige-waarde"),
        ("zoeksleutel", "geen base64!", "ongeldige-waarde"),
        ("zoeksleutel", "", "ongeldige-combinatie"),  # empty = absent: no key at all
    ],
)
def test_bad_formats_in_a_document_request_are_refused(element, tekst, code):
    fout = _geweigerd(_met_tekst(b.bouw(DOCUMENT_REQUEST), element, tekst), code)
    assert tekst not in str(fout) or not tekst.strip()


def test_a_bad_guid_is_refused():
    melding = next(v for v in VOORBEELDEN if isinstance(v, b.MeldenNotificatieResponse))
    data = _met_tekst(b.bouw(melding), "koppelsleutel", "19677A96-B737-402E-B3B8")
    _geweigerd(data, "ongeldige-guid")


def test_bad_base64_and_bool_are_refused():
    document = next(v for v in VOORBEELDEN if isinstance(v, b.DocumentResponse))
    _geweigerd(_met_tekst(b.bouw(document), "document", "!!!!"), "ongeldig-base64")
    registratie = next(v for v in VOORBEELDEN if isinstance(v, b.RegistreerAanleverpuntResponse))
    _geweigerd(_met_tekst(b.bouw(registratie), "actief", "ja"), "ongeldige-waarde")


def test_a_session_names_exactly_one_key():
    with pytest.raises(OngeldigBericht) as info:
        dataclasses.replace(DOCUMENT_REQUEST, koppelsleutel=KOPPELSLEUTEL)
    assert info.value.code == "ongeldige-combinatie"
    with pytest.raises(OngeldigBericht):
        dataclasses.replace(DOCUMENT_REQUEST, zoeksleutel=None, pgnfrag="1234")
    with pytest.raises(OngeldigBericht):  # an SWV dossier is never asked for by PGN
        dataclasses.replace(DOCUMENT_REQUEST, overdrachtsoort=b.Overdrachtsoort.SWV_DOSSIER)


def test_payload_only_with_success_and_rules_hold_when_building_too():
    with pytest.raises(OngeldigBericht):
        b.DocumentResponse(resultaat=Resultaatcode.OVERDRACHT_GESLAAGD)
    with pytest.raises(OngeldigBericht):
        b.DocumentResponse(resultaat=Resultaatcode.LEERLING_NIET_BEKEND, document=DOSSIER)
    with pytest.raises(OngeldigBericht):
        b.OverdrachtResponse(resultaat=Resultaatcode.SESSIE_GESTART)
    with pytest.raises(OngeldigBericht) as info:
        dataclasses.replace(DOCUMENT_REQUEST, dossier_verzameldatum=dt.datetime(2025, 1, 1))
    assert info.value.code == "ongeldige-datum"
    with pytest.raises(OngeldigBericht):
        b.NotificatieRequest(
            **NAAR_SWV,
            koppelsleutel=KOPPELSLEUTEL,
            doel="SWV",
            overdrachtsoort="swv-dossier",
            zoeksleutel=ZOEKSLEUTEL,
        )
    with pytest.raises(OngeldigBericht) as info:
        b.AfmeldingResponse(resultaat=Resultaatcode.SESSIE_AFGEMELD, toelichting="a\x00")
    assert info.value.code == "ongeldige-tekens"


# --- SOAP faults -----------------------------------------------------------------------------


def test_a_foreign_soap_fault_is_parsed():
    data = (
        b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        b"<soap:Fault><faultcode>soap:Server</faultcode>"
        b"<faultstring>Client certificate does not match aanleverpunt</faultstring>"
        b"<faultactor>https://tc.example.nl</faultactor>"
        b'<detail><e:fout xmlns:e="urn:e"><e:code>CERT-01</e:code></e:fout></detail>'
        b"</soap:Fault></soap:Body></soap:Envelope>"
    )
    assert b.lees(data) == b.SoapFout(
        faultcode="Server",
        faultstring="Client certificate does not match aanleverpunt",
        faultactor="https://tc.example.nl",
        detail="CERT-01",
    )


def test_a_fault_without_faultstring_is_refused():
    data = _envelop("<soapenv:Fault><faultcode>soapenv:Client</faultcode></soapenv:Fault>")
    _geweigerd(data, "ontbrekend-veld")


def test_a_refusal_becomes_a_soap_fault_that_survives_the_wire():
    with pytest.raises(OngeldigBericht) as info:
        b.lees(_envelop("<oso:onbekendRequest/>"))
    fout = b.soapfout_voor(info.value)
    data = b.bouw(fout)
    assert b"<faultcode>soapenv:Client</faultcode>" in data
    assert b.lees_envelop(data).actie == b.WSA_FOUT_ACTIE
    assert b.lees(data) == fout
    assert fout.detail == "onbekend-bericht"


# --- result codes ----------------------------------------------------------------------------


def test_result_codes_as_users_see_them():
    assert Resultaatcode.LEERLING_NIET_BEKEND.gebruikerscode == "LEERLING_NIET_BEKEND"
    assert (
        Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR.gebruikerscode
        == "LEERLINGINFO_NIET_OPVRAAGBAAR"
    )
    assert Resultaatcode.OVERDRACHT_GESLAAGD.gebruikerscode == "OverdrachtGeslaagd"
    assert Resultaatcode.LEERLING_INFO_NIET_GEWIJZIGD == "LeerlingInfoNietGewijzigd"


def test_best_result_for_afmelding():
    R = Resultaatcode
    assert b.AFMELDING_RANGORDE[0] is R.OVERDRACHT_GESLAAGD
    assert b.beste_resultaat([R.LEERLING_NIET_BEKEND, R.OVERDRACHT_GESLAAGD]) is (
        R.OVERDRACHT_GESLAAGD
    )
    assert (
        b.beste_resultaat(
            [
                R.AANLEVERPUNT_NIET_BEREIKBAAR,
                R.LEERLING_NIET_BEKEND,
                R.LEERLINGINFO_NIET_OPVRAAGBAAR,
            ]
        )
        is R.LEERLINGINFO_NIET_OPVRAAGBAAR
    )
    assert b.beste_resultaat([R.LEERLING_INFO_NIET_GEWIJZIGD, R.LEERLING_NIET_BEKEND]) is (
        R.LEERLING_INFO_NIET_GEWIJZIGD
    )
    # on a tie the aanleverpunt asked last counts
    antwoorden = [("ap0", R.LEERLING_NIET_BEKEND), ("ap1", R.LEERLING_NIET_BEKEND)]
    assert min(reversed(antwoorden), key=lambda a: b.rang(a[1]))[0] == "ap1"
    with pytest.raises(OngeldigBericht):
        b.beste_resultaat([])
    with pytest.raises(OngeldigBericht):
        b.AfmeldingRequest(
            sessie_id=SESSIE,
            doel_brin=HET_LYCEUM,
            doel_routerings_kenmerk=AP_LYCEUM,
            resultaat=R.NOTIFICATIE_ONTVANGEN,
        )


# --- privacy ---------------------------------------------------------------------------------


def test_a_zoeksleutel_is_never_logged_nor_shown(caplog):
    caplog.set_level(logging.DEBUG)
    data = b.bouw(DOCUMENT_REQUEST)
    assert b.lees(data) == DOCUMENT_REQUEST
    for kapot in (
        _zonder(data, "sessieId"),
        _met_tekst(data, "dossierVerzameldatum", "gisteren"),
        data.replace(b"</oso:documentRequest>", b"<oso:extra/></oso:documentRequest>"),
        data[:-40],
    ):
        with pytest.raises(OngeldigBericht) as info:
            b.lees(kapot)
        assert ZOEKSLEUTEL not in str(info.value)
    assert caplog.records == []
    assert ZOEKSLEUTEL not in caplog.text
    for bericht in VOORBEELDEN:
        assert ZOEKSLEUTEL not in repr(bericht)
        assert "4382" not in repr(bericht)  # the pgnfrag
    assert "import logging" not in inspect.getsource(b)
