"""Encryption at rest for persoonsgebonden nummers (BSN, onderwijsnummer).

Values are encrypted with ``cryptography``'s MultiFernet: the first key of
``settings.FIELD_ENCRYPTION_KEYS`` encrypts, every listed key decrypts, so a new key is put in
front and ``manage.py herversleutel_pgn`` re-encrypts existing rows before an old key is removed.
Beside the ciphertext we store a keyed hash (HMAC-SHA256) so that a pupil can be found by number
without decrypting every row.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError("value cannot be decrypted with the configured keys") from exc


def rotate(token: str) -> str:
    """Re-encrypt a token with the newest key."""
    return fernet().rotate(token.encode()).decode()


FERNET_KOP = b"gAAAAA"  # every Fernet token starts so (version byte 0x80, base64)


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(bytes(data))


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return fernet().decrypt(bytes(token))
    except InvalidToken as exc:
        raise DecryptionError("value cannot be decrypted with the configured keys") from exc


def is_versleuteld(data: bytes | str) -> bool:
    kop = data[:6].encode() if isinstance(data, str) else bytes(data[:6])
    return kop == FERNET_KOP


def met_nieuwste_sleutel(token: bytes | str) -> bool:
    """Is ``token`` encrypted with the first (newest) key? Then rotation can skip it."""
    token = token.encode() if isinstance(token, str) else bytes(token)
    try:
        Fernet(settings.FIELD_ENCRYPTION_KEYS[0].encode()).decrypt(token)
    except InvalidToken:
        return False
    return True


def keyed_hash(*parts: str) -> str:
    message = "\x1f".join(parts).encode()
    return hmac.new(settings.PGN_HASH_KEY.encode(), message, hashlib.sha256).hexdigest()
