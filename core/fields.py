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
