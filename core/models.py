"""Building blocks shared by the domain models: the standard's adresType and communicatieType."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from leerlingen.codelijsten import (  # noqa: F401 - the code lists live in one module
    AanduidingCommunicatie,
    SoortAdres,
    SoortCommunicatie,
)

from .validators import validate_postcode, validate_telefoon


class AdresFields(models.Model):
    """The standard's adresType, embedded: one address per person or school record."""

    straat = models.CharField(_("straat"), max_length=80, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=10, blank=True)
    toevoeging = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    plaats = models.CharField(_("plaats"), max_length=80, blank=True)
    gemeente = models.CharField(_("gemeente"), max_length=80, blank=True)

    class Meta:
        abstract = True

    @property
    def adres_regel(self) -> str:
        parts = [self.straat, self.huisnummer, self.toevoeging]
        return " ".join(p for p in parts if p)

    @property
    def heeft_adres(self) -> bool:
        return bool(self.straat and self.huisnummer and self.postcode and self.plaats)


class CommunicatieBase(models.Model):
    """The standard's communicatieType: a phone number or e-mail address, possibly secret."""

    soort = models.CharField(_("soort"), max_length=10, choices=SoortCommunicatie.choices)
    aanduiding = models.CharField(
        _("aanduiding"), max_length=10, choices=AanduidingCommunicatie.choices, blank=True
    )
    nummer = models.CharField(_("nummer of e-mailadres"), max_length=120)
    geheim = models.BooleanField(_("geheim"), default=False)

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {'(geheim)' if self.geheim else self.nummer}"

    def clean(self):
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        if self.soort == SoortCommunicatie.EMAIL and self.nummer:
            try:
                validate_email(self.nummer)
            except ValidationError:
                raise ValidationError({"nummer": _("Vul een geldig e-mailadres in.")}) from None
        if self.soort == SoortCommunicatie.TELEFOON and self.nummer:
            try:
                validate_telefoon(self.nummer)
            except ValidationError as exc:
                raise ValidationError({"nummer": exc.messages}) from None


class Formulierinzending(models.Model):
    """One submission of a form that sends or creates something (core/eenmalig.py): the
    token the form carried, claimed once, and where its result is. A second POST of the same
    token (Back + resubmit, a double click) leads to that result and does nothing again."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    pad = models.CharField(max_length=300)
    # with eenmalig(inhoud=True): a hash of what was sent (fields and files), so that the same
    # content sent again from a re-fetched form (Back: the page is no-store) is recognised
    vingerafdruk = models.CharField(max_length=64, blank=True, db_index=True)
    resultaat_url = models.CharField(max_length=500, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("formulierinzending")
        verbose_name_plural = _("formulierinzendingen")

    def __str__(self) -> str:
        return f"{self.pad} ({self.aangemaakt_op:%d-%m-%Y %H:%M})"
