"""``manage.py demo_data [--logins] [--peildatum JJJJ-MM-DD]``: build the demo world.

The world itself is described and built in :mod:`leerlingen.demo`; this command only parses the
options, runs the build in one transaction and prints. It is idempotent: a second run creates
nothing and changes nothing, so ``--logins`` can be used at any time to show the logins.
"""

from __future__ import annotations

import argparse
from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction

from leerlingen import demo


def _peildatum(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is geen datum; schrijf de peildatum als JJJJ-MM-DD."
        ) from None


class Command(BaseCommand):
    help = (
        "Bouwt een demowereld op: een bestuur met vier scholen (twee PO, twee VO), twee "
        "samenwerkingsverbanden, "
        "medewerkers per rol en ruim 40 verzonnen leerlingen met gegevens in elk blok. "
        "Veilig om vaker te draaien: wat er al is, blijft ongewijzigd."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--logins",
            action="store_true",
            help="Toon daarna een tabel met de demo-accounts en hun wachtwoord.",
        )
        parser.add_argument(
            "--peildatum",
            type=_peildatum,
            default=None,
            help="Bouw de wereld alsof het deze dag is (JJJJ-MM-DD); standaard vandaag.",
        )
        parser.add_argument(
            "--overstapseizoen",
            action="store_true",
            help="Voeg per basisschool een groep 8 toe in elke stap van het overstapseizoen, "
            "met regionale afspraken.",
        )

    def handle(self, *args, logins: bool = False, peildatum: date | None = None, **options):
        with transaction.atomic():
            if options.get("overstapseizoen"):
                resultaat = demo.bouw_overstapseizoen(peildatum=peildatum)
            else:
                resultaat = demo.bouw_demowereld(peildatum=peildatum)
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(demo.samenvatting(resultaat))
        if logins:
            self.stdout.write(demo.logins_tabel())
