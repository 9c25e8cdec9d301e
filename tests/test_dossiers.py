"""Overstapdossier klaarzetten: collection, preconditions, inzage, klaarzetten, the status
machine edge by edge, new versions and what changed, bulk binnen-brin, export."""

from __future__ import annotations

import datetime
import subprocess

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from lxml import etree

from audit.models import AuditEvent
from dossiers import services, workflow
from dossiers.models import DossierVersie, InzageKeuze, Status, Verwerking, Verzamelopdracht
from dossiers.profielen import Profiel
from dossiers.regels import valideer
from dossiers.xmlsafe import parse_dossier
from dossiers.xsd import xsd_fouten

from . import factories as f

pytestmark = pytest.mark.conformance

NS = {"d": "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"}


@pytest.fixture
def po_school(bestuur):
    return f.SchoolFactory(bestuur=bestuur, compleet=True, regionaal=True, brincode="14SS")


@pytest.fixture
def medewerker(po_school):
    from accounts.roles import Rol

    user = f.UserFactory(username="admin")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=po_school)
    return user


@pytest.fixture
def uitgeschreven(po_school):
    leerling = f.LeerlingFactory(
        school=po_school,
        uitgeschreven=True,
        roepnaam="Tess",
        achternaam="Vos",
        datum_inschrijving=datetime.date(2018, 8, 20),
    )
    f.vul_alle_blokken(leerling)
    return leerling


@pytest.fixture
def ingeschreven(po_school):
    leerling = f.LeerlingFactory(
        school=po_school,
        roepnaam="Milan",
        achternaam="Kok",
        groep="5A",
        jaargroep="5",
        datum_inschrijving=datetime.date(2021, 8, 20),
    )
    f.vul_alle_blokken(leerling)
    return leerling


def collect(leerling, profiel, user=None, keuzes=None):
    dossier = services.dossier_van(leerling)
    if profiel.startswith("BINNEN_BRIN") and not dossier.binnen_brin:
        dossier.binnen_brin = True
        dossier.save()
    keuzes = keuzes or services.standaard_keuzes(dossier, Profiel(profiel))
    opdracht = services.verzamelen_aanvragen(dossier=dossier, keuzes=keuzes, user=user, direct=True)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the PDF task after the commit
        versie = services.verzamel(opdracht.pk)
    dossier.refresh_from_db()
    return dossier, versie


def register_inzage(dossier, keuze=InzageKeuze.JA, zienswijze=""):
    dossier.inzage = keuze
    dossier.inzage_datum = datetime.date.today()
    dossier.zienswijze = zienswijze
    dossier.inzage_versie = dossier.huidige_versie
    dossier.save()


class TestCollection:
    def test_popo_collects_a_valid_version_with_pdf_in_the_map(self, uitgeschreven, medewerker):
        dossier, versie = collect(uitgeschreven, "POPO", user=medewerker)
        assert versie.nummer == 1 and dossier.status == Status.VERZAMELD
        assert dossier.status_tekst == "Dossier verzameld (overstap POPO)"
        xml = bytes(versie.xml)
        assert xsd_fouten(xml) == []
        fouten = [m.regel for m in valideer(parse_dossier(xml)) if m.ernst == "fout"]
        assert fouten == ["OVa.IZ02"]  # a voorlopig dossier: inzage comes after collection
        # the PDF task ran (eager) and filed the PDF in the leerlingmap
        versie.refresh_from_db()
        assert versie.pdf.leerling == uitgeschreven
        assert versie.pdf.bestand.read().startswith(b"%PDF")
        assert AuditEvent.objects.filter(
            actie="dossier_verzamelen", leerling=uitgeschreven
        ).exists()

    @pytest.mark.parametrize("profiel", ["POPO", "POVO", "BINNEN_BRIN_POPO", "BINNEN_BRIN_POVO"])
    def test_forbidden_blocks_never_in_the_xml(self, uitgeschreven, profiel):
        _dossier, versie = collect(uitgeschreven, profiel)
        tree = parse_dossier(bytes(versie.xml))
        if profiel == "POVO":
            assert tree.find(".//d:vanpeuterspeelzaal", NS) is None
            assert tree.find(".//d:voorschools", NS) is None
        assert tree.find(".//d:overigvombo", NS) is None or profiel.startswith("BINNEN")
        categorieen = {
            e.tag.split("}")[1]: e.text for e in tree.find(".//d:categorie_uitlevering", NS)
        }
        assert categorieen["cat_metadata"] == "VERPLICHT"

    def test_vovo_for_a_vo_pupil(self, bestuur):
        school = f.SchoolFactory(bestuur=bestuur, vo=True, compleet=True, brincode="16UU")
        leerling = f.LeerlingFactory(
            school=school,
            vo=True,
            datum_inschrijving=datetime.date(2024, 8, 20),
            datum_uitschrijving=datetime.date(2026, 7, 1),
            vervolgschool_brin="17VV",
            vervolgschool_naam="Het Lyceum",
        )
        f.vul_alle_blokken(leerling)
        _dossier, versie = collect(leerling, "VOVO")
        assert versie is not None, Verzamelopdracht.objects.get().meldingen
        assert xsd_fouten(bytes(versie.xml)) == []


