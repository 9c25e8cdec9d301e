"""Leerling > Begeleiding > Zorgvraag (OSO) without a Traffic Center: the form (blocks from the
one profile matrix, the required Toelichting onderwijsbehoeften), what is stored, that a
zorgvraag cannot be changed through any URL, tenancy and rights, deletion, the PDF and
``dossier_export`` for the SWV profiles. The exchange itself: test_zorgvraag_uitwisseling."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse

from accounts.roles import Rol
from audit.models import AuditEvent
from dossiers.profielen import Profiel, verboden
from dossiers.regels import FOUT, valideer
from dossiers.xmlsafe import parse_dossier
from dossiers.xsd import xsd_fouten
from leerlingen.models import MapItem
from zorgvraag import services
from zorgvraag.models import Aflevering, Terugkoppeling, Zorgvraag
from zorgvraag.selectors import AanleverpuntKeuze

from . import factories as f
from .test_exploitatie import s3_bucket  # noqa: F401 (fixture)
from .test_zorgvraag_uitwisseling import alle_teksten, geen_pgn

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(db):
    return f.SchoolFactory(compleet=True, brincode="14SS", naam="De Regenboog")


@pytest.fixture
def swv_ap(db):
    verband = f.SamenwerkingsverbandFactory(code="PO2801")
    return f.AanleverpuntFactory(
        swv=True, samenwerkingsverband=verband, nummer=1, omschrijving="Loket PO"
    )


@pytest.fixture
def zc(school):
    user = f.UserFactory(username="zc")
    f.AanstellingFactory(user=user, rol=Rol.ZORGCOORDINATOR, school=school)
    return user


@pytest.fixture
def sanne(school):
    leerling = f.LeerlingFactory(
        school=school,
        roepnaam="Sanne",
        achternaam="Visser",
        datum_inschrijving=dt.date(2019, 8, 19),
    )
    f.vul_alle_blokken(leerling)
    return leerling


def keuze(ap) -> AanleverpuntKeuze:
    return AanleverpuntKeuze(
        ap.routeringskenmerk, ap.samenwerkingsverband.code, ap.omschrijving, ap.nummer, ap.pk
    )


def toelichting_bestand() -> SimpleUploadedFile:
    return SimpleUploadedFile("toelichting.txt", b"Sanne heeft extra instructie nodig.")


def nieuw_url(leerling) -> str:
    return reverse("zorgvraag:nieuw", args=[leerling.pk])


def formulier(ap, **extra) -> dict:
    data = {
        "omschrijving": "Aanvraag TLV",
        "aandachtspunten": "Graag overleg.",
        "aanleverpunt": ap.routeringskenmerk,
        "blok_handelingsplannen": "on",
        "blok_verzuim": "on",
    }
    data.update(extra)
    return data


def verzonden(leerling, ap, user) -> Zorgvraag:
    """A zorgvraag as it is after a successful delivery (the exchange is tested elsewhere)."""
    item = f.MapItemFactory(leerling=leerling, titel="Toelichting")
    zorgvraag = services.zorgvraag_aanmaken(
        leerling=leerling,
        omschrijving="Aanvraag arrangement",
        aanleverpunt=keuze(ap),
        blokken={"handelingsplannen"},
        toelichting=item,
        user=user,
        afleveren=False,
    )
    Zorgvraag.objects.filter(pk=zorgvraag.pk).update(
        aflevering=Aflevering.VERZONDEN, notificatie_verstuurd_op=dt.datetime.now(dt.UTC)
    )
    zorgvraag.refresh_from_db()
    return zorgvraag


# --- the form --------------------------------------------------------------------------------


@pytest.mark.parametrize("vo", [False, True], ids=["PO", "VO"])
def test_the_form_offers_the_profiles_blocks(client_for, vo):
    school = f.SchoolFactory(compleet=True, vo=vo)
    user = f.UserFactory()
    f.AanstellingFactory(user=user, rol=Rol.ZORGCOORDINATOR, school=school)
    leerling = f.LeerlingFactory(school=school)
    body = client_for(user).get(nieuw_url(leerling)).content.decode()
    profiel = Profiel.SWV_VO if vo else Profiel.SWV_PO
    assert f"SWV-dossier (SWV {'VO' if vo else 'PO'})" in body
    for blok in verboden(profiel):
        assert f'name="blok_{blok.slug}"' not in body, blok.slug
    # required blocks ticked and locked, by the same matrix
    assert "Onderwijsondersteuning</label>" in body and "verplicht" in body
    assert 'name="blok_handelingsplannen"' in body
    assert ('name="blok_vve"' in body) is (not vo)  # VVE: SWV PO optional, SWV VO forbidden
    assert "Opslaan en verzenden" in body
    assert "kunt u de zorgvraag niet meer wijzigen" in body


def test_the_aanleverpunten_come_from_this_system_when_the_tc_cannot_be_asked(
    client_for, zc, sanne, swv_ap
):
    vo_ap = f.AanleverpuntFactory(swv=True, samenwerkingsverband__sector="VO", nummer=3)
    body = client_for(zc).get(nieuw_url(sanne)).content.decode()
    assert "kon niet bij het Traffic Center worden opgehaald" in body
    assert swv_ap.routeringskenmerk in body
    assert vo_ap.routeringskenmerk not in body  # a PO school sees the SWVs PO


def test_sending_without_toelichting_is_refused_and_changes_nothing(client_for, zc, sanne, swv_ap):
    voor = (Zorgvraag.objects.count(), MapItem.objects.count(), AuditEvent.objects.count())
    response = client_for(zc).post(nieuw_url(sanne), formulier(swv_ap))
    assert response.status_code == 400
    assert "Voeg een Toelichting onderwijsbehoeften toe" in response.content.decode()
    assert Zorgvraag.objects.count() == voor[0] and MapItem.objects.count() == voor[1]
    assert not AuditEvent.objects.filter(actie__startswith="zorgvraag_").exists()
    # the service refuses it just the same
    with pytest.raises(services.ZorgvraagFout, match="Toelichting onderwijsbehoeften"):
        services.zorgvraag_aanmaken(
            leerling=sanne, omschrijving="x", aanleverpunt=keuze(swv_ap), blokken=set(), user=zc
        )


def test_bad_input_is_refused_in_dutch(client_for, zc, sanne, swv_ap):
    client = client_for(zc)
    response = client.post(
        nieuw_url(sanne),
        formulier(
            swv_ap,
            omschrijving="",
            aanleverpunt="BESTAATNIET000000000",
            nieuwe_toelichting=SimpleUploadedFile("virus.exe", b"MZ"),
        ),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Dit veld is verplicht" in body or "verplicht" in body
    assert "virus.exe" in body and "gekeken naar de inhoud" in body
    assert Zorgvraag.objects.count() == 0


def test_opslaan_en_verzenden_stores_the_swv_dossier_and_says_it_was_not_delivered(
    client_for, zc, sanne, swv_ap, django_capture_on_commit_callbacks
):
    """No Traffic Center connection is configured here: the zorgvraag is stored, with its
    dossier, and shows "Niet afgeleverd" with the reason and "Opnieuw versturen"."""
    client = client_for(zc)
    aantal_map = MapItem.objects.filter(leerling=sanne).count()
    with django_capture_on_commit_callbacks(execute=True):  # delivery and PDF after commit
        response = client.post(
            nieuw_url(sanne),
            formulier(swv_ap, nieuwe_toelichting=toelichting_bestand()),
            follow=True,
        )
    assert response.status_code == 200
    zorgvraag = Zorgvraag.objects.get()
    body = client.get(reverse("zorgvraag:detail", args=[zorgvraag.pk])).content.decode()
    assert zorgvraag.aflevering == Aflevering.NIET_AFGELEVERD
    assert "Traffic Center-verbinding" in zorgvraag.melding
    assert "Niet afgeleverd" in body and "Opnieuw versturen" in body
    assert zorgvraag.melding in body
    # the upload went into the leerlingmap, the dossier is valid and has no PGN
    assert MapItem.objects.filter(leerling=sanne).count() == aantal_map + 1
    xml = bytes(zorgvraag.xml)
    assert xsd_fouten(xml) == []
    assert [m.regel for m in valideer(parse_dossier(xml)) if m.ernst == FOUT] == []
    geen_pgn([sanne.pgn], alle_teksten(xml))
    assert zorgvraag.categorieen["onderwijsondersteuning"] == "VERPLICHT"
    assert zorgvraag.categorieen["verzuim"] == "OPTIONEEL"
    assert zorgvraag.categorieen["cijferlijsten"] == "OPT-UIT"
    assert zorgvraag.categorieen["eindtoets"] == "VERBODEN"
    assert zorgvraag.bijlagen.get().soort == "toelichting"
    assert zorgvraag.pdf and zorgvraag.pdf.read().startswith(b"%PDF")  # the task ran (eager)
    assert AuditEvent.objects.filter(actie="zorgvraag_aangemaakt", leerling=sanne).exists()
    assert AuditEvent.objects.filter(actie="zorgvraag_niet_afgeleverd", leerling=sanne).exists()
    # Opnieuw versturen: still no connection, still not delivered, one more attempt
    response = client.post(reverse("zorgvraag:opnieuw", args=[zorgvraag.pk]), follow=True)
    zorgvraag.refresh_from_db()
    assert zorgvraag.pogingen == 2 and zorgvraag.aflevering == Aflevering.NIET_AFGELEVERD
    assert "Opnieuw niet afgeleverd" in response.content.decode()


def test_an_attachment_with_the_pgn_inside_is_refused(client_for, zc, sanne, swv_ap):
    from leerlingen import demo

    pdf = demo.minimal_pdf("Onderzoek", [f"BSN {sanne.pgn}"])
    item = f.MapItemFactory(leerling=sanne, titel="Onderzoek", bestand__data=pdf)
    response = client_for(zc).post(
        nieuw_url(sanne),
        formulier(swv_ap, toelichting=item.pk),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "bevat het BSN of onderwijsnummer" in body
    assert sanne.pgn not in body
    assert Zorgvraag.objects.count() == 0


# --- overview and detail ---------------------------------------------------------------------


def test_overview_and_detail_show_what_was_sent_and_the_terugkoppeling(
    client_for, zc, sanne, swv_ap
):
    zorgvraag = verzonden(sanne, swv_ap, zc)
    client = client_for(zc)
    begeleiding = client.get(reverse("leerlingen:tab", args=[sanne.pk, "begeleiding"]))
    assert reverse("zorgvraag:overzicht", args=[sanne.pk]) in begeleiding.content.decode()

    body = client.get(reverse("zorgvraag:overzicht", args=[sanne.pk])).content.decode()
    for kop in ("Omschrijving", "Gemaakt op", "Gebruikt aanleverpunt", "Notificatie verstuurd"):
        assert kop in body
    assert "Aanvraag arrangement" in body and "1: Loket PO" in body
    assert "<td>Ja</td>" in body and "<td>Nee</td>" in body  # notificatie Ja, terugkoppeling Nee

    Terugkoppeling.objects.create(
        zorgvraag=zorgvraag,
        status="AanvullingNodig",
        bericht="Graag het verslag van de logopedist.",
        swv_routeringskenmerk=swv_ap.routeringskenmerk,
    )
    body = client.get(reverse("zorgvraag:overzicht", args=[sanne.pk])).content.decode()
    assert body.count("<td>Ja</td>") == 2
    detail = client.get(reverse("zorgvraag:detail", args=[zorgvraag.pk])).content.decode()
    assert "Aanvulling nodig" in detail and "Graag het verslag van de logopedist." in detail
    assert "Verplicht (meegestuurd)" in detail and "Bewust niet meegestuurd" in detail
    assert "Toelichting onderwijsbehoeften" in detail
    assert "Opnieuw versturen" not in detail
    assert AuditEvent.objects.filter(actie="zorgvraag_bekeken", user=zc).exists()

    wachten = client.get(reverse("zorgvraag:pdf", args=[zorgvraag.pk]))
    assert wachten.status_code == 202  # the page only waits: the worker makes the PDF
    services.maak_pdf(zorgvraag.pk)  # as the task after sending (or the sweeper) does
    pdf = client.get(reverse("zorgvraag:pdf", args=[zorgvraag.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(actie="zorgvraag_geexporteerd").exists()


# --- the PDF and the terugkoppeling's document are encrypted files in the storage ---------


def opslag():
    return Zorgvraag._meta.get_field("pdf").storage


def bestanden_in(map_: str) -> list[str]:
    """Every file under ``map_`` in the storage (the test's own MEDIA_ROOT)."""
    wortel = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(wortel)) for p in (wortel / map_).rglob("*") if p.is_file())


