"""The Traffic Center wire format: every OSO SOAP message, built and read in this one module.

The rest of the code works with the frozen dataclasses below; :func:`bouw` turns one into a SOAP
1.1 envelope (UTF-8 bytes with an XML declaration) and :func:`lees` turns an envelope back into the
dataclass named by its body element, or into a :class:`SoapFout` for a SOAP Fault.

The real Traffic Center WSDL is not public (STANDARD.md §3). The operations and their namespace
are confirmed; the messages' fields are the ones STANDARD.md names, element names are those
names in camelCase (``bronRouteringsKenmerk``), every element is qualified in the Overstapservice
namespace and carried in the order of the dataclass. Whatever is our own design (a field, a
result code, ``registreerAanleverpuntRequest``) says so where it is defined.

Reading trusts nothing, in the manner of :mod:`dossiers.xmlsafe`:

- a maximum size (``settings.OSO_MAX_BERICHT_BYTES``, default 60 MB: the dossier travels inside);
- only UTF-8 or UTF-16, the encodings WS-I Basic Profile allows, so that the check below sees the
  markup as it is;
- no DOCTYPE or ENTITY declaration anywhere (closes XXE and "billion laughs" at the door); the
  parser itself does not load a DTD, resolve entities or touch the network, and a DOCTYPE that
  got past the first check is refused before the first element is used;
- ``huge_tree`` is on because one Base64 document may exceed libxml2's 10 MB limit on a text node;
  instead we stream the input and stop at :data:`MAX_DIEPTE` levels or :data:`MAX_ELEMENTEN`
  elements;
- the envelope must be SOAP 1.1, the body must hold exactly one known message, every required
  field must be there and every value must have its format (GUID, UUID, dateTime, Base64, BRIN,
  routeringsKenmerk, code lists).

Every refusal is one :class:`OngeldigBericht` with a Dutch message and a machine ``code``. The
messages name fields but never repeat a value, and this module logs nothing: a zoeksleutel, a
pgnfrag or a dossier never reaches a log line from here. The dataclasses leave those fields out of
their ``repr`` as well.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import functools
import re
import types
import typing
import uuid
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, TypeAlias

from lxml import etree

from core.validators import BRINCODE_RE
from dossiers.regels import OVERDRACHT_BINNEN_BRIN, OVERSTAPDOSSIER, SWV_DOSSIER
from dossiers.xmlsafe import OngeldigeXml, veilig_parsen

SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope"
OSO_NS = "http://xml.kennisnet.nl/schemas/Overstapservice/20200910"
WSA_NS = "http://www.w3.org/2005/08/addressing"
WSA_FOUT_ACTIE = "http://www.w3.org/2005/08/addressing/soap/fault"
NSMAP = {"soapenv": SOAP_NS, "wsa": WSA_NS, "oso": OSO_NS}
CONTENT_TYPE = "text/xml; charset=utf-8"  # SOAP 1.1 over HTTP

MAX_BYTES_STANDAARD = 60 * 1024 * 1024
# Our deepest message is six levels (Envelope/Body/response/aanleverpunten/aanleverpunt/naam);
# room is left for a foreign SOAP Fault's detail.
MAX_DIEPTE = 32
# A full overzichtAanleverpuntResponse of every school in the country stays far below this.
MAX_ELEMENTEN = 500_000
# A dateTime without an offset is read as Dutch time (inferred: the TC is a Dutch service).
NEDERLANDSE_TIJD = zoneinfo.ZoneInfo("Europe/Amsterdam")


# --- the one error type ----------------------------------------------------------------------


class OngeldigBericht(Exception):  # noqa: N818 - the domain's own word
    """A message cannot be read or built. ``str(error)`` is Dutch and never contains a value
    from the message; ``code`` is machine-readable; ``veld`` names the element when there is one."""

    def __init__(self, melding: str, code: str, *, veld: str | None = None) -> None:
        super().__init__(melding)
        self.code = code
        self.veld = veld


# --- code lists ------------------------------------------------------------------------------


class Resultaatcode(StrEnum):
    """Result codes, spelt as the Kennisnet wiki spells them (STANDARD.md §3.3)."""

    OVERDRACHT_GESLAAGD = "OverdrachtGeslaagd"
    LEERLING_INFO_NIET_GEWIJZIGD = "LeerlingInfoNietGewijzigd"  # nothing newer than asked
    LEERLINGINFO_NIET_OPVRAAGBAAR = "LeerlinginfoNietOpvraagbaar"
    LEERLING_NIET_BEKEND = "LeerlingNietBekend"
    SESSIE_AFWIJKEND = "SessieAfwijkend"
    ONBEKEND_AANLEVERPUNT = "OnbekendAanleverpunt"
    GEEN_RELATIE_MET_DOEL = "GeenRelatieMetDoel"
    SESSIE_REEDS_AFGEMELD = "SessieReedsAfgemeld"
    VERSTREKKER_NIET_BEKEND = "VerstrekkerNietBekend"
    # truncated in the source as "VerstrekkerAanle..."; completed by us
    VERSTREKKER_AANLEVERPUNT_NIET_ACTIEF = "VerstrekkerAanleverpuntNietActief"
    NOTIFICATIE_ONTVANGEN = "NotificatieOntvangen"
    TERUGKOPPELING_ONTVANGEN = "TerugkoppelingOntvangen"
    AANLEVERPUNT_GEREGISTREERD = "AanleverpuntGeregistreerd"
    ONGELDIG_BERICHT = "OngeldigBericht"
    # Our own: the success of the operations whose success code is not public, and the
    # outcome a doel system reports when an aanleverpunt did not answer at all.
    SESSIE_GESTART = "SessieGestart"
    SESSIE_GELDIG = "SessieGeldig"
    SESSIE_AFGEMELD = "SessieAfgemeld"
    KOPPELSLEUTEL_UITGEGEVEN = "KoppelsleutelUitgegeven"
    TERUGKOPPELING_GEMELD = "TerugkoppelingGemeld"
    AANLEVERPUNTEN_GEVONDEN = "AanleverpuntenGevonden"
    AANLEVERPUNT_NIET_BEREIKBAAR = "AanleverpuntNietBereikbaar"

    @property
    def gebruikerscode(self) -> str:
        """The code as users see it (README, flow 3); the wire value for the others."""
        return _GEBRUIKERSCODES.get(self, self.value)


_GEBRUIKERSCODES = {
    Resultaatcode.LEERLING_NIET_BEKEND: "LEERLING_NIET_BEKEND",
    Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR: "LEERLINGINFO_NIET_OPVRAAGBAAR",
}

# afmeldingRequest reports the best ("hoogste") result over all aanleverpunten asked. Only
# OverdrachtGeslaagd's first place is public; the rest is our order: the nearer a result came to
# a dossier, the better.
AFMELDING_RANGORDE: tuple[Resultaatcode, ...] = (
    Resultaatcode.OVERDRACHT_GESLAAGD,
    Resultaatcode.LEERLING_INFO_NIET_GEWIJZIGD,  # known there, and we already have the latest
    Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR,  # known there, not klaargezet for us
    Resultaatcode.LEERLING_NIET_BEKEND,
    Resultaatcode.SESSIE_AFWIJKEND,
    Resultaatcode.GEEN_RELATIE_MET_DOEL,
    Resultaatcode.SESSIE_REEDS_AFGEMELD,
    Resultaatcode.VERSTREKKER_AANLEVERPUNT_NIET_ACTIEF,
    Resultaatcode.ONBEKEND_AANLEVERPUNT,
    Resultaatcode.VERSTREKKER_NIET_BEKEND,
    Resultaatcode.ONGELDIG_BERICHT,
    Resultaatcode.AANLEVERPUNT_NIET_BEREIKBAAR,
)
_RANG = {code: rang for rang, code in enumerate(AFMELDING_RANGORDE)}


def rang(code: Resultaatcode) -> int:
    """The place of ``code`` in :data:`AFMELDING_RANGORDE` (0 is best)."""
    try:
        return _RANG[Resultaatcode(code)]
    except (KeyError, ValueError):
        raise OngeldigBericht(
            "Deze resultaatcode hoort niet bij het afmelden van een sessie.", "ongeldige-waarde"
        ) from None


def beste_resultaat(resultaten: Iterable[Resultaatcode]) -> Resultaatcode:
    """The best result for afmeldingRequest. To know which aanleverpunt gave it (on a tie the
    one asked last), use ``min(reversed(antwoorden), key=lambda a: rang(a.resultaat))``."""
    codes = list(resultaten)
    if not codes:
        raise OngeldigBericht("Er is geen resultaat om af te melden.", "ontbrekend-veld")
    return min(codes, key=rang)


class Overdrachtsoort(StrEnum):
    """Codelijst 29, as in the dossier (the TC's own enumeration is unconfirmed, STANDARD §3.3)."""

    OVERSTAPDOSSIER = OVERSTAPDOSSIER
    BINNEN_BRIN = OVERDRACHT_BINNEN_BRIN
    SWV_DOSSIER = SWV_DOSSIER


class Sector(StrEnum):
    """The sector of a doel: a school's (PO, VO) or an SWV (``doel=SWV`` in notificatieRequest)."""

    PO = "PO"
    VO = "VO"
    SWV = "SWV"


class SoortAanleverpunt(StrEnum):
    """Who is behind an aanleverpunt; the same values as ``scholen.models.SoortAanleverpunt``."""

    SCHOOL = "school"
    REGIONAAL_PLATFORM = "regionaal_platform"
    SWV = "swv"


class TerugkoppelingStatus(StrEnum):
    """Our own list: the SWV's decision on a zorgvraag (no public code list exists)."""

    IN_BEHANDELING = "InBehandeling"
    AANVULLING_NODIG = "AanvullingNodig"
    TOEGEKEND = "Toegekend"
    AFGEWEZEN = "Afgewezen"
    AFGEROND = "Afgerond"


# --- value formats ---------------------------------------------------------------------------

_SWV_CODE_RE = re.compile(r"(PO|VO)[0-9]{2,4}")  # as scholen.models.Samenwerkingsverband.code
_ROUTERINGSKENMERK_RE = re.compile(r"[0-9A-Z]{20}")  # as scholen.models and pki.OIN_RE
_ZOEKSLEUTEL_RE = re.compile(r"[A-Za-z0-9+/_-]{1,4096}={0,2}")  # opaque Base64 (either alphabet)
_PGNFRAG_RE = re.compile(r"[0-9]{4}")
_URL_RE = re.compile(r"https?://[!-~]{1,2040}")
_UUID_RE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
_DATUMTIJD_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,12}))?(Z|[+-]\d{2}:\d{2})?"
)


