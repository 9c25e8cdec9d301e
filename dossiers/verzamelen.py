"""The collector: one pupil's data for one dossier version, as a plain snapshot.

:func:`verzamel` reads the pupil and everything the chosen blocks need in a fixed number of SQL
queries (``select_related`` for the one-to-one blocks, ``prefetch_related`` for the lists), no
matter how many tests, plans, guardians or attachments the pupil has. It returns a
:class:`Verzameling`: frozen dataclasses without any model instance, so building the XML
(:mod:`.xml_bouwer`), the PDF or a summary never touches the database again.

Privacy is applied here, before anything leaves the system:

- a block that is forbidden for the profile, or optional and not chosen, is not queried and not
  in the snapshot (its field is ``None``);
- a secret address is not collected; a secret phone number or e-mail address is replaced by the
  standard's placeholder (``9999999999`` / ``geheim@geheim.geheim``);
- in an SWV dossier the pupil's BSN or onderwijsnummer is not collected, and every occurrence of
  it in free text, file names and notes is masked; an attached file whose bytes contain it is
  refused with :class:`PgnInBijlage` (compressed formats such as most PDFs and DOCX files cannot
  be searched: the user stays responsible for those).

:func:`samenvatting` gives the readable view per block of the snapshot's XML (by the description
of the gegevensset, :mod:`.samenvatting`) and :func:`verschil` compares two of those, for "what
changed since the previous version".
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import PurePath
from typing import Any, TypeVar

from django.db import models as djm
from django.db.models import Prefetch
from django.utils import timezone

from core.models import SoortAdres, SoortCommunicatie
from leerlingen import codelijsten as cl
from leerlingen import models as m
from scholen.models import SchoolAdres, SchoolCommunicatie, Vestiging

from .keuzes import Inzage, Keuzes
from .profielen import (
    PROFIELEN,
    Categorie,
    Profiel,
    ProfielInfo,
    categorie_uitlevering,
    optioneel,
)

GEHEIM_TELEFOON = "9999999999"
GEHEIM_EMAIL = "geheim@geheim.geheim"
PGN_MASKER = "(nummer verwijderd)"
TOELICHTING_OMSCHRIJVING = "Toelichting onderwijsbehoeften"

# VVE goes along only in a PO-PO transfer (OVa.VV01/02), binnen-brin PO-PO and an SWV PO
# dossier (PaO.VV01-04). The matrix shares one binnen-brin column for POPO and POVO, so for
# binnen-brin POVO the block is left out here even when ticked.
VVE_PROFIELEN = frozenset({Profiel.POPO, Profiel.BINNEN_BRIN_POPO, Profiel.SWV_PO})

# the kind of address (codelijst 19) of a pupil's and a guardian's address: the home address
SOORT_ADRES_PERSOON = SoortAdres.GBA

# libxml2 refuses a text node above 10,000,000 bytes unless ``huge_tree`` is on (our own safe
# parser keeps it off); Base64 makes 4 bytes of 3, so this is the largest attachment that a
# receiver with default limits can still read.
MAX_BIJLAGE_BYTES = 7_400_000


class VerzamelFout(Exception):  # noqa: N818 - the domain's own word
    """The dossier cannot be collected; ``str(error)`` is a Dutch message for the user."""


class PgnInBijlage(VerzamelFout):
    """An attachment of an SWV dossier contains the pupil's BSN or onderwijsnummer."""


# --- the snapshot ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Adres:
    soort: str  # codelijst 19: bezoek, post, gba
    straat: str
    huisnummer: str
    toevoeging: str = ""
    postcode: str = ""
    plaats: str = ""
    gemeente: str = ""


@dataclass(frozen=True)
class Communicatie:
    soort: str  # codelijst 4: telefoon, e-mail
    nummer: str  # the placeholder when geheim
    aanduiding: str = ""  # codelijst 5: prive, werk, overig
    geheim: bool = False


@dataclass(frozen=True)
class Document:
    bestandsnaam: str
    omschrijving: str
    inhoud: bytes = field(repr=False)
    map_item_id: int | None = None

    @property
    def kenmerk(self) -> str:
        """A short fingerprint of the content, to see that a file changed."""
        return hashlib.sha256(self.inhoud).hexdigest()[:12]


@dataclass(frozen=True)
class School:
    id: int
    naam: str
    brincode: str
    vestigingscode: str
    aanleverpunt: int
    soort: str
    naam_directeur: str
    telefoon_directeur: str
    website: str
    adressen: tuple[Adres, ...]
    communicatie: tuple[Communicatie, ...]


@dataclass(frozen=True)
class Leerling:
    id: int
    voornamen: str
    voorletters: str
    voorvoegsel: str
    achternaam: str
    roepnaam: str
    geboortedatum: datetime.date
    geslacht: int
    adresgeheim: bool
    adressen: tuple[Adres, ...]  # empty when the address is secret
    communicatie: tuple[Communicatie, ...]
    pgn_type: str | None  # None in an SWV dossier
    pgn: str | None  # None in an SWV dossier
    leerlingid: str
    onderwijs_sinds: datetime.date | None
    datum_inschrijving: datetime.date | None
    datum_uitschrijving: datetime.date | None
    leerlinggewicht: str


@dataclass(frozen=True)
class Verzorger:
    voornamen: str
    voorletters: str
    voorvoegsel: str
    achternaam: str
    geslacht: int
    relatie_tot_kind: str
    wettig_vertegenwoordiger: bool
    adresgeheim: bool
    adressen: tuple[Adres, ...]
    communicatie: tuple[Communicatie, ...]
    overleden: bool
    overlijdensdatum: datetime.date | None


