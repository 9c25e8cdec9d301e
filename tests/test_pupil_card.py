"""The pupil card: tabs, editing every block, rights per role, the leerlingmap."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from leerlingen import models as m
from leerlingen.sections import SECTIONS, TAB_SLUGS, sections_for_tab

from . import factories as f


@pytest.fixture
def full_pupil(school_a):
    leerling = f.LeerlingFactory(school=school_a, roepnaam="Noor", achternaam="Smit")
    f.vul_alle_blokken(leerling)
    return leerling


@pytest.mark.parametrize("tab", TAB_SLUGS)
def test_each_tab_shows_its_data_and_is_audited(client_for, alice, full_pupil, tab):
    response = client_for(alice).get(reverse("leerlingen:tab", args=[full_pupil.pk, tab]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Noor Smit" in body
    for section in sections_for_tab(tab, full_pupil.school.sector):
        assert f'id="sectie-{section.slug}"' in body
        assert (
            "Nog niet ingevuld"
            not in body.split(f'id="sectie-{section.slug}"')[1].split("</section>")[0]
        )
    if tab == "map":
        assert full_pupil.map_items.first().titel in body
    assert AuditEvent.objects.filter(
        actie="leerling_bekeken", leerling=full_pupil, user=alice, details={"tab": tab}
    ).exists()


def test_card_queries_do_not_grow_with_rows(
    client_for, alice, full_pupil, django_assert_max_num_queries
):
    client = client_for(alice)
    url = reverse("leerlingen:tab", args=[full_pupil.pk, "toetsen"])
    client.get(url)  # warm the session
    for _ in range(20):
        f.ToetsFactory(leerling=full_pupil)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_edit_personalia(client_for, alice, full_pupil):
    client = client_for(alice)
    url = reverse("leerlingen:bewerken", args=[full_pupil.pk, "personalia"])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        {
            "roepnaam": "Noortje",
            "geboortedatum": "2014-05-06",
            "postcode": "1234 AB",
            "pgn_type": full_pupil.pgn_type,
        }
    )
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    full_pupil.refresh_from_db()
    assert full_pupil.roepnaam == "Noortje"
    event = AuditEvent.objects.get(actie="leerling_gewijzigd", leerling=full_pupil)
    assert "roepnaam" in event.details["velden"]


def test_invalid_postcode_refused_with_dutch_message_and_nothing_changed(
    client_for, alice, full_pupil
):
    url = reverse("leerlingen:bewerken", args=[full_pupil.pk, "personalia"])
    before = m.Leerling.objects.get(pk=full_pupil.pk).postcode
    response = client_for(alice).post(
        url,
        {
            "voornamen": "Noor",
            "achternaam": "Smit",
            "geboortedatum": "2014-05-06",
            "geslacht": "1",
            "postcode": "12345",
            "pgn_type": full_pupil.pgn_type,
        },
    )
    assert response.status_code == 400
    assert "Vul een Nederlandse postcode in" in response.content.decode()
    assert m.Leerling.objects.get(pk=full_pupil.pk).postcode == before


def test_change_pgn_to_an_invalid_number_is_refused(client_for, alice, full_pupil):
    url = reverse("leerlingen:bewerken", args=[full_pupil.pk, "personalia"])
    old = full_pupil.pgn
    response = client_for(alice).post(
        url,
        {
            "voornamen": "Noor",
            "achternaam": "Smit",
            "geboortedatum": "2014-05-06",
            "geslacht": "1",
            "pgn_type": "bsn",
            "pgn_nieuw": "123456780",
        },
    )
    assert response.status_code == 400
    assert "Dit is geen geldig BSN" in response.content.decode()
    assert m.Leerling.objects.get(pk=full_pupil.pk).pgn == old


@pytest.mark.parametrize("section", [s for s in SECTIONS if not s.one_to_one], ids=lambda s: s.slug)
def test_delete_a_row_of_each_section(client_for, beheerder, full_pupil, section):
    obj = section.model.objects.filter(leerling=full_pupil).first()
    client = client_for(beheerder)
    url = reverse("leerlingen:sectie_verwijderen", args=[full_pupil.pk, section.slug, obj.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not section.model.objects.filter(pk=obj.pk).exists()
    assert AuditEvent.objects.filter(
        actie="gegevens_verwijderd", leerling=full_pupil, object_id=str(obj.pk)
    ).exists()


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.slug)
def test_each_section_form_opens_and_refuses_empty_input(
    client_for, beheerder, full_pupil, section
):
    client = client_for(beheerder)
    url = reverse("leerlingen:sectie", args=[full_pupil.pk, section.slug])
    assert client.get(url).status_code == 200
    before = section.model.objects.count()
    if section.one_to_one:
        return  # an empty one-to-one form may be valid (all optional); covered below
    response = client.post(url, {"regels-TOTAL_FORMS": "0", "regels-INITIAL_FORMS": "0"})
    assert response.status_code == 400
    assert "Niet opgeslagen" in response.content.decode()
    assert section.model.objects.count() == before


def test_add_toets_with_referentiescores_in_one_go(client_for, alice, full_pupil):
    url = reverse("leerlingen:sectie", args=[full_pupil.pk, "toetsen"])
    data = {
        "afnamedatum": "2025-01-20",
        "leergebied": "Rekenen-Wiskunde",
        "toetsnaam": "CITO LOVS",
        "toetsversie": "M5 (2025)",
        "onderdeel": "Totaal",
        "eldtoetscode": "RW-M5",
        "jaargroep": "5",
        "ruwe_score": "40",
        "vaardigheidsscore": "212,0",
        "regels-TOTAL_FORMS": "3",
        "regels-INITIAL_FORMS": "0",
        "regels-0-code": "AE",
        "regels-0-vergelijkingsgroep": "Landelijk",
        "regels-0-waarde": "B",
        "regels-1-code": "IV",
        "regels-1-vergelijkingsgroep": "Landelijk",
        "regels-1-waarde": "II",
        # the untouched extra row, as a browser sends it
        "regels-2-vergelijkingsgroep": "Landelijk",
    }
    response = client_for(alice).post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    toets = m.Toets.objects.get(leerling=full_pupil, toetsversie="M5 (2025)")
    assert sorted(toets.referentiescores.values_list("code", "waarde")) == [
        ("AE", "B"),
        ("IV", "II"),
    ]


def test_bad_inline_row_saves_nothing(client_for, alice, full_pupil):
    url = reverse("leerlingen:sectie", args=[full_pupil.pk, "toetsen"])
    before = m.Toets.objects.count()
    data = {
        "afnamedatum": "2025-01-20",
        "leergebied": "Spelling",
        "toetsnaam": "CITO LOVS",
        "eldtoetscode": "SP-M5",
        "regels-TOTAL_FORMS": "1",
        "regels-INITIAL_FORMS": "0",
        "regels-0-code": "AE",
        "regels-0-vergelijkingsgroep": "Landelijk",
        "regels-0-waarde": "",
    }
    response = client_for(alice).post(url, data)
    assert response.status_code == 400
    assert m.Toets.objects.count() == before


def test_handelingsplan_document_must_be_from_own_map(client_for, zorg, full_pupil, leerling_b):
    foreign = f.MapItemFactory(leerling=leerling_b)
    url = reverse("leerlingen:sectie", args=[full_pupil.pk, "handelingsplannen"])
    response = client_for(zorg).post(
        url,
        {
            "startdatum": "2025-09-01",
            "categorie": "Algemeen",
            "is_gericht_op": "Lezen",
            "status": "lopend",
            "document": foreign.pk,
        },
    )
    assert response.status_code == 400
    assert "geldige keuze" in response.content.decode()


def test_end_before_start_is_refused(client_for, zorg, full_pupil):
    url = reverse("leerlingen:sectie", args=[full_pupil.pk, "handelingsplannen"])
    response = client_for(zorg).post(
        url,
        {
            "startdatum": "2025-09-01",
            "einddatum": "2025-01-01",
            "categorie": "Algemeen",
            "is_gericht_op": "Lezen",
            "status": "lopend",
        },
    )
    assert response.status_code == 400
    assert "De einddatum ligt vóór de startdatum." in response.content.decode()


def test_one_to_one_block_is_created_then_updated(client_for, alice, school_a):
    leerling = f.LeerlingFactory(school=school_a)
    client = client_for(alice)
    url = reverse("leerlingen:sectie", args=[leerling.pk, "overstapadvies"])
    assert client.post(url, {"advies": "40", "profiel": "plus"}).status_code == 302
    assert client.post(url, {"advies": "50"}).status_code == 302
    assert m.Overstapadvies.objects.get(leerling=leerling).advies == "50"
    assert m.Overstapadvies.objects.filter(leerling=leerling).count() == 1


def test_herzien_advies_needs_motivatie(client_for, alice, school_a):
    leerling = f.LeerlingFactory(school=school_a)
    url = reverse("leerlingen:sectie", args=[leerling.pk, "overstapadvies"])
    response = client_for(alice).post(url, {"advies": "30", "herzien_advies": "40"})
    assert response.status_code == 400
    assert "Geef aan waarom het advies is herzien." in response.content.decode()
    assert not m.Overstapadvies.objects.filter(leerling=leerling).exists()


class TestRoles:
    def test_leerkracht_reads_but_cannot_edit(self, client_for, leerkracht, full_pupil):
        client = client_for(leerkracht)
        assert (
            client.get(reverse("leerlingen:tab", args=[full_pupil.pk, "begeleiding"])).status_code
            == 200
        )
        assert (
            "Bewerken"
            not in client.get(
                reverse("leerlingen:tab", args=[full_pupil.pk, "personalia"])
            ).content.decode()
        )
        for url in [
            reverse("leerlingen:bewerken", args=[full_pupil.pk, "personalia"]),
            reverse("leerlingen:sectie", args=[full_pupil.pk, "handelingsplannen"]),
            reverse("leerlingen:map_nieuw", args=[full_pupil.pk, "notitie"]),
            reverse("leerlingen:nieuw"),
        ]:
            assert client.get(url).status_code == 403, url
            assert client.post(url, {}).status_code == 403, url

    def test_zorgcoordinator_edits_begeleiding_not_personalia(self, client_for, zorg, full_pupil):
        client = client_for(zorg)
        assert (
            client.get(reverse("leerlingen:sectie", args=[full_pupil.pk, "diagnoses"])).status_code
            == 200
        )
        assert (
            client.get(
                reverse("leerlingen:bewerken", args=[full_pupil.pk, "personalia"])
            ).status_code
            == 403
        )

    def test_schooladministratie_cannot_edit_begeleiding(self, client_for, alice, full_pupil):
        client = client_for(alice)
        assert (
            client.get(
                reverse("leerlingen:sectie", args=[full_pupil.pk, "handelingsplannen"])
            ).status_code
            == 403
        )

    def test_logboek_only_for_beheerder(self, client_for, alice, beheerder, full_pupil):
        url = reverse("leerlingen:logboek", args=[full_pupil.pk])
        assert client_for(alice).get(url).status_code == 403
        client = client_for(beheerder)
        client.get(reverse("leerlingen:tab", args=[full_pupil.pk, "personalia"]))
        body = client.get(url).content.decode()
        assert "Leerling bekeken" in body


class TestLeerlingmap:
    def test_upload_download_and_delete_document(
        self, client_for, alice, full_pupil, django_capture_on_commit_callbacks
    ):
        client = client_for(alice)
        upload = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 test", content_type="application/pdf")
        response = client.post(
            reverse("leerlingen:map_nieuw", args=[full_pupil.pk, "document"]),
            {"titel": "Verslag", "bestand": upload},
        )
        assert response.status_code == 302
        item = full_pupil.map_items.get(titel="Verslag")
        assert item.bestandsnaam == "verslag.pdf"
        assert "verslag" not in item.bestand.name  # stored under a random name
        download = client.get(reverse("leerlingen:map_bekijken", args=[full_pupil.pk, item.pk]))
        assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
        assert AuditEvent.objects.filter(
            actie="document_gedownload", object_id=str(item.pk)
        ).exists()
        path = item.bestand.path
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("leerlingen:map_verwijderen", args=[full_pupil.pk, item.pk])
            )
        assert response.status_code == 302
        assert not m.MapItem.objects.filter(pk=item.pk).exists()

        import os

        assert not os.path.exists(path)

    def test_refuses_forbidden_file_type(self, client_for, alice, full_pupil):
        before = m.MapItem.objects.count()
        upload = SimpleUploadedFile("script.exe", b"MZ", content_type="application/octet-stream")
        response = client_for(alice).post(
            reverse("leerlingen:map_nieuw", args=[full_pupil.pk, "document"]),
            {"titel": "Iets", "bestand": upload},
        )
        assert response.status_code == 400
        body = response.content.decode()
        assert "script.exe" in body and "gekeken naar de inhoud" in body
        assert m.MapItem.objects.count() == before

    def test_note(self, client_for, alice, full_pupil):
        client = client_for(alice)
        response = client.post(
            reverse("leerlingen:map_nieuw", args=[full_pupil.pk, "notitie"]),
            {"titel": "Gesprek ouders", "tekst": "Afspraken over huiswerk."},
        )
        assert response.status_code == 302
        item = full_pupil.map_items.get(titel="Gesprek ouders")
        body = client.get(
            reverse("leerlingen:map_bekijken", args=[full_pupil.pk, item.pk])
        ).content.decode()
        assert "Afspraken over huiswerk." in body

    def test_empty_note_refused(self, client_for, alice, full_pupil):
        response = client_for(alice).post(
            reverse("leerlingen:map_nieuw", args=[full_pupil.pk, "notitie"]),
            {"titel": "Leeg", "tekst": "   "},
        )
        assert response.status_code == 400


def test_new_pupil_with_onderwijsnummer(client_for, alice, school_a):
    response = client_for(alice).post(
        reverse("leerlingen:nieuw"),
        {
            "voornamen": "Mila",
            "achternaam": "de Wit",
            "geboortedatum": "2016-02-01",
            "geslacht": "1",
            "pgn_type": "onderwijsnummer",
            "pgn_nieuw": "101234564",
            "groep": "4A",
            "jaargroep": "4",
        },
    )
    assert response.status_code == 302
    leerling = m.Leerling.objects.get(achternaam="de Wit")
    assert leerling.pgn_type == "onderwijsnummer" and leerling.school == school_a


@pytest.mark.parametrize(
    ("pgn_type", "number", "message"),
    [
        ("bsn", "123456789", "Dit is geen geldig BSN"),
        ("bsn", "12345", "Dit is geen geldig BSN"),
        ("onderwijsnummer", "111222333", "Dit is geen geldig onderwijsnummer"),
        ("bsn", "", "Vul het BSN of onderwijsnummer in."),
    ],
)
def test_new_pupil_with_bad_number_is_refused(
    client_for, alice, school_a, pgn_type, number, message
):
    response = client_for(alice).post(
        reverse("leerlingen:nieuw"),
        {
            "voornamen": "Mila",
            "achternaam": "Fout",
            "geboortedatum": "2016-02-01",
            "geslacht": "1",
            "pgn_type": pgn_type,
            "pgn_nieuw": number,
        },
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not m.Leerling.objects.filter(achternaam="Fout").exists()


def test_search_filters(client_for, alice, school_a):
    f.LeerlingFactory(
        school=school_a, roepnaam="Anna", achternaam="Jansen", groep="8A", jaargroep="8"
    )
    f.LeerlingFactory(
        school=school_a, roepnaam="Bram", achternaam="Jansen", groep="3B", jaargroep="3"
    )
    client = client_for(alice)
    url = reverse("leerlingen:lijst")
    assert "Bram" not in client.get(url, {"roepnaam": "Anna"}).content.decode()
    body = client.get(url, {"achternaam": "jansen", "leerjaar": "3"}).content.decode()
    assert "Bram" in body and "Anna" not in body
    body = client.get(url, {"groep": "8a"}).content.decode()
    assert "Anna" in body and "Bram" not in body


def test_invalid_brin_refused_with_dutch_message_and_nothing_changed(client_for, alice, full_pupil):
    url = reverse("leerlingen:bewerken", args=[full_pupil.pk, "onderwijs"])
    before = m.Leerling.objects.get(pk=full_pupil.pk)
    response = client_for(alice).post(
        url,
        {
            "vervolgschool_brin": "1SSS",  # "14ss" is 14SS (any case): see test_journeys
            "vervolgschool_naam": "Ergens",
            "datum_uitschrijving": "2027-07-16",
            "verzorgers_aansprakelijk": "on",
        },
    )
    assert response.status_code == 400
    assert "Dit is geen geldige BRIN-code" in response.content.decode()
    after = m.Leerling.objects.get(pk=full_pupil.pk)
    assert (after.vervolgschool_brin, after.datum_uitschrijving) == (
        before.vervolgschool_brin,
        before.datum_uitschrijving,
    )
