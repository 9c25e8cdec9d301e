"""factory_boy factories for every model of scholen, accounts and leerlingen.

Deterministic and without Faker: names come from the small generated lists in
:mod:`leerlingen.demo`, BSNs and onderwijsnummers from its 11-proef generators (numbered from
``PGN_OFFSET`` so they never collide with the demo world). Every factory runs ``full_clean()``
before saving, so what a test creates is valid by the models' own rules; use ``.build()`` for an
unsaved (and unchecked) object. Dates lie in the school year 2025-2026.

Documents (``MapItemFactory``) are written to ``MEDIA_ROOT``; point it at a temporary directory
in tests that create them.

Handy entry points:

- ``LeerlingFactory(onderwijsnummer=True)``, ``(groep8=True)`` (with an overstapadvies),
  ``(uitgeschreven=True)`` (to 16UU), ``(vo=True)``; ``adresgeheim=True`` is the model field
  itself, and the pupil's verzorgers and communicatie made by these factories follow it;
- ``AanstellingFactory(schooladministratie=True)`` and the other roles, or
  ``UserFactory(rol=Rol.LEERKRACHT, rol__school=school)``;
- ``vul_alle_blokken(leerling)`` fills every block of the pupil card.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from accounts.models import Aanstelling, User
from accounts.roles import Rol
from core.models import AanduidingCommunicatie, SoortAdres, SoortCommunicatie
from leerlingen import demo
from leerlingen import models as m
from leerlingen.codelijsten import (
    AdviesVO,
    EindtoetsOnderdeel,
    Eindtoetssoort,
    Examenuitslag,
    Geslacht,
    PgnType,
    ProfielAdvies,
    RedenUitschrijving,
    Referentieniveau,
    Referentiescore,
    RelatieTotKind,
    SoortMapItem,
    SoortVerzuim,
    StatusHandelingsplan,
    TLVCategorie,
)
from scholen.models import (
    Aanleverpunt,
    Bestuur,
    Samenwerkingsverband,
    School,
    SchoolAdres,
    SchoolCommunicatie,
    Sector,
    SoortAanleverpunt,
    SoortSchool,
    Vestiging,
    school_routeringskenmerk,
)

PASSWORD = "wachtwoord-test"
PGN_OFFSET = 1000  # the demo world numbers its pupils from 0
SCHOOLJAAR = "2025-2026"
JAAR = 2025  # the school year above starts on 1 August of this year

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def brincode_uit_volgnummer(n: int) -> str:
    """A valid BRIN (two digits, two capitals) per n; starts at 20AA, away from 14SS-16UU."""
    n %= 80 * 26 * 26
    cijfers, rest = divmod(n, 26 * 26)
    return f"{20 + cijfers:02d}{_LETTERS[rest // 26]}{_LETTERS[rest % 26]}"


def bsn(n: int) -> str:
    return demo.bsn_uit_volgnummer(PGN_OFFSET + n)


def onderwijsnummer(n: int) -> str:
    return demo.onderwijsnummer_uit_volgnummer(PGN_OFFSET + n)


def _achternaam(n: int) -> str:
    stammen, uitgangen = demo.ACHTERNAAM_STAMMEN, demo.ACHTERNAAM_UITGANGEN
    return f"{stammen[n % len(stammen)]}{uitgangen[(n // len(stammen)) % len(uitgangen)]}"


def _jaargroep_uit_groep(groep: str) -> str:
    match = re.match(r"[1-8]", groep or "")
    return match.group(0) if match else ""


PDF = demo.minimal_pdf("Testdocument", ["Een document uit de leerlingmap."])


class CleanModelFactory(DjangoModelFactory):
    """Saves through ``full_clean()``: a factory cannot create what the application refuses."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.full_clean()
        obj.save()
        return obj


# --- scholen -------------------------------------------------------------------------------------


class BestuurFactory(CleanModelFactory):
    class Meta:
        model = Bestuur

    naam = factory.Sequence(lambda n: f"Stichting Onderwijs Regio {n + 1}")
    bevoegd_gezag_nummer = factory.Sequence(lambda n: f"{(41000 + n) % 100000:05d}")


