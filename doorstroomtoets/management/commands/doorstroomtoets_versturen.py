"""``manage.py doorstroomtoets_versturen BRIN``: the deelnemerslijst (and with ``--adviezen`` the
voorlopig schooladviezen) of a school's groep 8 to its toets supplier, as on the screen
School > Doorstroomtoets."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from doorstroomtoets import services
from scholen.models import School


class Command(BaseCommand):
    help = "Verstuurt de deelnemerslijst (en voorlopige schooladviezen) naar de toetsaanbieder."

    def add_arguments(self, parser):
        parser.add_argument("brin", help="BRIN-code van de school")
        parser.add_argument(
            "--adviezen", action="store_true", help="ook de voorlopige schooladviezen"
        )
        parser.add_argument(
            "--alles", action="store_true", help="alle leerlingen, niet alleen nieuw en gewijzigd"
        )

    def handle(self, *args, brin: str, adviezen: bool, alles: bool, **options):
        school = School.objects.filter(brincode=brin.upper()).first()
        if school is None:
            raise CommandError(f"Er is geen school met BRIN {brin}.")
        acties = [("Deelnemerslijst", services.deelnemerslijst_versturen)]
        if adviezen:
            acties.append(("Voorlopige schooladviezen", services.schooladviezen_versturen))
        mislukt = False
        for naam, actie in acties:
            try:
                uitslag = actie(school=school, alles=alles)
            except services.DoorstroomFout as e:
                raise CommandError(f"{naam}: {e}") from None
            self.stdout.write(f"{naam}: {uitslag.verstuurd} verstuurd. {uitslag.melding}")
            mislukt |= not uitslag.geslaagd
        if mislukt:
            raise SystemExit(1)
