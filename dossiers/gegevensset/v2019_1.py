"""The OSO gegevensset 2019.1, described by us from the standard's facts.

Every element of the dossier in the standard's order, with its type and facets, cardinality,
Dutch label, gegevensblok, privacy marks and the attribute of the collected snapshot
(:mod:`dossiers.verzamelen`) it is written from. The structure was first drafted with
``scripts/gegevensset_concept.py`` and completed by hand; the product never reads the official
files (the structural check is generated from this table, see :mod:`.schema`).

``veld`` is the snapshot attribute relative to the object of the parent element; a leading
``/`` means: from the :class:`~dossiers.verzamelen.Verzameling` itself. ``haak`` names a special
case implemented beside the table (:mod:`.haken`).
"""

from __future__ import annotations

from .model import (
    GEHEIM_ADRES,
    GEHEIM_NUMMER,
    ONBEGRENSD,
    PGN,
    Attribuut,
    Element,
    Gegevensset,
    Reeks,
    Type,
    keuze,
    reeks,
)

VERSIE = "2019.1"
VALIDATIEVERSIE = "2019.1.1"
NAMESPACE = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"

# --- simple types ------------------------------------------------------------------------------
TEKST = Type("nonEmptyStringType", "string", min_lengte=1)
VRIJE_TEKST = Type("", "string")
DATUM = Type("", "date")
JA_NEE = Type("", "boolean")
GEHEEL_GETAL = Type("", "integer")
INT = Type("", "int")
DECIMAAL = Type("", "decimal")
BRINCODE = Type("brincodeType", "string", patroon="[0-9][0-9][A-Z][A-Z]")
VESTIGINGSCODE = Type("vestigingscodeType", "string", patroon="[0-9][0-9]")
EINDDATUM_SCHOOLJAAR = Type("einddatumType", "date", patroon="[0-9][0-9][0-9][0-9]-07-31")
ELEMENTCODE = Type("elementcodeType", "string", patroon="[0-9][0-9][0-9][0-9]")
GEBOORTEMAAND = Type("geboortemaandType", "string", patroon=r"\p{Nd}{4}-\p{Nd}{2}")
GESLACHT = Type("geslachtType", "integer")
JAARGROEP = Type("jaargroepType", "string")
SCHOOLJAAR = Type("schooljaarType", "string", patroon="[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]")
VO_ADVIES = Type("voadviesduoType", "string")
CATEGORIE = Type("categorieType", "string")
AANDACHTSPUNTEN = Type("aandachtspuntenType", "string", min_lengte=1, max_lengte=280)
STANDAARDSCORE = Type("standaardscoreType", "integer", min_waarde=0, max_waarde=1000)
TEKST_35 = Type("tekst35Type", "string", min_lengte=1, max_lengte=35)
GBA_DATUM = Type("gbaDatumType", "string", patroon=r"\d{2}-\d{2}-\d{4}")
MAANDEN_24 = Type("maandenType", "integer", min_waarde=1, max_waarde=24)
TOETSADVIES = Type("toetsadviesType", "string", min_lengte=0, max_lengte=1024)


def E(naam: str, type_: Type | Reeks, **kw) -> Element:  # noqa: N802 - reads like the XSD
    return Element(naam, type_, **kw)


def O(naam: str, type_: Type | Reeks, **kw) -> Element:  # noqa: N802, E743 - optional
    return Element(naam, type_, min=0, **kw)


def L(naam: str, type_: Type | Reeks, **kw) -> Element:  # noqa: N802 - a list: 0..n
    return Element(naam, type_, min=0, max=ONBEGRENSD, **kw)


