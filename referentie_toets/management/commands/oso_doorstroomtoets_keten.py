"""``manage.py oso_doorstroomtoets_keten``: the whole doorstroomtoets chain between this LAS and
the reference toets system, step by step, for the demo PO schools (or ``--school``).

Uses the running services of ``make run`` when its LAS endpoint answers; otherwise starts the
endpoint (with the reference toets system beside it) itself. Per school: the deelnemerslijst,
the voorlopig schooladviezen, the results delivered to the LAS and processed into the pupils'
eindtoets, the leerlingrapporten in the leerlingmap, and one collected overstapdossier (POVO)
carrying the result in its Eindtoets bo block, checked by our XSD and rule validation. Exits with
1 when any step failed."""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from lxml import etree

from doorstroomtoets import selectors, services
from doorstroomtoets.models import Leerlingresultaat, RapportStatus, ResultaatStatus
from dossiers import services as dossier_services
from dossiers.models import Verwerking
from dossiers.profielen import Profiel
from dossiers.xmlsafe import OSO_NAMESPACE
from referentie_toets.ontwikkeling import doorstroomtoets_instellen
from scholen.models import School, SoortSchool
from trafficcenter_client import ontwikkeling

OSO_NS = f"{{{OSO_NAMESPACE}}}"


class Command(BaseCommand):
    help = (
        "Doorloopt de doorstroomtoetsketen met het referentie-toetssysteem: deelnemerslijst, "
        "voorlopige schooladviezen, resultaten, leerlingrapporten en een verzameld dossier."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--las-poort", type=int, default=ontwikkeling.LAS_POORT)
        parser.add_argument("--poorten-vrij", action="store_true")
        parser.add_argument("--school", action="append", help="BRIN (standaard: alle PO-scholen)")
        parser.add_argument("--wachten", type=float, default=30.0, help="seconden op resultaten")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.OSO_ENV == "production":
            raise CommandError("De referentieketen is alleen voor ontwikkeling en demonstratie.")
        self.fouten = 0
        host = options["host"]
        p = ontwikkeling.zorg_voor_pki(Path(settings.VAR_DIR) / "pki")
        poort = 0 if options["poorten_vrij"] else options["las_poort"]
        wereld = None
        if poort and ontwikkeling.luistert(host, poort):
            las_url = f"https://{host}:{poort}/oso/soap/"
            self._ok(f"draaiend LAS-endpoint gebruikt: {las_url}")
        else:
            try:
                wereld = ontwikkeling.start_wereld(p, host=host, las_poort=poort)
            except OSError as e:
                raise CommandError(f"Het LAS-endpoint kan niet starten: {e}") from e
            las_url = wereld.las_url
            self._ok(f"LAS-endpoint en referentie-toetssysteem gestart op {las_url}")
        try:
            ingesteld = dict(doorstroomtoets_instellen(p, las_url))
            scholen = School.objects.exclude(soort=SoortSchool.VO).order_by("brincode")
            if options["school"]:
                scholen = scholen.filter(brincode__in=[b.upper() for b in options["school"]])
            for school in scholen:
                self._school(school, ingesteld.get(school, ""), options["wachten"])
        finally:
            if wereld is not None:
                wereld.stop()
        if self.fouten:
            self.stdout.write(self.style.ERROR(f"Doorstroomtoetsketen: {self.fouten} fout(en)."))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("Doorstroomtoetsketen geslaagd."))

    def _ok(self, tekst: str) -> None:
        self.stdout.write(f"  OK    {tekst}")

    def _fout(self, tekst: str) -> None:
        self.fouten += 1
        self.stdout.write(self.style.ERROR(f"  FOUT  {tekst}"))

    def _school(self, school: School, toets: str, wachten: float) -> None:
        self.stdout.write(f"{school.brincode} {school.naam} ({toets})")
        leerlingen = list(selectors.groep8_leerlingen(school))
        if not leerlingen:
            self._ok("geen leerlingen in groep 8")
            return
        for naam, actie in (
            ("deelnemerslijst (POST /registreren)", services.deelnemerslijst_versturen),
            (
                "voorlopige schooladviezen (POST /registreren-schooladviezen)",
                services.schooladviezen_versturen,
            ),
        ):
            try:
                u = actie(school=school, alles=True)
            except services.DoorstroomFout as e:
                self._fout(f"{naam}: {e}")
                return
            regel = f"{naam}: {u.verstuurd} leerling(en), {u.melding}"
            (self._ok if u.geslaagd else self._fout)(regel)
        tot = time.monotonic() + wachten
        while True:
            klaar = Leerlingresultaat.objects.filter(
                deelnemer__leerling__in=leerlingen, status=ResultaatStatus.VERWERKT
            )
            met_resultaat = {r.deelnemer.leerling_id for r in klaar.select_related("deelnemer")}
            rapporten = klaar.filter(rapport_status=RapportStatus.OPGEHAALD).count()
            if (len(met_resultaat) == len(leerlingen) and rapporten >= len(leerlingen)) or (
                time.monotonic() > tot
            ):
                break
            time.sleep(0.5)
        regel = (
            f"resultaten ontvangen (POST /leerlingresultaat, 202) en verwerkt: "
            f"{len(met_resultaat)} van {len(leerlingen)}"
        )
        (self._ok if len(met_resultaat) == len(leerlingen) else self._fout)(regel)
        regel = f"leerlingrapporten in de leerlingmap (GET /leerlingrapport): {rapporten}"
        (self._ok if rapporten >= len(met_resultaat) else self._fout)(regel)
        leerling = next((ll for ll in leerlingen if ll.pk in met_resultaat), None)
        if leerling is not None:
            self._dossier(leerling)

    def _dossier(self, leerling) -> None:
        if not (leerling.vervolgschool_brin and leerling.datum_uitschrijving):
            vo = School.objects.filter(soort=SoortSchool.VO).order_by("brincode").first()
            if vo is None:
                self._fout("dossier verzamelen: er is geen VO-school in deze database")
                return
            vandaag = timezone.localdate()
            jaar = vandaag.year + (1 if vandaag.month >= 8 else 0)
            leerling.vervolgschool_brin, leerling.vervolgschool_naam = vo.brincode, vo.naam
            leerling.datum_uitschrijving = leerling.datum_uitschrijving or datetime.date(
                jaar, 7, 31
            )
            leerling.save(
                update_fields=["vervolgschool_brin", "vervolgschool_naam", "datum_uitschrijving"]
            )
            self._ok(
                f"{leerling.volledige_naam}: vervolgschool {vo.brincode} en uitschrijfdatum "
                f"{leerling.datum_uitschrijving:%d-%m-%Y} ingevuld (zoals de school in het "
                "voorjaar doet)"
            )
        dossier = dossier_services.dossier_van(leerling)
        try:
            opdracht = dossier_services.verzamelen_aanvragen(
                dossier=dossier,
                keuzes=dossier_services.standaard_keuzes(dossier, Profiel.POVO),
                direct=True,
            )
        except dossier_services.DossierFout as e:
            self._fout("dossier verzamelen: " + "; ".join(e.meldingen))
            return
        versie = dossier_services.verzamel(opdracht.pk)
        opdracht.refresh_from_db()
        if opdracht.status != Verwerking.KLAAR or versie is None:
            self._fout("dossier verzamelen: " + "; ".join(opdracht.meldingen))
            return
        boom = etree.fromstring(bytes(versie.xml))
        res = boom.find(f".//{OSO_NS}eindtoets_basisonderwijs/{OSO_NS}eindtoetsresultaat")
        if res is None:
            self._fout(f"dossier versie {versie.nummer}: geen eindtoetsresultaat")
            return
        self._ok(
            f"overstapdossier POVO versie {versie.nummer} verzameld en gevalideerd; Eindtoets bo: "
            f"toetssoort {res.findtext(f'{OSO_NS}toetssoort')} "
            f"({res.findtext(f'{OSO_NS}toetsomschrijving')}), "
            f"standaardscore {res.findtext(f'{OSO_NS}standaardscore')}, "
            f"toetsadvies {res.findtext(f'{OSO_NS}toets_advies')}"
        )
