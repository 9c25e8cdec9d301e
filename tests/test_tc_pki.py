"""The transport's trust: our development PKI, mutual TLS over loopback, and the zoeksleutel that
carries a PGN encrypted to the party that may read it."""

from __future__ import annotations

import base64
import ipaddress
import socket
import ssl
import stat
import threading
from io import StringIO
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import DNSName, IPAddress, PolicyBuilder, Store
from django.core.management import call_command

from trafficcenter_client import pki
from trafficcenter_client.zoeksleutel import OngeldigeZoeksleutel, ontsleutel, pgnfrag, versleutel

BSN = "111222333"  # passes the 11-proef
ONDERWIJSNUMMER = "101234564"
OIN_DE_LINDE = pki.oin_voor_school("14SS", 1)  # routeringsKenmerk of a school's aanleverpunt
OIN_LEVERANCIER = "00000001823456789000"
TIMEOUT = 5


@pytest.fixture(scope="module")
def ca() -> pki.Sleutelpaar:
    return pki.maak_ca("OSO-LAS test-CA")


@pytest.fixture(scope="module")
def andere_ca() -> pki.Sleutelpaar:
    return pki.maak_ca("Een andere CA")


@pytest.fixture(scope="module")
def server(ca) -> pki.Sleutelpaar:
    return pki.maak_servercertificaat(ca, ["localhost", "127.0.0.1"])


@pytest.fixture(scope="module")
def de_linde(ca) -> pki.Sleutelpaar:
    return pki.maak_clientcertificaat(ca, OIN_DE_LINDE, "Basisschool De Linde")


@pytest.fixture(scope="module")
def leverancier_rsa(ca) -> pki.Sleutelpaar:
    return pki.maak_clientcertificaat(ca, OIN_LEVERANCIER, "LAS-leverancier", sleuteltype="rsa")


# --- certificates ----------------------------------------------------------------------------


def test_ca_is_a_five_year_self_signed_ca(ca):
    cert, _ = ca
    basic = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical and basic.value.ca
    assert cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    assert cert.issuer == cert.subject
    cert.verify_directly_issued_by(cert)
    assert (cert.not_valid_after_utc - cert.not_valid_before_utc).days >= 5 * 365


def test_server_certificate_chain_verifies_for_its_hosts(ca, server):
    verifier = PolicyBuilder().store(Store([ca[0]]))
    for naam in (DNSName("localhost"), IPAddress(ipaddress.ip_address("127.0.0.1"))):
        keten = verifier.build_server_verifier(naam).verify(server[0], [])
        assert keten == [server[0], ca[0]]
    eku = server[0].extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.SERVER_AUTH]


def test_client_certificate_chain_verifies_and_carries_the_oin(ca, de_linde, leverancier_rsa):
    verifier = PolicyBuilder().store(Store([ca[0]])).build_client_verifier()
    for cert, oin in ((de_linde[0], OIN_DE_LINDE), (leverancier_rsa[0], OIN_LEVERANCIER)):
        assert verifier.verify(cert, []).chain == [cert, ca[0]]
        assert cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == oin
        assert pki.oin_uit_certificaat(cert) == oin
    assert OIN_DE_LINDE == "0000000700014SS00001"


def test_certificate_of_another_ca_does_not_verify(ca, andere_ca):
    vreemd, _ = pki.maak_clientcertificaat(andere_ca, OIN_DE_LINDE, "Namaak")
    verifier = PolicyBuilder().store(Store([ca[0]])).build_client_verifier()
    with pytest.raises(x509.verification.VerificationError):
        verifier.verify(vreemd, [])


def test_no_oin_in_server_or_ca_certificate(ca, server):
    assert pki.oin_uit_certificaat(server[0]) is None
    assert pki.oin_uit_certificaat(ca[0]) is None


def test_invalid_oin_is_refused(ca):
    for fout in ("0000000700014SS0001", "0000000700014ss00001", "", "../../etc/passwd00000"):
        with pytest.raises(pki.PkiFout):
            pki.maak_clientcertificaat(ca, fout, "School")


def test_fingerprint_is_sha256_hex(ca):
    assert len(pki.fingerprint(ca[0])) == 64
    assert pki.fingerprint(ca[0]) == ca[0].fingerprint(hashes.SHA256()).hex()


def test_pem_files_round_trip_and_keys_are_private(tmp_path, de_linde):
    pki.schrijf_sleutelpaar(tmp_path / "c.pem", tmp_path / "c-key.pem", de_linde)
    assert pki.laad_certificaat(tmp_path / "c.pem") == de_linde[0]
    assert pki.laad_sleutel(tmp_path / "c-key.pem").public_key() == de_linde[1].public_key()
    assert stat.S_IMODE((tmp_path / "c-key.pem").stat().st_mode) == 0o600