class SchoolFactory(CleanModelFactory):
    class Meta:
        model = School

    class Params:
        vo = factory.Trait(soort=SoortSchool.VO)
        regionaal = factory.Trait(aangesloten_regionaal_initiatief=True)
        compleet = factory.Trait(
            bezoekadres=factory.RelatedFactory("tests.factories.SchoolAdresFactory", "school"),
            telefoon=factory.RelatedFactory("tests.factories.SchoolCommunicatieFactory", "school"),
            email=factory.RelatedFactory(
                "tests.factories.SchoolCommunicatieFactory", "school", email=True
            ),
            hoofdvestiging=factory.RelatedFactory(
                "tests.factories.VestigingFactory", "school", vestigingscode="00"
            ),
            aanleverpunt=factory.RelatedFactory(
                "tests.factories.AanleverpuntFactory", "school", nummer=0
            ),
        )

    bestuur = factory.SubFactory(BestuurFactory)
    brincode = factory.Sequence(brincode_uit_volgnummer)
    naam = factory.Sequence(
        lambda n: f"{['De Linde', 'Het Palet', 'De Wilg', 'Het Anker', 'De Bron'][n % 5]} {n + 1}"
    )
    soort = SoortSchool.BO
    naam_directeur = factory.Sequence(lambda n: f"J. {_achternaam(n + 7)}")
    telefoon_directeur = factory.Sequence(lambda n: f"0575-{300000 + n:06d}")
    website = factory.LazyAttribute(lambda o: f"https://{o.brincode.lower()}.school.example")


class SchoolAdresFactory(CleanModelFactory):
    class Meta:
        model = SchoolAdres

    school = factory.SubFactory(SchoolFactory)
    soort_adres = SoortAdres.BEZOEK
    straat = factory.Iterator(demo.STRATEN)
    huisnummer = factory.Sequence(lambda n: str(n % 140 + 1))
    postcode = "7211 KL"
    plaats = "Wilgendaal"
    gemeente = demo.GEMEENTE


class SchoolCommunicatieFactory(CleanModelFactory):
    class Meta:
        model = SchoolCommunicatie

    class Params:
        email = factory.Trait(
            soort=SoortCommunicatie.EMAIL,
            nummer=factory.LazyAttribute(
                lambda o: f"info@{o.school.brincode.lower()}.school.example"
            ),
        )

    school = factory.SubFactory(SchoolFactory)
    soort = SoortCommunicatie.TELEFOON
    aanduiding = AanduidingCommunicatie.WERK
    nummer = factory.Sequence(lambda n: f"0575-{200000 + n:06d}")


class VestigingFactory(CleanModelFactory):
    class Meta:
        model = Vestiging

    school = factory.SubFactory(SchoolFactory)
    vestigingscode = factory.LazyAttribute(lambda o: f"{o.school.vestigingen.count():02d}")
    naam = factory.LazyAttribute(lambda o: f"{o.school.naam} locatie {o.vestigingscode}")
    straat = factory.Iterator(demo.STRATEN)
    huisnummer = factory.Sequence(lambda n: str(n % 140 + 1))
    postcode = "7212 AB"
    plaats = "Wilgendaal"
    gemeente = demo.GEMEENTE


class SamenwerkingsverbandFactory(CleanModelFactory):
    class Meta:
        model = Samenwerkingsverband

    class Params:
        vo = factory.Trait(sector=Sector.VO)

    sector = Sector.PO
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.sector}{3000 + n % 7000:04d}")
    naam = factory.LazyAttribute(lambda o: f"Samenwerkingsverband {o.sector} {o.code[2:]}")


def _routeringskenmerk(o) -> str:
    if o.samenwerkingsverband is not None:
        return demo.swv_routeringskenmerk(o.samenwerkingsverband.code, o.nummer)
    return school_routeringskenmerk(o.school.brincode, o.nummer)