@dataclass(frozen=True)
class Verzorgers:
    aansprakelijk: bool
    lijst: tuple[Verzorger, ...]


@dataclass(frozen=True)
class Vve:
    van_peuterspeelzaal: bool
    naam_peuterspeelzaal: str
    voorschools_programma: int | None
    voorschoolse_maanden: int | None
    vroegschools_programma: int | None
    vroegschools_datum_ingang: datetime.date | None
    vroegschools_einddatum: datetime.date | None


@dataclass(frozen=True)
class Schooljaar:
    schooljaar: str
    groepscode: str
    groepsnaam: str
    jaargroep: str
    begindatum: datetime.date | None
    einddatum: datetime.date | None
    brincode: str
    vestigingscode: str
    schoolsoort: str


@dataclass(frozen=True)
class Overstapadvies:
    advies: str = ""
    herzien_advies: str = ""
    motivatie_herzien_advies: str = ""
    wens_ouders: str = ""
    wens_leerling: str = ""
    profiel: str = ""
    argumentatie: str = ""
    contact_nodig: bool = False
    contactpersoon: str = ""
    contacttelefoon: str = ""
    aandachtspunten: str = ""


@dataclass(frozen=True)
class Diagnose:
    code: str
    naam: str
    datum: datetime.date | None
    door_wie: str
    instantie: str


@dataclass(frozen=True)
class Tlv:
    ingangsdatum: datetime.date
    einddatum: datetime.date | None
    swv_nummer: str
    categorie: str
    beschikkingsnummer: str


@dataclass(frozen=True)
class Arrangement:
    datum: datetime.date
    einddatum: datetime.date | None
    kenmerk: str
    beschikkingsnummer: str


@dataclass(frozen=True)
class Onderwijsondersteuning:
    toelichting: Document | None = None
    diagnoses: tuple[Diagnose, ...] = ()
    medicijngebruik: bool | None = None  # None: the pupil has no support record
    opp_ingangsdatum: datetime.date | None = None
    opp_einddatum: datetime.date | None = None
    tlvs: tuple[Tlv, ...] = ()
    arrangementen: tuple[Arrangement, ...] = ()
    lwoo_ingangsdatum: datetime.date | None = None
    lwoo_swv_nummer: str = ""
    lwoo_beschikkingsnummer: str = ""
    lwoo_einddatum: datetime.date | None = None


@dataclass(frozen=True)
class Handelingsplan:
    startdatum: datetime.date
    einddatum: datetime.date | None
    is_gericht_op: str
    categorie: str
    status: str
    document: Document | None


@dataclass(frozen=True)
class Verzuim:
    """Totals over the twelve months up to and including ``tot``."""

    van: datetime.date  # exclusive
    tot: datetime.date  # inclusive
    eenheid: str  # "dagdelen" (PO) or "uren" (VO)
    geoorloofd: int
    ongeoorloofd: int
    frequentie: int  # number of registrations of ongeoorloofd verzuim
    contact_leerplicht: bool
    rmc_melding: bool


@dataclass(frozen=True)
class EindtoetsDomein:
    domein: str  # codelijst 47
    referentieniveau: str  # codelijst 45


@dataclass(frozen=True)
class EindtoetsOnderdeel:
    onderdeel: str  # codelijst 46
    referentieniveau: str  # codelijst 45
    domeinen: tuple[EindtoetsDomein, ...] = ()


@dataclass(frozen=True)
class Eindtoets:
    deelgenomen: bool
    toetssoort: str
    toetsniveau: str
    datum_afname: datetime.date | None
    wettelijke_ontheffing: bool
    standaardscore: int | None
    toets_advies: str
    onderdelen: tuple[EindtoetsOnderdeel, ...]
    toetsomschrijving: str = ""  # the exact name, e.g. of a doorstroomtoets codelijst 42 lacks


@dataclass(frozen=True)
class Referentiescore:
    code: str
    vergelijkingsgroep: str
    waarde: str


@dataclass(frozen=True)
class Toets:
    id: int
    afnamedatum: datetime.date
    eldtoetscode: str
    leergebied: str
    toetsnaam: str
    toetsversie: str
    onderdeel: str
    jaargroep: str
    didactische_leeftijd: int | None
    ruwe_score: int | None
    vaardigheidsscore: Decimal | None
    opmerking: str
    referentiescores: tuple[Referentiescore, ...]


@dataclass(frozen=True)
class Cijfer:
    naam: str
    waarde: str
    kwalificatie: str


@dataclass(frozen=True)
class Cijferlijst:
    naam: str
    jaargroep: str
    periode: str
    afnamedatum: datetime.date | None
    totaalscore: str
    onderdelen: tuple[Cijfer, ...]


@dataclass(frozen=True)
class Vakresultaat:
    vakcode: str
    vak: str
    afgerond: bool
    datum_afgerond: datetime.date | None
    examenvak: bool
    cijfer_se: Decimal | None
    cijfer_ce: Decimal | None
    eindcijfer: int | None
    rapportcijfer: Decimal | None


@dataclass(frozen=True)
class VoMbo:
    heeft_gegevens: bool = False  # the pupil has a VO-MBO record (the fields below)
    bevorderd_elementcode: str = ""
    bevorderd_leerjaar: str = ""
    soort_diploma: str = ""
    examenjaar: int | None = None
    datum_uitslag: datetime.date | None = None
    examenuitslag: str = ""
    keuze_vervolgopleiding: str = ""
    beroepskeuzetest: bool = False
    portfolio: bool = False
    pop: bool = False
    motivatiebrief: bool = False
    lobdossier: bool = False
    vakresultaten: tuple[Vakresultaat, ...] = ()


