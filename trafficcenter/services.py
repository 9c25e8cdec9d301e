"""The reference Traffic Center's rules: one function per operation.

Each function takes the caller's client certificate and a request from
:mod:`trafficcenter_client.berichten` and returns the response dataclass; the SOAP view
(:mod:`trafficcenter.views`) only reads, dispatches through :func:`verwerk` and writes. Every call
writes one :class:`~trafficcenter.models.TcBerichtlog` row, whatever its outcome.

What the public material says (STANDARD.md §3-5) is followed; the rest is **our own design**:

- **Who may act for an aanleverpunt.** An aanleverpunt is bound to the certificate that registered
  it (its SHA-256 fingerprint); only that certificate may act for it. A certificate that does not
  match the aanleverpunt it claims is not a business result but a refusal, :class:`Geweigerd`,
  which the view answers with a SOAP Fault (the real TC gives "a TLS/client-certificate fault").
  Every caller's certificate must carry an OIN in its Subject serialNumber (Edukoppeling).
- **Result codes** are those of :class:`~trafficcenter_client.berichten.Resultaatcode`. Where the
  public list has no code for a case we chose the nearest: an unknown, foreign or inactive
  aanleverpunt of the *doel* is ``OnbekendAanleverpunt``; an inactive aanleverpunt of the bron is
  ``VerstrekkerAanleverpuntNietActief``; a bron school without any active aanleverpunt is
  ``VerstrekkerNietBekend``; an unknown session is ``SessieAfwijkend`` (we never say which field
  differs: that would be an oracle); a request the rules refuse (an overdrachtsoort that does not
  fit the doel, a zoeksleutel the TC cannot read) is ``OngeldigBericht`` with a ``toelichting``.
- **The zoeksleutel broker.** The doel encrypts the PGN to the TC's own certificate
  (``settings.OSO_TC_CERT``); the TC keeps only that ciphertext and, after a valid
  sessiecontrole, hands the bron the same PGN encrypted to the bron's certificate
  (:func:`zoeksleutel_voor`). ``SessiecontroleResponse`` has no field for it yet, so for now that
  step is a service of its own. When the TC has no key configured it treats the zoeksleutel as an
  opaque string and only compares it.
- **Sessions expire.** A session is valid for ``OSO_TC_SESSIE_GELDIG_MINUTEN`` minutes (15 by
  default) after overdracht. A sessiecontrole or afmelding after that is ``SessieAfwijkend``
  with toelichting "De sessie is verlopen.": the public list has no code of its own for it, and
  SessieAfwijkend already means "this is not (or no longer) a session you may act on" to every
  LAS; an invented code would be an unreadable answer to a LAS that follows the public list.
  ``SessieReedsAfgemeld`` keeps precedence: a closed session says so, expired or not.
- **Notificatie zoeksleutel (ours).** A bron that notifies a school about a changed
  overstapdossier puts the PGN, encrypted to the TC's certificate, in meldenNotificatie; the TC
  answers with the same PGN encrypted to the certificate the doel aanleverpunt is registered
  with, which the doel LAS decrypts with its own key to find the pupil. The TC keeps neither;
  the bron never needs the doel's certificate, and no PGN travels in the clear.
- **Koppelsleutel.** meldenNotificatie issues one for bron aanleverpunt → doel aanleverpunt and
  overdrachtsoort; a session opened with it is routed to that bron aanleverpunt only, and a
  terugkoppeling is accepted only from that doel, when it is an SWV.
"""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import logging
import os
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from cryptography import x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.validators import BRINCODE_RE
from trafficcenter_client import berichten as b
from trafficcenter_client import pki
from trafficcenter_client.berichten import Overdrachtsoort, Resultaatcode, Sector
from trafficcenter_client.zoeksleutel import OngeldigeZoeksleutel, ontsleutel, versleutel

from .models import (
    SoortAanleverpunt,
    TcAanleverpunt,
    TcBerichtlog,
    TcKoppeling,
    TcMandaat,
    TcSessie,
    TcSessieGebruik,
)

logger = logging.getLogger(__name__)

# A school's aanleverpunt follows its OIN: 00000007000 + BRIN + five digits (STANDARD.md §5).
_SCHOOL_KENMERK_RE = re.compile(r"00000007000([0-9]{2}[A-Z]{2})[0-9]{5}")
_SWV_CODE_RE = re.compile(r"(PO|VO)[0-9]{2,4}")


class Geweigerd(Exception):  # noqa: N818 - the domain's own word
    """The TC refuses the call itself (not a business result): the view answers with a SOAP
    Fault, faultcode Client. ``str(error)`` is Dutch; ``code`` is machine-readable."""

    def __init__(self, melding: str, code: str) -> None:
        super().__init__(melding)
        self.code = code


class _Afwijzing(Exception):  # noqa: N818
    """A business result other than success; :func:`_operatie` turns it into the response."""

    def __init__(self, code: Resultaatcode, toelichting: str) -> None:
        super().__init__(toelichting)
        self.code = code
        self.toelichting = toelichting


