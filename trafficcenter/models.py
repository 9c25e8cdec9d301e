"""The reference Traffic Center's registry, sessions, koppelingen and message log.

Our own design, faithful to the public facts (STANDARD.md §3-5):

- an aanleverpunt is addressed by its 20-character routeringsKenmerk and is bound to the client
  certificate of the system that registered it: only that certificate may act for it (the real TC
  "checks that the certificate matches the claimed aanleverpunt");
- a session concerns one dossier and is named by a sessieId (UUID); it carries a zoeksleutel (the
  encrypted PGN) or a koppelsleutel (a GUID the TC issued for an SWV notificatie), never both;
- nothing here ever holds a PGN. A session keeps the zoeksleutel *ciphertext* (encrypted to the
  TC's own certificate, see :func:`trafficcenter.services.zoeksleutel_voor`), the log keeps
  neither a zoeksleutel nor a document.
"""

from __future__ import annotations

import uuid

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from trafficcenter_client import berichten

routeringskenmerk_validator = RegexValidator(
    r"^[0-9A-Z]{20}$", _("Een routeringskenmerk bestaat uit 20 cijfers of hoofdletters.")
)


class SoortAanleverpunt(models.TextChoices):
    SCHOOL = berichten.SoortAanleverpunt.SCHOOL.value, _("School")
    REGIONAAL_PLATFORM = (
        berichten.SoortAanleverpunt.REGIONAAL_PLATFORM.value,
        _("Regionaal platform"),
    )
    SWV = berichten.SoortAanleverpunt.SWV.value, _("Samenwerkingsverband")


class Sector(models.TextChoices):
    PO = berichten.Sector.PO.value, _("Primair onderwijs")
    VO = berichten.Sector.VO.value, _("Voortgezet onderwijs")
    SWV = berichten.Sector.SWV.value, _("Samenwerkingsverband")


class Overdrachtsoort(models.TextChoices):
    OVERSTAPDOSSIER = berichten.Overdrachtsoort.OVERSTAPDOSSIER.value, _("Overstapdossier")
    BINNEN_BRIN = berichten.Overdrachtsoort.BINNEN_BRIN.value, _("Overdracht binnen BRIN")
    SWV_DOSSIER = berichten.Overdrachtsoort.SWV_DOSSIER.value, _("SWV-dossier")


class TcAanleverpunt(models.Model):
    """An aanleverpunt in the TC's registry, bound to one client certificate.

    ``brin`` is a school's BRIN, or an SWV's code (PO2801) for an SWV's aanleverpunt. The
    certificate fields are empty only after an administrator lifted the binding (a certificate
    change): the next registration then binds the new certificate.
    """

    brin = models.CharField(_("BRIN of SWV-code"), max_length=6, db_index=True)
    routeringskenmerk = models.CharField(
        _("routeringskenmerk"),
        max_length=20,
        unique=True,
        validators=[routeringskenmerk_validator],
    )
    naam = models.CharField(_("naam"), max_length=500)
    soort = models.CharField(_("soort"), max_length=20, choices=SoortAanleverpunt.choices)
    sector = models.CharField(_("sector"), max_length=3, choices=Sector.choices)
    url = models.URLField(_("SOAP-adres"), max_length=2048)
    actief = models.BooleanField(_("actief"), default=True)
    certificaat = models.TextField(_("certificaat (PEM)"), blank=True)
    certificaat_fingerprint = models.CharField(
        _("SHA-256-vingerafdruk van het certificaat"), max_length=64, blank=True, db_index=True
    )
    certificaat_oin = models.CharField(_("OIN in het certificaat"), max_length=20, blank=True)
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("aanleverpunt (Traffic Center)")
        verbose_name_plural = _("aanleverpunten (Traffic Center)")
        ordering = ["brin", "routeringskenmerk"]

    def __str__(self) -> str:
        return f"{self.brin} {self.routeringskenmerk} ({self.naam})"

    def als_bericht(self) -> berichten.Aanleverpunt:
        return berichten.Aanleverpunt(
            brin=self.brin,
            routerings_kenmerk=self.routeringskenmerk,
            naam=self.naam,
            soort=berichten.SoortAanleverpunt(self.soort),
            actief=self.actief,
            url=self.url,
        )


class TcSessie(models.Model):
    """One overdrachtRequest: a session for exactly one dossier (STANDARD.md §3.1)."""

    sessie_id = models.UUIDField(_("sessieId"), unique=True, default=uuid.uuid4, editable=False)
    bron_brin = models.CharField(_("bron-BRIN"), max_length=6)
    bron_routeringskenmerk = models.CharField(
        _("bron-routeringskenmerk"),
        max_length=20,
        blank=True,
        help_text=_("Alleen als de doelschool om één bepaald aanleverpunt vroeg."),
    )
    doel_brin = models.CharField(_("doel-BRIN"), max_length=6)
    doel_routeringskenmerk = models.CharField(_("doel-routeringskenmerk"), max_length=20)
    doel_aanleverpunt = models.ForeignKey(
        TcAanleverpunt,
        on_delete=models.PROTECT,
        related_name="sessies_als_doel",
        verbose_name=_("doel-aanleverpunt"),
    )
    overdrachtsoort = models.CharField(
        _("overdrachtsoort"), max_length=30, choices=Overdrachtsoort.choices
    )
    # The ciphertext as the doel sent it, encrypted to the TC's certificate; never a PGN.
    zoeksleutel = models.TextField(_("zoeksleutel (versleuteld)"), blank=True)
    koppelsleutel = models.UUIDField(_("koppelsleutel"), null=True, blank=True)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    afgemeld_op = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    resultaat = models.CharField(_("resultaat"), max_length=60, blank=True)
    resultaat_routeringskenmerk = models.CharField(
        _("resultaat van aanleverpunt"), max_length=20, blank=True
    )

    class Meta:
        verbose_name = _("sessie (Traffic Center)")
        verbose_name_plural = _("sessies (Traffic Center)")
        ordering = ["-aangemaakt"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(zoeksleutel="", koppelsleutel__isnull=False)
                    | (models.Q(koppelsleutel__isnull=True) & ~models.Q(zoeksleutel=""))
                ),
                name="tcsessie_zoeksleutel_of_koppelsleutel",
            )
        ]

    def __str__(self) -> str:
        return f"{self.sessie_id} {self.bron_brin} → {self.doel_brin}"


