"""The pupil and everything an OSO dossier is collected from.

Field names follow the OSO gegevensset 2019.1 where the standard names them. Every model here
belongs to one school through ``tenant_path``; querysets are narrowed with ``for_user``.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import TenantManager
from core import crypto
from core.fields import EncryptedTextField
from core.models import AdresFields, CommunicatieBase
from core.validators import (
    validate_brincode,
    validate_pgn,
    validate_schooljaar,
    validate_telefoon,
    validate_vestigingscode,
)

from .codelijsten import (
    AdviesVO,
    Diagnosecode,
    EindtoetsDomein,
    EindtoetsOnderdeel,
    Eindtoetssoort,
    Examenuitslag,
    Geslacht,
    Jaargroep,
    Leerlinggewicht,
    PgnType,
    ProfielAdvies,
    RedenUitschrijving,
    Referentieniveau,
    Referentiescore,
    RelatieTotKind,
    SoortMapItem,
    SoortVerzuim,
    StatusHandelingsplan,
    TLVCategorie,
    Vergelijkingsgroep,
    VVEProgramma,
)

# The standard's allowed attachment types: PDF, JPG, PNG, DOC(X), ODF, XLS(X), TXT, PPT(X).
DOCUMENT_EXTENSIONS = [
    "pdf",
    "jpg",
    "jpeg",
    "png",
    "doc",
    "docx",
    "odt",
    "ods",
    "odp",
    "xls",
    "xlsx",
    "txt",
    "ppt",
    "pptx",
]


def pgn_hash(pgn_type: str, pgn: str) -> str:
    return crypto.keyed_hash("pgn", pgn_type, pgn)


class Leerling(AdresFields):
    school = models.ForeignKey(
        "scholen.School", on_delete=models.PROTECT, related_name="leerlingen"
    )
    vestiging = models.ForeignKey(
        "scholen.Vestiging",
        on_delete=models.PROTECT,
        related_name="leerlingen",
        null=True,
        blank=True,
    )

    # Personalia
    voornamen = models.CharField(_("voornamen"), max_length=120)
    voorletters = models.CharField(_("voorletters"), max_length=20, blank=True)
    voorvoegsel = models.CharField(_("voorvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=120)
    roepnaam = models.CharField(_("roepnaam"), max_length=60, blank=True)
    geboortedatum = models.DateField(_("geboortedatum"))
    geslacht = models.PositiveSmallIntegerField(
        _("geslacht"), choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )
    adresgeheim = models.BooleanField(_("adres geheim"), default=False)

    # Persoonsgebonden nummer: exactly one, encrypted, found through its keyed hash.
    pgn_type = models.CharField(_("soort nummer"), max_length=20, choices=PgnType.choices)
    pgn = EncryptedTextField(_("BSN of onderwijsnummer"))
    pgn_hash = models.CharField(max_length=64, editable=False, db_index=True)

    # Onderwijs
    leerlingid = models.CharField(
        _("leerlingnummer"), max_length=40, blank=True, help_text=_("Code in de administratie.")
    )
    groep = models.CharField(_("groep"), max_length=20, blank=True, help_text=_("Bijv. 8A"))
    jaargroep = models.CharField(
        _("leerjaar/jaargroep"), max_length=2, choices=Jaargroep.choices, blank=True
    )
    onderwijs_sinds = models.DateField(_("in Nederlands onderwijs sinds"), null=True, blank=True)
    datum_inschrijving = models.DateField(_("datum inschrijving"), null=True, blank=True)
    datum_uitschrijving = models.DateField(_("datum uitschrijving"), null=True, blank=True)
    reden_uitschrijving = models.CharField(
        _("reden uitschrijving"), max_length=30, choices=RedenUitschrijving.choices, blank=True
    )
    toelichting_uitschrijving = models.TextField(_("toelichting uitschrijving"), blank=True)
    vervolgschool_brin = models.CharField(
        _("BRIN vervolgschool"), max_length=4, blank=True, validators=[validate_brincode]
    )
    vervolgschool_naam = models.CharField(_("vervolgschool"), max_length=200, blank=True)
    onderwijssoort_vervolgschool = models.CharField(
        _("onderwijssoort vervolgschool"), max_length=80, blank=True
    )
    herkomst_brin = models.CharField(
        _("BRIN school van herkomst"), max_length=4, blank=True, validators=[validate_brincode]
    )
    herkomst_naam = models.CharField(_("school van herkomst"), max_length=200, blank=True)
    herkomst_toelichting = models.TextField(_("voorgeschiedenis"), blank=True)
    leerlinggewicht = models.CharField(
        _("leerlinggewicht"), max_length=4, choices=Leerlinggewicht.choices, blank=True
    )
    verzorgers_aansprakelijk = models.BooleanField(_("verzorgers zijn aansprakelijk"), default=True)

    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        verbose_name = _("leerling")
        verbose_name_plural = _("leerlingen")
        ordering = ["achternaam", "roepnaam", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["school", "pgn_hash"], name="unique_pgn_per_school"),
        ]

    def __str__(self) -> str:
        return self.volledige_naam

    @property
    def uitgeschreven(self) -> bool:
        """Deregistered on or before today: no longer in a groep of this school."""
        from django.utils import timezone

        return bool(self.datum_uitschrijving and self.datum_uitschrijving <= timezone.localdate())

    @property
    def volledige_naam(self) -> str:
        parts = [self.roepnaam or self.voornamen.split(" ")[0], self.voorvoegsel, self.achternaam]
        return " ".join(p for p in parts if p)

    @property
    def pgn_gemaskeerd(self) -> str:
        """For screens: enough to recognise the number, not enough to use it."""
        return f"*****{self.pgn[-4:]}" if self.pgn else ""

    def clean(self):
        errors = {}
        if self.pgn_type and self.pgn:
            try:
                self.pgn = validate_pgn(self.pgn_type, self.pgn)
            except ValidationError as exc:
                errors["pgn"] = exc.messages
            else:
                self.pgn_hash = pgn_hash(self.pgn_type, self.pgn)
                dubbel = Leerling.objects.filter(school_id=self.school_id, pgn_hash=self.pgn_hash)
                if self.school_id and dubbel.exclude(pk=self.pk).exists():
                    soort = "bsn" if self.pgn_type == PgnType.BSN else "onderwijsnummer"
                    errors["pgn"] = [
                        _("Er bestaat al een leerling op deze school met het ingevoerde %(soort)s.")
                        % {"soort": soort}
                    ]
        if self.vestiging_id and self.school_id and self.vestiging.school_id != self.school_id:
            errors["vestiging"] = [_("Deze vestiging hoort niet bij de school van de leerling.")]
        if (
            self.datum_uitschrijving
            and self.datum_inschrijving
            and self.datum_uitschrijving < self.datum_inschrijving
        ):
            errors["datum_uitschrijving"] = [
                _("De datum van uitschrijving ligt vóór de datum van inschrijving.")
            ]
        if (
            self.geboortedatum
            and self.datum_inschrijving
            and (self.datum_inschrijving < self.geboortedatum)
        ):
            errors["datum_inschrijving"] = [
                _("De datum van inschrijving ligt vóór de geboortedatum.")
            ]
        if bool(self.vervolgschool_brin) and not self.vervolgschool_naam:
            errors["vervolgschool_naam"] = [_("Vul ook de naam van de vervolgschool in.")]
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.pgn_type and self.pgn:
            self.pgn_hash = pgn_hash(self.pgn_type, self.pgn)
        super().save(*args, **kwargs)


class LeerlingCommunicatie(CommunicatieBase):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="communicatie")

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta(CommunicatieBase.Meta):
        verbose_name = _("communicatiegegeven leerling")
        verbose_name_plural = _("communicatiegegevens leerling")


class Verzorger(AdresFields):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="verzorgers")
    voornamen = models.CharField(_("voornamen"), max_length=120, blank=True)
    voorletters = models.CharField(_("voorletters"), max_length=20, blank=True)
    voorvoegsel = models.CharField(_("voorvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=120)
    geslacht = models.PositiveSmallIntegerField(
        _("geslacht"), choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )
    relatie_tot_kind = models.CharField(
        _("relatie tot kind"), max_length=2, choices=RelatieTotKind.choices, blank=True
    )
    wettig_vertegenwoordiger = models.BooleanField(_("wettig vertegenwoordiger"), default=True)
    aansprakelijk = models.BooleanField(_("aansprakelijk"), default=True)
    adresgeheim = models.BooleanField(_("adres geheim"), default=False)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    telefoon_geheim = models.BooleanField(_("telefoon geheim"), default=False)
    email = models.EmailField(_("e-mail"), blank=True)
    email_geheim = models.BooleanField(_("e-mail geheim"), default=False)
    contactpersoon = models.BooleanField(_("eerste contactpersoon"), default=False)
    overleden = models.BooleanField(_("overleden"), default=False)
    overlijdensdatum = models.DateField(_("overlijdensdatum"), null=True, blank=True)

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("verzorger")
        verbose_name_plural = _("verzorgers")
        ordering = ["-contactpersoon", "pk"]

    def __str__(self) -> str:
        return " ".join(p for p in [self.voorletters, self.voorvoegsel, self.achternaam] if p)

    def clean(self):
        if self.overlijdensdatum and not self.overleden:
            raise ValidationError(
                {"overlijdensdatum": _("Een overlijdensdatum hoort alleen bij 'overleden'.")}
            )
        if self.telefoon:
            try:
                validate_telefoon(self.telefoon)
            except ValidationError as exc:
                raise ValidationError({"telefoon": exc.messages}) from None


class Schoolloopbaan(models.Model):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="schoolloopbaan")
    schooljaar = models.CharField(_("schooljaar"), max_length=9, validators=[validate_schooljaar])
    groepscode = models.CharField(_("groep"), max_length=20)
    groepsnaam = models.CharField(_("groepsnaam"), max_length=80, blank=True)
    jaargroep = models.CharField(_("jaargroep/leerjaar"), max_length=2, choices=Jaargroep.choices)
    begindatum = models.DateField(_("begindatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    brincode = models.CharField(_("BRIN-code"), max_length=4, validators=[validate_brincode])
    vestigingscode = models.CharField(
        _("vestigingscode"), max_length=2, default="00", validators=[validate_vestigingscode]
    )
    schoolsoort = models.CharField(_("schoolsoort"), max_length=10, blank=True)

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("schoolloopbaan")
        verbose_name_plural = _("schoolloopbaan")
        ordering = ["-schooljaar", "pk"]

    def __str__(self) -> str:
        return f"{self.schooljaar} groep {self.groepscode}"

    def clean(self):
        if self.begindatum and self.einddatum and self.einddatum < self.begindatum:
            raise ValidationError({"einddatum": _("De einddatum ligt vóór de begindatum.")})


class VVE(models.Model):
    leerling = models.OneToOneField(Leerling, on_delete=models.CASCADE, related_name="vve")
    van_peuterspeelzaal = models.BooleanField(_("afkomstig van peuterspeelzaal"), default=False)
    naam_peuterspeelzaal = models.CharField(_("naam peuterspeelzaal"), max_length=120, blank=True)
    voorschools_programma = models.PositiveIntegerField(
        _("voorschools programma"), choices=VVEProgramma.choices, null=True, blank=True
    )
    voorschoolse_maanden = models.PositiveSmallIntegerField(
        _("aantal maanden voorschools"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    vroegschools_programma = models.PositiveIntegerField(
        _("vroegschools programma"), choices=VVEProgramma.choices, null=True, blank=True
    )
    vroegschools_datum_ingang = models.DateField(_("vroegschools vanaf"), null=True, blank=True)
    vroegschools_einddatum = models.DateField(_("vroegschools tot"), null=True, blank=True)

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("VVE")
        verbose_name_plural = _("VVE")

    def __str__(self) -> str:
        return f"VVE {self.leerling}"

    def clean(self):
        errors = {}
        if (self.voorschools_programma is None) != (self.voorschoolse_maanden is None):
            errors["voorschoolse_maanden"] = _(
                "Vul het voorschoolse programma en het aantal maanden samen in."
            )
        if self.vroegschools_programma is not None and not self.vroegschools_datum_ingang:
            errors["vroegschools_datum_ingang"] = _("Vul de startdatum van het programma in.")
        if self.naam_peuterspeelzaal and not self.van_peuterspeelzaal:
            errors["van_peuterspeelzaal"] = _(
                "Vink aan dat de leerling van een peuterspeelzaal komt."
            )
        if errors:
            raise ValidationError(errors)


class Heroverweging(models.TextChoices):
    VERHOOGD = "verhoogd", _("Advies verhoogd")
    NIET_VERHOOGD = "niet_verhoogd", _("Advies niet verhoogd")


class Overstapadvies(models.Model):
    leerling = models.OneToOneField(
        Leerling, on_delete=models.CASCADE, related_name="overstapadvies"
    )
    advies = models.CharField(_("advies VO"), max_length=2, choices=AdviesVO.choices, blank=True)
    herzien_advies = models.CharField(
        _("herzien advies VO"), max_length=2, choices=AdviesVO.choices, blank=True
    )
    motivatie_herzien_advies = models.TextField(_("motivatie herzien advies"), blank=True)
    wens_ouders = models.CharField(
        _("wens ouders"), max_length=2, choices=AdviesVO.choices, blank=True
    )
    wens_leerling = models.CharField(
        _("wens leerling"), max_length=2, choices=AdviesVO.choices, blank=True
    )
    profiel = models.CharField(
        _("profiel"), max_length=20, choices=ProfielAdvies.choices, blank=True
    )
    argumentatie = models.TextField(_("motivatie advies"), blank=True)
    # the season since 2024 (seizoen app): voorlopig advies in January, definitief advies by
    # 24 March, and the heroverweging when the doorstroomtoets advises higher
    voorlopig_advies = models.CharField(
        _("voorlopig advies VO"), max_length=2, choices=AdviesVO.choices, blank=True
    )
    voorlopig_advies_datum = models.DateField(_("datum voorlopig advies"), null=True, blank=True)
    advies_datum = models.DateField(_("datum definitief advies"), null=True, blank=True)
    heroverweging = models.CharField(
        _("heroverweging na toetsuitslag"),
        max_length=14,
        choices=Heroverweging.choices,
        blank=True,
    )
    heroverweging_datum = models.DateField(_("datum heroverweging"), null=True, blank=True)
    heroverweging_toelichting = models.TextField(
        _("waarom het advies niet is verhoogd"), blank=True
    )

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("overstapadvies")
        verbose_name_plural = _("overstapadviezen")

    def __str__(self) -> str:
        return f"Advies {self.get_advies_display() or '-'}"

    def clean(self):
        if self.herzien_advies and not self.advies:
            raise ValidationError({"advies": _("Een herzien advies vraagt om een eerste advies.")})
        if self.herzien_advies and not self.motivatie_herzien_advies:
            raise ValidationError(
                {"motivatie_herzien_advies": _("Geef aan waarom het advies is herzien.")}
            )
        errors = {}
        if self.voorlopig_advies_datum and not self.voorlopig_advies:
            errors["voorlopig_advies"] = _("Vul het voorlopig advies in bij de datum.")
        if self.heroverweging == Heroverweging.VERHOOGD and not self.herzien_advies:
            errors["herzien_advies"] = _(
                "Het advies is verhoogd: vul het herziene advies en de motivatie in."
            )
        if (
            self.heroverweging == Heroverweging.NIET_VERHOOGD
            and not self.heroverweging_toelichting.strip()
        ):
            errors["heroverweging_toelichting"] = _(
                "Leg vast waarom het advies niet is verhoogd; dat is verplicht."
            )
        if self.heroverweging and not self.heroverweging_datum:
            errors["heroverweging_datum"] = _("Vul de datum van de heroverweging in.")
        if errors:
            raise ValidationError(errors)


class Onderwijsondersteuning(models.Model):
    leerling = models.OneToOneField(
        Leerling, on_delete=models.CASCADE, related_name="onderwijsondersteuning"
    )
    medicijngebruik = models.BooleanField(
        _("medicijngebruik relevant voor het leren"), default=False
    )
    opp_ingangsdatum = models.DateField(_("OPP ingangsdatum"), null=True, blank=True)
    opp_einddatum = models.DateField(_("OPP einddatum"), null=True, blank=True)
    lwoo_ingangsdatum = models.DateField(_("LWOO ingangsdatum"), null=True, blank=True)
    lwoo_swv_nummer = models.CharField(_("LWOO SWV-nummer"), max_length=10, blank=True)
    lwoo_beschikkingsnummer = models.CharField(
        _("LWOO beschikkingsnummer"), max_length=40, blank=True
    )
    lwoo_einddatum = models.DateField(_("LWOO einddatum"), null=True, blank=True)
    toelichting_onderwijsbehoeften = models.ForeignKey(
        "leerlingen.MapItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toelichting onderwijsbehoeften"),
    )

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("onderwijsondersteuning")
        verbose_name_plural = _("onderwijsondersteuning")

    def __str__(self) -> str:
        return f"Onderwijsondersteuning {self.leerling}"

    def clean(self):
        errors = {}
        if self.opp_einddatum and not self.opp_ingangsdatum:
            errors["opp_ingangsdatum"] = _("Vul de ingangsdatum van het OPP in.")
        if (
            self.opp_einddatum
            and self.opp_ingangsdatum
            and self.opp_einddatum < self.opp_ingangsdatum
        ):
            errors["opp_einddatum"] = _("De einddatum ligt vóór de ingangsdatum.")
        lwoo = [self.lwoo_ingangsdatum, self.lwoo_swv_nummer, self.lwoo_beschikkingsnummer]
        if any(lwoo) and not all(lwoo):
            errors["lwoo_beschikkingsnummer"] = _(
                "Vul voor LWOO de ingangsdatum, het SWV-nummer en het beschikkingsnummer in."
            )
        if (
            self.toelichting_onderwijsbehoeften_id
            and self.toelichting_onderwijsbehoeften.leerling_id != self.leerling_id
        ):
            errors["toelichting_onderwijsbehoeften"] = _("Kies een document uit de eigen map.")
        if errors:
            raise ValidationError(errors)


class Diagnose(models.Model):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="diagnoses")
    code = models.CharField(_("diagnose (code)"), max_length=20, choices=Diagnosecode.choices)
    naam = models.CharField(_("naam"), max_length=120, blank=True)
    datum = models.DateField(_("onderzoeksdatum"), null=True, blank=True)
    door_wie = models.CharField(_("vastgesteld door"), max_length=120, blank=True)
    instantie = models.CharField(_("instantie"), max_length=120, blank=True)

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("diagnose")
        verbose_name_plural = _("diagnoses")
        ordering = ["-datum", "pk"]

    def __str__(self) -> str:
        return self.naam or self.code


class TLV(models.Model):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="tlvs")
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    swv_nummer = models.CharField(_("SWV-nummer"), max_length=10)
    categorie = models.CharField(
        _("bekostigingscategorie"), max_length=20, choices=TLVCategorie.choices
    )
    beschikkingsnummer = models.CharField(_("beschikkingsnummer"), max_length=40)

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("toelaatbaarheidsverklaring")
        verbose_name_plural = _("toelaatbaarheidsverklaringen")
        ordering = ["-ingangsdatum"]

    def __str__(self) -> str:
        return f"TLV {self.beschikkingsnummer}"

    def clean(self):
        if self.einddatum and self.ingangsdatum and self.einddatum < self.ingangsdatum:
            raise ValidationError({"einddatum": _("De einddatum ligt vóór de ingangsdatum.")})


class Arrangement(models.Model):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="arrangementen")
    datum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    kenmerk = models.CharField(_("omschrijving"), max_length=200, blank=True)
    beschikkingsnummer = models.CharField(_("beschikkingsnummer"), max_length=40, blank=True)

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementen")
        ordering = ["-datum"]

    def __str__(self) -> str:
        return self.kenmerk or f"Arrangement {self.datum:%d-%m-%Y}"

    def clean(self):
        if self.einddatum and self.datum and self.einddatum < self.datum:
            raise ValidationError({"einddatum": _("De einddatum ligt vóór de ingangsdatum.")})


class Handelingsplan(models.Model):
    leerling = models.ForeignKey(
        Leerling, on_delete=models.CASCADE, related_name="handelingsplannen"
    )
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    is_gericht_op = models.CharField(
        _("gericht op"), max_length=120, help_text=_("Domein, vak of vormingsgebied")
    )
    categorie = models.CharField(_("plancategorie"), max_length=60, default="Algemeen")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=StatusHandelingsplan.choices,
        default=StatusHandelingsplan.LOPEND,
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    document = models.ForeignKey(
        "leerlingen.MapItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("handelingsplan")
        verbose_name_plural = _("handelingsplannen")
        ordering = ["-startdatum", "pk"]

    def __str__(self) -> str:
        return f"{self.categorie}: {self.is_gericht_op}"

    def clean(self):
        errors = {}
        if self.einddatum and self.startdatum and self.einddatum < self.startdatum:
            errors["einddatum"] = _("De einddatum ligt vóór de startdatum.")
        if self.status == StatusHandelingsplan.AFGESLOTEN and not self.einddatum:
            errors["einddatum"] = _("Een afgesloten plan heeft een einddatum.")
        if self.document_id and self.document.leerling_id != self.leerling_id:
            errors["document"] = _("Kies een document uit de map van deze leerling.")
        if errors:
            raise ValidationError(errors)


class Verzuim(models.Model):
    """One registration of absence; the dossier sums the last twelve months."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="verzuim")
    datum = models.DateField(_("datum"))
    soort = models.CharField(_("soort"), max_length=12, choices=SoortVerzuim.choices)
    dagdelen = models.PositiveSmallIntegerField(_("dagdelen (PO)"), null=True, blank=True)
    uren = models.PositiveSmallIntegerField(_("uren (VO)"), null=True, blank=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    contact_leerplicht = models.BooleanField(_("contact met leerplichtambtenaar"), default=False)
    rmc_melding = models.BooleanField(_("gemeld bij RMC"), default=False)

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("verzuim")
        verbose_name_plural = _("verzuim")
        ordering = ["-datum", "pk"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.get_soort_display()}"

    def clean(self):
        if not self.dagdelen and not self.uren:
            raise ValidationError(_("Vul het aantal dagdelen (PO) of uren (VO) in."))


class Eindtoets(models.Model):
    leerling = models.OneToOneField(Leerling, on_delete=models.CASCADE, related_name="eindtoets")
    deelgenomen = models.BooleanField(_("deelgenomen"), default=True)
    toetssoort = models.CharField(
        _("eindtoets"), max_length=4, choices=Eindtoetssoort.choices, blank=True
    )
    toetsniveau = models.CharField(_("niveau"), max_length=1, default="G", blank=True)
    # The exact name of the toets (e.g. a doorstroomtoets of 2024 or later that codelijst 42 of
    # 2019.1 does not know); it travels in the dossier as toetsomschrijving.
    toetsomschrijving = models.CharField(_("naam van de toets"), max_length=200, blank=True)
    datum_afname = models.DateField(_("datum afname"), null=True, blank=True)
    wettelijke_ontheffing = models.BooleanField(_("wettelijke ontheffing"), default=False)
    standaardscore = models.PositiveSmallIntegerField(
        _("standaardscore"), null=True, blank=True, validators=[MaxValueValidator(1000)]
    )
    toets_advies = models.CharField(_("toetsadvies"), max_length=1024, blank=True)

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("eindtoets")
        verbose_name_plural = _("eindtoetsen")

    def __str__(self) -> str:
        return self.get_toetssoort_display() or "Eindtoets"

    def clean(self):
        if self.deelgenomen and not (self.toetssoort and self.datum_afname):
            raise ValidationError(_("Vul bij deelname de eindtoets en de datum van afname in."))


class EindtoetsOnderdeelResultaat(models.Model):
    eindtoets = models.ForeignKey(Eindtoets, on_delete=models.CASCADE, related_name="onderdelen")
    onderdeel = models.CharField(_("onderdeel"), max_length=4, choices=EindtoetsOnderdeel.choices)
    # blank when the toets reports the onderdeel per domein only (Taal: Lezen, Taalverzorging)
    referentieniveau = models.CharField(
        _("referentieniveau"), max_length=2, choices=Referentieniveau.choices, blank=True
    )

    objects = TenantManager()
    tenant_path = "eindtoets__leerling__school"

    class Meta:
        verbose_name = _("onderdeel eindtoets")
        verbose_name_plural = _("onderdelen eindtoets")
        constraints = [
            models.UniqueConstraint(fields=["eindtoets", "onderdeel"], name="unique_onderdeel")
        ]

    def __str__(self) -> str:
        tekst = f"{self.get_onderdeel_display()}: {self.get_referentieniveau_display() or '-'}"
        domeinen = [str(d) for d in self.domeinen.all()]
        return f"{tekst} ({', '.join(domeinen)})" if domeinen else tekst


class EindtoetsDomeinResultaat(models.Model):
    """The referentieniveau on a domein of an onderdeel (Taal: Lezen, Taalverzorging)."""

    onderdeel = models.ForeignKey(
        EindtoetsOnderdeelResultaat, on_delete=models.CASCADE, related_name="domeinen"
    )
    domein = models.CharField(_("domein"), max_length=4, choices=EindtoetsDomein.choices)
    referentieniveau = models.CharField(
        _("referentieniveau"), max_length=2, choices=Referentieniveau.choices
    )

    objects = TenantManager()
    tenant_path = "onderdeel__eindtoets__leerling__school"

    class Meta:
        verbose_name = _("domein eindtoets")
        verbose_name_plural = _("domeinen eindtoets")
        constraints = [
            models.UniqueConstraint(fields=["onderdeel", "domein"], name="unique_domein")
        ]

    def __str__(self) -> str:
        return f"{self.get_domein_display()}: {self.get_referentieniveau_display()}"


class Toets(models.Model):
    """A niet-methodetoets (a standardised test such as a CITO LOVS test)."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="toetsen")
    afnamedatum = models.DateField(_("datum"))
    eldtoetscode = models.CharField(_("OSO-toetscode"), max_length=20)
    leergebied = models.CharField(_("hoofdvakgebied"), max_length=60)
    toetsnaam = models.CharField(_("toetsserie"), max_length=120)
    toetsversie = models.CharField(_("toetsnaam"), max_length=60, blank=True)
    onderdeel = models.CharField(_("onderdeel"), max_length=60, blank=True, default="Totaal")
    jaargroep = models.CharField(
        _("jaargroep"), max_length=2, choices=Jaargroep.choices, blank=True
    )
    didactische_leeftijd = models.PositiveSmallIntegerField(_("DL"), null=True, blank=True)
    ruwe_score = models.PositiveIntegerField(_("RS"), null=True, blank=True)
    vaardigheidsscore = models.DecimalField(
        _("VS"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    opmerking = models.CharField(_("opmerking"), max_length=300, blank=True)

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("niet-methodetoets")
        verbose_name_plural = _("niet-methodetoetsen")
        ordering = ["-afnamedatum", "pk"]

    def __str__(self) -> str:
        return f"{self.afnamedatum:%d-%m-%Y} {self.toetsnaam} {self.toetsversie}".strip()

    def clean(self):
        if self.afnamedatum and self.leerling_id and self.afnamedatum < self.leerling.geboortedatum:
            raise ValidationError({"afnamedatum": _("De afnamedatum ligt vóór de geboortedatum.")})


class ToetsReferentiescore(models.Model):
    toets = models.ForeignKey(Toets, on_delete=models.CASCADE, related_name="referentiescores")
    code = models.CharField(_("referentiescore"), max_length=20, choices=Referentiescore.choices)
    vergelijkingsgroep = models.CharField(
        _("vergelijkingsgroep"),
        max_length=40,
        choices=Vergelijkingsgroep.choices,
        default=Vergelijkingsgroep.LANDELIJK,
    )
    waarde = models.CharField(_("waarde"), max_length=20)

    objects = TenantManager()
    tenant_path = "toets__leerling__school"

    class Meta:
        verbose_name = _("referentiescore")
        verbose_name_plural = _("referentiescores")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.waarde}"


class Cijferlijst(models.Model):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="cijferlijsten")
    naam = models.CharField(_("naam"), max_length=120)
    jaargroep = models.CharField(_("jaargroep/leerjaar"), max_length=2, choices=Jaargroep.choices)
    periode = models.CharField(_("periode"), max_length=40, blank=True)
    afnamedatum = models.DateField(_("datum"), null=True, blank=True)
    totaalscore = models.CharField(_("totaalscore"), max_length=20, blank=True)

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("cijferlijst")
        verbose_name_plural = _("cijferlijsten")
        ordering = ["-afnamedatum", "pk"]

    def __str__(self) -> str:
        return f"{self.naam} {self.periode}".strip()


class CijferlijstOnderdeel(models.Model):
    cijferlijst = models.ForeignKey(
        Cijferlijst, on_delete=models.CASCADE, related_name="onderdelen"
    )
    naam = models.CharField(_("vak"), max_length=80)
    waarde = models.CharField(_("cijfer"), max_length=10, blank=True)
    kwalificatie = models.CharField(_("kwalificatie"), max_length=40, blank=True)

    objects = TenantManager()
    tenant_path = "cijferlijst__leerling__school"

    class Meta:
        verbose_name = _("vak op cijferlijst")
        verbose_name_plural = _("vakken op cijferlijst")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.naam}: {self.waarde or self.kwalificatie}"

    def clean(self):
        if not self.waarde and not self.kwalificatie:
            raise ValidationError(_("Vul een cijfer of een kwalificatie in."))


class VoMboGegevens(models.Model):
    """What the VO-MBO block carries beside the subject results."""

    leerling = models.OneToOneField(Leerling, on_delete=models.CASCADE, related_name="vombo")
    bevorderd_elementcode = models.CharField(_("elementcode bevordering"), max_length=4, blank=True)
    bevorderd_leerjaar = models.CharField(
        _("bevorderd naar leerjaar"), max_length=2, choices=Jaargroep.choices, blank=True
    )
    soort_diploma = models.CharField(_("soort diploma"), max_length=40, blank=True)
    examenjaar = models.PositiveSmallIntegerField(_("examenjaar"), null=True, blank=True)
    datum_uitslag = models.DateField(_("datum uitslag"), null=True, blank=True)
    examenuitslag = models.CharField(
        _("uitslag"), max_length=20, choices=Examenuitslag.choices, blank=True
    )
    keuze_vervolgopleiding = models.CharField(
        _("keuze vervolgopleiding"), max_length=200, blank=True
    )
    beroepskeuzetest = models.BooleanField(_("beroepskeuzetest gedaan"), default=False)
    portfolio = models.BooleanField(_("portfolio"), default=False)
    pop = models.BooleanField(_("persoonlijk ontwikkelingsplan"), default=False)
    motivatiebrief = models.BooleanField(_("motivatiebrief"), default=False)
    lobdossier = models.BooleanField(_("LOB-dossier"), default=False)

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("VO-MBO-gegevens")
        verbose_name_plural = _("VO-MBO-gegevens")

    def __str__(self) -> str:
        return f"VO-MBO {self.leerling}"

    def clean(self):
        if self.bevorderd_elementcode and not (
            len(self.bevorderd_elementcode) == 4 and self.bevorderd_elementcode.isdigit()
        ):
            raise ValidationError(
                {"bevorderd_elementcode": _("Een elementcode bestaat uit vier cijfers.")}
            )


class VakResultaat(models.Model):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="vakresultaten")
    vakcode = models.CharField(_("vakcode"), max_length=20)
    vak = models.CharField(_("vak"), max_length=80)
    afgerond = models.BooleanField(_("afgerond"), default=False)
    datum_afgerond = models.DateField(_("datum afgerond"), null=True, blank=True)
    examenvak = models.BooleanField(_("examenvak"), default=False)
    cijfer_se = models.DecimalField(
        _("eindcijfer SE"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    cijfer_ce = models.DecimalField(
        _("cijfer CE"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    eindcijfer = models.PositiveSmallIntegerField(
        _("eindcijfer"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    rapportcijfer = models.DecimalField(
        _("rapportcijfer"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("vakresultaat")
        verbose_name_plural = _("vakresultaten")
        ordering = ["vak"]

    def __str__(self) -> str:
        return self.vak

    def clean(self):
        if not any(
            v is not None
            for v in [self.cijfer_se, self.cijfer_ce, self.eindcijfer, self.rapportcijfer]
        ):
            raise ValidationError(_("Vul minstens één cijfer in."))
        if self.datum_afgerond and not self.afgerond:
            raise ValidationError({"afgerond": _("Vink 'afgerond' aan bij een datum afgerond.")})


def map_upload_to(instance: MapItem, filename: str) -> str:
    # Random names: nothing about the pupil (and never a PGN) ends up in a path.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"leerlingmap/{uuid.uuid4().hex}{suffix}"


class MapItem(models.Model):
    """A document or note in the pupil's folder (leerlingmap)."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="map_items")
    soort = models.CharField(_("soort"), max_length=10, choices=SoortMapItem.choices)
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)
    bestand = models.FileField(
        _("bestand"),
        upload_to=map_upload_to,
        blank=True,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    mime_type = models.CharField(max_length=100, blank=True)
    tekst = models.TextField(_("tekst"), blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("item in leerlingmap")
        verbose_name_plural = _("leerlingmap")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self) -> str:
        return self.titel

    def clean(self):
        if self.soort == SoortMapItem.DOCUMENT and not self.bestand:
            raise ValidationError({"bestand": _("Kies een bestand.")})
        if self.soort == SoortMapItem.NOTITIE and not self.tekst.strip():
            raise ValidationError({"tekst": _("Een notitie heeft tekst.")})