@dataclass(frozen=True)
class Beller:
    """The caller as the TC knows it: its certificate, the OIN in it and its fingerprint."""

    certificaat: x509.Certificate
    oin: str
    fingerprint: str


def beller_uit_certificaat(certificaat: x509.Certificate) -> Beller:
    oin = pki.oin_uit_certificaat(certificaat)
    if oin is None:
        raise Geweigerd(
            "Het clientcertificaat bevat geen OIN in het Subject-serialNumber.", "geen-oin"
        )
    return Beller(certificaat, oin, pki.fingerprint(certificaat))


# --- the TC's own certificate and key --------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _laad_sleutelpaar(
    cert_pad: str, key_pad: str, _versie: tuple[int, int]
) -> tuple[x509.Certificate, pki.PrivateKey]:
    return pki.laad_certificaat(cert_pad), pki.laad_sleutel(key_pad)


def tc_sleutelpaar() -> tuple[x509.Certificate, pki.PrivateKey] | None:
    """The TC's certificate and key (``OSO_TC_CERT``, ``OSO_TC_KEY``), or None when not set.
    Read again when either file changes."""
    cert_pad = getattr(settings, "OSO_TC_CERT", None)
    key_pad = getattr(settings, "OSO_TC_KEY", None)
    if not cert_pad or not key_pad:
        return None
    versie = (os.stat(cert_pad).st_mtime_ns, os.stat(key_pad).st_mtime_ns)
    return _laad_sleutelpaar(os.fspath(cert_pad), os.fspath(key_pad), versie)


# --- logging every call ----------------------------------------------------------------------

V = TypeVar("V")
A = TypeVar("A")


def _partijen(verzoek: Any) -> dict[str, str]:
    # registreer and overzicht name one aanleverpunt (or a filter): logged in the bron fields
    if isinstance(verzoek, b.RegistreerAanleverpuntRequest | b.OverzichtAanleverpuntRequest):
        return {
            "bron_brin": verzoek.brin or "",
            "bron_routeringskenmerk": verzoek.routerings_kenmerk or "",
        }
    return {
        "bron_brin": getattr(verzoek, "bron_brin", None) or "",
        "bron_routeringskenmerk": getattr(verzoek, "bron_routerings_kenmerk", None) or "",
        "doel_brin": getattr(verzoek, "doel_brin", None) or "",
        "doel_routeringskenmerk": getattr(verzoek, "doel_routerings_kenmerk", None) or "",
    }


def _schrijf_log(
    operatie: str,
    certificaat: x509.Certificate,
    partijen: dict[str, str],
    resultaat: str,
    begin: float,
    sessie_id: uuid.UUID | None,
) -> None:
    duur_ms = max(0, round((time.monotonic() - begin) * 1000))
    oin = pki.oin_uit_certificaat(certificaat) or ""
    TcBerichtlog.objects.create(
        operatie=operatie,
        beller_oin=oin,
        beller_fingerprint=pki.fingerprint(certificaat),
        sessie_id=sessie_id,
        resultaat=resultaat[:80],
        duur_ms=duur_ms,
        **partijen,
    )
    # names and codes only: never a zoeksleutel, a koppelsleutel or a document
    logger.info("TC %s door %s: %s (%d ms)", operatie, oin or "-", resultaat, duur_ms)


def _operatie(
    antwoordklasse: type[A],
) -> Callable[[Callable[[x509.Certificate, V], A]], Callable[[x509.Certificate, V], A]]:
    """Run an operation in one transaction with its log row; turn an :class:`_Afwijzing` into
    the response, and log a :class:`Geweigerd` (or any error) after rolling back."""

    def decorator(
        functie: Callable[[x509.Certificate, V], A],
    ) -> Callable[[x509.Certificate, V], A]:
        @functools.wraps(functie)
        def uitvoeren(beller: x509.Certificate, verzoek: V) -> A:
            operatie = type(verzoek).ELEMENT  # type: ignore[attr-defined]
            begin = time.monotonic()
            partijen = _partijen(verzoek)
            sessie_id = getattr(verzoek, "sessie_id", None)
            try:
                with transaction.atomic():
                    try:
                        antwoord = functie(beller, verzoek)
                    except _Afwijzing as afwijzing:
                        antwoord = antwoordklasse(
                            resultaat=afwijzing.code, toelichting=afwijzing.toelichting
                        )
                    resultaat = antwoord.resultaat  # type: ignore[attr-defined]
                    _schrijf_log(
                        operatie,
                        beller,
                        partijen,
                        resultaat.value,
                        begin,
                        getattr(antwoord, "sessie_id", None) or sessie_id,
                    )
                return antwoord
            except Geweigerd as fout:
                _schrijf_log(operatie, beller, partijen, f"Geweigerd:{fout.code}", begin, sessie_id)
                raise
            except Exception:
                _schrijf_log(operatie, beller, partijen, "Serverfout", begin, sessie_id)
                raise

        return uitvoeren

    return decorator


# --- shared checks ---------------------------------------------------------------------------


def _aanleverpunt(kenmerk: str | None) -> TcAanleverpunt | None:
    if not kenmerk:
        return None
    return TcAanleverpunt.objects.filter(routeringskenmerk=kenmerk).first()


