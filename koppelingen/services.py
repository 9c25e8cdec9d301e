"""Writes for API clients: register (the secret is returned once and only stored hashed),
rotate the secret, revoke. Each is one transaction with its audit event. A beheerder can give
a mandate only for schools where they are beheerder themselves (tenancy)."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone
from oauth2_provider.models import AccessToken, get_application_model

from accounts.models import User
from accounts.roles import Recht
from accounts.tenancy import rechten_per_school
from audit import events

from .models import ApiClient, Mandaat
from .scopes import SCOPES


class KoppelingFout(Exception):
    """A request about an API client that is not allowed; the message is Dutch."""


def _nieuw_secret() -> str:
    return secrets.token_urlsafe(40)


def beheerbare_school_ids(user) -> list[int]:
    return [sid for sid, r in rechten_per_school(user).items() if Recht.BEHEER in r]


def client_registreren(
    *,
    naam: str,
    scopes: list[str],
    school_ids: list[int],
    user,
    request=None,
    client_id: str | None = None,
    secret: str | None = None,
) -> tuple[ApiClient, str]:
    """Register a client; returns it with its secret in clear (shown once, never stored).
    ``client_id``/``secret`` are given only by the demo world (a known demo secret)."""
    onbekend = sorted(set(scopes) - set(SCOPES))
    if onbekend or not scopes:
        raise KoppelingFout("Kies een of meer bekende scopes.")
    if not school_ids:
        raise KoppelingFout("Kies ten minste één school waarvoor de client mag werken.")
    if user is not None and not set(school_ids) <= set(beheerbare_school_ids(user)):
        raise KoppelingFout("U kunt alleen een mandaat geven voor scholen die u beheert.")
    secret = secret or _nieuw_secret()
    Application = get_application_model()
    extra = {"client_id": client_id} if client_id else {}
    with transaction.atomic():
        applicatie = Application.objects.create(
            **extra,
            name=naam[:255],
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
            client_secret=secret,
            hash_client_secret=True,
        )
        technisch = User.objects.create(
            username=f"api-{applicatie.client_id[:20].lower()}",
            first_name="API-client",
            last_name=naam[:150],
            is_active=True,
        )
        technisch.set_unusable_password()
        technisch.save(update_fields=["password"])
        client = ApiClient.objects.create(
            naam=naam,
            applicatie=applicatie,
            user=technisch,
            scopes=sorted(scopes),
            aangemaakt_door=user,
        )
        Mandaat.objects.bulk_create([Mandaat(client=client, school_id=s) for s in school_ids])
        events.api_client_gewijzigd(request=request, client=client, wat="geregistreerd")
    return client, secret


def secret_vernieuwen(*, client: ApiClient, request=None) -> str:
    """A new secret (shown once); the old one and every token issued with it stop working."""
    if not client.actief:
        raise KoppelingFout("Een ingetrokken client krijgt geen nieuw secret.")
    secret = _nieuw_secret()
    with transaction.atomic():
        applicatie = client.applicatie
        applicatie.client_secret = secret
        applicatie.save()
        AccessToken.objects.filter(application=applicatie).delete()
        ApiClient.objects.filter(pk=client.pk).update(secret_vernieuwd_op=timezone.now())
        events.api_client_gewijzigd(request=request, client=client, wat="secret vernieuwd")
    return secret


def client_intrekken(*, client: ApiClient, request=None) -> None:
    """Revoke: no new tokens, existing tokens deleted, webhooks stop. Kept for the audit."""
    with transaction.atomic():
        applicatie = client.applicatie
        applicatie.client_secret = _nieuw_secret()  # unknown to anyone
        applicatie.save()
        AccessToken.objects.filter(application=applicatie).delete()
        ApiClient.objects.filter(pk=client.pk).update(actief=False, ingetrokken_op=timezone.now())
        client.webhooks.update(actief=False)
        events.api_client_gewijzigd(request=request, client=client, wat="ingetrokken")


def clients_voor(user):
    """The clients a beheerder sees: those with a mandate for a school they manage."""
    return (
        ApiClient.objects.filter(mandaten__school_id__in=beheerbare_school_ids(user))
        .distinct()
        .prefetch_related("mandaten__school")
    )