# --- mutual TLS over loopback ----------------------------------------------------------------


def _tls_gesprek(server_context: ssl.SSLContext, client_context: ssl.SSLContext):
    """One connection on 127.0.0.1: returns what the server saw (the client's OIN, or the error)
    and what the client read (the server's greeting, or the error)."""
    uitkomst: dict[str, object] = {}
    with socket.create_server(("127.0.0.1", 0)) as luisteraar:
        luisteraar.settimeout(TIMEOUT)
        poort = luisteraar.getsockname()[1]

        def dien() -> None:
            try:
                verbinding, _ = luisteraar.accept()
            except OSError as exc:
                uitkomst["server"] = exc
                return
            verbinding.settimeout(TIMEOUT)
            try:
                with server_context.wrap_socket(verbinding, server_side=True) as tls:
                    cert = pki.certificaat_van_verbinding(tls)
                    uitkomst["server"] = pki.oin_uit_certificaat(cert) if cert else None
                    tls.sendall(b"ok")
            except (ssl.SSLError, OSError) as exc:
                uitkomst["server"] = exc
            finally:
                verbinding.close()

        draad = threading.Thread(target=dien, daemon=True)
        draad.start()
        try:
            with (
                socket.create_connection(("127.0.0.1", poort), timeout=TIMEOUT) as kaal,
                client_context.wrap_socket(kaal, server_hostname="127.0.0.1") as tls,
            ):
                uitkomst["client"] = tls.recv(2)
        except (ssl.SSLError, OSError) as exc:
            uitkomst["client"] = exc
        draad.join(2 * TIMEOUT)
        assert not draad.is_alive()
    return uitkomst["server"], uitkomst["client"]


def _geweigerd(server_zag, client_las, reden: str) -> None:
    assert isinstance(server_zag, ssl.SSLError), server_zag
    assert reden in str(server_zag)
    # Under TLS 1.3 the client learns of the refusal only when it reads.
    assert client_las != b"ok"


def test_mutual_tls_with_a_certificate_of_our_ca(ca, server, de_linde):
    server_context = pki.ssl_context_server(*server, ca[0])
    assert server_context.verify_mode == ssl.CERT_REQUIRED
    assert server_context.minimum_version == ssl.TLSVersion.TLSv1_2
    client_context = pki.ssl_context_client(*de_linde, ca[0])

    assert _tls_gesprek(server_context, client_context) == (OIN_DE_LINDE, b"ok")


def test_mutual_tls_with_rsa_client_and_files(tmp_path, ca, server, leverancier_rsa):
    pki.schrijf_certificaat(tmp_path / "ca.pem", ca[0])
    pki.schrijf_sleutelpaar(tmp_path / "l.pem", tmp_path / "l-key.pem", leverancier_rsa)
    client_context = pki.ssl_context_client(
        tmp_path / "l.pem", tmp_path / "l-key.pem", tmp_path / "ca.pem"
    )

    server_context = pki.ssl_context_server(*server, ca[0])
    assert _tls_gesprek(server_context, client_context) == (OIN_LEVERANCIER, b"ok")


def test_client_without_certificate_is_refused(ca, server):
    client_context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client_context.load_verify_locations(cadata=pki.certificaat_pem(ca[0]).decode())

    _geweigerd(
        *_tls_gesprek(pki.ssl_context_server(*server, ca[0]), client_context),
        "PEER_DID_NOT_RETURN_A_CERTIFICATE",
    )


def test_client_with_certificate_of_another_ca_is_refused(ca, andere_ca, server):
    namaak = pki.maak_clientcertificaat(andere_ca, OIN_DE_LINDE, "Namaak De Linde")
    client_context = pki.ssl_context_client(*namaak, ca[0])

    _geweigerd(
        *_tls_gesprek(pki.ssl_context_server(*server, ca[0]), client_context),
        "unable to get local issuer certificate",
    )


def test_client_presenting_a_server_certificate_is_refused(ca, server):
    client_context = pki.ssl_context_client(*server, ca[0])

    _geweigerd(
        *_tls_gesprek(pki.ssl_context_server(*server, ca[0]), client_context),
        "unsuitable certificate purpose",
    )


def test_mutual_tls_also_works_over_tls_1_2(ca, server, de_linde):
    server_context = pki.ssl_context_server(*server, ca[0])
    client_context = pki.ssl_context_client(*de_linde, ca[0])
    client_context.maximum_version = ssl.TLSVersion.TLSv1_2
    assert _tls_gesprek(server_context, client_context) == (OIN_DE_LINDE, b"ok")

    assert server_context.minimum_version == ssl.TLSVersion.TLSv1_2


