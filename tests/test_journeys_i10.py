# ruff: noqa: F811 (the fixtures of test_dossiers are imported by name)
"""Issue 10: the school administrator's journeys say what they mean and lose nothing. One test
(or more) per point; the page-level ones are in test_browser_journeys_i10.py."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape

from accounts.roles import Rol
from dossiers import gegevensset, services
from dossiers.models import BulkKlaarzetting, InzageKeuze, Status
from trafficcenter_client.berichten import Resultaatcode
from trafficcenter_client.models import Dossieraanvraag, OpvraagStatus, Opvraging
from zorgvraag.models import Zorgvraag

from . import factories as f
from .test_dossiers import (  # noqa: F401 (fixtures)
    collect,
    medewerker,
    po_school,
    register_inzage,
    uitgeschreven,
)

pytestmark = pytest.mark.conformance


def klaargezet_voor_vo(leerling):
    dossier, _versie = collect(leerling, "POVO")
    register_inzage(dossier)
    with TestCase.captureOnCommitCallbacks(execute=True):
        klaarzetting = services.klaarzetten(dossier=dossier)
    dossier.refresh_from_db()
    return dossier, klaarzetting


# --- 1. bulk binnen-brin never undoes a klaarzetting for another school -------------------------


def test_bulk_skips_a_pupil_klaargezet_for_another_school_and_says_why(
    client, medewerker, uitgeschreven, po_school, monkeypatch
):
    from django.db import transaction

    dossier, klaarzetting = klaargezet_voor_vo(uitgeschreven)
    assert klaarzetting.voor_brin != po_school.brincode
    ander = f.LeerlingFactory(school=po_school, datum_inschrijving=datetime.date(2022, 8, 1))
    f.vul_alle_blokken(ander)
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
    client.force_login(medewerker)
    response = client.post(
        reverse("dossiers:overzicht"), {"leerling": [uitgeschreven.pk, ander.pk]}, follow=True
    )
    body = response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.KLAARGEZET and dossier.klaarzetting_id == klaarzetting.pk
    assert not dossier.binnen_brin
    bulk = BulkKlaarzetting.objects.get()
    assert [r["leerling"] for r in bulk.overgeslagen] == [uitgeschreven.pk]
    rij = body.split('id="bulk-resultaten"')[1]
    assert "Overgeslagen" in rij and f"staat klaar voor ({klaarzetting.voor_brin})" in rij
    assert services.dossier_van(ander).status == Status.KLAARGEZET


def test_a_klaarzetting_made_after_the_bulk_request_is_not_undone(uitgeschreven, po_school):
    bulk, overgeslagen = services.bulk_binnen_brin(school=po_school, leerlingen=[uitgeschreven])
    assert overgeslagen == []
    opdracht = bulk.opdrachten.get()
    # meanwhile the pupil is klaargezet for the VO school (the bulk job has not run yet)
    dossier, klaarzetting = klaargezet_voor_vo(uitgeschreven)
    assert services.verzamel(opdracht.pk) is None
    opdracht.refresh_from_db()
    dossier.refresh_from_db()
    assert opdracht.status == "afgekeurd" and "staat klaar voor" in opdracht.meldingen[0]
    assert dossier.klaarzetting_id == klaarzetting.pk
    assert services.bulk_resultaten(bulk)[0]["uitkomst"] == "mislukt"


# --- 2. the block page opens with the last choices, never drops an upload ----------------------


def test_after_a_bulk_run_the_block_page_opens_with_everything_on(client, medewerker, po_school):
    leerling = f.LeerlingFactory(school=po_school, datum_inschrijving=datetime.date(2022, 8, 1))
    f.vul_alle_blokken(leerling)
    collect(leerling, "BINNEN_BRIN_POPO")  # as a bulk run does: defaults, not choices
    client.force_login(medewerker)
    body = client.get(
        reverse("dossiers:blokken", args=[leerling.pk, "BINNEN_BRIN_POPO"])
    ).content.decode()
    vakjes = re.findall(r'<input type="checkbox" name="blok_[a-z_]+"[^>]*>', body)
    assert vakjes and all("checked" in v for v in vakjes)
    toetsen = re.findall(r'<input type="checkbox" name="toetsen"[^>]*>', body)
    assert toetsen and all("checked" in t for t in toetsen)


def test_the_block_page_remembers_the_last_choices_per_profile(client, medewerker, uitgeschreven):
    client.force_login(medewerker)
    url = reverse("dossiers:blokken", args=[uitgeschreven.pk, "POPO"])
    # everything but verzuim
    body = client.get(url).content.decode()
    data = {m: "on" for m in re.findall(r'name="(blok_[a-z_]+)"', body) if m != "blok_verzuim"}
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(url, data).status_code == 302
    body = client.get(url).content.decode()
    assert re.search(r'name="blok_verzuim"(?![^>]*checked)[^>]*>', body)
    assert re.search(r'name="blok_vve"[^>]*checked', body)
    # another profile has its own memory: all on
    body = client.get(reverse("dossiers:blokken", args=[uitgeschreven.pk, "POVO"])).content
    assert re.search(rb'name="blok_verzuim"[^>]*checked', body)


def test_an_upload_whose_block_is_not_ticked_is_refused_not_dropped(
    client, medewerker, uitgeschreven
):
    client.force_login(medewerker)
    url = reverse("dossiers:blokken", args=[uitgeschreven.pk, "POPO"])
    kaart = uitgeschreven.map_items.count()
    response = client.post(
        url,
        {
            "blok_verzuim": "on",
            "nieuwe_toelichting": SimpleUploadedFile("toelichting.txt", b"Extra instructie."),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "gaat alleen mee met het blok Onderwijsondersteuning" in body
    assert uitgeschreven.map_items.count() == kaart
    assert not services.dossier_van(uitgeschreven).opdrachten.exists()


# --- 3. the PDF of a klaargezet version is what was klaargezet ---------------------------------


def test_pdf_huidige_versie_of_a_klaargezet_dossier_is_the_klaarzetting(
    client, medewerker, uitgeschreven
):
    dossier, klaarzetting = klaargezet_voor_vo(uitgeschreven)
    klaarzetting.refresh_from_db()
    versie = dossier.huidige_versie
    assert klaarzetting.pdf_id and klaarzetting.pdf_id != versie.pdf_id
    client.force_login(medewerker)
    response = client.get(reverse("dossiers:pdf", args=[uitgeschreven.pk]))
    served = b"".join(response.streaming_content)
    assert served == klaarzetting.pdf.bestand.open("rb").read()
    assert served != versie.pdf.bestand.open("rb").read()
    # kept per klaarzetting, listed on the page
    body = client.get(reverse("dossiers:klaarzetten", args=[uitgeschreven.pk])).content.decode()
    assert reverse("dossiers:klaarzetting_pdf", args=[uitgeschreven.pk, klaarzetting.pk]) in body
    assert "PDF zoals klaargezet" in body


def test_the_klaarzetting_pdf_is_rendered_from_the_xml_with_the_inzage(uitgeschreven, monkeypatch):
    from dossiers import pdf as pdf_module

    gezien = []
    echte = pdf_module.render_pdf
    monkeypatch.setattr(pdf_module, "render_pdf", lambda xml: gezien.append(xml) or echte(xml))
    _dossier, klaarzetting = klaargezet_voor_vo(uitgeschreven)
    assert bytes(klaarzetting.xml) in gezien
    assert datetime.date.today().isoformat().encode() in bytes(klaarzetting.xml)


# --- 4. inzage for a new version -----------------------------------------------------------------


def test_inzage_form_shows_the_current_version_and_saving_registers_it(
    client, medewerker, uitgeschreven
):
    dossier, _ = collect(uitgeschreven, "POVO")
    register_inzage(dossier)
    collect(uitgeschreven, "POVO")  # a new version: the inzage was for the old one
    client.force_login(medewerker)
    url = reverse("dossiers:klaarzetten", args=[uitgeschreven.pk])
    body = client.get(url).content.decode()
    select = body.split('name="inzage"')[1].split("</select>")[0]
    assert re.search(r'<option value=""[^>]*selected', select)
    assert 'value="ja" selected' not in select
    assert "Inzage bij een eerdere versie" in body and "(bij versie 1)" in body
    vandaag = datetime.date.today().isoformat()
    response = client.post(
        url,
        {"contact_nodig": "False", "binnen_brin": "False", "inzage": "ja", "inzage_datum": vandaag},
        follow=True,
    )
    dossier.refresh_from_db()
    assert dossier.inzage_geldig and dossier.inzage_versie.nummer == 2
    assert "Ja, inzage geweest" in response.content.decode().split('id="inzagestatus"')[1][:80]
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.klaarzetten(dossier=dossier)


def test_saving_other_fields_keeps_the_old_inzage_as_information(client, medewerker, uitgeschreven):
    dossier, _ = collect(uitgeschreven, "POVO")
    register_inzage(dossier)
    collect(uitgeschreven, "POVO")
    client.force_login(medewerker)
    url = reverse("dossiers:klaarzetten", args=[uitgeschreven.pk])
    client.post(url, {"contact_nodig": "False", "binnen_brin": "False", "inzage": ""})
    dossier.refresh_from_db()
    assert not dossier.inzage_geldig and dossier.inzage == InzageKeuze.JA


# --- 5. the import review shows who the pupil is and everything received ---------------------


def test_import_review_shows_the_pupil_the_blocks_and_every_unmapped_value(
    client, uitgeschreven, vo_admin
):
    from dossiers import importeren

    _dossier, klaarzetting = klaargezet_voor_vo(uitgeschreven)
    school, user = vo_admin
    rij = opvraging(school, resultaat="OverdrachtGeslaagd")
    from leerlingen.models import pgn_hash

    # asked for this pupil's number: an import only takes the dossier of the number asked for
    Opvraging.objects.filter(pk=rij.pk).update(
        xml=bytes(klaarzetting.xml),
        pgn_hash=pgn_hash(uitgeschreven.pgn_type, uitgeschreven.pgn),
    )
    ontvangen = importeren.lees_ontvangen(bytes(klaarzetting.xml))
    client.force_login(user)
    url = reverse("trafficcenter_client:opvraging", args=[rij.pk])
    body = client.get(url).content.decode()
    wie = body.split('id="wie"')[1].split("</section>")[0]
    assert uitgeschreven.achternaam in wie
    assert uitgeschreven.geboortedatum.strftime("%d-%m-%Y") in wie
    blokken = body.split('id="ontvangen-blokken"')[1].split("</table>")[0]
    assert "Ouders/Verzorgers" in blokken and "Niet-methodetoetsen" in blokken
    for woord in (">communicatie<", ">tlvs<", ">eindtoets_onderdelen<", ">vombo<"):
        assert woord not in blokken
    assert "OverdrachtGeslaagd" not in body.split('id="opvraagresultaat"')[1][:60]
    lijst = body.split('id="niet-gemapt"')[1].split("</details>")[0]
    assert lijst.count("<tr>") - 1 == len(ontvangen.niet_gemapt) > 0
    eerste = ontvangen.niet_gemapt[0]
    assert escape(gegevensset.huidig().plaats(eerste.pad)) in lijst  # Dutch labels, no path
    assert "vestiging, groep en leerjaar" in body
    # after importing: straight to what the receiving school completes itself
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0].startswith(
        reverse(
            "leerlingen:bewerken", args=[Opvraging.objects.get(pk=rij.pk).leerling_id, "onderwijs"]
        )
    )
    # a next step, shown as information (blue), not as an error or a warning
    assert (
        '<li class="info">Vul nu aan wat alleen uw school weet: vestiging, groep, leerjaar'
        in response.content.decode()
    )


# --- 6. failed requests explained ----------------------------------------------------------------


@pytest.fixture
def vo_admin(db):
    school = f.SchoolFactory(compleet=True, brincode="16UU", naam="Wilgendaal College")
    user = f.UserFactory(username="vo")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=school)
    return school, user


def opvraging(school, resultaat="", status=OpvraagStatus.KLAAR, melding=""):
    return Opvraging.objects.create(
        school=school,
        herkomst_brin="14SS",
        overdrachtsoort="overstapdossier",
        pgn_type="bsn",
        pgn_hash="x" * 64,
        pgn="999900006" if status == OpvraagStatus.MISLUKT else "",
        resultaat=resultaat,
        status=status,
        melding=melding,
    )


@pytest.mark.parametrize(
    ("code", "status", "uitleg", "opnieuw"),
    [
        (Resultaatcode.LEERLING_NIET_BEKEND, "klaar", "Controleer de BRIN-code", False),
        (
            Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR,
            "klaar",
            "Vraag de school van herkomst het overstapdossier",
            False,
        ),
        (Resultaatcode.VERSTREKKER_NIET_BEKEND, "mislukt", "niet bij OSO aangesloten", False),
        ("", "mislukt", "technische storing", True),
        (Resultaatcode.AANLEVERPUNT_NIET_BEREIKBAAR, "mislukt", "niet bereikbaar", True),
    ],
)
def test_a_failed_request_says_what_it_means_and_what_to_do(
    client, vo_admin, code, status, uitleg, opnieuw
):
    school, user = vo_admin
    rij = opvraging(school, resultaat=str(code), status=status, melding="Technisch detail.")
    client.force_login(user)
    body = client.get(reverse("trafficcenter_client:opvraging", args=[rij.pk])).content.decode()
    sectie = body.split('id="uitleg"')[1].split("</section>")[0]
    assert uitleg in sectie and "Wat nu?" in sectie
    if code:
        assert Resultaatcode(code).gebruikerscode in sectie  # the code, as a detail
        resultaat = body.split('id="opvraagresultaat">')[1].split("<")[0]
        assert Resultaatcode(code).value not in resultaat
    assert ("Opnieuw proberen" in body) is opnieuw


# --- 7. protocol words ---------------------------------------------------------------------------


def test_dossieraanvragen_speaks_the_manuals_words(client, medewerker, uitgeschreven, po_school):
    import uuid

    Dossieraanvraag.objects.create(
        school=po_school,
        leerling=uitgeschreven,
        pgn_type="bsn",
        bron_routeringskenmerk="14SS00000",
        aanvrager_brin="16UU",
        aanvrager_routeringskenmerk="16UU00001",
        aanvrager_naam="Wilgendaal College",
        overdrachtsoort="overstapdossier",
        sessie_id=uuid.uuid4(),
        resultaat="OverdrachtGeslaagd",
    )
    client.force_login(medewerker)
    body = client.get(reverse("trafficcenter_client:dossieraanvragen")).content.decode()
    filter_ = body.split('name="resultaat"')[1].split("</select>")[0]
    zichtbaar = re.findall(r">([^<]+)</option>", filter_)
    assert len(zichtbaar) == 6
    for code in ("SessieGestart", "KoppelsleutelUitgegeven", "OverdrachtGeslaagd"):
        assert code not in filter_.replace('value="OverdrachtGeslaagd"', "")
        assert not any(code in t for t in zichtbaar)
    assert "succesvol ontvangen" in filter_
    tabel = body.split('id="aanvragen"')[1]
    rij = tabel.split("<tbody>")[1]
    assert "succesvol ontvangen" in rij and ">BSN<" in rij and ">bsn<" not in rij
    assert "00001" not in rij.replace('title="OverdrachtGeslaagd"', "") and "<td>1</td>" in rij
    assert "---------" not in body


def test_mutatielog_in_dutch_without_the_flood_of_views(client, medewerker, uitgeschreven):
    collect(uitgeschreven, "POVO")
    client.force_login(medewerker)
    for _ in range(5):
        client.get(reverse("dossiers:klaarzetten", args=[uitgeschreven.pk]))
    url = reverse("dossiers:mutatielog", args=[uitgeschreven.pk])
    body = client.get(url).content.decode()
    tabel = body.split('id="mutatielog"')[1]
    assert "niet_klaar -&gt; verzameld" not in tabel and "niet_klaar" not in tabel
    assert "Niet klaar voor verzenden → Dossier verzameld" in tabel
    assert "Dossier bekeken" not in tabel and "(5×)" in body
    alles = client.get(url, {"bekeken": "1"}).content.decode().split('id="mutatielog"')[1]
    assert alles.count("Dossier bekeken") == 5


def test_block_page_has_no_rule_codes(client, medewerker, uitgeschreven):
    client.force_login(medewerker)
    body = client.get(reverse("dossiers:blokken", args=[uitgeschreven.pk, "POVO"])).content
    assert b"OVa.TR04" not in body and b"dit schooljaar en de twee schooljaren ervoor" in body


# --- 9. one submission, one result ---------------------------------------------------------------


def test_back_and_resubmit_of_a_zorgvraag_sends_once(client, po_school, db):
    from .test_zorgvraag import formulier, toelichting_bestand

    verband = f.SamenwerkingsverbandFactory(code="PO2801")
    ap = f.AanleverpuntFactory(
        swv=True, samenwerkingsverband=verband, nummer=1, omschrijving="Loket PO"
    )
    zc = f.UserFactory(username="zc")
    f.AanstellingFactory(user=zc, rol=Rol.ZORGCOORDINATOR, school=po_school)
    leerling = f.LeerlingFactory(school=po_school, datum_inschrijving=datetime.date(2019, 8, 19))
    f.vul_alle_blokken(leerling)
    client.force_login(zc)
    url = reverse("zorgvraag:nieuw", args=[leerling.pk])
    token = re.search(r'name="inzending" value="([^"]+)"', client.get(url).content.decode())[1]
    eerste = client.post(
        url, formulier(ap, inzending=token, nieuwe_toelichting=toelichting_bestand())
    )
    assert eerste.status_code == 302
    tweede = client.post(
        url, formulier(ap, inzending=token, nieuwe_toelichting=toelichting_bestand()), follow=True
    )
    assert Zorgvraag.objects.count() == 1
    assert tweede.redirect_chain[-1][0] == eerste["Location"]
    assert "er is niets opnieuw verstuurd" in tweede.content.decode()
    # Back re-fetches the no-store form with a new token; the same content is still recognised
    token3 = re.search(r'name="inzending" value="([^"]+)"', client.get(url).content.decode())[1]
    derde = client.post(
        url, formulier(ap, inzending=token3, nieuwe_toelichting=toelichting_bestand())
    )
    assert derde["Location"] == eerste["Location"] and Zorgvraag.objects.count() == 1
    # a form with errors does not use up its token
    token2 = re.search(r'name="inzending" value="([^"]+)"', client.get(url).content.decode())[1]
    assert client.post(url, formulier(ap, inzending=token2, omschrijving="")).status_code == 400
    assert (
        client.post(
            url,
            formulier(
                ap,
                inzending=token2,
                omschrijving="Tweede aanvraag",
                nieuwe_toelichting=toelichting_bestand(),
            ),
        ).status_code
        == 302
    )
    assert Zorgvraag.objects.count() == 2


def test_every_sending_form_carries_a_one_time_token(client, medewerker, uitgeschreven):
    dossier, _ = collect(uitgeschreven, "POVO")
    register_inzage(dossier)
    client.force_login(medewerker)
    for url in (
        reverse("dossiers:klaarzetten", args=[uitgeschreven.pk]),
        reverse("dossiers:blokken", args=[uitgeschreven.pk, "POVO"]),
        reverse("dossiers:overzicht"),
    ):
        assert 'name="inzending"' in client.get(url).content.decode(), url
    # klaarzetten twice with the same token: one klaarzetting
    body = client.get(reverse("dossiers:klaarzetten", args=[uitgeschreven.pk])).content.decode()
    formulier = body.split(reverse("dossiers:klaarzetten_actie", args=[uitgeschreven.pk]))[1]
    token = re.search(r'name="inzending" value="([^"]+)"', formulier)[1]
    url = reverse("dossiers:klaarzetten_actie", args=[uitgeschreven.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"inzending": token})
    client.post(url, {"inzending": token})
    assert dossier.klaarzettingen.count() == 1


# --- 11. vervolgschool ---------------------------------------------------------------


def test_vervolgschool_brin_in_any_case_and_a_list_of_known_schools(
    client, medewerker, uitgeschreven
):
    f.SchoolFactory(compleet=True, brincode="16UU", naam="Wilgendaal College")
    client.force_login(medewerker)
    url = reverse("leerlingen:bewerken", args=[uitgeschreven.pk, "onderwijs"])
    body = client.get(url).content.decode()
    assert re.search(r'<option value="16UU" label="Wilgendaal College \(16UU', body)
    assert 'list="id_vervolgschool_brin-scholen"' in body
    response = client.post(
        url,
        {
            "vervolgschool_brin": "16uu",
            "vervolgschool_naam": "Wilgendaal College",
            "datum_inschrijving": "2018-08-20",
            "datum_uitschrijving": "2027-07-16",
            "verzorgers_aansprakelijk": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    uitgeschreven.refresh_from_db()
    assert uitgeschreven.vervolgschool_brin == "16UU"


# --- 13. smaller points --------------------------------------------------------------


def test_deregistered_pupils_are_not_listed_in_their_old_groep(client, medewerker, po_school):
    f.LeerlingFactory(
        school=po_school,
        achternaam="Vertrokken",
        groep="8A",
        jaargroep="8",
        datum_uitschrijving=datetime.date.today() - datetime.timedelta(days=100),
    )
    client.force_login(medewerker)
    for url in (reverse("leerlingen:lijst"), reverse("dossiers:overzicht")):
        rijen = client.get(url).content.decode().split("<tr")
        rij = next(r for r in rijen if "Vertrokken" in r).split("</tr>")[0]
        assert "Uitgeschreven" in rij and "8A" not in rij, url


def test_a_read_only_teacher_sees_no_selection_checkboxes(client, po_school, uitgeschreven):
    user = f.UserFactory(username="juf")
    f.AanstellingFactory(user=user, rol=Rol.LEERKRACHT, school=po_school)
    client.force_login(user)
    body = client.get(reverse("dossiers:overzicht")).content.decode()
    assert uitgeschreven.achternaam in body
    assert 'type="checkbox"' not in body and "Zet geselecteerde" not in body


def test_no_dashes_as_empty_options(client, medewerker, uitgeschreven):
    client.force_login(medewerker)
    for url in (
        reverse("dossiers:overzicht"),
        reverse("leerlingen:lijst"),
        reverse("dossiers:klaarzetten", args=[uitgeschreven.pk]),
        reverse("leerlingen:bewerken", args=[uitgeschreven.pk, "onderwijs"]),
    ):
        assert "---------" not in client.get(url).content.decode(), url


def test_a_404_in_production_is_the_apps_dutch_page(client, medewerker, settings):
    settings.DEBUG = False
    client.force_login(medewerker)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_demo_data_help_counts_the_schools(capsys):
    from leerlingen.demo import SCHOLEN

    with pytest.raises(SystemExit):
        call_command("demo_data", "--help", stdout=io.StringIO())
    uit = " ".join(capsys.readouterr().out.split())
    assert len(SCHOLEN) == 4
    assert "vier scholen" in uit and "drie scholen" not in uit


def test_the_block_disclosure_is_a_real_disclosure(client, medewerker, uitgeschreven):
    client.force_login(medewerker)
    body = client.get(reverse("dossiers:blokken", args=[uitgeschreven.pk, "POPO"])).content
    body = body.decode()
    assert 'class="info" title=' not in body
    assert "ⓘ" not in body  # the glyph rendered as an empty box without a font that has it
    assert re.search(
        r'<details class="info"><summary aria-label="Uitleg" title="Uitleg bij Verzuim"', body
    )


def test_labels_are_spelled_as_the_manual_does(client, medewerker, uitgeschreven):
    client.force_login(medewerker)
    teksten = ""
    for tab in ("onderwijs", "begeleiding"):
        teksten += client.get(
            reverse("leerlingen:tab", args=[uitgeschreven.pk, tab])
        ).content.decode()
    for fout in ("Advies vo<", "Opp ", "Lwoo "):
        assert fout not in teksten, fout
    assert "Advies VO" in teksten and "OPP ingangsdatum" in teksten and "LWOO" in teksten


def test_no_stale_wordt_verzameld_banner_after_collecting(client, medewerker, uitgeschreven):
    client.force_login(medewerker)
    url = reverse("dossiers:blokken", args=[uitgeschreven.pk, "POPO"])
    body = client.get(url).content.decode()
    data = dict.fromkeys(re.findall(r'name="(blok_[a-z_]+)"', body), "on")
    with TestCase.captureOnCommitCallbacks(execute=True):  # the embedded default: eager
        response = client.post(url, data)
    body = client.get(response["Location"]).content.decode()
    assert "Dossier verzameld" in body.split('id="dossierstatus"')[1][:80]
    assert "wordt verzameld" not in body


def test_the_readme_names_a_demo_pupil_to_import_and_the_terugkoppeling(db, settings, tmp_path):
    from pathlib import Path

    from leerlingen.models import Leerling, pgn_hash

    settings.MEDIA_ROOT = tmp_path / "media"
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    call_command("demo_data", "--peildatum", "2026-11-23", stdout=io.StringIO())
    jasmijn = Leerling.objects.get(pgn_hash=pgn_hash("bsn", "999900006"))
    assert jasmijn.volledige_naam in readme and "999900006" in readme
    assert (jasmijn.school.brincode, jasmijn.vervolgschool_brin) == ("14SS", "16UU")
    assert jasmijn.datum_uitschrijving and jasmijn.jaargroep == "8"
    anna = Leerling.objects.get(pgn_hash=pgn_hash("bsn", "999900031"))
    assert anna.volledige_naam in readme and anna.school.brincode == "14SS"
    assert "manage.py swv_terugkoppeling <id> --status" in " ".join(readme.split())