def _eis_eigenaar(beller: Beller, aanleverpunt: TcAanleverpunt) -> None:
    if not aanleverpunt.certificaat_fingerprint or not hmac.compare_digest(
        aanleverpunt.certificaat_fingerprint, beller.fingerprint
    ):
        raise Geweigerd(
            "Het clientcertificaat hoort niet bij het aanleverpunt waarvoor het bericht wordt "
            "gestuurd.",
            "certificaat-past-niet",
        )


def _eigen_aanleverpunt(beller: Beller, kenmerk: str, brin: str, wie: str) -> TcAanleverpunt:
    """The aanleverpunt the caller acts for: known, its own, of ``brin``; not yet checked for
    being active, because the result code for that depends on the role."""
    return _eis_eigen(beller, _aanleverpunt(kenmerk), brin, wie)


def _eis_eigen(
    beller: Beller, aanleverpunt: TcAanleverpunt | None, brin: str, wie: str
) -> TcAanleverpunt:
    """:func:`_eigen_aanleverpunt` for an aanleverpunt (or None) the caller looked up already."""
    if aanleverpunt is None:
        raise _Afwijzing(
            Resultaatcode.ONBEKEND_AANLEVERPUNT,
            f"Het aanleverpunt van {wie} is niet bij het Traffic Center geregistreerd.",
        )
    _eis_eigenaar(beller, aanleverpunt)
    if aanleverpunt.brin != brin:
        raise _Afwijzing(
            Resultaatcode.ONBEKEND_AANLEVERPUNT,
            f"Het aanleverpunt van {wie} hoort niet bij de opgegeven BRIN.",
        )
    return aanleverpunt


def _eis_actief_doel(aanleverpunt: TcAanleverpunt, wie: str = "het doel") -> None:
    if not aanleverpunt.actief:
        raise _Afwijzing(
            Resultaatcode.ONBEKEND_AANLEVERPUNT, f"Het aanleverpunt van {wie} is niet actief."
        )


def _eis_actieve_bron(aanleverpunt: TcAanleverpunt) -> None:
    if not aanleverpunt.actief:
        raise _Afwijzing(
            Resultaatcode.VERSTREKKER_AANLEVERPUNT_NIET_ACTIEF,
            "Het aanleverpunt van de school van herkomst is niet actief.",
        )


def _eis_soort_past(overdrachtsoort: Overdrachtsoort, doel: TcAanleverpunt) -> None:
    """An SWV dossier goes only to an SWV; a dossier with a PGN never does (STANDARD.md §3.2)."""
    naar_swv = doel.soort == SoortAanleverpunt.SWV
    if (overdrachtsoort == Overdrachtsoort.SWV_DOSSIER) != naar_swv:
        raise _Afwijzing(
            Resultaatcode.ONGELDIG_BERICHT,
            "Een SWV-dossier gaat alleen naar een samenwerkingsverband, en een "
            "samenwerkingsverband krijgt alleen een SWV-dossier.",
        )


def _eis_relatie(overdrachtsoort: Overdrachtsoort, bron_brin: str, doel_brin: str) -> None:
    if overdrachtsoort == Overdrachtsoort.BINNEN_BRIN and bron_brin != doel_brin:
        raise _Afwijzing(
            Resultaatcode.GEEN_RELATIE_MET_DOEL,
            "Een overdracht binnen BRIN kan alleen tussen aanleverpunten van dezelfde BRIN.",
        )


def _eis_een_sleutel(zoeksleutel: str | None, koppelsleutel: uuid.UUID | None) -> None:
    # berichten refuses this already; a request built some other way is checked again here
    if (zoeksleutel is None) == (koppelsleutel is None):
        raise _Afwijzing(
            Resultaatcode.ONGELDIG_BERICHT, "Geef precies een van zoeksleutel en koppelsleutel."
        )


def _eis_leesbare_zoeksleutel(zoeksleutel: str) -> None:
    paar = tc_sleutelpaar()
    if paar is None:
        return  # no key configured: the zoeksleutel is an opaque string to this TC
    try:
        ontsleutel(zoeksleutel, paar[1])
    except OngeldigeZoeksleutel:
        raise _Afwijzing(
            Resultaatcode.ONGELDIG_BERICHT,
            "De zoeksleutel is niet voor het certificaat van het Traffic Center versleuteld of "
            "is beschadigd.",
        ) from None


SESSIE_GELDIG_MINUTEN_STANDAARD = 15


def sessie_geldig_minuten() -> int:
    return int(getattr(settings, "OSO_TC_SESSIE_GELDIG_MINUTEN", SESSIE_GELDIG_MINUTEN_STANDAARD))


def sessie_verlopen(sessie: TcSessie) -> bool:
    """Opened longer ago than the configured validity (``OSO_TC_SESSIE_GELDIG_MINUTEN``)."""
    grens = timezone.now() - dt.timedelta(minutes=sessie_geldig_minuten())
    return sessie.aangemaakt < grens


def _eis_niet_verlopen(sessie: TcSessie) -> None:
    if sessie_verlopen(sessie):
        raise _Afwijzing(Resultaatcode.SESSIE_AFWIJKEND, "De sessie is verlopen.")