class TestPreconditions:
    def test_not_uitgeschreven(self, ingeschreven):
        with pytest.raises(services.DossierFout) as exc:
            collect(ingeschreven, "POPO")
        assert any("Datum uitschrijving ontbreekt" in m for m in exc.value.meldingen)
        assert any("Vervolgschool ontbreekt" in m for m in exc.value.meldingen)
        assert not Verzamelopdracht.objects.exists()

    def test_povo_needs_advies(self, uitgeschreven):
        from leerlingen.models import Leerling

        uitgeschreven.overstapadvies.delete()
        with pytest.raises(services.DossierFout) as exc:
            collect(Leerling.objects.get(pk=uitgeschreven.pk), "POVO")
        assert (
            "Advies VO ontbreekt: verplicht bij een overstap PO-VO (OVa.OA02)."
            in exc.value.meldingen
        )

    def test_contact_nodig_needs_directeur(self, uitgeschreven, po_school):
        po_school.naam_directeur = ""
        po_school.save()
        dossier = services.dossier_van(uitgeschreven)
        dossier.contact_nodig = True
        dossier.save()
        with pytest.raises(services.DossierFout) as exc:
            collect(uitgeschreven, "POPO")
        assert any("naam en het telefoonnummer van de directeur" in m for m in exc.value.meldingen)

    def test_binnen_brin_needs_no_uitschrijving(self, ingeschreven):
        dossier, versie = collect(ingeschreven, "BINNEN_BRIN_POPO")
        assert versie is not None
        services.klaarzetten(dossier=dossier)  # and no inzage needed
        dossier.refresh_from_db()
        assert dossier.status_tekst == "Klaar voor verzenden (binnen brin POPO)"
        assert dossier.inzage_tekst == "N.v.t. (binnen brin)"

    def test_regional_platform_needs_the_school_setting(self, ingeschreven, po_school):
        po_school.aangesloten_regionaal_initiatief = False
        po_school.save()
        dossier, _versie = collect(ingeschreven, "BINNEN_BRIN_POPO")
        with pytest.raises(services.DossierFout) as exc:
            services.klaarzetten(dossier=dossier, regionaal_platform=True)
        assert "regionaal initiatief" in exc.value.meldingen[0]


