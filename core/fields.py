from __future__ import annotations

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Stores a string encrypted (Fernet); Python code only ever sees the clear value.

    Encrypted values cannot be filtered on: pair the field with a keyed-hash column.
    """

    description = "Encrypted text"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name not in {"isnull"}:
            raise TypeError(
                f"{self.name} is encrypted; look up by its hash column, not with {lookup_name!r}"
            )
        return super().get_lookup(lookup_name)


class EncryptedBinaryField(models.BinaryField):
    """Stores bytes (a dossier's XML, a PDF) encrypted with the same key ring as the PGN
    columns; Python code only ever sees the clear bytes. A value written before encryption
    existed (no Fernet token) is read as it is, and encrypted by ``manage.py herversleutel``."""

    description = "Encrypted binary data"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        data = bytes(value)
        if crypto.is_versleuteld(data):
            return crypto.decrypt_bytes(data)
        return data

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is not None and not prepared:
            value = crypto.encrypt_bytes(bytes(value))
        return super().get_db_prep_value(value, connection, prepared)

    def get_lookup(self, lookup_name):
        if lookup_name not in {"isnull"}:
            raise TypeError(f"{self.name} is encrypted; it cannot be filtered on {lookup_name!r}")
        return super().get_lookup(lookup_name)
