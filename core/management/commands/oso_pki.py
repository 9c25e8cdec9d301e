"""``manage.py oso_pki``: a development PKI for OSO's mutual TLS, in one directory.

Safe to run again: files that exist are kept (and reused to sign what is missing) unless
``--opnieuw`` is given. When the CA is new, every certificate is made again, because certificates
from an earlier CA would no longer be trusted. Only file names and fingerprints are printed,
never key material.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from django.core.management.base import BaseCommand, CommandError, CommandParser

from trafficcenter_client import pki

CA_NAAM = "OSO-LAS ontwikkel-CA"


class Command(BaseCommand):
    help = (
        "Maakt een ontwikkel-PKI voor OSO in een map: een CA (ca.pem, ca-key.pem), een "
        "servercertificaat (server.pem, server-key.pem) en per --client OIN:naam een "
        "clientcertificaat (<oin>.pem, <oin>-key.pem) met het OIN als serialNumber. "
        "Bestaande bestanden blijven staan, tenzij --opnieuw."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--map", required=True, help="Map voor de certificaten en sleutels.")
        parser.add_argument(
            "--hosts",
            default="localhost,127.0.0.1",
            help="Hostnamen en IP-adressen van de server, met komma's (standaard: %(default)s).",
        )
        parser.add_argument(
            "--client",
            action="append",
            default=[],
            metavar="OIN:naam",
            help="Een clientcertificaat voor een aanleverpunt of leverancier; mag vaker.",
        )
        parser.add_argument(
            "--ca-naam",
            default=CA_NAAM,
            help="Naam (CN) van een nieuwe CA (standaard: %(default)s).",
        )
        parser.add_argument(
            "--opnieuw",
            action="store_true",
            help="Maak alles opnieuw, ook als de bestanden al bestaan.",
        )

    def handle(self, *args, **options) -> None:
        map_ = Path(options["map"])
        hosts = [h.strip() for h in options["hosts"].split(",") if h.strip()]
        if not hosts:
            raise CommandError("Geef minstens één hostnaam of IP-adres met --hosts.")
        clients = self._clients(options["client"])
        opnieuw: bool = options["opnieuw"]

        # Keys are in here: a new directory is for its owner only.
        map_.mkdir(mode=0o700, parents=True, exist_ok=True)

        ca, ca_nieuw = self._ca(map_, options["ca_naam"], opnieuw=opnieuw)
        self._eindcertificaat(
            ca,
            map_ / "server.pem",
            map_ / "server-key.pem",
            omschrijving=f"Servercertificaat voor {', '.join(hosts)}",
            maak=lambda: pki.maak_servercertificaat(ca, hosts),
            opnieuw=opnieuw or ca_nieuw,
        )
        ontbrekend = set(hosts) - _hosts_van(pki.laad_certificaat(map_ / "server.pem"))
        if ontbrekend:
            self.stdout.write(
                self.style.WARNING(
                    f"Het bewaarde server.pem geldt niet voor {', '.join(sorted(ontbrekend))}; "
                    "gebruik --opnieuw om het opnieuw te maken."
                )
            )
        for oin, naam in clients:
            self._eindcertificaat(
                ca,
                map_ / f"{oin}.pem",
                map_ / f"{oin}-key.pem",
                omschrijving=f"Clientcertificaat voor {naam} (OIN {oin})",
                maak=lambda oin=oin, naam=naam: pki.maak_clientcertificaat(ca, oin, naam),
                opnieuw=opnieuw or ca_nieuw,
            )

    def _clients(self, waarden: list[str]) -> list[tuple[str, str]]:
        # Check every --client before anything is written.
        clients: dict[str, str] = {}
        for waarde in waarden:
            oin, _, naam = waarde.partition(":")
            oin, naam = oin.strip(), naam.strip()
            try:
                pki.valideer_oin(oin)
            except pki.PkiFout as exc:
                raise CommandError(f"--client {waarde!r}: {exc}") from None
            if not naam:
                raise CommandError(f"--client {waarde!r}: schrijf het als OIN:naam.")
            if oin in clients:
                raise CommandError(f"Het OIN {oin} staat meer dan eens bij --client.")
            clients[oin] = naam
        return list(clients.items())

    def _ca(self, map_: Path, naam: str, *, opnieuw: bool) -> tuple[pki.Sleutelpaar, bool]:
        cert_pad, key_pad = map_ / "ca.pem", map_ / "ca-key.pem"
        if not opnieuw and (cert_pad.exists() or key_pad.exists()):
            if not (cert_pad.exists() and key_pad.exists()):
                raise CommandError(
                    f"Van de CA staat maar één van {cert_pad.name} en {key_pad.name} in "
                    f"{map_}. Zet het ontbrekende bestand terug of maak alles opnieuw met "
                    "--opnieuw."
                )
            cert, key = pki.laad_certificaat(cert_pad), pki.laad_sleutel(key_pad)
            if cert.public_key() != key.public_key():
                raise CommandError(f"{key_pad.name} is niet de sleutel van {cert_pad.name}.")
            self._meld("CA bestaat al, bewaard", cert_pad, cert)
            return (cert, key), False
        paar = pki.maak_ca(naam)
        pki.schrijf_sleutelpaar(cert_pad, key_pad, paar)
        self._meld(f"CA '{naam}' gemaakt", cert_pad, paar[0], key_pad, nieuw=True)
        return paar, True

    def _eindcertificaat(
        self,
        ca: pki.Sleutelpaar,
        cert_pad: Path,
        key_pad: Path,
        *,
        omschrijving: str,
        maak: Callable[[], pki.Sleutelpaar],
        opnieuw: bool,
    ) -> None:
        if not opnieuw and cert_pad.exists() and key_pad.exists():
            cert = pki.laad_certificaat(cert_pad)
            if _uitgegeven_door(cert, ca[0]):
                self._meld(f"{omschrijving} bestaat al, bewaard", cert_pad, cert)
                return
            self.stdout.write(
                self.style.WARNING(f"{cert_pad.name} is niet door deze CA uitgegeven.")
            )
        paar = maak()
        pki.schrijf_sleutelpaar(cert_pad, key_pad, paar)
        self._meld(f"{omschrijving} gemaakt", cert_pad, paar[0], key_pad, nieuw=True)

    def _meld(
        self,
        wat: str,
        cert_pad: Path,
        cert: x509.Certificate,
        key_pad: Path | None = None,
        *,
        nieuw: bool = False,
    ) -> None:
        bestanden = cert_pad.name + (
            f" en {key_pad.name} (alleen voor de eigenaar)" if key_pad else ""
        )
        regel = f"{wat}: {bestanden}; SHA-256 {pki.fingerprint(cert)}"
        self.stdout.write(self.style.SUCCESS(regel) if nieuw else regel)


def _hosts_van(cert: x509.Certificate) -> set[str]:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return set()
    return set(san.get_values_for_type(x509.DNSName)) | {
        str(ip) for ip in san.get_values_for_type(x509.IPAddress)
    }


def _uitgegeven_door(cert: x509.Certificate, ca_cert: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True
