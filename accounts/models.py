from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Rol


class User(AbstractUser):
    """A staff member. What they may see and do follows from their aanstellingen."""

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Aanstelling(models.Model):
    """A user's role at one school, or, for the bestuur role, at every school of a bestuur."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="aanstellingen")
    rol = models.CharField(_("rol"), max_length=30, choices=Rol.choices)
    school = models.ForeignKey(
        "scholen.School",
        on_delete=models.CASCADE,
        related_name="aanstellingen",
        null=True,
        blank=True,
    )
    bestuur = models.ForeignKey(
        "scholen.Bestuur",
        on_delete=models.CASCADE,
        related_name="aanstellingen",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("aanstelling")
        verbose_name_plural = _("aanstellingen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(rol=Rol.BESTUUR, bestuur__isnull=False, school__isnull=True)
                    | (
                        ~models.Q(rol=Rol.BESTUUR)
                        & models.Q(school__isnull=False, bestuur__isnull=True)
                    )
                ),
                name="aanstelling_school_of_bestuur",
            ),
            models.UniqueConstraint(
                fields=["user", "school", "rol"],
                condition=models.Q(school__isnull=False),
                name="unique_aanstelling_school",
            ),
            models.UniqueConstraint(
                fields=["user", "bestuur", "rol"],
                condition=models.Q(bestuur__isnull=False),
                name="unique_aanstelling_bestuur",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_rol_display()} - {self.school or self.bestuur}"

    def clean(self):
        if self.rol == Rol.BESTUUR and (not self.bestuur_id or self.school_id):
            raise ValidationError(_("De rol bestuur hoort bij een bestuur, niet bij een school."))
        if self.rol != Rol.BESTUUR and (not self.school_id or self.bestuur_id):
            raise ValidationError(_("Deze rol hoort bij een school."))
