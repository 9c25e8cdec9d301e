"""The PO->VO season: the national calendar, the region's agreements, when toets results
arrived, the bulk "nieuwe versie na toetsuitslag" job, and the in-app reminders."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import TenantManager
from core.validators import validate_schooljaar


class LandelijkeKalender(models.Model):
    """The national dates of one school year; the beheerder keeps them in the admin."""

    schooljaar = models.CharField(
        _("schooljaar"), max_length=9, unique=True, validators=[validate_schooljaar]
    )
    voorlopig_advies_vanaf = models.DateField(_("voorlopig advies vanaf"))
    voorlopig_advies_uiterlijk = models.DateField(_("voorlopig advies uiterlijk"))
    doorstroomtoets_vanaf = models.DateField(_("doorstroomtoets afname vanaf"))
    doorstroomtoets_tot = models.DateField(_("doorstroomtoets afname tot en met"))
    toetsuitslag_op = models.DateField(_("toetsuitslag bekend op"))
    definitief_advies_uiterlijk = models.DateField(_("definitief advies uiterlijk"))
    aanmeldweek_vanaf = models.DateField(_("aanmeldweek vanaf"))
    aanmeldweek_tot = models.DateField(_("aanmeldweek tot en met"))
    plaatsing_uiterlijk = models.DateField(_("besluit over toelating uiterlijk"))

    class Meta:
        verbose_name = _("landelijke kalender overstapseizoen")
        verbose_name_plural = _("landelijke kalenders overstapseizoen")
        ordering = ["-schooljaar"]

    def __str__(self) -> str:
        return f"Overstapseizoen {self.schooljaar}"

    def clean(self):
        paren = [
            ("voorlopig_advies_vanaf", "voorlopig_advies_uiterlijk"),
            ("doorstroomtoets_vanaf", "doorstroomtoets_tot"),
            ("toetsuitslag_op", "definitief_advies_uiterlijk"),
            ("aanmeldweek_vanaf", "aanmeldweek_tot"),
            ("aanmeldweek_tot", "plaatsing_uiterlijk"),
        ]
        errors = {}
        for eerder, later in paren:
            a, b = getattr(self, eerder), getattr(self, later)
            if a and b and b < a:
                errors[later] = _("Deze datum ligt vóór '%(veld)s'.") % {
                    "veld": self._meta.get_field(eerder).verbose_name
                }
        if errors:
            raise ValidationError(errors)


class RegionaleAfspraak(models.Model):
    """What the PO and VO schools of a region agreed for one school year (the school enters
    it): so that dossiers are not read before admission ("selectie aan de poort")."""

    school = models.ForeignKey(
        "scholen.School", on_delete=models.CASCADE, related_name="regionale_afspraken"
    )
    schooljaar = models.CharField(_("schooljaar"), max_length=9, validators=[validate_schooljaar])
    regio = models.CharField(_("regio"), max_length=120, blank=True)
    inzage_voor = models.DateField(_("inzage ouders vóór"), null=True, blank=True)
    klaarzetten_vanaf = models.DateField(
        _("klaarzetten voor VO vanaf"),
        null=True,
        blank=True,
        help_text=_("Eerder klaarzetten voor een VO-school kan alleen met een reden."),
    )
    klaarzetten_voor = models.DateField(_("klaarzetten voor VO vóór"), null=True, blank=True)
    ophalen_vanaf = models.DateField(_("ophalen door VO vanaf"), null=True, blank=True)
    inzage_opnieuw_na_toetsuitslag = models.BooleanField(
        _("opnieuw inzage na toetsuitslag"),
        default=False,
        help_text=_(
            "Aan: ouders krijgen opnieuw inzage als alleen de toetsuitslag aan het dossier is "
            "toegevoegd. Uit: de inzage blijft dan geldig (ouders kregen de uitslag zelf)."
        ),
    )

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        verbose_name = _("regionale afspraak")
        verbose_name_plural = _("regionale afspraken")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "schooljaar"], name="seizoen_een_afspraak_per_jaar"
            )
        ]

    def __str__(self) -> str:
        return f"Regionale afspraken {self.schooljaar}"

    def clean(self):
        vanaf, voor = self.klaarzetten_vanaf, self.klaarzetten_voor
        if vanaf and voor and voor < vanaf:
            raise ValidationError(
                {"klaarzetten_voor": _("Deze datum ligt vóór 'klaarzetten vanaf'.")}
            )


class Toetsuitslag(models.Model):
    """When the pupil's doorstroomtoets result last changed in the LAS (kept by a signal on
    ``leerlingen.Eindtoets``): the board compares it with the klaargezet version."""

    leerling = models.OneToOneField(
        "leerlingen.Leerling", on_delete=models.CASCADE, related_name="seizoen_toetsuitslag"
    )
    vingerafdruk = models.CharField(max_length=64)
    gewijzigd_op = models.DateTimeField(_("uitslag ontvangen op"))

    objects = TenantManager()
    tenant_path = "leerling__school"

    class Meta:
        verbose_name = _("toetsuitslag ontvangen")
        verbose_name_plural = _("toetsuitslagen ontvangen")

    def __str__(self) -> str:
        return f"Toetsuitslag {self.gewijzigd_op:%d-%m-%Y}"


class ActieStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Afgerond")


class NieuweVersieActie(models.Model):
    """The bulk "Nieuwe versie met toetsuitslag klaarzetten": per pupil what happened."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="+")
    aangevraagd_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    leerling_ids = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=ActieStatus.choices, default=ActieStatus.WACHTRIJ
    )
    # {leerling_id: {"uitkomst": ..., "tekst": ...}}
    uitkomsten = models.JSONField(default=dict, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    klaar_op = models.DateTimeField(null=True, blank=True)

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"Nieuwe versie na toetsuitslag ({len(self.leerling_ids)})"


class Herinnering(models.Model):
    """An in-app notice for the school's administration. ``sleutel`` names the fact, so the
    daily task never makes two for the same one."""

    school = models.ForeignKey("scholen.School", on_delete=models.CASCADE, related_name="+")
    leerling = models.ForeignKey(
        "leerlingen.Leerling",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="seizoen_herinneringen",
    )
    soort = models.CharField(_("soort"), max_length=40)
    sleutel = models.CharField(max_length=200, unique=True)
    tekst = models.CharField(_("herinnering"), max_length=300)
    url = models.CharField(max_length=300)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gemaild_aan = models.PositiveSmallIntegerField(default=0)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    objects = TenantManager()
    tenant_path = "school"

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self) -> str:
        return self.tekst
