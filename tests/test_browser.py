"""Browser flows in real headless Chromium (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from leerlingen.models import Leerling

from . import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_login_shows_pupil_list_and_complete_card(page, login_page):
    call_command("demo_data", verbosity=0)
    login_page("admin.regenboog", "oso-demo-2026")
    expect(page.get_by_role("heading", name="Leerlingen")).to_be_visible()
    rows = page.locator("table tbody tr")
    assert rows.count() >= 10
    # a groep 8 pupil has every block filled
    leerling = (
        Leerling.objects.filter(
            school__brincode="14SS", jaargroep="8", overstapadvies__isnull=False
        )
        .order_by("pk")
        .first()
    )
    page.get_by_label("Achternaam").fill(leerling.achternaam)
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.get_by_role("link", name=re.compile(leerling.achternaam)).first.click()
    expect(page.get_by_role("heading", name=leerling.volledige_naam)).to_be_visible()
    for tab, section in [
        ("Personalia", "Ouders/verzorgers"),
        ("Onderwijs", "Overstapadvies"),
        ("Toetsen", "Niet-methodetoetsen"),
        ("Begeleiding", "Handelingsplannen"),
        ("Map", "Leerlingmap"),
    ]:
        page.get_by_role("navigation", name="Leerlingkaart").get_by_role("link", name=tab).click()
        expect(page.get_by_role("heading", name=section)).to_be_visible()
        expect(page.locator(".leeg", has_text="Nog niet ingevuld")).to_have_count(0)


def test_edit_personalia_with_a_mistake_then_correct(page, login_page, alice, school_a):
    leerling = f.LeerlingFactory(school=school_a, roepnaam="Lotte", achternaam="Hendriks")
    login_page("alice")
    page.get_by_role("link", name=re.compile("Hendriks")).click()
    page.get_by_role("link", name="Personalia bewerken").click()
    page.get_by_label("Postcode").fill("99")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Vul een Nederlandse postcode in")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Niet opgeslagen")
    page.get_by_label("Postcode").fill("4321 ZX")
    page.get_by_label("Roepnaam").fill("Lot")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De wijzigingen zijn opgeslagen.")).to_be_visible()
    leerling.refresh_from_db()
    assert (leerling.roepnaam, leerling.postcode) == ("Lot", "4321 ZX")


def test_enrol_a_pupil_and_find_by_bsn(page, login_page, alice):
    login_page("alice")
    page.get_by_role("link", name="Leerling inschrijven").click()
    page.get_by_label("Voornamen").fill("Julia Maria")
    page.get_by_label("Roepnaam").fill("Julia")
    page.get_by_label("Achternaam").fill("Koster")
    page.get_by_label("Geboortedatum").fill("2017-04-12")
    page.get_by_label("Soort nummer").select_option("bsn")
    page.get_by_label("BSN of onderwijsnummer").fill("123456789")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Dit is geen geldig BSN")).to_be_visible()
    assert not Leerling.objects.filter(achternaam="Koster").exists()
    page.get_by_label("BSN of onderwijsnummer").fill("111222333")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De leerling is ingeschreven.")).to_be_visible()
    assert "111222333" not in page.content()
    page.get_by_role("link", name="Leerlingen").first.click()
    search = page.get_by_role("form", name="Zoeken op nummer")
    search.get_by_label("BSN of onderwijsnummer").fill("111222333")
    search.get_by_role("button", name="Zoek op nummer").click()
    expect(page.get_by_role("heading", name="Julia Koster")).to_be_visible()
    assert "111222333" not in page.url


def test_add_handelingsplan_as_zorgcoordinator(page, login_page, zorg, school_a):
    leerling = f.LeerlingFactory(school=school_a, roepnaam="Sem", achternaam="Bakker")
    f.MapItemFactory(leerling=leerling, titel="Plan lezen.pdf")
    login_page("zorg")
    page.goto(f"/leerlingen/{leerling.pk}/begeleiding/")
    page.locator("#sectie-handelingsplannen").get_by_role("link", name="Toevoegen").click()
    page.get_by_label("Startdatum").fill("2026-09-01")
    page.get_by_label("Gericht op").fill("Technisch lezen")
    page.get_by_label("Document").select_option(label="Plan lezen.pdf")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#sectie-handelingsplannen")).to_contain_text("Technisch lezen")
    assert leerling.handelingsplannen.get().document.titel == "Plan lezen.pdf"
