"""A zorgvraag (ondersteuningsaanvraag) of a pupil to a samenwerkingsverband, with the SWV
dossier that was sent and the SWV's terugkoppeling.

A zorgvraag is written once, when the user presses "Opslaan en verzenden": the choices, the
collected SWV dossier (OSO XML, without any PGN) and its attachments are stored together and
never changed afterwards; only the delivery fields (koppelsleutel, status, melding), the PDF
made from the XML afterwards and the deletion mark move. A change means a new zorgvraag
(manual §5). The PDF and a terugkoppeling's document are files in the encrypting default
storage (``core.storage``) under random names; the XML stays in the row.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import TenantManager
from core.fields import EncryptedBinaryField
from trafficcenter_client.berichten import TerugkoppelingStatus


def pdf_pad(instance: Zorgvraag, filename: str) -> str:
    # Random names, as in the leerlingmap: nothing about the pupil (never a PGN) in a path.
    return f"zorgvraag/pdf/{uuid.uuid4().hex}.pdf"


def terugkoppeling_pad(instance: Terugkoppeling, filename: str) -> str:
    return f"zorgvraag/terugkoppeling/{uuid.uuid4().hex}.pdf"


class Aflevering(models.TextChoices):
    """Delivery of the notificatie to the SWV: the state machine lives in ``workflow.py``."""

    NIEUW = "nieuw", _("Wordt verzonden")
    BEZIG = "bezig", _("Wordt verzonden")
    VERZONDEN = "verzonden", _("Verzonden")
    NIET_AFGELEVERD = "niet_afgeleverd", _("Niet afgeleverd")


class Zorgvraag(models.Model):
    leerling = models.ForeignKey(
        "leerlingen.Leerling", on_delete=models.CASCADE, related_name="zorgvragen"
    )
    omschrijving = models.CharField(_("korte omschrijving"), max_length=200)
    aandachtspunten = models.TextField(_("aandachtspunten"), blank=True)
    profiel = models.CharField(_("profiel"), max_length=10)  # SWV_PO or SWV_VO
    gekozen_blokken = models.JSONField(_("gekozen gegevensblokken"), default=list)
    categorieen = models.JSONField(_("categorie uitlevering"), default=dict)
    # the SWV's aanleverpunt as the Traffic Center listed it when the zorgvraag was made
    aanleverpunt = models.ForeignKey(
        "scholen.Aanleverpunt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    swv_code = models.CharField(_("samenwerkingsverband (code)"), max_length=6)
    swv_routeringskenmerk = models.CharField(_("routeringskenmerk SWV"), max_length=20)
    swv_naam = models.CharField(_("aanleverpunt"), max_length=500)
    swv_aanleverpuntnummer = models.PositiveIntegerField(null=True, blank=True)
    # the school's own aanleverpunt that sends (bron)
    bron_routeringskenmerk = models.CharField(max_length=20)

    xml = EncryptedBinaryField(_("SWV-dossier (XML)"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    verzameld_op = models.DateTimeField(_("verzameld op"))
    # rendered by the worker after sending (``services.maak_pdf``), a file in the encrypting
    # default storage; "" until then and after deletion
    pdf = models.FileField(_("PDF"), upload_to=pdf_pad, blank=True)

    aflevering = models.CharField(
        _("aflevering"), max_length=20, choices=Aflevering.choices, default=Aflevering.NIEUW
    )
    bezig_sinds = models.DateTimeField(null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    melding = models.CharField(_("reden"), max_length=500, blank=True)
    koppelsleutel = models.UUIDField(_("koppelsleutel"), null=True, blank=True, unique=True)
    notificatie_verstuurd_op = models.DateTimeField(
        _("notificatie verstuurd op"), null=True, blank=True
    )
    opgehaald_op = models.DateTimeField(_("opgehaald door het SWV op"), null=True, blank=True)

    gemaakt_op = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    gemaakt_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verwijderd_op = models.DateTimeField(_("verwijderd op"), null=True, blank=True)
    verwijderd_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("zorgvraag")
        verbose_name_plural = _("zorgvragen")
        ordering = ["-gemaakt_op", "-pk"]

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def notificatie_verstuurd(self) -> bool:
        return self.notificatie_verstuurd_op is not None

    @property
    def verwijderd(self) -> bool:
        return self.verwijderd_op is not None


class SoortBijlage(models.TextChoices):
    TOELICHTING = "toelichting", _("Toelichting onderwijsbehoeften")
    BIJLAGE = "bijlage", _("Toegevoegde bijlage")


class ZorgvraagBijlage(models.Model):
    """An attachment chosen for a zorgvraag (from the leerlingmap or uploaded into it). The
    bytes that travelled are those in the stored XML; this row records the choice."""

    zorgvraag = models.ForeignKey(Zorgvraag, on_delete=models.CASCADE, related_name="bijlagen")
    soort = models.CharField(_("soort"), max_length=20, choices=SoortBijlage.choices)
    map_item = models.ForeignKey(
        "leerlingen.MapItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    titel = models.CharField(_("titel"), max_length=200)

    objects = TenantManager()
    tenant_path = "zorgvraag__leerling__school"

    class Meta:
        verbose_name = _("bijlage van een zorgvraag")
        verbose_name_plural = _("bijlagen van zorgvragen")
        ordering = ["soort", "pk"]

    def __str__(self) -> str:
        return self.titel


TERUGKOPPELING_CHOICES = [
    (TerugkoppelingStatus.IN_BEHANDELING.value, _("In behandeling")),
    (TerugkoppelingStatus.AANVULLING_NODIG.value, _("Aanvulling nodig")),
    (TerugkoppelingStatus.TOEGEKEND.value, _("Toegekend")),
    (TerugkoppelingStatus.AFGEWEZEN.value, _("Afgewezen")),
    (TerugkoppelingStatus.AFGEROND.value, _("Afgerond")),
]


class Terugkoppeling(models.Model):
    """A terugkoppeling the SWV sent on a zorgvraag; appended, never edited."""

    zorgvraag = models.ForeignKey(
        Zorgvraag, on_delete=models.CASCADE, related_name="terugkoppelingen"
    )
    status = models.CharField(_("status"), max_length=30, choices=TERUGKOPPELING_CHOICES)
    bericht = models.TextField(_("bericht"), blank=True)
    document = models.FileField(_("document"), upload_to=terugkoppeling_pad, blank=True)
    swv_routeringskenmerk = models.CharField(max_length=20)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    objects = TenantManager()
    tenant_path = "zorgvraag__leerling__school"

    class Meta:
        verbose_name = _("terugkoppeling")
        verbose_name_plural = _("terugkoppelingen")
        ordering = ["ontvangen_op", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.ontvangen_op:%d-%m-%Y})"