def _is_brin(waarde: str) -> bool:
    # An SWV has no BRIN; its aanleverpunten carry its SWV code in the brin fields.
    return bool(BRINCODE_RE.fullmatch(waarde) or _SWV_CODE_RE.fullmatch(waarde))


def _regex(patroon: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda waarde: patroon.fullmatch(waarde) is not None


_BRIN = (_is_brin, "een BRIN (twee cijfers, twee hoofdletters) of een SWV-code (zoals PO2801)")
_KENMERK = (_regex(_ROUTERINGSKENMERK_RE), "20 cijfers of hoofdletters")
# Formats of text fields, by Python field name; these are codes, read without surrounding space.
_TEKSTFORMATEN: dict[str, tuple[Callable[[str], bool], str]] = {
    "brin": _BRIN,
    "bron_brin": _BRIN,
    "doel_brin": _BRIN,
    "routerings_kenmerk": _KENMERK,
    "bron_routerings_kenmerk": _KENMERK,
    "doel_routerings_kenmerk": _KENMERK,
    "zoeksleutel": (_regex(_ZOEKSLEUTEL_RE), "Base64-tekst van hoogstens 4096 tekens"),
    "pgnfrag": (_regex(_PGNFRAG_RE), "vier cijfers"),
    "url": (_regex(_URL_RE), "een http- of https-adres"),
    "doel_certificaat_fingerprint": (
        _regex(re.compile(r"[0-9a-f]{64}")),
        "een SHA-256-vingerafdruk (64 hexadecimale tekens)",
    ),
}
# characters XML 1.0 cannot carry (lxml would refuse them while building)
_NIET_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MAX_TEKST = {"naam": 500, "toelichting": 4000}
_MAX_TEKST_STANDAARD = 100_000
# GUIDs are written in capitals, as the wiki's example koppelsleutel; other UUIDs in lower case.
_GUID_VELDEN = frozenset({"koppelsleutel"})


# --- the messages ----------------------------------------------------------------------------


class _Struct:
    """Base of the messages and of :class:`Aanleverpunt`: checks every field on construction,
    so a message that exists is one that may be sent, and a message read is one that was valid."""

    ELEMENT: ClassVar[str]

    def __post_init__(self) -> None:
        for veld in _velden(type(self)):
            waarde = getattr(self, veld.naam)
            gecontroleerd = _controleer_waarde(veld, waarde)
            if gecontroleerd is not waarde:
                object.__setattr__(self, veld.naam, gecontroleerd)
        self._controleer_samenhang()

    def _controleer_samenhang(self) -> None:
        """Rules between fields; overridden where there are any."""


def _combinatie(melding: str) -> OngeldigBericht:
    return OngeldigBericht(melding, "ongeldige-combinatie")


class _MetSleutel(_Struct):
    """A session concerns one pupil, named by a zoeksleutel (overstap, binnen-brin) or by a
    koppelsleutel (SWV): exactly one of the two (STANDARD.md §3.1)."""

    zoeksleutel: str | None
    pgnfrag: str | None
    koppelsleutel: uuid.UUID | None
    overdrachtsoort: Overdrachtsoort

    def _controleer_samenhang(self) -> None:
        if (self.zoeksleutel is None) == (self.koppelsleutel is None):
            raise _combinatie("Geef precies een van zoeksleutel en koppelsleutel.")
        if self.pgnfrag is not None and self.zoeksleutel is None:
            raise _combinatie("Een pgnfrag hoort alleen bij een zoeksleutel.")
        if self.overdrachtsoort == Overdrachtsoort.SWV_DOSSIER and self.koppelsleutel is None:
            raise _combinatie(
                "Een SWV-dossier wordt met een koppelsleutel gevraagd, nooit met een PGN."
            )


class _Antwoord(_Struct):
    """A response: ``resultaat``, and the fields in ``_INHOUD`` present exactly on success."""

    _SUCCES: ClassVar[Resultaatcode]
    _INHOUD: ClassVar[tuple[str, ...]] = ()

    resultaat: Resultaatcode

    def _controleer_samenhang(self) -> None:
        geslaagd = self.resultaat == self._SUCCES
        for naam in self._INHOUD:
            if (getattr(self, naam) is not None) != geslaagd:
                raise _combinatie(
                    f"Het veld '{_camel(naam)}' hoort bij resultaat {self._SUCCES.value} "
                    "en alleen daarbij."
                )


@dataclass(frozen=True, kw_only=True)
class Aanleverpunt(_Struct):
    """An aanleverpunt as the TC lists it. ``url`` (where the LAS behind it answers) is ours:
    OSO'16 made systems register a URL per aanleverpunt, its field name is not public."""

    ELEMENT: ClassVar[str] = "aanleverpunt"

    brin: str
    routerings_kenmerk: str
    naam: str
    soort: SoortAanleverpunt
    actief: bool
    url: str | None = None


@dataclass(frozen=True, kw_only=True)
class OverdrachtRequest(_MetSleutel):
    """doel → TC: open a session for one dossier. ``bron_routerings_kenmerk`` asks one specific
    aanleverpunt of the bron school; without it the TC returns all active ones."""

    ELEMENT: ClassVar[str] = "overdrachtRequest"

    bron_brin: str
    bron_routerings_kenmerk: str | None = None
    doel_brin: str
    doel_routerings_kenmerk: str
    overdrachtsoort: Overdrachtsoort
    zoeksleutel: str | None = field(default=None, repr=False)
    pgnfrag: str | None = field(default=None, repr=False)  # OSO'22
    koppelsleutel: uuid.UUID | None = None


@dataclass(frozen=True, kw_only=True)
class OverdrachtResponse(_Antwoord):
    """TC → doel: the session and the bron school's active aanleverpunten."""

    ELEMENT: ClassVar[str] = "overdrachtResponse"
    _SUCCES: ClassVar[Resultaatcode] = Resultaatcode.SESSIE_GESTART
    _INHOUD: ClassVar[tuple[str, ...]] = ("sessie_id",)

    resultaat: Resultaatcode
    sessie_id: uuid.UUID | None = None
    aanleverpunten: tuple[Aanleverpunt, ...] = ()
    toelichting: str | None = None


@dataclass(frozen=True, kw_only=True)
class SessiecontroleRequest(_MetSleutel):
    """bron → TC: is this documentRequest part of a session the TC opened?"""

    ELEMENT: ClassVar[str] = "sessiecontroleRequest"

    sessie_id: uuid.UUID
    bron_brin: str
    bron_routerings_kenmerk: str
    doel_brin: str
    doel_routerings_kenmerk: str
    overdrachtsoort: Overdrachtsoort
    zoeksleutel: str | None = field(default=None, repr=False)
    pgnfrag: str | None = field(default=None, repr=False)
    koppelsleutel: uuid.UUID | None = None


@dataclass(frozen=True, kw_only=True)
class SessiecontroleResponse(_Antwoord):
    """TC → bron: valid (with the sector of the doel) or one of the session errors."""

    ELEMENT: ClassVar[str] = "sessiecontroleResponse"
    _SUCCES: ClassVar[Resultaatcode] = Resultaatcode.SESSIE_GELDIG
    _INHOUD: ClassVar[tuple[str, ...]] = ("sector",)

    resultaat: Resultaatcode
    sector: Sector | None = None
    toelichting: str | None = None
    # ours: the session's PGN encrypted to the bron's certificate (see
    # trafficcenter.services.zoeksleutel_voor); absent when the TC has no key of its own
    zoeksleutel: str | None = field(default=None, repr=False)
    # ours: the SHA-256 fingerprint of the certificate the session's doel aanleverpunt is bound
    # to; the bron serves the document only over a connection with that client certificate
    doel_certificaat_fingerprint: str | None = None


@dataclass(frozen=True, kw_only=True)
class AfmeldingRequest(_Struct):
    """doel → TC: close the session with the best result over all aanleverpunten asked.
    ``bron_routerings_kenmerk`` (ours) names the aanleverpunt that gave it."""

    ELEMENT: ClassVar[str] = "afmeldingRequest"

    sessie_id: uuid.UUID
    doel_brin: str
    doel_routerings_kenmerk: str
    resultaat: Resultaatcode
    bron_routerings_kenmerk: str | None = None

    def _controleer_samenhang(self) -> None:
        if self.resultaat not in _RANG:
            raise OngeldigBericht(
                "Deze resultaatcode hoort niet bij het afmelden van een sessie.",
                "ongeldige-waarde",
                veld="resultaat",
            )


@dataclass(frozen=True, kw_only=True)
class AfmeldingResponse(_Antwoord):
    ELEMENT: ClassVar[str] = "afmeldingResponse"
    _SUCCES: ClassVar[Resultaatcode] = Resultaatcode.SESSIE_AFGEMELD

    resultaat: Resultaatcode
    toelichting: str | None = None


@dataclass(frozen=True, kw_only=True)
class DocumentRequest(_MetSleutel):
    """doel → bron aanleverpunt: the dossier, or only one collected after
    ``dossier_verzameldatum`` (OSO'16)."""

    ELEMENT: ClassVar[str] = "documentRequest"

    sessie_id: uuid.UUID
    bron_brin: str
    bron_routerings_kenmerk: str
    doel_brin: str
    doel_routerings_kenmerk: str
    overdrachtsoort: Overdrachtsoort
    zoeksleutel: str | None = field(default=None, repr=False)
    pgnfrag: str | None = field(default=None, repr=False)
    koppelsleutel: uuid.UUID | None = None
    dossier_verzameldatum: dt.datetime | None = None


@dataclass(frozen=True, kw_only=True)
class DocumentResponse(_Antwoord):
    """bron → doel: the dossier (the OSO XML, Base64 in ``document``) with its collection
    moment, or why not (LeerlingNietBekend, LeerlinginfoNietOpvraagbaar,
    LeerlingInfoNietGewijzigd, a session error)."""

    ELEMENT: ClassVar[str] = "documentResponse"
    _SUCCES: ClassVar[Resultaatcode] = Resultaatcode.OVERDRACHT_GESLAAGD
    _INHOUD: ClassVar[tuple[str, ...]] = ("document",)

    resultaat: Resultaatcode
    document: bytes | None = field(default=None, repr=False)
    dossier_verzameldatum: dt.datetime | None = None
    toelichting: str | None = None


@dataclass(frozen=True, kw_only=True)
class MeldenNotificatieRequest(_Struct):
    """bron LAS → TC: announce a notificatie and get a koppelsleutel for it.

    ``zoeksleutel`` is ours (a changed overstapdossier): the pupil's PGN encrypted to the TC's
    certificate; the TC answers with the same PGN encrypted to the doel's registered
    certificate, for the notificatieRequest. An SWV never gets one."""

    ELEMENT: ClassVar[str] = "meldenNotificatieRequest"

    bron_brin: str
    bron_routerings_kenmerk: str
    doel_brin: str
    doel_routerings_kenmerk: str
    overdrachtsoort: Overdrachtsoort
    doel: Sector
    zoeksleutel: str | None = field(default=None, repr=False)

    def _controleer_samenhang(self) -> None:
        if self.doel == Sector.SWV and self.zoeksleutel is not None:
            raise _combinatie("Een samenwerkingsverband krijgt geen zoeksleutel (geen PGN).")


@dataclass(frozen=True, kw_only=True)
class MeldenNotificatieResponse(_Antwoord):
    ELEMENT: ClassVar[str] = "meldenNotificatieResponse"
    _SUCCES: ClassVar[Resultaatcode] = Resultaatcode.KOPPELSLEUTEL_UITGEGEVEN
    _INHOUD: ClassVar[tuple[str, ...]] = ("koppelsleutel",)

    resultaat: Resultaatcode
    koppelsleutel: uuid.UUID | None = None
    toelichting: str | None = None
    # ours: the request's PGN re-encrypted to the doel's certificate (see the request)
    zoeksleutel: str | None = field(default=None, repr=False)


@dataclass(frozen=True, kw_only=True)
class NotificatieRequest(_Struct):
    """bron LAS → doel aanleverpunt: a dossier is ready (a zorgvraag for an SWV, or a changed
    overstapdossier). ``overdrachtsoort``, ``zoeksleutel`` and ``dossier_verzameldatum`` are
    ours: a school's LAS needs them to find the pupil; an SWV never gets a zoeksleutel."""

    ELEMENT: ClassVar[str] = "notificatieRequest"

    bron_brin: str
    bron_routerings_kenmerk: str
    doel_brin: str
    doel_routerings_kenmerk: str
    koppelsleutel: uuid.UUID
    doel: Sector
    overdrachtsoort: Overdrachtsoort
    zoeksleutel: str | None = field(default=None, repr=False)
    dossier_verzameldatum: dt.datetime | None = None

    def _controleer_samenhang(self) -> None:
        if self.doel == Sector.SWV and self.zoeksleutel is not None:
            raise _combinatie("Een samenwerkingsverband krijgt geen zoeksleutel (geen PGN).")


@dataclass(frozen=True, kw_only=True)
class NotificatieResponse(_Antwoord):
    ELEMENT: ClassVar[str] = "notificatieResponse"
    _SUCCES: ClassVar[Resultaatcode] = Resultaatcode.NOTIFICATIE_ONTVANGEN

    resultaat: Resultaatcode
    toelichting: str | None = None


@dataclass(frozen=True, kw_only=True)
class MeldenTerugkoppelingRequest(_Struct):
    """SWV → TC: may I send a terugkoppeling? bron and doel keep their roles of the notificatie
    (bron is the school's LAS, doel the SWV)."""

    ELEMENT: ClassVar[str] = "meldenTerugkoppelingRequest"

    bron_brin: str
    bron_routerings_kenmerk: str
    doel_brin: str
    doel_routerings_kenmerk: str
    koppelsleutel: uuid.UUID


@dataclass(frozen=True, kw_only=True)
class MeldenTerugkoppelingResponse(_Antwoord):
    """TC → SWV: the school's aanleverpunt (with its URL) to send the terugkoppeling to."""

    ELEMENT: ClassVar[str] = "meldenTerugkoppelingResponse"
    _SUCCES: ClassVar[Resultaatcode] = Resultaatcode.TERUGKOPPELING_GEMELD
    _INHOUD: ClassVar[tuple[str, ...]] = ("aanleverpunt",)

    resultaat: Resultaatcode
    aanleverpunt: Aanleverpunt | None = None
    toelichting: str | None = None


@dataclass(frozen=True, kw_only=True)
class TerugkoppelingRequest(_Struct):
    """SWV → school's aanleverpunt: the feedback on a zorgvraag (one delivery attempt)."""

    ELEMENT: ClassVar[str] = "terugkoppelingRequest"

    bron_brin: str
    bron_routerings_kenmerk: str
    doel_brin: str
    doel_routerings_kenmerk: str
    koppelsleutel: uuid.UUID
    status: TerugkoppelingStatus
    bericht: str | None = None
    document: bytes | None = field(default=None, repr=False)  # ours: e.g. a beschikking


@dataclass(frozen=True, kw_only=True)
class TerugkoppelingResponse(_Antwoord):
    ELEMENT: ClassVar[str] = "terugkoppelingResponse"
    _SUCCES: ClassVar[Resultaatcode] = Resultaatcode.TERUGKOPPELING_ONTVANGEN

    resultaat: Resultaatcode
    toelichting: str | None = None


@dataclass(frozen=True, kw_only=True)
class OverzichtAanleverpuntRequest(_Struct):
    """LAS → TC: list aanleverpunten; every filter optional (use sparingly)."""

    ELEMENT: ClassVar[str] = "overzichtAanleverpuntRequest"

    brin: str | None = None
    doel: Sector | None = None
    routerings_kenmerk: str | None = None


@dataclass(frozen=True, kw_only=True)
class OverzichtAanleverpuntResponse(_Antwoord):
    ELEMENT: ClassVar[str] = "overzichtAanleverpuntResponse"
    _SUCCES: ClassVar[Resultaatcode] = Resultaatcode.AANLEVERPUNTEN_GEVONDEN

    resultaat: Resultaatcode
    aanleverpunten: tuple[Aanleverpunt, ...] = ()
    toelichting: str | None = None


# Our own operation: registration moved to OSR/KCR in 2022 and its interface is not public.
# Defined in the style of the others; actief=False takes an aanleverpunt out of use.
@dataclass(frozen=True, kw_only=True)
class RegistreerAanleverpuntRequest(_Struct):
    """LAS → TC: register (or update) an aanleverpunt and the URL where the LAS answers."""

    ELEMENT: ClassVar[str] = "registreerAanleverpuntRequest"

    brin: str
    routerings_kenmerk: str
    naam: str
    soort: SoortAanleverpunt
    sector: Sector
    url: str
    actief: bool = True


@dataclass(frozen=True, kw_only=True)
class RegistreerAanleverpuntResponse(_Antwoord):
    """TC → LAS: the aanleverpunt as registered."""

    ELEMENT: ClassVar[str] = "registreerAanleverpuntResponse"
    _SUCCES: ClassVar[Resultaatcode] = Resultaatcode.AANLEVERPUNT_GEREGISTREERD
    _INHOUD: ClassVar[tuple[str, ...]] = ("aanleverpunt",)

    resultaat: Resultaatcode
    aanleverpunt: Aanleverpunt | None = None
    toelichting: str | None = None


@dataclass(frozen=True, kw_only=True)
class SoapFout:
    """A SOAP 1.1 Fault. ``faultcode`` is written without prefix for the SOAP codes
    (``Client``, ``Server``, ``VersionMismatch``, ``MustUnderstand``, or dotted forms);
    ``detail`` carries a machine code (ours in ``oso:foutcode``; a foreign one as its text)."""

    faultcode: str
    faultstring: str
    faultactor: str | None = None
    detail: str | None = None

    def __post_init__(self) -> None:
        for naam in ("faultcode", "faultstring"):
            waarde = getattr(self, naam)
            if not isinstance(waarde, str) or not waarde.strip():
                raise OngeldigBericht(
                    f"Het veld '{naam}' van de SOAP-fout ontbreekt of is leeg.",
                    "ontbrekend-veld",
                    veld=naam,
                )
        for naam in ("faultactor", "detail"):
            waarde = getattr(self, naam)
            if waarde is not None and not isinstance(waarde, str):
                raise OngeldigBericht(
                    f"Het veld '{naam}' van de SOAP-fout is geen tekst.", "verkeerd-type", veld=naam
                )


BERICHTKLASSEN: tuple[type[_Struct], ...] = (
    OverdrachtRequest,
    OverdrachtResponse,
    SessiecontroleRequest,
    SessiecontroleResponse,
    AfmeldingRequest,
    AfmeldingResponse,
    DocumentRequest,
    DocumentResponse,
    MeldenNotificatieRequest,
    MeldenNotificatieResponse,
    NotificatieRequest,
    NotificatieResponse,
    MeldenTerugkoppelingRequest,
    MeldenTerugkoppelingResponse,
    TerugkoppelingRequest,
    TerugkoppelingResponse,
    OverzichtAanleverpuntRequest,
    OverzichtAanleverpuntResponse,
    RegistreerAanleverpuntRequest,
    RegistreerAanleverpuntResponse,
)
BERICHTTYPEN: Mapping[str, type[_Struct]] = types.MappingProxyType(
    {klasse.ELEMENT: klasse for klasse in BERICHTKLASSEN}
)

Bericht: TypeAlias = (
    OverdrachtRequest
    | OverdrachtResponse
    | SessiecontroleRequest
    | SessiecontroleResponse
    | AfmeldingRequest
    | AfmeldingResponse
    | DocumentRequest
    | DocumentResponse
    | MeldenNotificatieRequest
    | MeldenNotificatieResponse
    | NotificatieRequest
    | NotificatieResponse
    | MeldenTerugkoppelingRequest
    | MeldenTerugkoppelingResponse
    | TerugkoppelingRequest
    | TerugkoppelingResponse
    | OverzichtAanleverpuntRequest
    | OverzichtAanleverpuntResponse
    | RegistreerAanleverpuntRequest
    | RegistreerAanleverpuntResponse
    | SoapFout
)


@dataclass(frozen=True)
class Envelop:
    """A message read with its WS-Addressing header (both optional on the wire)."""

    bericht: Bericht
    actie: str | None = None
    bericht_id: str | None = None


# --- field descriptions ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Veld:
    naam: str  # the Python attribute
    element: str  # the element on the wire
    soort: type  # str, bool, bytes, uuid.UUID, dt.datetime, a StrEnum or an _Struct
    verplicht: bool
    herhaald: bool  # a tuple of _Struct, carried in a wrapper element


def _camel(naam: str) -> str:
    eerste, *rest = naam.split("_")
    return eerste + "".join(deel[:1].upper() + deel[1:] for deel in rest)


@functools.cache
def _velden(klasse: type) -> tuple[_Veld, ...]:
    hints = typing.get_type_hints(klasse)
    velden = []
    for veld in dataclasses.fields(klasse):
        hint = hints[veld.name]
        optioneel = False
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
            optioneel, hint = True, args[0]
        herhaald = typing.get_origin(hint) is tuple
        if herhaald:
            hint = typing.get_args(hint)[0]
        velden.append(
            _Veld(veld.name, _camel(veld.name), hint, not (optioneel or herhaald), herhaald)
        )
    return tuple(velden)


def _verkeerd_type(veld: _Veld) -> OngeldigBericht:
    return OngeldigBericht(
        f"Het veld '{veld.element}' heeft niet de verwachte soort waarde.",
        "verkeerd-type",
        veld=veld.element,
    )


def _controleer_waarde(veld: _Veld, waarde: Any) -> Any:
    if waarde is None:
        if veld.verplicht:
            raise OngeldigBericht(
                f"Het verplichte veld '{veld.element}' ontbreekt of is leeg.",
                "ontbrekend-veld",
                veld=veld.element,
            )
        return None
    if veld.herhaald:
        if isinstance(waarde, str | bytes) or not isinstance(waarde, Iterable):
            raise _verkeerd_type(veld)
        items = tuple(waarde)
        if not all(isinstance(item, veld.soort) for item in items):
            raise _verkeerd_type(veld)
        return items
    soort = veld.soort
    if isinstance(soort, type) and issubclass(soort, StrEnum):
        try:
            return soort(waarde)
        except ValueError:
            toegestaan = ", ".join(lid.value for lid in soort)
            raise OngeldigBericht(
                f"Het veld '{veld.element}' heeft een onbekende waarde; toegestaan: {toegestaan}.",
                "ongeldige-waarde",
                veld=veld.element,
            ) from None
    if soort is bytes and isinstance(waarde, bytearray | memoryview):
        waarde = bytes(waarde)
    if soort is bool and not isinstance(waarde, bool):
        raise _verkeerd_type(veld)
    if not isinstance(waarde, soort):
        raise _verkeerd_type(veld)
    if soort is dt.datetime and waarde.utcoffset() is None:
        raise OngeldigBericht(
            f"Het tijdstip in '{veld.element}' heeft geen tijdzone.",
            "ongeldige-datum",
            veld=veld.element,
        )
    if soort is bytes and not waarde:
        raise OngeldigBericht(
            f"Het document in '{veld.element}' is leeg.", "ontbrekend-veld", veld=veld.element
        )
    if soort is str:
        _controleer_tekst(veld, waarde)
    return waarde


def _controleer_tekst(veld: _Veld, waarde: str) -> None:
    if _NIET_IN_XML.search(waarde):
        raise OngeldigBericht(
            f"Het veld '{veld.element}' bevat tekens die in XML niet zijn toegestaan.",
            "ongeldige-tekens",
            veld=veld.element,
        )
    if not waarde.strip():
        raise OngeldigBericht(
            f"Het verplichte veld '{veld.element}' ontbreekt of is leeg.",
            "ontbrekend-veld",
            veld=veld.element,
        )
    formaat = _TEKSTFORMATEN.get(veld.naam)
    if formaat is not None:
        geldig, uitleg = formaat
        if not geldig(waarde):
            raise OngeldigBericht(
                f"Het veld '{veld.element}' heeft niet de juiste vorm: verwacht is {uitleg}.",
                "ongeldige-waarde",
                veld=veld.element,
            )
        return
    maximum = _MAX_TEKST.get(veld.naam, _MAX_TEKST_STANDAARD)
    if len(waarde) > maximum:
        raise OngeldigBericht(
            f"Het veld '{veld.element}' is te lang (hoogstens {maximum} tekens).",
            "te-lang",
            veld=veld.element,
        )


# --- building --------------------------------------------------------------------------------


def max_bytes() -> int:
    """The configured maximum size of an envelope in bytes."""
    try:
        from django.conf import settings

        return int(getattr(settings, "OSO_MAX_BERICHT_BYTES", MAX_BYTES_STANDAARD))
    except Exception:  # settings not configured: pure-Python use
        return MAX_BYTES_STANDAARD


def _q(namespace: str, naam: str) -> str:
    return f"{{{namespace}}}{naam}"


def actie(bericht: Bericht | type[_Struct] | type[SoapFout]) -> str:
    """The WS-Addressing Action (and HTTP SOAPAction) of a message: the Overstapservice namespace
    followed by the message name, or the WS-Addressing fault action for a SOAP Fault."""
    klasse = bericht if isinstance(bericht, type) else type(bericht)
    if issubclass(klasse, SoapFout):
        return WSA_FOUT_ACTIE
    return f"{OSO_NS}/{klasse.ELEMENT}"


def bouw(
    bericht: Bericht, *, bericht_id: uuid.UUID | None = None, max_grootte: int | None = None
) -> bytes:
    """The SOAP 1.1 envelope of ``bericht``: UTF-8 with an XML declaration; the header holds
    only ``wsa:Action`` and ``wsa:MessageID``."""
    if not isinstance(bericht, SoapFout) and type(bericht) not in BERICHTKLASSEN:
        raise TypeError(f"bouw kent geen bericht van het type {type(bericht).__name__}")
    envelop = etree.Element(_q(SOAP_NS, "Envelope"), nsmap=NSMAP)
    kop = etree.SubElement(envelop, _q(SOAP_NS, "Header"))
    etree.SubElement(kop, _q(WSA_NS, "Action")).text = actie(bericht)
    etree.SubElement(kop, _q(WSA_NS, "MessageID")).text = f"urn:uuid:{bericht_id or uuid.uuid4()}"
    body = etree.SubElement(envelop, _q(SOAP_NS, "Body"))
    try:
        if isinstance(bericht, SoapFout):
            _schrijf_fout(body, bericht)
        else:
            _schrijf_struct(body, bericht)
    except ValueError:  # lxml refuses text that XML cannot hold (control characters)
        raise OngeldigBericht(
            "Het bericht bevat tekens die in XML niet zijn toegestaan.", "ongeldige-tekens"
        ) from None
    data = etree.tostring(envelop, xml_declaration=True, encoding="UTF-8")
    limiet = max_bytes() if max_grootte is None else max_grootte
    if len(data) > limiet:
        raise _te_groot(len(data), limiet)
    return data


def _schrijf_struct(ouder: etree._Element, struct: _Struct, element: str | None = None) -> None:
    el = etree.SubElement(ouder, _q(OSO_NS, element or struct.ELEMENT))
    for veld in _velden(type(struct)):
        waarde = getattr(struct, veld.naam)
        if veld.herhaald:
            lijst = etree.SubElement(el, _q(OSO_NS, veld.element))
            for item in waarde:
                _schrijf_struct(lijst, item)
        elif waarde is None:
            continue
        elif isinstance(waarde, _Struct):
            _schrijf_struct(el, waarde, veld.element)
        else:
            etree.SubElement(el, _q(OSO_NS, veld.element)).text = _als_tekst(veld, waarde)


def _als_tekst(veld: _Veld, waarde: Any) -> str:
    if isinstance(waarde, StrEnum):
        return waarde.value
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, uuid.UUID):
        return str(waarde).upper() if veld.naam in _GUID_VELDEN else str(waarde)
    if isinstance(waarde, dt.datetime):
        return waarde.isoformat(timespec="microseconds" if waarde.microsecond else "seconds")
    if isinstance(waarde, bytes):
        return base64.b64encode(waarde).decode("ascii")
    return waarde