def _zelfde_tekst(a: str | None, b_: str | None) -> bool:
    if not a or not b_:
        return not a and not b_
    return hmac.compare_digest(a.encode(), b_.encode())


# --- mandates -------------------------------------------------------------------------------


def heeft_mandaat(oin: str, brin: str) -> bool:
    return TcMandaat.objects.filter(oin=oin, brin=brin).exists()


def _eis_mandaat(wie: Beller, brin: str) -> None:
    """Only a supplier the school mandated may act for it (our model of the OSO mandate
    registry): refused as a whole, like a certificate that does not own its aanleverpunt."""
    if not heeft_mandaat(wie.oin, brin):
        raise Geweigerd(
            "De leverancier met dit certificaat heeft geen mandaat van deze school; de school "
            "verleent dat in het beheer van het Traffic Center.",
            "geen-mandaat",
        )


def mandaat_verlenen(oin: str, brin: str, omschrijving: str = "") -> TcMandaat:
    """Grant (idempotently) the mandate of ``brin`` to the supplier with ``oin``."""
    mandaat, _ = TcMandaat.objects.get_or_create(
        oin=oin, brin=brin, defaults={"omschrijving": omschrijving[:200]}
    )
    return mandaat


# --- registreer ------------------------------------------------------------------------------


def _registratiefout(verzoek: b.RegistreerAanleverpuntRequest) -> str | None:
    is_swv = verzoek.soort == b.SoortAanleverpunt.SWV
    if is_swv != (verzoek.sector == Sector.SWV):
        return (
            "Een aanleverpunt van een samenwerkingsverband heeft sector SWV; dat van een school "
            "of regionaal platform PO of VO."
        )
    if is_swv:
        if not _SWV_CODE_RE.fullmatch(verzoek.brin):
            return "Een samenwerkingsverband registreert zich met zijn SWV-code (zoals PO2801)."
    else:
        if not BRINCODE_RE.fullmatch(verzoek.brin):
            return "Een school registreert zich met haar BRIN (twee cijfers, twee hoofdletters)."
        kenmerk = _SCHOOL_KENMERK_RE.fullmatch(verzoek.routerings_kenmerk)
        if kenmerk is None or kenmerk.group(1) != verzoek.brin:
            return (
                "Het routeringskenmerk van een school volgt haar OIN: 00000007000, de BRIN en "
                "vijf cijfers."
            )
    if getattr(settings, "PRODUCTION", False) and not verzoek.url.startswith("https://"):
        return "Het adres van het aanleverpunt moet met https:// beginnen."
    return None


@_operatie(b.RegistreerAanleverpuntResponse)
def registreer(
    beller: x509.Certificate, verzoek: b.RegistreerAanleverpuntRequest
) -> b.RegistreerAanleverpuntResponse:
    """Register or update an aanleverpunt, bound to the caller's certificate. An aanleverpunt
    registered by another certificate is refused; an administrator can lift that binding."""
    wie = beller_uit_certificaat(beller)
    fout = _registratiefout(verzoek)
    if fout:
        raise _Afwijzing(Resultaatcode.ONGELDIG_BERICHT, fout)
    _eis_mandaat(wie, verzoek.brin)
    velden = {
        "brin": verzoek.brin,
        "naam": verzoek.naam,
        "soort": verzoek.soort.value,
        "sector": verzoek.sector.value,
        "url": verzoek.url,
        "actief": verzoek.actief,
        "certificaat": pki.certificaat_pem(beller).decode("ascii"),
        "certificaat_fingerprint": wie.fingerprint,
        "certificaat_oin": wie.oin,
    }
    # the row is locked so that two registrations of one kenmerk cannot both bind it
    bestaand = (
        TcAanleverpunt.objects.select_for_update()
        .filter(routeringskenmerk=verzoek.routerings_kenmerk)
        .first()
    )
    if bestaand is None:
        try:
            with transaction.atomic():
                aanleverpunt = TcAanleverpunt.objects.create(
                    routeringskenmerk=verzoek.routerings_kenmerk, **velden
                )
        except IntegrityError:  # registered at the same moment by someone else
            raise Geweigerd(
                "Dit aanleverpunt is zojuist door een ander systeem geregistreerd.",
                "aanleverpunt-van-ander-systeem",
            ) from None
    else:
        if bestaand.certificaat_fingerprint and bestaand.certificaat_fingerprint != wie.fingerprint:
            raise Geweigerd(
                "Dit aanleverpunt is door een ander systeem (een ander certificaat) geregistreerd.",
                "aanleverpunt-van-ander-systeem",
            )
        if bestaand.brin != verzoek.brin:
            raise _Afwijzing(
                Resultaatcode.ONGELDIG_BERICHT,
                "Dit routeringskenmerk is al geregistreerd voor een andere BRIN.",
            )
        for naam, waarde in velden.items():
            setattr(bestaand, naam, waarde)
        bestaand.save()
        aanleverpunt = bestaand
    return b.RegistreerAanleverpuntResponse(
        resultaat=Resultaatcode.AANLEVERPUNT_GEREGISTREERD, aanleverpunt=aanleverpunt.als_bericht()
    )


