"""The production shape from processes (issue 12, point 5): nginx with mutual TLS in front of
gunicorn (2 workers, OSO_ENV=production), a Celery worker and beat on Redis, PostgreSQL, and
moto's S3 server; the test exchange through the proxy; callers without a certificate, with a
foreign CA, or with a forged certificate header straight to gunicorn refused; and a worker
SIGKILLed in the middle of a collection and of a PDF, whose work the sweeper finishes exactly
once after the restart.

Needs PostgreSQL and Redis (CI's second run): skipped on SQLite unless OSO_REQUIRE_SERVICES.
Uses its own database beside DATABASE_URL's (``<name>_productie``) and ports 8500+ (or
``OSO_PRODUCTIE_POORT``).
"""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import time
import urllib.parse

import pytest

from exploitatie import opstelling

pytestmark = pytest.mark.services

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
REQUIRE = os.environ.get("OSO_REQUIRE_SERVICES") == "1"


def _kan_draaien() -> str | None:
    if not DATABASE_URL.startswith("postgres") or not REDIS_URL:
        return "vraagt PostgreSQL en Redis (DATABASE_URL, REDIS_URL)"
    if opstelling.nginx_pad() is None:
        return "nginx ontbreekt (scripts/ensure-nginx.sh)"
    return None


@pytest.fixture(scope="module")
def stapel(tmp_path_factory):
    reden = _kan_draaien()
    if reden:
        if REQUIRE:
            pytest.fail(reden)
        pytest.skip(reden)
    from django.conf import settings

    naam = urllib.parse.urlsplit(DATABASE_URL).path.lstrip("/") or "oso"
    s = opstelling.Opstelling(
        werkmap=tmp_path_factory.mktemp("productie"),
        basis=int(os.environ.get("OSO_PRODUCTIE_POORT", "8500")),
        database_url=opstelling.database_naast(DATABASE_URL, f"{naam}_productie"),
        redis_url=REDIS_URL,
        standaard_dir=str(settings.OSO_STANDARD_DIR or ""),
    )
    try:
        s.start()
        yield s
    except BaseException:
        for log in sorted(s.werkmap.glob("*.log")):
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}")
        raise
    finally:
        s.stop_alles()
        opstelling.verse_database(s.database_url, aanmaken=False)


def _sql(stapel, query: str, *args):
    import psycopg2

    verbinding = psycopg2.connect(stapel.database_url)
    try:
        with verbinding.cursor() as cursor:
            cursor.execute(query, args)
            return cursor.fetchall()
    finally:
        verbinding.close()


def _wacht(voorwaarde, seconden: float = 60, melding: str = ""):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        waarde = voorwaarde()
        if waarde:
            return waarde
        time.sleep(0.25)
    raise AssertionError(f"niet binnen {seconden} s: {melding}")


def _tls_context(stapel, cert: str | None = None, key: str | None = None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(stapel.pki / "ca.pem"))
    if cert:
        context.load_cert_chain(cert, key)
    return context


def _post_soap(stapel, context: ssl.SSLContext) -> int | str:
    """POST an (empty) SOAP body to the mutual-TLS listener: the HTTP status, or the TLS error."""
    import http.client

    verbinding = http.client.HTTPSConnection(
        "127.0.0.1", stapel.oso_poort, context=context, timeout=10
    )
    try:
        verbinding.request("POST", "/oso/soap/", body=b"<x/>", headers={"Content-Type": "text/xml"})
        return verbinding.getresponse().status
    except (ssl.SSLError, ConnectionError) as fout:
        return type(fout).__name__
    finally:
        verbinding.close()