def terugkoppeling_met_document(zorgvraag, data: bytes = b"%PDF-1.4 beschikking"):
    return Terugkoppeling.objects.create(
        zorgvraag=zorgvraag,
        status="Toegekend",
        document=ContentFile(data, name="beschikking.pdf"),
        swv_routeringskenmerk=zorgvraag.swv_routeringskenmerk,
    )


def test_the_pdf_is_an_encrypted_file_in_the_storage_and_the_view_serves_it(
    client_for, zc, sanne, swv_ap
):
    zorgvraag = verzonden(sanne, swv_ap, zc)
    assert services.maak_pdf(zorgvraag.pk) is True
    assert services.maak_pdf(zorgvraag.pk) is True  # idempotent: no second file
    zorgvraag.refresh_from_db()
    naam = zorgvraag.pdf.name
    assert bestanden_in("zorgvraag") == [naam]
    assert re.fullmatch(r"zorgvraag/pdf/[0-9a-f]{32}\.pdf", naam)  # nothing of the pupil
    assert not opslag().ruw(naam).startswith(b"%PDF")  # ciphertext at rest
    assert sanne.achternaam.encode() not in opslag().ruw(naam)

    antwoord = client_for(zc).get(reverse("zorgvraag:pdf", args=[zorgvraag.pk]))
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"] == f'inline; filename="zorgvraag-{zorgvraag.pk}.pdf"'
    inhoud = b"".join(antwoord.streaming_content)
    assert inhoud.startswith(b"%PDF") and inhoud == opslag().open(naam).read()
    assert AuditEvent.objects.filter(actie="zorgvraag_geexporteerd", user=zc).count() == 1


