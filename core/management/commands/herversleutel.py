from django.core.management.base import BaseCommand

from audit import events
from core.herversleuteling import herversleutel


class Command(BaseCommand):
    help = (
        "Versleutelt alles wat versleuteld is opgeslagen (BSN's, onderwijsnummers, dossier-XML, "
        "PDF's, bestanden in de leerlingmap) opnieuw met de nieuwste sleutel; ook wat nog "
        "onversleuteld was. Hervatbaar: wat al met de nieuwste sleutel is versleuteld, wordt "
        "overgeslagen. Zet eerst de nieuwe sleutel vooraan in OSO_FIELD_ENCRYPTION_KEYS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=200)

    def handle(self, *args, **options):
        uitkomst = herversleutel(batch=options["batch"], schrijf=self.stdout.write)
        totaal = sum(t.herversleuteld for t in uitkomst.values())
        events.pgn_herversleuteld(aantal=totaal)
        self.stdout.write(f"{totaal} waarde(n) en bestand(en) opnieuw versleuteld.")