def test_testuitwisseling_door_de_proxy(stapel):
    resultaat = subprocess.run(  # noqa: S603
        [
            sys.executable, "manage.py", "oso_testuitwisseling", "--host", "127.0.0.1",
            "--tc-poort", str(stapel.oso_poort), "--las-poort", str(stapel.oso_poort),
        ],
        cwd=opstelling.REPO,
        env=stapel.gereedschap_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert resultaat.returncode == 0, resultaat.stdout[-5000:] + resultaat.stderr[-3000:]
    assert "Testuitwisseling geslaagd." in resultaat.stdout
    # every documentRequest reached the production gunicorn through nginx, with a certificate
    toegang = (stapel.werkmap / "nginx-access.log").read_text()
    assert '"POST /oso/soap/ HTTP/1.1" 200' in toegang
    # audit records the caller (127.0.0.1), never the proxy's own address
    adressen = {r[0] for r in _sql(stapel, "SELECT DISTINCT ip_adres FROM audit_auditevent")}
    assert opstelling.PROXY_ADRES not in adressen


def test_zonder_certificaat_geweigerd(stapel):
    assert _post_soap(stapel, _tls_context(stapel)) in (400, "SSLError", "ConnectionResetError")


def test_certificaat_van_vreemde_ca_geweigerd(stapel, tmp_path):
    from trafficcenter_client import pki

    vreemd = pki.maak_ca("Vreemde CA")
    client = pki.maak_clientcertificaat(vreemd, "00000001999999999000", "indringer")
    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    pki.schrijf_sleutelpaar(cert, key, client)
    status = _post_soap(stapel, _tls_context(stapel, str(cert), str(key)))
    assert status in (400, "SSLError", "ConnectionResetError")
    # and with our own CA's certificate the same request passes the proxy (a SOAP answer)
    eigen = _post_soap(
        stapel, _tls_context(stapel, *(str(stapel.pki / n) for n in ("las.pem", "las-key.pem")))
    )
    assert eigen == 500  # a SOAP Fault about the unreadable message: it reached the endpoint


def test_vervalste_certificaatheader_rechtstreeks_naar_gunicorn_geweigerd(stapel):
    pem = (stapel.pki / "las.pem").read_text()
    status, body = stapel.http(
        f"http://127.0.0.1:{stapel.web_poort}/oso/soap/",
        data=b"<x/>",
        headers={"X-SSL-Client-Cert": urllib.parse.quote(pem), "Content-Type": "text/xml"},
        method="POST",
    )
    assert status == 403
    assert "vertrouwde proxy" in body.decode()
    web_log = (stapel.werkmap / "web.log").read_text()
    regels = [json.loads(r) for r in web_log.splitlines() if r.startswith("{")]
    geweigerd = [r for r in regels if r.get("event") == "proxy_header_geweigerd"]
    assert geweigerd and geweigerd[-1]["adres"] == "127.0.0.1"
    assert geweigerd[-1].get("request_id")


def test_gezond_en_metrics(stapel):
    status, body = stapel.http(f"http://127.0.0.1:{stapel.web_poort}/gezond/")
    assert status == 200, body
    assert json.loads(body)["controles"] == {"database": "ok", "redis": "ok", "opslag": "ok"}
    # through the proxy the screens answer over HTTPS; /metrics is not reachable there
    context = _tls_context(stapel)
    for pad, verwacht in (("/gezond/", 200), ("/metrics", 404)):
        verzoek = f"https://127.0.0.1:{stapel.schermen_poort}{pad}"
        import urllib.request

        try:
            with urllib.request.urlopen(verzoek, context=context, timeout=10) as antwoord:  # noqa: S310
                assert antwoord.status == verwacht
        except urllib.error.HTTPError as fout:
            assert fout.code == verwacht
    status, body = stapel.http(f"http://127.0.0.1:{stapel.web_poort}/metrics")
    assert status == 200
    tekst = body.decode()
    assert "django_http_requests_latency_seconds_by_view_method" in tekst
    assert 'oso_wachtrij_lengte{wachtrij="cpu"}' in tekst
    assert "oso_dossiers{" in tekst and "oso_werk_vastgelopen{" in tekst


def test_inloggen_door_de_proxy_audit_met_het_adres_van_de_gebruiker(stapel):
    import http.cookiejar
    import re
    import urllib.request

    basis = f"https://127.0.0.1:{stapel.schermen_poort}"
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=_tls_context(stapel)),
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
    )
    pagina = opener.open(f"{basis}/inloggen/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina).group(1)
    gegevens = urllib.parse.urlencode(
        {"username": "admin.regenboog", "password": "oso-demo-2026", "csrfmiddlewaretoken": token}
    ).encode()
    verzoek = urllib.request.Request(
        f"{basis}/inloggen/", data=gegevens, headers={"Referer": f"{basis}/inloggen/"}
    )
    antwoord = opener.open(verzoek, timeout=30)
    assert antwoord.status == 200 and "/inloggen/" not in antwoord.url  # logged in, redirected
    rijen = _sql(
        stapel,
        "SELECT ip_adres FROM audit_auditevent WHERE actie = 'ingelogd' ORDER BY id DESC LIMIT 1",
    )
    assert rijen == [("127.0.0.1",)]  # the caller, as nginx saw it; not the proxy (127.0.0.2)


def _verzamelen_aanvragen(stapel) -> tuple[str, int]:
    """A collection requested as the screen does (its task goes to the worker)."""
    uitvoer = stapel.manage(
        "shell",
        "-c",
        "from trafficcenter_client import testuitwisseling as t\n"
        "from dossiers import services as s\n"
        "l = t.kies_leerling(t.OVERSTAPPEN[1])\n"
        "d = s.dossier_van(l)\n"
        "k = s.standaard_keuzes(d, t.OVERSTAPPEN[1].profiel)\n"
        "o = s.verzamelen_aanvragen(dossier=d, keuzes=k, user=t.medewerker(l.school))\n"
        "print('OPDRACHT', o.pk, d.pk)",
        env=stapel.gereedschap_env(met_worker=True),
    )
    regel = next(r for r in uitvoer.splitlines() if r.startswith("OPDRACHT"))
    _, opdracht, dossier = regel.split()
    return opdracht, int(dossier)


def _sigkill_worker_bij(stapel, wat: str) -> None:
    _wacht(lambda: (stapel.pauze / f"in-{wat}").exists(), 90, f"worker in {wat}")
    proces = stapel.processen["worker"]
    os.killpg(proces.pid, signal.SIGKILL)
    proces.wait(10)
    stapel.processen.pop("worker")
    (stapel.pauze / f"pauze-{wat}").unlink()
    (stapel.pauze / f"in-{wat}").unlink()
    stapel.start_worker()


def _pdf_van(stapel, opdracht: str):
    rijen = _sql(
        stapel,
        "SELECT v.id, v.pdf_id, m.bestand FROM dossiers_dossierversie v "
        "LEFT JOIN leerlingen_mapitem m ON m.id = v.pdf_id WHERE v.opdracht_id = %s",
        opdracht,
    )
    return rijen[0] if rijen and rijen[0][1] else None


def _s3_bestaat(stapel, naam: str) -> bool:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{stapel.s3_poort}",
        aws_access_key_id="oso-test",
        aws_secret_access_key="x",
        region_name="eu-west-1",
    )
    client.head_object(Bucket="oso-documenten", Key=f"media/{naam}")
    return True