def _schrijf_fout(body: etree._Element, fout: SoapFout) -> None:
    el = etree.SubElement(body, _q(SOAP_NS, "Fault"))
    # Fault's children are unqualified (SOAP 1.1 §4.4); the SOAP codes take the envelope prefix.
    code = fout.faultcode if ":" in fout.faultcode else f"soapenv:{fout.faultcode}"
    etree.SubElement(el, "faultcode").text = code
    etree.SubElement(el, "faultstring").text = fout.faultstring
    if fout.faultactor is not None:
        etree.SubElement(el, "faultactor").text = fout.faultactor
    if fout.detail is not None:
        detail = etree.SubElement(el, "detail")
        etree.SubElement(detail, _q(OSO_NS, "foutcode")).text = fout.detail


def soapfout_voor(fout: OngeldigBericht) -> SoapFout:
    """The SOAP Fault that answers a message refused with ``fout``."""
    return SoapFout(faultcode="Client", faultstring=str(fout), detail=fout.code)


# --- reading ---------------------------------------------------------------------------------


def lees(data: bytes, *, max_grootte: int | None = None) -> Bericht:
    """The message in a SOAP 1.1 envelope; raise :class:`OngeldigBericht` when it is refused."""
    return lees_envelop(data, max_grootte=max_grootte).bericht