def test_client_refuses_a_server_of_another_ca(ca, andere_ca, de_linde):
    vreemde_server = pki.maak_servercertificaat(andere_ca, ["127.0.0.1"])
    server_zag, client_las = _tls_gesprek(
        pki.ssl_context_server(*vreemde_server, ca[0]), pki.ssl_context_client(*de_linde, ca[0])
    )
    assert isinstance(client_las, ssl.SSLCertVerificationError)
    assert isinstance(server_zag, ssl.SSLError | OSError)


# --- zoeksleutel -----------------------------------------------------------------------------


@pytest.mark.parametrize("ontvanger", ["de_linde", "leverancier_rsa"])
@pytest.mark.parametrize(("pgn_type", "pgn"), [("bsn", BSN), ("onderwijsnummer", ONDERWIJSNUMMER)])
def test_zoeksleutel_round_trip(request, ontvanger, pgn_type, pgn):
    cert, key = request.getfixturevalue(ontvanger)

    zoeksleutel = versleutel(pgn_type, pgn, cert)

    assert ontsleutel(zoeksleutel, key) == (pgn_type, pgn)
    assert pgn not in zoeksleutel
    assert set(zoeksleutel) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    )


def test_zoeksleutel_differs_each_time_and_hides_the_kind_of_number(de_linde):
    eerste, tweede = versleutel("bsn", BSN, de_linde[0]), versleutel("bsn", BSN, de_linde[0])
    assert eerste != tweede
    assert len(versleutel("onderwijsnummer", ONDERWIJSNUMMER, de_linde[0])) == len(eerste)


def _wijzig(zoeksleutel: str, positie: int) -> str:
    data = bytearray(base64.urlsafe_b64decode(zoeksleutel + "=" * (-len(zoeksleutel) % 4)))
    data[positie] ^= 0x01
    return base64.urlsafe_b64encode(bytes(data)).rstrip(b"=").decode()


@pytest.mark.parametrize("ontvanger", ["de_linde", "leverancier_rsa"])
def test_tampered_zoeksleutel_is_refused(request, ontvanger):
    cert, key = request.getfixturevalue(ontvanger)
    zoeksleutel = versleutel("bsn", BSN, cert)
    lengte = len(base64.urlsafe_b64decode(zoeksleutel + "=" * (-len(zoeksleutel) % 4)))

    # version, algorithm, key id, the encapsulated key, the nonce, ciphertext and tag
    for positie in (0, 1, 2, 13, lengte - 40, lengte - 20, lengte - 1):
        with pytest.raises(OngeldigeZoeksleutel) as fout:
            ontsleutel(_wijzig(zoeksleutel, positie), key)
        assert BSN not in str(fout.value)


def test_zoeksleutel_for_another_key_is_refused(ca, de_linde, leverancier_rsa):
    ander = pki.maak_clientcertificaat(ca, OIN_DE_LINDE, "Basisschool De Linde")
    for zoeksleutel, verkeerde_key in (
        (versleutel("bsn", BSN, de_linde[0]), ander[1]),
        (versleutel("bsn", BSN, de_linde[0]), leverancier_rsa[1]),
        (versleutel("bsn", BSN, leverancier_rsa[0]), de_linde[1]),
    ):
        with pytest.raises(OngeldigeZoeksleutel) as fout:
            ontsleutel(zoeksleutel, verkeerde_key)
        assert fout.value.code == "sleutel"
        assert BSN not in str(fout.value)


@pytest.mark.parametrize(
    "onzin", ["", "a", "!!!!", "AAAA", "A" * 5000, "AQEAAAAAAAAAAAAA", "bsn:111222333", None, 42]
)
def test_malformed_zoeksleutel_is_refused(de_linde, onzin):
    with pytest.raises(OngeldigeZoeksleutel):
        ontsleutel(onzin, de_linde[1])


def test_truncated_zoeksleutel_is_refused(de_linde):
    zoeksleutel = versleutel("bsn", BSN, de_linde[0])
    for lengte in (2, 14, 40, len(zoeksleutel) - 4):
        with pytest.raises(OngeldigeZoeksleutel):
            ontsleutel(zoeksleutel[:lengte], de_linde[1])


def test_versleutel_refuses_bad_input_without_echoing_it(de_linde):
    for pgn_type, pgn in (("paspoort", BSN), ("bsn", "12345678"), ("bsn", BSN + "0")):
        with pytest.raises(OngeldigeZoeksleutel) as fout:
            versleutel(pgn_type, pgn, de_linde[0])
        assert pgn not in str(fout.value)


