"""The reference SWV system: a minimal system of a samenwerkingsverband (like Grippa, Kindkans or
Onderwijs Transparant) that takes part in the exchange only over the protocol, with its own
certificate. Its data is its own: nothing here points into the LAS's models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedBinaryField
from trafficcenter_client.models import TcVerbinding
from zorgvraag.models import TERUGKOPPELING_CHOICES


class SwvSysteem(models.Model):
    """One SWV aanleverpunt served by this reference system, with the connection it uses."""

    naam = models.CharField(_("naam"), max_length=200)
    swv_code = models.CharField(_("SWV-code"), max_length=6, help_text=_("Zoals PO2801."))
    routeringskenmerk = models.CharField(_("routeringskenmerk"), max_length=20, unique=True)
    url = models.URLField(
        _("eigen adres"), help_text=_("Waar dit systeem antwoordt, zoals https://swv/swv/soap/")
    )
    tc_url = models.URLField(_("adres van het Traffic Center"))
    client_certificaat = models.CharField(_("clientcertificaat (pad, PEM)"), max_length=500)
    client_sleutel = models.CharField(_("privésleutel (pad, PEM)"), max_length=500)
    ca_certificaat = models.CharField(_("vertrouwde CA (pad, PEM)"), max_length=500)
    timeout = models.FloatField(_("time-out (seconden)"), default=30.0)
    pogingen = models.PositiveSmallIntegerField(_("aantal pogingen"), default=3)
    automatisch_ophalen = models.BooleanField(
        _("dossier direct ophalen na een notificatie"), default=True
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("SWV-systeem")
        verbose_name_plural = _("SWV-systemen")

    def __str__(self) -> str:
        return f"{self.naam} ({self.swv_code})"

    def verbinding(self) -> TcVerbinding:
        """An unsaved connection record for :class:`~trafficcenter_client.client.TcClient`."""
        return TcVerbinding(
            naam=self.naam,
            tc_url=self.tc_url,
            client_certificaat=self.client_certificaat,
            client_sleutel=self.client_sleutel,
            ca_certificaat=self.ca_certificaat,
            timeout=self.timeout,
            pogingen=self.pogingen,
        )


class AanvraagStatus(models.TextChoices):
    GENOTIFICEERD = "genotificeerd", _("Notificatie ontvangen")
    OPGEHAALD = "opgehaald", _("Dossier opgehaald")
    MISLUKT = "mislukt", _("Ophalen mislukt")


class Aanvraag(models.Model):
    """A zorgvraag as the SWV receives it: the notificatie, then the pulled SWV dossier."""

    systeem = models.ForeignKey(SwvSysteem, on_delete=models.CASCADE, related_name="aanvragen")
    koppelsleutel = models.UUIDField(_("koppelsleutel"))
    bron_brin = models.CharField(_("BRIN school"), max_length=6)
    bron_routeringskenmerk = models.CharField(max_length=20)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AanvraagStatus.choices,
        default=AanvraagStatus.GENOTIFICEERD,
    )
    melding = models.CharField(_("melding"), max_length=500, blank=True)
    xml = EncryptedBinaryField(_("SWV-dossier (XML)"), null=True, blank=True)
    leerling_naam = models.CharField(_("leerling"), max_length=200, blank=True)
    school_naam = models.CharField(_("school"), max_length=200, blank=True)
    overstap = models.CharField(_("soort dossier"), max_length=10, blank=True)
    controle = models.JSONField(_("controle (XSD en regels)"), default=list, blank=True)
    genotificeerd_op = models.DateTimeField(_("notificatie ontvangen op"), auto_now_add=True)
    opgehaald_op = models.DateTimeField(_("opgehaald op"), null=True, blank=True)

    class Meta:
        verbose_name = _("ontvangen zorgvraag")
        verbose_name_plural = _("ontvangen zorgvragen")
        ordering = ["-genotificeerd_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["systeem", "koppelsleutel"], name="referentie_swv_een_aanvraag"
            )
        ]

    def __str__(self) -> str:
        return f"{self.leerling_naam or 'Zorgvraag'} van {self.bron_brin}"


class VerstuurdeTerugkoppeling(models.Model):
    aanvraag = models.ForeignKey(
        Aanvraag, on_delete=models.CASCADE, related_name="terugkoppelingen"
    )
    status = models.CharField(_("status"), max_length=30, choices=TERUGKOPPELING_CHOICES)
    bericht = models.TextField(_("bericht"), blank=True)
    resultaat = models.CharField(_("resultaat"), max_length=60, blank=True)
    melding = models.CharField(_("melding"), max_length=500, blank=True)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verstuurde terugkoppeling")
        verbose_name_plural = _("verstuurde terugkoppelingen")
        ordering = ["verstuurd_op", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.resultaat or self.melding}"