# --- shared groups ---------------------------------------------------------------------------
ADRES = reeks(
    E("soortadres", TEKST, label="Soort adres", veld="soort"),
    E("straat", TEKST, label="Straat", veld="straat"),
    E("nummer", TEKST, label="Huisnummer", veld="huisnummer"),
    O("toevoeging", TEKST, label="Toevoeging", veld="toevoeging"),
    O("aanduiding", TEKST, label="Aanduiding bij huisnummer"),
    O("locatieomschrijving", TEKST_35, label="Locatieomschrijving"),
    E("postcode", TEKST, label="Postcode", veld="postcode"),
    E("plaats", TEKST, label="Plaats", veld="plaats"),
    O("gemeente", TEKST, label="Gemeente", veld="gemeente"),
    O("land", TEKST, label="Land", attributen=(Attribuut("omschrijving", TEKST),)),
    naam="adresType",
)
ADRESLIJST = O(
    "adreslijst",
    reeks(E("adres", ADRES, max=ONBEGRENSD, label="Adres", privacy=frozenset({GEHEIM_ADRES}))),
    label="Adressen",
    veld="adressen",
    haak="adreslijst",
)
COMMUNICATIE = reeks(
    E("soort", TEKST, label="Soort", veld="soort"),
    O("aanduiding", TEKST, label="Werk of privé", veld="aanduiding"),
    E(
        "nummer",
        TEKST,
        label="Telefoonnummer of e-mailadres",
        veld="nummer",
        privacy=frozenset({GEHEIM_NUMMER}),
        haak="geheim_nummer",
    ),
    O("geheim", JA_NEE, label="Geheim", veld="geheim"),
    O("noodnummer", JA_NEE, label="Noodnummer"),
    naam="communicatieType",
)
COMMUNICATIELIJST = O(
    "communicatielijst",
    reeks(E("communicatie", COMMUNICATIE, max=ONBEGRENSD, label="Telefoon of e-mail")),
    label="Telefoon en e-mail",
    veld="communicatie",
    haak="communicatielijst",
)
DOCUMENT = reeks(
    E("bestandsnaam", TEKST, label="Bestandsnaam", veld="bestandsnaam"),
    O("omschrijving", TEKST, label="Omschrijving", veld="omschrijving"),
    E("bestandsinhoud", TEKST, label="Inhoud (ZIP, Base64)", veld="inhoud", haak="bijlage_zip"),
    naam="documentType",
)
INSTELLING = (
    E("naam", TEKST, label="Naam", veld="naam"),
    ADRESLIJST,
    COMMUNICATIELIJST,
)
SCHOOL = (
    *INSTELLING,
    E("brincode", BRINCODE, label="BRIN-code", veld="brincode"),
    E("vestigingscode", VESTIGINGSCODE, label="Vestigingscode", veld="vestigingscode"),
    E("aanleverpunt", TEKST, label="Aanleverpunt", veld="aanleverpunt"),
    O("soort", TEKST, label="Soort school", veld="soort"),
    O("type", TEKST, label="Schooltype"),
    O("naamdirecteur", TEKST, label="Naam directeur", veld="naam_directeur"),
    O("website", TEKST, label="Website", veld="website"),
)
PERSOON = (
    L("voornaam", TEKST, label="Voornamen", veld="voornamen", haak="voornamen"),
    O("voorletters-1", TEKST, label="Voorletters", veld="voorletters", haak="voorletters"),
    O("voorvoegsel", TEKST, label="Tussenvoegsel", veld="voorvoegsel"),
    E("achternaam", TEKST, label="Achternaam", veld="achternaam"),
    O("roepnaam", TEKST, label="Roepnaam", veld="roepnaam"),
    O("geslacht", GESLACHT, label="Geslacht", veld="geslacht"),
    O("adresgeheim", JA_NEE, label="Adres geheim", veld="adresgeheim"),
    ADRESLIJST,
    COMMUNICATIELIJST,
)
TOETSSCORE = reeks(
    O("aantalopgaven", INT, label="Aantal opgaven"),
    O("aantalgoed", INT, label="Aantal goed (ruwe score)", veld="ruwe_score"),
    O("aantalfout", INT, label="Aantal fout"),
    O("aantalgelezen", INT, label="Aantal gelezen"),
    O("tijd", DECIMAAL, label="Tijd"),
    O("vaardigheidsscore", DECIMAAL, label="Vaardigheidsscore", veld="vaardigheidsscore"),
    O("codevaardigheidsschaal", TEKST, label="Vaardigheidsschaal (code)"),
    O(
        "betrouwbaarheidsinterval",
        reeks(
            E("bivlaag", DECIMAAL, label="Betrouwbaarheidsinterval laag"),
            E("bivhoog", DECIMAAL, label="Betrouwbaarheidsinterval hoog"),
        ),
        label="Betrouwbaarheidsinterval",
    ),
    naam="toetsscoreType",
)
REFERENTIESCORE = reeks(
    E("codereferentiescore", TEKST, label="Soort referentiescore", veld="code"),
    E("codevergelijkingsgroep", TEKST, label="Vergelijkingsgroep", veld="vergelijkingsgroep"),
    E("waarde", TEKST, label="Waarde", veld="waarde"),
    O("kwalificatie", TEKST, label="Kwalificatie"),
    naam="referentiescoreType",
)
RESULTAAT = reeks(
    O("toetsscore", TOETSSCORE, label="Score", veld=".", haak="als_gevuld"),
    L("referentiescore", REFERENTIESCORE, label="Referentiescore", veld="referentiescores"),
    O("document", DOCUMENT, label="Document"),
)
SCORE = reeks(
    O("waarde", TEKST, label="Waarde", veld="waarde"),
    O("kwalificatie", TEKST, label="Kwalificatie", veld="kwalificatie"),
    naam="scoreType",
)