# --- overdracht ------------------------------------------------------------------------------


@_operatie(b.OverdrachtResponse)
def overdracht(beller: x509.Certificate, verzoek: b.OverdrachtRequest) -> b.OverdrachtResponse:
    """doel → TC: open a session for one dossier; answer with the bron school's active
    aanleverpunten (or only the one asked for, or the one a koppelsleutel names)."""
    wie = beller_uit_certificaat(beller)
    doel = _eigen_aanleverpunt(
        wie, verzoek.doel_routerings_kenmerk, verzoek.doel_brin, "de doelschool"
    )
    _eis_actief_doel(doel, "de doelschool")
    _eis_mandaat(wie, verzoek.doel_brin)
    _eis_een_sleutel(verzoek.zoeksleutel, verzoek.koppelsleutel)
    _eis_soort_past(verzoek.overdrachtsoort, doel)
    _eis_relatie(verzoek.overdrachtsoort, verzoek.bron_brin, verzoek.doel_brin)
    if verzoek.zoeksleutel is not None:
        _eis_leesbare_zoeksleutel(verzoek.zoeksleutel)

    # asking oneself is pointless: within a BRIN the doel is left out of the bron's list
    bronnen = TcAanleverpunt.objects.filter(brin=verzoek.bron_brin).exclude(pk=doel.pk)
    actieve = list(bronnen.filter(actief=True))  # a school has a few; the answer may list all
    if not actieve:
        raise _Afwijzing(
            Resultaatcode.VERSTREKKER_NIET_BEKEND,
            "De school van herkomst heeft geen actief aanleverpunt bij het Traffic Center.",
        )
    gevraagd = verzoek.bron_routerings_kenmerk
    if verzoek.koppelsleutel is not None:
        koppeling = (
            TcKoppeling.objects.select_related("bron")
            .filter(koppelsleutel=verzoek.koppelsleutel, doel=doel)
            .first()
        )
        if (
            koppeling is None
            or koppeling.bron.brin != verzoek.bron_brin
            or koppeling.overdrachtsoort != verzoek.overdrachtsoort
            or (gevraagd is not None and gevraagd != koppeling.bron.routeringskenmerk)
        ):
            raise _Afwijzing(
                Resultaatcode.GEEN_RELATIE_MET_DOEL,
                "De koppelsleutel is niet uitgegeven voor deze bron, dit doel en deze "
                "overdrachtsoort.",
            )
        gevraagd = koppeling.bron.routeringskenmerk
    if gevraagd is not None:
        bron = bronnen.filter(routeringskenmerk=gevraagd).first()
        if bron is None:
            raise _Afwijzing(
                Resultaatcode.ONBEKEND_AANLEVERPUNT,
                "Het gevraagde aanleverpunt van de school van herkomst is niet bekend.",
            )
        _eis_actieve_bron(bron)
        aanleverpunten = [bron]
    else:
        aanleverpunten = actieve

    sessie = TcSessie.objects.create(
        bron_brin=verzoek.bron_brin,
        bron_routeringskenmerk=gevraagd or "",
        doel_brin=verzoek.doel_brin,
        doel_routeringskenmerk=verzoek.doel_routerings_kenmerk,
        doel_aanleverpunt=doel,
        overdrachtsoort=verzoek.overdrachtsoort.value,
        zoeksleutel=verzoek.zoeksleutel or "",
        koppelsleutel=verzoek.koppelsleutel,
    )
    return b.OverdrachtResponse(
        resultaat=Resultaatcode.SESSIE_GESTART,
        sessie_id=sessie.sessie_id,
        aanleverpunten=tuple(ap.als_bericht() for ap in aanleverpunten),
    )


# --- sessiecontrole --------------------------------------------------------------------------


def _sessie_wijkt_af(sessie: TcSessie, verzoek: b.SessiecontroleRequest) -> bool:
    return not (
        sessie.bron_brin == verzoek.bron_brin
        and sessie.doel_brin == verzoek.doel_brin
        and sessie.doel_routeringskenmerk == verzoek.doel_routerings_kenmerk
        and sessie.overdrachtsoort == verzoek.overdrachtsoort
        and (
            not sessie.bron_routeringskenmerk
            or sessie.bron_routeringskenmerk == verzoek.bron_routerings_kenmerk
        )
        and _zelfde_tekst(sessie.zoeksleutel, verzoek.zoeksleutel)
        and sessie.koppelsleutel == verzoek.koppelsleutel
    )