@dataclass(frozen=True)
class Verzameling:
    """What one collection took from the system: the included blocks only.

    A block field is ``None`` when the block is not in the dossier (forbidden, or optional and
    not chosen); ``categorieen`` says per block slug what ``categorie_uitlevering`` declares.
    """

    keuzes: Keuzes
    moment: datetime.datetime
    categorieen: dict[str, Categorie]
    school: School
    leerling: Leerling
    verzorgers: Verzorgers | None = None
    vve: Vve | None = None
    schoolloopbaan: tuple[Schooljaar, ...] | None = None
    overstapadvies: Overstapadvies | None = None
    onderwijsondersteuning: Onderwijsondersteuning | None = None
    handelingsplannen: tuple[Handelingsplan, ...] | None = None
    verzuim: Verzuim | None = None
    eindtoets: Eindtoets | None = None
    toetsen: tuple[Toets, ...] | None = None
    cijferlijsten: tuple[Cijferlijst, ...] | None = None
    vombo: VoMbo | None = None
    bijlagen: tuple[Document, ...] | None = None

    @property
    def profiel(self) -> Profiel:
        return Profiel(self.keuzes.profiel)

    @property
    def info(self) -> ProfielInfo:
        return PROFIELEN[self.profiel]

    @property
    def datum(self) -> datetime.date:
        """The dossier's date (metadata/datum): the collection day in local time."""
        return timezone.localdate(self.moment)

    def opgenomen(self, blok: str) -> bool:
        return self.categorieen[blok] in (Categorie.VERPLICHT, Categorie.OPTIONEEL)


# --- collecting ------------------------------------------------------------------------------


def gekozen_blokken(keuzes: Keuzes) -> frozenset[str]:
    """The optional blocks that go in: the ticked ones the profile offers as optional, minus
    VVE where the standard's rules forbid it although the matrix offers it."""
    profiel = Profiel(keuzes.profiel)
    mogelijk = {b.slug for b in optioneel(profiel)}
    gekozen = set(keuzes.blokken) & mogelijk
    if profiel not in VVE_PROFIELEN:
        gekozen.discard("vve")
    return frozenset(gekozen)


def verzamel(
    leerling_id: int, keuzes: Keuzes, *, moment: datetime.datetime | None = None
) -> Verzameling:
    """Collect the pupil's data for the blocks of ``keuzes`` (``moment``: now by default).

    The caller has checked that the user may see this pupil (``Leerling.objects.for_user``);
    ids in ``keuzes`` that belong to another pupil are ignored. Raises
    ``Leerling.DoesNotExist`` for an unknown pupil and :class:`VerzamelFout` when an attachment
    cannot be read or may not be sent.
    """
    moment = moment or timezone.now()
    peildatum = timezone.localdate(moment)
    profiel = Profiel(keuzes.profiel)
    info = PROFIELEN[profiel]
    categorieen = categorie_uitlevering(profiel, set(gekozen_blokken(keuzes)))
    blokken = {s for s, c in categorieen.items() if c in (Categorie.VERPLICHT, Categorie.OPTIONEEL)}

    # what the user entered for a block that is not in the dossier is not kept either
    if "ouderinzage" not in blokken:
        keuzes = dataclasses.replace(keuzes, inzage=Inzage())
    if "overstapadvies" not in blokken:
        keuzes = dataclasses.replace(keuzes, contact_nodig=False, aandachtspunten="")

    ll = _leerling_queryset(leerling_id, keuzes, blokken, peildatum).get()
    kaart: dict[int, m.MapItem] = {item.pk: item for item in getattr(ll, "_map", ())}

    data: dict[str, Any] = {}
    if "verzorgers" in blokken:
        data["verzorgers"] = Verzorgers(
            aansprakelijk=ll.verzorgers_aansprakelijk,
            lijst=tuple(_verzorger(v) for v in ll._verzorgers),
        )
    if "vve" in blokken:
        data["vve"] = _vve(_een_op_een(ll, "vve"))
    if "schoolloopbaan" in blokken:
        data["schoolloopbaan"] = tuple(_schooljaar(s) for s in ll._schoolloopbaan)
    if "overstapadvies" in blokken:
        data["overstapadvies"] = _overstapadvies(
            _een_op_een(ll, "overstapadvies"), keuzes, ll.school
        )
    if "onderwijsondersteuning" in blokken:
        data["onderwijsondersteuning"] = _ondersteuning(ll, keuzes, kaart)
    if "handelingsplannen" in blokken:
        data["handelingsplannen"] = tuple(_handelingsplan(h) for h in ll._handelingsplannen)
    if "verzuim" in blokken:
        data["verzuim"] = _verzuim(ll._verzuim, peildatum, info.sector_van)
    if "eindtoets" in blokken:
        data["eindtoets"] = _eindtoets(_een_op_een(ll, "eindtoets"))
    if "toetsresultaten" in blokken:
        data["toetsen"] = tuple(_toets(t) for t in ll._toetsen)
    if "cijferlijsten" in blokken:
        data["cijferlijsten"] = tuple(_cijferlijst(c) for c in ll._cijferlijsten)
    if "vombo" in blokken:
        data["vombo"] = _vombo(_een_op_een(ll, "vombo"), ll._vakresultaten)
    if "bijlagen" in blokken:
        data["bijlagen"] = tuple(
            _document(kaart[pk]) for pk in sorted(keuzes.bijlage_ids) if pk in kaart
        )

    verzameling = Verzameling(
        keuzes=keuzes,
        moment=moment,
        categorieen=categorieen,
        school=_school(ll, keuzes),
        leerling=_leerling(ll, met_pgn=not info.swv),
        **data,
    )
    if info.swv:
        verzameling = _zonder_pgn(verzameling, ll.pgn)
    _controleer_grootte(verzameling)
    return verzameling