# --- the dossier -----------------------------------------------------------------------------
METADATA = E(
    "metadata",
    reeks(
        E("deeldossier", TEKST, label="Deeldossier", haak="deeldossier"),
        E("pakketnaam", TEKST, label="Pakketnaam", haak="pakketnaam"),
        E("pakketversie", TEKST, label="Pakketversie", haak="pakketversie"),
        E("datum", DATUM, label="Datum", veld="/datum"),
        E("standaardversie", TEKST, label="Versie van de standaard", haak="standaardversie"),
        E("validatieversie", TEKST, label="Versie van de validatie", haak="validatieversie"),
        O(
            "categorie_uitlevering",
            reeks(
                E("cat_metadata", CATEGORIE, label="Algemene dossiergegevens"),
                E("cat_ouderinzage", CATEGORIE, label="Ouderinzage"),
                E("cat_school", CATEGORIE, label="School"),
                E("cat_leerling", CATEGORIE, label="Leerling"),
                E("cat_oudersverzorgers", CATEGORIE, label="Ouders/Verzorgers"),
                E("cat_vve", CATEGORIE, label="VVE"),
                E("cat_schoolloopbaan", CATEGORIE, label="Schoolloopbaan"),
                E("cat_overstapadvies", CATEGORIE, label="Overstapadvies"),
                E("cat_onderwijsondersteuning", CATEGORIE, label="Onderwijsondersteuning"),
                E("cat_verzuim", CATEGORIE, label="Verzuim"),
                E("cat_eindtoetsbo", CATEGORIE, label="Eindtoets bo"),
                E("cat_toetsresultaten", CATEGORIE, label="Toetsresultaten"),
                E("cat_handelingsplannen", CATEGORIE, label="Handelingsplannen"),
                E("cat_cijferlijsten", CATEGORIE, label="Cijferlijsten"),
                E("cat_vombo", CATEGORIE, label="VO-MBO"),
                E("cat_bijlagedocs", CATEGORIE, label="Bijlagedocumenten"),
            ),
            label="Categorie uitlevering",
            haak="categorie_uitlevering",
        ),
        O("overstap", TEKST, label="Soort overstap", veld="/info.overstap"),
    ),
    label="Algemene dossiergegevens",
    blok="metadata",
    veld="/",
)

INZAGE = O(
    "inzage",
    reeks(
        E("voorlopigdossier", JA_NEE, label="Voorlopig dossier", veld="voorlopig"),
        O("inzage", JA_NEE, label="Inzage door ouders/verzorgers", veld="inzage"),
        O("inzagedatum", DATUM, label="Datum inzage", veld="datum"),
        O("akkoord", TEKST, label="Akkoord met de inhoud", veld="akkoord"),
        O(
            "redennietakkoord",
            TEKST,
            label="Reden niet akkoord (zienswijze)",
            veld="reden_niet_akkoord",
        ),
        O("toestemming", TEKST, label="Toestemming voor overdracht", veld="toestemming"),
    ),
    label="Inzage",
    blok="ouderinzage",
    veld="/keuzes.inzage",
)

OVERSTAPADVIES = O(
    "overstapadvies",
    reeks(
        O("advies", VO_ADVIES, label="Schooladvies", veld="advies"),
        O("wensouders", VO_ADVIES, label="Wens van de ouders", veld="wens_ouders"),
        O("wensleerling", VO_ADVIES, label="Wens van de leerling", veld="wens_leerling"),
        O("herzienadvies", VO_ADVIES, label="Herzien advies", veld="herzien_advies"),
        O(
            "motivatie_herzienadvies",
            TEKST,
            label="Motivatie herzien advies",
            veld="motivatie_herzien_advies",
        ),
        O("profiel", TEKST, label="Profiel", veld="profiel"),
        O("argumentatie", TEKST, label="Argumentatie", veld="argumentatie"),
        O("contactnodig", JA_NEE, label="Contact met de school nodig", veld="contact_nodig"),
        O("contactpersoon", TEKST, label="Contactpersoon", veld="contactpersoon"),
        O("contacttelefoon", TEKST, label="Telefoon contactpersoon", veld="contacttelefoon"),
        O("contactemail", TEKST, label="E-mail contactpersoon"),
        O("aandachtspunten", AANDACHTSPUNTEN, label="Aandachtspunten", veld="aandachtspunten"),
    ),
    label="Overstapadvies",
    blok="overstapadvies",
    veld="/overstapadvies",
)

VVE = (
    O(
        "vanpeuterspeelzaal",
        JA_NEE,
        label="Kwam van een peuterspeelzaal",
        blok="vve",
        veld="/vve.van_peuterspeelzaal",
    ),
    O(
        "naampeuterspeelzaal",
        TEKST,
        label="Naam peuterspeelzaal",
        blok="vve",
        veld="/vve.naam_peuterspeelzaal",
    ),
    O(
        "voorschools",
        reeks(
            O("codevoorschoolsehistorie", GEHEEL_GETAL, label="Soort voorschool (code)"),
            E(
                "codevoorschoolsprogramma",
                GEHEEL_GETAL,
                label="VVE-programma (code)",
                veld="voorschools_programma",
            ),
            E(
                "voorschoolsemaanden",
                MAANDEN_24,
                label="Aantal maanden deelgenomen",
                veld="voorschoolse_maanden",
            ),
            O("codevoorschoolsetoeleider", GEHEEL_GETAL, label="Verwezen door (code)"),
            O("codevoorschoolsedeelname", GEHEEL_GETAL, label="Deelname (code)"),
            O("voorschoolseaanwezigheid", GEHEEL_GETAL, label="Dagdelen per week"),
        ),
        label="Voorschoolse educatie",
        blok="vve",
        veld="/vve",
        haak="als_volledig",
    ),
    L(
        "vroegschools",
        reeks(
            E(
                "codevroegschoolsprogramma",
                GEHEEL_GETAL,
                label="VVE-programma (code)",
                veld="vroegschools_programma",
            ),
            E(
                "vroegschoolsdatumingang",
                DATUM,
                label="Begindatum",
                veld="vroegschools_datum_ingang",
            ),
            O("vroegschoolseinddatum", DATUM, label="Einddatum", veld="vroegschools_einddatum"),
        ),
        label="Vroegschoolse educatie",
        blok="vve",
        veld="/vve",
        haak="als_volledig",
    ),
)

