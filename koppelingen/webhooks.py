"""Webhook deliveries: thin, signed, recorded, retried with backoff, paused after repeated
failure (never silently dropped).

Signature: ``X-OSO-Handtekening: sha256=<hex>`` = HMAC-SHA256(subscription secret,
``"<X-OSO-Tijdstempel>." + body``); a receiver checks it and refuses a timestamp older than a
few minutes (replay)."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import socket
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Aflevering, AfleverStatus, Webhook

logger = logging.getLogger(__name__)

MAX_POGINGEN = 5
PAUZE_NA_MISLUKTE_AFLEVERINGEN = 3
TIMEOUT_SECONDEN = 5


class WebhookFout(Exception):
    pass


def controleer_url(url: str) -> None:
    delen = urlsplit(url)
    if delen.scheme not in ("https", "http") or not delen.hostname:
        raise WebhookFout("De callback-URL moet een http(s)-adres zijn.")
    if delen.scheme == "http" and settings.PRODUCTION:
        raise WebhookFout("De callback-URL moet https gebruiken.")
    if delen.username or delen.password:
        raise WebhookFout("De callback-URL mag geen gebruikersnaam of wachtwoord bevatten.")
    controleer_bestemming(delen.hostname)


def controleer_bestemming(host: str) -> None:
    """No requests into the hosting network (server-side request forgery): with
    ``OSO_WEBHOOK_ALLEEN_PUBLIEK`` (on in production) a callback host that is, or resolves to, a
    loopback, private, link-local or otherwise non-public address is refused. Checked at
    subscription and again before every delivery (a name may point elsewhere later)."""
    if not getattr(settings, "OSO_WEBHOOK_ALLEEN_PUBLIEK", False):
        return
    try:
        adressen = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        raise WebhookFout("De host van de callback-URL is onbekend.") from None
    for adres in adressen:
        ip = ipaddress.ip_address(adres.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            raise WebhookFout(
                "De callback-URL wijst naar een intern of niet-openbaar adres; dat is niet "
                "toegestaan."
            )


def nieuw_secret() -> str:
    return secrets.token_hex(32)


def handtekening(secret: str, tijdstempel: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), tijdstempel.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def handtekening_geldig(
    secret: str, tijdstempel: str, body: bytes, ontvangen: str, *, max_leeftijd: int = 300
) -> bool:
    """For receivers (and the tests): the signature matches and the timestamp is recent."""
    try:
        leeftijd = abs(time.time() - int(tijdstempel))
    except ValueError:
        return False
    if leeftijd > max_leeftijd:
        return False
    return hmac.compare_digest(handtekening(secret, tijdstempel, body), ontvangen)


def inhoud(aflevering: Aflevering) -> bytes:
    g = aflevering.gebeurtenis
    basis = settings.OSO_API_URL
    pad = f"/api/v1/{g.pad}"
    return json.dumps(
        {
            "gebeurtenis": g.soort,
            "id": g.pk,
            "school": g.school.brincode,
            "object_type": g.object_type,
            "object_id": g.object_id,
            "url": basis.rstrip("/") + pad,
            "tijdstip": g.tijdstip.isoformat(),
        },
        separators=(",", ":"),
    ).encode()


def _backoff(pogingen: int) -> int:
    return int(getattr(settings, "OSO_WEBHOOK_BACKOFF_SECONDEN", 30)) * 2 ** (pogingen - 1)


def aflever(aflevering_id: int) -> Aflevering | None:
    """One attempt. Returns the delivery; schedules the next attempt when it failed."""
    with transaction.atomic():
        aflevering = (
            Aflevering.objects.select_for_update()
            .select_related("webhook", "gebeurtenis__school")
            .filter(pk=aflevering_id, status__in=[AfleverStatus.WACHTRIJ, AfleverStatus.OPNIEUW])
            .first()
        )
        if aflevering is None:
            return None  # done already, or given up
        webhook = aflevering.webhook
        if not webhook.actief or webhook.gepauzeerd_op is not None:
            return aflevering  # stays queued; resumed when the beheerder reactivates
        aflevering.pogingen += 1
        aflevering.laatste_poging_op = timezone.now()
        aflevering.save(update_fields=["pogingen", "laatste_poging_op"])
    body = inhoud(aflevering)
    tijdstempel = str(int(time.time()))
    verzoek = urllib.request.Request(  # noqa: S310 - http(s) only, checked at subscription
        webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "OSO-module-LAS-webhooks/1",
            "X-OSO-Gebeurtenis": aflevering.gebeurtenis.soort,
            "X-OSO-Tijdstempel": tijdstempel,
            "X-OSO-Handtekening": handtekening(webhook.secret, tijdstempel, body),
        },
    )
    statuscode, fout = None, ""
    try:
        controleer_bestemming(urlsplit(webhook.url).hostname or "")
        with urllib.request.urlopen(verzoek, timeout=TIMEOUT_SECONDEN) as antwoord:  # noqa: S310
            statuscode = antwoord.status
    except urllib.error.HTTPError as exc:
        statuscode, fout = exc.code, f"HTTP {exc.code}"
    except WebhookFout as exc:
        fout = str(exc)
    except Exception as exc:  # network: refused, timeout, TLS
        fout = type(exc).__name__
    gelukt = statuscode is not None and 200 <= statuscode < 300
    with transaction.atomic():
        aflevering.laatste_statuscode = statuscode
        aflevering.laatste_fout = fout[:300]
        if gelukt:
            aflevering.status = AfleverStatus.AFGELEVERD
            Webhook.objects.filter(pk=webhook.pk).update(opeenvolgende_fouten=0)
        elif aflevering.pogingen < MAX_POGINGEN:
            aflevering.status = AfleverStatus.OPNIEUW
            from .tasks import aflever_webhook

            wacht = _backoff(aflevering.pogingen)
            transaction.on_commit(
                lambda: aflever_webhook.apply_async((aflevering.pk,), countdown=wacht)
            )
        else:
            aflevering.status = AfleverStatus.MISLUKT
            Webhook.objects.filter(pk=webhook.pk).update(
                opeenvolgende_fouten=F("opeenvolgende_fouten") + 1
            )
            webhook.refresh_from_db(fields=["opeenvolgende_fouten"])
            if webhook.opeenvolgende_fouten >= PAUZE_NA_MISLUKTE_AFLEVERINGEN:
                Webhook.objects.filter(pk=webhook.pk, gepauzeerd_op__isnull=True).update(
                    gepauzeerd_op=timezone.now()
                )
                logger.warning("webhook %s gepauzeerd na herhaalde fouten", webhook.pk)
        aflevering.save(update_fields=["status", "laatste_statuscode", "laatste_fout"])
    return aflevering


def aanmelden(*, client, url: str, soorten: list[str]) -> Webhook:
    controleer_url(url)
    return Webhook.objects.create(
        client=client, url=url, soorten=sorted(set(soorten)), secret=nieuw_secret()
    )


def afmelden(*, webhook: Webhook) -> None:
    Webhook.objects.filter(pk=webhook.pk).update(actief=False)


def hervatten(*, webhook: Webhook) -> int:
    """The beheerder resumes a paused webhook: queued and given-up deliveries are sent again."""
    from .tasks import aflever_webhook

    with transaction.atomic():
        Webhook.objects.filter(pk=webhook.pk).update(gepauzeerd_op=None, opeenvolgende_fouten=0)
        ids = list(
            Aflevering.objects.filter(
                webhook=webhook,
                status__in=[AfleverStatus.WACHTRIJ, AfleverStatus.OPNIEUW, AfleverStatus.MISLUKT],
            ).values_list("pk", flat=True)
        )
        Aflevering.objects.filter(pk__in=ids).update(status=AfleverStatus.WACHTRIJ, pogingen=0)
        transaction.on_commit(lambda: [aflever_webhook.delay(pk) for pk in ids])
    return len(ids)


def blijven_hangen(*, ouder_dan_minuten: int = 30) -> int:
    """Sweeper: deliveries queued or waiting for a retry longer than the longest backoff are
    offered to the task again (the row is the truth; a lost broker message loses nothing).
    Paused webhooks are left alone. Returns how many were offered."""
    from datetime import timedelta

    from django.db.models import Q

    from .tasks import aflever_webhook

    grens = timezone.now() - timedelta(minutes=ouder_dan_minuten)
    ids = list(
        Aflevering.objects.filter(
            status__in=[AfleverStatus.WACHTRIJ, AfleverStatus.OPNIEUW],
            webhook__actief=True,
            webhook__gepauzeerd_op__isnull=True,
        )
        .filter(
            Q(laatste_poging_op__lt=grens)
            | Q(laatste_poging_op__isnull=True, gebeurtenis__tijdstip__lt=grens)
        )
        .values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        aflever_webhook.delay(pk)
    return len(ids)
