"""The LAS side of the OSO exchange: the connection to the Traffic Center, the message log,
incoming dossier requests (sending school), outgoing requests (receiving school) and incoming
notificaties.

Nothing here holds a PGN in the clear, a zoeksleutel or (except an :class:`Opvraging`'s
received dossier) a document. An outgoing request keeps the keyed hash of the number it asked
for; the number itself only encrypted, so that a failed request can be retried.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import TenantManager
from core.fields import EncryptedBinaryField, EncryptedTextField

from .berichten import Overdrachtsoort as BerichtOverdrachtsoort
from .berichten import Resultaatcode

RESULTAAT_CHOICES = [(code.value, code.gebruikerscode) for code in Resultaatcode]
OVERDRACHTSOORT_CHOICES = [(soort.value, soort.value) for soort in BerichtOverdrachtsoort]
# as the manual names them in lists ("Overstapdossier PO")
OVERDRACHTSOORT_TEKST = {
    BerichtOverdrachtsoort.OVERSTAPDOSSIER.value: _("Overstapdossier"),
    BerichtOverdrachtsoort.BINNEN_BRIN.value: _("Overdracht binnen brin"),
    BerichtOverdrachtsoort.SWV_DOSSIER.value: _("SWV-dossier"),
}


class TcVerbinding(models.Model):
    """The connection to the Traffic Center, managed in the admin (as zgw-consumers' Service).

    One active record is used; without one the settings ``OSO_TC_URL``, ``OSO_LAS_CERT``,
    ``OSO_LAS_KEY``, ``OSO_LAS_CA`` and ``OSO_TC_CERT`` are read. Certificates and keys are
    files on the server (PEM); the key file is never shown or stored in the database.
    """

    naam = models.CharField(_("naam"), max_length=100, default="Traffic Center")
    actief = models.BooleanField(_("actief"), default=True)
    tc_url = models.URLField(
        _("adres van het Traffic Center"), help_text=_("Zoals https://tc.example/tc/soap/")
    )
    client_certificaat = models.CharField(_("clientcertificaat (pad, PEM)"), max_length=500)
    client_sleutel = models.CharField(_("privésleutel (pad, PEM)"), max_length=500)
    ca_certificaat = models.CharField(_("vertrouwde CA (pad, PEM)"), max_length=500)
    tc_certificaat = models.CharField(
        _("certificaat van het Traffic Center (pad, PEM)"),
        max_length=500,
        blank=True,
        help_text=_("Hiernaartoe wordt de zoeksleutel versleuteld."),
    )
    timeout = models.FloatField(_("time-out (seconden)"), default=30.0)
    pogingen = models.PositiveSmallIntegerField(
        _("aantal pogingen"),
        default=3,
        help_text=_("Alleen voor vragen die veilig herhaald kunnen worden."),
    )

    class Meta:
        verbose_name = _("Traffic Center-verbinding")
        verbose_name_plural = _("Traffic Center-verbindingen")

    def __str__(self) -> str:
        return f"{self.naam} ({self.tc_url})"

    @classmethod
    def huidige(cls) -> TcVerbinding:
        """The active record, or an unsaved one from the settings."""
        verbinding = cls.objects.filter(actief=True).order_by("pk").first()
        if verbinding is not None:
            return verbinding
        waarden = {
            "tc_url": getattr(settings, "OSO_TC_URL", None),
            "client_certificaat": getattr(settings, "OSO_LAS_CERT", None),
            "client_sleutel": getattr(settings, "OSO_LAS_KEY", None),
            "ca_certificaat": getattr(settings, "OSO_LAS_CA", None),
        }
        ontbreekt = [naam for naam, waarde in waarden.items() if not waarde]
        if ontbreekt:
            raise ImproperlyConfigured(
                "Er is geen Traffic Center-verbinding ingesteld (beheer, of OSO_TC_URL, "
                "OSO_LAS_CERT, OSO_LAS_KEY en OSO_LAS_CA)."
            )
        return cls(
            **{naam: str(waarde) for naam, waarde in waarden.items()},
            tc_certificaat=str(getattr(settings, "OSO_TC_CERT", None) or ""),
        )


class Richting(models.TextChoices):
    UIT = "uit", _("Uitgaand")
    IN = "in", _("Inkomend")


class Berichtlog(models.Model):
    """One SOAP message sent or received, with its outcome. Names and codes only."""

    richting = models.CharField(_("richting"), max_length=3, choices=Richting.choices)
    operatie = models.CharField(_("operatie"), max_length=60)
    school = models.ForeignKey(
        "scholen.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    url = models.CharField(_("adres"), max_length=300, blank=True)
    bron_brin = models.CharField(max_length=6, blank=True)
    bron_routeringskenmerk = models.CharField(max_length=20, blank=True)
    doel_brin = models.CharField(max_length=6, blank=True)
    doel_routeringskenmerk = models.CharField(max_length=20, blank=True)
    sessie_id = models.UUIDField(null=True, blank=True)
    resultaat = models.CharField(_("resultaat"), max_length=80, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(default=1)
    duur_ms = models.PositiveIntegerField(default=0)
    fout = models.CharField(_("fout"), max_length=300, blank=True)
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        verbose_name = _("OSO-bericht")
        verbose_name_plural = _("OSO-berichtenlog")
        ordering = ["-tijdstip", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_richting_display()} {self.operatie}: {self.resultaat or self.fout}"


class Dossieraanvraag(models.Model):
    """An incoming documentRequest at the sending school (School > OSO > Dossieraanvragen)."""

    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="+")
    leerling = models.ForeignKey(
        "leerlingen.Leerling",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossieraanvragen",
    )
    pgn_type = models.CharField(_("soort nummer"), max_length=20, blank=True)
    bron_routeringskenmerk = models.CharField(_("gevraagd aanleverpunt"), max_length=20)
    aanvrager_brin = models.CharField(_("aanvragende BRIN"), max_length=6)
    aanvrager_routeringskenmerk = models.CharField(_("aanvragend aanleverpunt"), max_length=20)
    aanvrager_naam = models.CharField(_("aanvragende school"), max_length=200, blank=True)
    overdrachtsoort = models.CharField(max_length=40, choices=OVERDRACHTSOORT_CHOICES)
    sessie_id = models.UUIDField()
    resultaat = models.CharField(_("resultaat"), max_length=40, choices=RESULTAAT_CHOICES)
    verzamelmoment = models.DateTimeField(_("verzamelmoment"), null=True, blank=True)
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        verbose_name = _("dossieraanvraag")
        verbose_name_plural = _("dossieraanvragen")
        ordering = ["-tijdstip", "-pk"]
        constraints = [
            # a session's document is served at most once (issue 11: a replayed session)
            models.UniqueConstraint(
                fields=["sessie_id"],
                condition=models.Q(resultaat="OverdrachtGeslaagd"),
                name="dossieraanvraag_eenmaal_verstrekt_per_sessie",
            )
        ]

    def __str__(self) -> str:
        return f"Aanvraag door {self.aanvrager_brin}: {self.resultaat}"

    @property
    def resultaat_tekst(self) -> str:
        from .uitleg import resultaat_tekst

        return resultaat_tekst(self.resultaat)

    @property
    def aanleverpuntnummer(self) -> str:
        """The aanvrager's aanleverpunt as the manual shows it ("1"), not the routing key."""
        staart = (self.aanvrager_routeringskenmerk or "")[-5:]
        return str(int(staart)) if staart.isdigit() else staart or "-"

    @property
    def pgn_type_tekst(self) -> str:
        return {"bsn": "BSN", "onderwijsnummer": "Onderwijsnummer"}.get(
            self.pgn_type, self.pgn_type or "-"
        )

    @property
    def overdrachtsoort_tekst(self) -> str:
        return OVERDRACHTSOORT_TEKST.get(self.overdrachtsoort, self.overdrachtsoort)


class OpvraagStatus(models.TextChoices):
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Afgerond")
    MISLUKT = "mislukt", _("Mislukt")


class Herhaling(models.TextChoices):
    """The background retry of a failed :class:`Opvraging` (technical status, not the result)."""

    GEEN = "", _("Geen")
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    BEZIG = "bezig", _("Bezig")


class Opvraging(models.Model):
    """An outgoing request for a dossier at the receiving school, with what came back."""

    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="+")
    leerling = models.ForeignKey(
        "leerlingen.Leerling",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opvragingen",
        help_text=_("Leeg bij het importeren van een nieuwe leerling."),
    )
    herkomst_brin = models.CharField(_("BRIN school van herkomst"), max_length=4)
    overdrachtsoort = models.CharField(max_length=40, choices=OVERDRACHTSOORT_CHOICES)
    pgn_type = models.CharField(_("soort nummer"), max_length=20)
    pgn_hash = models.CharField(max_length=64, db_index=True)
    # only to retry a failed request; never filtered on, never shown in full
    pgn = EncryptedTextField(_("BSN of onderwijsnummer"), blank=True)
    sessie_id = models.UUIDField(null=True, blank=True)
    bron_routeringskenmerk = models.CharField(max_length=20, blank=True)
    resultaat = models.CharField(
        _("resultaat"), max_length=40, choices=RESULTAAT_CHOICES, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OpvraagStatus.choices, default=OpvraagStatus.BEZIG
    )
    melding = models.CharField(_("melding"), max_length=500, blank=True)
    xml = EncryptedBinaryField(_("ontvangen dossier (XML)"), null=True, blank=True)
    verzameldatum = models.DateTimeField(_("verzameld op (bron)"), null=True, blank=True)
    aangevraagd_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    geimporteerd_op = models.DateTimeField(_("geïmporteerd op"), null=True, blank=True)
    # the session was closed at the TC (afmelding); empty while a failed afmelding is retried
    afgemeld_op = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    # "Opnieuw proberen" of a failed request: queued, then claimed by exactly one worker
    # (trafficcenter_client.tasks); the new request it made is ``opnieuw``.
    herhaling = models.CharField(
        _("opnieuw proberen"), max_length=10, choices=Herhaling.choices, blank=True, default=""
    )
    herhaling_sinds = models.DateTimeField(null=True, blank=True)
    opnieuw = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vorige",
        verbose_name=_("opnieuw geprobeerd als"),
    )

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        verbose_name = _("opvraging")
        verbose_name_plural = _("opvragingen")
        ordering = ["-tijdstip", "-pk"]

    def __str__(self) -> str:
        return f"Opvraging bij {self.herkomst_brin}: {self.resultaat or self.status}"

    @property
    def resultaat_tekst(self) -> str:
        from .uitleg import resultaat_tekst

        return resultaat_tekst(self.resultaat)


