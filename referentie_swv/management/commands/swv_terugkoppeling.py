"""Send the reference SWV's terugkoppeling on a received zorgvraag."""

from __future__ import annotations

from pathlib import Path

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
        parser.add_argument(
            "--document", type=Path, help="PDF die meegaat, zoals een beschikking (pad)"
        )

    def handle(
        self, *args, aanvraag: int, status: str, bericht: str, document: Path | None, **options
    ):
        inhoud = None
        if document is not None:
            try:
                inhoud = document.read_bytes()
            except OSError:
                raise CommandError(f"Het document {document} kan niet worden gelezen.") from None
            if not inhoud.startswith(b"%PDF"):
                raise CommandError(f"Het document {document} is geen PDF.")
        try:
            gevonden = Aanvraag.objects.select_related("systeem").get(pk=aanvraag)
        except Aanvraag.DoesNotExist:
            raise CommandError(f"Er is geen ontvangen zorgvraag met id {aanvraag}.") from None
        verstuurd = services.terugkoppeling_sturen(
            gevonden, status=status, bericht=bericht, document=inhoud
        )
        if not services.afgeleverd(verstuurd):
            raise CommandError(
                f"De terugkoppeling is niet afgeleverd: {verstuurd.resultaat} {verstuurd.melding}"
            )
        self.stdout.write(f"Terugkoppeling afgeleverd ({verstuurd.get_status_display()}).")
