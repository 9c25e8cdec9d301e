"""The reference world on one machine: for ``make run``, ``oso_testuitwisseling`` and tests.

- :func:`zorg_voor_pki`: a development PKI in one directory (kept between runs): a CA, the
  Traffic Center's server certificate (also the certificate zoeksleutels are encrypted to), and
  per LAS installation a client certificate (its OIN as serialNumber) and a server certificate
  for its inbound endpoint.
- :func:`start_wereld`: the reference Traffic Center (``/tc/``) and this LAS's inbound endpoint
  (``/oso/``, and ``/swv/`` for the reference SWV) as two HTTPS servers with required client
  certificates, in threads of this process, on loopback.
- :func:`verbinding_instellen` and :func:`aanleverpunten_registreren`: the LAS's connection to
  that Traffic Center, and its schools' aanleverpunten registered with the endpoint's address.

Nothing here is used in production: there a real Traffic Center, certificates of PKIoverheid and
a web server in front of ``/oso/soap/`` take these places.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from django.conf import settings
from django.db import transaction

from scholen.models import Aanleverpunt
from trafficcenter import server as tc_server

from . import pki
from .client import TcClient
from .models import TcVerbinding
from .services import aanleverpunt_registreren

CA_NAAM = "OSO-LAS ontwikkel-CA"
HOSTS = ("localhost", "127.0.0.1")
# The supplier's OIN in the client certificate of a LAS installation (Logius' OIN format).
OIN_LAS = "00000001823456789000"
# the reference SWV system has a certificate of its own, as a separate supplier would
OIN_SWV = "00000001823456789099"
# the reference toets system (doorstroomtoets supplier) has a certificate of its own
OIN_TOETS = "00000001823456789077"
VERBINDING_NAAM = "Referentie-Traffic Center (ontwikkeling)"
TC_POORT = 8443
LAS_POORT = 8444


@dataclass(frozen=True)
class OntwikkelPki:
    map: Path

    def pad(self, naam: str) -> str:
        return str(self.map / naam)

    @property
    def ca(self) -> str:
        return self.pad("ca.pem")


def _geldig(cert_pad: Path, key_pad: Path, ca: pki.Sleutelpaar) -> bool:
    if not (cert_pad.exists() and key_pad.exists()):
        return False
    try:
        cert = pki.laad_certificaat(cert_pad)
        cert.verify_directly_issued_by(ca[0])
        return cert.public_key() == pki.laad_sleutel(key_pad).public_key()
    except (ValueError, TypeError, InvalidSignature):
        return False


def zorg_voor_pki(map_: Path | str, partijen: dict[str, str] | None = None) -> OntwikkelPki:
    """The PKI in ``map_``, made where missing. ``partijen`` maps a name to an OIN: per party
    ``<naam>.pem`` (client) and ``<naam>-server.pem`` (server), with their ``-key.pem``."""
    map_ = Path(map_)
    map_.mkdir(mode=0o700, parents=True, exist_ok=True)
    partijen = (
        partijen if partijen is not None else {"las": OIN_LAS, "swv": OIN_SWV, "toets": OIN_TOETS}
    )
    ca_pad, ca_key = map_ / "ca.pem", map_ / "ca-key.pem"
    if ca_pad.exists() and ca_key.exists():
        ca = (pki.laad_certificaat(ca_pad), pki.laad_sleutel(ca_key))
    else:
        ca = pki.maak_ca(CA_NAAM)
        pki.schrijf_sleutelpaar(ca_pad, ca_key, ca)
    nodig = [("tc", lambda: pki.maak_servercertificaat(ca, HOSTS))]
    for naam, oin in partijen.items():
        nodig.append((naam, lambda oin=oin, naam=naam: pki.maak_clientcertificaat(ca, oin, naam)))
        nodig.append((f"{naam}-server", lambda: pki.maak_servercertificaat(ca, HOSTS)))
    for naam, maak in nodig:
        cert_pad, key_pad = map_ / f"{naam}.pem", map_ / f"{naam}-key.pem"
        if not _geldig(cert_pad, key_pad, ca):
            pki.schrijf_sleutelpaar(cert_pad, key_pad, maak())
    return OntwikkelPki(map_)


def luistert(host: str, poort: int) -> bool:
    """Does something accept connections on ``host:poort``?"""
    try:
        with socket.create_connection((host, poort), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class Wereld:
    pki: OntwikkelPki
    tc_url: str
    las_url: str
    _servers: list = field(default_factory=list, repr=False)

    def stop(self) -> None:
        while self._servers:
            tc_server.stop_server(*self._servers.pop())


def gebruik_tc_sleutel(p: OntwikkelPki) -> None:
    """The reference TC in this process decrypts zoeksleutels with its own server key."""
    settings.OSO_TC_CERT = p.pad("tc.pem")
    settings.OSO_TC_KEY = p.pad("tc-key.pem")
    settings.OSO_TC_CA = p.ca


def start_wereld(
    p: OntwikkelPki,
    *,
    host: str = "127.0.0.1",
    tc_poort: int = 0,
    las_poort: int = 0,
    partij: str = "las",
) -> Wereld:
    """The reference TC and this LAS's inbound endpoint over HTTPS with client certificates, in
    threads of this process. Port 0 picks a free port. Stop them with :meth:`Wereld.stop`."""
    gebruik_tc_sleutel(p)
    wereld = Wereld(p, "", "")
    try:
        for naam, poort, prefix in (
            ("tc", tc_poort, "/tc/"),
            (
                f"{partij}-server",
                las_poort,
                ("/oso/", "/swv/", "/doorstroomtoets/", "/referentie-toets/"),
            ),
        ):
            server, thread, gekozen = tc_server.start_server(
                poort,
                cert=p.pad(f"{naam}.pem"),
                key=p.pad(f"{naam}-key.pem"),
                ca=p.ca,
                host=host,
                pad_prefix=prefix,
            )
            wereld._servers.append((server, thread))
            if naam == "tc":
                wereld.tc_url = f"https://{host}:{gekozen}/tc/soap/"
            else:
                wereld.las_url = f"https://{host}:{gekozen}/oso/soap/"
    except BaseException:
        wereld.stop()
        raise
    return wereld


def verbinding_instellen(p: OntwikkelPki, tc_url: str, *, partij: str = "las") -> TcVerbinding:
    """This LAS's connection to the reference TC, the only active one."""
    with transaction.atomic():
        verbinding, _ = TcVerbinding.objects.update_or_create(
            naam=VERBINDING_NAAM,
            defaults={
                "actief": True,
                "tc_url": tc_url,
                "client_certificaat": p.pad(f"{partij}.pem"),
                "client_sleutel": p.pad(f"{partij}-key.pem"),
                "ca_certificaat": p.ca,
                "tc_certificaat": p.pad("tc.pem"),
                "timeout": 15.0,
                "pogingen": 2,
            },
        )
        TcVerbinding.objects.exclude(pk=verbinding.pk).filter(actief=True).update(actief=False)
    return verbinding


