"""Code lists of the OSO standard ("OSO codelijsten") that the pupil data uses.

The codes are those the 2019.1 XSD and validation accept. The official code list workbook is
not public; where a label below is our reading of a code rather than the workbook's text it is
marked (inferred) in docs/architecture.md. Exchange uses the codes, never the labels.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Geslacht(models.IntegerChoices):
    # codelijst 14
    ONBEKEND = 0, _("Onbekend")
    VROUW = 1, _("Vrouw")
    MAN = 2, _("Man")


class PgnType(models.TextChoices):
    BSN = "bsn", _("BSN")
    ONDERWIJSNUMMER = "onderwijsnummer", _("Onderwijsnummer")


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


class AdviesVO(models.TextChoices):
    # codelijst 2 "Advies VO": the codes the XSD pattern allows.
    VSO = "01", _("Voortgezet speciaal onderwijs")
    PRO = "10", _("Praktijkonderwijs")
    VMBO_B = "20", _("VMBO basisberoepsgerichte leerweg")
    VMBO_BK = "21", _("VMBO basis-/kaderberoepsgerichte leerweg")
    VMBO_K = "22", _("VMBO kaderberoepsgerichte leerweg")
    VMBO_KGT = "23", _("VMBO kader/gemengde of theoretische leerweg")
    VMBO_GT = "30", _("VMBO gemengde of theoretische leerweg")
    VMBO_GT_HAVO = "31", _("VMBO gemengde of theoretische leerweg / HAVO")
    C32 = "32", _("VMBO (code 32)")
    C33 = "33", _("VMBO (code 33)")
    C34 = "34", _("VMBO (code 34)")
    C35 = "35", _("VMBO (code 35)")
    HAVO = "40", _("HAVO")
    HAVO_VWO = "41", _("HAVO / VWO")
    C42 = "42", _("HAVO (code 42)")
    C43 = "43", _("HAVO (code 43)")
    C44 = "44", _("HAVO (code 44)")
    VWO = "50", _("VWO")
    C51 = "51", _("VWO (code 51)")
    C52 = "52", _("VWO (code 52)")
    C60 = "60", _("Code 60")
    C61 = "61", _("Code 61")
    C70 = "70", _("Code 70")
    C80 = "80", _("Code 80")


class ProfielAdvies(models.TextChoices):
    # codelijst 21 "Profiel"
    BASIS = "basis", _("Basis")
    PLUS = "plus", _("Plus")
    BESPREEK = "bespreek", _("Bespreek")


class RelatieTotKind(models.TextChoices):
    # codelijst 41 "Relatie tot kind" (codes 1-9; labels inferred)
    VADER = "1", _("Vader")
    MOEDER = "2", _("Moeder")
    STIEFVADER = "3", _("Stiefvader")
    STIEFMOEDER = "4", _("Stiefmoeder")
    PLEEGVADER = "5", _("Pleegvader")
    PLEEGMOEDER = "6", _("Pleegmoeder")
    VOOGD = "7", _("Voogd")
    GROOTOUDER = "8", _("Grootouder")
    OVERIG = "9", _("Overig")


class Leerlinggewicht(models.TextChoices):
    # codelijst 15 "Gewicht"
    G000 = "0.00", _("0,00")
    G030 = "0.30", _("0,30")
    G120 = "1.20", _("1,20")


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


class Referentiescore(models.TextChoices):
    # codelijst 11 "Referentiescore": the codes seen in the official examples
    AE = "AE", _("A-E")
    IV = "IV", _("I-V")
    CAE = "CAE", _("Gecorrigeerd A-E")
    CIV = "CIV", _("Gecorrigeerd I-V")
    DLE = "DLE", _("DLE")
    FN = "FN", _("Functioneringsniveau")
    RNTRM = "RNTRM", _("Referentieniveau")
    PR = "PR", _("Percentiel")
    IQ = "IQ", _("IQ")
    DQ = "DQ", _("DQ")


class Eindtoetssoort(models.TextChoices):
    # codelijst 42 "Soort eindtoets"
    CET = "0011", _("Centrale Eindtoets")
    ROUTE8 = "0012", _("Route 8")
    IEP = "0013", _("IEP Eindtoets")
    C0014 = "0014", _("Dia-eindtoets")
    C0016 = "0016", _("AMN Eindtoets")


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


class SoortVerzuim(models.TextChoices):
    GEOORLOOFD = "geoorloofd", _("Geoorloofd")
    ONGEOORLOOFD = "ongeoorloofd", _("Ongeoorloofd")


class Examenuitslag(models.TextChoices):
    # codelijst 35 "Examenuitslag"
    GESLAAGD = "geslaagd", _("Geslaagd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    TEKORT = "teruggetrokken", _("Teruggetrokken")


class SoortMapItem(models.TextChoices):
    DOCUMENT = "document", _("Document")
    NOTITIE = "notitie", _("Notitie")
