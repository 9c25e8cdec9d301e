"""Key rotation for everything encrypted at rest, found through the models (never a hand list).

:func:`versleutelde_velden` lists every concrete model field of an encrypting class
(``EncryptedTextField``, ``EncryptedBinaryField``); :func:`versleutelde_bestandsvelden` every
FileField whose storage encrypts (:class:`core.storage.VersleuteldeOpslag`). :func:`herversleutel`
re-encrypts each value and file that is not yet under the newest key (or not encrypted at all: a
value from before encryption), in batches of one transaction each. It is resumable: a value
already under the newest key is skipped, so a run stopped halfway is simply started again.
A file is re-encrypted under a new name first and the row moved to it before the old file is
deleted, so a crash never loses a document.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection, models, transaction

from . import crypto
from .fields import EncryptedBinaryField, EncryptedTextField
from .storage import VersleuteldeOpslag

logger = logging.getLogger(__name__)

VERSLEUTELDE_VELDKLASSEN = (EncryptedTextField, EncryptedBinaryField)


@dataclass
class Telling:
    herversleuteld: int = 0
    overgeslagen: int = 0


def versleutelde_velden() -> list[tuple[type[models.Model], models.Field]]:
    return [
        (model, veld)
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed
        for veld in model._meta.concrete_fields
        if isinstance(veld, VERSLEUTELDE_VELDKLASSEN)
    ]


def versleutelde_bestandsvelden() -> list[tuple[type[models.Model], models.FileField]]:
    return [
        (model, veld)
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed
        for veld in model._meta.concrete_fields
        if isinstance(veld, models.FileField) and isinstance(veld.storage, VersleuteldeOpslag)
    ]


def _ruw(model, veld, pks) -> list[tuple[object, object]]:
    """The stored (encrypted) values, bypassing the field's decryption."""
    tabel = connection.ops.quote_name(model._meta.db_table)
    kolom = connection.ops.quote_name(veld.column)
    pk = connection.ops.quote_name(model._meta.pk.column)
    plekken = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {pk}, {kolom} FROM {tabel} WHERE {pk} IN ({plekken})",  # noqa: S608 - names from the models
            list(pks),
        )
        return list(cursor.fetchall())


def _nodig(ruw) -> bool:
    if ruw is None:
        return False
    data = bytes(ruw) if not isinstance(ruw, str) else ruw
    if not data:
        return False
    if not crypto.is_versleuteld(data):
        return True  # from before encryption
    return not crypto.met_nieuwste_sleutel(data)


def _veld(model, veld, batch: int, forceer: bool) -> Telling:
    telling = Telling()
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    for begin in range(0, len(pks), batch):
        deel = pks[begin : begin + batch]
        with transaction.atomic():
            list(model._default_manager.select_for_update().filter(pk__in=deel).values("pk"))
            for pk, ruw in _ruw(model, veld, deel):
                if not (forceer and ruw not in (None, "", b"")) and not _nodig(ruw):
                    if ruw not in (None, "", b""):
                        telling.overgeslagen += 1
                    continue
                if isinstance(veld, EncryptedTextField):
                    helder = crypto.decrypt(ruw) if crypto.is_versleuteld(ruw) else ruw
                else:
                    data = bytes(ruw)
                    helder = crypto.decrypt_bytes(data) if crypto.is_versleuteld(data) else data
                # saving the clear value through the field encrypts it with the newest key
                model._default_manager.filter(pk=pk).update(**{veld.name: helder})
                telling.herversleuteld += 1
    return telling


def _bestanden(model, veld, batch: int) -> Telling:
    telling = Telling()
    opslag: VersleuteldeOpslag = veld.storage
    pks = list(
        model._default_manager.exclude(**{veld.name: ""})
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for begin in range(0, len(pks), batch):
        for obj in model._default_manager.filter(pk__in=pks[begin : begin + batch]):
            naam = getattr(obj, veld.attname).name
            if not naam or not opslag.exists(naam):
                continue
            ruw = opslag.ruw(naam)
            if not _nodig(ruw):
                telling.overgeslagen += 1
                continue
            helder = crypto.decrypt_bytes(ruw) if crypto.is_versleuteld(ruw) else ruw
            nieuw = opslag.save(naam, ContentFile(helder))  # a new name beside the old file
            with transaction.atomic():
                bijgewerkt = model._default_manager.filter(pk=obj.pk, **{veld.name: naam}).update(
                    **{veld.name: nieuw}
                )
            if bijgewerkt:
                opslag.delete(naam)
                telling.herversleuteld += 1
            else:  # the row changed meanwhile: keep its file, drop ours
                opslag.delete(nieuw)
    return telling


def herversleutel(
    *,
    batch: int = 200,
    forceer: bool = False,
    alleen: Callable[[type[models.Model], models.Field], bool] | None = None,
    schrijf: Callable[[str], None] | None = None,
) -> dict[str, Telling]:
    """Re-encrypt every encrypted field and file with the newest key (see the module
    docstring); ``forceer`` re-encrypts values already under it as well."""
    uitkomst: dict[str, Telling] = {}
    for model, veld in versleutelde_velden():
        if alleen and not alleen(model, veld):
            continue
        naam = f"{model._meta.label}.{veld.name}"
        uitkomst[naam] = _veld(model, veld, batch, forceer)
        if schrijf:
            schrijf(f"{naam}: {uitkomst[naam].herversleuteld} herversleuteld")
    for model, veld in versleutelde_bestandsvelden():
        if alleen and not alleen(model, veld):
            continue
        naam = f"{model._meta.label}.{veld.name} (bestanden)"
        uitkomst[naam] = _bestanden(model, veld, batch)
        if schrijf:
            schrijf(f"{naam}: {uitkomst[naam].herversleuteld} herversleuteld")
    return uitkomst
