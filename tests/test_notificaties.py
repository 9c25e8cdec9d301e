"""Notificaties about a newer version (issue 4): De Regenboog collects Tess's dossier again after
Het College fetched it, is asked whether to let Het College know, and Het College sees the
notificatie with a link to its request page; over real HTTPS with mutual TLS on loopback."""

from __future__ import annotations

import html
import logging

import pytest
from django.urls import reverse

from accounts.roles import Rol
from audit.models import AuditEvent
from dossiers import services as dossier_services
from trafficcenter_client.client import TcClient
from trafficcenter_client.models import (
    Berichtlog,
    Notificatie,
    NotificatieUitkomst,
    TcVerbinding,
    VerstuurdeNotificatie,
)
from trafficcenter_client.services import aanleverpunt_registreren, dossier_opvragen

from . import factories as f
from . import test_tc_client as tc_wereld
from .test_dossiers import collect, register_inzage

VRAAG = "Wilt u (16UU) Het College laten weten dat er een nieuwe versie klaarstaat?"

# the shared test world (fixtures by name, helpers)
college_medewerker = tc_wereld.college_medewerker
de_regenboog = tc_wereld.de_regenboog
geen_pgn_in = tc_wereld.geen_pgn_in
het_college = tc_wereld.het_college
klaargezet = tc_wereld.klaargezet
p = tc_wereld.p
rijen = tc_wereld.rijen
servers = tc_wereld.servers
tc_sleutel = tc_wereld.tc_sleutel
verbinding = tc_wereld.verbinding
vrije_poort = tc_wereld.vrije_poort


@pytest.fixture
def regenboog_medewerker(de_regenboog):
    user = f.UserFactory(username="rita")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=de_regenboog)
    return user


def opnieuw_klaargezet(tess):
    """De Regenboog collects Tess's dossier again and klaarzet the new version for 16UU."""
    dossier, _versie = collect(tess, "POPO")
    register_inzage(dossier)
    return dossier_services.klaarzetten(dossier=dossier)


def dossierpagina(client, tess) -> str:
    return client.get(reverse("dossiers:klaarzetten", args=[tess.pk])).content.decode()


def test_a_new_version_is_notified_and_shown_at_the_receiving_school(
    client,
    servers,
    p,
    de_regenboog,
    het_college,
    college_medewerker,
    regenboog_medewerker,
    klaargezet,
    caplog,
):
    caplog.set_level(logging.INFO)
    tess, eerste = klaargezet
    # Tess is already a pupil at Het College, with the same BSN and De Regenboog as origin
    tess_college = f.LeerlingFactory(
        school=het_college,
        pgn_type=tess.pgn_type,
        pgn=tess.pgn,
        roepnaam="Tess",
        achternaam="Vos",
        herkomst_brin="14SS",
        herkomst_naam="De Regenboog",
    )
    las_url = f"https://127.0.0.1:{servers['las']}/oso/soap/"
    verbinding(p, f"https://127.0.0.1:{vrije_poort()}/tc/soap/", pogingen=1)
    tc_url = f"https://127.0.0.1:{servers['tc']}/tc/soap/"
    TcVerbinding.objects.update(tc_url=tc_url)
    for school in (de_regenboog, het_college):
        ap = school.aanleverpunten.get(nummer=0)
        assert aanleverpunt_registreren(ap, las_url, client=TcClient(backoff=0.01))

    # Het College fetched the first version
    opgehaald = dossier_opvragen(
        school=het_college,
        herkomst_brin="14SS",
        pgn_type=tess.pgn_type,
        pgn=tess.pgn,
        user=college_medewerker,
        leerling=tess_college,
    )
    assert opgehaald.xml is not None

    # the first klaarzetting asks nothing; a second one for the same school does
    client.force_login(regenboog_medewerker)
    assert VRAAG not in dossierpagina(client, tess)
    tweede = opnieuw_klaargezet(tess)
    pagina = dossierpagina(client, tess)
    assert VRAAG in pagina and "al opgehaald" in pagina
    assert "Notificatie versturen" in pagina and "Niet versturen" in pagina

    # the TC is down: a clear message, a failed attempt stored whole, the question stays
    TcVerbinding.objects.update(tc_url=f"https://127.0.0.1:{vrije_poort()}/tc/soap/")
    url = reverse("trafficcenter_client:notificatie", args=[tweede.pk])
    response = client.post(url, {"keuze": "versturen"}, follow=True)
    body = response.content.decode()
    assert "kon niet worden verstuurd" in body and "niet bereikbaar" in body
    mislukt = VerstuurdeNotificatie.objects.get()
    assert (mislukt.uitkomst, mislukt.aantal_ontvangen) == (NotificatieUitkomst.MISLUKT, 0)
    assert Notificatie.objects.count() == 0
    assert VRAAG in body and "De vorige poging" in body

    # the TC is back: the notificatie arrives, the pupil is matched without a PGN in the clear
    TcVerbinding.objects.update(tc_url=tc_url)
    response = client.post(url, {"keuze": "versturen"}, follow=True)
    body = response.content.decode()
    assert "(16UU) Het College heeft de notificatie ontvangen" in body
    assert VRAAG not in body
    verstuurd = VerstuurdeNotificatie.objects.get(uitkomst=NotificatieUitkomst.VERSTUURD)
    assert (verstuurd.klaarzetting, verstuurd.aantal_ontvangen) == (tweede, 1)
    notificatie = Notificatie.objects.get()
    assert (notificatie.school, notificatie.leerling, notificatie.bron_brin) == (
        het_college,
        tess_college,
        "14SS",
    )
    assert notificatie.dossier_verzameldatum == tweede.versie.verzameld_op
    assert list(
        AuditEvent.objects.filter(actie="dossier_notificatie")
        .order_by("pk")
        .values_list("leerling", "omschrijving")
    ) == [(tess.pk, "mislukt aan 16UU"), (tess.pk, "verstuurd aan 16UU")]
    # decided: asking again changes nothing
    response = client.post(url, {"keuze": "versturen"}, follow=True)
    assert "al besloten" in response.content.decode()
    assert Notificatie.objects.count() == 1

    # Het College: School > OSO > Notificaties, and the banner on Tess's request page
    client.force_login(college_medewerker)
    lijst = client.get(reverse("trafficcenter_client:notificaties")).content.decode()
    opvraag_url = reverse("trafficcenter_client:opvragen", args=[tess_college.pk])
    assert "Tess Vos" in lijst and opvraag_url in lijst and "Nieuw" in lijst
    assert 'id="notificatie-banner"' in client.get(opvraag_url).content.decode()
    client.post(opvraag_url)  # Dossier opvragen: the notificatie is handled
    assert 'id="notificatie-banner"' not in client.get(opvraag_url).content.decode()
    assert (
        "Afgehandeld" in client.get(reverse("trafficcenter_client:notificaties")).content.decode()
    )

    # no PGN in any log, row, audit event or log line
    geen_pgn_in(
        [tess.pgn],
        rijen(Berichtlog),
        rijen(Notificatie),
        rijen(VerstuurdeNotificatie),
        rijen(AuditEvent),
        caplog.text,
    )
    assert eerste.pk != tweede.pk


