"""Retry ("Opnieuw proberen") of a failed request for a dossier: a background task that asks
again with the number stored encrypted on the failed request; never two requests in flight for
one opvraging. Over real HTTPS: the Traffic Center down, then up."""

from __future__ import annotations

import html
import logging

from django.test import TestCase
from django.urls import reverse

from accounts.roles import Rol
from trafficcenter_client.berichten import Resultaatcode
from trafficcenter_client.client import TcClient
from trafficcenter_client.models import (
    Berichtlog,
    Herhaling,
    OpvraagStatus,
    Opvraging,
    TcVerbinding,
)
from trafficcenter_client.services import aanleverpunt_registreren
from trafficcenter_client.tasks import opnieuw_proberen, opnieuw_uitvoeren

from . import factories as f
from . import test_tc_client as tc_wereld

# the shared test world (fixtures by name, helpers)
ONBEKEND_BSN = tc_wereld.ONBEKEND_BSN
college_medewerker = tc_wereld.college_medewerker
de_regenboog = tc_wereld.de_regenboog
geen_pgn_in = tc_wereld.geen_pgn_in
het_college = tc_wereld.het_college
p = tc_wereld.p
rijen = tc_wereld.rijen
servers = tc_wereld.servers
tc_sleutel = tc_wereld.tc_sleutel
verbinding = tc_wereld.verbinding
vrije_poort = tc_wereld.vrije_poort


def importeren(client) -> Opvraging:
    """Leerling importeren (OSO) as Carla of Het College does it, with a number 14SS lacks."""
    client.post(
        reverse("trafficcenter_client:importeren"),
        {"herkomst_brin": "14SS", "pgn_type": "bsn", "pgn": ONBEKEND_BSN},
    )
    return Opvraging.objects.latest("pk")


def test_a_failed_request_is_retried_in_the_background_once_the_tc_is_back(
    client, servers, p, de_regenboog, het_college, college_medewerker, caplog
):
    caplog.set_level(logging.INFO)
    las_url = f"https://127.0.0.1:{servers['las']}/oso/soap/"
    tc_url = f"https://127.0.0.1:{servers['tc']}/tc/soap/"
    verbinding(p, tc_url, pogingen=1)
    for school in (de_regenboog, het_college):
        ap = school.aanleverpunten.get(nummer=0)
        assert aanleverpunt_registreren(ap, las_url, client=TcClient(backoff=0.01))

    # the TC is down: the request fails, and the page offers to try again
    TcVerbinding.objects.update(tc_url=f"https://127.0.0.1:{vrije_poort()}/tc/soap/")
    client.force_login(college_medewerker)
    mislukt = importeren(client)
    assert mislukt.status == OpvraagStatus.MISLUKT
    pagina_url = reverse("trafficcenter_client:opvraging", args=[mislukt.pk])
    assert "Opnieuw proberen" in client.get(pagina_url).content.decode()

    # the TC is back: Opnieuw proberen queues the task (eager here), which asks again
    TcVerbinding.objects.update(tc_url=tc_url)
    response = client.post(
        reverse("trafficcenter_client:opvraging_opnieuw", args=[mislukt.pk]), follow=True
    )
    body = response.content.decode()
    assert "De aanvraag wordt opnieuw geprobeerd." in body
    mislukt.refresh_from_db()
    nieuw = mislukt.opnieuw
    assert nieuw is not None and response.redirect_chain[-1][0].endswith(
        reverse("trafficcenter_client:opvraging", args=[nieuw.pk])
    )
    assert (nieuw.status, nieuw.resultaat) == (
        OpvraagStatus.KLAAR,
        Resultaatcode.LEERLING_NIET_BEKEND,
    )
    assert "LEERLING_NIET_BEKEND" in body
    assert (nieuw.school, nieuw.aangevraagd_door, nieuw.herkomst_brin) == (
        het_college,
        college_medewerker,
        "14SS",
    )
    assert mislukt.pgn == "" and nieuw.pgn == ""  # done: the number is kept nowhere
    assert mislukt.herhaling == Herhaling.GEEN
    # one new exchange: one overdracht, one afmelding
    assert Berichtlog.objects.filter(operatie="afmeldingRequest").count() == 1

    # a retried request cannot be retried again
    response = client.post(
        reverse("trafficcenter_client:opvraging_opnieuw", args=[mislukt.pk]), follow=True
    )
    assert "kan niet opnieuw worden geprobeerd" in html.unescape(response.content.decode())
    assert Opvraging.objects.count() == 2
    geen_pgn_in([ONBEKEND_BSN], rijen(Berichtlog), caplog.text)


def test_a_queued_retry_shows_its_status_and_runs_only_once(
    client, p, het_college, college_medewerker
):
    verbinding(p, f"https://127.0.0.1:{vrije_poort()}/tc/soap/", pogingen=1)
    client.force_login(college_medewerker)
    mislukt = importeren(client)
    assert mislukt.status == OpvraagStatus.MISLUKT

    with TestCase.captureOnCommitCallbacks(execute=False) as taken:
        assert opnieuw_proberen(mislukt) is True
        assert opnieuw_proberen(mislukt) is False  # already queued: nothing more
    assert len(taken) == 1
    pagina = client.get(reverse("trafficcenter_client:opvraging", args=[mislukt.pk]))
    body = pagina.content.decode()
    assert 'http-equiv="refresh"' in body and "wordt opnieuw geprobeerd" in body
    assert "Opnieuw proberen</button>" not in body

    # two deliveries of the task (acks_late, a redelivery): exactly one asks again
    eerste = opnieuw_uitvoeren(mislukt.pk, client=TcClient(backoff=0.01))
    tweede = opnieuw_uitvoeren(mislukt.pk, client=TcClient(backoff=0.01))
    assert eerste is not None and tweede is None
    assert Opvraging.objects.count() == 2
    # still down: the new request failed too, kept its number, and may be retried in turn
    eerste.refresh_from_db()
    assert eerste.status == OpvraagStatus.MISLUKT and eerste.pgn == ONBEKEND_BSN
    assert opnieuw_proberen(eerste) is True


def test_a_request_that_did_not_fail_is_not_retried(client, p, het_college, college_medewerker):
    opvraging = Opvraging.objects.create(
        school=het_college,
        herkomst_brin="14SS",
        overdrachtsoort="overstapdossier",
        pgn_type="bsn",
        pgn_hash="x" * 64,
        pgn=ONBEKEND_BSN,
        status=OpvraagStatus.BEZIG,
    )
    client.force_login(college_medewerker)
    response = client.post(
        reverse("trafficcenter_client:opvraging_opnieuw", args=[opvraging.pk]), follow=True
    )
    assert "kan niet opnieuw worden geprobeerd" in html.unescape(response.content.decode())
    opvraging.refresh_from_db()
    assert opvraging.herhaling == Herhaling.GEEN and Opvraging.objects.count() == 1


def test_another_school_cannot_retry(client, p, het_college):
    opvraging = Opvraging.objects.create(
        school=het_college,
        herkomst_brin="14SS",
        overdrachtsoort="overstapdossier",
        pgn_type="bsn",
        pgn_hash="x" * 64,
        pgn=ONBEKEND_BSN,
        status=OpvraagStatus.MISLUKT,
    )
    bob = f.UserFactory(username="bob-elders")
    f.AanstellingFactory(user=bob, rol=Rol.SCHOOLADMINISTRATIE, school=f.SchoolFactory())
    client.force_login(bob)
    url = reverse("trafficcenter_client:opvraging_opnieuw", args=[opvraging.pk])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405
    opvraging.refresh_from_db()
    assert opvraging.herhaling == Herhaling.GEEN