@_operatie(b.SessiecontroleResponse)
def sessiecontrole(
    beller: x509.Certificate, verzoek: b.SessiecontroleRequest
) -> b.SessiecontroleResponse:
    """bron → TC: is this documentRequest part of a session the TC opened? Valid: the sector of
    the doel. The bron must own the aanleverpunt it names."""
    wie = beller_uit_certificaat(beller)
    genoemd = _aanleverpunt(verzoek.bron_routerings_kenmerk)
    if genoemd is None and not TcAanleverpunt.objects.filter(brin=verzoek.bron_brin).exists():
        raise _Afwijzing(
            Resultaatcode.VERSTREKKER_NIET_BEKEND,
            "De school van herkomst is niet bij het Traffic Center bekend.",
        )
    bron = _eis_eigen(wie, genoemd, verzoek.bron_brin, "de school van herkomst")
    _eis_actieve_bron(bron)
    _eis_relatie(verzoek.overdrachtsoort, verzoek.bron_brin, verzoek.doel_brin)
    sessie = (
        TcSessie.objects.select_related("doel_aanleverpunt")
        .filter(sessie_id=verzoek.sessie_id)
        .first()
    )
    if sessie is None or _sessie_wijkt_af(sessie, verzoek):
        raise _Afwijzing(
            Resultaatcode.SESSIE_AFWIJKEND,
            "De sessie is niet bekend of wijkt af van de aanvraag waarmee zij werd geopend.",
        )
    if sessie.afgemeld_op is not None:
        raise _Afwijzing(Resultaatcode.SESSIE_REEDS_AFGEMELD, "De sessie is al afgemeld.")
    _eis_niet_verlopen(sessie)
    # One document per session and bron aanleverpunt: once it is handed out the session has
    # ended for that aanleverpunt, so a replay (even after the TC missed the afmelding) is refused.
    try:
        with transaction.atomic():
            TcSessieGebruik.objects.create(
                sessie=sessie, bron_routeringskenmerk=bron.routeringskenmerk
            )
    except IntegrityError:
        raise _Afwijzing(
            Resultaatcode.SESSIE_REEDS_AFGEMELD,
            "Het document van deze sessie is al verstrekt; de sessie is beëindigd.",
        ) from None
    # With a key of its own the TC hands the bron the PGN, encrypted to the bron's certificate.
    # The unlogged inner step: this call's sessiecontrole row already records it.
    doorgegeven = (
        _zoeksleutel_voor(sessie, beller, bron_gecontroleerd=True)
        if sessie.zoeksleutel and tc_sleutelpaar()
        else None
    )
    return b.SessiecontroleResponse(
        resultaat=Resultaatcode.SESSIE_GELDIG,
        sector=Sector(sessie.doel_aanleverpunt.sector),
        zoeksleutel=doorgegeven,
        doel_certificaat_fingerprint=sessie.doel_aanleverpunt.certificaat_fingerprint or None,
    )


def zoeksleutel_voor(sessie: TcSessie, bron_cert: x509.Certificate) -> str:
    """The session's PGN, encrypted to ``bron_cert``: the zoeksleutel the bron can read.

    Belongs in the sessiecontroleResponse once it has a field for it. The certificate must own
    an active aanleverpunt the session is routed to, and the session must still be open.
    Raises :class:`Geweigerd` otherwise, :class:`ImproperlyConfigured` without a TC key.
    """
    begin = time.monotonic()
    partijen = {
        "bron_brin": sessie.bron_brin,
        "bron_routeringskenmerk": sessie.bron_routeringskenmerk,
        "doel_brin": sessie.doel_brin,
        "doel_routeringskenmerk": sessie.doel_routeringskenmerk,
    }
    try:
        zoeksleutel = _zoeksleutel_voor(sessie, bron_cert)
    except Geweigerd as fout:
        _schrijf_log(
            "zoeksleutelVoor",
            bron_cert,
            partijen,
            f"Geweigerd:{fout.code}",
            begin,
            sessie.sessie_id,
        )
        raise
    _schrijf_log("zoeksleutelVoor", bron_cert, partijen, "Uitgegeven", begin, sessie.sessie_id)
    return zoeksleutel


def _zoeksleutel_voor(
    sessie: TcSessie, bron_cert: x509.Certificate, *, bron_gecontroleerd: bool = False
) -> str:
    """``bron_gecontroleerd``: called inside the sessiecontrole, in the transaction that just
    read the session and checked that the caller owns the active bron aanleverpunt it is
    routed to; what that checked is not asked of the database again."""
    wie = beller_uit_certificaat(bron_cert)
    if not bron_gecontroleerd:
        sessie.refresh_from_db(fields=["afgemeld_op"])
    if not sessie.zoeksleutel:
        raise Geweigerd(
            "Deze sessie heeft een koppelsleutel, geen zoeksleutel.", "geen-zoeksleutel"
        )
    if sessie.afgemeld_op is not None:
        raise Geweigerd("De sessie is al afgemeld.", "sessie-afgemeld")
    if sessie_verlopen(sessie):
        raise Geweigerd("De sessie is verlopen.", "sessie-verlopen")
    eigen = TcAanleverpunt.objects.filter(
        brin=sessie.bron_brin, actief=True, certificaat_fingerprint=wie.fingerprint
    )
    if sessie.bron_routeringskenmerk:
        eigen = eigen.filter(routeringskenmerk=sessie.bron_routeringskenmerk)
    if not bron_gecontroleerd and not eigen.exists():
        raise Geweigerd(
            "Het certificaat hoort niet bij een aanleverpunt van de school van herkomst.",
            "certificaat-past-niet",
        )
    paar = tc_sleutelpaar()
    if paar is None:
        raise ImproperlyConfigured(
            "OSO_TC_CERT en OSO_TC_KEY zijn nodig om een zoeksleutel door te geven."
        )
    try:
        pgn_type, pgn = ontsleutel(sessie.zoeksleutel, paar[1])
    except OngeldigeZoeksleutel:
        raise Geweigerd(
            "De zoeksleutel van deze sessie is niet voor het Traffic Center leesbaar.",
            "zoeksleutel-onleesbaar",
        ) from None
    return versleutel(pgn_type, pgn, bron_cert)


