"""The reference toets system: a minimal doorstroomtoets supplier that takes part in the chain
only over the agreement (Doorstroomtoetsketen 1.1.0), with its own certificate. Its data is its
own: nothing here points into the LAS's models."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ToetsSchool(models.Model):
    """A school that chose this supplier, and how its LAS is reached."""

    naam = models.CharField(_("naam"), max_length=200)
    school_oin = models.CharField(_("OIN van de school"), max_length=20, unique=True)
    las_oin = models.CharField(
        _("OIN van de LAS-leverancier"),
        max_length=20,
        help_text=_("Alleen een certificaat met dit OIN mag namens de school aanleveren."),
    )
    las_kenmerk = models.CharField(
        _("routeringskenmerk van de administratie"),
        max_length=20,
        blank=True,
        help_text=_("Het edu-from van de laatste deelnemerslijst; resultaten gaan hierheen."),
    )
    las_url = models.URLField(_("adres van de LAS"), help_text=_("Basisadres, zonder pad."))
    toetssoort = models.CharField(_("toetssoort"), max_length=30)
    toetsnaam = models.CharField(_("naam van de toets"), max_length=200)
    client_certificaat = models.CharField(_("clientcertificaat (pad, PEM)"), max_length=500)
    client_sleutel = models.CharField(_("privésleutel (pad, PEM)"), max_length=500)
    ca_certificaat = models.CharField(_("vertrouwde CA (pad, PEM)"), max_length=500)
    inschrijving_open = models.BooleanField(_("inschrijving open"), default=True)
    adviezen_open = models.BooleanField(_("aanlevering adviezen open"), default=True)
    automatisch_leveren = models.BooleanField(
        _("resultaten direct leveren na aanmelding"), default=True
    )

    class Meta:
        verbose_name = _("school (referentie-toetssysteem)")
        verbose_name_plural = _("scholen (referentie-toetssysteem)")

    def __str__(self) -> str:
        return f"{self.naam} ({self.toetsnaam})"


class ToetsDeelnemer(models.Model):
    school = models.ForeignKey(ToetsSchool, on_delete=models.CASCADE, related_name="deelnemers")
    las_key = models.CharField(max_length=256)
    achternaam = models.CharField(max_length=70)
    voorvoegsel = models.CharField(max_length=10, blank=True)
    roepnaam = models.CharField(max_length=64)
    voorletters = models.CharField(max_length=6)
    geboortedatum = models.DateField()
    geslacht = models.PositiveSmallIntegerField()
    groep = models.CharField(max_length=64, blank=True)
    voorlopig_advies = models.CharField(max_length=40, blank=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("deelnemer (referentie-toetssysteem)")
        verbose_name_plural = _("deelnemers (referentie-toetssysteem)")
        constraints = [
            models.UniqueConstraint(fields=["school", "las_key"], name="unique_toetsdeelnemer")
        ]

    def __str__(self) -> str:
        return " ".join(p for p in (self.roepnaam, self.voorvoegsel, self.achternaam) if p)


class Levering(models.Model):
    """A Leerlingresultaat delivered (or tried) to the LAS."""

    deelnemer = models.ForeignKey(
        ToetsDeelnemer, on_delete=models.CASCADE, related_name="leveringen"
    )
    rapportid = models.UUIDField(default=uuid.uuid4, unique=True)
    inhoud = models.JSONField()
    geleverd_op = models.DateTimeField(auto_now_add=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    melding = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("levering (referentie-toetssysteem)")
        verbose_name_plural = _("leveringen (referentie-toetssysteem)")
        ordering = ["-geleverd_op", "-pk"]

    def __str__(self) -> str:
        return f"Levering {self.rapportid} ({self.http_status or '-'})"