def test_pgnfrag_is_the_last_four_digits():
    assert pgnfrag(BSN) == "2333"
    assert pgnfrag(ONDERWIJSNUMMER) == "4564"
    with pytest.raises(OngeldigeZoeksleutel):
        pgnfrag("2333")


# --- manage.py oso_pki -------------------------------------------------------------------------


def _oso_pki(map_: Path, *extra: str) -> str:
    uitvoer = StringIO()
    call_command(
        "oso_pki",
        "--map",
        str(map_),
        "--client",
        f"{OIN_DE_LINDE}:Basisschool De Linde",
        "--client",
        f"{OIN_LEVERANCIER}:LAS-leverancier",
        *extra,
        stdout=uitvoer,
    )
    return uitvoer.getvalue()


def _vingerafdrukken(map_: Path) -> dict[str, str]:
    return {
        p.name: pki.fingerprint(pki.laad_certificaat(p))
        for p in map_.glob("*.pem")
        if "-key" not in p.name
    }


def test_oso_pki_makes_a_working_pki(tmp_path):
    map_ = tmp_path / "pki"

    uitvoer = _oso_pki(map_)

    verwacht = {
        "ca.pem",
        "ca-key.pem",
        "server.pem",
        "server-key.pem",
        f"{OIN_DE_LINDE}.pem",
        f"{OIN_DE_LINDE}-key.pem",
        f"{OIN_LEVERANCIER}.pem",
        f"{OIN_LEVERANCIER}-key.pem",
    }
    assert {p.name for p in map_.iterdir()} == verwacht
    for naam in verwacht:
        modus = stat.S_IMODE((map_ / naam).stat().st_mode)
        assert modus == (0o600 if naam.endswith("-key.pem") else 0o644), naam
    assert "gemaakt" in uitvoer
    assert "PRIVATE KEY" not in uitvoer and "BEGIN" not in uitvoer

    ca_cert = pki.laad_certificaat(map_ / "ca.pem")
    client = pki.laad_certificaat(map_ / f"{OIN_DE_LINDE}.pem")
    PolicyBuilder().store(Store([ca_cert])).build_client_verifier().verify(client, [])
    assert pki.oin_uit_certificaat(client) == OIN_DE_LINDE

    server_context = pki.ssl_context_server(
        map_ / "server.pem", map_ / "server-key.pem", map_ / "ca.pem"
    )
    client_context = pki.ssl_context_client(
        map_ / f"{OIN_DE_LINDE}.pem", map_ / f"{OIN_DE_LINDE}-key.pem", map_ / "ca.pem"
    )
    assert _tls_gesprek(server_context, client_context) == (OIN_DE_LINDE, b"ok")


def test_oso_pki_is_idempotent_and_opnieuw_renews(tmp_path):
    _oso_pki(tmp_path)
    eerst = _vingerafdrukken(tmp_path)

    uitvoer = _oso_pki(tmp_path)

    assert _vingerafdrukken(tmp_path) == eerst
    assert uitvoer.count("bewaard") == 4
    assert "PRIVATE KEY" not in uitvoer

    _oso_pki(tmp_path, "--opnieuw")
    opnieuw = _vingerafdrukken(tmp_path)
    assert opnieuw.keys() == eerst.keys()
    assert all(opnieuw[naam] != eerst[naam] for naam in eerst)
    for sleutel in tmp_path.glob("*-key.pem"):
        assert stat.S_IMODE(sleutel.stat().st_mode) == 0o600


def test_oso_pki_warns_when_the_kept_server_certificate_lacks_a_host(tmp_path):
    _oso_pki(tmp_path)

    uitvoer = _oso_pki(tmp_path, "--hosts", "localhost,127.0.0.1,tc.example.nl")

    assert "niet voor tc.example.nl" in uitvoer
    assert "--opnieuw" in uitvoer


def test_oso_pki_adds_a_missing_client_with_the_existing_ca(tmp_path):
    _oso_pki(tmp_path)
    ca_voor = pki.fingerprint(pki.laad_certificaat(tmp_path / "ca.pem"))
    (tmp_path / f"{OIN_LEVERANCIER}.pem").unlink()

    _oso_pki(tmp_path)

    ca_cert = pki.laad_certificaat(tmp_path / "ca.pem")
    assert pki.fingerprint(ca_cert) == ca_voor
    pki.laad_certificaat(tmp_path / f"{OIN_LEVERANCIER}.pem").verify_directly_issued_by(ca_cert)


def test_oso_pki_refuses_a_bad_client_before_writing(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("oso_pki", "--map", str(tmp_path / "pki"), "--client", "123:School")
    with pytest.raises(CommandError):
        call_command("oso_pki", "--map", str(tmp_path / "pki"), "--client", OIN_DE_LINDE)
    assert not (tmp_path / "pki").exists()
