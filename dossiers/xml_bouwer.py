"""The OSO gegevensset 2019.1 XML of a :class:`~.verzamelen.Verzameling`.

:func:`bouw_xml` writes every element in the order of the XSD (``OSO_gegevensset.xsd``; the tree
is ``xsd-element-tree.txt`` of the standard) and leaves out what the snapshot does not have:
optional elements without a value are omitted, never sent empty. It reads nothing but the
snapshot (no database, no files), so it is fast and can be tested in isolation.

What the builder guarantees on top of the collector:

- a secret address is never written (also not as ``adresbuitenland``); a secret phone number or
  e-mail address is always written as ``9999999999`` / ``geheim@geheim.geheim``;
- an SWV dossier (profiles SWV PO and SWV VO) has no ``bsn`` and no ``onderwijsnummer``; every
  other dossier has exactly one of the two;
- elements of a block that is not in the dossier are not written, whatever the snapshot holds.

Attachments are written as Base64 of the file's bytes. The XSD's implementation note asks for
"Base64 gecodeerd ZIP-bestand" (the official examples hold ZIP data); see the project's notes
before changing this, since receivers differ in what they accept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.conf import settings
from lxml import etree

from leerlingen.codelijsten import EindtoetsDomein, EindtoetsOnderdeel, Eindtoetssoort

from .bijlagen import inpakken
from .keuzes import Inzage
from .profielen import BLOKKEN, Categorie
from .verzamelen import (
    GEHEIM_EMAIL,
    GEHEIM_TELEFOON,
    Adres,
    Communicatie,
    Document,
    Toets,
    Vakresultaat,
    Verzameling,
    Verzorger,
)
from .xmlsafe import OSO_NAMESPACE, parse_dossier

DEELDOSSIER = "LAS"
STANDAARDVERSIE = "2019.1"
VALIDATIEVERSIE = "2019.1.1"

_Q = f"{{{OSO_NAMESPACE}}}"

# metadata/categorie_uitlevering in the XSD's order (which differs from the manual's)
_CATEGORIE_VOLGORDE = (
    "cat_metadata",
    "cat_ouderinzage",
    "cat_school",
    "cat_leerling",
    "cat_oudersverzorgers",
    "cat_vve",
    "cat_schoolloopbaan",
    "cat_overstapadvies",
    "cat_onderwijsondersteuning",
    "cat_verzuim",
    "cat_eindtoetsbo",
    "cat_toetsresultaten",
    "cat_handelingsplannen",
    "cat_cijferlijsten",
    "cat_vombo",
    "cat_bijlagedocs",
)
_SLUG_VAN_CATEGORIE = {b.categorie_element: b.slug for b in BLOKKEN}
if set(_CATEGORIE_VOLGORDE) != set(_SLUG_VAN_CATEGORIE):  # pragma: no cover - a wiring error
    raise RuntimeError("categorie_uitlevering van de XSD en BLOKKEN lopen uiteen")

# characters XML 1.0 does not allow (e.g. a vertical tab pasted from a word processor)
_NIET_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Waarde = str | int | bool | date | Decimal | None


def _tekst(waarde: Waarde) -> str:
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return format(waarde, "f")
    if isinstance(waarde, int):
        return str(waarde)
    return _NIET_XML.sub("", str(waarde)).strip()


def _el(ouder: etree._Element, naam: str, waarde: Waarde = None) -> etree._Element:
    element = etree.SubElement(ouder, _Q + naam)
    if waarde is not None:
        element.text = _tekst(waarde)
    return element


def _opt(ouder: etree._Element, naam: str, waarde: Waarde) -> None:
    """An optional element: written only when there is a (non-blank) value."""
    if waarde is None:
        return
    tekst = _tekst(waarde)
    if tekst:
        etree.SubElement(ouder, _Q + naam).text = tekst


def bouw_xml(v: Verzameling) -> bytes:
    """The dossier as UTF-8 XML bytes with an XML declaration."""
    dossier = etree.Element(_Q + "dossier", nsmap={None: OSO_NAMESPACE})
    _metadata(dossier, v)
    _el(dossier, "overdrachtsoort", v.info.overdrachtsoort)
    if v.opgenomen("ouderinzage"):
        _inzage(dossier, v)
    school = _school(dossier, v)
    _leerling(school, v)
    return _serialiseer(dossier)


def _metadata(dossier: etree._Element, v: Verzameling) -> None:
    md = _el(dossier, "metadata")
    _el(md, "deeldossier", DEELDOSSIER)
    _el(md, "pakketnaam", settings.OSO_PAKKETNAAM)
    _el(md, "pakketversie", settings.OSO_PAKKETVERSIE)
    _el(md, "datum", v.datum)
    _el(md, "standaardversie", STANDAARDVERSIE)
    _el(md, "validatieversie", VALIDATIEVERSIE)
    cu = _el(md, "categorie_uitlevering")
    for element in _CATEGORIE_VOLGORDE:
        _el(cu, element, v.categorieen[_SLUG_VAN_CATEGORIE[element]].value)
    _el(md, "overstap", v.info.overstap)


def _inzage(dossier: etree._Element, v: Verzameling) -> None:
    dossier.append(_inzage_element(v.keuzes.inzage))


def _inzage_element(i: Inzage) -> etree._Element:
    inzage = etree.Element(_Q + "inzage")
    _el(inzage, "voorlopigdossier", i.voorlopig)
    _opt(inzage, "inzage", i.inzage)
    _opt(inzage, "inzagedatum", i.datum)
    _opt(inzage, "akkoord", i.akkoord)
    _opt(inzage, "redennietakkoord", i.reden_niet_akkoord)
    _opt(inzage, "toestemming", i.toestemming)
    return inzage


def vervang_inzage(xml: bytes, inzage: Inzage) -> bytes:
    """The same dossier with the inzage block of ``inzage``: for registering the parents'
    inzage on a version that was collected before it (nothing else changes, metadata/datum
    included). A dossier whose Ouderinzage block is left out or forbidden is returned as is."""
    root = parse_dossier(xml).getroot()
    categorie = root.findtext(f"{_Q}metadata/{_Q}categorie_uitlevering/{_Q}cat_ouderinzage")
    if categorie not in (Categorie.VERPLICHT, Categorie.OPTIONEEL):
        return xml
    nieuw = _inzage_element(inzage)
    oud = root.find(_Q + "inzage")
    if oud is not None:
        root.replace(oud, nieuw)
    else:
        root.find(_Q + "overdrachtsoort").addnext(nieuw)
    etree.indent(root, space="  ")
    return _serialiseer(root)


def _serialiseer(root: etree._Element) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(
        root, encoding="UTF-8", xml_declaration=False, pretty_print=True
    )


def _adreslijst(ouder: etree._Element, adressen: Iterable[Adres]) -> None:
    adressen = list(adressen)
    if not adressen:
        return
    lijst = _el(ouder, "adreslijst")
    for a in adressen:
        adres = _el(lijst, "adres")
        _el(adres, "soortadres", a.soort)
        _el(adres, "straat", a.straat)
        _el(adres, "nummer", a.huisnummer)
        _opt(adres, "toevoeging", a.toevoeging)
        _el(adres, "postcode", a.postcode)
        _el(adres, "plaats", a.plaats)
        _opt(adres, "gemeente", a.gemeente)


def _communicatielijst(ouder: etree._Element, lijst: Iterable[Communicatie]) -> None:
    lijst = [c for c in lijst if c.nummer or c.geheim]
    if not lijst:
        return
    communicatielijst = _el(ouder, "communicatielijst")
    for c in lijst:
        communicatie = _el(communicatielijst, "communicatie")
        _el(communicatie, "soort", c.soort)
        _opt(communicatie, "aanduiding", c.aanduiding)
        if c.geheim:
            _el(communicatie, "nummer", GEHEIM_EMAIL if c.soort == "e-mail" else GEHEIM_TELEFOON)
        else:
            _el(communicatie, "nummer", c.nummer)
        _el(communicatie, "geheim", c.geheim)


def _document(ouder: etree._Element, naam: str, d: Document) -> None:
    document = _el(ouder, naam)
    _el(document, "bestandsnaam", d.bestandsnaam)
    _opt(document, "omschrijving", d.omschrijving)
    # "Base64 gecodeerd ZIP-bestand" (XSD), as in every official example
    _el(document, "bestandsinhoud", inpakken(d.bestandsnaam, d.inhoud))


def _school(dossier: etree._Element, v: Verzameling) -> etree._Element:
    s = v.school
    school = _el(dossier, "huidigeschool")
    _el(school, "naam", s.naam)
    _adreslijst(school, s.adressen)
    _communicatielijst(school, s.communicatie)
    _el(school, "brincode", s.brincode)
    _el(school, "vestigingscode", s.vestigingscode)
    _el(school, "aanleverpunt", s.aanleverpunt)
    _opt(school, "soort", s.soort)
    _opt(school, "naamdirecteur", s.naam_directeur)
    _opt(school, "website", s.website)
    return school


def _namen(ouder: etree._Element, voornamen: str, voorletters: str, voorvoegsel: str) -> None:
    for voornaam in voornamen.split():
        _el(ouder, "voornaam", voornaam)
    _opt(ouder, "voorletters-1", "".join(voorletters.split()))
    _opt(ouder, "voorvoegsel", voorvoegsel)


def _leerling(school: etree._Element, v: Verzameling) -> None:
    ll = v.leerling
    leerling = _el(school, "leerling")
    _namen(leerling, ll.voornamen, ll.voorletters, ll.voorvoegsel)
    _el(leerling, "achternaam", ll.achternaam)
    _opt(leerling, "roepnaam", ll.roepnaam)
    _el(leerling, "geboortedatum", ll.geboortedatum)
    _el(leerling, "geslacht", ll.geslacht)
    _el(leerling, "adresgeheim", ll.adresgeheim)  # always: OVa.LL04 / PaO.LL04
    if not ll.adresgeheim:
        _adreslijst(leerling, ll.adressen)
    _communicatielijst(leerling, ll.communicatie)
    if not v.info.swv and ll.pgn and ll.pgn_type in ("bsn", "onderwijsnummer"):
        _el(leerling, ll.pgn_type, ll.pgn)  # exactly one of onderwijsnummer / bsn
    _opt(leerling, "leerlingid", ll.leerlingid)
    _opt(leerling, "onderwijssinds", ll.onderwijs_sinds)
    _opt(leerling, "datuminschrijving", ll.datum_inschrijving)
    _opt(leerling, "datumuitschrijving", ll.datum_uitschrijving)
    _opt(leerling, "leerlinggewicht", ll.leerlinggewicht)
    if v.verzorgers is not None and v.opgenomen("verzorgers"):
        _el(leerling, "verzorgersaansprakelijk", v.verzorgers.aansprakelijk)
    if v.overstapadvies is not None and v.opgenomen("overstapadvies"):
        _overstapadvies(leerling, v)
    if v.vve is not None and v.opgenomen("vve"):
        _vve(leerling, v)
    if v.schoolloopbaan and v.opgenomen("schoolloopbaan"):
        _schoolloopbaan(leerling, v)
    _onderwijsondersteuning(leerling, v)
    if v.verzuim is not None and v.opgenomen("verzuim"):
        _verzuim(leerling, v)
    if v.eindtoets is not None and v.opgenomen("eindtoets"):
        _eindtoets(leerling, v)
    if v.toetsen and v.opgenomen("toetsresultaten"):
        toetslijst = _el(leerling, "toetslijst")
        for t in v.toetsen:
            _toets(toetslijst, t)
    if v.cijferlijsten and v.opgenomen("cijferlijsten"):
        _cijferlijsten(leerling, v)
    if v.bijlagen and v.opgenomen("bijlagen"):
        lijst = _el(leerling, "overigdocumentlijst")
        for d in v.bijlagen:
            _document(lijst, "document", d)
    if v.verzorgers is not None and v.opgenomen("verzorgers"):
        for z in v.verzorgers.lijst:
            _verzorger(leerling, z)
    if v.vombo is not None and v.opgenomen("vombo"):
        _vombo(leerling, v)


def _overstapadvies(leerling: etree._Element, v: Verzameling) -> None:
    a = v.overstapadvies
    assert a is not None
    advies = _el(leerling, "overstapadvies")
    _opt(advies, "advies", a.advies)
    _opt(advies, "wensouders", a.wens_ouders)
    _opt(advies, "wensleerling", a.wens_leerling)
    _opt(advies, "herzienadvies", a.herzien_advies)
    _opt(advies, "motivatie_herzienadvies", a.motivatie_herzien_advies)
    _opt(advies, "profiel", a.profiel)
    _opt(advies, "argumentatie", a.argumentatie)
    _el(advies, "contactnodig", a.contact_nodig)  # always: OVa.OA03
    _opt(advies, "contactpersoon", a.contactpersoon)
    _opt(advies, "contacttelefoon", a.contacttelefoon)
    _opt(advies, "aandachtspunten", a.aandachtspunten)


def _vve(leerling: etree._Element, v: Verzameling) -> None:
    vve = v.vve
    assert vve is not None
    _el(leerling, "vanpeuterspeelzaal", vve.van_peuterspeelzaal)
    _opt(leerling, "naampeuterspeelzaal", vve.naam_peuterspeelzaal)
    if vve.voorschools_programma is not None and vve.voorschoolse_maanden is not None:
        voorschools = _el(leerling, "voorschools")
        _el(voorschools, "codevoorschoolsprogramma", vve.voorschools_programma)
        _el(voorschools, "voorschoolsemaanden", vve.voorschoolse_maanden)
    if vve.vroegschools_programma is not None and vve.vroegschools_datum_ingang is not None:
        vroegschools = _el(leerling, "vroegschools")
        _el(vroegschools, "codevroegschoolsprogramma", vve.vroegschools_programma)
        _el(vroegschools, "vroegschoolsdatumingang", vve.vroegschools_datum_ingang)
        _opt(vroegschools, "vroegschoolseinddatum", vve.vroegschools_einddatum)


def _schoolloopbaan(leerling: etree._Element, v: Verzameling) -> None:
    lijst = _el(leerling, "schoolloopbaanlijst")
    for j in v.schoolloopbaan or ():
        s = _el(lijst, "schoolloopbaan")
        _el(s, "schooljaar", j.schooljaar)
        _el(s, "groepscode", j.groepscode)
        _opt(s, "groepsnaam", j.groepsnaam)
        _el(s, "jaargroep", j.jaargroep)
        _opt(s, "begindatum", j.begindatum)
        _opt(s, "einddatum", j.einddatum)
        _el(s, "brincode", j.brincode)
        _el(s, "vestigingscode", j.vestigingscode)
        _opt(s, "schoolsoort", j.schoolsoort)


def _onderwijsondersteuning(leerling: etree._Element, v: Verzameling) -> None:
    """The block Onderwijsondersteuning and, inside its element, the block Handelingsplannen:
    either can be in the dossier without the other."""
    o = v.onderwijsondersteuning if v.opgenomen("onderwijsondersteuning") else None
    plannen = v.handelingsplannen if v.opgenomen("handelingsplannen") else None
    if o is None and not plannen:
        return
    blok = etree.Element(_Q + "onderwijsondersteuning")
    if o is not None:
        if o.toelichting is not None:
            _document(_el(blok, "toelichting_onderwijsbehoeften"), "document", o.toelichting)
        for d in o.diagnoses:
            diagnose = _el(blok, "diagnose")
            _el(diagnose, "code", d.code)
            _opt(diagnose, "naam", d.naam)
            _opt(diagnose, "datum", d.datum)
            _opt(diagnose, "doorwie", d.door_wie)
            _opt(diagnose, "instantie", d.instantie)
        _opt(blok, "medicijngebruik", o.medicijngebruik)
    for h in plannen or ():
        plan = _el(blok, "handelingsplan")
        _el(plan, "startdatum", h.startdatum)
        _opt(plan, "einddatum", h.einddatum)
        _el(plan, "isgerichtop", h.is_gericht_op)
        if h.document is not None:
            _document(plan, "document", h.document)
    if o is not None:
        if o.opp_ingangsdatum is not None:
            opp = _el(blok, "opp")
            _el(opp, "opp_ingangdatum", o.opp_ingangsdatum)
            _opt(opp, "opp_einddatum", o.opp_einddatum)
        for t in o.tlvs:
            tlv = _el(blok, "tlv")
            _el(tlv, "tlvingangdatum", t.ingangsdatum)
            _el(tlv, "tlvswvnummer", t.swv_nummer)
            _el(tlv, "tlvcategorie", t.categorie)
            _el(tlv, "tlvbeschikkingsnummer", t.beschikkingsnummer)
            _opt(tlv, "tlveinddatum", t.einddatum)
        for a in o.arrangementen:
            arrangement = _el(blok, "arrangement_pao")
            _el(arrangement, "arrangement_datum", a.datum)
            _opt(arrangement, "arrangement_kenmerk", a.kenmerk)
            _opt(arrangement, "arrangement_beschikkingsnr", a.beschikkingsnummer)
            _opt(arrangement, "arrangement_einddatum", a.einddatum)
        if o.lwoo_ingangsdatum and o.lwoo_swv_nummer and o.lwoo_beschikkingsnummer:
            lwoo = _el(blok, "lwoo")
            _el(lwoo, "lwoo_ingangdatum", o.lwoo_ingangsdatum)
            _el(lwoo, "lwoo_swvnummer", o.lwoo_swv_nummer)
            _el(lwoo, "lwoo_beschikkingsnummer", o.lwoo_beschikkingsnummer)
            _opt(lwoo, "lwoo_einddatum", o.lwoo_einddatum)
    if len(blok):
        leerling.append(blok)


def _verzuim(leerling: etree._Element, v: Verzameling) -> None:
    z = v.verzuim
    assert z is not None
    verzuim = _el(leerling, "verzuim")
    if z.eenheid == "dagdelen":
        _el(verzuim, "dagdelengeoorloofd", z.geoorloofd)
        _el(verzuim, "dagdelenongeoorloofd", z.ongeoorloofd)
    else:
        _el(verzuim, "urengeoorloofd", z.geoorloofd)
        _el(verzuim, "urenongeoorloofd", z.ongeoorloofd)
    _el(verzuim, "frequentie", z.frequentie)
    _el(verzuim, "contactleerplicht", z.contact_leerplicht)
    _el(verzuim, "rmcmelding", z.rmc_melding)


def _eindtoets(leerling: etree._Element, v: Verzameling) -> None:
    e = v.eindtoets
    assert e is not None
    blok = _el(leerling, "eindtoets_basisonderwijs")
    # the result needs toetssoort, toetsniveau and datum_afname; without them only
    # 'deelgenomen' goes along and the rules (OVa.EB02/EB03) say what is missing
    if e.toetssoort and e.toetsniveau and e.datum_afname:
        resultaat = _el(blok, "eindtoetsresultaat")
        _el(resultaat, "toetssoort", e.toetssoort)
        _el(resultaat, "toetsniveau", e.toetsniveau)
        _opt(
            resultaat,
            "toetsomschrijving",
            e.toetsomschrijving or _omschrijving_eindtoets(e.toetssoort),
        )
        _el(resultaat, "datum_afname", e.datum_afname)
        _el(resultaat, "wettelijke_ontheffing", "J" if e.wettelijke_ontheffing else "N")
        _opt(resultaat, "standaardscore", e.standaardscore)
        _opt(resultaat, "toets_advies", e.toets_advies)
        onderdelen = _el(resultaat, "onderdelen")
        for o in e.onderdelen:
            onderdeel = _el(onderdelen, "onderdeel")
            _el(onderdeel, "onderdeelcode", o.onderdeel)
            _opt(onderdeel, "onderdeelomschrijving", _omschrijving_onderdeel(o.onderdeel))
            _opt(onderdeel, "ond_referentieniveau", o.referentieniveau)
            if o.domeinen:
                domeinen = _el(onderdeel, "domeinen")
                for d in o.domeinen:
                    domein = _el(domeinen, "domein")
                    _el(domein, "domeincode", d.domein)
                    _opt(domein, "domeinomschrijving", _omschrijving_domein(d.domein))
                    _opt(domein, "dom_referentieniveau", d.referentieniveau)
    _el(blok, "deelgenomen", e.deelgenomen)


def _omschrijving_eindtoets(code: str) -> str:
    return str(Eindtoetssoort(code).label) if code in Eindtoetssoort.values else ""


def _omschrijving_domein(code: str) -> str:
    return str(EindtoetsDomein(code).label) if code in EindtoetsDomein.values else ""


def _omschrijving_onderdeel(code: str) -> str:
    return str(EindtoetsOnderdeel(code).label) if code in EindtoetsOnderdeel.values else ""


def _toets(toetslijst: etree._Element, t: Toets) -> None:
    toets = _el(toetslijst, "toets")
    identificatie = _el(toets, "toetsidentificatie")
    _el(identificatie, "eldtoetscode", t.eldtoetscode)
    _opt(identificatie, "leergebied", t.leergebied)
    _opt(identificatie, "toetsnaam", t.toetsnaam)
    _opt(identificatie, "toetsversie", t.toetsversie)
    afname = _el(toets, "afname")
    _el(afname, "afnamedatum", t.afnamedatum)
    _opt(afname, "jaargroep", t.jaargroep)
    _opt(afname, "dl", t.didactische_leeftijd)
    resultaat = _el(toets, "resultaat")
    if t.ruwe_score is not None or t.vaardigheidsscore is not None:
        score = _el(resultaat, "toetsscore")
        _opt(score, "aantalgoed", t.ruwe_score)  # the raw score: number of correct answers
        _opt(score, "vaardigheidsscore", t.vaardigheidsscore)
    for r in t.referentiescores:
        referentiescore = _el(resultaat, "referentiescore")
        _el(referentiescore, "codereferentiescore", r.code)
        _el(referentiescore, "codevergelijkingsgroep", r.vergelijkingsgroep)
        _el(referentiescore, "waarde", r.waarde)
    _opt(toets, "opmerking", t.opmerking)


def _cijferlijsten(leerling: etree._Element, v: Verzameling) -> None:
    lijst = _el(leerling, "cijferlijstlijst")
    for c in v.cijferlijsten or ():
        cijferlijst = _el(lijst, "cijferlijst")
        details = _el(cijferlijst, "cijferlijstTypelijst")
        _el(details, "naam", c.naam)
        for cijfer in c.onderdelen:
            onderdeel = _el(details, "onderdeel")
            _el(onderdeel, "naam", cijfer.naam)
            score = _el(onderdeel, "score")
            _opt(score, "waarde", cijfer.waarde)
            _opt(score, "kwalificatie", cijfer.kwalificatie)
        # the total is required by the XSD ([1..n]); without one the score stays empty and
        # OVa.CL01 / PaO.CL01 report it
        totaal = _el(details, "score")
        _opt(totaal, "waarde", c.totaalscore)
        _opt(cijferlijst, "afnamedatum", c.afnamedatum)
        _el(cijferlijst, "jaargroep", c.jaargroep)
        _opt(cijferlijst, "periode", c.periode)


def _verzorger(leerling: etree._Element, z: Verzorger) -> None:
    verzorger = _el(leerling, "verzorger")
    _namen(verzorger, z.voornamen, z.voorletters, z.voorvoegsel)
    _el(verzorger, "achternaam", z.achternaam)
    _el(verzorger, "geslacht", z.geslacht)
    _el(verzorger, "adresgeheim", z.adresgeheim)
    if not z.adresgeheim:
        _adreslijst(verzorger, z.adressen)
    _communicatielijst(verzorger, z.communicatie)
    _opt(verzorger, "relatietotkind", z.relatie_tot_kind)
    _el(verzorger, "overleden", z.overleden)
    if z.overleden:
        _opt(verzorger, "overlijdensdatum", z.overlijdensdatum)
    _el(verzorger, "wettigevertegenwoordiger", z.wettig_vertegenwoordiger)


def _cijfer_element(r: Vakresultaat) -> tuple[str, Waarde] | None:
    """The one grade the XSD's choice allows, the most final one first."""
    for naam, waarde in (
        ("exameneindcijfer", r.eindcijfer),
        ("cijferce", r.cijfer_ce),
        ("eindcijferse", r.cijfer_se),
        ("rapportcijfer", r.rapportcijfer),
    ):
        if waarde is not None:
            return naam, waarde
    return None


