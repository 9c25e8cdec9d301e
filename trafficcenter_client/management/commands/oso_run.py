"""``manage.py oso_run``: the development server with the reference Traffic Center in-process.

What ``make run`` starts: a development PKI in ``OSO_VAR_DIR/pki`` (made once, kept), the
reference Traffic Center on https://127.0.0.1:8443/tc/soap/ and this LAS's OSO endpoint on
https://127.0.0.1:8444/oso/soap/ (both require a client certificate of that PKI), the
connection to that Traffic Center, the demo schools' aanleverpunten registered, and then
Django's development server for the screens. ``manage.py oso_testuitwisseling`` in another
terminal uses these running services.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from trafficcenter_client import ontwikkeling


class Command(BaseCommand):
    help = (
        "Start de ontwikkelserver met het referentie-Traffic Center en het OSO-endpoint van "
        "deze LAS (HTTPS met clientcertificaten) in hetzelfde proces."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("adres", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--tc-poort", type=int, default=ontwikkeling.TC_POORT)
        parser.add_argument("--las-poort", type=int, default=ontwikkeling.LAS_POORT)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.OSO_ENV == "production":
            raise CommandError("oso_run is alleen voor ontwikkeling en demonstratie.")
        host = options["adres"].rpartition(":")[0] or "127.0.0.1"
        p = ontwikkeling.zorg_voor_pki(settings.VAR_DIR / "pki")
        try:
            wereld = ontwikkeling.start_wereld(
                p, host=host, tc_poort=options["tc_poort"], las_poort=options["las_poort"]
            )
        except OSError as fout:
            raise CommandError(
                f"Het Traffic Center of het OSO-endpoint kan niet starten ({fout}). Draait "
                "'make run' al? Kies anders andere poorten met --tc-poort en --las-poort."
            ) from fout
        try:
            ontwikkeling.verbinding_instellen(p, wereld.tc_url)
            settings.OSO_LAS_URL = wereld.las_url  # what OSO-registratie registers
            ontwikkeling.mandaten_verlenen(p)  # the demo schools mandate this LAS's supplier
            geregistreerd = ontwikkeling.aanleverpunten_registreren(wereld.las_url)
            swv = ontwikkeling.swv_instellen(p, wereld.tc_url, wereld.las_url)
            from referentie_toets.ontwikkeling import doorstroomtoets_instellen

            toetsen = doorstroomtoets_instellen(p, wereld.las_url)
            self.stdout.write(f"Referentie-Traffic Center: {wereld.tc_url}")
            self.stdout.write(f"OSO-endpoint van deze LAS: {wereld.las_url}")
            self.stdout.write(
                "Aanleverpunten geregistreerd: "
                + ", ".join(
                    f"{ap.school.brincode}/{ap.nummer} ({code})" for ap, code in geregistreerd
                )
            )
            self.stdout.write(
                "Referentie-SWV: "
                + ", ".join(
                    f"{k} ({'geregistreerd' if ok else 'NIET geregistreerd'})" for k, ok in swv
                )
            )
            self.stdout.write(
                "Referentie-toetssysteem (doorstroomtoets): "
                + ", ".join(f"{s.brincode} ({naam})" for s, naam in toetsen)
            )
            self.stdout.write(
                "Testuitwisseling in een tweede terminal: "
                ".venv/bin/python manage.py oso_testuitwisseling"
            )
            call_command("runserver", options["adres"], use_reloader=False)
        finally:
            wereld.stop()
