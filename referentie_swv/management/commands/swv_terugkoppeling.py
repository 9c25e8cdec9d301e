"""Send the reference SWV's terugkoppeling on a received zorgvraag."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from referentie_swv import services
from referentie_swv.models import Aanvraag
from trafficcenter_client.berichten import TerugkoppelingStatus


class Command(BaseCommand):
    help = "Stuurt de terugkoppeling van het referentie-SWV op een ontvangen zorgvraag."

    def add_arguments(self, parser):
        parser.add_argument("aanvraag", type=int, help="id van de ontvangen zorgvraag")
        parser.add_argument(
            "--status", required=True, choices=[s.value for s in TerugkoppelingStatus]
        )
        parser.add_argument("--bericht", default="", help="toelichting voor de school")

    def handle(self, *args, aanvraag: int, status: str, bericht: str, **options):
        try:
            gevonden = Aanvraag.objects.select_related("systeem").get(pk=aanvraag)
        except Aanvraag.DoesNotExist:
            raise CommandError(f"Er is geen ontvangen zorgvraag met id {aanvraag}.") from None
        verstuurd = services.terugkoppeling_sturen(gevonden, status=status, bericht=bericht)
        if not services.afgeleverd(verstuurd):
            raise CommandError(
                f"De terugkoppeling is niet afgeleverd: {verstuurd.resultaat} {verstuurd.melding}"
            )
        self.stdout.write(f"Terugkoppeling afgeleverd ({verstuurd.get_status_display()}).")