def _leerling_queryset(
    leerling_id: int, keuzes: Keuzes, blokken: set[str], peildatum: datetime.date
) -> djm.QuerySet[m.Leerling]:
    """One query for the pupil with the school and the chosen one-to-one blocks, plus one per
    list: the count depends on the blocks chosen, never on the number of rows."""
    select = ["school", "vestiging"]
    prefetch: list[str | Prefetch] = [
        Prefetch("school__adressen", queryset=_op_pk(SchoolAdres)),
        Prefetch("school__communicatie", queryset=_op_pk(SchoolCommunicatie)),
        Prefetch("school__vestigingen", queryset=_op_pk(Vestiging)),
        Prefetch("communicatie", queryset=_op_pk(m.LeerlingCommunicatie), to_attr="_comm"),
    ]
    kaart_ids: set[int] = set()

    if "verzorgers" in blokken:
        prefetch.append(
            Prefetch(
                "verzorgers",
                queryset=m.Verzorger.objects.order_by("-contactpersoon", "pk"),
                to_attr="_verzorgers",
            )
        )
    if "vve" in blokken:
        select.append("vve")
    if "schoolloopbaan" in blokken:
        prefetch.append(
            Prefetch(
                "schoolloopbaan",
                queryset=m.Schoolloopbaan.objects.order_by("schooljaar", "begindatum", "pk"),
                to_attr="_schoolloopbaan",
            )
        )
    if "overstapadvies" in blokken:
        select.append("overstapadvies")
    if "onderwijsondersteuning" in blokken:
        select.append("onderwijsondersteuning")
        if keuzes.toelichting_onderwijsbehoeften_id is None:
            select.append("onderwijsondersteuning__toelichting_onderwijsbehoeften")
        else:
            kaart_ids.add(keuzes.toelichting_onderwijsbehoeften_id)
        prefetch += [
            Prefetch(
                "diagnoses",
                queryset=m.Diagnose.objects.order_by(djm.F("datum").asc(nulls_first=True), "pk"),
                to_attr="_diagnoses",
            ),
            Prefetch(
                "tlvs", queryset=m.TLV.objects.order_by("ingangsdatum", "pk"), to_attr="_tlvs"
            ),
            Prefetch(
                "arrangementen",
                queryset=m.Arrangement.objects.order_by("datum", "pk"),
                to_attr="_arrangementen",
            ),
        ]
    if "handelingsplannen" in blokken:
        plannen = m.Handelingsplan.objects.select_related("document").order_by("startdatum", "pk")
        if keuzes.handelingsplan_ids is not None:
            plannen = plannen.filter(pk__in=sorted(keuzes.handelingsplan_ids))
        prefetch.append(
            Prefetch("handelingsplannen", queryset=plannen, to_attr="_handelingsplannen")
        )
    if "verzuim" in blokken:
        prefetch.append(
            Prefetch(
                "verzuim",
                queryset=m.Verzuim.objects.filter(
                    datum__gt=_twaalf_maanden_eerder(peildatum), datum__lte=peildatum
                ).order_by("datum", "pk"),
                to_attr="_verzuim",
            )
        )
    if "eindtoets" in blokken:
        select.append("eindtoets")
        prefetch.append(
            Prefetch(
                "eindtoets__onderdelen",
                queryset=m.EindtoetsOnderdeelResultaat.objects.order_by(
                    "onderdeel", "pk"
                ).prefetch_related(
                    Prefetch(
                        "domeinen",
                        queryset=m.EindtoetsDomeinResultaat.objects.order_by("domein", "pk"),
                    )
                ),
            )
        )
    if "toetsresultaten" in blokken:
        toetsen = m.Toets.objects.order_by("afnamedatum", "pk").prefetch_related(
            Prefetch("referentiescores", queryset=_op_pk(m.ToetsReferentiescore))
        )
        if keuzes.toets_ids is not None:
            toetsen = toetsen.filter(pk__in=sorted(keuzes.toets_ids))
        prefetch.append(Prefetch("toetsen", queryset=toetsen, to_attr="_toetsen"))
    if "cijferlijsten" in blokken:
        prefetch.append(
            Prefetch(
                "cijferlijsten",
                queryset=m.Cijferlijst.objects.order_by(
                    djm.F("afnamedatum").asc(nulls_first=True), "pk"
                ).prefetch_related(Prefetch("onderdelen", queryset=_op_pk(m.CijferlijstOnderdeel))),
                to_attr="_cijferlijsten",
            )
        )
    if "vombo" in blokken:
        select.append("vombo")
        prefetch.append(
            Prefetch(
                "vakresultaten",
                queryset=m.VakResultaat.objects.order_by("vak", "pk"),
                to_attr="_vakresultaten",
            )
        )
    if "bijlagen" in blokken:
        kaart_ids |= set(keuzes.bijlage_ids)
    if kaart_ids:
        prefetch.append(
            Prefetch(
                "map_items",
                queryset=m.MapItem.objects.filter(pk__in=sorted(kaart_ids)),
                to_attr="_map",
            )
        )
    return (
        m.Leerling.objects.filter(pk=leerling_id)
        .select_related(*select)
        .prefetch_related(*prefetch)
    )


