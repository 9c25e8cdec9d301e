"""With a broker, the screen's first dossier_opvragen runs as a task, not inside the request;
the opvraging page refreshes itself until the task is done, without side effects."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from trafficcenter_client import tasks
from trafficcenter_client.models import Berichtlog, OpvraagStatus, Opvraging

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
from .test_uitwisseling_schermen import regenboog_medewerker  # noqa: F401 - fixture


def test_eerste_opvraging_als_taak_en_wachtpagina_zonder_bijwerkingen(
    client,
    settings,
    servers,
    p,
    het_college,
    college_medewerker,
    regenboog_medewerker,
    klaargezet,
    monkeypatch,
):
    tess, _ = klaargezet
    verbinding(p, f"https://127.0.0.1:{servers['tc']}/tc/soap/")
    settings.OSO_LAS_URL = f"https://127.0.0.1:{servers['las']}/oso/soap/"
    for user in (regenboog_medewerker, college_medewerker):
        client.force_login(user)
        client.post(reverse("trafficcenter_client:registratie"), {"nummer": "0"})
    berichten = Berichtlog.objects.count()

    from oso_las.celery import app

    # as in production: a broker and workers (the live Celery setting the code reads)
    monkeypatch.setattr(app.conf, "task_always_eager", False)
    gestart: list[int] = []
    monkeypatch.setattr(tasks.opvraging_uitvoeren_taak, "delay", gestart.append)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("trafficcenter_client:importeren"),
            {"herkomst_brin": "14SS", "pgn_type": "bsn", "pgn": tess.pgn},
        )
    assert response.status_code == 302
    opvraging = Opvraging.objects.get()
    assert gestart == [opvraging.pk]
    assert opvraging.status == OpvraagStatus.BEZIG and opvraging.sessie_id is None
    assert Berichtlog.objects.count() == berichten  # nothing was sent inside the request

    for _ in range(2):  # the page waits and refreshes itself; it starts nothing
        with TestCase.captureOnCommitCallbacks(execute=True) as taken:
            body = client.get(response.url).content.decode()
        assert 'http-equiv="refresh"' in body and "wordt opgevraagd" in body
        assert not taken
    assert gestart == [opvraging.pk]

    # the worker runs it, exactly once
    assert tasks.eerste_uitvoering(opvraging.pk).status == OpvraagStatus.KLAAR
    assert tasks.eerste_uitvoering(opvraging.pk) is None
    opvraging.refresh_from_db()
    assert opvraging.resultaat == "OverdrachtGeslaagd" and not opvraging.pgn
    body = client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' not in body and "Dossier importeren" in body
