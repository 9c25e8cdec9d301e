"""The code lists ("OSO codelijsten") of the OSO gegevensset 2019.1: every list that the official
validation (XSD and validation stylesheets) checks, with the codes exactly as the standard has
them and Dutch labels for the screens and the PDF.

Facts: the 2019.1 XSD carries no enumerations (each list moved to the validation stylesheets,
see the XSD's "wijzigingen" notes); the codes below are the ones the 2019.1 validation accepts,
the element each list applies to is the XSD's documentation ("Waarde volgens codelijst N").
The official code list workbook is not public; a label that is our reading of a code rather
than the standard's own wording is marked ``# (inferred)``. Exchange uses the codes, never the
labels.

- ``CODELIJSTEN``: list number -> its choices class;
- ``CODELIJST_PER_ELEMENT``: element path (local names from the root joined by "/") -> list
  number. The rule engine (``dossiers/regels.py``) checks every element in it; the description
  of the gegevensset reads each element's list from it.

Lists our own data uses that are not OSO code lists (PgnType, RedenUitschrijving, ...) follow
at the end.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# --- the OSO code lists, by the standard's number -----------------------------------------------


class AdviesVO(models.TextChoices):
    # codelijst 2 "Advies VO" (DUO's list of advice codes)
    VSO = "01", _("Voortgezet speciaal onderwijs")
    PRO = "10", _("Praktijkonderwijs")
    VMBO_B = "20", _("VMBO basisberoepsgerichte leerweg")
    VMBO_BK = "21", _("VMBO basis-/kaderberoepsgerichte leerweg")
    VMBO_K = "22", _("VMBO kaderberoepsgerichte leerweg")
    VMBO_KGT = "23", _("VMBO kader/gemengde of theoretische leerweg")
    VMBO_GT = "30", _("VMBO gemengde of theoretische leerweg")
    VMBO_GT_HAVO = "31", _("VMBO gemengde of theoretische leerweg / HAVO")
    C32 = "32", _("VMBO (code 32)")  # (inferred)
    C33 = "33", _("VMBO (code 33)")  # (inferred)
    C34 = "34", _("VMBO (code 34)")  # (inferred)
    C35 = "35", _("VMBO (code 35)")  # (inferred)
    HAVO = "40", _("HAVO")
    HAVO_VWO = "41", _("HAVO / VWO")
    C42 = "42", _("HAVO (code 42)")  # (inferred)
    C43 = "43", _("HAVO (code 43)")  # (inferred)
    C44 = "44", _("HAVO (code 44)")  # (inferred)
    VWO = "50", _("VWO")
    C51 = "51", _("VWO (code 51)")  # (inferred)
    C52 = "52", _("VWO (code 52)")  # (inferred)
    C60 = "60", _("Advies code 60")  # (inferred)
    C61 = "61", _("Advies code 61")  # (inferred)
    C70 = "70", _("Advies code 70")  # (inferred)
    C80 = "80", _("Advies code 80")  # (inferred)


class SoortCommunicatie(models.TextChoices):
    # codelijst 4 "Communicatie soort" (2016: "mobiel" and "fax" removed)
    TELEFOON = "telefoon", _("Telefoon")
    EMAIL = "e-mail", _("E-mail")


class AanduidingCommunicatie(models.TextChoices):
    # codelijst 5 "Communicatie aanduiding"
    PRIVE = "prive", _("Privé")
    WERK = "werk", _("Werk")
    OVERIG = "overig", _("Overig")


class VoorschoolseToeleider(models.TextChoices):
    # codelijst 6 "Voorschoolse toeleider" (codes 1-9)
    C1 = "1", _("Toeleider 1: consultatiebureau")  # (inferred)
    C2 = "2", _("Toeleider 2: GGD / jeugdgezondheidszorg")  # (inferred)
    C3 = "3", _("Toeleider 3: peuterspeelzaal")  # (inferred)
    C4 = "4", _("Toeleider 4: kinderdagverblijf")  # (inferred)
    C5 = "5", _("Toeleider 5: ouders zelf")  # (inferred)
    C6 = "6", _("Toeleider 6: school")  # (inferred)
    C7 = "7", _("Toeleider 7: maatschappelijk werk")  # (inferred)
    C8 = "8", _("Toeleider 8: gemeente")  # (inferred)
    C9 = "9", _("Toeleider 9: overig")  # (inferred)


class VoorschoolseHistorie(models.TextChoices):
    # codelijst 7 "Voorschoolse historie" (codes 1-5)
    C1 = "1", _("Historie 1: geen voorschoolse voorziening")  # (inferred)
    C2 = "2", _("Historie 2: peuterspeelzaal")  # (inferred)
    C3 = "3", _("Historie 3: kinderdagverblijf")  # (inferred)
    C4 = "4", _("Historie 4: peuterspeelzaal en kinderdagverblijf")  # (inferred)
    C5 = "5", _("Historie 5: onbekend")  # (inferred)


class VoorschoolseDeelname(models.TextChoices):
    # codelijst 8 "Voorschoolse deelname" (codes 1-5)
    C1 = "1", _("Deelname 1: minder dan 6 maanden")  # (inferred)
    C2 = "2", _("Deelname 2: 6 tot 12 maanden")  # (inferred)
    C3 = "3", _("Deelname 3: 12 tot 18 maanden")  # (inferred)
    C4 = "4", _("Deelname 4: 18 maanden of langer")  # (inferred)
    C5 = "5", _("Deelname 5: onbekend")  # (inferred)


class VVEProgramma(models.IntegerChoices):
    # codelijst 9 "VVE programma" (codes 1-15; 7-15 added in 2018)
    C1 = 1, _("Kaleidoscoop")  # (inferred)
    C2 = 2, _("Piramide")  # (inferred)
    C3 = 3, _("Ko-totaal")  # (inferred)
    C4 = 4, _("Startblokken / Basisontwikkeling")  # (inferred)
    C5 = 5, _("Speelplezier")  # (inferred)
    C6 = 6, _("Ander programma")  # (inferred)
    C7 = 7, _("VVE-programma 7")  # (inferred)
    C8 = 8, _("VVE-programma 8")  # (inferred)
    C9 = 9, _("VVE-programma 9")  # (inferred)
    C10 = 10, _("VVE-programma 10")  # (inferred)
    C11 = 11, _("VVE-programma 11")  # (inferred)
    C12 = 12, _("VVE-programma 12")  # (inferred)
    C13 = 13, _("VVE-programma 13")  # (inferred)
    C14 = 14, _("VVE-programma 14")  # (inferred)
    C15 = 15, _("VVE-programma 15")  # (inferred)


class Nnca(models.TextChoices):
    # codelijst 10 "NNCA" (niet-Nederlandse culturele achtergrond), as the XSD documents it
    NVT = "0", _("Niet van toepassing")
    NEDERLANDS = "1", _("Nederlands")
    NIET_NEDERLANDS = "2", _("Niet-Nederlands")


class Referentiescore(models.TextChoices):
    # codelijst 11 "Referentiescore" (LA added 2015-05, NAZ 2015-07)
    AE = "AE", _("A-E")
    CAE = "CAE", _("Gecorrigeerd A-E")  # (inferred)
    IV = "IV", _("I-V")
    CIV = "CIV", _("Gecorrigeerd I-V")  # (inferred)
    FN = "FN", _("Functioneringsniveau")
    ON = "ON", _("Ontwikkelingsniveau")  # (inferred)
    DLE = "DLE", _("DLE")
    PERCENTIEL = "Percentiel", _("Percentiel")
    PERCENTAGE = "Percentage", _("Percentage")
    T_SCORE = "T-score", _("T-score")
    STANINE = "Stanine", _("Stanine")
    DQ = "DQ", _("DQ")
    IQ = "IQ", _("IQ")
    ERK = "ERK", _("Europees Referentiekader talen (ERK)")
    C_SCORE = "C-score", _("C-score")
    NORM = "Norm", _("Normscore")  # (inferred)
    RNTRM = "RNTRM", _("Referentieniveau")  # (inferred)
    ZML = "ZML", _("ZML-niveau (zeer moeilijk lerend)")  # (inferred)
    LGH = "LGH", _("Leerlijn (LGH)")  # (inferred)
    AVI = "AVI", _("AVI-leesniveau")
    NAZ = "NAZ", _("NAZ-score")  # (inferred)
    LM = "LM", _("Leerlijnniveau (LM)")  # (inferred)
    STANDAARDSCORE = "Standaardscore", _("Standaardscore")
    LA = "LA", _("Leeftijdsaanduiding (LA)")  # (inferred)


class Jaargroep(models.TextChoices):
    # codelijst 13 "Jaargroepen - leerjaren"
    P = "P", _("Peutergroep")
    G0 = "0", _("Groep 0")
    G1 = "1", _("Groep 1")
    G2 = "2", _("Groep 2")
    G3 = "3", _("Groep 3")
    G4 = "4", _("Groep 4")
    G5 = "5", _("Groep 5")
    G6 = "6", _("Groep 6")
    G7 = "7", _("Groep 7")
    G8 = "8", _("Groep 8")
    VO1 = "11", _("Leerjaar 1 (VO)")
    VO2 = "12", _("Leerjaar 2 (VO)")
    VO3 = "13", _("Leerjaar 3 (VO)")
    VO4 = "14", _("Leerjaar 4 (VO)")
    VO5 = "15", _("Leerjaar 5 (VO)")
    VO6 = "16", _("Leerjaar 6 (VO)")
    S = "S", _("SBO/SO/VSO")


class Geslacht(models.IntegerChoices):
    # codelijst 14 "Geslacht"
    ONBEKEND = 0, _("Onbekend")
    VROUW = 1, _("Vrouw")
    MAN = 2, _("Man")


class Leerlinggewicht(models.TextChoices):
    # codelijst 15 "Gewicht"
    G000 = "0.00", _("0,00")
    G030 = "0.30", _("0,30")
    G120 = "1.20", _("1,20")


class SoortOverstap(models.TextChoices):
    # codelijst 16 "Soort overstap/dossier" (POSWV and VOSWV added 2017)
    VSPO = "VSPO", _("Van voorschoolse voorziening naar basisonderwijs")  # (inferred)
    VSWEC = "VSWEC", _("Van voorschoolse voorziening naar expertisecentrum")  # (inferred)
    POPO = "POPO", _("Van een basisschool naar een andere basisschool (PO-PO)")
    POWEC = "POWEC", _("Van basisonderwijs naar expertisecentrum")  # (inferred)
    POVO = "POVO", _("Van de basisschool naar het voortgezet onderwijs (PO-VO)")
    VOVO = "VOVO", _("Van een school voor voortgezet onderwijs naar een andere (VO-VO)")
    VOMBO = "VOMBO", _("Van voortgezet onderwijs naar mbo")
    VOHBO = "VOHBO", _("Van voortgezet onderwijs naar hbo")
    VOWO = "VOWO", _("Van voortgezet onderwijs naar wo")
    WECWEC = "WECWEC", _("Van expertisecentrum naar expertisecentrum")  # (inferred)
    WECVO = "WECVO", _("Van expertisecentrum naar voortgezet onderwijs")  # (inferred)
    WECMBO = "WECMBO", _("Van expertisecentrum naar mbo")  # (inferred)
    POSWV = "POSWV", _("Van de basisschool naar het samenwerkingsverband (PO-SWV)")
    VOSWV = "VOSWV", _("Van het voortgezet onderwijs naar het samenwerkingsverband (VO-SWV)")
    WECHBO = "WECHBO", _("Van expertisecentrum naar hbo")  # (inferred)
    WECWO = "WECWO", _("Van expertisecentrum naar wo")  # (inferred)
    OVERIG = "OVERIG", _("Overige overstap")


class RvcIndicatie(models.TextChoices):
    # codelijst 17 "RVC indicatie"
    LWOO = "LWOO", _("Leerwegondersteunend onderwijs (LWOO)")
    PRO = "PRO", _("Praktijkonderwijs (PrO)")


class HuisnummerAanduiding(models.TextChoices):
    # codelijst 18 "Huisnummer aanduiding"
    TO = "TO", _("Tegenover")
    BY = "BY", _("Bij")


class SoortAdres(models.TextChoices):
    # codelijst 19 "Soort adres"
    BEZOEK = "bezoek", _("Bezoekadres")
    POST = "post", _("Postadres")
    GBA = "gba", _("Woonadres (BRP)")


class ProfielAdvies(models.TextChoices):
    # codelijst 21 "Profiel" ("ondersteuning" added 2015)
    BASIS = "basis", _("Basis")
    PLUS = "plus", _("Plus")
    BESPREEK = "bespreek", _("Bespreek")
    DISHARMONISCH = "disharmonisch", _("Disharmonisch")
    ONDERSTEUNING = "ondersteuning", _("Ondersteuning")


class Vergelijkingsgroep(models.TextChoices):
    # codelijst 22 "Vergelijkingsgroep"
    LANDELIJK = "Landelijk", _("Landelijk")
    BB_PLUS = "BB+", _("Basisberoepsgerichte leerweg plus (BB+)")  # (inferred)
    BB = "BB", _("Basisberoepsgerichte leerweg (BB)")
    KB = "KB", _("Kaderberoepsgerichte leerweg (KB)")
    GT = "GT", _("Gemengde/theoretische leerweg (GT)")
    HAVO = "HAVO", _("HAVO")
    VWO = "VWO", _("VWO")


class Diagnosecode(models.TextChoices):
    # codelijst 23 "Diagnosecode" (DSM/ICD-based; 2019.1 added F79.VB, F79.ZB, HB, F80, F81.9,
    # F43.2)
    F79_VB = "F79.VB", _("Verstandelijke beperking")  # (inferred)
    F79_ZB = "F79.ZB", _("Zwakbegaafdheid")  # (inferred)
    HB = "HB", _("Hoogbegaafdheid")
    F80 = "F80", _("Taalontwikkelingsstoornis")
    F81_0 = "F81.0", _("Dyslexie (specifieke leesstoornis)")
    F81_1 = "F81.1", _("Specifieke spellingstoornis")
    F81_2 = "F81.2", _("Dyscalculie")
    F81_9 = "F81.9", _("Leerstoornis, niet gespecificeerd")
    F82 = "F82", _("Motorische ontwikkelingsstoornis")
    F84 = "F84", _("Autismespectrumstoornis")
    F84_0 = "F84.0", _("Autistische stoornis")
    F84_2 = "F84.2", _("Syndroom van Rett")
    F84_5 = "F84.5", _("Syndroom van Asperger")
    F84_NLD = "F84.nld", _("Non-verbale leerstoornis (NLD)")
    F84_MCDD = "F84.mcdd", _("Multiple complex developmental disorder (MCDD)")
    F90 = "F90", _("ADHD")
    F90_0 = "F90.0", _("ADHD, gecombineerd type")  # (inferred)
    F90_0_PLUS = "F90.0+", _("ADHD, overwegend hyperactief-impulsief type")  # (inferred)
    F90_0_MIN = "F90.0-", _("ADD, overwegend onoplettend type")  # (inferred)
    F91 = "F91", _("Gedragsstoornis")
    F91_3 = "F91.3", _("Oppositioneel-opstandige gedragsstoornis (ODD)")
    F95 = "F95", _("Ticstoornis")
    F95_2 = "F95.2", _("Syndroom van Gilles de la Tourette")
    F41_0 = "F41.0", _("Paniekstoornis")
    F43_1 = "F43.1", _("Posttraumatische stressstoornis (PTSS)")
    F43_2 = "F43.2", _("Aanpassingsstoornis")
    F50 = "F50", _("Eetstoornis")
    F92_0 = "F92.0", _("Depressieve gedragsstoornis")  # (inferred)
    F93_1 = "F93.1", _("Angststoornis (fobie)")  # (inferred)
    F94 = "F94", _("Hechtingsstoornis")  # (inferred)
    FSPD = "Fspd", _("Sensorische prikkelverwerkingsstoornis")  # (inferred)
    G40 = "G40", _("Epilepsie")
    H54_0 = "H54.0", _("Blindheid")
    H54_2 = "H54.2", _("Slechtziendheid")
    H91_9_D = "H91.9.d", _("Doofheid")
    H91_9_S = "H91.9.s", _("Slechthorendheid")
    Z62 = "Z62", _("Problemen in de opvoeding")  # (inferred)


class Overdrachtsoort(models.TextChoices):
    # codelijst 29 "Overdrachtsoort" ("swv-dossier" added 2017)
    OVERSTAPDOSSIER = (
        "overstapdossier",
        _("Overstapdossier: het dossier gaat naar een andere school"),
    )
    BINNEN_BRIN = (
        "overdrachtbinnenbrin",
        _("Overdracht binnen de eigen school (binnen brin) of naar een regionaal platform"),
    )
    SWV_DOSSIER = "swv-dossier", _("Dossier voor het samenwerkingsverband passend onderwijs")


class TLVCategorie(models.TextChoices):
    # codelijst 31 "TLV bekostigingscategorie" (Nvt added 2015)
    LAAG = "L", _("Laag")
    MIDDEN = "M", _("Midden")
    HOOG = "H", _("Hoog")
    NVT = "Nvt", _("Niet van toepassing")


class Deeldossier(models.TextChoices):
    # codelijst 33 "Deeldossier type"
    LAS = "LAS", _("Leerlingadministratie (LAS)")
    LVS = "LVS", _("Leerlingvolgsysteem (LVS)")
    LASLVS = "LASLVS", _("Leerlingadministratie en leerlingvolgsysteem (LAS en LVS)")
    TIB = "TIB", _("TIB-deel")  # (inferred)


class Examenuitslag(models.TextChoices):
    # codelijst 35 "Examenuitslag"
    GESLAAGD = "geslaagd", _("Geslaagd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    HEREXAMEN = "herexamen", _("Herexamen")


class BeoordelingExamenvak(models.TextChoices):
    # codelijst 36 "Beoordelingexamenvak"
    VOLDOENDE = "voldoende", _("Voldoende")
    ONVOLDOENDE = "onvoldoende", _("Onvoldoende")


class Akkoord(models.TextChoices):
    # codelijst 37 "Akkoord" (akkoord and toestemming of the parents' inzage)
    JA = "Ja", _("Ja")
    NEE = "Nee", _("Nee")
    ONBEKEND = "Onbekend", _("Onbekend")


class RelatieTotKind(models.TextChoices):
    # codelijst 41 "Relatie tot kind" (codes 1-9; 1 = vader as the XSD documents it)
    VADER = "1", _("Vader")
    MOEDER = "2", _("Moeder")
    STIEFVADER = "3", _("Stiefvader")  # (inferred)
    STIEFMOEDER = "4", _("Stiefmoeder")  # (inferred)
    PLEEGVADER = "5", _("Pleegvader")  # (inferred)
    PLEEGMOEDER = "6", _("Pleegmoeder")  # (inferred)
    VOOGD = "7", _("Voogd")  # (inferred)
    GROOTOUDER = "8", _("Grootouder")  # (inferred)
    OVERIG = "9", _("Overig")  # (inferred)


class Eindtoetssoort(models.TextChoices):
    # codelijst 42 "Soort eindtoets" (0015 CESAN removed in 2019.1)
    CET = "0011", _("Centrale Eindtoets")
    ROUTE8 = "0012", _("Route 8")
    IEP = "0013", _("IEP Eindtoets")
    C0014 = "0014", _("Dia-eindtoets")  # (inferred)
    C0016 = "0016", _("AMN Eindtoets")  # (inferred)


class EindtoetsNiveau(models.TextChoices):
    # codelijst 43 "Niveau eindtoets" (2019.1: only "G", generiek)
    GENERIEK = "G", _("Generiek")


class WettelijkeOntheffing(models.TextChoices):
    # codelijst 44 "Wettelijke ontheffing eindtoets"
    JA = "J", _("Ja, wettelijke ontheffing")
    NEE = "N", _("Nee, geen ontheffing")


class Referentieniveau(models.TextChoices):
    # codelijst 45 "Eindtoets referentieniveaus"
    LAGER_1F = "01", _("Lager dan 1F")
    F1 = "02", _("1F")
    S1 = "03", _("1S")
    F2 = "04", _("2F")


class EindtoetsOnderdeel(models.TextChoices):
    # codelijst 46 "Eindtoets onderdeelcode": onderdelen with referentieniveaus
    TAAL = "8000", _("Taal")
    REKENEN = "8001", _("Rekenen")


class EindtoetsDomein(models.TextChoices):
    # codelijst 47 "Eindtoets domeincode": domeinen with a referentieniveau
    LEZEN = "8050", _("Lezen")
    TAALVERZORGING = "8051", _("Taalverzorging")


class CategorieUitlevering(models.TextChoices):
    # codelijst 48 "Categorie uitlevering"
    VERPLICHT = "VERPLICHT", _("Verplicht")
    OPTIONEEL = "OPTIONEEL", _("Optioneel, opgenomen")
    VERBODEN = "VERBODEN", _("Verboden")
    OPT_UIT = "OPT-UIT", _("Optioneel, bewust weggelaten")


CODELIJSTEN: dict[int, type[models.Choices]] = {
    2: AdviesVO,
    4: SoortCommunicatie,
    5: AanduidingCommunicatie,
    6: VoorschoolseToeleider,
    7: VoorschoolseHistorie,
    8: VoorschoolseDeelname,
    9: VVEProgramma,
    10: Nnca,
    11: Referentiescore,
    13: Jaargroep,
    14: Geslacht,
    15: Leerlinggewicht,
    16: SoortOverstap,
    17: RvcIndicatie,
    18: HuisnummerAanduiding,
    19: SoortAdres,
    21: ProfielAdvies,
    22: Vergelijkingsgroep,
    23: Diagnosecode,
    29: Overdrachtsoort,
    31: TLVCategorie,
    33: Deeldossier,
    35: Examenuitslag,
    36: BeoordelingExamenvak,
    37: Akkoord,
    41: RelatieTotKind,
    42: Eindtoetssoort,
    43: EindtoetsNiveau,
    44: WettelijkeOntheffing,
    45: Referentieniveau,
    46: EindtoetsOnderdeel,
    47: EindtoetsDomein,
    48: CategorieUitlevering,
}

CODELIJST_NAMEN: dict[int, str] = {
    2: "Advies VO",
    4: "Communicatie soort",
    5: "Communicatie aanduiding",
    6: "Voorschoolse toeleider",
    7: "Voorschoolse historie",
    8: "Voorschoolse deelname",
    9: "VVE programma",
    10: "NNCA",
    11: "Referentiescore",
    13: "Jaargroepen - leerjaren",
    14: "Geslacht",
    15: "Gewicht",
    16: "Soort overstap/dossier",
    17: "RVC indicatie",
    18: "Huisnummer aanduiding",
    19: "Soort adres",
    21: "Profiel",
    22: "Vergelijkingsgroep",
    23: "Diagnosecode",
    29: "Overdrachtsoort",
    31: "TLV bekostigingscategorie",
    33: "Deeldossier type",
    35: "Examenuitslag",
    36: "Beoordeling examenvak",
    37: "Akkoord",
    41: "Relatie tot kind",
    42: "Soort eindtoets",
    43: "Niveau eindtoets",
    44: "Wettelijke ontheffing eindtoets",
    45: "Eindtoets referentieniveaus",
    46: "Eindtoets onderdeelcode",
    47: "Eindtoets domeincode",
    48: "Categorie uitlevering",
}

# Every element of the 2019.1 dossier whose value must come from a code list, by its path.
_L = "dossier/huidigeschool/leerling"
_EINDTOETS = f"{_L}/eindtoets_basisonderwijs/eindtoetsresultaat"
_ONDERDEEL = f"{_EINDTOETS}/onderdelen/onderdeel"
_DOMEIN = f"{_ONDERDEEL}/domeinen/domein"
_AFNEMER = f"{_L}/toetslijst/toets/afname/afgenomendoor/werktbijinstelling"

CODELIJST_PER_ELEMENT: dict[str, int] = {
    f"{_L}/overstapadvies/advies": 2,
    f"{_L}/overstapadvies/herzienadvies": 2,
    f"{_L}/overstapadvies/wensleerling": 2,
    f"{_L}/overstapadvies/wensouders": 2,
    "dossier/huidigeschool/communicatielijst/communicatie/soort": 4,
    f"{_L}/aansprakelijkeinstelling/communicatielijst/communicatie/soort": 4,
    f"{_L}/communicatielijst/communicatie/soort": 4,
    f"{_L}/huisarts/communicatielijst/communicatie/soort": 4,
    f"{_L}/stage/instelling/communicatielijst/communicatie/soort": 4,
    f"{_AFNEMER}/instelling/communicatielijst/communicatie/soort": 4,
    f"{_AFNEMER}/school/communicatielijst/communicatie/soort": 4,
    f"{_L}/verzorger/communicatielijst/communicatie/soort": 4,
    "dossier/huidigeschool/communicatielijst/communicatie/aanduiding": 5,
    f"{_L}/aansprakelijkeinstelling/communicatielijst/communicatie/aanduiding": 5,
    f"{_L}/communicatielijst/communicatie/aanduiding": 5,
    f"{_L}/huisarts/communicatielijst/communicatie/aanduiding": 5,
    f"{_L}/stage/instelling/communicatielijst/communicatie/aanduiding": 5,
    f"{_AFNEMER}/instelling/communicatielijst/communicatie/aanduiding": 5,
    f"{_AFNEMER}/school/communicatielijst/communicatie/aanduiding": 5,
    f"{_L}/verzorger/communicatielijst/communicatie/aanduiding": 5,
    f"{_L}/voorschools/codevoorschoolsetoeleider": 6,
    f"{_L}/voorschools/codevoorschoolsehistorie": 7,
    f"{_L}/voorschools/codevoorschoolsedeelname": 8,
    f"{_L}/voorschools/codevoorschoolsprogramma": 9,
    f"{_L}/vroegschools/codevroegschoolsprogramma": 9,
    f"{_L}/nnca": 10,
    f"{_L}/toetslijst/toets/resultaat/referentiescore/codereferentiescore": 11,
    f"{_L}/toetslijst/toets/toetsonderdeel/resultaat/referentiescore/codereferentiescore": 11,
    f"{_L}/cijferlijstlijst/cijferlijst/cijferlijstTypelijst/onderdeel/jaargroep": 13,
    f"{_L}/cijferlijstlijst/cijferlijst/jaargroep": 13,
    f"{_L}/schoolloopbaanlijst/schoolloopbaan/jaargroep": 13,
    f"{_L}/toetslijst/toets/afname/jaargroep": 13,
    f"{_L}/geslacht": 14,
    f"{_L}/huisarts/geslacht": 14,
    f"{_L}/verzorger/geslacht": 14,
    f"{_L}/leerlinggewicht": 15,
    "dossier/metadata/overstap": 16,
    f"{_L}/onderwijsondersteuning/rvc/rvcindicatie": 17,
    "dossier/huidigeschool/adreslijst/adres/aanduiding": 18,
    f"{_L}/aansprakelijkeinstelling/adreslijst/adres/aanduiding": 18,
    f"{_L}/adreslijst/adres/aanduiding": 18,
    f"{_L}/huisarts/adreslijst/adres/aanduiding": 18,
    f"{_L}/stage/instelling/adreslijst/adres/aanduiding": 18,
    f"{_AFNEMER}/instelling/adreslijst/adres/aanduiding": 18,
    f"{_AFNEMER}/school/adreslijst/adres/aanduiding": 18,
    f"{_L}/verzorger/adreslijst/adres/aanduiding": 18,
    "dossier/huidigeschool/adreslijst/adres/soortadres": 19,
    f"{_L}/aansprakelijkeinstelling/adreslijst/adres/soortadres": 19,
    f"{_L}/adreslijst/adres/soortadres": 19,
    f"{_L}/huisarts/adreslijst/adres/soortadres": 19,
    f"{_L}/stage/instelling/adreslijst/adres/soortadres": 19,
    f"{_AFNEMER}/instelling/adreslijst/adres/soortadres": 19,
    f"{_AFNEMER}/school/adreslijst/adres/soortadres": 19,
    f"{_L}/verzorger/adreslijst/adres/soortadres": 19,
    f"{_L}/overstapadvies/profiel": 21,
    f"{_L}/toetslijst/toets/resultaat/referentiescore/codevergelijkingsgroep": 22,
    f"{_L}/toetslijst/toets/toetsonderdeel/resultaat/referentiescore/codevergelijkingsgroep": 22,
    f"{_L}/onderwijsondersteuning/diagnose/code": 23,
    "dossier/overdrachtsoort": 29,
    f"{_L}/onderwijsondersteuning/tlv/tlvcategorie": 31,
    "dossier/metadata/deeldossier": 33,
    f"{_L}/examenresultaat/examenuitslag": 35,
    f"{_L}/resultaatvakkenvo/beoordelingexamenvak": 36,
    "dossier/inzage/akkoord": 37,
    "dossier/inzage/toestemming": 37,
    f"{_L}/verzorger/relatietotkind": 41,
    f"{_EINDTOETS}/toetssoort": 42,
    f"{_EINDTOETS}/toetsniveau": 43,
    f"{_EINDTOETS}/wettelijke_ontheffing": 44,
    f"{_DOMEIN}/dom_referentieniveau": 45,
    f"{_ONDERDEEL}/ond_referentieniveau": 45,
    f"{_ONDERDEEL}/onderdeelcode": 46,
    f"{_DOMEIN}/domeincode": 47,
    "dossier/metadata/categorie_uitlevering/cat_bijlagedocs": 48,
    "dossier/metadata/categorie_uitlevering/cat_cijferlijsten": 48,
    "dossier/metadata/categorie_uitlevering/cat_eindtoetsbo": 48,
    "dossier/metadata/categorie_uitlevering/cat_handelingsplannen": 48,
    "dossier/metadata/categorie_uitlevering/cat_leerling": 48,
    "dossier/metadata/categorie_uitlevering/cat_metadata": 48,
    "dossier/metadata/categorie_uitlevering/cat_onderwijsondersteuning": 48,
    "dossier/metadata/categorie_uitlevering/cat_ouderinzage": 48,
    "dossier/metadata/categorie_uitlevering/cat_oudersverzorgers": 48,
    "dossier/metadata/categorie_uitlevering/cat_overstapadvies": 48,
    "dossier/metadata/categorie_uitlevering/cat_school": 48,
    "dossier/metadata/categorie_uitlevering/cat_schoolloopbaan": 48,
    "dossier/metadata/categorie_uitlevering/cat_toetsresultaten": 48,
    "dossier/metadata/categorie_uitlevering/cat_verzuim": 48,
    "dossier/metadata/categorie_uitlevering/cat_vombo": 48,
    "dossier/metadata/categorie_uitlevering/cat_vve": 48,
}


def codes(nummer: int) -> frozenset[str]:
    """The codes of a list as they appear in the XML (text, also for integer lists)."""
    return frozenset(str(c) for c in CODELIJSTEN[nummer].values)


def label(nummer: int, code: str | int | None) -> str | None:
    """The Dutch label of a code, or None when the code is not in the list."""
    for waarde, tekst in CODELIJSTEN[nummer].choices:
        if str(waarde) == str(code):
            return str(tekst)
    return None


# --- lists of our own data that are not OSO code lists ------------------------------------------


class PgnType(models.TextChoices):
    BSN = "bsn", _("BSN")
    ONDERWIJSNUMMER = "onderwijsnummer", _("Onderwijsnummer")


class RedenUitschrijving(models.TextChoices):
    VERHUIZING = "verhuizing", _("Verhuizing")
    OVERSTAP_VO = "overstap_vo", _("Overstap naar voortgezet onderwijs")
    ANDERE_SCHOOL = "andere_school", _("Keuze voor een andere school")
    SPECIAAL_ONDERWIJS = "speciaal_onderwijs", _("Plaatsing in speciaal (basis)onderwijs")
    EMIGRATIE = "emigratie", _("Emigratie")
    DIPLOMA = "diploma", _("Diploma behaald")
    OVERIG = "overig", _("Overig")


class StatusHandelingsplan(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    LOPEND = "lopend", _("Lopend")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


class SoortVerzuim(models.TextChoices):
    GEOORLOOFD = "geoorloofd", _("Geoorloofd")
    ONGEOORLOOFD = "ongeoorloofd", _("Ongeoorloofd")


class SoortMapItem(models.TextChoices):
    DOCUMENT = "document", _("Document")
    NOTITIE = "notitie", _("Notitie")