def test_the_terugkoppeling_document_is_an_encrypted_file_served_as_a_download(
    client_for, zc, sanne, swv_ap
):
    zorgvraag = verzonden(sanne, swv_ap, zc)
    terug = terugkoppeling_met_document(zorgvraag)
    assert re.fullmatch(r"zorgvraag/terugkoppeling/[0-9a-f]{32}\.pdf", terug.document.name)
    assert not opslag().ruw(terug.document.name).startswith(b"%PDF")
    client = client_for(zc)
    detail = client.get(reverse("zorgvraag:detail", args=[zorgvraag.pk])).content.decode()
    url = reverse("zorgvraag:terugkoppeling_document", args=[zorgvraag.pk, terug.pk])
    assert url in detail

    antwoord = client.get(url)

    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"] == (
        f'attachment; filename="terugkoppeling-{terug.pk}.pdf"'
    )
    assert b"".join(antwoord.streaming_content) == b"%PDF-1.4 beschikking"
    assert AuditEvent.objects.filter(
        actie="zorgvraag_geexporteerd", omschrijving__contains="document terugkoppeling"
    ).exists()
    zonder = Terugkoppeling.objects.create(
        zorgvraag=zorgvraag, status="InBehandeling", swv_routeringskenmerk="x"
    )
    assert not zonder.document
    kapot = reverse("zorgvraag:terugkoppeling_document", args=[zorgvraag.pk, zonder.pk])
    assert client.get(kapot).status_code == 404


