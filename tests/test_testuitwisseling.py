"""``manage.py oso_testuitwisseling``: the test exchange a school runs before it joins OSO.

One installation: the command starts the reference Traffic Center and the LAS endpoint itself
(HTTPS with client certificates, free loopback ports) on the demo world of the test database.
Two installations: the command starts three processes with three databases of their own
(SQLite files, or fresh PostgreSQL databases when ``DATABASE_URL`` names one).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from dossiers.models import Klaarzetting
from leerlingen.demo import bouw_demowereld
from leerlingen.models import Leerling
from trafficcenter.models import TcAanleverpunt, TcSessie
from trafficcenter_client.models import Berichtlog, Dossieraanvraag, Notificatie, Opvraging
from zorgvraag.models import Zorgvraag

from .oso_officieel import officieel

BASE_DIR = Path(django_settings.BASE_DIR)

VERWACHT = [
    "POPO 15TT → 14SS opgevraagd door 14SS: OverdrachtGeslaagd",
    "POVO 15TT → 16UU opgevraagd door 16UU: OverdrachtGeslaagd",
    "VOVO 17VV → 16UU opgevraagd door 16UU: OverdrachtGeslaagd",
    "binnen-brin 14SS → 14SS opgevraagd door 14SS: OverdrachtGeslaagd",
    "afmelding bij het Traffic Center: SessieAfgemeld",
    "onbekende leerling opvragen (16UU bij 15TT): LEERLING_NIET_BEKEND",
    "niet klaargezette leerling opvragen (16UU bij 15TT): LEERLINGINFO_NIET_OPVRAAGBAAR",
    "afgemelde sessie opnieuw afmelden: geweigerd met SessieReedsAfgemeld",
    "certificaat van een vreemde CA: TLS-verbinding geweigerd",
    "certificaat dat niet bij het aanleverpunt hoort: geweigerd",
    "aanleverpunt registreren zonder mandaat van de school: geweigerd",
    "POPO 15TT → 14SS notificatie: Verstuurd aan 14SS",
    "nieuwere versie opgevraagd: OverdrachtGeslaagd, geïmporteerd; nog eens gevraagd: "
    "LeerlingInfoNietGewijzigd",
    "geen BSN of onderwijsnummer in de uitvoer",
    "zorgvraag: Geen BSN of onderwijsnummer in het dossier of de bijlagen.",
    "zorgvraag: Terugkoppeling (In behandeling) ontvangen door de school.",
]


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.VAR_DIR


def test_one_installation_exchanges_every_profile_and_every_error(transactional_db, var_dir):
    bouw_demowereld()
    uit = io.StringIO()

    call_command("oso_testuitwisseling", "--poorten-vrij", stdout=uit)

    tekst = uit.getvalue()
    assert "[FOUT]" not in tekst, tekst
    for regel in VERWACHT:
        assert regel in tekst, regel
    assert tekst.rstrip().endswith("Testuitwisseling geslaagd.")
    # what the exchange left behind is real: registrations, sessions, klaarzettingen, imports
    assert TcAanleverpunt.objects.filter(brin__in=["14SS", "15TT", "16UU", "17VV"]).count() == 5
    assert TcSessie.objects.filter(afgemeld_op__isnull=False).count() >= 8
    assert Klaarzetting.objects.count() == 5  # four transfers and the newer POPO version
    geimporteerd = Opvraging.objects.filter(geimporteerd_op__isnull=False)
    assert geimporteerd.count() == 5
    assert set(Dossieraanvraag.objects.values_list("resultaat", flat=True)) >= {
        "OverdrachtGeslaagd",
        "LeerlingNietBekend",
        "LeerlinginfoNietOpvraagbaar",
        "LeerlingInfoNietGewijzigd",
    }
    popo = Leerling.objects.get(school__brincode="15TT", leerlingid="150002")
    nieuw = Leerling.objects.get(school__brincode="14SS", pgn_hash=popo.pgn_hash)
    assert (nieuw.achternaam, nieuw.geboortedatum) == (popo.achternaam, popo.geboortedatum)
    # De Regenboog has two aanleverpunten (locatie Zuid): one notificatie each, both matched
    notificaties = Notificatie.objects.filter(school__brincode="14SS")
    assert list(notificaties.values_list("leerling", flat=True)) == [nieuw.pk, nieuw.pk]
    # no number in the message log or the output
    for leerling in Leerling.objects.all():
        assert leerling.pgn not in tekst
    assert not any(
        ll.pgn in repr(list(Berichtlog.objects.values())) for ll in Leerling.objects.all()
    )
    # every dossier klaargezet, and the zorgvraag's SWV dossier, passes the official XSD and
    # validation stylesheets with zero Fout (a klaargezet overstap carries the parents' inzage)
    dossiers = [
        (f"klaargezet voor {k.voor_brin}", bytes(k.xml)) for k in Klaarzetting.objects.all()
    ]
    dossiers += [(f"zorgvraag {z.pk}", bytes(z.xml)) for z in Zorgvraag.objects.all() if z.xml]
    assert len(dossiers) == 6
    for naam, xml in dossiers:
        uitslag = officieel(xml)
        assert uitslag.geldig, (naam, uitslag.teksten())


def test_without_demo_data_every_missing_step_is_reported_and_the_exit_code_is_1(
    transactional_db, var_dir
):
    uit = io.StringIO()
    with pytest.raises(SystemExit) as afloop:
        call_command("oso_testuitwisseling", "--poorten-vrij", stdout=uit)
    assert afloop.value.code == 1
    tekst = uit.getvalue()
    assert "[FOUT] POPO 15TT → 14SS klaarzetten: school 15TT ontbreekt" in tekst
    assert "Testuitwisseling mislukt" in tekst
    assert Klaarzetting.objects.count() == 0


def test_two_installations_with_their_own_databases_and_processes(tmp_path):
    """The issue's "Done when": two LAS, each its own process and database, and the reference
    TC as a third, complete POPO, POVO, VOVO and binnen-brin over HTTPS with client
    certificates."""
    env = {k: v for k, v in os.environ.items() if k != "OSO_VAR_DIR"}
    env["OSO_VAR_DIR"] = str(tmp_path / "orkest")
    env["OSO_STANDARD_DIR"] = str(django_settings.OSO_STANDARD_DIR or "")
    afloop = subprocess.run(  # noqa: S603 - our own manage.py
        [
            sys.executable,
            str(BASE_DIR / "manage.py"),
            "oso_testuitwisseling",
            "--twee-las",
            "--werkmap",
            str(tmp_path / "tweelas"),
        ],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=900,
    )
    tekst = afloop.stdout
    assert afloop.returncode == 0, tekst + afloop.stderr[-3000:]
    assert "[FOUT]" not in tekst
    assert "drie processen: Traffic Center https://127.0.0.1:" in tekst
    for las, regel in [
        ("A", "POPO 15TT → 14SS klaargezet"),
        ("B", "POPO 15TT → 14SS opgevraagd door 14SS: OverdrachtGeslaagd"),
        ("B", "POPO 15TT → 14SS geïmporteerd: nieuwe leerling"),
        ("B", "POVO 15TT → 16UU opgevraagd door 16UU: OverdrachtGeslaagd"),
        ("B", "POVO 15TT → 16UU geïmporteerd: nieuwe leerling"),
        ("B", "VOVO 17VV → 16UU opgevraagd door 16UU: OverdrachtGeslaagd"),
        ("B", "VOVO 17VV → 16UU geïmporteerd: nieuwe leerling"),
        ("B", "binnen-brin 14SS → 14SS opgevraagd door 14SS: OverdrachtGeslaagd"),
        ("B", "onbekende leerling opvragen (16UU bij 15TT): LEERLING_NIET_BEKEND"),
        ("B", "niet klaargezette leerling opvragen (16UU bij 15TT): LEERLINGINFO_NIET_OPVRAAGBAAR"),
        ("B", "certificaat van een vreemde CA: TLS-verbinding geweigerd"),
        ("A", "POPO 15TT → 14SS notificatie: Verstuurd aan 14SS"),
        ("B", "POPO 15TT → 14SS notificatie ontvangen door 14SS"),
        ("B", "geen BSN of onderwijsnummer in de uitvoer, het berichtenlog, de logregels"),
    ]:
        assert f"[OK]   LAS {las}: {regel}" in tekst, regel
    assert tekst.rstrip().endswith("Testuitwisseling geslaagd.")