def lees_envelop(data: bytes, *, max_grootte: int | None = None) -> Envelop:
    """As :func:`lees`, with the WS-Addressing Action and MessageID when they were sent."""
    envelop = _parse(data, max_grootte)
    kop, body = _delen(envelop)
    gezien_actie, bericht_id = _lees_kop(kop) if kop is not None else (None, None)
    inhoud = _enig_bericht(body)
    bericht: Bericht
    if inhoud.tag == _q(SOAP_NS, "Fault"):
        bericht = _lees_fout(inhoud)
    else:
        klasse = BERICHTTYPEN.get(etree.QName(inhoud).localname)
        if klasse is None or etree.QName(inhoud).namespace != OSO_NS:
            raise OngeldigBericht(
                "Het bericht is onbekend: verwacht is een OSO-bericht in namespace "
                f"'{OSO_NS}', zoals overdrachtRequest of documentRequest.",
                "onbekend-bericht",
            )
        bericht = typing.cast(Bericht, _lees_struct(klasse, inhoud))
        _controleer_actie(gezien_actie, klasse)
    return Envelop(bericht=bericht, actie=gezien_actie, bericht_id=bericht_id)


def _te_groot(grootte: int, limiet: int) -> OngeldigBericht:
    return OngeldigBericht(
        f"Het bericht is te groot ({grootte / 1_048_576:.1f} MB); "
        f"de grens is {limiet / 1_048_576:.0f} MB.",
        "te-groot",
    )