_M = TypeVar("_M", bound=djm.Model)


def _op_pk(model: type[_M]) -> djm.QuerySet[_M]:
    return model._default_manager.order_by("pk")


def _een_op_een(ll: m.Leerling, naam: str) -> Any:
    """A reverse one-to-one loaded by select_related, or None when the pupil has none."""
    try:
        return getattr(ll, naam)
    except djm.ObjectDoesNotExist:
        return None


def _twaalf_maanden_eerder(datum: datetime.date) -> datetime.date:
    try:
        return datum.replace(year=datum.year - 1)
    except ValueError:  # 29 February
        return datum.replace(year=datum.year - 1, day=28)


# --- model rows to snapshot ------------------------------------------------------------------


def _adres(bron: Any, soort: str) -> Adres | None:
    """An adresType from AdresFields; None when street, number, postcode or place is missing
    (the standard requires all four)."""
    if not bron.heeft_adres:
        return None
    return Adres(
        soort=soort,
        straat=bron.straat.strip(),
        huisnummer=bron.huisnummer.strip(),
        toevoeging=bron.toevoeging.strip(),
        postcode=bron.postcode.replace(" ", "").upper(),
        plaats=bron.plaats.strip(),
        gemeente=bron.gemeente.strip(),
    )


def _communicatie(soort: str, nummer: str, geheim: bool, aanduiding: str = "") -> Communicatie:
    if geheim:
        nummer = GEHEIM_EMAIL if soort == SoortCommunicatie.EMAIL else GEHEIM_TELEFOON
    return Communicatie(soort=soort, nummer=nummer.strip(), aanduiding=aanduiding, geheim=geheim)


def _school(ll: m.Leerling, keuzes: Keuzes) -> School:
    school = ll.school
    vestiging = ll.vestiging or next(
        (v for v in school.vestigingen.all() if v.vestigingscode == "00"), None
    )
    adressen = [a for a in (_adres(r, r.soort_adres) for r in school.adressen.all()) if a]
    if not adressen and vestiging is not None:
        # no address of the school itself: the location's address is its visiting address
        adressen = [a for a in [_adres(vestiging, SoortAdres.BEZOEK)] if a]
    return School(
        id=school.pk,
        naam=school.naam,
        brincode=school.brincode,
        vestigingscode=vestiging.vestigingscode if vestiging else "00",
        aanleverpunt=keuzes.aanleverpunt,
        soort=school.soort,
        naam_directeur=school.naam_directeur,
        telefoon_directeur=school.telefoon_directeur,
        website=school.website,
        adressen=tuple(adressen),
        communicatie=tuple(
            _communicatie(c.soort, c.nummer, c.geheim, c.aanduiding)
            for c in school.communicatie.all()
        ),
    )


def _leerling(ll: m.Leerling, *, met_pgn: bool) -> Leerling:
    adres = None if ll.adresgeheim else _adres(ll, SOORT_ADRES_PERSOON)
    return Leerling(
        id=ll.pk,
        voornamen=ll.voornamen,
        voorletters=ll.voorletters,
        voorvoegsel=ll.voorvoegsel,
        achternaam=ll.achternaam,
        roepnaam=ll.roepnaam,
        geboortedatum=ll.geboortedatum,
        geslacht=ll.geslacht,
        adresgeheim=ll.adresgeheim,
        adressen=(adres,) if adres else (),
        communicatie=tuple(
            _communicatie(c.soort, c.nummer, c.geheim, c.aanduiding) for c in ll._comm
        ),
        pgn_type=ll.pgn_type if met_pgn else None,
        pgn=ll.pgn if met_pgn else None,
        leerlingid=ll.leerlingid,
        onderwijs_sinds=ll.onderwijs_sinds,
        datum_inschrijving=ll.datum_inschrijving,
        datum_uitschrijving=ll.datum_uitschrijving,
        leerlinggewicht=ll.leerlinggewicht,
    )


def _verzorger(v: m.Verzorger) -> Verzorger:
    adres = None if v.adresgeheim else _adres(v, SOORT_ADRES_PERSOON)
    communicatie = []
    if v.telefoon:
        communicatie.append(
            _communicatie(SoortCommunicatie.TELEFOON, v.telefoon, v.telefoon_geheim)
        )
    if v.email:
        communicatie.append(_communicatie(SoortCommunicatie.EMAIL, v.email, v.email_geheim))
    return Verzorger(
        voornamen=v.voornamen,
        voorletters=v.voorletters,
        voorvoegsel=v.voorvoegsel,
        achternaam=v.achternaam,
        geslacht=v.geslacht,
        relatie_tot_kind=v.relatie_tot_kind,
        wettig_vertegenwoordiger=v.wettig_vertegenwoordiger,
        adresgeheim=v.adresgeheim,
        adressen=(adres,) if adres else (),
        communicatie=tuple(communicatie),
        overleden=v.overleden,
        overlijdensdatum=v.overlijdensdatum,
    )


def _vve(v: m.VVE | None) -> Vve | None:
    if v is None:
        return None
    return Vve(
        van_peuterspeelzaal=v.van_peuterspeelzaal,
        naam_peuterspeelzaal=v.naam_peuterspeelzaal,
        voorschools_programma=v.voorschools_programma,
        voorschoolse_maanden=v.voorschoolse_maanden,
        vroegschools_programma=v.vroegschools_programma,
        vroegschools_datum_ingang=v.vroegschools_datum_ingang,
        vroegschools_einddatum=v.vroegschools_einddatum,
    )


