"""The zoeksleutel: a pupil's PGN (BSN or onderwijsnummer) in encrypted form.

In the Traffic Center messages (``overdrachtRequest``, ``documentRequest``,
``sessiecontroleRequest``) the PGN never travels in the clear; it travels as a *zoeksleutel*,
"het versleutelde pgn" (STANDARD.md §5). Since OSO'22 a ``pgnfrag`` travels beside it.

The real algorithm is not public. What follows is **our own design, inferred** from what is known:
the bron system stores the PGN that was asked for, so it must be able to decrypt the zoeksleutel
(it is not a one-way hash), and the Traffic Center only compares the zoeksleutel of the session
with the one it is shown again, so for the TC it is an opaque string.

Design (version 1): hybrid encryption to the certificate of the party that has to read the PGN.

* The payload is ``"<pgn_type>:<pgn>"`` (``bsn:123456782``), padded with zero bytes to 32 bytes so
  that the length does not tell a BSN from an onderwijsnummer.
* A fresh 256-bit content key encrypts the payload with AES-256-GCM (random 96-bit nonce); the
  header is bound to the ciphertext as associated data, so no byte can be changed unnoticed.
* The content key reaches the recipient by
  - algorithm 1, an EC key (P-256, P-384, P-521): ephemeral-static ECDH with a new key on the
    recipient's curve, then HKDF-SHA256 over the shared secret (info: a label, the ephemeral
    public point and the recipient's key id);
  - algorithm 2, an RSA key: RSA-OAEP with SHA-256 (MGF1-SHA256) wrapping the content key.
* Wire format, base64url without padding::

      versie(1) | algoritme(1) | sleutel_id(8) | lengte(2, big endian) | kapsel(lengte)
      | nonce(12) | ciphertext+tag

  ``sleutel_id`` is the first 8 bytes of the SHA-256 of the recipient's SubjectPublicKeyInfo: it
  lets a holder of several keys (during a certificate change) pick the right one, and refuse a
  zoeksleutel meant for someone else with a clear message. ``kapsel`` is the ephemeral public
  point (uncompressed) or the wrapped content key.

Encryption is randomised: two zoeksleutels for the same PGN differ. The doel system therefore
makes one zoeksleutel per session and sends that same string in every message of the session.

Every refusal, whether the input is malformed, meant for another key, or changed, is one error,
:class:`OngeldigeZoeksleutel`, whose message never contains the PGN.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import struct
from typing import TypeAlias

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.validators import PGN_BSN, PGN_ONDERWIJSNUMMER

PublicKey: TypeAlias = ec.EllipticCurvePublicKey | rsa.RSAPublicKey
PrivateKey: TypeAlias = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

VERSIE = 1
ALG_ECDH_ES_AES256GCM = 1
ALG_RSA_OAEP_AES256GCM = 2

PGN_TYPES = (PGN_BSN, PGN_ONDERWIJSNUMMER)
HKDF_LABEL = b"OSO-LAS zoeksleutel v1"
PAYLOAD_LENGTE = 32
SLEUTEL_ID_LENGTE = 8
NONCE_LENGTE = 12
TAG_LENGTE = 16
# A zoeksleutel for a 4096-bit RSA key is about 750 characters; refuse anything far larger
# before decoding it.
MAX_LENGTE = 4096
_HEADER = struct.Struct(">BB8sH")
_BASE64URL_RE = re.compile(r"^[A-Za-z0-9_-]+$")
_PGN_RE = re.compile(r"^[0-9]{9}$")
_EC_CURVES: dict[str, ec.EllipticCurve] = {
    "secp256r1": ec.SECP256R1(),
    "secp384r1": ec.SECP384R1(),
    "secp521r1": ec.SECP521R1(),
}


class OngeldigeZoeksleutel(ValueError):
    """A zoeksleutel cannot be made or read. The message never contains the PGN."""

    def __init__(self, bericht: str, code: str = "ongeldig") -> None:
        super().__init__(bericht)
        self.code = code


def pgnfrag(pgn: str) -> str:
    """The ``pgnfrag`` of OSO'22: the last four digits of the PGN."""
    _controleer_pgn(pgn)
    return pgn[-4:]


def versleutel(pgn_type: str, pgn: str, ontvanger_cert: x509.Certificate | PublicKey) -> str:
    """Encrypt a PGN to the (EC or RSA) public key of ``ontvanger_cert``.

    The caller checks first that the certificate is the right party's and still valid.
    """
    if pgn_type not in PGN_TYPES:
        raise OngeldigeZoeksleutel(
            "Het soort nummer moet 'bsn' of 'onderwijsnummer' zijn.", code="pgn_type"
        )
    _controleer_pgn(pgn)
    publiek = (
        ontvanger_cert.public_key()
        if isinstance(ontvanger_cert, x509.Certificate)
        else ontvanger_cert
    )
    payload = f"{pgn_type}:{pgn}".encode("ascii").ljust(PAYLOAD_LENGTE, b"\x00")
    sleutel_id = _sleutel_id(publiek)

    if isinstance(publiek, ec.EllipticCurvePublicKey):
        curve = _curve(publiek.curve)
        efemeer = ec.generate_private_key(curve)
        kapsel = efemeer.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        inhoudssleutel = _afgeleide_sleutel(
            efemeer.exchange(ec.ECDH(), publiek), kapsel, sleutel_id
        )
        algoritme = ALG_ECDH_ES_AES256GCM
    elif isinstance(publiek, rsa.RSAPublicKey):
        if publiek.key_size < 2048:
            raise OngeldigeZoeksleutel(
                "De RSA-sleutel van de ontvanger is te kort (minder dan 2048 bits).", code="sleutel"
            )
        inhoudssleutel = AESGCM.generate_key(bit_length=256)
        kapsel = publiek.encrypt(inhoudssleutel, _oaep())
        algoritme = ALG_RSA_OAEP_AES256GCM
    else:
        raise OngeldigeZoeksleutel(
            "Het certificaat van de ontvanger heeft geen EC- of RSA-sleutel.", code="sleutel"
        )

    header = _HEADER.pack(VERSIE, algoritme, sleutel_id, len(kapsel)) + kapsel
    nonce = os.urandom(NONCE_LENGTE)
    versleuteld = AESGCM(inhoudssleutel).encrypt(nonce, payload, header)
    return base64.urlsafe_b64encode(header + nonce + versleuteld).rstrip(b"=").decode("ascii")