def _parse(data: bytes, max_grootte: int | None) -> etree._Element:
    """The envelope, through the project's one safe parse function (:mod:`dossiers.xmlsafe`)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("lees verwacht bytes")
    try:
        return veilig_parsen(
            bytes(data),
            max_grootte=max_bytes() if max_grootte is None else max_grootte,
            max_diepte=MAX_DIEPTE,
            max_elementen=MAX_ELEMENTEN,
            onderwerp="Het bericht",
        )
    except OngeldigeXml as fout:
        raise OngeldigBericht(str(fout), fout.code) from None


def _kort(tekst: str, lengte: int = 80) -> str:
    """A name or parser message from the input, cut short before it goes into a message."""
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def _onverwacht(waar: str) -> OngeldigBericht:
    return OngeldigBericht(f"Onverwachte inhoud in {waar}.", "onverwachte-inhoud")


def _geen_tekst(tekst: str | None, waar: str) -> None:
    if tekst is not None and tekst.strip():
        raise _onverwacht(waar)


def _kinderen(element: etree._Element, waar: str) -> list[etree._Element]:
    """The child elements; text between them (other than white space) is refused."""
    _geen_tekst(element.text, waar)
    kinderen = []
    for kind in element:
        if not isinstance(kind.tag, str):  # an entity reference; cannot occur without DOCTYPE
            raise _onverwacht(waar)
        _geen_tekst(kind.tail, waar)
        kinderen.append(kind)
    return kinderen


def _delen(envelop: etree._Element) -> tuple[etree._Element | None, etree._Element]:
    if envelop.tag != _q(SOAP_NS, "Envelope"):
        qname = etree.QName(envelop)
        if qname.localname == "Envelope":
            versie = " (SOAP 1.2 wordt niet ondersteund)" if qname.namespace == SOAP12_NS else ""
            raise OngeldigBericht(
                f"De SOAP-envelop heeft een verkeerde namespace{versie}; verwacht is SOAP 1.1 "
                f"('{SOAP_NS}').",
                "verkeerde-namespace",
            )
        raise OngeldigBericht("Het bericht is geen SOAP-envelop.", "geen-envelop")
    kinderen = _kinderen(envelop, "de SOAP-envelop")
    kop = None
    if kinderen and kinderen[0].tag == _q(SOAP_NS, "Header"):
        kop = kinderen.pop(0)
    if len(kinderen) != 1 or kinderen[0].tag != _q(SOAP_NS, "Body"):
        raise OngeldigBericht(
            "De SOAP-envelop moet precies een Body hebben, eventueel na een Header.", "geen-body"
        )
    return kop, kinderen[0]


def _lees_kop(kop: etree._Element) -> tuple[str | None, str | None]:
    gelezen: dict[str, str | None] = {}
    for blok in _kinderen(kop, "de SOAP-header"):
        naam = {_q(WSA_NS, "Action"): "Action", _q(WSA_NS, "MessageID"): "MessageID"}.get(blok.tag)
        if naam is None:
            # SOAP 1.1 §4.2.3: a header block we do not know may be skipped unless it must be
            # understood.
            if blok.get(_q(SOAP_NS, "mustUnderstand"), "0").strip() in ("1", "true"):
                raise OngeldigBericht(
                    "Het bericht heeft een header die verplicht begrepen moet worden maar "
                    "onbekend is.",
                    "niet-begrepen-header",
                )
            continue
        if naam in gelezen:
            raise OngeldigBericht(
                f"De header bevat wsa:{naam} meer dan eens.", "dubbel-veld", veld=naam
            )
        waarde = (blok.text or "").strip() or None
        if len(blok) or (waarde is not None and len(waarde) > 1000):
            raise OngeldigBericht(
                f"De header wsa:{naam} heeft niet de juiste vorm.", "ongeldige-waarde", veld=naam
            )
        gelezen[naam] = waarde
    return gelezen.get("Action"), gelezen.get("MessageID")


def _controleer_actie(gezien: str | None, klasse: type[_Struct]) -> None:
    if gezien is None or gezien in (actie(klasse), klasse.ELEMENT):
        return
    raise OngeldigBericht(
        f"De wsa:Action van het bericht past niet bij {klasse.ELEMENT}.", "actie-wijkt-af"
    )


def _enig_bericht(body: etree._Element) -> etree._Element:
    kinderen = _kinderen(body, "de SOAP-body")
    if len(kinderen) != 1:
        raise OngeldigBericht(
            f"De SOAP-body moet precies een bericht bevatten, niet {len(kinderen)}.",
            "geen-bericht" if not kinderen else "meerdere-berichten",
        )
    return kinderen[0]


def _lees_struct(klasse: type[_Struct], element: etree._Element) -> _Struct:
    velden = {veld.element: veld for veld in _velden(klasse)}
    waar = f"'{_kort(etree.QName(element).localname)}'"
    gelezen: dict[str, Any] = {}
    for kind in _kinderen(element, waar):
        qname = etree.QName(kind)
        veld = velden.get(qname.localname)
        # qualified as we write them; unqualified is tolerated (elementFormDefault unknown)
        if veld is None or qname.namespace not in (OSO_NS, None):
            raise OngeldigBericht(
                f"{waar} bevat een onbekend veld '{_kort(qname.localname)}'.",
                "onbekend-veld",
                veld=_kort(qname.localname),
            )
        if veld.naam in gelezen:
            raise OngeldigBericht(
                f"Het veld '{veld.element}' komt meer dan eens voor.",
                "dubbel-veld",
                veld=veld.element,
            )
        gelezen[veld.naam] = _lees_veld(veld, kind)
    for veld in velden.values():
        if veld.verplicht and veld.naam not in gelezen:
            raise OngeldigBericht(
                f"Het verplichte veld '{veld.element}' ontbreekt in {waar}.",
                "ontbrekend-veld",
                veld=veld.element,
            )
    return klasse(**gelezen)


def _lees_veld(veld: _Veld, element: etree._Element) -> Any:
    if veld.herhaald:
        items = []
        for kind in _kinderen(element, f"'{veld.element}'"):
            if etree.QName(kind).localname != veld.soort.ELEMENT or etree.QName(
                kind
            ).namespace not in (OSO_NS, None):
                raise OngeldigBericht(
                    f"'{veld.element}' bevat iets anders dan '{veld.soort.ELEMENT}'.",
                    "onbekend-veld",
                    veld=veld.element,
                )
            items.append(_lees_struct(veld.soort, kind))
        return tuple(items)
    if issubclass(veld.soort, _Struct):
        return _lees_struct(veld.soort, element)
    if len(element):
        raise OngeldigBericht(
            f"Het veld '{veld.element}' hoort alleen tekst te bevatten.",
            "ongeldige-waarde",
            veld=veld.element,
        )
    tekst = element.text or ""
    if not tekst.strip():
        return None  # the constructor refuses it when the field is required
    if veld.soort is str:
        return tekst.strip() if veld.naam in _TEKSTFORMATEN else tekst
    tekst = tekst.strip()
    if veld.soort is uuid.UUID:
        return _lees_uuid(veld, tekst)
    if veld.soort is dt.datetime:
        return _lees_datumtijd(veld, tekst)
    if veld.soort is bytes:
        return _lees_base64(veld, tekst)
    if veld.soort is bool:
        if tekst in ("true", "1"):
            return True
        if tekst in ("false", "0"):
            return False
        raise OngeldigBericht(
            f"Het veld '{veld.element}' moet true of false zijn.",
            "ongeldige-waarde",
            veld=veld.element,
        )
    return tekst  # a code: the constructor checks it against its list


def _lees_uuid(veld: _Veld, tekst: str) -> uuid.UUID:
    if not _UUID_RE.fullmatch(tekst):
        soort = "GUID" if veld.naam in _GUID_VELDEN else "UUID"
        raise OngeldigBericht(
            f"Het veld '{veld.element}' is geen geldige {soort} "
            "(zoals 19677A96-B737-402E-B3B8-24A3EEF32000).",
            f"ongeldige-{soort.lower()}",
            veld=veld.element,
        )
    return uuid.UUID(tekst)


def _lees_datumtijd(veld: _Veld, tekst: str) -> dt.datetime:
    delen = _DATUMTIJD_RE.fullmatch(tekst)
    fout = OngeldigBericht(
        f"Het veld '{veld.element}' is geen geldig tijdstip (zoals 2024-05-01T13:45:00+02:00).",
        "ongeldige-datum",
        veld=veld.element,
    )
    if delen is None:
        raise fout
    jaar, maand, dag, uur, minuut, seconde, fractie, zone = delen.groups()
    try:
        tzinfo: dt.tzinfo = NEDERLANDSE_TIJD
        if zone == "Z":
            tzinfo = dt.UTC
        elif zone:
            teken = -1 if zone[0] == "-" else 1
            verschil = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
            tzinfo = dt.timezone(teken * verschil)
        microseconde = int((fractie or "0")[:6].ljust(6, "0"))
        return dt.datetime(
            int(jaar),
            int(maand),
            int(dag),
            int(uur),
            int(minuut),
            int(seconde),
            microseconde,
            tzinfo=tzinfo,
        )
    except ValueError:  # month 13, offset of 24 hours, ...
        raise fout from None


def _lees_base64(veld: _Veld, tekst: str) -> bytes:
    try:
        return base64.b64decode("".join(tekst.split()), validate=True)
    except (binascii.Error, ValueError):
        raise OngeldigBericht(
            f"Het veld '{veld.element}' is geen geldige Base64.",
            "ongeldig-base64",
            veld=veld.element,
        ) from None


def _lees_fout(element: etree._Element) -> SoapFout:
    gelezen: dict[str, etree._Element] = {}
    for kind in _kinderen(element, "de SOAP-fout"):
        qname = etree.QName(kind)
        # unqualified per SOAP 1.1; qualified ones are tolerated, unknown ones skipped
        naam = qname.localname
        if qname.namespace in (None, SOAP_NS) and naam in (
            "faultcode",
            "faultstring",
            "faultactor",
            "detail",
        ):
            if naam in gelezen:
                raise OngeldigBericht(
                    f"De SOAP-fout bevat '{naam}' meer dan eens.", "dubbel-veld", veld=naam
                )
            gelezen[naam] = kind
    for naam in ("faultcode", "faultstring"):
        if naam not in gelezen:
            raise OngeldigBericht(f"De SOAP-fout mist '{naam}'.", "ontbrekend-veld", veld=naam)
    code = (gelezen["faultcode"].text or "").strip()
    prefix, _, lokaal = code.rpartition(":")
    if prefix and gelezen["faultcode"].nsmap.get(prefix) == SOAP_NS:
        code = lokaal
    actor = gelezen.get("faultactor")
    actor_tekst = (actor.text or "").strip() if actor is not None else ""
    return SoapFout(
        faultcode=code,
        faultstring=gelezen["faultstring"].text or "",
        faultactor=actor_tekst or None,
        detail=_lees_detail(gelezen.get("detail")),
    )


def _lees_detail(detail: etree._Element | None) -> str | None:
    if detail is None:
        return None
    eigen = detail.find(_q(OSO_NS, "foutcode"))
    tekst = (eigen.text or "") if eigen is not None else " ".join(detail.itertext())
    tekst = " ".join(tekst.split())
    return _kort(tekst, 2000) or None
