"""What the protocol's result codes mean to school staff: the manual's words, the next step,
and whether trying again can help. The code itself stays visible as a detail for support.

One place for every screen that shows a result (Dossieraanvragen, the outcome of a request,
the request history)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .berichten import Resultaatcode as R

# how a result reads in a list (the manual: "succesvol ontvangen")
RESULTAAT_TEKST = {
    R.OVERDRACHT_GESLAAGD: _("succesvol ontvangen"),
    R.LEERLING_INFO_NIET_GEWIJZIGD: _("geen nieuwere versie"),
    R.LEERLINGINFO_NIET_OPVRAAGBAAR: _("niet klaargezet voor de aanvrager"),
    R.LEERLING_NIET_BEKEND: _("leerling niet bekend"),
    R.SESSIE_AFWIJKEND: _("uitwisseling niet bevestigd"),
    R.ONBEKEND_AANLEVERPUNT: _("aanleverpunt onbekend"),
    R.GEEN_RELATIE_MET_DOEL: _("geen relatie met de aanvrager"),
    R.SESSIE_REEDS_AFGEMELD: _("uitwisseling al afgesloten"),
    R.VERSTREKKER_NIET_BEKEND: _("school van herkomst niet bekend bij OSO"),
    R.VERSTREKKER_AANLEVERPUNT_NIET_ACTIEF: _("aanleverpunt school van herkomst niet actief"),
    R.NOTIFICATIE_ONTVANGEN: _("notificatie ontvangen"),
    R.TERUGKOPPELING_ONTVANGEN: _("terugkoppeling ontvangen"),
    R.AANLEVERPUNT_GEREGISTREERD: _("aanleverpunt geregistreerd"),
    R.ONGELDIG_BERICHT: _("ongeldig bericht"),
    R.SESSIE_GESTART: _("uitwisseling gestart"),
    R.SESSIE_GELDIG: _("uitwisseling bevestigd"),
    R.SESSIE_AFGEMELD: _("uitwisseling afgesloten"),
    R.KOPPELSLEUTEL_UITGEGEVEN: _("koppelsleutel uitgegeven"),
    R.TERUGKOPPELING_GEMELD: _("terugkoppeling gemeld"),
    R.AANLEVERPUNTEN_GEVONDEN: _("aanleverpunten gevonden"),
    R.AANLEVERPUNT_NIET_BEREIKBAAR: _("school van herkomst niet bereikbaar"),
}

# the results a school of origin can give to a dossier request (the Dossieraanvragen filter)
AANVRAAG_RESULTATEN = (
    R.OVERDRACHT_GESLAAGD,
    R.LEERLING_INFO_NIET_GEWIJZIGD,
    R.LEERLINGINFO_NIET_OPVRAAGBAAR,
    R.LEERLING_NIET_BEKEND,
    R.SESSIE_AFWIJKEND,
)


def resultaat_tekst(code: str) -> str:
    try:
        return str(RESULTAAT_TEKST[R(code)])
    except (KeyError, ValueError):
        return code or "-"


@dataclass(frozen=True)
class Uitleg:
    titel: str
    uitleg: str
    volgende_stap: str
    opnieuw_zinvol: bool  # "Opnieuw proberen" can help (a technical or passing cause)
    code: str = ""


_KAN_NIET = _("Er is geen dossier ontvangen.")

_UITLEG = {
    R.LEERLING_NIET_BEKEND: (
        _("De school van herkomst kent deze leerling niet."),
        _(
            "Controleer de BRIN-code van de school van herkomst en het BSN of onderwijsnummer "
            "van de leerling. Klopt het nummer, vraag dan de school van herkomst of de leerling "
            "daar met dit nummer staat ingeschreven. Vraag het dossier daarna opnieuw op."
        ),
        False,
    ),
    R.LEERLINGINFO_NIET_OPVRAAGBAAR: (
        _(
            "De school van herkomst kent de leerling, maar heeft het dossier niet voor uw school "
            "klaargezet."
        ),
        _(
            "Vraag de school van herkomst het overstapdossier (nogmaals) voor uw school klaar te "
            "zetten. Vraag het dossier op zodra dat is gebeurd."
        ),
        False,
    ),
    R.LEERLING_INFO_NIET_GEWIJZIGD: (
        _("Er staat geen nieuwere versie klaar dan het dossier dat u al heeft geïmporteerd."),
        _(
            "U hoeft niets te doen. Vraag het later opnieuw op als de school een nieuwe versie "
            "klaarzet (u krijgt dan een notificatie)."
        ),
        False,
    ),
    R.VERSTREKKER_NIET_BEKEND: (
        _("De school van herkomst is niet bij OSO aangesloten, of de BRIN-code klopt niet."),
        _(
            "Controleer de BRIN-code. Is die juist, vraag de school dan of zij is aangesloten "
            "op OSO; opnieuw proberen helpt niet."
        ),
        False,
    ),
    R.ONBEKEND_AANLEVERPUNT: (
        _("Het aanleverpunt is niet bekend bij het Traffic Center."),
        _(
            "Controleer de BRIN-code van de school van herkomst, en onder School > OSO > "
            "OSO-registratie of uw eigen aanleverpunt is geregistreerd."
        ),
        False,
    ),
    R.GEEN_RELATIE_MET_DOEL: (
        _("Het Traffic Center staat deze uitwisseling tussen de twee scholen niet toe."),
        _("Neem contact op met de school van herkomst of met de helpdesk."),
        False,
    ),
    R.VERSTREKKER_AANLEVERPUNT_NIET_ACTIEF: (
        _("Het aanleverpunt van de school van herkomst is niet actief."),
        _(
            "Vraag de school van herkomst haar OSO-registratie te controleren, en probeer het "
            "daarna opnieuw."
        ),
        True,
    ),
    R.AANLEVERPUNT_NIET_BEREIKBAAR: (
        _("De school van herkomst was niet bereikbaar."),
        _("Dit is meestal tijdelijk. Probeer het later opnieuw."),
        True,
    ),
    R.SESSIE_AFWIJKEND: (
        _("De uitwisseling kon niet worden bevestigd (bijvoorbeeld verlopen)."),
        _("Probeer het opnieuw."),
        True,
    ),
    R.SESSIE_REEDS_AFGEMELD: (
        _("Deze uitwisseling was al afgesloten."),
        _("Vraag het dossier opnieuw op."),
        True,
    ),
    R.ONGELDIG_BERICHT: (
        _("Het antwoord van de school van herkomst kon niet worden gelezen."),
        _(
            "Probeer het opnieuw. Blijft dit gebeuren, neem dan contact op met de helpdesk en "
            "noem de code hieronder."
        ),
        True,
    ),
}


def uitleg(opvraging) -> Uitleg | None:
    """The explanation of a request that did not give a dossier, or None when it did."""
    if opvraging.resultaat == R.OVERDRACHT_GESLAAGD or opvraging.status == "bezig":
        return None
    try:
        code = R(opvraging.resultaat) if opvraging.resultaat else None
    except ValueError:
        code = None
    if code in _UITLEG:
        titel, stap, opnieuw = _UITLEG[code]
        return Uitleg(str(titel), str(_KAN_NIET), str(stap), opnieuw, code.gebruikerscode)
    if opvraging.status == "mislukt":
        return Uitleg(
            str(_("De aanvraag is niet gelukt door een technische storing.")),
            str(_KAN_NIET),
            str(_("Probeer het opnieuw; dat gebeurt op de achtergrond.")),
            True,
            opvraging.resultaat or "",
        )
    return None