def _volgend_aanleverpunt(o) -> int:
    eigenaar = o.samenwerkingsverband or o.school
    return eigenaar.aanleverpunten.count()


class AanleverpuntFactory(CleanModelFactory):
    class Meta:
        model = Aanleverpunt

    class Params:
        swv = factory.Trait(
            school=None,
            samenwerkingsverband=factory.SubFactory(SamenwerkingsverbandFactory),
            soort=SoortAanleverpunt.SWV,
        )

    school = factory.SubFactory(SchoolFactory)
    samenwerkingsverband = None
    vestiging = None
    nummer = factory.LazyAttribute(_volgend_aanleverpunt)
    soort = SoortAanleverpunt.SCHOOL
    omschrijving = factory.LazyAttribute(lambda o: f"Aanleverpunt {o.nummer}")
    routeringskenmerk = factory.LazyAttribute(_routeringskenmerk)


# --- accounts ------------------------------------------------------------------------------------


class UserFactory(CleanModelFactory):
    """A staff member with password ``PASSWORD``. ``rol=...`` (with ``rol__school=`` or
    ``rol__bestuur=``) also gives an aanstelling."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"medewerker{n + 1}")
    first_name = factory.Iterator(demo.VROUWENNAMEN + demo.MANNENNAMEN)
    last_name = factory.Sequence(lambda n: _achternaam(n + 3))
    email = factory.LazyAttribute(lambda o: f"{o.username}@school.example")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def rol(obj, create, extracted, **kwargs):
        if extracted and create:
            AanstellingFactory(user=obj, rol=extracted, **kwargs)


class AanstellingFactory(CleanModelFactory):
    """A role at a school; the bestuur role gets a bestuur instead of a school."""

    class Meta:
        model = Aanstelling

    class Params:
        is_bestuursrol = factory.LazyAttribute(lambda o: o.rol == Rol.BESTUUR)
        schooladministratie = factory.Trait(rol=Rol.SCHOOLADMINISTRATIE)
        zorgcoordinator = factory.Trait(rol=Rol.ZORGCOORDINATOR)
        leerkracht = factory.Trait(rol=Rol.LEERKRACHT)
        beheerder = factory.Trait(rol=Rol.BEHEERDER)
        bestuurder = factory.Trait(rol=Rol.BESTUUR)

    user = factory.SubFactory(UserFactory)
    rol = Rol.LEERKRACHT
    school = factory.Maybe("is_bestuursrol", None, factory.SubFactory(SchoolFactory))
    bestuur = factory.Maybe("is_bestuursrol", factory.SubFactory(BestuurFactory), None)


# --- leerlingen ----------------------------------------------------------------------------------


def _geboortedatum(o, n: int) -> date:
    jaargroep = int(o.jaargroep) if (o.jaargroep or "").isdigit() else 5
    groep = jaargroep - 2 if jaargroep > 8 else jaargroep  # VO leerjaar 1 counts as 'groep 9'
    return date(JAAR - groep - 4, 10, 1) + timedelta(days=(n * 37) % 365)


def _vervolgschool_naam(o) -> str:
    school = School.objects.filter(brincode=o.vervolgschool_brin).first()
    return school.naam if school else "Wilgendaal College"


class LeerlingFactory(CleanModelFactory):
    class Meta:
        model = m.Leerling

    class Params:
        onderwijsnummer = factory.Trait(
            pgn_type=PgnType.ONDERWIJSNUMMER, pgn=factory.Sequence(onderwijsnummer)
        )
        met_overstapadvies = False
        groep8 = factory.Trait(groep="8A", met_overstapadvies=True)
        uitgeschreven = factory.Trait(
            groep="8A",
            met_overstapadvies=True,
            datum_uitschrijving=date(JAAR + 1, 7, 17),
            reden_uitschrijving=RedenUitschrijving.OVERSTAP_VO,
            vervolgschool_brin="16UU",
            vervolgschool_naam=factory.LazyAttribute(_vervolgschool_naam),
            onderwijssoort_vervolgschool="havo",
        )
        vo = factory.Trait(
            school=factory.SubFactory(SchoolFactory, vo=True),
            groep="1H1",
            jaargroep="11",
            herkomst_brin="14SS",
            herkomst_naam="De Regenboog",
            leerlinggewicht="",
        )

    school = factory.SubFactory(SchoolFactory)
    vestiging = None
    roepnaam = factory.Iterator(demo.MEISJESNAMEN + demo.JONGENSNAMEN)
    voornamen = factory.LazyAttribute(lambda o: o.roepnaam)
    voorletters = factory.LazyAttribute(lambda o: demo.voorletters(o.voornamen))
    voorvoegsel = ""
    achternaam = factory.Sequence(_achternaam)
    geslacht = factory.LazyAttribute(
        lambda o: Geslacht.VROUW if o.roepnaam in demo.MEISJESNAMEN else Geslacht.MAN
    )
    groep = "5A"
    jaargroep = factory.LazyAttribute(lambda o: _jaargroep_uit_groep(o.groep))
    geboortedatum = factory.LazyAttributeSequence(_geboortedatum)
    straat = factory.Iterator(demo.STRATEN)
    huisnummer = factory.Sequence(lambda n: str(n % 140 + 1))
    postcode = "7211 AB"
    plaats = "Wilgendaal"
    gemeente = demo.GEMEENTE
    pgn_type = PgnType.BSN
    pgn = factory.Sequence(bsn)
    leerlingid = factory.Sequence(lambda n: f"{5000 + n}")
    onderwijs_sinds = factory.LazyAttribute(
        lambda o: o.geboortedatum.replace(year=o.geboortedatum.year + 4) + timedelta(days=1)
    )
    datum_inschrijving = factory.LazyAttribute(lambda o: o.onderwijs_sinds)
    leerlinggewicht = "0.00"

    overstapadvies = factory.Maybe(
        "met_overstapadvies",
        factory.RelatedFactory("tests.factories.OverstapadviesFactory", "leerling"),
        None,
    )


class LeerlingCommunicatieFactory(CleanModelFactory):
    class Meta:
        model = m.LeerlingCommunicatie

    class Params:
        email = factory.Trait(
            soort=SoortCommunicatie.EMAIL,
            nummer=factory.LazyAttribute(
                lambda o: demo.email(o.leerling.roepnaam, "", o.leerling.achternaam)
            ),
        )

    leerling = factory.SubFactory(LeerlingFactory)
    soort = SoortCommunicatie.TELEFOON
    aanduiding = AanduidingCommunicatie.PRIVE
    nummer = factory.Sequence(lambda n: f"0575-{400000 + n:06d}")
    geheim = factory.LazyAttribute(lambda o: o.leerling.adresgeheim)


class VerzorgerFactory(CleanModelFactory):
    class Meta:
        model = m.Verzorger

    class Params:
        vader = factory.Trait(
            relatie_tot_kind=RelatieTotKind.VADER,
            geslacht=Geslacht.MAN,
            voornamen=factory.Iterator(demo.MANNENNAMEN),
            achternaam=factory.LazyAttribute(lambda o: o.leerling.achternaam),
            voorvoegsel=factory.LazyAttribute(lambda o: o.leerling.voorvoegsel),
            contactpersoon=False,
        )

    leerling = factory.SubFactory(LeerlingFactory)
    voornamen = factory.Iterator(demo.VROUWENNAMEN)
    voorletters = factory.LazyAttribute(lambda o: demo.voorletters(o.voornamen))
    voorvoegsel = ""
    achternaam = factory.Sequence(lambda n: _achternaam(n + 11))
    geslacht = Geslacht.VROUW
    relatie_tot_kind = RelatieTotKind.MOEDER
    wettig_vertegenwoordiger = True
    aansprakelijk = True
    contactpersoon = True
    adresgeheim = factory.LazyAttribute(lambda o: o.leerling.adresgeheim)
    straat = factory.LazyAttribute(lambda o: o.leerling.straat)
    huisnummer = factory.LazyAttribute(lambda o: o.leerling.huisnummer)
    postcode = factory.LazyAttribute(lambda o: o.leerling.postcode)
    plaats = factory.LazyAttribute(lambda o: o.leerling.plaats)
    gemeente = factory.LazyAttribute(lambda o: o.leerling.gemeente)
    telefoon = factory.Sequence(lambda n: f"06-9{n % 10_000_000:07d}")
    email = factory.LazyAttribute(lambda o: demo.email(o.voornamen, o.voorvoegsel, o.achternaam))


def _schooljaar_start(o) -> date:
    return date(int(o.schooljaar[:4]), 8, 1)


class SchoolloopbaanFactory(CleanModelFactory):
    class Meta:
        model = m.Schoolloopbaan

    leerling = factory.SubFactory(LeerlingFactory)
    schooljaar = SCHOOLJAAR
    groepscode = factory.LazyAttribute(lambda o: o.leerling.groep or "5A")
    groepsnaam = factory.LazyAttribute(lambda o: f"Groep {o.groepscode}")
    jaargroep = factory.LazyAttribute(lambda o: o.leerling.jaargroep or "5")
    begindatum = factory.LazyAttribute(_schooljaar_start)
    einddatum = factory.LazyAttribute(lambda o: date(int(o.schooljaar[5:]), 7, 31))
    brincode = factory.LazyAttribute(lambda o: o.leerling.school.brincode)
    vestigingscode = "00"
    schoolsoort = factory.LazyAttribute(lambda o: o.leerling.school.soort)


class VVEFactory(CleanModelFactory):
    class Meta:
        model = m.VVE

    leerling = factory.SubFactory(LeerlingFactory)
    van_peuterspeelzaal = True
    naam_peuterspeelzaal = "Peutergroep De Kikkertjes"
    voorschools_programma = 1
    voorschoolse_maanden = 18
    vroegschools_programma = 1
    vroegschools_datum_ingang = factory.LazyAttribute(lambda o: o.leerling.datum_inschrijving)
    vroegschools_einddatum = factory.LazyAttribute(
        lambda o: o.leerling.datum_inschrijving + timedelta(days=700)
    )


class OverstapadviesFactory(CleanModelFactory):
    class Meta:
        model = m.Overstapadvies

    class Params:
        herzien = factory.Trait(
            herzien_advies=AdviesVO.HAVO_VWO,
            motivatie_herzien_advies="De uitslag van de doorstroomtoets lag hoger dan het advies.",
        )

    leerling = factory.SubFactory(LeerlingFactory, groep="8A")
    advies = AdviesVO.HAVO
    wens_ouders = AdviesVO.HAVO_VWO
    wens_leerling = AdviesVO.HAVO
    profiel = ProfielAdvies.BASIS
    argumentatie = "Werkt zelfstandig en plant het werk goed; de toetsresultaten passen bij havo."


class OnderwijsondersteuningFactory(CleanModelFactory):
    class Meta:
        model = m.Onderwijsondersteuning

    class Params:
        opp = factory.Trait(opp_ingangsdatum=date(JAAR, 9, 15), opp_einddatum=date(JAAR + 1, 7, 31))
        lwoo = factory.Trait(
            lwoo_ingangsdatum=date(JAAR, 8, 18),
            lwoo_swv_nummer="VO2801",
            lwoo_beschikkingsnummer="VO2801-LWOO-2025-0001",
            lwoo_einddatum=date(JAAR + 4, 7, 31),
        )
        met_toelichting = factory.Trait(
            toelichting_onderwijsbehoeften=factory.SubFactory(
                "tests.factories.MapItemFactory",
                leerling=factory.SelfAttribute("..leerling"),
                titel="Toelichting onderwijsbehoeften",
            )
        )

    leerling = factory.SubFactory(LeerlingFactory)
    medicijngebruik = False


class DiagnoseFactory(CleanModelFactory):
    class Meta:
        model = m.Diagnose

    leerling = factory.SubFactory(LeerlingFactory)
    code = "F81.0"
    naam = "Dyslexie (specifieke leesstoornis)"
    datum = date(JAAR, 3, 12)
    door_wie = factory.Sequence(lambda n: f"drs. M. {_achternaam(n + 5)}")
    instantie = "Expertisecentrum Onderwijs Wilgendaal"


class TLVFactory(CleanModelFactory):
    class Meta:
        model = m.TLV

    leerling = factory.SubFactory(LeerlingFactory)
    ingangsdatum = date(JAAR, 8, 1)
    einddatum = date(JAAR + 2, 7, 31)
    swv_nummer = "PO2801"
    categorie = TLVCategorie.LAAG
    beschikkingsnummer = factory.Sequence(lambda n: f"PO2801-TLV-2025-{n:04d}")


class ArrangementFactory(CleanModelFactory):
    class Meta:
        model = m.Arrangement

    leerling = factory.SubFactory(LeerlingFactory)
    datum = date(JAAR, 10, 1)
    einddatum = date(JAAR + 1, 9, 30)
    kenmerk = "Arrangement lezen: extra begeleiding in een kleine groep"
    beschikkingsnummer = factory.Sequence(lambda n: f"PO2801-ARR-2025-{n:03d}")


class MapItemFactory(CleanModelFactory):
    """A document (a small real PDF) in the pupil's map; ``notitie=True`` for a note."""

    class Meta:
        model = m.MapItem

    class Params:
        notitie = factory.Trait(
            soort=SoortMapItem.NOTITIE,
            bestand="",
            bestandsnaam="",
            mime_type="",
            tekst="Gesprek met ouders: afspraken over dagelijks lezen.",
        )

    leerling = factory.SubFactory(LeerlingFactory)
    soort = SoortMapItem.DOCUMENT
    titel = factory.Sequence(lambda n: f"Verslag {n + 1}")
    omschrijving = ""
    bestand = factory.django.FileField(data=PDF, filename="document.pdf")
    bestandsnaam = factory.LazyAttribute(
        lambda o: o.titel if o.titel.lower().endswith(".pdf") else f"{o.titel}.pdf"
    )
    mime_type = "application/pdf"
    tekst = ""