def test_a_pdf_that_loses_to_a_deletion_leaves_no_file(
    monkeypatch, zc, sanne, swv_ap, django_capture_on_commit_callbacks
):
    from dossiers import pdf as dossier_pdf

    zorgvraag = verzonden(sanne, swv_ap, zc)
    echt = dossier_pdf.render_pdf

    def verwijderd_tijdens_het_renderen(xml):
        with django_capture_on_commit_callbacks(execute=True):
            services.zorgvraag_verwijderen(zorgvraag=zorgvraag, user=zc)
        return echt(xml)

    monkeypatch.setattr(dossier_pdf, "render_pdf", verwijderd_tijdens_het_renderen)

    assert services.maak_pdf(zorgvraag.pk) is False

    zorgvraag.refresh_from_db()
    assert zorgvraag.verwijderd and not zorgvraag.pdf
    assert bestanden_in("zorgvraag") == []  # the file it wrote is deleted again


def test_a_pdf_that_loses_to_another_run_leaves_one_file(monkeypatch, zc, sanne, swv_ap):
    from dossiers import pdf as dossier_pdf

    zorgvraag = verzonden(sanne, swv_ap, zc)
    echt = dossier_pdf.render_pdf
    andere_run = []

    def intussen_een_andere_run(xml):
        if not andere_run:
            andere_run.append(None)
            andere_run[0] = services.maak_pdf(zorgvraag.pk)  # wins the race
        return echt(xml)

    monkeypatch.setattr(dossier_pdf, "render_pdf", intussen_een_andere_run)

    assert services.maak_pdf(zorgvraag.pk) is False  # lost: the row had a PDF meanwhile
    assert andere_run == [True]
    zorgvraag.refresh_from_db()
    assert bestanden_in("zorgvraag") == [zorgvraag.pdf.name]  # the winner's, no orphan


