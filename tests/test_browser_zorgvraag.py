"""The manual's §5 in real headless Chromium: a zorgcoördinator makes a zorgvraag, the send
button refuses it without a Toelichting onderwijsbehoeften, then sends it; the reference SWV
(over HTTPS with mutual TLS, through the reference Traffic Center) pulls it and answers with a
terugkoppeling, which the zorgcoördinator follows up on the zorgvraag's page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from leerlingen import demo
from referentie_swv import services as swv
from referentie_swv.models import Aanvraag, AanvraagStatus
from zorgvraag.models import Aflevering, Zorgvraag

from .test_zorgvraag_uitwisseling import (  # noqa: F401 - fixtures
    leerling_met_gegevens,
    p,
    servers,
    tc_sleutel,
    wereld,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_zorgcoordinator_sends_and_follows_up_a_zorgvraag(page, login_page, wereld):  # noqa: F811
    leerling = leerling_met_gegevens(wereld.po, roepnaam="Noor", achternaam="de Vries")
    login_page(wereld.zorg_po.username)
    page.goto(f"/leerlingen/{leerling.pk}/begeleiding/")
    page.get_by_role("link", name="Zorgvraag (OSO)").click()
    expect(page.get_by_text("Er zijn geen gegevens gevonden")).to_be_visible()
    page.get_by_role("link", name="Nieuwe zorgvraag").click()
    expect(page.get_by_role("heading", name="Nieuwe zorgvraag (OSO)")).to_be_visible()

    # the blocks of the SWV PO profile: required ones locked, forbidden ones absent
    blokken = page.get_by_role("group", name="Gegevensblokken")
    expect(blokken.get_by_label("Onderwijsondersteuning")).to_be_disabled()
    expect(blokken.get_by_label("Onderwijsondersteuning")).to_be_checked()
    expect(blokken.get_by_label("Eindtoets bo")).to_have_count(0)
    expect(blokken.get_by_label("VO-MBO")).to_have_count(0)
    blokken.get_by_label("Cijferlijsten").uncheck()

    page.get_by_label("Korte omschrijving").fill("Aanvraag arrangement lezen")
    page.get_by_label("Aandachtspunten").fill("Graag contact met de intern begeleider.")
    aanleverpunt = page.get_by_label("Aanleverpuntselectie")
    expect(aanleverpunt.locator("option", has_text="PO2801")).to_have_count(1)
    aanleverpunt.select_option(index=1)

    # without the Toelichting onderwijsbehoeften the send button refuses
    page.get_by_role("button", name="Opslaan en verzenden").click()
    expect(page.get_by_text("Voeg een Toelichting onderwijsbehoeften toe").first).to_be_visible()
    assert Zorgvraag.objects.count() == 0

    pdf = demo.minimal_pdf("Toelichting onderwijsbehoeften", ["Noor leest op AVI E3."])
    page.get_by_label("Toelichting onderwijsbehoeften (van de computer)").set_input_files(
        {"name": "toelichting.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_role("button", name="Opslaan en verzenden").click()

    expect(
        page.get_by_role("heading", name="Zorgvraag: Aanvraag arrangement lezen")
    ).to_be_visible()
    expect(page.locator("#aflevering")).to_have_text("Verzonden")
    expect(page.locator("#notificatie")).to_contain_text("Ja")
    expect(page.locator("#opgehaald")).to_contain_text("Ja")
    expect(page.locator("#blokken")).to_contain_text("Cijferlijsten")
    expect(page.locator("#bijlagen")).to_contain_text("Toelichting onderwijsbehoeften")
    expect(page.get_by_text("Er is nog geen terugkoppeling ontvangen.")).to_be_visible()
    expect(page.get_by_role("button", name="Opnieuw versturen")).to_have_count(0)
    zorgvraag = Zorgvraag.objects.get()
    assert zorgvraag.aflevering == Aflevering.VERZONDEN
    assert zorgvraag.categorieen["cijferlijsten"] == "OPT-UIT"

    # the SWV pulled it and answers
    aanvraag = Aanvraag.objects.get(koppelsleutel=zorgvraag.koppelsleutel)
    assert aanvraag.status == AanvraagStatus.OPGEHAALD and aanvraag.controle == []
    verstuurd = swv.terugkoppeling_sturen(
        aanvraag,
        status="Toegekend",
        bericht="Arrangement lezen toegekend.",
        client=wereld.swv_client(wereld.swv_po),
    )
    assert swv.afgeleverd(verstuurd)

    page.reload()
    terug = page.locator("#terugkoppelingen")
    expect(terug).to_contain_text("Toegekend")
    expect(terug).to_contain_text("Arrangement lezen toegekend.")

    page.get_by_role("link", name=re.compile("Zorgvraag \\(OSO\\)")).first.click()
    rij = page.locator("#zorgvragen tbody tr").first
    expect(rij).to_contain_text("Aanvraag arrangement lezen")
    expect(rij.locator("td").nth(3)).to_have_text("Ja")
    expect(rij.locator("td").nth(4)).to_have_text("Ja")

    # deleting asks for confirmation first
    rij.get_by_role("link", name=re.compile("verwijderen")).click()
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_text("is verwijderd")).to_be_visible()
    expect(page.get_by_text("Er zijn geen gegevens gevonden")).to_be_visible()