class HandelingsplanFactory(CleanModelFactory):
    class Meta:
        model = m.Handelingsplan

    class Params:
        afgesloten = factory.Trait(
            status=StatusHandelingsplan.AFGESLOTEN, einddatum=date(JAAR, 12, 19)
        )
        zonder_document = factory.Trait(document=None)

    leerling = factory.SubFactory(LeerlingFactory)
    startdatum = date(JAAR, 9, 15)
    einddatum = date(JAAR + 1, 1, 30)
    is_gericht_op = "Begrijpend lezen"
    categorie = "Individueel handelingsplan"
    status = StatusHandelingsplan.LOPEND
    toelichting = "Drie keer per week twintig minuten extra instructie."
    document = factory.SubFactory(
        MapItemFactory,
        leerling=factory.SelfAttribute("..leerling"),
        titel=factory.LazyAttribute(lambda o: f"Handelingsplan {o.factory_parent.is_gericht_op}"),
    )


class VerzuimFactory(CleanModelFactory):
    class Meta:
        model = m.Verzuim

    class Params:
        vo = factory.Trait(dagdelen=None, uren=3)
        ongeoorloofd = factory.Trait(
            soort=SoortVerzuim.ONGEOORLOOFD,
            omschrijving="Vakantie buiten de schoolvakanties zonder toestemming",
            contact_leerplicht=True,
        )

    leerling = factory.SubFactory(LeerlingFactory)
    datum = factory.Sequence(lambda n: demo.werkdag(date(JAAR, 9, 1) + timedelta(days=n % 300)))
    soort = SoortVerzuim.GEOORLOOFD
    dagdelen = 2
    uren = None
    omschrijving = "Ziek"