SCHOOLLOOPBAAN = O(
    "schoolloopbaanlijst",
    reeks(
        E(
            "schoolloopbaan",
            reeks(
                E("schooljaar", SCHOOLJAAR, label="Schooljaar", veld="schooljaar"),
                E("groepscode", TEKST, label="Groepscode", veld="groepscode"),
                O("groepsnaam", TEKST, label="Groep", veld="groepsnaam"),
                E("jaargroep", JAARGROEP, label="Jaargroep/leerjaar", veld="jaargroep"),
                O("begindatum", DATUM, label="Begindatum", veld="begindatum"),
                O("einddatum", DATUM, label="Einddatum", veld="einddatum"),
                E("brincode", BRINCODE, label="BRIN-code", veld="brincode"),
                E("vestigingscode", VESTIGINGSCODE, label="Vestigingscode", veld="vestigingscode"),
                O("schoolsoort", TEKST, label="Schoolsoort", veld="schoolsoort"),
                O("schooltype", TEKST, label="Schooltype"),
                O("voelementcode", ELEMENTCODE, label="Elementcode VO"),
                O("voelementomschrijving", TEKST, label="Omschrijving elementcode VO"),
                O("schoolsoortomschrijving", TEKST, label="Omschrijving schoolsoort"),
            ),
            max=ONBEGRENSD,
            label="Schooljaar",
        ),
    ),
    label="Schoolloopbaan",
    blok="schoolloopbaan",
    veld="/schoolloopbaan",
)

ONDERWIJSONDERSTEUNING = O(
    "onderwijsondersteuning",
    reeks(
        O(
            "toelichting_onderwijsbehoeften",
            reeks(E("document", DOCUMENT, label="Document", veld=".")),
            label="Toelichting onderwijsbehoeften",
            veld="toelichting",
        ),
        L(
            "diagnose",
            reeks(
                E("code", TEKST, max=ONBEGRENSD, label="Diagnose (code)", veld="code"),
                O("naam", TEKST, label="Naam diagnose", veld="naam"),
                O("datum", DATUM, label="Onderzoeksdatum", veld="datum"),
                O("doorwie", TEKST, label="Vastgesteld door", veld="door_wie"),
                O("instantie", TEKST, label="Instantie", veld="instantie"),
                L("document", DOCUMENT, label="Document"),
            ),
            label="Diagnose",
            veld="diagnoses",
        ),
        O("medicijngebruik", JA_NEE, label="Medicijngebruik", veld="medicijngebruik"),
        L(
            "handelingsplan",
            reeks(
                E("startdatum", DATUM, label="Startdatum", veld="startdatum"),
                O("einddatum", DATUM, label="Einddatum", veld="einddatum"),
                E("isgerichtop", TEKST, label="Gericht op", veld="is_gericht_op"),
                O("document", DOCUMENT, label="Document", veld="document"),
            ),
            label="Handelingsplan",
            blok="handelingsplannen",
            veld="/handelingsplannen",
        ),
        O(
            "opp",
            reeks(
                E("opp_ingangdatum", DATUM, label="Ingangsdatum", veld="opp_ingangsdatum"),
                O("opp_einddatum", DATUM, label="Einddatum", veld="opp_einddatum"),
                L("document", DOCUMENT, label="Document"),
            ),
            label="Ontwikkelingsperspectief (OPP)",
            veld=".",
            haak="als_volledig",
        ),
        L(
            "tlv",
            reeks(
                E("tlvingangdatum", DATUM, label="Ingangsdatum", veld="ingangsdatum"),
                E("tlvswvnummer", TEKST, label="Samenwerkingsverband", veld="swv_nummer"),
                E("tlvcategorie", TEKST, label="Bekostigingscategorie", veld="categorie"),
                E(
                    "tlvbeschikkingsnummer",
                    TEKST,
                    label="Beschikkingsnummer",
                    veld="beschikkingsnummer",
                ),
                O("tlveinddatum", DATUM, label="Einddatum", veld="einddatum"),
                O("document", DOCUMENT, label="Document"),
            ),
            label="Toelaatbaarheidsverklaring (TLV)",
            veld="tlvs",
        ),
        L(
            "arrangement_cluster12",
            reeks(
                E("arrangement_datum", DATUM, label="Ingangsdatum"),
                O("arrangement_brin", BRINCODE, label="BRIN-code"),
                O("arrangement_vestigingscode", VESTIGINGSCODE, label="Vestigingscode"),
            ),
            label="Arrangement cluster 1 en 2",
        ),
        L(
            "arrangement_pao",
            reeks(
                E("arrangement_datum", DATUM, label="Ingangsdatum", veld="datum"),
                O("arrangement_kenmerk", TEKST, label="Kenmerk", veld="kenmerk"),
                O(
                    "arrangement_beschikkingsnr",
                    TEKST,
                    label="Beschikkingsnummer",
                    veld="beschikkingsnummer",
                ),
                O("arrangement_einddatum", DATUM, label="Einddatum", veld="einddatum"),
            ),
            label="Arrangement (passend onderwijs)",
            veld="arrangementen",
        ),
        O(
            "lwoo",
            reeks(
                E("lwoo_ingangdatum", DATUM, label="Ingangsdatum", veld="lwoo_ingangsdatum"),
                E("lwoo_swvnummer", TEKST, label="Samenwerkingsverband", veld="lwoo_swv_nummer"),
                E(
                    "lwoo_beschikkingsnummer",
                    TEKST,
                    label="Beschikkingsnummer",
                    veld="lwoo_beschikkingsnummer",
                ),
                O("lwoo_einddatum", EINDDATUM_SCHOOLJAAR, label="Einddatum", veld="lwoo_einddatum"),
                O("document", DOCUMENT, label="Document"),
            ),
            label="LWOO-aanwijzing",
            veld=".",
            haak="als_volledig",
        ),
        O(
            "rvc",
            reeks(
                O("centraleproblematiek", TEKST, label="Centrale problematiek"),
                O("maatregelen", TEKST, label="Genomen maatregelen en resultaat"),
                E(
                    "signaleringlwoopro",
                    reeks(
                        E("deelgenomenaanonderzoek", JA_NEE, label="Deelgenomen aan onderzoek"),
                        E("leerachterstand", JA_NEE, label="Leerachterstand op twee domeinen"),
                        E("lagescoreeindtoets", JA_NEE, label="Lage score op de eindtoets"),
                    ),
                    label="Signalering LWOO/PrO",
                ),
                O("rvcdatum", DATUM, label="Datum beschikking"),
                O("rvcindicatie", TEKST, label="Indicatie"),
                L("document", DOCUMENT, label="Document"),
            ),
            label="Regionale verwijzingscommissie (RVC)",
        ),
    ),
    label="Onderwijsondersteuning",
    blok="onderwijsondersteuning",
    houder=True,
    veld="/onderwijsondersteuning",
)

