"""The second check of a caller's certificate chain behind the proxy (issue 12): a verdict of
"trusted" is kept for a short while, so the chain is not built again for every message, and
never outlives what it rests on: the CA file as it was, the minute, the certificate's expiry.
Untrusted is never kept."""

from __future__ import annotations

import os

import pytest

from trafficcenter_client import pki, soaphttp
from trafficcenter_client.soaphttp import CertificaatFout, controleer_keten


@pytest.fixture(autouse=True)
def leeg():
    soaphttp._VERTROUWD.clear()
    yield
    soaphttp._VERTROUWD.clear()


@pytest.fixture
def wereld(tmp_path):
    onze, vreemde = pki.maak_ca("Onze CA"), pki.maak_ca("Vreemde CA")
    for naam, paar in (("onze", onze), ("vreemde", vreemde)):
        pki.schrijf_sleutelpaar(tmp_path / f"{naam}.pem", tmp_path / f"{naam}-key.pem", paar)
    las = pki.maak_clientcertificaat(onze, "00000001823456789000", "LAS")
    ander = pki.maak_clientcertificaat(vreemde, "00000001823456789001", "Ander")
    return tmp_path, las[0], ander[0]


def test_trusted_is_kept_and_untrusted_never(wereld):
    map_, las, ander = wereld
    ca = str(map_ / "onze.pem")
    controleer_keten(las, ca)
    assert len(soaphttp._VERTROUWD) == 1
    controleer_keten(las, ca)  # from the kept verdict
    for _ in range(2):
        with pytest.raises(CertificaatFout) as fout:
            controleer_keten(ander, ca)
        assert fout.value.code == "certificaat-niet-vertrouwd"
    assert len(soaphttp._VERTROUWD) == 1


def test_a_changed_ca_file_is_asked_again_at_once(wereld):
    map_, las, _ = wereld
    ca = map_ / "onze.pem"
    controleer_keten(las, str(ca))
    # the vendor replaces the trusted CA (say, after a compromise): the kept verdict is not used
    ca.write_bytes((map_ / "vreemde.pem").read_bytes())
    os.utime(ca, ns=(ca.stat().st_atime_ns, ca.stat().st_mtime_ns + 1_000_000))
    with pytest.raises(CertificaatFout):
        controleer_keten(las, str(ca))


def test_a_verdict_lasts_a_minute_at_most(wereld, monkeypatch):
    map_, las, _ = wereld
    ca = map_ / "onze.pem"
    klok = [1000.0]
    monkeypatch.setattr(soaphttp.time, "monotonic", lambda: klok[0])
    controleer_keten(las, str(ca))
    (_sleutel, tot), *_ = soaphttp._VERTROUWD.items()
    assert tot == pytest.approx(1000.0 + soaphttp._VERTROUWD_SECONDEN)
    # after the minute the chain is built again: with the CA gone from the file's contents
    # (same version number kept by restoring the time stamp), only a new check can notice
    stempel = ca.stat().st_mtime_ns
    ca.write_bytes((map_ / "vreemde.pem").read_bytes())
    os.utime(ca, ns=(stempel, stempel))
    soaphttp._ca_store.cache_clear()
    controleer_keten(las, str(ca))  # still within the minute: the kept verdict
    klok[0] += soaphttp._VERTROUWD_SECONDEN + 1
    with pytest.raises(CertificaatFout):
        controleer_keten(las, str(ca))