class EindtoetsOnderdeelResultaatFactory(CleanModelFactory):
    class Meta:
        model = m.EindtoetsOnderdeelResultaat

    eindtoets = factory.SubFactory("tests.factories.EindtoetsFactory", onderdelen=None)
    onderdeel = EindtoetsOnderdeel.TAAL
    referentieniveau = Referentieniveau.F2


class EindtoetsFactory(CleanModelFactory):
    """A doorstroomtoets with results for taal (8000) and rekenen (8001)."""

    class Meta:
        model = m.Eindtoets

    class Params:
        # no onderdelen either: EindtoetsFactory(niet_deelgenomen=True, onderdelen=None)
        niet_deelgenomen = factory.Trait(
            deelgenomen=False, datum_afname=None, standaardscore=None, toets_advies=""
        )

    leerling = factory.SubFactory(LeerlingFactory, groep="8A")
    deelgenomen = True
    toetssoort = Eindtoetssoort.IEP
    toetsniveau = "G"
    datum_afname = date(JAAR + 1, 2, 10)
    standaardscore = 84
    toets_advies = "havo"
    onderdelen = factory.RelatedFactoryList(
        EindtoetsOnderdeelResultaatFactory,
        "eindtoets",
        size=2,
        onderdeel=factory.Iterator([EindtoetsOnderdeel.TAAL, EindtoetsOnderdeel.REKENEN]),
        referentieniveau=factory.Iterator([Referentieniveau.F2, Referentieniveau.S1]),
    )