# --- afmelding -------------------------------------------------------------------------------


@_operatie(b.AfmeldingResponse)
def afmelding(beller: x509.Certificate, verzoek: b.AfmeldingRequest) -> b.AfmeldingResponse:
    """doel → TC: close the session with the best result. Only the doel that opened it may, and
    only once: a second afmelding (or a replay of the first) changes nothing."""
    wie = beller_uit_certificaat(beller)
    doel = _eigen_aanleverpunt(
        wie, verzoek.doel_routerings_kenmerk, verzoek.doel_brin, "de doelschool"
    )
    sessie = TcSessie.objects.filter(sessie_id=verzoek.sessie_id).first()
    afwijkend = sessie is None or sessie.doel_aanleverpunt_id != doel.pk
    if not afwijkend and verzoek.bron_routerings_kenmerk is not None:
        assert sessie is not None
        if sessie.bron_routeringskenmerk:
            afwijkend = sessie.bron_routeringskenmerk != verzoek.bron_routerings_kenmerk
        else:
            afwijkend = not TcAanleverpunt.objects.filter(
                routeringskenmerk=verzoek.bron_routerings_kenmerk, brin=sessie.bron_brin
            ).exists()
    if afwijkend:
        raise _Afwijzing(
            Resultaatcode.SESSIE_AFWIJKEND,
            "De sessie is niet bekend of hoort niet bij dit aanleverpunt.",
        )
    assert sessie is not None
    if sessie.afgemeld_op is not None:
        raise _Afwijzing(Resultaatcode.SESSIE_REEDS_AFGEMELD, "De sessie is al afgemeld.")
    _eis_niet_verlopen(sessie)
    # one conditional UPDATE: of two afmeldingen at the same moment exactly one wins
    bijgewerkt = TcSessie.objects.filter(pk=sessie.pk, afgemeld_op__isnull=True).update(
        afgemeld_op=timezone.now(),
        resultaat=verzoek.resultaat.value,
        resultaat_routeringskenmerk=verzoek.bron_routerings_kenmerk or "",
    )
    if not bijgewerkt:
        raise _Afwijzing(Resultaatcode.SESSIE_REEDS_AFGEMELD, "De sessie is al afgemeld.")
    return b.AfmeldingResponse(resultaat=Resultaatcode.SESSIE_AFGEMELD)


# --- notificatie and terugkoppeling ----------------------------------------------------------


@_operatie(b.MeldenNotificatieResponse)
def melden_notificatie(
    beller: x509.Certificate, verzoek: b.MeldenNotificatieRequest
) -> b.MeldenNotificatieResponse:
    """bron LAS → TC: a koppelsleutel for a notificatie from its aanleverpunt to the doel's (an
    SWV's for a zorgvraag; a school's for a changed overstapdossier)."""
    wie = beller_uit_certificaat(beller)
    bron = _eigen_aanleverpunt(
        wie, verzoek.bron_routerings_kenmerk, verzoek.bron_brin, "de school van herkomst"
    )
    _eis_actieve_bron(bron)
    doel = _aanleverpunt(verzoek.doel_routerings_kenmerk)
    if doel is None or doel.brin != verzoek.doel_brin:
        raise _Afwijzing(
            Resultaatcode.ONBEKEND_AANLEVERPUNT,
            "Het aanleverpunt van het doel is niet bij het Traffic Center geregistreerd.",
        )
    _eis_actief_doel(doel)
    if verzoek.doel != doel.sector:
        raise _Afwijzing(
            Resultaatcode.ONGELDIG_BERICHT,
            f"Het veld doel past niet bij het aanleverpunt van het doel (sector {doel.sector}).",
        )
    _eis_soort_past(verzoek.overdrachtsoort, doel)
    _eis_relatie(verzoek.overdrachtsoort, bron.brin, doel.brin)
    doorgegeven = _zoeksleutel_voor_doel(verzoek.zoeksleutel, doel) if verzoek.zoeksleutel else None
    koppeling = TcKoppeling.objects.create(
        bron=bron, doel=doel, overdrachtsoort=verzoek.overdrachtsoort.value
    )
    return b.MeldenNotificatieResponse(
        resultaat=Resultaatcode.KOPPELSLEUTEL_UITGEGEVEN,
        koppelsleutel=koppeling.koppelsleutel,
        zoeksleutel=doorgegeven,
    )


