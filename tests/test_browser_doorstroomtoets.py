"""School > Doorstroomtoets in real headless Chromium: the schooladministratie sends the
deelnemerslijst and the voorlopig schooladviezen; the reference toets system (over HTTPS with
mutual TLS) delivers the results, which are on the overview and on the pupil card, with the
leerlingrapport in the leerlingmap."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from referentie_toets.ontwikkeling import doorstroomtoets_instellen

from . import factories as f
from .test_doorstroomtoets_keten import p, wereld  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_schooladministratie_sends_the_deelnemerslijst_and_sees_the_results(
    page,
    login_page,
    alice,
    school_a,
    wereld,  # noqa: F811
    p,  # noqa: F811
):
    doorstroomtoets_instellen(p, wereld.las_url)
    sanne = f.LeerlingFactory(
        school=school_a, groep8=True, jaargroep="8", roepnaam="Sanne", achternaam="Visser"
    )
    sanne.overstapadvies.voorlopig_advies = "41"
    sanne.overstapadvies.save()
    login_page(alice.username)
    page.get_by_role("link", name="Doorstroomtoets").click()
    expect(page.get_by_role("heading", name="Doorstroomtoets")).to_be_visible()
    expect(page.locator("#deelnemers")).to_contain_text("Nog niet verstuurd")

    page.get_by_role("button", name="Deelnemerslijst versturen").click()
    expect(page.get_by_text("1 leerling verstuurd.")).to_be_visible()
    rij = page.locator("#deelnemers tbody tr", has_text="Sanne Visser")
    expect(rij).to_contain_text("Ontvangen")
    expect(rij).to_contain_text("In de leerlingmap")
    expect(page.locator("#berichtlog")).to_contain_text("Deelnemerslijst (registreren)")

    page.get_by_role("button", name="Voorlopige schooladviezen versturen").click()
    expect(rij).to_contain_text(re.compile(r"HAVO / VWO · verstuurd"))

    rij.get_by_role("link", name="Sanne Visser").click()
    kaart = page.locator("#sectie-doorstroomtoets")
    expect(kaart).to_contain_text("IEP Doorstroomtoets")
    expect(kaart).to_contain_text("Toetsadvies")
    expect(page.locator("#sectie-eindtoets")).to_contain_text("IEP Doorstroomtoets")
    with page.expect_download() as download:
        kaart.get_by_role("link", name="Leerlingrapport doorstroomtoets").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
