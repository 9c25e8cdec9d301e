"""A small development PKI for the OSO transport: a CA, server and client certificates.

OSO systems authenticate one another by TLS client certificates; the Traffic Center checks that a
caller's certificate belongs to the aanleverpunt it claims. Like Edukoppeling's PKIoverheid and
PKI-onderwijs certificates, ours carry the party's OIN (for an aanleverpunt: its 20-character
routeringsKenmerk) in the Subject ``serialNumber`` (STANDARD.md §4-5).

This module makes the certificates for development, tests and the reference Traffic Center, and
builds the ``ssl.SSLContext`` objects both sides use. Production uses certificates issued by a
real CA; :func:`ssl_context_server`, :func:`ssl_context_client`, :func:`laad_certificaat`,
:func:`oin_uit_certificaat` and :func:`fingerprint` work for those as well.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import ssl
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, TypeAlias

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PrivateKey: TypeAlias = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
Sleutelpaar: TypeAlias = tuple[x509.Certificate, PrivateKey]
Sleuteltype: TypeAlias = Literal["ec", "rsa"]
Pad: TypeAlias = str | os.PathLike[str]

ORGANISATIE = "OSO-LAS ontwikkel-PKI"
CA_GELDIGHEID = dt.timedelta(days=5 * 365)
CERTIFICAAT_GELDIGHEID = dt.timedelta(days=2 * 365)
# Tolerate clocks that run a little behind the one that made the certificate.
KLOKMARGE = dt.timedelta(minutes=5)

# An OIN is 20 characters: prefix, main number and suffix (Logius OIN-stelsel). For a school the
# main number holds its BRIN, so letters occur (the routeringsKenmerk 0000000700000YY00931).
OIN_RE = re.compile(r"^[0-9A-Z]{20}$")
OIN_SCHOOL_PREFIX = "00000007000"


class PkiFout(ValueError):
    """A certificate or key cannot be made or used as asked."""


def oin_voor_school(brin: str, volgnummer: int = 0) -> str:
    """The OIN of a school (``volgnummer`` 0), or the routeringsKenmerk of one of its endpoints."""
    if not re.fullmatch(r"[0-9A-Z]{4}", brin) or not 0 <= volgnummer <= 99999:
        raise PkiFout("Een BRIN heeft vier tekens en het volgnummer ligt tussen 0 en 99999.")
    return f"{OIN_SCHOOL_PREFIX}{brin}{volgnummer:05d}"


def valideer_oin(oin: str) -> str:
    if not OIN_RE.match(oin or ""):
        raise PkiFout(
            "Een OIN of routeringskenmerk bestaat uit 20 cijfers of hoofdletters, "
            "zoals 0000000700000YY00931."
        )
    return oin


# --- making certificates -------------------------------------------------------------------


def _nieuwe_sleutel(sleuteltype: Sleuteltype) -> PrivateKey:
    if sleuteltype == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    if sleuteltype == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=3072)
    raise PkiFout(f"Onbekend sleuteltype {sleuteltype!r}: kies 'ec' of 'rsa'.")


def _nu() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def maak_ca(naam: str, *, sleuteltype: Sleuteltype = "ec") -> Sleutelpaar:
    """A self-signed CA certificate, valid for five years, that may only sign end certificates."""
    key = _nieuwe_sleutel(sleuteltype)
    naam_x509 = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, naam),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATIE),
        ]
    )
    nu = _nu()
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(naam_x509)
        .issuer_name(naam_x509)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - KLOKMARGE)
        .not_valid_after(nu + CA_GELDIGHEID)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    return cert, key


def _eindcertificaat(
    ca: Sleutelpaar,
    *,
    subject: x509.Name,
    san: Sequence[x509.GeneralName],
    eku: x509.ObjectIdentifier,
    sleuteltype: Sleuteltype,
) -> Sleutelpaar:
    ca_cert, ca_key = ca
    key = _nieuwe_sleutel(sleuteltype)
    nu = _nu()
    # A certificate must not outlive the CA that vouches for it.
    einde = min(nu + CERTIFICAAT_GELDIGHEID, ca_cert.not_valid_after_utc)
    # RSA keys are used for key transport (key encipherment), EC keys for ECDH (key agreement),
    # both by TLS and by the zoeksleutel (trafficcenter_client.zoeksleutel).
    is_rsa = isinstance(key, rsa.RSAPrivateKey)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - KLOKMARGE)
        .not_valid_after(einde)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=is_rsa,
                data_encipherment=False,
                key_agreement=not is_rsa,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([eku]), critical=False)
        .add_extension(x509.SubjectAlternativeName(list(san)), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return cert, key


def _san_voor(host: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        return x509.DNSName(host)


def maak_servercertificaat(
    ca: Sleutelpaar, hosts: Iterable[str], *, sleuteltype: Sleuteltype = "ec"
) -> Sleutelpaar:
    """A TLS server certificate for ``hosts`` (names and IP addresses), signed by ``ca``."""
    hosts = [h.strip() for h in hosts if h.strip()]
    if not hosts:
        raise PkiFout("Een servercertificaat heeft minstens één hostnaam of IP-adres nodig.")
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, hosts[0]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATIE),
        ]
    )
    return _eindcertificaat(
        ca,
        subject=subject,
        san=[_san_voor(h) for h in hosts],
        eku=ExtendedKeyUsageOID.SERVER_AUTH,
        sleuteltype=sleuteltype,
    )


def maak_clientcertificaat(
    ca: Sleutelpaar, oin: str, naam: str, *, sleuteltype: Sleuteltype = "ec"
) -> Sleutelpaar:
    """A TLS client certificate for an aanleverpunt or a LAS supplier, its OIN as serialNumber.

    The certificate also names the OIN in a ``urn:oin:`` URI, because verifiers that follow
    RFC 5280 strictly expect an end certificate to carry a subjectAltName.
    """
    valideer_oin(oin)
    if not naam.strip():
        raise PkiFout("Geef de naam van het aanleverpunt of de leverancier.")
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, naam.strip()),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, oin),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATIE),
        ]
    )
    return _eindcertificaat(
        ca,
        subject=subject,
        san=[x509.UniformResourceIdentifier(f"urn:oin:{oin}")],
        eku=ExtendedKeyUsageOID.CLIENT_AUTH,
        sleuteltype=sleuteltype,
    )


# --- reading certificates ------------------------------------------------------------------


def oin_uit_certificaat(cert: x509.Certificate) -> str | None:
    """The OIN in the Subject serialNumber, or None when there is none or it is not an OIN."""
    waarden = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    if len(waarden) != 1:
        return None
    waarde = waarden[0].value
    if isinstance(waarde, bytes):
        waarde = waarde.decode("ascii", "replace")
    return waarde if OIN_RE.match(waarde) else None


def fingerprint(cert: x509.Certificate) -> str:
    """The SHA-256 fingerprint of the DER certificate, as lowercase hex without separators."""
    return cert.fingerprint(hashes.SHA256()).hex()


def certificaat_van_verbinding(sock: ssl.SSLSocket | ssl.SSLObject) -> x509.Certificate | None:
    """The certificate the other side of a TLS connection presented, if any."""
    der = sock.getpeercert(binary_form=True)
    return x509.load_der_x509_certificate(der) if der else None


def laad_certificaat(pad: Pad) -> x509.Certificate:
    return x509.load_pem_x509_certificate(Path(pad).read_bytes())


def laad_certificaten(pad: Pad) -> list[x509.Certificate]:
    """All certificates in a PEM bundle (a CA file may hold several)."""
    return x509.load_pem_x509_certificates(Path(pad).read_bytes())


def laad_sleutel(pad: Pad, wachtwoord: bytes | None = None) -> PrivateKey:
    key = serialization.load_pem_private_key(Path(pad).read_bytes(), password=wachtwoord)
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise PkiFout("Alleen EC- en RSA-sleutels worden ondersteund.")
    return key


# --- writing PEM files ---------------------------------------------------------------------


def certificaat_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def sleutel_pem(key: PrivateKey, wachtwoord: bytes | None = None) -> bytes:
    versleuteling: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(wachtwoord)
        if wachtwoord
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, versleuteling
    )


def _schrijf_atomisch(pad: Path, inhoud: bytes, modus: int) -> None:
    # Write beside the target and rename, so a reader never sees half a file, and create the
    # file with its final mode, so a key is never readable by others, not even for a moment.
    pad.parent.mkdir(parents=True, exist_ok=True)
    fd, tijdelijk = tempfile.mkstemp(dir=pad.parent, prefix=f".{pad.name}.")
    try:
        os.fchmod(fd, modus)
        with os.fdopen(fd, "wb") as bestand:
            bestand.write(inhoud)
            bestand.flush()
            os.fsync(bestand.fileno())
        os.replace(tijdelijk, pad)
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise


def schrijf_certificaat(pad: Pad, cert: x509.Certificate) -> Path:
    pad = Path(pad)
    _schrijf_atomisch(pad, certificaat_pem(cert), 0o644)
    return pad


def schrijf_sleutel(pad: Pad, key: PrivateKey, wachtwoord: bytes | None = None) -> Path:
    """Write a private key as PKCS#8 PEM, readable by its owner only (mode 600)."""
    pad = Path(pad)
    _schrijf_atomisch(pad, sleutel_pem(key, wachtwoord), 0o600)
    return pad


