"""API clients of other LAS and SWV systems: an OAuth2 application (django-oauth-toolkit,
client credentials) with its scopes and a mandate per school, webhooks and their deliveries,
and the feed of gebeurtenissen."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import TenantManager


class ApiClient(models.Model):
    """One registered client. Its technical ``user`` (no password, no aanstelling) is who the
    audit log names; what it may do comes from ``scopes`` and ``mandaten`` only."""

    naam = models.CharField(_("naam"), max_length=200)
    applicatie = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        on_delete=models.PROTECT,
        related_name="api_client",
    )
    user = models.OneToOneField(
        "accounts.User", on_delete=models.PROTECT, related_name="api_client"
    )
    scopes = models.JSONField(_("scopes"), default=list)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    secret_vernieuwd_op = models.DateTimeField(_("secret vernieuwd op"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-client")
        verbose_name_plural = _("API-clients")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Mandaat(models.Model):
    """The client may act for this school (as OSO's own mandates: per school)."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="mandaten")
    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="+")

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaten")
        constraints = [
            models.UniqueConstraint(fields=["client", "school"], name="uniek_mandaat_per_school")
        ]

    def __str__(self) -> str:
        return f"{self.client} voor {self.school}"


class Soort(models.TextChoices):
    DOSSIER_KLAARGEZET = "dossier.klaargezet", _("Dossier klaargezet")
    DOSSIER_NIEUWE_VERSIE = "dossier.nieuwe_versie", _("Nieuwe versie van een dossier")
    DOSSIER_OPGEHAALD = "dossier.opgehaald", _("Dossier opgehaald door een andere school")
    IMPORT_VERWERKT = "import.verwerkt", _("Import verwerkt")
    ZORGVRAAG_TERUGKOPPELING = "zorgvraag.terugkoppeling", _("Terugkoppeling op een zorgvraag")


class Gebeurtenis(models.Model):
    """One event, thin: what happened to which object at which school. Read by the pull feed
    (``gebeurtenissen?na=<id>``) and delivered to webhooks. Never a PGN or a name."""

    soort = models.CharField(max_length=40, choices=Soort.choices)
    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="+")
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    pad = models.CharField(max_length=200)  # the API path to fetch the object
    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.soort} {self.object_type} {self.object_id}"


class Webhook(models.Model):
    """A client's subscription of a callback URL to some kinds of events."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("callback-URL"), max_length=500)
    soorten = models.JSONField(_("gebeurtenissen"), default=list)
    secret = models.CharField(max_length=64)
    actief = models.BooleanField(_("actief"), default=True)
    gepauzeerd_op = models.DateTimeField(_("gepauzeerd op"), null=True, blank=True)
    opeenvolgende_fouten = models.PositiveIntegerField(default=0)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["aangemaakt_op"]

    def __str__(self) -> str:
        return self.url


class AfleverStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    AFGELEVERD = "afgeleverd", _("Afgeleverd")
    OPNIEUW = "opnieuw", _("Mislukt, wordt opnieuw geprobeerd")
    MISLUKT = "mislukt", _("Mislukt")


class Aflevering(models.Model):
    """One event to one webhook: status and attempts, visible to the beheerder."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="afleveringen")
    gebeurtenis = models.ForeignKey(Gebeurtenis, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=12, choices=AfleverStatus.choices, default=AfleverStatus.WACHTRIJ
    )
    pogingen = models.PositiveSmallIntegerField(default=0)
    laatste_poging_op = models.DateTimeField(null=True, blank=True)
    laatste_statuscode = models.PositiveSmallIntegerField(null=True, blank=True)
    laatste_fout = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["webhook", "gebeurtenis"], name="een_aflevering_per_gebeurtenis"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gebeurtenis} -> {self.webhook}"
