"""Issue 10 in real headless Chromium: bulk binnen-brin in the background with a moving
progress bar, select-all and a result per pupil (points 1 and 8), every page at 390 px
(point 12), and the smaller page points (13): a real ⓘ disclosure, a skip link, a title per
tab."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import TestCase
from playwright.sync_api import expect

from accounts.roles import Rol
from dossiers import services
from dossiers.models import Status

from . import factories as f
from .test_dossiers import collect, register_inzage
from .test_zorgvraag_uitwisseling import (  # noqa: F401 - fixtures
    p,
    servers,
    tc_sleutel,
    wereld,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def school(db):
    return f.SchoolFactory(compleet=True, brincode="14SS", naam="De Regenboog")


@pytest.fixture
def admin(school):
    user = f.UserFactory(username="admin")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=school)
    return user


def pupil(school, **kwargs):
    leerling = f.LeerlingFactory(
        school=school,
        groep="7A",
        jaargroep="7",
        datum_inschrijving=datetime.date(2019, 8, 20),
        **kwargs,
    )
    f.vul_alle_blokken(leerling)
    return leerling


def test_bulk_runs_in_the_background_with_a_moving_bar_and_a_result_per_pupil(
    page, login_page, admin, school, settings
):
    # the embedded default: no broker, Celery eager; the run must not block the request
    settings.OSO_ACHTERGROND_THREAD = True
    leerlingen = [pupil(school, achternaam=f"Bulk{i}") for i in range(4)]
    klaar_voor_vo = pupil(school, achternaam="Overstapper", uitgeschreven=True)
    dossier, _ = collect(klaar_voor_vo, "POVO")
    register_inzage(dossier)
    with TestCase.captureOnCommitCallbacks(execute=True):
        klaarzetting = services.klaarzetten(dossier=dossier)
    login_page("admin")
    page.goto("/oso/overstapdossiers/")
    page.get_by_label("Alles selecteren").check()
    for leerling in [*leerlingen, klaar_voor_vo]:
        expect(page.get_by_label(f"Selecteer {leerling.volledige_naam}")).to_be_checked()
    page.get_by_role(
        "button", name="Zet geselecteerde leerlingen klaar voor binnen-brin uitwisseling"
    ).click()
    page.wait_for_url(re.compile(r"/bulk/"))
    balk = page.get_by_role("progressbar", name="Voortgang")
    expect(balk).to_be_visible()
    waarden = []
    for _ in range(240):
        if page.locator("#bulk").get_attribute("data-afgerond") == "1":
            break
        waarde = balk.get_attribute("value")
        if waarde is not None and (not waarden or waarden[-1] != waarde):
            waarden.append(waarde)
        page.wait_for_timeout(250)
    # the request returned before the work was done, and the bar moved while it ran
    assert waarden and int(waarden[0]) < 4, waarden
    assert len(waarden) >= 2, waarden
    expect(page.get_by_text("4 dossiers klaargezet")).to_be_visible(timeout=60_000)
    resultaten = page.locator("#bulk-resultaten")
    rij = resultaten.get_by_role("row", name=re.compile("Overstapper"))
    expect(rij).to_contain_text("Overgeslagen")
    expect(rij).to_contain_text(f"staat klaar voor ({klaarzetting.voor_brin})")
    for leerling in leerlingen:
        expect(resultaten.get_by_role("row", name=re.compile(leerling.achternaam))).to_contain_text(
            "Klaargezet"
        )
    dossier.refresh_from_db()
    assert dossier.status == Status.KLAARGEZET and dossier.klaarzetting_id == klaarzetting.pk


def test_every_page_is_usable_at_390_px(browser, live_server, admin, school):
    leerling = pupil(school, roepnaam="Bart", achternaam="Bakker", uitgeschreven=True)
    collect(leerling, "POVO")
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("admin")
    page.get_by_label("Wachtwoord").fill(f.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/leerlingen/**")
    pk = leerling.pk
    paginas = [
        "/leerlingen/",
        "/oso/overstapdossiers/",
        "/oso/dossieraanvragen/",
        "/oso/notificaties/",
        "/oso/registratie/",
        "/oso/importeren/",
        f"/leerlingen/{pk}/personalia/",
        f"/leerlingen/{pk}/onderwijs/",
        f"/leerlingen/{pk}/toetsen/",
        f"/leerlingen/{pk}/overstapdossier/",
        f"/leerlingen/{pk}/overstapdossier/verzamelen/POVO/",
        f"/leerlingen/{pk}/overstapdossier/mutatielog/",
        f"/leerlingen/{pk}/bewerken/onderwijs/",
    ]
    for pad in paginas:
        page.goto(pad)
        breedte = page.evaluate("document.documentElement.scrollWidth")
        assert breedte <= 390, f"{pad}: {breedte} px wide"
        uitloggen = page.get_by_role("button", name="Uitloggen")
        box = uitloggen.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, pad
        # the menu sits on the blue bar (white on blue), also when it wraps
        kop = page.locator("header.top").bounding_box()
        for link in page.locator("header.top nav a").all():
            b = link.bounding_box()
            assert b["y"] + b["height"] <= kop["y"] + kop["height"] + 1, pad
            assert b["x"] + b["width"] <= 390, pad
    context.close()


def test_info_disclosure_skip_link_and_a_title_per_tab(page, login_page, admin, school):
    leerling = pupil(school, roepnaam="Bart", achternaam="Bakker")
    login_page("admin")
    page.goto(f"/leerlingen/{leerling.pk}/overstapdossier/verzamelen/POPO/")
    page.keyboard.press("Tab")
    overslaan = page.get_by_role("link", name="Naar de inhoud")
    expect(overslaan).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    uitleg = page.get_by_text("Verzuim in de afgelopen twaalf maanden.")
    expect(uitleg).to_be_hidden()
    knop = page.get_by_title("Uitleg bij Verzuim")
    knop.focus()
    page.keyboard.press("Enter")
    expect(uitleg).to_be_visible()
    expect(knop).to_have_js_property("tagName", "SUMMARY")
    page.goto(f"/leerlingen/{leerling.pk}/personalia/")
    expect(page).to_have_title(re.compile(r"^Personalia · Bart Bakker"))
    page.goto(f"/leerlingen/{leerling.pk}/onderwijs/")
    expect(page).to_have_title(re.compile(r"^Onderwijs · Bart Bakker"))


def test_back_and_send_again_does_not_send_a_zorgvraag_twice(page, login_page, wereld):  # noqa: F811
    from leerlingen import demo
    from zorgvraag.models import Zorgvraag

    from .test_zorgvraag_uitwisseling import leerling_met_gegevens

    leerling = leerling_met_gegevens(wereld.po, roepnaam="Noor", achternaam="de Vries")
    login_page(wereld.zorg_po.username)
    page.goto(f"/leerlingen/{leerling.pk}/zorgvraag/nieuw/")
    page.get_by_label("Korte omschrijving").fill("Aanvraag arrangement lezen")
    page.get_by_label("Aanleverpuntselectie").select_option(index=1)
    pdf = demo.minimal_pdf("Toelichting onderwijsbehoeften", ["Noor leest op AVI E3."])
    page.get_by_label("Toelichting onderwijsbehoeften (van de computer)").set_input_files(
        {"name": "toelichting.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_role("button", name="Opslaan en verzenden").click()
    expect(
        page.get_by_role("heading", name="Zorgvraag: Aanvraag arrangement lezen")
    ).to_be_visible()
    detail = page.url
    # Back shows the filled form again (the browser restores what was typed); send again
    page.go_back()
    expect(page.get_by_role("heading", name="Nieuwe zorgvraag (OSO)")).to_be_visible()
    page.get_by_label("Korte omschrijving").fill("Aanvraag arrangement lezen")
    page.get_by_label("Aanleverpuntselectie").select_option(index=1)
    page.get_by_label("Toelichting onderwijsbehoeften (van de computer)").set_input_files(
        {"name": "toelichting.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_role("button", name="Opslaan en verzenden").click()
    expect(page.get_by_text("er is niets opnieuw verstuurd")).to_be_visible()
    assert page.url == detail
    assert Zorgvraag.objects.count() == 1
