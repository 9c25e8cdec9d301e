"""Export a pupil's dossier as OSO XML and PDF, by the same rules and with the same audit as
the screens: for checks, and for schools that must transfer outside OSO."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit import events
from dossiers import services
from dossiers.models import Verwerking
from dossiers.pdf import render_pdf
from dossiers.profielen import Profiel
from dossiers.xml_bouwer import vervang_inzage
from leerlingen.models import Leerling


class Command(BaseCommand):
    help = "Schrijft het overstapdossier van een leerling als OSO-XML en PDF."

    def add_arguments(self, parser):
        parser.add_argument("leerling", type=int, help="id van de leerling")
        parser.add_argument("--profiel", required=True, choices=[p.value for p in Profiel])
        parser.add_argument("--xml", type=Path, help="bestand voor de XML")
        parser.add_argument("--pdf", type=Path, help="bestand voor de PDF")
        parser.add_argument(
            "--huidige",
            action="store_true",
            help="neem de huidige versie als die dit profiel heeft (anders opnieuw verzamelen)",
        )

    def handle(self, *args, leerling: int, profiel: str, xml, pdf, huidige: bool, **options):
        if not xml and not pdf:
            raise CommandError("Geef --xml en/of --pdf op.")
        try:
            leerling_obj = Leerling.objects.select_related("school").get(pk=leerling)
        except Leerling.DoesNotExist:
            raise CommandError(f"Er is geen leerling met id {leerling}.") from None
        profiel = Profiel(profiel)
        dossier = services.dossier_van(leerling_obj)
        versie = dossier.huidige_versie if huidige else None
        if versie is not None and versie.profiel != profiel:
            versie = None
        if versie is None:
            if profiel.value.startswith("BINNEN_BRIN") and not dossier.binnen_brin:
                dossier.binnen_brin = True
                dossier.save(update_fields=["binnen_brin"])
            try:
                opdracht = services.verzamelen_aanvragen(
                    dossier=dossier, keuzes=services.standaard_keuzes(dossier, profiel), direct=True
                )
            except services.DossierFout as fout:
                raise CommandError(
                    "Dit profiel kan niet voor deze leerling:\n- " + "\n- ".join(fout.meldingen)
                ) from None
            versie = services.verzamel(opdracht.pk)
            opdracht.refresh_from_db()
            if opdracht.status != Verwerking.KLAAR or versie is None:
                raise CommandError(
                    "Het verzamelde dossier voldoet niet:\n- " + "\n- ".join(opdracht.meldingen)
                )
        data = bytes(versie.xml)
        dossier.refresh_from_db()
        if dossier.inzage_geldig and dossier.huidige_versie_id == versie.pk:
            # the parents' inzage registered for this version goes along, as when klaargezet
            data = vervang_inzage(data, services.inzage_voor_klaarzetten(dossier))
        else:
            self.stdout.write(
                "Let op: voorlopig dossier, nog geen inzage van de verzorgers vastgelegd."
            )
        if xml:
            xml.write_bytes(data)
            self.stdout.write(f"XML geschreven: {xml} (versie {versie.nummer}, {len(data)} bytes)")
        if pdf:
            pdf.write_bytes(render_pdf(data))
            self.stdout.write(f"PDF geschreven: {pdf}")
        events.log(
            "dossier_geexporteerd",
            leerling=leerling_obj,
            obj=versie,
            omschrijving=f"dossier_export {profiel} versie {versie.nummer}",
            details={"xml": bool(xml), "pdf": bool(pdf)},
        )