class ToetsReferentiescoreFactory(CleanModelFactory):
    class Meta:
        model = m.ToetsReferentiescore

    toets = factory.SubFactory("tests.factories.ToetsFactory", referentiescores=None)
    code = Referentiescore.IV
    vergelijkingsgroep = "Landelijk"
    waarde = "II"


class ToetsFactory(CleanModelFactory):
    """A CITO LOVS test with an I-V level and a percentile."""

    class Meta:
        model = m.Toets

    leerling = factory.SubFactory(LeerlingFactory)
    afnamedatum = factory.Sequence(lambda n: demo.werkdag(date(JAAR + 1, 1, 19) + timedelta(n % 9)))
    eldtoetscode = "RW3-M5"
    leergebied = "rekenen-wiskunde"
    toetsnaam = "Cito LOVS Rekenen-Wiskunde 3.0"
    toetsversie = "M5"
    onderdeel = "Totaal"
    jaargroep = "5"
    didactische_leeftijd = 25
    ruwe_score = factory.Sequence(lambda n: 30 + n % 25)
    vaardigheidsscore = factory.Sequence(lambda n: Decimal(175 + n % 40))
    referentiescores = factory.RelatedFactoryList(
        ToetsReferentiescoreFactory,
        "toets",
        size=2,
        code=factory.Iterator([Referentiescore.IV, Referentiescore.PERCENTIEL]),
        waarde=factory.Iterator(["II", "68"]),
    )


