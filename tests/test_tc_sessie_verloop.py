"""Sessions at the reference Traffic Center expire after OSO_TC_SESSIE_GELDIG_MINUTEN: a
sessiecontrole or afmelding after that is SessieAfwijkend, "De sessie is verlopen."."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from trafficcenter import services
from trafficcenter.models import TcBerichtlog, TcSessie
from trafficcenter.services import Geweigerd
from trafficcenter_client.berichten import Resultaatcode

from . import test_trafficcenter as tc_wereld

# the shared test world (fixtures by name, helpers)
afmeld_verzoek = tc_wereld.afmeld_verzoek
cert = tc_wereld.cert
controle_verzoek = tc_wereld.controle_verzoek
open_sessie = tc_wereld.open_sessie
p = tc_wereld.p
tc_sleutel = tc_wereld.tc_sleutel
wereld = tc_wereld.wereld
mandaten = tc_wereld.mandaten  # autouse: the schools mandate their suppliers


def veroudert(minuten: int) -> None:
    TcSessie.objects.update(aangemaakt=timezone.now() - dt.timedelta(minutes=minuten))


def test_the_default_validity_is_15_minutes(settings):
    del settings.OSO_TC_SESSIE_GELDIG_MINUTEN
    assert services.sessie_geldig_minuten() == 15


def test_a_session_within_its_validity_is_checked_as_before(wereld, p, settings):
    settings.OSO_TC_SESSIE_GELDIG_MINUTEN = 15
    verzoek, antwoord = open_sessie(p)
    veroudert(14)

    controle = services.sessiecontrole(
        cert(p.regenboog), controle_verzoek(verzoek, antwoord.sessie_id)
    )
    assert controle.resultaat == Resultaatcode.SESSIE_GELDIG
    afmelding = services.afmelding(cert(p.lyceum), afmeld_verzoek(antwoord.sessie_id))
    assert afmelding.resultaat == Resultaatcode.SESSIE_AFGEMELD


def test_an_expired_session_is_refused_at_sessiecontrole_and_afmelding(wereld, p, settings):
    settings.OSO_TC_SESSIE_GELDIG_MINUTEN = 15
    verzoek, antwoord = open_sessie(p)
    veroudert(16)

    controle = services.sessiecontrole(
        cert(p.regenboog), controle_verzoek(verzoek, antwoord.sessie_id)
    )
    assert (controle.resultaat, controle.toelichting) == (
        Resultaatcode.SESSIE_AFWIJKEND,
        "De sessie is verlopen.",
    )
    assert controle.zoeksleutel is None  # no PGN handed out for an expired session
    with pytest.raises(Geweigerd) as fout:
        services.zoeksleutel_voor(TcSessie.objects.get(), cert(p.regenboog))
    assert fout.value.code == "sessie-verlopen"

    afmelding = services.afmelding(cert(p.lyceum), afmeld_verzoek(antwoord.sessie_id))
    assert (afmelding.resultaat, afmelding.toelichting) == (
        Resultaatcode.SESSIE_AFWIJKEND,
        "De sessie is verlopen.",
    )
    sessie = TcSessie.objects.get()
    assert sessie.afgemeld_op is None and sessie.resultaat == ""  # nothing changed
    assert list(
        TcBerichtlog.objects.filter(sessie_id=antwoord.sessie_id)
        .order_by("pk")
        .values_list("operatie", "resultaat")
    ) == [
        ("overdrachtRequest", "SessieGestart"),
        ("sessiecontroleRequest", "SessieAfwijkend"),
        ("zoeksleutelVoor", "Geweigerd:sessie-verlopen"),
        ("afmeldingRequest", "SessieAfwijkend"),
    ]


def test_a_closed_session_says_so_even_when_expired(wereld, p, settings):
    settings.OSO_TC_SESSIE_GELDIG_MINUTEN = 15
    verzoek, antwoord = open_sessie(p)
    services.afmelding(cert(p.lyceum), afmeld_verzoek(antwoord.sessie_id))
    veroudert(60)

    controle = services.sessiecontrole(
        cert(p.regenboog), controle_verzoek(verzoek, antwoord.sessie_id)
    )
    assert controle.resultaat == Resultaatcode.SESSIE_REEDS_AFGEMELD
    again = services.afmelding(cert(p.lyceum), afmeld_verzoek(antwoord.sessie_id))
    assert again.resultaat == Resultaatcode.SESSIE_REEDS_AFGEMELD


def test_the_validity_is_a_setting(wereld, p, settings):
    settings.OSO_TC_SESSIE_GELDIG_MINUTEN = 60
    verzoek, antwoord = open_sessie(p)
    veroudert(30)
    controle = services.sessiecontrole(
        cert(p.regenboog), controle_verzoek(verzoek, antwoord.sessie_id)
    )
    assert controle.resultaat == Resultaatcode.SESSIE_GELDIG
