"""Files at rest are encrypted, whatever storage holds them.

:class:`VersleuteldeOpslag` is the ``default`` storage: it encrypts every file it saves with the
key ring of the PGN columns (``core.crypto``, MultiFernet) and decrypts on reading, and keeps the
ciphertext in the storage named by its ``onderliggend`` option (``STORAGES["bestanden"]``: the
file system by default, an S3 bucket in production). Files on disk are written 0600
(``FILE_UPLOAD_PERMISSIONS``). A file written before encryption existed is read as it is, and
encrypted by ``manage.py herversleutel``.
"""

from __future__ import annotations

from functools import cached_property

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.utils.deconstruct import deconstructible

from . import crypto


@deconstructible(path="core.storage.VersleuteldeOpslag")
class VersleuteldeOpslag(Storage):
    def __init__(self, onderliggend: str = "bestanden") -> None:
        self.onderliggend_naam = onderliggend

    @cached_property
    def onderliggend(self) -> Storage:
        return storages[self.onderliggend_naam]

    # --- the two that change the bytes ---------------------------------------------------------

    def _save(self, name, content):
        if hasattr(content, "seek"):
            content.seek(0)
        data = content.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        return self.onderliggend.save(name, ContentFile(crypto.encrypt_bytes(data)))

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode:
            raise ValueError("versleutelde bestanden worden alleen via save() geschreven")
        return ContentFile(self.lees(name), name=name)

    def lees(self, name) -> bytes:
        with self.onderliggend.open(name, "rb") as bestand:
            data = bestand.read()
        return crypto.decrypt_bytes(data) if crypto.is_versleuteld(data) else data

    def ruw(self, name) -> bytes:
        """The stored bytes as they are (ciphertext): for rotation and tests."""
        with self.onderliggend.open(name, "rb") as bestand:
            return bestand.read()

    # --- everything else is the underlying storage's ----------------------------------------------

    def size(self, name):
        return len(self.lees(name))

    def delete(self, name):
        return self.onderliggend.delete(name)

    def exists(self, name):
        return self.onderliggend.exists(name)

    def listdir(self, path):
        return self.onderliggend.listdir(path)

    def path(self, name):
        return self.onderliggend.path(name)

    def url(self, name):
        return self.onderliggend.url(name)

    def get_available_name(self, name, max_length=None):
        return self.onderliggend.get_available_name(name, max_length=max_length)

    def get_accessed_time(self, name):
        return self.onderliggend.get_accessed_time(name)

    def get_created_time(self, name):
        return self.onderliggend.get_created_time(name)

    def get_modified_time(self, name):
        return self.onderliggend.get_modified_time(name)