VERZUIM = O(
    "verzuim",
    reeks(
        O(
            "dagdelengeoorloofd",
            GEHEEL_GETAL,
            label="Geoorloofd verzuim (dagdelen)",
            veld="geoorloofd",
            haak="in_dagdelen",
        ),
        O(
            "dagdelenongeoorloofd",
            GEHEEL_GETAL,
            label="Ongeoorloofd verzuim (dagdelen)",
            veld="ongeoorloofd",
            haak="in_dagdelen",
        ),
        O(
            "urengeoorloofd",
            GEHEEL_GETAL,
            label="Geoorloofd verzuim (uren)",
            veld="geoorloofd",
            haak="in_uren",
        ),
        O(
            "urenongeoorloofd",
            GEHEEL_GETAL,
            label="Ongeoorloofd verzuim (uren)",
            veld="ongeoorloofd",
            haak="in_uren",
        ),
        O("meerdan25percent", JA_NEE, label="Meer dan 25% van de lestijd verzuimd"),
        O("frequentie", GEHEEL_GETAL, label="Aantal keer ongeoorloofd verzuim", veld="frequentie"),
        O(
            "contactleerplicht",
            JA_NEE,
            label="Contact met de leerplichtambtenaar",
            veld="contact_leerplicht",
        ),
        O("rmcmelding", JA_NEE, label="Gemeld bij het RMC", veld="rmc_melding"),
        O("documentLijst", reeks(E("document", DOCUMENT, max=ONBEGRENSD)), label="Documenten"),
    ),
    label="Verzuim",
    blok="verzuim",
    veld="/verzuim",
)

