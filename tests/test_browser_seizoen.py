"""School > OSO > Overstapseizoen in real headless Chromium: a PO school walks its groep 8,
filters, starts "Nieuwe versie met toetsuitslag klaarzetten" and reads the outcome; the VO
school sees its aangemelde pupils and opens "Dossier importeren" from the row."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from playwright.sync_api import expect

from accounts.roles import Rol
from dossiers.models import DossierVersie
from leerlingen.models import Eindtoets
from seizoen.kalender import huidig_schooljaar
from trafficcenter_client.models import Notificatie, OpvraagStatus, Opvraging

from . import factories as f
from .seizoen_wereld import groep8, klaargezet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _standard():
    if not settings.OSO_STANDARD_DIR:
        pytest.skip("OSO_STANDARD_DIR is not set: collecting validates against the official XSD")


def test_the_po_board_and_the_vo_board(page, login_page, celery_worker):
    college = f.SchoolFactory(compleet=True, vo=True, brincode="16UU", naam="Het College")
    regenboog = f.SchoolFactory(compleet=True, regionaal=True, brincode="14SS", naam="De Regenboog")
    f.AanstellingFactory(
        user=f.UserFactory(username="rita"), rol=Rol.SCHOOLADMINISTRATIE, school=regenboog
    )
    f.AanstellingFactory(
        user=f.UserFactory(username="carla"), rol=Rol.SCHOOLADMINISTRATIE, school=college
    )
    kaal = f.LeerlingFactory(school=regenboog, groep="8A", roepnaam="Kees", achternaam="Kaal")
    tess = groep8(regenboog, roepnaam="Tess", achternaam="Vos")
    Eindtoets.objects.filter(leerling=tess).delete()
    _dossier, eerste = klaargezet(tess)
    f.EindtoetsFactory(leerling=tess)  # the toets result arrives after the klaarzetten

    login_page("rita")
    page.get_by_role("link", name="Overstapseizoen").click()
    expect(
        page.get_by_role("heading", name=f"Overstapseizoen {huidig_schooljaar()}")
    ).to_be_visible()
    bord = page.locator("#po-bord")
    expect(bord.locator("tbody tr")).to_have_count(2)
    rij_kees = page.locator(f"#leerling-{kaal.pk}")
    expect(rij_kees).to_contain_text("Ontbreekt")
    expect(rij_kees).to_contain_text("Niet verzameld")
    rij_tess = page.locator(f"#leerling-{tess.pk}")
    expect(rij_tess).to_contain_text("(16UU) Het College")
    expect(rij_tess).to_contain_text("Nodig: klaargezette versie is ouder dan de toetsuitslag")
    page.screenshot(path="/tmp/i15-test-po-bord.png", full_page=True)

    page.get_by_label("Toon").select_option(label="Nieuwe versie na toetsuitslag nodig")
    page.get_by_role("button", name="Zoeken").click()
    expect(bord.locator("tbody tr")).to_have_count(1)
    expect(bord).to_contain_text("Tess Vos")

    page.get_by_role("button", name="Nieuwe versie met toetsuitslag klaarzetten (1)").click()
    expect(
        page.get_by_role("heading", name="Nieuwe versie met toetsuitslag klaarzetten")
    ).to_be_visible()
    expect(page.locator("#uitkomsten")).to_contain_text("Tess Vos", timeout=60_000)
    expect(page.locator("#uitkomsten")).to_contain_text("Versie 2 klaargezet")
    assert DossierVersie.objects.filter(dossier__leerling=tess).count() == 2
    page.get_by_role("link", name="Terug naar het overstapseizoen").click()
    # the first klaarzetting was never fetched: no notificatie question, so klaargezet it is
    expect(page.locator(f"#leerling-{tess.pk}")).to_contain_text("Klaargezet")
    expect(
        page.get_by_role("button", name="Nieuwe versie met toetsuitslag klaarzetten")
    ).to_have_count(0)

    # Het College: Tess is aangemeld for next year; her first version was received, a newer
    # one was announced
    jaar = int(huidig_schooljaar()[:4]) + 1
    tess_vo = f.LeerlingFactory(
        school=college,
        pgn=tess.pgn,
        roepnaam="Tess",
        achternaam="Vos",
        groep="1A",
        jaargroep="11",
        datum_inschrijving=datetime.date(jaar, 8, 1),
        herkomst_brin="14SS",
        herkomst_naam="De Regenboog",
    )
    opvraging = Opvraging.objects.create(
        school=college,
        leerling=tess_vo,
        herkomst_brin="14SS",
        overdrachtsoort="overstapdossier",
        pgn_type=tess.pgn_type,
        pgn_hash=tess.pgn_hash,
        resultaat="OverdrachtGeslaagd",
        status=OpvraagStatus.KLAAR,
        xml=bytes(eerste.xml),
        verzameldatum=eerste.versie.verzameld_op,
    )
    Notificatie.objects.create(
        school=college,
        leerling=tess_vo,
        doel_routeringskenmerk="0",
        bron_brin="14SS",
        bron_routeringskenmerk="0",
        overdrachtsoort="overstapdossier",
        koppelsleutel="00000000-0000-0000-0000-000000000009",
    )
    page.get_by_role("button", name="Uitloggen").click()
    login_page("carla")
    page.get_by_role("link", name="Overstapseizoen").click()
    rij = page.locator(f"#leerling-{tess_vo.pk}")
    expect(rij).to_contain_text("Notificatie van (14SS)")
    expect(rij).to_contain_text("Ontvangen")
    expect(rij).to_contain_text("Nog niet geïmporteerd")
    expect(rij).to_contain_text("Ja: nieuwere versie klaargezet, vraag opnieuw op")
    page.screenshot(path="/tmp/i15-test-vo-bord.png", full_page=True)
    expect(rij.get_by_role("link", name="Overstapdossier opvragen")).to_have_attribute(
        "href", f"/oso/leerlingen/{tess_vo.pk}/opvragen/"
    )
    rij.get_by_role("link", name="Dossier importeren").click()
    page.wait_for_url(f"**/oso/opvragingen/{opvraging.pk}/")