class TestInzageAndKlaarzetten:
    def test_klaarzetten_needs_inzage_of_this_version(self, uitgeschreven):
        dossier, _versie = collect(uitgeschreven, "POPO")
        with pytest.raises(services.DossierFout) as exc:
            services.klaarzetten(dossier=dossier)
        assert "Geen inzage verleend in de huidige versie" in exc.value.meldingen[0]
        register_inzage(dossier, InzageKeuze.NEE)
        with pytest.raises(services.DossierFout):
            services.klaarzetten(dossier=dossier)
        assert dossier.status == Status.VERZAMELD

    def test_klaarzetten_with_inzage_ja(self, uitgeschreven):
        dossier, versie = collect(uitgeschreven, "POPO")
        register_inzage(dossier)
        klaarzetting = services.klaarzetten(dossier=dossier)
        dossier.refresh_from_db()
        assert dossier.status == Status.KLAARGEZET
        assert dossier.status_tekst == "Klaar voor verzenden (overstap POPO)"
        assert (klaarzetting.voor_brin, klaarzetting.versie) == ("16UU", versie)
        tree = parse_dossier(bytes(klaarzetting.xml))
        assert tree.findtext(".//d:inzage/d:inzage", namespaces=NS) == "true"
        assert tree.findtext(".//d:inzage/d:akkoord", namespaces=NS) == "Ja"
        assert tree.findtext(".//d:inzage/d:voorlopigdossier", namespaces=NS) == "false"
        assert xsd_fouten(bytes(klaarzetting.xml)) == []

    def test_niet_akkoord_sends_the_zienswijze(self, uitgeschreven):
        dossier, _versie = collect(uitgeschreven, "POPO")
        register_inzage(dossier, InzageKeuze.JA_NIET_AKKOORD, zienswijze="")
        with pytest.raises(services.DossierFout) as exc:
            services.klaarzetten(dossier=dossier)
        assert "zienswijze" in exc.value.meldingen[0]
        register_inzage(dossier, InzageKeuze.JA_NIET_AKKOORD, zienswijze="Wij zien het anders.")
        klaarzetting = services.klaarzetten(dossier=dossier)
        tree = parse_dossier(bytes(klaarzetting.xml))
        assert tree.findtext(".//d:inzage/d:akkoord", namespaces=NS) == "Nee"
        assert (
            tree.findtext(".//d:inzage/d:redennietakkoord", namespaces=NS) == "Wij zien het anders."
        )

    def test_collecting_again_makes_a_new_version_and_resets_inzage(self, uitgeschreven):
        dossier, v1 = collect(uitgeschreven, "POPO")
        register_inzage(dossier)
        services.klaarzetten(dossier=dossier)
        uitgeschreven.roepnaam = "Tessa"
        uitgeschreven.save()
        f.ToetsFactory(leerling=uitgeschreven, toetsnaam="Cito Eindtoets oefen")
        dossier, v2 = collect(uitgeschreven, "POPO")
        assert (v1.nummer, v2.nummer) == (1, 2)
        assert dossier.status == Status.VERZAMELD and dossier.klaarzetting is None
        assert dossier.inzage_tekst == "Geen inzage verleend in de huidige versie"
        # the old version is untouched
        assert bytes(DossierVersie.objects.get(pk=v1.pk).xml) == bytes(v1.xml)


class TestStatusMachine:
    @pytest.mark.parametrize(("van", "actie"), sorted(workflow.TRANSITIES))
    def test_every_allowed_edge(self, uitgeschreven, van, actie):
        dossier, _ = collect(uitgeschreven, "POPO")
        register_inzage(dossier)
        if van == Status.KLAARGEZET:
            services.klaarzetten(dossier=dossier)
        elif van == Status.NIET_KLAAR:
            dossier.status = Status.NIET_KLAAR
            dossier.save()
        dossier.refresh_from_db()
        assert dossier.status == van
        if actie == workflow.VERZAMELEN:
            dossier, _ = collect(uitgeschreven, "POPO")
        elif actie == workflow.KLAARZETTEN:
            services.klaarzetten(dossier=dossier)
        else:
            services.intrekken(dossier=dossier)
        dossier.refresh_from_db()
        assert dossier.status == workflow.TRANSITIES[(van, actie)]
        assert AuditEvent.objects.filter(actie=f"dossier_{actie}", leerling=uitgeschreven).exists()

    @pytest.mark.parametrize(
        ("van", "actie"),
        [
            (s, a)
            for s in Status.values
            for a in (workflow.KLAARZETTEN, workflow.INTREKKEN)
            if (s, a) not in workflow.TRANSITIES
        ],
    )
    def test_every_forbidden_edge(self, uitgeschreven, van, actie):
        dossier = services.dossier_van(uitgeschreven)
        dossier.status = van
        with pytest.raises(workflow.OngeldigeOvergang):
            workflow.overgang(dossier, actie)