def test_a_pdf_whose_update_fails_leaves_no_file(monkeypatch, zc, sanne, swv_ap):
    from django.db.models import QuerySet

    zorgvraag = verzonden(sanne, swv_ap, zc)

    def kapot(self, **kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(QuerySet, "update", kapot)
    with pytest.raises(RuntimeError):
        services.maak_pdf(zorgvraag.pk)
    monkeypatch.undo()
    assert bestanden_in("zorgvraag") == []


def test_the_sweeper_makes_a_missing_pdf_once(
    zc, sanne, swv_ap, django_capture_on_commit_callbacks
):
    from exploitatie import vegen

    zorgvraag = verzonden(sanne, swv_ap, zc)  # on_commit not run: the PDF task was "lost"
    Zorgvraag.objects.filter(pk=zorgvraag.pk).update(
        gemaakt_op=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert vegen.vegen()["zorgvraag-pdf"]["opnieuw"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert vegen.vegen()["zorgvraag-pdf"]["opnieuw"] == 0  # found with its PDF now
    zorgvraag.refresh_from_db()
    assert bestanden_in("zorgvraag") == [zorgvraag.pdf.name]


def test_the_pdf_lands_encrypted_in_the_s3_bucket(
    s3_bucket,  # noqa: F811
    client_for,
    zc,
    sanne,
    swv_ap,
):
    zorgvraag = verzonden(sanne, swv_ap, zc)
    assert services.maak_pdf(zorgvraag.pk)
    zorgvraag.refresh_from_db()
    object_ = s3_bucket.get_object(Bucket="oso-test", Key=f"media/{zorgvraag.pdf.name}")
    opgeslagen = object_["Body"].read()
    assert opgeslagen and b"%PDF" not in opgeslagen  # encrypted at rest in the bucket
    antwoord = client_for(zc).get(reverse("zorgvraag:pdf", args=[zorgvraag.pk]))
    assert b"".join(antwoord.streaming_content).startswith(b"%PDF")


# --- a sent zorgvraag cannot be changed through any URL -------------------------------------


def zorgvraag_urls(zorgvraag) -> list[str]:
    leerling = zorgvraag.leerling
    terug = Terugkoppeling.objects.get_or_create(
        zorgvraag=zorgvraag,
        status="InBehandeling",
        swv_routeringskenmerk=zorgvraag.swv_routeringskenmerk,
        defaults={"document": ContentFile(b"%PDF-1.4 beschikking", name="beschikking.pdf")},
    )[0]
    return [
        reverse("zorgvraag:overzicht", args=[leerling.pk]),
        reverse("zorgvraag:nieuw", args=[leerling.pk]),
        reverse("zorgvraag:detail", args=[zorgvraag.pk]),
        reverse("zorgvraag:pdf", args=[zorgvraag.pk]),
        reverse("zorgvraag:opnieuw", args=[zorgvraag.pk]),
        reverse("zorgvraag:verwijderen", args=[zorgvraag.pk]),
        reverse("zorgvraag:terugkoppeling_document", args=[zorgvraag.pk, terug.pk]),
    ]


def test_the_walk_covers_every_url_of_the_app(zc, sanne, swv_ap):
    from django.urls import get_resolver

    zorgvraag = verzonden(sanne, swv_ap, zc)
    gelopen = {get_resolver().resolve(u).url_name for u in zorgvraag_urls(zorgvraag)}
    from zorgvraag.urls import urlpatterns

    assert {p.name for p in urlpatterns} == gelopen


def test_no_url_changes_a_sent_zorgvraag(client_for, zc, sanne, swv_ap):
    zorgvraag = verzonden(sanne, swv_ap, zc)
    voor = model_to_dict(zorgvraag)
    voor_xml = bytes(zorgvraag.xml)
    client = client_for(zc)
    poging = {
        "omschrijving": "Gewijzigd",
        "aandachtspunten": "Gewijzigd",
        "aanleverpunt": swv_ap.routeringskenmerk,
        "xml": "<x/>",
        "koppelsleutel": "00000000-0000-0000-0000-000000000000",
    }
    for url in zorgvraag_urls(zorgvraag):
        if url.endswith("/verwijderen/"):
            continue  # deleting is allowed (below)
        response = client.post(url, poging)
        assert response.status_code in (302, 400, 405), url
        zorgvraag.refresh_from_db()
        assert model_to_dict(zorgvraag) == voor, url
        assert bytes(zorgvraag.xml) == voor_xml, url
    # "Nieuwe zorgvraag" made no zorgvraag at all (no toelichting), and never edits this one
    assert Zorgvraag.objects.count() == 1
    # "Opnieuw versturen" says why not
    response = client.post(reverse("zorgvraag:opnieuw", args=[zorgvraag.pk]), follow=True)
    assert "maak een nieuwe zorgvraag" in response.content.decode()


def test_the_admin_shows_a_zorgvraag_read_only(client_for, school, sanne, swv_ap, zc):
    beheerder = f.UserFactory(username="beheer", is_staff=True)
    f.AanstellingFactory(user=beheerder, rol=Rol.BEHEERDER, school=school)
    zorgvraag = verzonden(sanne, swv_ap, zc)
    client = client_for(beheerder)
    url = f"/beheer/zorgvraag/zorgvraag/{zorgvraag.pk}/change/"
    assert client.get(url).status_code == 200
    client.post(url, {"omschrijving": "Gewijzigd"})
    assert (
        client.post(
            f"/beheer/zorgvraag/zorgvraag/{zorgvraag.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    zorgvraag.refresh_from_db()
    assert zorgvraag.omschrijving == "Aanvraag arrangement" and zorgvraag.verwijderd_op is None


# --- deleting --------------------------------------------------------------------------------


def test_delete_with_confirmation_is_audited_and_wipes_the_dossier(
    client_for, zc, sanne, swv_ap, django_capture_on_commit_callbacks
):
    zorgvraag = verzonden(sanne, swv_ap, zc)
    assert services.maak_pdf(zorgvraag.pk)
    terug = terugkoppeling_met_document(zorgvraag)
    Terugkoppeling.objects.filter(pk=terug.pk).update(bericht="Arrangement lezen voor Sanne.")
    Zorgvraag.objects.filter(pk=zorgvraag.pk).update(aandachtspunten="Sanne leest op AVI E3.")
    zorgvraag.refresh_from_db()
    bestanden = [zorgvraag.pdf.name, terug.document.name]
    assert all(opslag().exists(naam) for naam in bestanden)
    client = client_for(zc)
    url = reverse("zorgvraag:verwijderen", args=[zorgvraag.pk])
    bevestig = client.get(url)
    assert "Weet u zeker" in bevestig.content.decode()
    assert Zorgvraag.objects.get().verwijderd_op is None  # a GET deletes nothing

    with django_capture_on_commit_callbacks(execute=True) as na_commit:
        response = client.post(url, follow=True)

    assert "is verwijderd" in response.content.decode()
    assert na_commit  # the files go after the commit
    zorgvraag.refresh_from_db()
    assert zorgvraag.verwijderd_op and zorgvraag.verwijderd_door == zc
    assert zorgvraag.xml is None and not zorgvraag.pdf
    # privacy: the PDF and the terugkoppeling's document are gone from the storage; the
    # terugkoppeling's row stays for the audit trail, without its document
    assert not any(opslag().exists(naam) for naam in bestanden)
    assert bestanden_in("zorgvraag") == []
    terug.refresh_from_db()
    assert not terug.document and terug.status == "Toegekend"
    # nor is free text about the pupil kept: the aandachtspunten and the SWV's message
    assert zorgvraag.aandachtspunten == "" and terug.bericht == ""
    assert AuditEvent.objects.filter(actie="zorgvraag_verwijderd", user=zc).count() == 1
    assert (
        "Aanvraag arrangement"
        not in client.get(reverse("zorgvraag:overzicht", args=[sanne.pk])).content.decode()
    )
    assert client.get(reverse("zorgvraag:detail", args=[zorgvraag.pk])).status_code == 404
    assert client.post(url).status_code == 404  # not twice


# --- tenancy and rights ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_school_gets_nothing(client_for, zc, sanne, swv_ap, bob, method):
    zorgvraag = verzonden(sanne, swv_ap, zc)
    client = client_for(bob)
    voor = model_to_dict(zorgvraag)
    for url in zorgvraag_urls(zorgvraag):
        response = getattr(client, method)(url, {"omschrijving": "Gehackt"})
        assert response.status_code in (404, 405), f"{method} {url}: {response.status_code}"
        assert "Visser" not in response.content.decode()
    zorgvraag.refresh_from_db()
    assert model_to_dict(zorgvraag) == voor
    assert not AuditEvent.objects.filter(user=bob, leerling=sanne).exists()


def test_a_teacher_may_look_but_not_send_or_delete(client_for, sanne, swv_ap, zc):
    zorgvraag = verzonden(sanne, swv_ap, zc)
    leraar = f.UserFactory()
    f.AanstellingFactory(user=leraar, rol=Rol.LEERKRACHT, school=sanne.school)
    client = client_for(leraar)
    assert client.get(reverse("zorgvraag:detail", args=[zorgvraag.pk])).status_code == 200
    overzicht = client.get(reverse("zorgvraag:overzicht", args=[sanne.pk])).content.decode()
    assert "Nieuwe zorgvraag" not in overzicht
    for url in (
        reverse("zorgvraag:nieuw", args=[sanne.pk]),
        reverse("zorgvraag:opnieuw", args=[zorgvraag.pk]),
        reverse("zorgvraag:verwijderen", args=[zorgvraag.pk]),
    ):
        assert client.post(url).status_code == 403, url
    assert Zorgvraag.objects.get().verwijderd_op is None


# --- dossier_export writes SWV dossiers by the same rules ------------------------------------


@pytest.mark.parametrize("profiel", ["SWV_PO", "SWV_VO"])
def test_dossier_export_writes_swv_dossiers(tmp_path, profiel):
    vo = profiel == "SWV_VO"
    school = f.SchoolFactory(compleet=True, vo=vo)
    leerling = f.LeerlingFactory(
        school=school, datum_inschrijving=dt.date(2019, 8, 19), onderwijsnummer=vo
    )
    f.vul_alle_blokken(leerling)
    doel = tmp_path / "swv.xml"
    call_command("dossier_export", leerling.pk, "--profiel", profiel, "--xml", str(doel))
    xml = doel.read_bytes()
    assert xsd_fouten(xml) == []
    gemeld = [m.regel for m in valideer(parse_dossier(xml)) if m.ernst == FOUT]
    assert gemeld == []
    root = parse_dossier(xml).getroot()
    ns = {"d": "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"}
    assert root.findtext("d:overdrachtsoort", namespaces=ns) == "swv-dossier"
    assert root.findtext("d:metadata/d:overstap", namespaces=ns) == ("VOSWV" if vo else "POSWV")
    geen_pgn([leerling.pgn], alle_teksten(xml))