def _schooljaar(s: m.Schoolloopbaan) -> Schooljaar:
    return Schooljaar(
        schooljaar=s.schooljaar,
        groepscode=s.groepscode,
        groepsnaam=s.groepsnaam,
        jaargroep=s.jaargroep,
        begindatum=s.begindatum,
        einddatum=s.einddatum,
        brincode=s.brincode,
        vestigingscode=s.vestigingscode,
        schoolsoort=s.schoolsoort,
    )


def _overstapadvies(a: m.Overstapadvies | None, keuzes: Keuzes, school: Any) -> Overstapadvies:
    contact = {
        "contact_nodig": keuzes.contact_nodig,
        "contactpersoon": school.naam_directeur,
        "contacttelefoon": school.telefoon_directeur,
        "aandachtspunten": keuzes.aandachtspunten.strip(),
    }
    if a is None:
        return Overstapadvies(**contact)
    return Overstapadvies(
        advies=a.advies,
        herzien_advies=a.herzien_advies,
        motivatie_herzien_advies=a.motivatie_herzien_advies,
        wens_ouders=a.wens_ouders,
        wens_leerling=a.wens_leerling,
        profiel=a.profiel,
        argumentatie=a.argumentatie,
        **contact,
    )


def _ondersteuning(
    ll: m.Leerling, keuzes: Keuzes, kaart: dict[int, m.MapItem]
) -> Onderwijsondersteuning:
    o: m.Onderwijsondersteuning | None = _een_op_een(ll, "onderwijsondersteuning")
    if keuzes.toelichting_onderwijsbehoeften_id is not None:
        item = kaart.get(keuzes.toelichting_onderwijsbehoeften_id)
    else:
        item = o.toelichting_onderwijsbehoeften if o is not None else None
    gemeen = {
        "toelichting": _document(item, TOELICHTING_OMSCHRIJVING) if item is not None else None,
        "diagnoses": tuple(
            Diagnose(d.code, d.naam, d.datum, d.door_wie, d.instantie) for d in ll._diagnoses
        ),
        "tlvs": tuple(
            Tlv(t.ingangsdatum, t.einddatum, t.swv_nummer, t.categorie, t.beschikkingsnummer)
            for t in ll._tlvs
        ),
        "arrangementen": tuple(
            Arrangement(a.datum, a.einddatum, a.kenmerk, a.beschikkingsnummer)
            for a in ll._arrangementen
        ),
    }
    if o is None:
        return Onderwijsondersteuning(**gemeen)
    return Onderwijsondersteuning(
        medicijngebruik=o.medicijngebruik,
        opp_ingangsdatum=o.opp_ingangsdatum,
        opp_einddatum=o.opp_einddatum,
        lwoo_ingangsdatum=o.lwoo_ingangsdatum,
        lwoo_swv_nummer=o.lwoo_swv_nummer,
        lwoo_beschikkingsnummer=o.lwoo_beschikkingsnummer,
        lwoo_einddatum=o.lwoo_einddatum,
        **gemeen,
    )


def _handelingsplan(h: m.Handelingsplan) -> Handelingsplan:
    return Handelingsplan(
        startdatum=h.startdatum,
        einddatum=h.einddatum,
        is_gericht_op=h.is_gericht_op,
        categorie=h.categorie,
        status=h.status,
        document=_document(h.document) if h.document is not None else None,
    )


def _verzuim(rijen: Iterable[m.Verzuim], peildatum: datetime.date, sector: str) -> Verzuim:
    po = sector == "PO"
    geoorloofd = ongeoorloofd = frequentie = 0
    contact = rmc = False
    for v in rijen:
        aantal = (v.dagdelen if po else v.uren) or 0
        if v.soort == cl.SoortVerzuim.ONGEOORLOOFD:
            ongeoorloofd += aantal
            frequentie += 1
        else:
            geoorloofd += aantal
        contact = contact or v.contact_leerplicht
        rmc = rmc or v.rmc_melding
    return Verzuim(
        van=_twaalf_maanden_eerder(peildatum),
        tot=peildatum,
        eenheid="dagdelen" if po else "uren",
        geoorloofd=geoorloofd,
        ongeoorloofd=ongeoorloofd,
        frequentie=frequentie,
        contact_leerplicht=contact,
        rmc_melding=rmc,
    )


def _eindtoets(e: m.Eindtoets | None) -> Eindtoets | None:
    if e is None:
        return None
    return Eindtoets(
        deelgenomen=e.deelgenomen,
        toetssoort=e.toetssoort,
        toetsniveau=e.toetsniveau,
        datum_afname=e.datum_afname,
        wettelijke_ontheffing=e.wettelijke_ontheffing,
        standaardscore=e.standaardscore,
        toets_advies=e.toets_advies,
        onderdelen=tuple(
            EindtoetsOnderdeel(
                o.onderdeel,
                o.referentieniveau,
                tuple(EindtoetsDomein(d.domein, d.referentieniveau) for d in o.domeinen.all()),
            )
            for o in e.onderdelen.all()
        ),
        toetsomschrijving=e.toetsomschrijving,
    )


def _toets(t: m.Toets) -> Toets:
    return Toets(
        id=t.pk,
        afnamedatum=t.afnamedatum,
        eldtoetscode=t.eldtoetscode,
        leergebied=t.leergebied,
        toetsnaam=t.toetsnaam,
        toetsversie=t.toetsversie,
        onderdeel=t.onderdeel,
        jaargroep=t.jaargroep,
        didactische_leeftijd=t.didactische_leeftijd,
        ruwe_score=t.ruwe_score,
        vaardigheidsscore=t.vaardigheidsscore,
        opmerking=t.opmerking,
        referentiescores=tuple(
            Referentiescore(r.code, r.vergelijkingsgroep, r.waarde)
            for r in t.referentiescores.all()
        ),
    )


