"""The doorstroomtoets exchange (Doorstroomtoetsketen 1.1.0): per school the relation with its
toets supplier, the pupils registered as deelnemers, the results received and the message log.

No persoonsgebonden nummer is stored or sent here: a pupil is known to the supplier by its
LAS-key, a meaningless identifier made for this chain.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import TenantManager
from scholen.models import routeringskenmerk_validator


class Toetssoort(models.TextChoices):
    # Toetssoort_enum of the OpenAPI document 1.1.0
    ROUTE_8 = "ROUTE_8", _("Route 8")
    ICE = "ICE", _("IEP Doorstroomtoets")
    DIA = "DIA", _("Dia doorstroomtoets")
    AMN = "AMN", _("AMN Doorstroomtoets")
    LEERLING_IN_BEELD = "LEERLING_IN_BEELD", _("Leerling in beeld-doorstroomtoets")
    DOE = "DOE", _("Doe overheidsdoorstroomtoets")
    OCW_DOORSTROOMTOETS = "OCW_DOORSTROOMTOETS", _("OCW Doorstroomtoets")


class Koppeling(models.Model):
    """A school's registered relation with its toets supplier: who, where, which certificates.

    Only the supplier named here may deliver results for this school (``edu-from`` = the school's
    OIN, ``edu-to`` = our routeringskenmerk for the school, and a client certificate carrying
    ``aanbieder_oin``); anything else is refused with 401.
    """

    school = models.OneToOneField(
        "scholen.School", on_delete=models.CASCADE, related_name="doorstroomtoets_koppeling"
    )
    aanbieder_naam = models.CharField(_("toetsaanbieder"), max_length=200)
    toetssoort = models.CharField(_("doorstroomtoets"), max_length=30, choices=Toetssoort.choices)
    url = models.URLField(
        _("adres van de toetsaanbieder"),
        help_text=_("Het basisadres van de API, bijv. https://toets.example.nl/v1.1"),
    )
    aanbieder_oin = models.CharField(
        _("OIN van de toetsaanbieder"),
        max_length=20,
        validators=[routeringskenmerk_validator],
        help_text=_("Het OIN in het clientcertificaat waarmee de aanbieder resultaten levert."),
    )
    school_oin = models.CharField(
        _("OIN van de school"), max_length=20, validators=[routeringskenmerk_validator]
    )
    las_kenmerk = models.CharField(
        _("routeringskenmerk van deze administratie"),
        max_length=20,
        unique=True,
        validators=[routeringskenmerk_validator],
        help_text=_("Wordt als edu-from meegestuurd; de aanbieder levert resultaten hierop."),
    )
    onderwijsaanbiedercode = models.CharField(
        _("onderwijsaanbiedercode (RIO)"), max_length=7, help_text=_("Bijv. 123A123")
    )
    onderwijslocatiecode = models.CharField(
        _("onderwijslocatiecode (RIO)"), max_length=7, help_text=_("Bijv. 123X123")
    )
    vestigingscode = models.CharField(_("vestigingscode"), max_length=2, default="00")
    administratienr = models.CharField(_("administratienummer"), max_length=2, default="00")
    client_certificaat = models.CharField(_("clientcertificaat (pad, PEM)"), max_length=500)
    client_sleutel = models.CharField(_("privésleutel (pad, PEM)"), max_length=500)
    ca_certificaat = models.CharField(_("vertrouwde CA (pad, PEM)"), max_length=500)
    timeout = models.FloatField(_("time-out (seconden)"), default=30.0)
    actief = models.BooleanField(_("actief"), default=True)

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        verbose_name = _("doorstroomtoets-koppeling")
        verbose_name_plural = _("doorstroomtoets-koppelingen")

    def __str__(self) -> str:
        return f"{self.school.brincode}: {self.aanbieder_naam}"

    def clean(self):
        import re

        fouten = {}
        if not re.fullmatch(r"\d{3}A\d{3}", self.onderwijsaanbiedercode or ""):
            fouten["onderwijsaanbiedercode"] = _("Drie cijfers, de letter A, drie cijfers.")
        if not re.fullmatch(r"\d{3}X\d{3}", self.onderwijslocatiecode or ""):
            fouten["onderwijslocatiecode"] = _("Drie cijfers, de letter X, drie cijfers.")
        for veld in ("vestigingscode", "administratienr"):
            if not re.fullmatch(r"\d{2}", getattr(self, veld) or ""):
                fouten[veld] = _("Twee cijfers.")
        if fouten:
            raise ValidationError(fouten)


class Deelnemer(models.Model):
    """A pupil registered (or about to be) with the school's toets supplier."""

    leerling = models.OneToOneField(
        "leerlingen.Leerling", on_delete=models.CASCADE, related_name="doorstroomtoets_deelnemer"
    )
    las_key = models.CharField(_("LAS-key"), max_length=64, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verstuurd_op = models.DateTimeField(_("deelnemer verstuurd op"), null=True, blank=True)
    verstuurd_hash = models.CharField(max_length=64, blank=True)
    advies_verstuurd_op = models.DateTimeField(_("advies verstuurd op"), null=True, blank=True)
    advies_hash = models.CharField(max_length=64, blank=True)

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("deelnemer doorstroomtoets")
        verbose_name_plural = _("deelnemers doorstroomtoets")

    def __str__(self) -> str:
        return f"Deelnemer {self.las_key}"

    def save(self, *args, **kwargs):
        if not self.las_key:
            self.las_key = f"leerling-{uuid.uuid4().hex}"
        super().save(*args, **kwargs)


class ResultaatStatus(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen, wordt verwerkt")
    VERWERKT = "verwerkt", _("Verwerkt in de leerlingkaart")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwere levering")
    GENEGEERD = "genegeerd", _("Genegeerd: er is al een nieuwere levering")
    MISLUKT = "mislukt", _("Verwerken mislukt")


class RapportStatus(models.TextChoices):
    GEEN = "", _("Geen rapport aangekondigd")
    TE_HALEN = "te_halen", _("Wordt opgehaald")
    OPGEHAALD = "opgehaald", _("In de leerlingmap")
    NIET_BESCHIKBAAR = "niet_beschikbaar", _("Nog geen rapport beschikbaar")
    MISLUKT = "mislukt", _("Ophalen mislukt")


class Leerlingresultaat(models.Model):
    """One standlevering of a pupil's result, as received (already checked against the
    agreement). Newer deliveries replace older ones; an older one never overwrites a newer."""

    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.CASCADE, related_name="resultaten")
    koppeling = models.ForeignKey(Koppeling, on_delete=models.CASCADE, related_name="+")
    ontvangen_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    samengesteld_op = models.DateTimeField(
        _("samengesteld op"), help_text=_("resultatenscores.datumtijd, anders datumtijd")
    )
    toetssoort = models.CharField(_("doorstroomtoets"), max_length=30, choices=Toetssoort.choices)
    inhoud = models.JSONField(_("levering"))
    status = models.CharField(
        max_length=12, choices=ResultaatStatus.choices, default=ResultaatStatus.ONTVANGEN
    )
    verwerkt_op = models.DateTimeField(null=True, blank=True)
    rapportid = models.CharField(max_length=200, blank=True)
    rapport_status = models.CharField(
        max_length=20, choices=RapportStatus.choices, default=RapportStatus.GEEN, blank=True
    )
    rapport = models.ForeignKey(
        "leerlingen.MapItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = TenantManager()
    tenant_path = "deelnemer__leerling__school"

    class Meta:
        verbose_name = _("leerlingresultaat doorstroomtoets")
        verbose_name_plural = _("leerlingresultaten doorstroomtoets")
        ordering = ["-samengesteld_op", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_toetssoort_display()} {self.samengesteld_op:%d-%m-%Y %H:%M}"


class Richting(models.TextChoices):
    UIT = "uit", _("Uitgaand")
    IN = "in", _("Inkomend")


class Berichtlog(models.Model):
    """One message of the chain, sent or received: operation, parties, status. Never a body,
    never a pupil's number."""

    richting = models.CharField(_("richting"), max_length=3, choices=Richting.choices)
    operatie = models.CharField(_("operatie"), max_length=60)
    school = models.ForeignKey(
        "scholen.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    url = models.CharField(_("adres"), max_length=300, blank=True)
    edu_to = models.CharField(max_length=20, blank=True)
    edu_from = models.CharField(max_length=20, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    melding = models.CharField(_("melding"), max_length=300, blank=True)
    aantal = models.PositiveIntegerField(_("aantal leerlingen"), default=0)
    duur_ms = models.PositiveIntegerField(default=0)
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        verbose_name = _("doorstroomtoets-bericht")
        verbose_name_plural = _("doorstroomtoets-berichtenlog")
        ordering = ["-tijdstip", "-pk"]

    OMSCHRIJVINGEN = {
        "registreren": _("Deelnemerslijst"),
        "registreren-schooladviezen": _("Voorlopige schooladviezen"),
        "leerlingresultaat": _("Resultaat van een leerling"),
        "leerlingrapport": _("Leerlingrapport opgehaald"),
    }

    def __str__(self) -> str:
        return f"{self.get_richting_display()} {self.operatie}: {self.http_status}"

    @property
    def omschrijving(self) -> str:
        return str(self.OMSCHRIJVINGEN.get(self.operatie, self.operatie))