EINDTOETS = O(
    "eindtoets_basisonderwijs",
    reeks(
        O(
            "eindtoetsresultaat",
            reeks(
                E("toetssoort", VRIJE_TEKST, label="Eindtoets", veld="toetssoort"),
                E("toetsniveau", VRIJE_TEKST, label="Niveau", veld="toetsniveau"),
                O(
                    "toetsomschrijving",
                    VRIJE_TEKST,
                    label="Omschrijving",
                    haak="omschrijving_eindtoets",
                ),
                E("datum_afname", DATUM, label="Datum afname", veld="datum_afname"),
                O(
                    "wettelijke_ontheffing",
                    VRIJE_TEKST,
                    label="Wettelijke ontheffing",
                    veld="wettelijke_ontheffing",
                    haak="j_n",
                ),
                O("standaardscore", STANDAARDSCORE, label="Standaardscore", veld="standaardscore"),
                O("toets_advies", TOETSADVIES, label="Toetsadvies", veld="toets_advies"),
                E(
                    "onderdelen",
                    reeks(
                        L(
                            "onderdeel",
                            reeks(
                                E(
                                    "onderdeelcode",
                                    VRIJE_TEKST,
                                    label="Onderdeel",
                                    veld="onderdeel",
                                ),
                                O(
                                    "onderdeelomschrijving",
                                    VRIJE_TEKST,
                                    label="Omschrijving",
                                    haak="omschrijving_onderdeel",
                                ),
                                O(
                                    "ond_referentieniveau",
                                    VRIJE_TEKST,
                                    label="Referentieniveau",
                                    veld="referentieniveau",
                                ),
                                O(
                                    "domeinen",
                                    reeks(
                                        L(
                                            "domein",
                                            reeks(
                                                E(
                                                    "domeincode",
                                                    VRIJE_TEKST,
                                                    label="Domein",
                                                    veld="domein",
                                                ),
                                                O(
                                                    "domeinomschrijving",
                                                    VRIJE_TEKST,
                                                    label="Omschrijving",
                                                    haak="omschrijving_domein",
                                                ),
                                                O(
                                                    "dom_referentieniveau",
                                                    VRIJE_TEKST,
                                                    label="Referentieniveau",
                                                    veld="referentieniveau",
                                                ),
                                            ),
                                            label="Domein",
                                            veld="domeinen",
                                        ),
                                    ),
                                    label="Domeinen",
                                    veld=".",
                                    haak="met_domeinen",
                                ),
                            ),
                            label="Onderdeel",
                            veld="onderdelen",
                        ),
                    ),
                    label="Onderdelen",
                    veld=".",
                ),
            ),
            label="Resultaat",
            veld=".",
            haak="als_volledig",
        ),
        E("deelgenomen", JA_NEE, label="Deelgenomen", veld="deelgenomen"),
        L("document", DOCUMENT, label="Document"),
    ),
    label="Eindtoets basisonderwijs",
    blok="eindtoets",
    veld="/eindtoets",
)

TOETSLIJST = O(
    "toetslijst",
    reeks(
        E(
            "toets",
            reeks(
                E(
                    "toetsidentificatie",
                    reeks(
                        E("eldtoetscode", TEKST, label="Toetscode", veld="eldtoetscode"),
                        O("leergebied", TEKST, label="Leergebied", veld="leergebied"),
                        O("toetsnaam", TEKST, label="Toets", veld="toetsnaam"),
                        O("toetsversie", TEKST, label="Versie", veld="toetsversie"),
                    ),
                    label="Toets",
                    veld=".",
                ),
                E(
                    "afname",
                    reeks(
                        E("afnamedatum", DATUM, label="Datum afname", veld="afnamedatum"),
                        O("jaargroep", JAARGROEP, label="Jaargroep/leerjaar", veld="jaargroep"),
                        O(
                            "dl",
                            GEHEEL_GETAL,
                            label="Didactische leeftijd",
                            veld="didactische_leeftijd",
                        ),
                        O(
                            "afgenomendoor",
                            reeks(
                                E("naammedewerker", TEKST, label="Naam medewerker"),
                                O("functie", TEKST, label="Functie"),
                                O(
                                    "werktbijinstelling",
                                    reeks(
                                        keuze(
                                            E("instelling", reeks(*INSTELLING), label="Instelling"),
                                            E("school", reeks(*SCHOOL), label="School"),
                                        )
                                    ),
                                    label="Werkt bij",
                                ),
                            ),
                            label="Afgenomen door",
                        ),
                    ),
                    label="Afname",
                    veld=".",
                ),
                E("resultaat", RESULTAAT, label="Resultaat", veld="."),
                L(
                    "toetsonderdeel",
                    reeks(
                        E("eldonderdeelcode", TEKST, label="Onderdeelcode"),
                        O("onderdeelnaam", TEKST, label="Onderdeel"),
                        E("resultaat", RESULTAAT, label="Resultaat"),
                    ),
                    label="Toetsonderdeel",
                ),
                O("opmerking", TEKST, label="Opmerking", veld="opmerking"),
            ),
            max=ONBEGRENSD,
            label="Toets",
        ),
    ),
    label="Toetsresultaten",
    blok="toetsresultaten",
    veld="/toetsen",
)

CIJFERLIJSTEN = O(
    "cijferlijstlijst",
    reeks(
        E(
            "cijferlijst",
            reeks(
                E(
                    "cijferlijstTypelijst",
                    reeks(
                        E("naam", TEKST, label="Naam", veld="naam"),
                        L(
                            "onderdeel",
                            reeks(
                                E("naam", TEKST, label="Onderdeel", veld="naam"),
                                E("score", SCORE, label="Cijfer", veld="."),
                                O("afnamedatum", DATUM, label="Datum"),
                                O("jaargroep", JAARGROEP, label="Jaargroep/leerjaar"),
                                O("periode", TEKST, label="Periode"),
                            ),
                            label="Onderdeel",
                            veld="onderdelen",
                        ),
                        E("score", SCORE, max=ONBEGRENSD, label="Totaal", haak="totaalscore"),
                    ),
                    label="Cijferlijst",
                    veld=".",
                ),
                O("afnamedatum", DATUM, label="Datum", veld="afnamedatum"),
                E("jaargroep", JAARGROEP, label="Jaargroep/leerjaar", veld="jaargroep"),
                O("periode", TEKST, label="Periode", veld="periode"),
            ),
            max=ONBEGRENSD,
            label="Cijferlijst",
        ),
    ),
    label="Cijferlijsten",
    blok="cijferlijsten",
    veld="/cijferlijsten",
)