def ontsleutel(zoeksleutel: str, eigen_key: PrivateKey) -> tuple[str, str]:
    """Decrypt a zoeksleutel with our own private key: returns ``(pgn_type, pgn)``."""
    data = _decodeer(zoeksleutel)
    versie, algoritme, sleutel_id, lengte = _HEADER.unpack_from(data)
    if versie != VERSIE:
        raise OngeldigeZoeksleutel("De zoeksleutel heeft een onbekende versie.", code="versie")
    einde_header = _HEADER.size + lengte
    if len(data) < einde_header + NONCE_LENGTE + PAYLOAD_LENGTE + TAG_LENGTE:
        raise _opbouw()
    header, kapsel = data[:einde_header], data[_HEADER.size : einde_header]
    nonce = data[einde_header : einde_header + NONCE_LENGTE]
    versleuteld = data[einde_header + NONCE_LENGTE :]

    if sleutel_id != _sleutel_id(eigen_key.public_key()):
        raise OngeldigeZoeksleutel(
            "De zoeksleutel is niet voor onze sleutel versleuteld.", code="sleutel"
        )
    inhoudssleutel = _pak_uit(algoritme, kapsel, sleutel_id, eigen_key)
    try:
        payload = AESGCM(inhoudssleutel).decrypt(nonce, versleuteld, header)
    except InvalidTag:
        raise OngeldigeZoeksleutel(
            "De zoeksleutel is gewijzigd of beschadigd.", code="integriteit"
        ) from None

    pgn_type, _, pgn = payload.rstrip(b"\x00").decode("ascii", "replace").partition(":")
    if pgn_type not in PGN_TYPES or not _PGN_RE.match(pgn):
        # Authentic but not ours to read: made by a system with another payload format.
        raise OngeldigeZoeksleutel("De inhoud van de zoeksleutel is onbekend.", code="inhoud")
    return pgn_type, pgn


# --- internals -----------------------------------------------------------------------------


def _controleer_pgn(pgn: str) -> None:
    if not isinstance(pgn, str) or not _PGN_RE.match(pgn):
        raise OngeldigeZoeksleutel(
            "Een BSN of onderwijsnummer bestaat uit precies 9 cijfers.", code="pgn"
        )


def _opbouw() -> OngeldigeZoeksleutel:
    return OngeldigeZoeksleutel("De zoeksleutel heeft geen geldige opbouw.", code="opbouw")


def _decodeer(zoeksleutel: str) -> bytes:
    if (
        not isinstance(zoeksleutel, str)
        or len(zoeksleutel) > MAX_LENGTE
        or not _BASE64URL_RE.match(zoeksleutel)
        or len(zoeksleutel) % 4 == 1
    ):
        raise _opbouw()
    data = base64.urlsafe_b64decode(zoeksleutel + "=" * (-len(zoeksleutel) % 4))
    if len(data) < _HEADER.size:
        raise _opbouw()
    return data


def _sleutel_id(publiek: PublicKey) -> bytes:
    spki = publiek.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(spki).digest()[:SLEUTEL_ID_LENGTE]


def _curve(curve: ec.EllipticCurve) -> ec.EllipticCurve:
    try:
        return _EC_CURVES[curve.name]
    except KeyError:
        raise OngeldigeZoeksleutel(
            "De EC-sleutel van de ontvanger ligt niet op P-256, P-384 of P-521.", code="sleutel"
        ) from None


def _afgeleide_sleutel(gedeeld_geheim: bytes, kapsel: bytes, sleutel_id: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_LABEL + kapsel + sleutel_id
    ).derive(gedeeld_geheim)


def _oaep() -> padding.OAEP:
    return padding.OAEP(
        mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
    )


def _pak_uit(algoritme: int, kapsel: bytes, sleutel_id: bytes, eigen_key: PrivateKey) -> bytes:
    """The content key, from the ephemeral point (EC) or the wrapped key (RSA)."""
    if algoritme == ALG_ECDH_ES_AES256GCM and isinstance(eigen_key, ec.EllipticCurvePrivateKey):
        curve = _curve(eigen_key.curve)
        try:
            efemeer = ec.EllipticCurvePublicKey.from_encoded_point(curve, kapsel)
            gedeeld_geheim = eigen_key.exchange(ec.ECDH(), efemeer)
        except ValueError:
            raise _opbouw() from None
        return _afgeleide_sleutel(gedeeld_geheim, kapsel, sleutel_id)
    if algoritme == ALG_RSA_OAEP_AES256GCM and isinstance(eigen_key, rsa.RSAPrivateKey):
        try:
            inhoudssleutel = eigen_key.decrypt(kapsel, _oaep())
        except ValueError:
            raise OngeldigeZoeksleutel(
                "De zoeksleutel is gewijzigd of beschadigd.", code="integriteit"
            ) from None
        if len(inhoudssleutel) != 32:
            raise _opbouw()
        return inhoudssleutel
    raise OngeldigeZoeksleutel(
        "De zoeksleutel gebruikt een onbekend algoritme of past niet bij onze sleutel.",
        code="algoritme",
    )
