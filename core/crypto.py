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


def keyed_hash(*parts: str) -> str:
    message = "\x1f".join(parts).encode()
    return hmac.new(settings.PGN_HASH_KEY.encode(), message, hashlib.sha256).hexdigest()