VERZORGER = L(
    "verzorger",
    reeks(
        *PERSOON,
        O("relatietotkind", TEKST, label="Relatie tot het kind", veld="relatie_tot_kind"),
        O("overleden", JA_NEE, label="Overleden", veld="overleden"),
        O("overlijdensdatum", DATUM, label="Datum overlijden", veld="overlijdensdatum"),
        E(
            "wettigevertegenwoordiger",
            JA_NEE,
            label="Wettelijk vertegenwoordiger",
            veld="wettig_vertegenwoordiger",
        ),
        O("banknummer", TEKST, label="Banknummer"),
        O("iban", TEKST, label="IBAN"),
    ),
    label="Ouder/verzorger",
    blok="verzorgers",
    veld="/verzorgers.lijst",
)

VOMBO = (
    O(
        "bevorderd",
        reeks(
            O("elementcode", ELEMENTCODE, label="Elementcode", veld="bevorderd_elementcode"),
            O("leerjaar", JAARGROEP, label="Leerjaar", veld="bevorderd_leerjaar"),
        ),
        label="Bevorderd naar",
        blok="vombo",
        veld="/vombo",
        haak="als_gevuld",
    ),
    O(
        "examenresultaat",
        reeks(
            O("soortdiploma", TEKST, label="Soort diploma", veld="soort_diploma"),
            O("examenjaar", INT, label="Examenjaar", veld="examenjaar"),
            O("datumuitslag", DATUM, label="Datum uitslag", veld="datum_uitslag"),
            O("examenuitslag", TEKST, label="Uitslag", veld="examenuitslag"),
        ),
        label="Examen",
        blok="vombo",
        veld="/vombo",
        haak="als_gevuld",
    ),
    L(
        "resultaatvakkenvo",
        reeks(
            E("vakcode", TEKST, label="Vakcode", veld="vakcode"),
            O("vakleergebied", TEKST, label="Vak", veld="vak"),
            E("afgerond", JA_NEE, label="Afgerond", veld="afgerond"),
            O("datumafgerond", DATUM, label="Datum afgerond", veld="datum_afgerond"),
            E("examenvak", JA_NEE, label="Examenvak", veld="examenvak"),
            keuze(
                E("beoordelingexamenvak", TEKST, label="Beoordeling"),
                E("exameneindcijfer", INT, label="Eindcijfer examen", veld="eindcijfer"),
                E("cijferce", DECIMAAL, label="Cijfer centraal examen", veld="cijfer_ce"),
                E("eindcijferse", DECIMAAL, label="Eindcijfer schoolexamen", veld="cijfer_se"),
                E("cijferse", DECIMAAL, max=ONBEGRENSD, label="Cijfer schoolexamen"),
                E("rapportcijfer", DECIMAAL, label="Rapportcijfer", veld="rapportcijfer"),
                E(
                    "werkstuk",
                    reeks(
                        E("werkstuktitel", TEKST, label="Titel werkstuk"),
                        E("werkstukbeoordeling", TEKST, label="Beoordeling werkstuk"),
                    ),
                    label="Werkstuk",
                ),
            ),
        ),
        label="Vakresultaat",
        blok="vombo",
        veld="/vombo.vakresultaten",
        haak="een_cijfer",
    ),
    L("certificaat", TEKST, label="Certificaat", blok="vombo"),
    L(
        "competenties",
        reeks(
            O("competentiereferentie", TEKST, label="Referentie"),
            O("competentiecategorie", TEKST, label="Categorie"),
            O("competentiebeschrijving", TEKST, label="Beschrijving"),
            O("competentiestatus", TEKST, label="Status"),
        ),
        label="Competentie",
        blok="vombo",
    ),
    L(
        "stage",
        reeks(
            O("begindatum", DATUM, label="Begindatum"),
            O("einddatum", DATUM, label="Einddatum"),
            O("soortstage", TEKST, label="Soort stage"),
            O("functierol", TEKST, label="Functie of rol"),
            O("instelling", reeks(*INSTELLING), label="Stagebedrijf of instelling"),
            O("beoordeling", TEKST, label="Beoordeling"),
        ),
        label="Stage",
        blok="vombo",
    ),
    O(
        "overigvombo",
        reeks(
            O(
                "keuzevervolgopleiding",
                TEKST,
                label="Keuze vervolgopleiding",
                veld="keuze_vervolgopleiding",
            ),
            E("beroepskeuzetest", JA_NEE, label="Beroepskeuzetest gedaan", veld="beroepskeuzetest"),
            E("portfolio", JA_NEE, label="Portfolio", veld="portfolio"),
            E("pop", JA_NEE, label="Persoonlijk ontwikkelingsplan (POP)", veld="pop"),
            E("motivatiebrief", JA_NEE, label="Motivatiebrief", veld="motivatiebrief"),
            E("lobdossier", JA_NEE, label="Loopbaandossier (LOB)", veld="lobdossier"),
        ),
        label="Overig VO-MBO",
        blok="vombo",
        veld="/vombo",
        haak="overigvombo",
    ),
)

