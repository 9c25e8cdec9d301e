"""Overstapdossiers: the per-pupil dossier with its business status, its immutable versions, and
the collection jobs (technical status) that produce them."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import TenantManager
from core.fields import EncryptedBinaryField

from .profielen import PROFIELEN, Profiel

# The dossier's contents: the XML (encrypted, tens of kB per version) and what is derived from
# it. PostgreSQL keeps such values out of the table's row (TOAST); the hot queries (the pupil
# list, the dossier page, a documentRequest, the API's lists) defer them as well, so they are
# neither fetched nor decrypted where only the version's number, profile or date is shown.
VERSIE_INHOUD = ("xml", "samenvatting")
KLAARZETTING_INHOUD = ("xml",)


def zonder_inhoud(*, versies: tuple[str, ...] = (), klaarzettingen: tuple[str, ...] = ()):
    """The ``defer()`` paths of the contents of the versions and klaarzettingen reached through
    ``versies`` and ``klaarzettingen`` (lookups such as ``"overstapdossier__huidige_versie"``;
    ``""`` for the queried model itself)."""

    def pad(prefix: str, veld: str) -> str:
        return f"{prefix}__{veld}" if prefix else veld

    return [pad(p, v) for p in versies for v in VERSIE_INHOUD] + [
        pad(p, v) for p in klaarzettingen for v in KLAARZETTING_INHOUD
    ]


class Status(models.TextChoices):
    NIET_KLAAR = "niet_klaar", _("Niet klaar voor verzenden")
    VERZAMELD = "verzameld", _("Dossier verzameld")
    KLAARGEZET = "klaargezet", _("Klaar voor verzenden")


class InzageKeuze(models.TextChoices):
    NEE = "nee", _("Nee, geen inzage geweest")
    JA_NIET_AKKOORD = "ja_niet_akkoord", _("Ja, maar niet akkoord")
    JA = "ja", _("Ja, inzage geweest")


PROFIEL_CHOICES = [(p.value, PROFIELEN[p].label) for p in Profiel]


class Overstapdossier(models.Model):
    """The pupil's transfer file: status information and the choices for the next collection."""

    leerling = models.OneToOneField(
        "leerlingen.Leerling", on_delete=models.CASCADE, related_name="overstapdossier"
    )
    contact_nodig = models.BooleanField(_("contact nodig"), default=False)
    binnen_brin = models.BooleanField(_("binnen brin"), default=False)
    aandachtspunten = models.CharField(_("aandachtspunten"), max_length=280, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NIET_KLAAR
    )
    huidige_versie = models.ForeignKey(
        "DossierVersie", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # inzage applies to one version: after a new collection it must be registered again
    inzage = models.CharField(
        _("inzage verzorgers"), max_length=16, choices=InzageKeuze.choices, blank=True
    )
    inzage_datum = models.DateField(_("datum inzage verzorgers"), null=True, blank=True)
    zienswijze = models.TextField(_("zienswijze ouders"), blank=True)
    inzage_versie = models.ForeignKey(
        "DossierVersie", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # what is klaargezet now (the document a receiving school gets), or nothing
    klaarzetting = models.ForeignKey(
        "Klaarzetting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    laatst_verzameld_op = models.DateTimeField(_("laatst verzameld op"), null=True, blank=True)
    laatst_verzonden_op = models.DateTimeField(_("laatst verzonden op"), null=True, blank=True)
    # every save (status transitions, status information): the API's gewijzigd_sinds filter
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)

    # choices for the next collection (the block selection page)
    gekozen_blokken = models.JSONField(default=list, blank=True)
    gekozen_toetsen = models.ManyToManyField("leerlingen.Toets", blank=True, related_name="+")
    gekozen_handelingsplannen = models.ManyToManyField(
        "leerlingen.Handelingsplan", blank=True, related_name="+"
    )
    bijlagen = models.ManyToManyField("leerlingen.MapItem", blank=True, related_name="+")
    toelichting_onderwijsbehoeften = models.ForeignKey(
        "leerlingen.MapItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("overstapdossier")
        verbose_name_plural = _("overstapdossiers")

    def __str__(self) -> str:
        return f"Overstapdossier {self.leerling}"

    @property
    def profiel(self) -> str:
        return self.huidige_versie.profiel if self.huidige_versie_id else ""

    @property
    def status_tekst(self) -> str:
        """As the manual shows it: "Klaar voor verzenden (overstap POPO)"."""
        tekst = self.get_status_display()
        if self.status != Status.NIET_KLAAR and self.huidige_versie_id:
            tekst += f" ({PROFIELEN[Profiel(self.profiel)].label})"
        return tekst

    @property
    def inzage_geldig(self) -> bool:
        return bool(
            self.inzage
            and self.huidige_versie_id
            and self.inzage_versie_id == self.huidige_versie_id
        )

    @property
    def inzage_tekst(self) -> str:
        if self.binnen_brin or (
            self.huidige_versie_id and PROFIELEN[Profiel(self.profiel)].binnen_brin
        ):
            return _("N.v.t. (binnen brin)")
        if self.huidige_versie_id and not self.inzage_geldig:
            return _("Geen inzage verleend in de huidige versie")
        return self.get_inzage_display() or "-"


class DossierVersie(models.Model):
    """One collected version: immutable once written."""

    dossier = models.ForeignKey(Overstapdossier, on_delete=models.CASCADE, related_name="versies")
    opdracht = models.OneToOneField(
        "Verzamelopdracht", on_delete=models.PROTECT, related_name="versie"
    )
    nummer = models.PositiveIntegerField(_("versie"))
    profiel = models.CharField(_("profiel"), max_length=20, choices=PROFIEL_CHOICES)
    verzameld_op = models.DateTimeField(_("verzameld op"))
    verzameld_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    xml = EncryptedBinaryField(_("dossier (XML)"))
    sha256 = models.CharField(max_length=64)
    categorieen = models.JSONField(default=dict)
    samenvatting = models.JSONField(default=dict)
    pdf = models.ForeignKey(
        "leerlingen.MapItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = TenantManager()
    tenant_path = "dossier__leerling__school"

    class Meta:
        verbose_name = _("dossierversie")
        verbose_name_plural = _("dossierversies")
        ordering = ["-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "nummer"], name="unique_versienummer")
        ]

    def __str__(self) -> str:
        return f"Versie {self.nummer} ({self.profiel})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("a dossier version is immutable")
        super().save(*args, **kwargs)


class Klaarzetting(models.Model):
    """One klaarzetten: the version's XML with the inzage registered after collection, for
    exactly one receiving school. Immutable; the receiving side is served this document."""

    dossier = models.ForeignKey(
        Overstapdossier, on_delete=models.CASCADE, related_name="klaarzettingen"
    )
    versie = models.ForeignKey(DossierVersie, on_delete=models.PROTECT, related_name="+")
    xml = EncryptedBinaryField()
    sha256 = models.CharField(max_length=64)
    voor_brin = models.CharField(_("klaargezet voor (BRIN)"), max_length=4)
    voor_naam = models.CharField(_("klaargezet voor"), max_length=200, blank=True)
    regionaal_platform = models.BooleanField(default=False)
    klaargezet_op = models.DateTimeField(_("klaargezet op"))
    # the PDF of exactly this document (the inzage as sent), rendered after klaarzetten; the
    # one late field, written with an UPDATE like DossierVersie.pdf
    pdf = models.ForeignKey(
        "leerlingen.MapItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    klaargezet_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = TenantManager()
    tenant_path = "dossier__leerling__school"

    class Meta:
        ordering = ["-klaargezet_op"]

    def __str__(self) -> str:
        return f"Klaargezet voor ({self.voor_brin}) {self.voor_naam}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("a klaarzetting is immutable")
        super().save(*args, **kwargs)


class Verwerking(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    BEZIG = "bezig", _("Bezig met verzamelen")
    KLAAR = "klaar", _("Verzameld")
    AFGEKEURD = "afgekeurd", _("Niet verzameld: het dossier voldoet niet")
    MISLUKT = "mislukt", _("Verzamelen mislukt")
    # a redelivered job found newer work for its dossier and did nothing (issue 11)
    VERVANGEN = "vervangen", _("Vervangen door een nieuwere opdracht")


class Verzamelopdracht(models.Model):
    """A request to collect a new version; the technical status the page shows while it runs.

    The task that carries it out is idempotent: it locks the row, does nothing when a version
    already exists for it, and writes the version and its status in one transaction, so a worker
    killed halfway leaves the previous version intact and a retry makes exactly one.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(
        Overstapdossier, on_delete=models.CASCADE, related_name="opdrachten"
    )
    profiel = models.CharField(max_length=20, choices=PROFIEL_CHOICES)
    keuzes = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=Verwerking.choices, default=Verwerking.WACHTRIJ
    )
    meldingen = models.JSONField(default=list, blank=True)
    fout = models.TextField(blank=True)
    aangevraagd_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    klaarzetten = models.BooleanField(default=False)  # bulk binnen-brin: klaarzetten after
    bulk = models.ForeignKey(
        "BulkKlaarzetting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opdrachten",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    pogingen = models.PositiveSmallIntegerField(default=0)
    klaar_op = models.DateTimeField(null=True, blank=True)

    objects = TenantManager()
    tenant_path = "dossier__leerling__school"

    class Meta:
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"Verzamelen {self.profiel} ({self.get_status_display()})"


class BulkKlaarzetting(models.Model):
    """ "Zet geselecteerde leerlingen klaar voor binnen-brin uitwisseling", as a background job."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="+")
    aangevraagd_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    totaal = models.PositiveIntegerField(default=0)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    # pupils not collected at all, each {"leerling": id, "naam": ..., "reden": ...}
    overgeslagen = models.JSONField(default=list, blank=True)

    objects = TenantManager()
    tenant_path = "school"

    def __str__(self) -> str:
        return f"Binnen-brin klaarzetten ({self.totaal})"


class ImportStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    BEZIG = "bezig", _("Bezig met importeren")
    GEIMPORTEERD = "geimporteerd", _("Geïmporteerd")
    AFGEKEURD = "afgekeurd", _("Niet geïmporteerd: het dossier kan niet worden ingelezen")
    MISLUKT = "mislukt", _("Importeren mislukt")


class Dossierimport(models.Model):
    """A received dossier posted through the API for import at one school (``imports``): read
    with the same checks as the screen, then imported by a task. Only XML that passed the safe
    parser is ever stored here."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="+")
    xml = EncryptedBinaryField()  # holds the PGN: encrypted at rest like every dossier
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        max_length=12, choices=ImportStatus.choices, default=ImportStatus.WACHTRIJ
    )
    profiel = models.CharField(max_length=40, blank=True)
    xsd_fouten = models.JSONField(null=True, blank=True)
    meldingen = models.JSONField(default=list, blank=True)  # rule by rule
    problemen = models.JSONField(default=list, blank=True)  # what stops the import
    leerling = models.ForeignKey(
        "leerlingen.Leerling", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nieuwe_leerling = models.BooleanField(null=True)
    aangemaakt_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verwerkt_op = models.DateTimeField(null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(default=0)

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"Import {self.get_status_display()}"