class CijferlijstOnderdeelFactory(CleanModelFactory):
    class Meta:
        model = m.CijferlijstOnderdeel

    cijferlijst = factory.SubFactory("tests.factories.CijferlijstFactory", onderdelen=None)
    naam = factory.Iterator(["Rekenen", "Taal", "Spelling", "Begrijpend lezen"])
    waarde = factory.Iterator(["7,5", "6,8", "8,0", "7,0"])
    kwalificatie = ""


class CijferlijstFactory(CleanModelFactory):
    class Meta:
        model = m.Cijferlijst

    leerling = factory.SubFactory(LeerlingFactory)
    naam = factory.LazyAttribute(lambda o: f"Rapport groep {o.jaargroep}")
    jaargroep = "5"
    periode = f"Rapport 1 {SCHOOLJAAR}"
    afnamedatum = date(JAAR + 1, 2, 6)
    totaalscore = "7,3"
    onderdelen = factory.RelatedFactoryList(CijferlijstOnderdeelFactory, "cijferlijst", size=3)


class VoMboGegevensFactory(CleanModelFactory):
    class Meta:
        model = m.VoMboGegevens

    class Params:
        geslaagd = factory.Trait(
            soort_diploma="vmbo gemengde/theoretische leerweg",
            examenjaar=JAAR + 1,
            datum_uitslag=date(JAAR + 1, 6, 10),
            examenuitslag=Examenuitslag.GESLAAGD,
        )

    leerling = factory.SubFactory(LeerlingFactory, vo=True)
    bevorderd_leerjaar = "13"
    keuze_vervolgopleiding = "mbo Verpleegkunde (niveau 4)"
    beroepskeuzetest = True
    portfolio = True
    pop = False
    motivatiebrief = False
    lobdossier = True