LEERLING = E(
    "leerling",
    reeks(
        *PERSOON[:5],
        keuze(
            O("geboortedatum", DATUM, label="Geboortedatum", veld="geboortedatum"),
            O("geboortemaand", GEBOORTEMAAND, label="Geboortemaand"),
            min=0,
        ),
        O("geslacht", GESLACHT, label="Geslacht", veld="geslacht"),
        O("adresgeheim", JA_NEE, label="Adres geheim", veld="adresgeheim"),
        keuze(ADRESLIJST, O("postcode4adres", TEKST, label="Postcode (alleen de cijfers)"), min=0),
        COMMUNICATIELIJST,
        O(
            "gba",
            reeks(
                E("gbavoornaam", TEKST, max=ONBEGRENSD, label="Voornamen volgens de gemeente"),
                O("gbavoorvoegsel", TEKST, label="Tussenvoegsel volgens de gemeente"),
                E("gbaachternaam", TEKST, label="Achternaam volgens de gemeente"),
                E("gbageboortedatum", GBA_DATUM, label="Geboortedatum volgens de gemeente"),
            ),
            label="Naam volgens de gemeente (BRP)",
        ),
        L(
            "adresbuitenland",
            TEKST_35,
            label="Adres in het buitenland",
            privacy=frozenset({GEHEIM_ADRES}),
        ),
        O("geboorteplaats", TEKST, label="Geboorteplaats"),
        L(
            "nationaliteit",
            VRIJE_TEKST,
            label="Nationaliteit",
            attributen=(Attribuut("omschrijving", TEKST),),
        ),
        keuze(
            E(
                "onderwijsnummer",
                TEKST,
                label="Onderwijsnummer",
                privacy=frozenset({PGN}),
                haak="pgn",
            ),
            E("bsn", TEKST, label="BSN", privacy=frozenset({PGN}), haak="pgn"),
            min=0,
        ),
        O("leerlingid", TEKST, label="Leerlingnummer op school", veld="leerlingid"),
        O("onderwijssinds", DATUM, label="Onderwijs in Nederland sinds", veld="onderwijs_sinds"),
        O("startdatumhuidigonderwijs", DATUM, label="Start huidige onderwijs"),
        O("datuminschrijving", DATUM, label="Datum inschrijving", veld="datum_inschrijving"),
        O("datumuitschrijving", DATUM, label="Datum uitschrijving", veld="datum_uitschrijving"),
        O("teruggeplaatstnaarbrin", BRINCODE, label="Teruggeplaatst naar school (BRIN)"),
        O("leerlinggewicht", TEKST, label="Leerlinggewicht", veld="leerlinggewicht"),
        O("nnca", TEKST, label="Culturele achtergrond (NNCA)"),
        O("tehuis", JA_NEE, label="Woont in een tehuis"),
        O("huisarts", reeks(*PERSOON[:5], *PERSOON[5:]), label="Huisarts"),
        O(
            "verzorgersaansprakelijk",
            JA_NEE,
            label="Ouders/verzorgers aansprakelijk",
            blok="verzorgers",
            veld="/verzorgers.aansprakelijk",
        ),
        O(
            "aansprakelijkeinstelling",
            reeks(*INSTELLING),
            label="Aansprakelijke instelling",
            blok="verzorgers",
        ),
        OVERSTAPADVIES,
        *VVE,
        SCHOOLLOOPBAAN,
        ONDERWIJSONDERSTEUNING,
        VERZUIM,
        EINDTOETS,
        TOETSLIJST,
        CIJFERLIJSTEN,
        O(
            "overigdocumentlijst",
            reeks(E("document", DOCUMENT, max=ONBEGRENSD, label="Document")),
            label="Bijlagedocumenten",
            blok="bijlagen",
            veld="/bijlagen",
        ),
        VERZORGER,
        *VOMBO,
    ),
    label="Leerling",
    blok="leerling",
    veld="/leerling",
)

HUIDIGESCHOOL = E(
    "huidigeschool",
    reeks(*SCHOOL, LEERLING),
    label="Gegevens huidige school",
    blok="school",
    houder=True,
    veld="/school",
)

DOSSIER = E(
    "dossier",
    reeks(
        METADATA,
        E(
            "overdrachtsoort",
            TEKST,
            label="Soort overdracht",
            blok="metadata",
            veld="/info.overdrachtsoort",
        ),
        INZAGE,
        HUIDIGESCHOOL,
    ),
    label="Dossier",
)


def gegevensset(codelijsten: dict[str, int]) -> Gegevensset:
    return Gegevensset(VERSIE, VALIDATIEVERSIE, NAMESPACE, DOSSIER, codelijsten)