def schrijf_sleutelpaar(cert_pad: Pad, key_pad: Pad, paar: Sleutelpaar) -> None:
    cert, key = paar
    schrijf_sleutel(key_pad, key)
    schrijf_certificaat(cert_pad, cert)


# --- TLS contexts --------------------------------------------------------------------------

Certificaatbron: TypeAlias = Pad | x509.Certificate
Sleutelbron: TypeAlias = Pad | PrivateKey
CaBron: TypeAlias = Pad | x509.Certificate | Sequence[x509.Certificate]


def _ca_pem(ca: CaBron) -> str:
    if isinstance(ca, x509.Certificate):
        return certificaat_pem(ca).decode()
    if isinstance(ca, str | os.PathLike):
        return Path(ca).read_text()
    return "".join(certificaat_pem(c).decode() for c in ca)


@contextmanager
def _als_bestanden(cert: Certificaatbron, key: Sleutelbron) -> Iterator[tuple[str, str]]:
    """Paths for ``load_cert_chain``, which reads only files: in-memory objects are written to a
    private temporary directory that is removed straight after loading."""
    if isinstance(cert, str | os.PathLike) and isinstance(key, str | os.PathLike):
        yield os.fspath(cert), os.fspath(key)
        return
    with tempfile.TemporaryDirectory(prefix="oso-tls-") as map_:
        cert_pad = cert if isinstance(cert, str | os.PathLike) else None
        key_pad = key if isinstance(key, str | os.PathLike) else None
        if isinstance(cert, x509.Certificate):
            cert_pad = schrijf_certificaat(Path(map_) / "cert.pem", cert)
        if isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
            key_pad = schrijf_sleutel(Path(map_) / "key.pem", key)
        if cert_pad is None or key_pad is None:
            raise PkiFout("Geef een certificaat en een sleutel, als object of als bestand.")
        yield os.fspath(cert_pad), os.fspath(key_pad)


def _basis(context: ssl.SSLContext, cert: Certificaatbron, key: Sleutelbron, ca: CaBron) -> None:
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(cadata=_ca_pem(ca))
    with _als_bestanden(cert, key) as (cert_pad, key_pad):
        context.load_cert_chain(cert_pad, key_pad)


def ssl_context_server(cert: Certificaatbron, key: Sleutelbron, ca: CaBron) -> ssl.SSLContext:
    """A server context that demands a client certificate issued by ``ca`` (mutual TLS)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    _basis(context, cert, key, ca)
    return context


def ssl_context_client(cert: Certificaatbron, key: Sleutelbron, ca: CaBron) -> ssl.SSLContext:
    """A client context that presents ``cert`` and accepts only a server certificate from ``ca``
    that matches the host it connects to."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = True
    _basis(context, cert, key, ca)
    return context