def _cijferlijst(c: m.Cijferlijst) -> Cijferlijst:
    return Cijferlijst(
        naam=c.naam,
        jaargroep=c.jaargroep,
        periode=c.periode,
        afnamedatum=c.afnamedatum,
        totaalscore=c.totaalscore,
        onderdelen=tuple(Cijfer(o.naam, o.waarde, o.kwalificatie) for o in c.onderdelen.all()),
    )


def _vombo(g: m.VoMboGegevens | None, vakken: Iterable[m.VakResultaat]) -> VoMbo:
    resultaten = tuple(
        Vakresultaat(
            vakcode=v.vakcode,
            vak=v.vak,
            afgerond=v.afgerond,
            datum_afgerond=v.datum_afgerond,
            examenvak=v.examenvak,
            cijfer_se=v.cijfer_se,
            cijfer_ce=v.cijfer_ce,
            eindcijfer=v.eindcijfer,
            rapportcijfer=v.rapportcijfer,
        )
        for v in vakken
    )
    if g is None:
        return VoMbo(vakresultaten=resultaten)
    return VoMbo(
        heeft_gegevens=True,
        bevorderd_elementcode=g.bevorderd_elementcode,
        bevorderd_leerjaar=g.bevorderd_leerjaar,
        soort_diploma=g.soort_diploma,
        examenjaar=g.examenjaar,
        datum_uitslag=g.datum_uitslag,
        examenuitslag=g.examenuitslag,
        keuze_vervolgopleiding=g.keuze_vervolgopleiding,
        beroepskeuzetest=g.beroepskeuzetest,
        portfolio=g.portfolio,
        pop=g.pop,
        motivatiebrief=g.motivatiebrief,
        lobdossier=g.lobdossier,
        vakresultaten=resultaten,
    )


_ONVEILIG_IN_NAAM = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def _bestandsnaam(naam: str, extensie: str) -> str:
    """A plain file name (no path, no control characters) ending in an allowed extension."""
    naam = _ONVEILIG_IN_NAAM.sub("_", naam).strip(" ._") or "document"
    if PurePath(naam).suffix.lower().lstrip(".") not in m.DOCUMENT_EXTENSIONS and extensie:
        naam += extensie
    return naam[-200:]


def _document(item: m.MapItem, omschrijving: str | None = None) -> Document:
    """A folder item as an attachment: a document with its file's bytes, a note as text."""
    omschrijving = omschrijving or item.omschrijving or item.titel
    if item.soort == cl.SoortMapItem.NOTITIE:
        naam = item.titel if item.titel.lower().endswith(".txt") else f"{item.titel}.txt"
        return Document(
            bestandsnaam=_bestandsnaam(naam, ".txt"),
            omschrijving=omschrijving,
            inhoud=item.tekst.encode("utf-8"),
            map_item_id=item.pk,
        )
    if not item.bestand:
        raise VerzamelFout(f"Het document '{item.titel}' in de leerlingmap heeft geen bestand.")
    try:
        if item.bestand.size > MAX_BIJLAGE_BYTES:
            raise VerzamelFout(
                f"Het document '{item.titel}' is te groot om mee te sturen "
                f"({item.bestand.size / 1_000_000:.1f} MB; de grens is "
                f"{MAX_BIJLAGE_BYTES / 1_000_000:.1f} MB)."
            )
        with item.bestand.open("rb") as bestand:
            inhoud = bestand.read()
    except OSError:
        raise VerzamelFout(
            f"Het bestand van het document '{item.titel}' is niet gevonden of niet leesbaar."
        ) from None
    extensie = PurePath(item.bestand.name).suffix.lower()
    return Document(
        bestandsnaam=_bestandsnaam(item.bestandsnaam or item.titel, extensie),
        omschrijving=omschrijving,
        inhoud=inhoud,
        map_item_id=item.pk,
    )


def _controleer_grootte(v: Verzameling) -> None:
    for document in _documenten(v):
        if len(document.inhoud) > MAX_BIJLAGE_BYTES:
            raise VerzamelFout(
                f"De bijlage '{document.bestandsnaam}' is te groot om mee te sturen "
                f"(de grens is {MAX_BIJLAGE_BYTES / 1_000_000:.1f} MB)."
            )


def _documenten(v: Verzameling) -> list[Document]:
    documenten: list[Document] = []
    if v.onderwijsondersteuning and v.onderwijsondersteuning.toelichting:
        documenten.append(v.onderwijsondersteuning.toelichting)
    documenten += [h.document for h in v.handelingsplannen or () if h.document]
    documenten += list(v.bijlagen or ())
    return documenten


# --- SWV: no PGN anywhere --------------------------------------------------------------------


def _pgn_patroon(pgn: str) -> str:
    cijfers = [c for c in pgn if c.isdigit()]
    return r"(?<![0-9])" + r"[ .\-]?".join(cijfers) + r"(?![0-9])"


_T = TypeVar("_T")