class TestReliability:
    def test_running_a_job_twice_makes_one_version(self, uitgeschreven):
        dossier = services.dossier_van(uitgeschreven)
        opdracht = services.verzamelen_aanvragen(
            dossier=dossier, keuzes=services.standaard_keuzes(dossier, Profiel.POPO), direct=True
        )
        first = services.verzamel(opdracht.pk)
        second = services.verzamel(opdracht.pk)
        assert first == second and DossierVersie.objects.count() == 1

    def test_crash_while_writing_keeps_previous_version_and_retry_makes_one(
        self, uitgeschreven, monkeypatch
    ):
        dossier, v1 = collect(uitgeschreven, "POPO")
        opdracht = services.verzamelen_aanvragen(
            dossier=dossier, keuzes=services.standaard_keuzes(dossier, Profiel.POPO), direct=True
        )

        def crash(*args, **kwargs):
            raise MemoryError("the worker dies here")

        monkeypatch.setattr(services.workflow, "overgang", crash)
        with pytest.raises(MemoryError):
            services.verzamel(opdracht.pk)
        monkeypatch.undo()
        dossier.refresh_from_db()
        assert dossier.huidige_versie == v1 and DossierVersie.objects.count() == 1
        opdracht.refresh_from_db()
        assert opdracht.status == Verwerking.MISLUKT
        v2 = services.verzamel(opdracht.pk)  # the retry
        assert v2.nummer == 2 and DossierVersie.objects.count() == 2
        assert services.verzamel(opdracht.pk) == v2

    def test_a_dossier_that_fails_a_rule_is_never_a_version(self, uitgeschreven, monkeypatch):
        from dossiers import xml_bouwer

        original = xml_bouwer.bouw_xml

        def without_leerlingid(verzameling):
            tree = etree.fromstring(original(verzameling))
            for node in tree.iterfind(".//d:leerlingid", NS):
                node.getparent().remove(node)
            return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")

        monkeypatch.setattr(xml_bouwer, "bouw_xml", without_leerlingid)
        dossier = services.dossier_van(uitgeschreven)
        opdracht = services.verzamelen_aanvragen(
            dossier=dossier, keuzes=services.standaard_keuzes(dossier, Profiel.POVO), direct=True
        )
        assert services.verzamel(opdracht.pk) is None
        opdracht.refresh_from_db()
        assert opdracht.status == Verwerking.AFGEKEURD
        assert any("OVa.LL13" in m for m in opdracht.meldingen)
        assert not DossierVersie.objects.exists()


