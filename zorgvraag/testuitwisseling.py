"""One complete zorgvraag to the reference SWV, for ``manage.py oso_testuitwisseling``.

Prerequisites (the dev world of ``oso_testuitwisseling``), all reachable over HTTPS with mutual
TLS from this process:

- the reference Traffic Center at ``/tc/soap/`` (``trafficcenter/server.py``), with
  ``OSO_TC_CERT``/``OSO_TC_KEY`` set;
- this LAS's endpoint at ``/oso/soap/``, its aanleverpunt of ``leerling.school`` registered at
  the TC with that URL (``trafficcenter_client.services.aanleverpunt_registreren``);
- the reference SWV system at ``/swv/soap/``: a :class:`referentie_swv.models.SwvSysteem` for
  ``swv_aanleverpunt`` (same routeringskenmerk and SWV code), registered at the TC with its own
  certificate (``referentie_swv.services.registreren``);
- the official XSD (``OSO_STANDARD_DIR``): the dossier is checked before anything is sent.
"""

from __future__ import annotations

import base64
import io
import zipfile
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile

from dossiers.xmlsafe import parse_dossier
from leerlingen import demo
from leerlingen.codelijsten import SoortMapItem
from leerlingen.models import Leerling, MapItem
from scholen.models import Aanleverpunt
from trafficcenter_client.berichten import TerugkoppelingStatus
from trafficcenter_client.client import TcClient

from . import services
from .models import Aflevering, Terugkoppeling, Zorgvraag
from .selectors import AanleverpuntKeuze

NS = {"d": "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"}


class ZorgvraagStapMislukt(Exception):  # noqa: N818 - the domain's own word
    """A step of the test exchange failed; ``str(error)`` is Dutch."""


def pgn_vindplaatsen(xml: bytes, pgns: list[str]) -> list[str]:
    """Where any of ``pgns`` occurs in the dossier: the XML text and, decoded from each Base64
    ZIP, every attachment's name and bytes (also with spaces, dots and dashes removed)."""
    plekken = []

    def zoek(waar: str, tekst: str) -> None:
        kaal = "".join(c for c in tekst if c not in " .-\r\n\t")
        if any(pgn in tekst or pgn in kaal for pgn in pgns if pgn):
            plekken.append(waar)

    zoek("XML", xml.decode("utf-8", "replace"))
    root = parse_dossier(xml).getroot()  # the one safe parse, here as everywhere
    for nummer, inhoud in enumerate(root.xpath("//d:bestandsinhoud", namespaces=NS), 1):
        ruw = base64.b64decode(inhoud.text or "")
        try:
            with zipfile.ZipFile(io.BytesIO(ruw)) as archief:
                for lid in archief.infolist():
                    zoek(f"bijlage {nummer} (naam)", lid.filename)
                    zoek(f"bijlage {nummer}", archief.read(lid).decode("latin-1"))
        except zipfile.BadZipFile:
            zoek(f"bijlage {nummer}", ruw.decode("latin-1"))
    return plekken


