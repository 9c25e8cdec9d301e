"""The exchange as staff use it: OSO-registratie, Leerling importeren (OSO), Dossier
importeren, and Overstapdossier opvragen for a pupil the school already has; over real HTTPS
with mutual TLS to the reference Traffic Center and the other school's endpoint on loopback."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import Rol
from leerlingen.models import Leerling, MapItem
from scholen.models import Aanleverpunt, Registratiestatus
from trafficcenter_client.models import Opvraging

from . import factories as f
from .test_tc_client import (  # noqa: F401 - fixtures
    college_medewerker,
    de_regenboog,
    het_college,
    klaargezet,
    p,
    servers,
    tc_sleutel,
    verbinding,
)


@pytest.fixture
def regenboog_medewerker(de_regenboog):
    user = f.UserFactory(username="rita")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=de_regenboog)
    return user


def test_register_request_and_import_a_new_pupil(
    client,
    settings,
    servers,
    p,
    de_regenboog,
    het_college,
    college_medewerker,
    regenboog_medewerker,
    klaargezet,
):
    tess, klaarzetting = klaargezet
    verbinding(p, f"https://127.0.0.1:{servers['tc']}/tc/soap/")
    settings.OSO_LAS_URL = f"https://127.0.0.1:{servers['las']}/oso/soap/"

    # OSO-registratie, at both schools
    for user in (regenboog_medewerker, college_medewerker):
        client.force_login(user)
        response = client.post(
            reverse("trafficcenter_client:registratie"), {"nummer": "0"}, follow=True
        )
        assert "Uw aanleverpunt (0) is succesvol geregistreerd." in response.content.decode()
    assert Aanleverpunt.objects.get(school=het_college, nummer=0).registratiestatus == (
        Registratiestatus.GEREGISTREERD
    )

    # Leerling importeren (OSO): an invalid number is refused before anything is sent
    url = reverse("trafficcenter_client:importeren")
    response = client.post(url, {"herkomst_brin": "14SS", "pgn_type": "bsn", "pgn": "123456789"})
    assert response.status_code == 400 and "Dit is geen geldig BSN" in response.content.decode()
    assert not Opvraging.objects.exists()

    response = client.post(url, {"herkomst_brin": "14ss", "pgn_type": "bsn", "pgn": tess.pgn})
    assert response.status_code == 302
    assert tess.pgn not in response.url
    body = client.get(response.url).content.decode()
    assert "succesvol ontvangen" in body and "Dossier importeren" in body
    assert "OverdrachtGeslaagd" not in body
    response = client.post(response.url, follow=True)
    body = response.content.decode()
    assert "Het dossier is geïmporteerd." in body
    nieuw = Leerling.objects.get(school=het_college, achternaam="Vos")
    assert nieuw.pgn == tess.pgn and nieuw.herkomst_brin == "14SS"
    assert MapItem.objects.filter(leerling=nieuw, titel__startswith="Ontvangen").exists()

    # the same number again: the pupil exists now
    response = client.post(
        url, {"herkomst_brin": "14SS", "pgn_type": "bsn", "pgn": tess.pgn}, follow=True
    )
    assert (
        "Er bestaat al een leerling op deze school met het ingevoerde bsn."
        in response.content.decode()
    )

    # Overstapdossier opvragen for the existing pupil: nothing newer than what we imported
    response = client.post(reverse("trafficcenter_client:opvragen", args=[nieuw.pk]), follow=True)
    body = response.content.decode()
    assert "geen nieuwere versie" in body and "LeerlingInfoNietGewijzigd" in body  # code as detail
    assert Opvraging.objects.filter(leerling=nieuw).count() == 2


def test_not_klaargezet_for_us_is_shown_as_such(
    client,
    servers,
    p,
    de_regenboog,
    het_college,
    college_medewerker,
    regenboog_medewerker,
):
    from trafficcenter_client.services import aanleverpunt_registreren

    verbinding(p, f"https://127.0.0.1:{servers['tc']}/tc/soap/")
    las_url = f"https://127.0.0.1:{servers['las']}/oso/soap/"
    for school in (de_regenboog, het_college):
        aanleverpunt_registreren(Aanleverpunt.objects.get(school=school, nummer=0), las_url)
    daan = f.LeerlingFactory(school=de_regenboog, roepnaam="Daan", achternaam="Mulder")
    client.force_login(college_medewerker)
    response = client.post(
        reverse("trafficcenter_client:importeren"),
        {"herkomst_brin": "14SS", "pgn_type": daan.pgn_type, "pgn": daan.pgn},
        follow=True,
    )
    body = response.content.decode()
    assert "LEERLINGINFO_NIET_OPVRAAGBAAR" in body and "Dossier importeren" not in body


def test_without_a_tc_connection_a_clear_message(client, het_college, college_medewerker):
    client.force_login(college_medewerker)
    response = client.post(
        reverse("trafficcenter_client:importeren"),
        {"herkomst_brin": "14SS", "pgn_type": "bsn", "pgn": "111222333"},
    )
    assert "Er is geen Traffic Center-verbinding ingesteld" in response.content.decode()
    assert not Opvraging.objects.exists()


def test_other_schools_opvraging_is_hidden(client, het_college, de_regenboog, regenboog_medewerker):
    opvraging = Opvraging.objects.create(
        school=het_college,
        herkomst_brin="14SS",
        overdrachtsoort="overstapdossier",
        pgn_type="bsn",
        pgn_hash="x" * 64,
    )
    client.force_login(regenboog_medewerker)
    assert (
        client.get(reverse("trafficcenter_client:opvraging", args=[opvraging.pk])).status_code
        == 404
    )
    assert (
        client.post(reverse("trafficcenter_client:opvraging", args=[opvraging.pk])).status_code
        == 404
    )