class VakResultaatFactory(CleanModelFactory):
    class Meta:
        model = m.VakResultaat

    class Params:
        examen = factory.Trait(
            afgerond=True,
            datum_afgerond=date(JAAR + 1, 6, 10),
            examenvak=True,
            cijfer_se=Decimal("6.8"),
            cijfer_ce=Decimal("7.2"),
            eindcijfer=7,
            rapportcijfer=None,
        )

    leerling = factory.SubFactory(LeerlingFactory, vo=True)
    vakcode = factory.Iterator([code for code, _vak in demo.LeerlingBouwer.VAKKEN_VO])
    vak = factory.Iterator([vak for _code, vak in demo.LeerlingBouwer.VAKKEN_VO])
    rapportcijfer = Decimal("7.1")


# --- everything at once --------------------------------------------------------------------------


def vul_alle_blokken(leerling: m.Leerling) -> dict[str, object]:
    """Give the pupil data in every block of the card (one-to-one blocks included)."""
    document = MapItemFactory(leerling=leerling, titel="Verslag oudergesprek")
    blokken = {
        "communicatie": [
            LeerlingCommunicatieFactory(leerling=leerling),
            LeerlingCommunicatieFactory(leerling=leerling, email=True),
        ],
        "verzorgers": [
            VerzorgerFactory(leerling=leerling),
            VerzorgerFactory(leerling=leerling, vader=True),
        ],
        "schoolloopbaan": [
            SchoolloopbaanFactory(leerling=leerling, schooljaar="2024-2025"),
            SchoolloopbaanFactory(leerling=leerling),
        ],
        "vve": VVEFactory(leerling=leerling),
        "overstapadvies": m.Overstapadvies.objects.filter(leerling=leerling).first()
        or OverstapadviesFactory(leerling=leerling, herzien=True),
        "vombo": VoMboGegevensFactory(leerling=leerling),
        "vakresultaten": [
            VakResultaatFactory(leerling=leerling),
            VakResultaatFactory(leerling=leerling, examen=True),
        ],
        "eindtoets": EindtoetsFactory(leerling=leerling),
        "toetsen": [
            ToetsFactory(leerling=leerling),
            ToetsFactory(
                leerling=leerling,
                eldtoetscode="SP3-M5",
                leergebied="spelling",
                toetsnaam="Cito LOVS Spelling 3.0",
            ),
        ],
        "cijferlijsten": [CijferlijstFactory(leerling=leerling)],
        "onderwijsondersteuning": OnderwijsondersteuningFactory(
            leerling=leerling, opp=True, lwoo=True, met_toelichting=True
        ),
        "diagnoses": [DiagnoseFactory(leerling=leerling)],
        "tlvs": [TLVFactory(leerling=leerling)],
        "arrangementen": [ArrangementFactory(leerling=leerling)],
        "handelingsplannen": [
            HandelingsplanFactory(leerling=leerling, afgesloten=True),
            HandelingsplanFactory(
                leerling=leerling, is_gericht_op="Rekenen: tafels", document=document
            ),
        ],
        "verzuim": [
            VerzuimFactory(leerling=leerling),
            VerzuimFactory(leerling=leerling, ongeoorloofd=True),
        ],
        "map": [document, MapItemFactory(leerling=leerling, notitie=True, titel="Notitie")],
    }
    return blokken