def test_niet_versturen_is_recorded_and_asks_nothing_of_the_tc(
    client, de_regenboog, regenboog_medewerker, klaargezet
):
    tess, _eerste = klaargezet
    tweede = opnieuw_klaargezet(tess)
    client.force_login(regenboog_medewerker)
    url = reverse("trafficcenter_client:notificatie", args=[tweede.pk])

    response = client.post(url, {"keuze": "iets anders"}, follow=True)
    assert "Kies 'Notificatie versturen' of 'Niet versturen'." in html.unescape(
        response.content.decode()
    )
    assert VerstuurdeNotificatie.objects.count() == 0

    response = client.post(url, {"keuze": "niet_versturen"}, follow=True)
    body = response.content.decode()
    assert "Er is geen notificatie verstuurd aan (16UU)" in body and VRAAG not in body
    assert VerstuurdeNotificatie.objects.get().uitkomst == NotificatieUitkomst.NIET_VERSTUURD
    assert Berichtlog.objects.count() == 0
    assert AuditEvent.objects.filter(actie="dossier_notificatie").count() == 1


def test_another_school_cannot_answer_the_question(client, de_regenboog, klaargezet):
    tess, _eerste = klaargezet
    tweede = opnieuw_klaargezet(tess)
    bob = f.UserFactory(username="bob-elders")
    f.AanstellingFactory(user=bob, rol=Rol.SCHOOLADMINISTRATIE, school=f.SchoolFactory())
    client.force_login(bob)
    url = reverse("trafficcenter_client:notificatie", args=[tweede.pk])
    for keuze in ("versturen", "niet_versturen"):
        assert client.post(url, {"keuze": keuze}).status_code == 404
    assert client.get(url).status_code == 405
    assert VerstuurdeNotificatie.objects.count() == 0


def test_an_unmatched_notificatie_links_to_leerling_importeren_without_a_number(
    client, het_college, college_medewerker, de_regenboog
):
    import uuid

    Notificatie.objects.create(
        school=het_college,
        doel_routeringskenmerk=het_college.aanleverpunten.get(nummer=0).routeringskenmerk,
        bron_brin="14SS",
        bron_routeringskenmerk=de_regenboog.aanleverpunten.get(nummer=0).routeringskenmerk,
        overdrachtsoort="overstapdossier",
        koppelsleutel=uuid.uuid4(),
    )
    # another school's notificatie is not shown
    Notificatie.objects.create(
        school=de_regenboog,
        doel_routeringskenmerk=de_regenboog.aanleverpunten.get(nummer=0).routeringskenmerk,
        bron_brin="99ZZ",
        bron_routeringskenmerk="0000000700099ZZ00000",
        overdrachtsoort="overstapdossier",
        koppelsleutel=uuid.uuid4(),
    )
    client.force_login(college_medewerker)
    lijst = client.get(reverse("trafficcenter_client:notificaties")).content.decode()
    link = reverse("trafficcenter_client:importeren") + "?herkomst_brin=14SS"
    assert link in lijst and "Niet gevonden op deze school" in lijst
    assert "99ZZ" not in lijst
    formulier = client.get(link).content.decode()
    assert 'value="14SS"' in formulier
    # anything but a BRIN is not prefilled
    assert (
        "&lt;script&gt;"
        not in client.get(
            reverse("trafficcenter_client:importeren") + "?herkomst_brin=<script>"
        ).content.decode()
    )