class TcKoppeling(models.Model):
    """A koppelsleutel the TC issued (meldenNotificatieRequest): bron aanleverpunt → doel
    aanleverpunt, so that a terugkoppeling can later be checked against it (STANDARD.md §3.2)."""

    koppelsleutel = models.UUIDField(_("koppelsleutel"), unique=True, default=uuid.uuid4)
    bron = models.ForeignKey(
        TcAanleverpunt,
        on_delete=models.PROTECT,
        related_name="koppelingen_als_bron",
        verbose_name=_("bron-aanleverpunt"),
    )
    doel = models.ForeignKey(
        TcAanleverpunt,
        on_delete=models.PROTECT,
        related_name="koppelingen_als_doel",
        verbose_name=_("doel-aanleverpunt"),
    )
    overdrachtsoort = models.CharField(
        _("overdrachtsoort"), max_length=30, choices=Overdrachtsoort.choices
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("koppeling (Traffic Center)")
        verbose_name_plural = _("koppelingen (Traffic Center)")
        ordering = ["-aangemaakt"]

    def __str__(self) -> str:
        return f"{self.koppelsleutel}"


class TcBerichtlog(models.Model):
    """One message the TC handled: who, which operation, between whom, with what result and how
    long it took. Never a PGN, a zoeksleutel, a koppelsleutel or a document."""

    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    operatie = models.CharField(_("operatie"), max_length=60)
    beller_oin = models.CharField(_("OIN van de beller"), max_length=20, blank=True)
    beller_fingerprint = models.CharField(
        _("vingerafdruk van de beller"), max_length=64, blank=True
    )
    bron_brin = models.CharField(_("bron-BRIN"), max_length=6, blank=True)
    bron_routeringskenmerk = models.CharField(
        _("bron-routeringskenmerk"), max_length=20, blank=True
    )
    doel_brin = models.CharField(_("doel-BRIN"), max_length=6, blank=True)
    doel_routeringskenmerk = models.CharField(
        _("doel-routeringskenmerk"), max_length=20, blank=True
    )
    sessie_id = models.UUIDField(_("sessieId"), null=True, blank=True, db_index=True)
    resultaat = models.CharField(_("resultaat"), max_length=80)
    duur_ms = models.PositiveIntegerField(_("duur (ms)"))

    class Meta:
        verbose_name = _("berichtlog (Traffic Center)")
        verbose_name_plural = _("berichtlog (Traffic Center)")
        ordering = ["-tijdstip", "-pk"]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M:%S} {self.operatie} {self.resultaat}"


class TcMandaat(models.Model):
    """A school's (or SWV's) mandate for a supplier: the system whose certificate carries
    ``oin`` may register aanleverpunten for ``brin`` (since 2022 OSO binds a supplier to a school
    through such a mandate in its registry). Granted by the school in the TC's admin; the
    development world grants it for the demo schools."""

    oin = models.CharField(
        _("OIN van de leverancier"),
        max_length=20,
        validators=[routeringskenmerk_validator],
        help_text=_("Het OIN in het Subject-serialNumber van het certificaat van de leverancier."),
    )
    brin = models.CharField(_("BRIN of SWV-code"), max_length=6)
    verleend_op = models.DateTimeField(_("verleend op"), auto_now_add=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mandaat (Traffic Center)")
        verbose_name_plural = _("mandaten (Traffic Center)")
        ordering = ["brin", "oin"]
        constraints = [models.UniqueConstraint(fields=["oin", "brin"], name="tcmandaat_uniek")]

    def __str__(self) -> str:
        return f"{self.brin} → {self.oin}"


class TcSessieGebruik(models.Model):
    """A session checked (sessiecontrole: valid) by one bron aanleverpunt: its document was
    handed out. The TC ends the session for that aanleverpunt then: a second sessiecontrole (a
    replay, from whatever certificate) is refused."""

    sessie = models.ForeignKey(TcSessie, on_delete=models.CASCADE, related_name="gebruik")
    bron_routeringskenmerk = models.CharField(_("bron-routeringskenmerk"), max_length=20)
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("sessiegebruik (Traffic Center)")
        verbose_name_plural = _("sessiegebruik (Traffic Center)")
        constraints = [
            models.UniqueConstraint(
                fields=["sessie", "bron_routeringskenmerk"], name="tcsessiegebruik_eenmaal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sessie_id} {self.bron_routeringskenmerk}"