class TestScreens:
    @pytest.fixture(autouse=True)
    def _tasks_run_after_commit(self, monkeypatch):
        # the views start tasks from transaction.on_commit, which a test's wrapping transaction
        # never reaches: run each callback at once, as the commit of the request would
        from django.db import transaction

        monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())

    def test_steps_through_the_pages(self, client, medewerker, uitgeschreven):
        client.force_login(medewerker)
        url = reverse("dossiers:klaarzetten", args=[uitgeschreven.pk])
        body = client.get(url).content.decode()
        assert "Overstapdossier klaarzetten voor Tess Vos" in body
        assert "Niet klaar voor verzenden" in body and "Nog niet eerder verzameld" in body
        blokken = reverse("dossiers:blokken", args=[uitgeschreven.pk, "POVO"])
        page = client.get(blokken).content.decode()
        assert "VVE" not in page.split("Gegevensblokken")[1].split("</fieldset>")[0]
        assert "checked disabled> Overstapadvies" in page
        toets = uitgeschreven.toetsen.first()
        response = client.post(blokken, {"blok_toetsresultaten": "on", "toetsen": [toets.pk]})
        assert response.status_code == 302
        dossier = services.dossier_van(uitgeschreven)
        assert dossier.status == Status.VERZAMELD
        tree = parse_dossier(bytes(dossier.huidige_versie.xml))
        assert len(tree.findall(".//d:toetslijst/d:toets", NS)) == 1
        body = client.get(url).content.decode()
        assert "Dossier verzameld (overstap POVO)" in body
        assert "Geen inzage verleend in de huidige versie" in body
        pdf = client.get(reverse("dossiers:pdf", args=[uitgeschreven.pk]))
        assert pdf["Content-Type"] == "application/pdf"
        assert b"".join(pdf.streaming_content).startswith(b"%PDF")
        response = client.post(
            url,
            {
                "contact_nodig": "False",
                "binnen_brin": "False",
                "inzage": "ja",
                "inzage_datum": datetime.date.today().isoformat(),
                "aandachtspunten": "",
            },
        )
        assert response.status_code == 302
        response = client.post(
            reverse("dossiers:klaarzetten_actie", args=[uitgeschreven.pk]), follow=True
        )
        assert "is klaargezet voor (16UU)" in response.content.decode()
        assert "Klaar voor verzenden (overstap POVO)" in response.content.decode()
        log = client.get(reverse("dossiers:mutatielog", args=[uitgeschreven.pk])).content.decode()
        for tekst in ("Dossier verzameld", "Inzage verzorgers vastgelegd", "Dossier klaargezet"):
            assert tekst in log

    def test_inzage_before_collection_date_refused(self, client, medewerker, uitgeschreven):
        collect(uitgeschreven, "POPO")
        client.force_login(medewerker)
        response = client.post(
            reverse("dossiers:klaarzetten", args=[uitgeschreven.pk]),
            {
                "contact_nodig": "False",
                "binnen_brin": "False",
                "inzage": "ja",
                "inzage_datum": "2001-01-01",
            },
        )
        assert response.status_code == 400
        assert "De inzage ligt vóór het verzamelen" in response.content.decode()

    def test_a_bulk_job_that_meets_a_busy_database_runs_again(
        self, client, medewerker, po_school, monkeypatch
    ):
        """The background run of the bulk: a job whose first transaction met a database error
        (a lock held past the timeout, a dropped connection) is run again instead of staying
        "in de wachtrij", so the progress page reaches its end."""
        from django.db import OperationalError

        from dossiers import achtergrond

        leerlingen = [
            f.LeerlingFactory(school=po_school, datum_inschrijving=datetime.date(2022, 8, 1))
            for _ in range(2)
        ]
        for leerling in leerlingen:
            f.vul_alle_blokken(leerling)
        echte = services.verzamel
        bezet = {"keer": 0}

        def verzamel(pk):
            if bezet["keer"] < 2:  # twice busy: the first job succeeds on its third attempt
                bezet["keer"] += 1
                raise OperationalError("database table is locked")
            return echte(pk)

        monkeypatch.setattr(services, "verzamel", verzamel)
        monkeypatch.setattr(achtergrond, "WACHT", 0)
        client.force_login(medewerker)
        body = client.post(
            reverse("dossiers:overzicht"), {"leerling": [lr.pk for lr in leerlingen]}, follow=True
        ).content.decode()
        assert bezet["keer"] == 2
        assert "2 dossiers klaargezet" in body
        for leerling in leerlingen:
            assert services.dossier_van(leerling).status == Status.KLAARGEZET

    def test_changes_since_the_version_the_parents_saw(self, client, medewerker, uitgeschreven):
        dossier, _ = collect(uitgeschreven, "POPO")
        register_inzage(dossier)
        uitgeschreven.roepnaam = "Tessa"
        uitgeschreven.save()
        collect(uitgeschreven, "POPO")
        client.force_login(medewerker)
        body = client.get(reverse("dossiers:klaarzetten", args=[uitgeschreven.pk])).content.decode()
        assert "(de versie die de ouders zagen)" in body
        wijzigingen = body.split('id="wijzigingen"')[1]
        assert "Tessa" in wijzigingen and "Tess" in wijzigingen

    def test_bulk_binnen_brin(self, client, medewerker, po_school):
        leerlingen = [
            f.LeerlingFactory(school=po_school, datum_inschrijving=datetime.date(2022, 8, 1))
            for _ in range(3)
        ]
        for leerling in leerlingen:
            f.vul_alle_blokken(leerling)
        client.force_login(medewerker)
        overzicht = client.get(reverse("dossiers:overzicht")).content.decode()
        assert "Zet geselecteerde leerlingen klaar voor binnen-brin uitwisseling" in overzicht
        response = client.post(
            reverse("dossiers:overzicht"), {"leerling": [lr.pk for lr in leerlingen]}, follow=True
        )
        body = response.content.decode()
        assert "3 dossiers klaargezet (alle niet-methodetoetsen zijn meegenomen)" in body
        for leerling in leerlingen:
            dossier = services.dossier_van(leerling)
            assert dossier.status == Status.KLAARGEZET
            tree = parse_dossier(bytes(dossier.klaarzetting.xml))
            assert len(tree.findall(".//d:toetslijst/d:toets", NS)) == leerling.toetsen.count()
        # running it again picks up a new test
        f.ToetsFactory(leerling=leerlingen[0], toetsnaam="Nieuwe toets")
        client.post(reverse("dossiers:overzicht"), {"leerling": [leerlingen[0].pk]})
        dossier = services.dossier_van(leerlingen[0])
        assert dossier.huidige_versie.nummer == 2
        tree = parse_dossier(bytes(dossier.klaarzetting.xml))
        assert len(tree.findall(".//d:toetslijst/d:toets", NS)) == leerlingen[0].toetsen.count()


