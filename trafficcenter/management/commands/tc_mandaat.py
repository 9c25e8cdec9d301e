"""``manage.py tc_mandaat --oin OIN BRIN [BRIN ...]``: grant mandates at the reference TC.

A school (or SWV) grants its supplier the mandate to register aanleverpunten and act for it; in
the admin of the reference TC, or with this command in a development world (``make run`` and the
test exchange do it for the demo schools).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trafficcenter.services import mandaat_verlenen
from trafficcenter_client.pki import OIN_RE


class Command(BaseCommand):
    help = "Verleen een leverancier (OIN) het mandaat voor scholen (BRIN) of SWV's (SWV-code)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--oin", required=True, help="OIN van de leverancier (20 tekens).")
        parser.add_argument("brin", nargs="+", help="BRIN of SWV-code.")

    def handle(self, *args: Any, **options: Any) -> None:
        oin = options["oin"]
        if not OIN_RE.fullmatch(oin):
            raise CommandError("Een OIN bestaat uit 20 cijfers of hoofdletters.")
        for brin in options["brin"]:
            mandaat_verlenen(oin, brin.upper(), "ontwikkelomgeving")
        self.stdout.write(f"mandaat verleend voor {len(options['brin'])} school/scholen")