def _vombo(leerling: etree._Element, v: Verzameling) -> None:
    vm = v.vombo
    assert vm is not None
    if vm.bevorderd_elementcode or vm.bevorderd_leerjaar:
        bevorderd = _el(leerling, "bevorderd")
        _opt(bevorderd, "elementcode", vm.bevorderd_elementcode)
        _opt(bevorderd, "leerjaar", vm.bevorderd_leerjaar)
    if vm.soort_diploma or vm.examenjaar or vm.datum_uitslag or vm.examenuitslag:
        examen = _el(leerling, "examenresultaat")
        _opt(examen, "soortdiploma", vm.soort_diploma)
        _opt(examen, "examenjaar", vm.examenjaar)
        _opt(examen, "datumuitslag", vm.datum_uitslag)
        _opt(examen, "examenuitslag", vm.examenuitslag)
    for r in vm.vakresultaten:
        cijfer = _cijfer_element(r)
        if cijfer is None:
            continue  # the XSD requires a grade; a subject without one cannot go along
        vak = _el(leerling, "resultaatvakkenvo")
        _el(vak, "vakcode", r.vakcode)
        _opt(vak, "vakleergebied", r.vak)
        _el(vak, "afgerond", r.afgerond)
        _opt(vak, "datumafgerond", r.datum_afgerond)
        _el(vak, "examenvak", r.examenvak)
        _el(vak, *cijfer)
    if vm.heeft_gegevens:
        overig = _el(leerling, "overigvombo")
        _opt(overig, "keuzevervolgopleiding", vm.keuze_vervolgopleiding)
        _el(overig, "beroepskeuzetest", vm.beroepskeuzetest)
        _el(overig, "portfolio", vm.portfolio)
        _el(overig, "pop", vm.pop)
        _el(overig, "motivatiebrief", vm.motivatiebrief)
        _el(overig, "lobdossier", vm.lobdossier)


__all__ = ["DEELDOSSIER", "STANDAARDVERSIE", "VALIDATIEVERSIE", "bouw_xml", "vervang_inzage"]
