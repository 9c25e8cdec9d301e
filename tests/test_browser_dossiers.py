"""The manual's "Overstapdossier klaarzetten" steps 1-9 for a POPO and a POVO pupil, and the
bulk binnen-brin flow, in real headless Chromium."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Rol
from dossiers.models import Status
from dossiers.services import dossier_van

from . import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def school(db):
    return f.SchoolFactory(compleet=True, regionaal=True, brincode="14SS", naam="De Regenboog")


@pytest.fixture
def admin(school):
    user = f.UserFactory(username="admin")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=school)
    return user


def pupil(school, **kwargs):
    leerling = f.LeerlingFactory(
        school=school,
        groep="8A",
        jaargroep="8",
        datum_inschrijving=datetime.date(2018, 8, 20),
        **kwargs,
    )
    f.vul_alle_blokken(leerling)
    return leerling


@pytest.mark.parametrize("profiel", ["POPO", "POVO"])
def test_manual_steps_1_to_9(page, login_page, admin, school, profiel, celery_worker):
    leerling = pupil(school, roepnaam="Bart", achternaam="Bakker")
    login_page("admin")
    page.goto(f"/leerlingen/{leerling.pk}/onderwijs/")
    page.get_by_role("link", name="Overstapdossier klaarzetten").click()
    expect(
        page.get_by_role("heading", name="Overstapdossier klaarzetten voor Bart Bakker")
    ).to_be_visible()
    expect(page.locator("#dossierstatus")).to_have_text("Niet klaar voor verzenden")
    # 1. uitschrijving and vervolgschool are missing: the checklist says so; fill them in
    expect(page.get_by_text("Datum uitschrijving ontbreekt").first).to_be_visible()
    page.get_by_role("link", name="Uitschrijving bewerken").click()
    page.get_by_label("Datum uitschrijving").fill("2027-07-16")
    page.get_by_label("BRIN vervolgschool").fill("16UU")
    page.get_by_label("Vervolgschool", exact=True).fill("Wilgendaal College")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_role("heading", name=re.compile("Overstapdossier klaarzetten"))
    ).to_be_visible()
    # 2. statusinformatie: binnen brin Nee, contact nodig Ja
    page.get_by_label("Contact nodig").select_option("True")
    page.get_by_label("Aandachtspunten").fill("Graag een warme overdracht.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Wijzigingen zijn opgeslagen.")).to_be_visible()
    # 3. Dossier verzamelen, choosing the profile
    label = f"overstap {profiel}"
    page.get_by_role("link", name=f"Dossier verzamelen ({label})").click()
    # 4. required blocks ticked and locked, forbidden blocks absent
    blokken = page.get_by_role("group", name="Gegevensblokken")
    expect(blokken.get_by_label("Leerling", exact=True)).to_be_disabled()
    expect(blokken.get_by_label("Leerling", exact=True)).to_be_checked()
    if profiel == "POVO":
        expect(blokken.get_by_label("VVE")).to_have_count(0)
    else:
        expect(blokken.get_by_label("VVE")).to_be_enabled()
    blokken.get_by_label("Verzuim").uncheck()
    # 5. collect
    page.get_by_role("button", name="Dossier verzamelen").click()
    expect(page.locator("#dossierstatus")).to_have_text(f"Dossier verzameld ({label})")
    expect(page.locator("#inzagestatus")).to_have_text("Geen inzage verleend in de huidige versie")
    # 6. PDF huidige versie
    pdf_link = page.get_by_role("link", name="PDF huidige versie")
    # the worker makes the PDF after collection; until then the page says so (202)
    for _poging in range(60):
        response = page.request.get(pdf_link.get_attribute("href"))
        if response.status != 202:
            break
        page.wait_for_timeout(500)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    # 7. inzage verzorgers
    page.get_by_label("Inzage verzorgers", exact=True).select_option(label="Ja, inzage geweest")
    page.get_by_label("Datum inzage verzorgers").fill(datetime.date.today().isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#inzagestatus")).to_contain_text("Ja, inzage geweest")
    # 8. klaarzetten
    page.get_by_role("button", name=f"Dossier klaarzetten ({label})").click()
    expect(
        page.get_by_text("Het dossier van Bart Bakker is klaargezet voor (16UU)")
    ).to_be_visible()
    # 9. status
    expect(page.locator("#dossierstatus")).to_have_text(f"Klaar voor verzenden ({label})")
    dossier = dossier_van(leerling)
    assert dossier.status == Status.KLAARGEZET
    assert dossier.huidige_versie.categorieen["verzuim"] == "OPT-UIT"
    page.get_by_role("link", name="Mutatielogs inzien").click()
    for tekst in ("Dossier verzameld", "Inzage verzorgers vastgelegd", "Dossier klaargezet"):
        expect(page.get_by_role("cell", name=tekst).first).to_be_visible()


def test_bulk_binnen_brin(page, login_page, admin, school, celery_worker):
    leerlingen = [pupil(school, achternaam=f"Bulk{i}") for i in range(3)]
    login_page("admin")
    page.get_by_role("link", name="Overstapdossiers klaarzetten").click()
    expect(page.get_by_role("heading", name="Overstapdossiers klaarzetten")).to_be_visible()
    for leerling in leerlingen[:2]:
        page.get_by_label(f"Selecteer {leerling.volledige_naam}").check()
    page.get_by_role(
        "button", name="Zet geselecteerde leerlingen klaar voor binnen-brin uitwisseling"
    ).click()
    expect(
        page.get_by_text("2 dossiers klaargezet (alle niet-methodetoetsen zijn meegenomen)")
    ).to_be_visible(timeout=60_000)
    expect(page.get_by_role("progressbar", name="Voortgang")).to_have_attribute("value", "2")
    page.get_by_role("link", name="Overstapdossiers klaarzetten").first.click()
    rij = page.get_by_role("row", name=re.compile(leerlingen[0].achternaam))
    expect(rij).to_contain_text("Klaar voor verzenden")
    expect(rij).to_contain_text("N.v.t. (binnen brin)")
    assert dossier_van(leerlingen[2]).status == Status.NIET_KLAAR