def _tel(stapel, query: str, *args) -> int:
    return _sql(stapel, query, *args)[0][0]


def _een_pdf(stapel, pdf_id: int) -> bool:
    """Exactly one map item with this version's PDF title for the pupil (no second render)."""
    return (
        _tel(
            stapel,
            "SELECT count(*) FROM leerlingen_mapitem m JOIN leerlingen_mapitem p"
            " ON p.leerling_id = m.leerling_id AND p.titel = m.titel WHERE p.id = %s",
            pdf_id,
        )
        == 1
    )


def test_sigkill_midden_in_verzamelen_en_pdf_veger_maakt_het_precies_een_keer_af(stapel):
    # 1. mid-collection: the job is marked bezig, the worker dies before the version exists
    (stapel.pauze / "pauze-verzamelen").touch()
    opdracht, dossier = _verzamelen_aanvragen(stapel)
    _sigkill_worker_bij(stapel, "verzamelen")
    assert _sql(stapel, "SELECT status FROM dossiers_verzamelopdracht WHERE id = %s", opdracht) == [
        ("bezig",)
    ]
    # the broker would hand the message back only after its visibility timeout (hours): the
    # sweeper (beat, every second here) finds the job and requeues it
    _wacht(lambda: _pdf_van(stapel, opdracht), 90, "versie met PDF na herstart")
    assert _sql(stapel, "SELECT status FROM dossiers_verzamelopdracht WHERE id = %s", opdracht) == [
        ("klaar",)
    ]
    assert (
        _tel(stapel, "SELECT count(*) FROM dossiers_dossierversie WHERE opdracht_id = %s", opdracht)
        == 1
    )
    versie_id, pdf_id, bestand = _pdf_van(stapel, opdracht)
    assert _s3_bestaat(stapel, bestand)
    assert _een_pdf(stapel, pdf_id)
    assert (
        _tel(
            stapel,
            "SELECT count(*) FROM audit_auditevent WHERE actie = 'dossier_verzamelen' "
            "AND object_id = %s AND details->>'versie' = ("
            " SELECT nummer::text FROM dossiers_dossierversie WHERE id = %s)",
            str(dossier),
            versie_id,
        )
        == 1
    )
    assert (
        _tel(
            stapel,
            "SELECT count(*) FROM exploitatie_poging WHERE soort = 'verzamelen' AND sleutel = %s",
            opdracht,
        )
        == 1
    )

    # 2. mid-PDF: the version is there, the worker dies while rendering its PDF
    (stapel.pauze / "pauze-pdf").touch()
    opdracht2, _ = _verzamelen_aanvragen(stapel)
    _sigkill_worker_bij(stapel, "pdf")
    assert _pdf_van(stapel, opdracht2) is None
    _wacht(lambda: _pdf_van(stapel, opdracht2), 90, "PDF na herstart")
    versie2, pdf2, bestand2 = _pdf_van(stapel, opdracht2)
    assert _s3_bestaat(stapel, bestand2)
    assert _een_pdf(stapel, pdf2)
    assert (
        _tel(
            stapel, "SELECT count(*) FROM dossiers_dossierversie WHERE opdracht_id = %s", opdracht2
        )
        == 1
    )
    # the worker measured its tasks
    status, body = stapel.http(f"http://127.0.0.1:{stapel.worker_metrics_poort}/")
    assert status == 200 and b"oso_taak_duur_seconden_count" in body
