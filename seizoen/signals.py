"""Keep :class:`~seizoen.models.Toetsuitslag` current whenever a toets result is saved,
however it arrives (the doorstroomtoets exchange, a hand entry, an import)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from leerlingen.models import Eindtoets, EindtoetsOnderdeelResultaat

from . import services


@receiver(post_save, sender=Eindtoets)
def eindtoets_opgeslagen(sender, instance, raw=False, **kwargs):
    if not raw:
        services.toetsuitslag_bijwerken(leerling_id=instance.leerling_id)


@receiver(post_save, sender=EindtoetsOnderdeelResultaat)
@receiver(post_delete, sender=EindtoetsOnderdeelResultaat)
def onderdeel_gewijzigd(sender, instance, raw=False, **kwargs):
    if raw:
        return
    leerling_id = (
        Eindtoets.objects.filter(pk=instance.eindtoets_id).values_list("leerling_id", flat=True)
    ).first()
    if leerling_id:
        services.toetsuitslag_bijwerken(leerling_id=leerling_id)