def _zonder_pgn(verzameling: Verzameling, pgn: str | None) -> Verzameling:
    """The snapshot with the PGN masked in every text, and refused in attachments (their bytes
    and their extracted text); an attachment that cannot be inspected is refused."""
    if not pgn or not any(c.isdigit() for c in pgn):
        for document in _documenten(verzameling):
            _document_zonder_pgn(document, None, None)
        return verzameling
    patroon = _pgn_patroon(pgn)
    tekst = re.compile(patroon)
    binair = re.compile(patroon.encode("ascii"))

    def schoon(obj: _T) -> _T:
        if isinstance(obj, str):
            return tekst.sub(PGN_MASKER, obj) if tekst.search(obj) else obj  # type: ignore[return-value]
        if isinstance(obj, tuple):
            nieuw = tuple(schoon(o) for o in obj)
            return obj if all(a is b for a, b in zip(nieuw, obj, strict=True)) else nieuw  # type: ignore[return-value]
        if isinstance(obj, Document):
            return _document_zonder_pgn(obj, tekst, binair)  # type: ignore[return-value]
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            wijzigingen = {}
            for f in dataclasses.fields(obj):
                oud = getattr(obj, f.name)
                nieuw = schoon(oud)
                if nieuw is not oud:
                    wijzigingen[f.name] = nieuw
            return dataclasses.replace(obj, **wijzigingen) if wijzigingen else obj
        return obj

    return schoon(verzameling)


def _document_zonder_pgn(
    d: Document, tekst: re.Pattern[str] | None, binair: re.Pattern[bytes] | None
) -> Document:
    from .bijlage_inhoud import nummers_in, tekst_van

    naam = tekst.sub(PGN_MASKER, d.bestandsnaam) if tekst else d.bestandsnaam
    omschrijving = tekst.sub(PGN_MASKER, d.omschrijving) if tekst else d.omschrijving
    inhoud = d.inhoud
    if binair is not None and binair.search(inhoud):
        if naam.lower().endswith(".txt"):
            inhoud = binair.sub(PGN_MASKER.encode("utf-8"), inhoud)
        else:
            raise PgnInBijlage(
                f"Het document '{omschrijving}' ({naam}) bevat het BSN of onderwijsnummer van de "
                "leerling. Een SWV-dossier mag dat nergens bevatten: haal het nummer uit het "
                "document of laat het document weg."
            )
    # the text inside (a PDF's compressed streams, a DOCX's XML, an image's metadata)
    inhoudstekst = tekst_van(naam, inhoud)
    if inhoudstekst is None:
        raise PgnInBijlage(
            f"Het document '{omschrijving}' ({naam}) kan niet worden gecontroleerd op een BSN "
            "of onderwijsnummer. Een SWV-dossier neemt alleen PDF, DOCX, ODT, TXT, JPG en PNG "
            "mee die te lezen zijn: sla het document in zo'n vorm op of laat het weg."
        )
    if nummers_in(inhoudstekst, None) or (
        binair is not None and tekst is not None and tekst.search(inhoudstekst)
    ):
        raise PgnInBijlage(
            f"Het document '{omschrijving}' ({naam}) bevat een BSN of onderwijsnummer. Een "
            "SWV-dossier mag dat nergens bevatten: haal het nummer uit het document of laat het "
            "document weg."
        )
    if (naam, omschrijving, inhoud) == (d.bestandsnaam, d.omschrijving, d.inhoud):
        return d
    return dataclasses.replace(d, bestandsnaam=naam, omschrijving=omschrijving, inhoud=inhoud)


# --- a readable summary, and what changed ----------------------------------------------------


def samenvatting(v: Verzameling) -> dict[str, dict[str, str]]:
    """A flat, readable view of the dossier this snapshot yields: block name -> {field label ->
    value}, derived from its XML by the description of the gegevensset
    (:func:`.samenvatting.samenvatting_uit_xml`)."""
    from .samenvatting import samenvatting_uit_xml
    from .xml_bouwer import bouw_xml

    return samenvatting_uit_xml(bouw_xml(v))


class SoortWijziging(StrEnum):
    TOEGEVOEGD = "toegevoegd"
    VERWIJDERD = "verwijderd"
    GEWIJZIGD = "gewijzigd"


@dataclass(frozen=True)
class Wijziging:
    blok: str
    veld: str
    oud: str  # "" when toegevoegd
    nieuw: str  # "" when verwijderd
    soort: SoortWijziging


def verschil(oud: dict[str, dict[str, str]], nieuw: dict[str, dict[str, str]]) -> list[Wijziging]:
    """What changed between two summaries (:func:`samenvatting`), in the order of the new one
    (fields only in the old one after those of their block; blocks only in the old one last)."""
    wijzigingen: list[Wijziging] = []
    for blok in [*nieuw, *(b for b in oud if b not in nieuw)]:
        o, n = oud.get(blok, {}), nieuw.get(blok, {})
        for veld in [*n, *(f for f in o if f not in n)]:
            if veld not in o:
                wijzigingen.append(Wijziging(blok, veld, "", n[veld], SoortWijziging.TOEGEVOEGD))
            elif veld not in n:
                wijzigingen.append(Wijziging(blok, veld, o[veld], "", SoortWijziging.VERWIJDERD))
            elif o[veld] != n[veld]:
                wijzigingen.append(
                    Wijziging(blok, veld, o[veld], n[veld], SoortWijziging.GEWIJZIGD)
                )
    return wijzigingen


__all__ = [
    "GEHEIM_EMAIL",
    "GEHEIM_TELEFOON",
    "MAX_BIJLAGE_BYTES",
    "PGN_MASKER",
    "VVE_PROFIELEN",
    "Adres",
    "Communicatie",
    "Document",
    "PgnInBijlage",
    "SoortWijziging",
    "VerzamelFout",
    "Verzameling",
    "Wijziging",
    "gekozen_blokken",
    "samenvatting",
    "verschil",
    "verzamel",
]
