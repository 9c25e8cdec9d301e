"""School > OSO > Dossieraanvragen and "Binnengekomen aanvragen" on the dossier page.

The rows are written by the inbound endpoint (tests/test_tc_client.py walks that over HTTPS);
here they are made directly, to test what staff see and filter."""

from __future__ import annotations

import datetime
import uuid

from django.urls import reverse
from django.utils import timezone

from trafficcenter_client.models import Dossieraanvraag

from . import factories as f


def aanvraag(leerling, resultaat, brin="16UU", dagen_geleden=0):
    rij = Dossieraanvraag.objects.create(
        school=leerling.school,
        leerling=leerling,
        pgn_type=leerling.pgn_type,
        bron_routeringskenmerk=f"00000007000{leerling.school.brincode}00000",
        aanvrager_brin=brin,
        aanvrager_routeringskenmerk=f"00000007000{brin}00000",
        aanvrager_naam="Wilgendaal College",
        overdrachtsoort="overstapdossier",
        sessie_id=uuid.uuid4(),
        resultaat=resultaat,
    )
    if dagen_geleden:
        Dossieraanvraag.objects.filter(pk=rij.pk).update(
            tijdstip=timezone.now() - datetime.timedelta(days=dagen_geleden)
        )
    return rij


def test_overview_lists_filters_and_shows_user_codes(client_for, alice, leerling_a, leerling_b):
    aanvraag(leerling_a, "OverdrachtGeslaagd")
    aanvraag(leerling_a, "LeerlinginfoNietOpvraagbaar", brin="17VV", dagen_geleden=40)
    aanvraag(leerling_b, "LeerlingNietBekend")  # another school's request
    client = client_for(alice)
    url = reverse("trafficcenter_client:dossieraanvragen")
    body = client.get(url).content.decode()
    assert "2 aanvragen" in body
    tabel = body.split('id="aanvragen"')[1]
    # the manual's words, not the protocol's codes (issue 10, point 7)
    assert "niet klaargezet voor de aanvrager" in tabel and "leerling niet bekend" not in tabel
    assert "LeerlinginfoNietOpvraagbaar" not in tabel.split("title=")[0]
    assert leerling_b.achternaam not in body
    body = client.get(url, {"brin": "17VV"}).content.decode()
    assert "1 aanvraag<" in body and "17VV" in body
    body = client.get(url, {"resultaat": "OverdrachtGeslaagd"}).content.decode()
    assert "1 aanvraag<" in body
    van = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    assert "1 aanvraag<" in client.get(url, {"van": van}).content.decode()
    response = client.get(url, {"schooljaar": "2026/2027"})
    assert response.status_code == 400
    assert "Schrijf een schooljaar als 2026-2027." in response.content.decode()


def test_binnengekomen_aanvragen_on_the_dossier_page(client_for, alice, leerling_a):
    aanvraag(leerling_a, "OverdrachtGeslaagd")
    body = client_for(alice).get(reverse("dossiers:klaarzetten", args=[leerling_a.pk]))
    tabel = body.content.decode().split('id="binnengekomen"')[1].split("</table>")[0]
    assert "16UU" in tabel and "succesvol ontvangen" in tabel and "Wilgendaal College" in tabel


def test_no_pgn_in_the_overview(client_for, alice, school_a):
    leerling = f.LeerlingFactory(school=school_a)
    aanvraag(leerling, "OverdrachtGeslaagd")
    body = client_for(alice).get(reverse("trafficcenter_client:dossieraanvragen")).content
    assert leerling.pgn.encode() not in body