class Notificatie(models.Model):
    """An incoming notificatieRequest: a school of origin says a dossier is ready."""

    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="+")
    leerling = models.ForeignKey(
        "leerlingen.Leerling",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="oso_notificaties",
    )
    doel_routeringskenmerk = models.CharField(max_length=20)
    bron_brin = models.CharField(_("BRIN school van herkomst"), max_length=6)
    bron_routeringskenmerk = models.CharField(max_length=20)
    overdrachtsoort = models.CharField(max_length=40, choices=OVERDRACHTSOORT_CHOICES)
    koppelsleutel = models.UUIDField(_("koppelsleutel"))
    dossier_verzameldatum = models.DateTimeField(null=True, blank=True)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-ontvangen_op", "-pk"]

    def __str__(self) -> str:
        return f"Notificatie van {self.bron_brin}"


class NotificatieUitkomst(models.TextChoices):
    VERSTUURD = "verstuurd", _("Verstuurd")
    MISLUKT = "mislukt", _("Versturen mislukt")
    NIET_VERSTUURD = "niet_verstuurd", _("Niet verstuurd")


class VerstuurdeNotificatie(models.Model):
    """The answer to "Wilt u <school> laten weten dat er een nieuwe versie klaarstaat?" for one
    klaarzetting: sent (to how many aanleverpunten), failed (and why), or deliberately not sent.

    Each row is written once, complete, after the exchange: a failed attempt is a row of its
    own, and the question stays open until one is ``verstuurd`` or ``niet_verstuurd``. Holds no
    PGN and no zoeksleutel.
    """

    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="+")
    leerling = models.ForeignKey(
        "leerlingen.Leerling", on_delete=models.CASCADE, related_name="verstuurde_notificaties"
    )
    klaarzetting = models.ForeignKey(
        "dossiers.Klaarzetting", on_delete=models.CASCADE, related_name="notificaties"
    )
    doel_brin = models.CharField(_("ontvangende school (BRIN)"), max_length=6)
    doel_naam = models.CharField(_("ontvangende school"), max_length=200, blank=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=16, choices=NotificatieUitkomst.choices)
    aantal_ontvangen = models.PositiveSmallIntegerField(
        _("ontvangen door aantal aanleverpunten"), default=0
    )
    melding = models.CharField(_("melding"), max_length=500, blank=True)
    dossier_verzameldatum = models.DateTimeField(null=True, blank=True)
    door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        verbose_name = _("verstuurde notificatie")
        verbose_name_plural = _("verstuurde notificaties")
        ordering = ["-tijdstip", "-pk"]

    def __str__(self) -> str:
        return f"Notificatie aan {self.doel_brin}: {self.get_uitkomst_display()}"