def mandaten_verlenen(p: OntwikkelPki, *, partij: str = "las", swv: str | None = "swv") -> int:
    """At the reference TC in this database: the demo schools (and SWVs) grant the supplier
    behind ``partij``'s certificate (and the reference SWV's) their mandate."""
    from scholen.models import Samenwerkingsverband, School
    from trafficcenter.services import mandaat_verlenen

    oin = pki.oin_uit_certificaat(pki.laad_certificaat(p.pad(f"{partij}.pem")))
    aantal = 0
    for brin in School.objects.values_list("brincode", flat=True):
        mandaat_verlenen(oin, brin, "ontwikkelomgeving")
        aantal += 1
    if swv:
        swv_oin = pki.oin_uit_certificaat(pki.laad_certificaat(p.pad(f"{swv}.pem")))
        for code in Samenwerkingsverband.objects.values_list("code", flat=True):
            mandaat_verlenen(swv_oin, code, "ontwikkelomgeving")
            aantal += 1
    return aantal


def aanleverpunten_registreren(
    las_url: str,
    *,
    client: TcClient | None = None,
    kenmerken: Iterable[str] | None = None,
) -> list[tuple[Aanleverpunt, str]]:
    """Register the schools' aanleverpunten (or those with ``kenmerken``) at the TC with
    ``las_url``: ``(aanleverpunt, result code)`` per aanleverpunt."""
    client = client or TcClient()
    punten = Aanleverpunt.objects.filter(school__isnull=False).select_related("school")
    if kenmerken is not None:
        punten = punten.filter(routeringskenmerk__in=list(kenmerken))
    uitkomst = []
    for ap in punten.order_by("school__brincode", "nummer"):
        antwoord = aanleverpunt_registreren(ap, las_url, client=client)
        uitkomst.append((ap, antwoord.resultaat.value if antwoord else "NietBereikbaar"))
    return uitkomst


def swv_instellen(p: OntwikkelPki, tc_url: str, las_url: str) -> list[tuple[str, bool]]:
    """The reference SWV system for every SWV aanleverpunt of this database, answering at
    ``/swv/soap/`` beside this LAS's endpoint with its own certificate, registered at the TC:
    ``(routeringskenmerk, registered)`` per aanleverpunt."""
    from referentie_swv.models import SwvSysteem
    from referentie_swv.services import registreren

    swv_url = las_url.replace("/oso/soap/", "/swv/soap/")
    uitkomst = []
    punten = Aanleverpunt.objects.filter(samenwerkingsverband__isnull=False).select_related(
        "samenwerkingsverband"
    )
    for ap in punten.order_by("routeringskenmerk"):
        verband = ap.samenwerkingsverband
        systeem, _ = SwvSysteem.objects.update_or_create(
            routeringskenmerk=ap.routeringskenmerk,
            defaults={
                "naam": ap.omschrijving or verband.naam,
                "swv_code": verband.code,
                "url": swv_url,
                "tc_url": tc_url,
                "client_certificaat": p.pad("swv.pem"),
                "client_sleutel": p.pad("swv-key.pem"),
                "ca_certificaat": p.ca,
                "timeout": 15.0,
                "actief": True,
            },
        )
        uitkomst.append((ap.routeringskenmerk, registreren(systeem)))
    return uitkomst
