"""Gebeurtenissen: what API clients hear about, thin (kind, object, school, where to fetch it).

Most come from the audit log, so there is one place where "a dossier was klaargezet" is
recorded: :func:`uit_audit` maps named audit events to kinds. :func:`publiceer` writes the
event (the pull feed reads it) and queues one delivery per active webhook of a client with a
mandate for the school, after commit."""

from __future__ import annotations

from django.db import transaction

from .models import Aflevering, Gebeurtenis, Webhook


def publiceer(*, soort: str, school, object_type: str, object_id: str, pad: str) -> Gebeurtenis:
    school_id = school if isinstance(school, int) else school.pk
    gebeurtenis = Gebeurtenis.objects.create(
        soort=soort, school_id=school_id, object_type=object_type, object_id=object_id, pad=pad
    )
    webhooks = Webhook.objects.filter(
        actief=True,
        gepauzeerd_op__isnull=True,
        client__actief=True,
        client__mandaten__school_id=school_id,
    ).distinct()
    ids = []
    for webhook in webhooks:
        if soort in webhook.soorten:
            ids.append(Aflevering.objects.create(webhook=webhook, gebeurtenis=gebeurtenis).pk)
    if ids:
        from .tasks import aflever_webhook

        def _verstuur():
            for pk in ids:
                aflever_webhook.delay(pk)

        transaction.on_commit(_verstuur)
    return gebeurtenis


def _dossier_id_van_klaarzetting(object_id: str) -> str | None:
    from dossiers.models import Klaarzetting

    dossier_id = Klaarzetting.objects.filter(pk=object_id).values_list("dossier_id", flat=True)
    return str(dossier_id[0]) if dossier_id else None


def uit_audit(event) -> Gebeurtenis | None:
    """The gebeurtenis for a named audit event, if it is one clients hear about."""
    if event.school_id is None:
        return None
    actie, object_id = event.actie, event.object_id
    if actie == "dossier_klaarzetten":
        return publiceer(
            soort="dossier.klaargezet",
            school=event.school_id,
            object_type="dossier",
            object_id=object_id,
            pad=f"dossiers/{object_id}",
        )
    if actie == "dossier_verzamelen":
        nummer = (event.details or {}).get("versie")
        return publiceer(
            soort="dossier.nieuwe_versie",
            school=event.school_id,
            object_type="dossierversie",
            object_id=f"{object_id}/{nummer}",
            pad=f"dossiers/{object_id}/versies/{nummer}",
        )
    if actie == "dossier_verstrekt":
        dossier_id = (event.details or {}).get("dossier_id")
        dossier_id = str(dossier_id) if dossier_id else _dossier_id_van_klaarzetting(object_id)
        if dossier_id is None:
            return None
        return publiceer(
            soort="dossier.opgehaald",
            school=event.school_id,
            object_type="dossier",
            object_id=dossier_id,
            pad=f"dossiers/{dossier_id}",
        )
    if actie == "zorgvraag_terugkoppeling":
        return publiceer(
            soort="zorgvraag.terugkoppeling",
            school=event.school_id,
            object_type="zorgvraag",
            object_id=object_id,
            pad=f"zorgvragen/{object_id}",
        )
    return None