def zorgvraag_stap(
    *,
    leerling: Leerling,
    swv_aanleverpunt: Aanleverpunt,
    user: Any,
    meld: Callable[[str], None],
    client_school: TcClient | None = None,
    client_swv: TcClient | None = None,
) -> Zorgvraag:
    """Run one zorgvraag end to end and return it; ``meld(tekst)`` is called per step.

    1. a Toelichting onderwijsbehoeften goes into the pupil's map; the zorgvraag is made
       ("Opslaan en verzenden") with every optional block of the profile;
    2. it is delivered: koppelsleutel from the TC, notificatie to the SWV;
    3. the reference SWV pulls the SWV dossier with the koppelsleutel (automatically after the
       notificatie, or here when its system does not do that) and checks XSD and rules;
    4. the pulled dossier is searched, attachments decoded, for the pupil's BSN/onderwijsnummer;
    5. the SWV sends a terugkoppeling through the TC; the school has it on the zorgvraag.

    ``client_school`` / ``client_swv``: TcClients to use (default: the LAS's active connection
    and the SWV system's own). Raises :class:`ZorgvraagStapMislukt` with a Dutch message.
    """
    from dossiers.profielen import optioneel
    from referentie_swv import services as swv
    from referentie_swv.models import Aanvraag, AanvraagStatus, SwvSysteem

    systeem = SwvSysteem.objects.filter(
        routeringskenmerk=swv_aanleverpunt.routeringskenmerk, actief=True
    ).first()
    if systeem is None:
        raise ZorgvraagStapMislukt(
            f"Er is geen referentie-SWV-systeem voor aanleverpunt {swv_aanleverpunt}."
        )
    client_swv = client_swv or swv.client_voor(systeem)

    pdf = demo.minimal_pdf(
        "Toelichting onderwijsbehoeften", ["Testuitwisseling: ondersteuning bij lezen."]
    )
    item = MapItem(
        leerling=leerling,
        soort=SoortMapItem.DOCUMENT,
        titel="Toelichting onderwijsbehoeften (testuitwisseling)",
        bestandsnaam="toelichting-onderwijsbehoeften.pdf",
        mime_type="application/pdf",
    )
    item.bestand.save(item.bestandsnaam, ContentFile(pdf), save=False)
    item.save()
    verband = swv_aanleverpunt.samenwerkingsverband
    keuze = AanleverpuntKeuze(
        swv_aanleverpunt.routeringskenmerk,
        verband.code,
        swv_aanleverpunt.omschrijving or verband.naam,
        swv_aanleverpunt.nummer,
        swv_aanleverpunt.pk,
    )
    from .selectors import profiel_voor

    try:
        zorgvraag = services.zorgvraag_aanmaken(
            leerling=leerling,
            omschrijving="Testuitwisseling zorgvraag",
            aandachtspunten="Automatische test van de OSO-zorgvraag.",
            aanleverpunt=keuze,
            blokken={b.slug for b in optioneel(profiel_voor(leerling.school))},
            toelichting=item,
            user=user,
            afleveren=False,
        )
    except services.ZorgvraagFout as fout:
        raise ZorgvraagStapMislukt(
            "De zorgvraag kon niet worden gemaakt: " + "; ".join(fout.meldingen)
        ) from None
    meld(f"Zorgvraag gemaakt ({services.profiel_label(zorgvraag)}) voor {keuze.label}.")

    zorgvraag = services.zorgvraag_afleveren(zorgvraag.pk, client=client_school)
    if zorgvraag.aflevering != Aflevering.VERZONDEN:
        raise ZorgvraagStapMislukt(f"De zorgvraag is niet afgeleverd: {zorgvraag.melding}")
    meld("Koppelsleutel ontvangen en notificatie afgeleverd bij het samenwerkingsverband.")

    aanvraag = Aanvraag.objects.filter(
        systeem=systeem, koppelsleutel=zorgvraag.koppelsleutel
    ).first()
    if aanvraag is None:
        raise ZorgvraagStapMislukt("Het referentie-SWV heeft de notificatie niet vastgelegd.")
    if aanvraag.status != AanvraagStatus.OPGEHAALD:
        aanvraag = swv.dossier_ophalen(aanvraag, client=client_swv)
    if aanvraag.status != AanvraagStatus.OPGEHAALD:
        raise ZorgvraagStapMislukt(f"Het SWV kon het dossier niet ophalen: {aanvraag.melding}")
    if aanvraag.controle:
        raise ZorgvraagStapMislukt(
            "Het opgehaalde SWV-dossier voldoet niet: " + "; ".join(aanvraag.controle)
        )
    meld("Het SWV heeft het SWV-dossier met de koppelsleutel opgehaald; XSD en regels in orde.")

    plekken = pgn_vindplaatsen(bytes(aanvraag.xml), [leerling.pgn or ""])
    if plekken:
        raise ZorgvraagStapMislukt(
            "Het SWV-dossier bevat het BSN of onderwijsnummer van de leerling: "
            + ", ".join(plekken)
        )
    meld("Geen BSN of onderwijsnummer in het dossier of de bijlagen.")

    verstuurd = swv.terugkoppeling_sturen(
        aanvraag,
        status=TerugkoppelingStatus.IN_BEHANDELING,
        bericht="Testuitwisseling: de aanvraag is in behandeling genomen.",
        client=client_swv,
    )
    if not swv.afgeleverd(verstuurd):
        raise ZorgvraagStapMislukt(
            f"De terugkoppeling is niet afgeleverd: {verstuurd.resultaat} {verstuurd.melding}"
        )
    if not Terugkoppeling.objects.filter(zorgvraag=zorgvraag).exists():
        raise ZorgvraagStapMislukt("De school heeft de terugkoppeling niet vastgelegd.")
    meld("Terugkoppeling (In behandeling) ontvangen door de school.")
    return zorgvraag