class TestExport:
    def test_export_writes_valid_xml_and_pdf(self, uitgeschreven, tmp_path):
        xml, pdf = tmp_path / "d.xml", tmp_path / "d.pdf"
        call_command(
            "dossier_export", uitgeschreven.pk, "--profiel", "POVO", "--xml", xml, "--pdf", pdf
        )
        assert xsd_fouten(xml.read_bytes()) == []
        assert pdf.read_bytes().startswith(b"%PDF")
        assert AuditEvent.objects.filter(
            actie="dossier_geexporteerd", leerling=uitgeschreven
        ).exists()

    def test_export_refuses_with_dutch_reasons(self, ingeschreven, tmp_path):
        with pytest.raises(CommandError) as exc:
            call_command(
                "dossier_export", ingeschreven.pk, "--profiel", "POVO", "--xml", tmp_path / "x"
            )
        assert "Datum uitschrijving ontbreekt" in str(exc.value)
        assert not (tmp_path / "x").exists()

    def test_export_exits_non_zero_from_the_shell(self, tmp_path):
        import sys

        env = {"OSO_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}

        def manage(*args):
            return subprocess.run(
                [sys.executable, "manage.py", *args],
                capture_output=True,
                text=True,
                cwd=settings.BASE_DIR,
                timeout=120,
                env=env,
            )

        assert manage("migrate", "-v0").returncode == 0
        result = manage(
            "dossier_export", "999999", "--profiel", "POPO", "--xml", str(tmp_path / "x")
        )
        assert result.returncode != 0
        assert "Er is geen leerling met id 999999." in result.stderr


class TestDemoWorldExports:
    """For every profile, a demo pupil's exported XML passes the XSD and our full rule set."""

    @pytest.fixture
    def demo(self, db):
        call_command("demo_data", verbosity=0)

    @pytest.mark.parametrize(
        "profiel", ["POPO", "POVO", "VOVO", "BINNEN_BRIN_POPO", "BINNEN_BRIN_POVO"]
    )
    def test_export_of_a_demo_pupil(self, demo, profiel, tmp_path):
        from leerlingen.models import Leerling

        vo = profiel == "VOVO"
        kandidaten = Leerling.objects.filter(school__soort="VO" if vo else "BO").order_by("pk")
        if not profiel.startswith("BINNEN"):
            kandidaten = kandidaten.filter(
                datum_uitschrijving__isnull=False, vervolgschool_brin__gt=""
            )
            if profiel == "POVO":
                kandidaten = kandidaten.filter(overstapadvies__advies__gt="")
        if vo and not kandidaten.exists():
            leerling = Leerling.objects.filter(school__soort="VO").order_by("pk").first()
            leerling.datum_uitschrijving = datetime.date.today()
            leerling.vervolgschool_brin, leerling.vervolgschool_naam = "17VV", "Het Lyceum"
            leerling.save()
        else:
            leerling = kandidaten.first()
        xml = tmp_path / "dossier.xml"
        call_command("dossier_export", leerling.pk, "--profiel", profiel, "--xml", xml)
        if not profiel.startswith("BINNEN"):
            register_inzage(services.dossier_van(leerling))
            call_command(
                "dossier_export", leerling.pk, "--profiel", profiel, "--xml", xml, "--huidige"
            )
        data = xml.read_bytes()
        assert xsd_fouten(data) == []
        assert [m.bericht for m in valideer(parse_dossier(data)) if m.ernst == "fout"] == []


def test_pdf_not_made_yet_is_waited_for_not_rendered_or_queued_in_the_request(
    client, medewerker, uitgeschreven, monkeypatch
):
    from dossiers import tasks

    dossier, versie = collect(uitgeschreven, "POPO")
    DossierVersie.objects.filter(pk=versie.pk).update(pdf=None)
    gevraagd = []
    monkeypatch.setattr(tasks.maak_pdf, "delay", lambda versie_id: gevraagd.append(versie_id))
    client.force_login(medewerker)
    response = client.get(reverse("dossiers:pdf", args=[uitgeschreven.pk]))
    assert response.status_code == 202
    assert "wordt gemaakt" in response.content.decode()
    # the page refreshes itself: no task per load (the worker, or the sweeper, makes the PDF)
    assert gevraagd == []