def _zoeksleutel_voor_doel(zoeksleutel: str, doel: TcAanleverpunt) -> str | None:
    """The PGN of a notificatie, from the TC's key to the doel's registered certificate.

    None when the doel cannot read one (an SWV, or no certificate bound after an administrator
    lifted the binding): the notificatie still goes, without a pupil the doel can match."""
    if doel.soort == SoortAanleverpunt.SWV or not doel.certificaat:
        return None
    paar = tc_sleutelpaar()
    if paar is None:
        raise _Afwijzing(
            Resultaatcode.ONGELDIG_BERICHT,
            "Dit Traffic Center heeft geen eigen sleutel en kan de zoeksleutel niet doorgeven.",
        )
    try:
        pgn_type, pgn = ontsleutel(zoeksleutel, paar[1])
    except OngeldigeZoeksleutel:
        raise _Afwijzing(
            Resultaatcode.ONGELDIG_BERICHT,
            "De zoeksleutel is niet voor het certificaat van het Traffic Center versleuteld of "
            "is beschadigd.",
        ) from None
    try:
        doel_cert = x509.load_pem_x509_certificate(doel.certificaat.encode("ascii"))
        return versleutel(pgn_type, pgn, doel_cert)
    except (ValueError, OngeldigeZoeksleutel):
        return None


@_operatie(b.MeldenTerugkoppelingResponse)
def melden_terugkoppeling(
    beller: x509.Certificate, verzoek: b.MeldenTerugkoppelingRequest
) -> b.MeldenTerugkoppelingResponse:
    """SWV → TC: may I send a terugkoppeling? Only for a registered bron-koppelsleutel-doel
    triple whose doel is an SWV; the answer is the school's aanleverpunt with its URL."""
    wie = beller_uit_certificaat(beller)
    doel = _eigen_aanleverpunt(
        wie, verzoek.doel_routerings_kenmerk, verzoek.doel_brin, "het samenwerkingsverband"
    )
    _eis_actief_doel(doel, "het samenwerkingsverband")
    if doel.soort != SoortAanleverpunt.SWV:
        raise _Afwijzing(
            Resultaatcode.GEEN_RELATIE_MET_DOEL,
            "Alleen een samenwerkingsverband meldt een terugkoppeling.",
        )
    koppeling = (
        TcKoppeling.objects.select_related("bron")
        .filter(
            koppelsleutel=verzoek.koppelsleutel,
            doel=doel,
            bron__routeringskenmerk=verzoek.bron_routerings_kenmerk,
            bron__brin=verzoek.bron_brin,
        )
        .first()
    )
    if koppeling is None:
        raise _Afwijzing(
            Resultaatcode.GEEN_RELATIE_MET_DOEL,
            "Er is geen notificatie met deze koppelsleutel tussen deze aanleverpunten.",
        )
    _eis_actieve_bron(koppeling.bron)
    return b.MeldenTerugkoppelingResponse(
        resultaat=Resultaatcode.TERUGKOPPELING_GEMELD, aanleverpunt=koppeling.bron.als_bericht()
    )


# --- overzicht -------------------------------------------------------------------------------


@_operatie(b.OverzichtAanleverpuntResponse)
def overzicht(
    beller: x509.Certificate, verzoek: b.OverzichtAanleverpuntRequest
) -> b.OverzichtAanleverpuntResponse:
    """Active aanleverpunten, filtered by BRIN, sector (``doel``) and routeringskenmerk; any
    caller with a certificate of the OSO PKI may ask."""
    beller_uit_certificaat(beller)
    aanleverpunten = TcAanleverpunt.objects.filter(actief=True)
    if verzoek.brin:
        aanleverpunten = aanleverpunten.filter(brin=verzoek.brin)
    if verzoek.doel:
        aanleverpunten = aanleverpunten.filter(sector=verzoek.doel.value)
    if verzoek.routerings_kenmerk:
        aanleverpunten = aanleverpunten.filter(routeringskenmerk=verzoek.routerings_kenmerk)
    return b.OverzichtAanleverpuntResponse(
        resultaat=Resultaatcode.AANLEVERPUNTEN_GEVONDEN,
        aanleverpunten=tuple(ap.als_bericht() for ap in aanleverpunten),
    )


# --- dispatch --------------------------------------------------------------------------------

_OPERATIES: dict[type, Callable[[x509.Certificate, Any], Any]] = {
    b.RegistreerAanleverpuntRequest: registreer,
    b.OverdrachtRequest: overdracht,
    b.SessiecontroleRequest: sessiecontrole,
    b.AfmeldingRequest: afmelding,
    b.MeldenNotificatieRequest: melden_notificatie,
    b.MeldenTerugkoppelingRequest: melden_terugkoppeling,
    b.OverzichtAanleverpuntRequest: overzicht,
}


def verwerk(beller: x509.Certificate, bericht: b.Bericht) -> b.Bericht:
    """The TC's answer to ``bericht``; a message not meant for the TC (a documentRequest, a
    response, a Fault) is refused."""
    operatie = _OPERATIES.get(type(bericht))
    if operatie is None:
        raise Geweigerd(
            "Dit bericht is niet voor het Traffic Center bestemd.", "niet-voor-traffic-center"
        )
    return operatie(beller, bericht)
