"""Besturen, scholen, vestigingen, samenwerkingsverbanden and their aanleverpunten."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AdresFields, CommunicatieBase, SoortAdres
from core.validators import validate_brincode, validate_vestigingscode


class Sector(models.TextChoices):
    PO = "PO", _("Primair onderwijs")
    VO = "VO", _("Voortgezet onderwijs")


class SoortSchool(models.TextChoices):
    BO = "BO", _("Basisonderwijs")
    SBO = "SBO", _("Speciaal basisonderwijs")
    SO = "SO", _("Speciaal onderwijs")
    VO = "VO", _("Voortgezet onderwijs")

    @classmethod
    def sector(cls, soort: str) -> str:
        return Sector.VO if soort == cls.VO else Sector.PO


class Bestuur(models.Model):
    naam = models.CharField(_("naam"), max_length=200)
    bevoegd_gezag_nummer = models.CharField(
        _("bevoegd-gezagnummer"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("Een bevoegd-gezagnummer heeft 5 cijfers."))],
    )

    class Meta:
        verbose_name = _("bestuur")
        verbose_name_plural = _("besturen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class School(models.Model):
    bestuur = models.ForeignKey(
        Bestuur, on_delete=models.PROTECT, related_name="scholen", null=True, blank=True
    )
    brincode = models.CharField(
        _("BRIN-code"), max_length=4, unique=True, validators=[validate_brincode]
    )
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort school"), max_length=3, choices=SoortSchool.choices)
    naam_directeur = models.CharField(_("naam directeur"), max_length=120, blank=True)
    telefoon_directeur = models.CharField(_("telefoon directeur"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    aangesloten_regionaal_initiatief = models.BooleanField(
        _("aangesloten op regionaal initiatief"),
        default=False,
        help_text=_("Nodig om binnen-brin uit te wisselen met een regionaal platform."),
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"({self.brincode}) {self.naam}"

    @property
    def sector(self) -> str:
        return SoortSchool.sector(self.soort)

    @property
    def hoofdvestiging(self) -> Vestiging | None:
        return self.vestigingen.filter(vestigingscode="00").first()


class SchoolAdres(AdresFields):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="adressen")
    soort_adres = models.CharField(
        _("soort adres"), max_length=10, choices=SoortAdres.choices, default=SoortAdres.BEZOEK
    )

    class Meta:
        verbose_name = _("adres")
        verbose_name_plural = _("adressen")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.adres_regel}, {self.plaats}"


class SchoolCommunicatie(CommunicatieBase):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="communicatie")

    class Meta(CommunicatieBase.Meta):
        verbose_name = _("communicatiegegeven")
        verbose_name_plural = _("communicatiegegevens")


class Vestiging(AdresFields):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="vestigingen")
    vestigingscode = models.CharField(
        _("vestigingscode"), max_length=2, validators=[validate_vestigingscode]
    )
    naam = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")
        ordering = ["school", "vestigingscode"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "vestigingscode"], name="unique_vestigingscode_per_school"
            )
        ]

    def __str__(self) -> str:
        return f"({self.school.brincode}{self.vestigingscode}) {self.naam}"


class Samenwerkingsverband(models.Model):
    """A samenwerkingsverband passend onderwijs: an organisation with its own aanleverpunten."""

    naam = models.CharField(_("naam"), max_length=200)
    code = models.CharField(
        _("SWV-code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^(PO|VO)[0-9]{2,4}$", _("Een SWV-code is zoals PO2801."))],
    )
    sector = models.CharField(_("sector"), max_length=2, choices=Sector.choices)

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"


class SoortAanleverpunt(models.TextChoices):
    SCHOOL = "school", _("School")
    REGIONAAL_PLATFORM = "regionaal_platform", _("Regionaal platform")
    SWV = "swv", _("Samenwerkingsverband")


class Registratiestatus(models.TextChoices):
    NIET_GEREGISTREERD = "niet_geregistreerd", _("Niet geregistreerd")
    GEREGISTREERD = "geregistreerd", _("Geregistreerd")
    MISLUKT = "mislukt", _("Registratie mislukt")


routeringskenmerk_validator = RegexValidator(
    r"^[0-9A-Z]{20}$", _("Een routeringskenmerk bestaat uit 20 cijfers of hoofdletters.")
)


def school_routeringskenmerk(brincode: str, nummer: int) -> str:
    """A school's routeringskenmerk follows its OIN: 00000007000 + BRIN + 5-digit number."""
    return f"00000007000{brincode}{nummer:05d}"


class Aanleverpunt(models.Model):
    """A numbered endpoint at the Traffic Center: 0 for the main location, N for vestiging 0N,
    extra numbers for a regional platform, or an SWV's own."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="aanleverpunten", null=True, blank=True
    )
    vestiging = models.ForeignKey(
        Vestiging, on_delete=models.SET_NULL, related_name="aanleverpunten", null=True, blank=True
    )
    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        related_name="aanleverpunten",
        null=True,
        blank=True,
    )
    nummer = models.PositiveIntegerField(_("aanleverpunt"), validators=[MinValueValidator(0)])
    soort = models.CharField(
        _("soort"),
        max_length=20,
        choices=SoortAanleverpunt.choices,
        default=SoortAanleverpunt.SCHOOL,
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    routeringskenmerk = models.CharField(
        _("routeringskenmerk"),
        max_length=20,
        unique=True,
        blank=True,
        validators=[routeringskenmerk_validator],
        help_text=_("Leeg laten voor een school: dan volgt het uit BRIN en nummer."),
    )
    registratiestatus = models.CharField(
        _("registratiestatus"),
        max_length=20,
        choices=Registratiestatus.choices,
        default=Registratiestatus.NIET_GEREGISTREERD,
    )
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("aanleverpunt")
        verbose_name_plural = _("aanleverpunten")
        ordering = ["school", "samenwerkingsverband", "nummer"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(school__isnull=False, samenwerkingsverband__isnull=True)
                    | models.Q(school__isnull=True, samenwerkingsverband__isnull=False)
                ),
                name="aanleverpunt_of_school_of_swv",
            ),
            models.UniqueConstraint(
                fields=["school", "nummer"], name="unique_aanleverpunt_per_school"
            ),
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "nummer"], name="unique_aanleverpunt_per_swv"
            ),
        ]

    def __str__(self) -> str:
        owner = self.school or self.samenwerkingsverband
        return f"{owner} - aanleverpunt {self.nummer}"

    def save(self, *args, **kwargs):
        self._vul_routeringskenmerk()
        super().save(*args, **kwargs)

    def clean(self):
        if bool(self.school_id) == bool(self.samenwerkingsverband_id):
            raise ValidationError(
                _("Een aanleverpunt hoort bij een school of bij een samenwerkingsverband.")
            )
        if self.vestiging_id and self.vestiging.school_id != self.school_id:
            raise ValidationError({"vestiging": _("Deze vestiging hoort niet bij de school.")})
        if self.samenwerkingsverband_id:
            self.soort = SoortAanleverpunt.SWV
        self._vul_routeringskenmerk()
        if not self.routeringskenmerk:
            raise ValidationError(
                {
                    "routeringskenmerk": _(
                        "Vul het routeringskenmerk van het samenwerkingsverband in."
                    )
                }
            )

    def _vul_routeringskenmerk(self):
        if self.school_id and not self.routeringskenmerk:
            self.routeringskenmerk = school_routeringskenmerk(self.school.brincode, self.nummer)
