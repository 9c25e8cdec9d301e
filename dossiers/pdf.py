"""The dossier's PDF: what parents see at inzage, rendered from the dossier XML itself.

The PDF is made from the XML bytes, not from the database, so that what parents are shown is
exactly the version that travels, and so that the same renderer serves a dossier we receive.

Steps: :func:`parse_dossier` (safe parsing), a plain view-model of sections (this module),
the template ``dossiers/pdf.html`` (Django autoescaping: text from the dossier can never become
markup), then WeasyPrint with a URL fetcher that refuses every URL. The template carries its CSS
inline and uses the system fonts, so nothing is ever fetched; a fetch would mean a bug, and it is
refused.

Readable for a parent: Dutch headings, codes shown by their meaning, dates as dd-mm-jjjj, Ja/Nee
for booleans, a BSN or onderwijsnummer only masked, a secret address as "Adres geheim", file
names of attachments but never their content. Every leaf value of the dossier that no section
lays out explicitly is still shown (under "Overige gegevens"), so nothing is hidden from parents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from django.db.models import Choices
from django.template.loader import render_to_string
from django.utils import translation
from lxml import etree
from weasyprint import HTML, Document
from weasyprint.urls import URLFetcher

from leerlingen import codelijsten as cl

from . import gegevensset
from .profielen import BLOKKEN, Categorie, profiel_van_dossier
from .profielen import categorie as matrix_categorie
from .xmlsafe import OSO_NAMESPACE, parse_dossier

TEMPLATE = "dossiers/pdf.html"

_Q = f"{{{OSO_NAMESPACE}}}"
Element = etree._Element


# --- the URL fetcher --------------------------------------------------------------------------


class GeenUrls(URLFetcher):
    """A WeasyPrint URL fetcher that refuses every URL (http, file, data, anything).

    The template needs nothing from outside; refusing keeps a crafted dossier from making the
    server read a local file or call a URL. WeasyPrint reports the refusal as a warning and
    renders on without the resource.
    """

    def fetch(self, url: str, headers: Any = None) -> NoReturn:
        raise ValueError(f"Het overstapdossier-PDF haalt geen URL's op: {url[:80]!r}")

    def open(self, url: Any, data: Any = None, timeout: Any = None) -> NoReturn:
        raise ValueError("Het overstapdossier-PDF haalt geen URL's op")

    def __call__(self, url: str) -> NoReturn:
        return self.fetch(url)


# --- the view-model ---------------------------------------------------------------------------


@dataclass(slots=True)
class Tabel:
    kop: list[str]
    rijen: list[list[str]]


@dataclass(slots=True)
class Onderdeel:
    """A part of a section: an optional subheading, a text, label/value rows and a table."""

    kop: str = ""
    tekst: str = ""
    velden: list[tuple[str, str]] = field(default_factory=list)
    tabel: Tabel | None = None
    let_op: bool = False  # the text is a warning

    @property
    def kort(self) -> bool:
        """Few rows: kept together on one page."""
        return len(self.velden) <= 8


@dataclass(slots=True)
class Sectie:
    titel: str
    onderdelen: list[Onderdeel] = field(default_factory=list)
    slug: str = ""


def _veld(velden: list[tuple[str, str]], label: str, waarde: str | None) -> None:
    if waarde:
        velden.append((label, waarde))


def _samen(scheiding: str, *delen: str | None) -> str:
    return scheiding.join(d for d in delen if d)


# --- values -----------------------------------------------------------------------------------

_DATUM = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$")
_MAAND = re.compile(r"^(\d{4})-(\d{2})$")


def datum(waarde: str | None) -> str | None:
    """``2016-03-31`` as ``31-03-2016``; anything else unchanged."""
    if not waarde:
        return waarde
    match = _DATUM.match(waarde)
    return f"{match[3]}-{match[2]}-{match[1]}" if match else waarde


def ja_nee(waarde: str | None) -> str | None:
    if waarde is None:
        return None
    return {"true": "Ja", "1": "Ja", "false": "Nee", "0": "Nee"}.get(waarde.lower(), waarde)


def _waar(waarde: str | None) -> bool:
    return waarde is not None and waarde.lower() in ("true", "1")


def waarde(tekst: str | None) -> str | None:
    """A value whose meaning we don't know: dates and booleans still made readable."""
    if tekst is None:
        return None
    if _DATUM.match(tekst):
        return datum(tekst)
    if tekst in ("true", "false"):
        return ja_nee(tekst)
    return tekst


def maskeer(nummer: str | None) -> str | None:
    """A BSN or onderwijsnummer as ``*****`` plus its last four digits."""
    if not nummer:
        return nummer
    return "*****" + (nummer[-4:] if len(nummer) > 4 else "")


_KEUZES: dict[type[Choices], dict[str, Any]] = {}


def _uit(keuzes: type[Choices], code: str | None) -> str | None:
    """The label of a code of one of our code lists; an unknown code as "code X"."""
    if not code:
        return code
    labels = _KEUZES.get(keuzes)
    if labels is None:  # lazy labels, kept lazy: evaluated in the active (Dutch) language
        labels = _KEUZES[keuzes] = {str(k): v for k, v in keuzes.choices}
    label = labels.get(code)
    return str(label) if label is not None else f"code {code}"


def _lijst(labels: dict[str, str], code: str | None) -> str | None:
    if not code:
        return code
    return labels.get(code, code)


# Code lists that leerlingen.codelijsten does not hold; labels from the XSD's documentation and
# the standard's study (STANDARD.md). A code not listed is shown as it is.
OVERDRACHTSOORT = {
    "overstapdossier": "Overstapdossier: het dossier gaat naar een andere school",
    "overdrachtbinnenbrin": "Overdracht binnen de eigen school (binnen brin) of naar een "
    "regionaal platform",
    "swv-dossier": "Dossier voor het samenwerkingsverband passend onderwijs",
}
DEELDOSSIER = {
    "LAS": "Leerlingadministratie (LAS)",
    "LVS": "Leerlingvolgsysteem (LVS)",
    "LASLVS": "Leerlingadministratie en leerlingvolgsysteem (LAS en LVS)",
}
OVERSTAP = {
    "POPO": "Van een basisschool naar een andere basisschool (PO-PO)",
    "POVO": "Van de basisschool naar het voortgezet onderwijs (PO-VO)",
    "VOVO": "Van een school voor voortgezet onderwijs naar een andere (VO-VO)",
    "POSWV": "Van de basisschool naar het samenwerkingsverband (PO-SWV)",
    "VOSWV": "Van het voortgezet onderwijs naar het samenwerkingsverband (VO-SWV)",
}
AKKOORD = {
    "Ja": "Ja, ouders/verzorgers zijn akkoord met de inhoud",
    "Nee": "Nee, ouders/verzorgers zijn niet akkoord met de inhoud",
    "Onbekend": "Onbekend",
}
TOESTEMMING = {
    "Ja": "Ja, ouders/verzorgers geven toestemming voor de overdracht",
    "Nee": "Nee, ouders/verzorgers geven geen toestemming voor de overdracht",
    "Onbekend": "Onbekend",
}
SCHOOLSOORT = {
    "BO": "Basisonderwijs",
    "SBO": "Speciaal basisonderwijs",
    "SO": "Speciaal onderwijs",
    "VSO": "Voortgezet speciaal onderwijs",
    "VO": "Voortgezet onderwijs",
    "PRO": "Praktijkonderwijs",
}
NNCA = {"0": "Niet van toepassing", "1": "Nederlands", "2": "Niet-Nederlands"}
TLV_CATEGORIE = {
    "L": "Laag",
    "M": "Midden",
    "H": "Hoog",
    "Nvt": "Niet van toepassing",
}
RVC_INDICATIE = {
    "LWOO": "Leerwegondersteunend onderwijs (LWOO)",
    "PRO": "Praktijkonderwijs (PrO)",
}
JA_NEE_CODE = {"J": "Ja", "N": "Nee"}
AANDUIDING_ADRES = {"TO": "tegenover", "BY": "bij"}
SOORT_COMMUNICATIE = {"telefoon": "Telefoon", "e-mail": "E-mail", "email": "E-mail"}
AANDUIDING_COMMUNICATIE = {"werk": "werk", "prive": "privé", "overig": "overig"}
DOMEIN = {"8050": "Lezen", "8051": "Taalverzorging"}
_ADRES_PERSOON = {"bezoek": "Woonadres", "post": "Postadres", "gba": "Adres volgens de gemeente"}
_ADRES_INSTELLING = {"bezoek": "Bezoekadres", "post": "Postadres", "gba": "Adres volgens BRP"}
_GEHEIM = ("9999999999", "geheim@geheim.geheim")
_LEGE_KWALIFICATIE = {"geen nadere kwalificatie", "geen kwalificatie"}


def _naam(element: Element) -> str:
    return etree.QName(element).localname


def pad_van(element: Element) -> str:
    """The element's path in the description of the gegevensset (``dossier/...``)."""
    delen = [_naam(element)]
    delen += [_naam(v) for v in element.iterancestors()]
    return "/".join(reversed(delen))


def label(pad: str) -> str:
    """The Dutch label of an element path, from the description of the gegevensset (an
    element it does not know: its name made readable)."""
    return gegevensset.label(pad)


# --- reading the dossier ----------------------------------------------------------------------


class _Lezer:
    """Reads values and remembers what it read, so that the rest can be shown generically."""

    def __init__(self) -> None:
        # lxml keeps one proxy per node as long as it is referenced, so identity works here
        self.gelezen: set[Element] = set()

    def kind(self, element: Element | None, naam: str) -> Element | None:
        return None if element is None else element.find(_Q + naam)

    def kinderen(self, element: Element | None, naam: str) -> list[Element]:
        return [] if element is None else element.findall(_Q + naam)

    def lees(self, element: Element | None) -> str | None:
        if element is None:
            return None
        self.gelezen.add(element)
        tekst = (element.text or "").strip()
        return tekst or None

    def tekst(self, element: Element | None, naam: str) -> str | None:
        return self.lees(self.kind(element, naam))

    @staticmethod
    def label(element: Element | None, naam: str) -> str:
        """The table's label of the child ``naam`` of ``element``."""
        if element is None:
            return gegevensset.model.standaard_label(naam)
        return label(f"{pad_van(element)}/{naam}")

    def teksten(self, element: Element | None, naam: str) -> list[str]:
        return [t for t in (self.lees(k) for k in self.kinderen(element, naam)) if t]

    def rest(self, wortels: Iterable[Element], basis: Element | None = None) -> list[tuple]:
        """Label/value rows for every leaf under ``wortels`` that was not read yet."""
        velden: list[tuple[str, str]] = []
        for wortel in wortels:
            for element in wortel.iter():
                if not isinstance(element.tag, str) or element in self.gelezen:
                    continue
                if len(element) or _naam(element) == "bestandsinhoud":
                    continue
                self.gelezen.add(element)
                tekst = (element.text or "").strip()
                omschrijving = element.get("omschrijving")
                if omschrijving:
                    tekst = f"{omschrijving} ({tekst})" if tekst else omschrijving
                if not tekst:
                    continue
                velden.append((self._pad(element, basis), waarde(tekst) or ""))
        return velden

    @staticmethod
    def _pad(element: Element, basis: Element | None) -> str:
        delen = [label(pad_van(element))]
        for voorouder in element.iterancestors():
            if voorouder is basis or voorouder.getparent() is None or _is_houder(voorouder):
                break
            if _is_lijst(voorouder):
                continue
            delen.append(label(pad_van(voorouder)))
        return " › ".join(reversed(delen))


def _is_houder(element: Element) -> bool:
    """An element whose children belong to more than one block (dossier, huidigeschool,
    leerling, onderwijsondersteuning): the PDF's sections start below it."""
    return pad_van(element) in _GEMENGD


def _is_lijst(element: Element) -> bool:
    """A list element (adreslijst, toetslijst, onderdelen): its items carry the labels."""
    knoop = gegevensset.huidig().knopen.get(pad_van(element))
    if knoop is None or knoop.element.enkelvoudig:
        return False
    kinderen = list(knoop.element.type.elementen())
    return len(kinderen) == 1 and kinderen[0].herhaalbaar


def _gemengd() -> frozenset[str]:
    g = gegevensset.huidig()
    blokken: dict[str, set[str]] = {}
    for k in g.knopen.values():
        deel = k.pad
        while deel:
            blokken.setdefault(deel, set()).add(k.blok)
            deel = deel.rpartition("/")[0]
    return frozenset(pad for pad, b in blokken.items() if len(b) > 1)


_GEMENGD = _gemengd()

# the order of the block sections: as the brief of the PDF lists them
_VOLGORDE = (
    "leerling",
    "verzorgers",
    "vve",
    "schoolloopbaan",
    "overstapadvies",
    "onderwijsondersteuning",
    "handelingsplannen",
    "verzuim",
    "eindtoets",
    "toetsresultaten",
    "cijferlijsten",
    "vombo",
    "bijlagen",
)
GROEPEN: tuple[tuple[Categorie, str], ...] = (
    (Categorie.VERPLICHT, "Verplicht (meegestuurd)"),
    (Categorie.OPTIONEEL, "Bewust meegestuurd"),
    (Categorie.OPT_UIT, "Bewust niet meegestuurd"),
    (Categorie.VERBODEN, "Verboden (niet meegestuurd)"),
)
_MEE = (Categorie.VERPLICHT, Categorie.OPTIONEEL)


class _Bouwer:
    """Builds the sections of one dossier."""

    def __init__(self, root: Element) -> None:
        self.lz = _Lezer()
        self.root = root
        lz = self.lz
        self.metadata = lz.kind(root, "metadata")
        self.inzage = lz.kind(root, "inzage")
        self.school = lz.kind(root, "huidigeschool")
        self.leerling = lz.kind(self.school, "leerling")
        self.wortels = self._wortels()

    # which elements carry each block's data
    def _wortels(self) -> dict[str, list[Element]]:
        """Each block's elements, by the block partition of the description; an element the
        description does not know goes with its parent's block."""
        g = gegevensset.huidig()
        wortels: dict[str, list[Element]] = {b.slug: [] for b in BLOKKEN}

        def verdeel(element: Element, pad: str, ouder_blok: str) -> None:
            for kind in element:
                if not isinstance(kind.tag, str):
                    continue
                kind_pad = f"{pad}/{_naam(kind)}"
                knoop = g.knopen.get(kind_pad)
                blok = knoop.blok if knoop is not None else ouder_blok
                if knoop is not None and kind_pad in _GEMENGD:
                    verdeel(kind, kind_pad, blok)
                elif blok in wortels:
                    wortels[blok].append(kind)

        verdeel(self.root, _naam(self.root), "")
        return wortels

    # --- the whole document ---

    def context(self) -> dict[str, Any]:
        lz = self.lz
        soort = lz.tekst(self.root, "overdrachtsoort")
        overstap = lz.tekst(self.metadata, "overstap")
        categorieen, afgeleid = self._categorieen(soort, overstap)
        secties = [
            self._algemeen(soort, overstap),
            self._groepen(categorieen, afgeleid),
            self._inzage(categorieen["ouderinzage"]),
            self._school(),
        ]
        for slug in _VOLGORDE:
            cat = categorieen.get(slug)
            if cat in _MEE or self.wortels[slug]:
                secties.append(self._blok(slug, cat))
        overig = lz.rest([self.root])
        if overig:
            secties.append(
                Sectie(
                    "Overige gegevens",
                    [
                        Onderdeel(
                            tekst="Gegevens in het dossier die hierboven niet zijn ingedeeld.",
                            velden=overig,
                        )
                    ],
                    "overig",
                )
            )
        naam = self._leerlingnaam()
        titel = "Dossier voor het samenwerkingsverband" if soort == "swv-dossier" else None
        return {
            "titel": titel or "Overstapdossier",
            "naam": naam,
            "ondertitel": self._ondertitel(),
            "secties": secties,
        }

    def _roepnaam(self, persoon: Element | None) -> str:
        """Roepnaam (or first voornaam), voorvoegsel and achternaam."""
        lz = self.lz
        voornaam = lz.tekst(persoon, "roepnaam") or next(iter(lz.teksten(persoon, "voornaam")), "")
        return _samen(
            " ", voornaam, lz.tekst(persoon, "voorvoegsel"), lz.tekst(persoon, "achternaam")
        )

    def _leerlingnaam(self) -> str:
        return self._roepnaam(self.leerling) or "Leerling"

    def _ondertitel(self) -> str:
        lz = self.lz
        delen = []
        geboren = datum(lz.tekst(self.leerling, "geboortedatum"))
        if geboren:
            delen.append(f"geboren {geboren}")
        school = lz.tekst(self.school, "naam")
        if school:
            delen.append(school)
        gemaakt = datum(lz.tekst(self.metadata, "datum"))
        if gemaakt:
            delen.append(f"dossier van {gemaakt}")
        return " · ".join(delen)

    # --- the four groups ---

    def _categorieen(
        self, soort: str | None, overstap: str | None
    ) -> tuple[dict[str, Categorie | str], bool]:
        """Each block's categorie: as the dossier declares it, else from the profile."""
        lz = self.lz
        uitlevering = lz.kind(self.metadata, "categorie_uitlevering")
        profiel = profiel_van_dossier(soort or "", overstap)
        result: dict[str, Categorie | str] = {}
        afgeleid = False
        for blok in BLOKKEN:
            tekst = lz.tekst(uitlevering, blok.categorie_element)
            if tekst:
                try:
                    result[blok.slug] = Categorie(tekst)
                except ValueError:
                    result[blok.slug] = tekst  # shown as an unknown value
                continue
            afgeleid = True
            cat = matrix_categorie(profiel, blok.slug) if profiel else Categorie.OPTIONEEL
            if cat == Categorie.OPTIONEEL and not self.wortels[blok.slug]:
                cat = Categorie.OPT_UIT
            result[blok.slug] = cat
        return result, afgeleid

    def _groepen(self, categorieen: dict[str, Categorie | str], afgeleid: bool) -> Sectie:
        velden = []
        for cat, titel in GROEPEN:
            namen = [b.naam for b in BLOKKEN if categorieen[b.slug] == cat]
            velden.append((titel, ", ".join(namen) if namen else "Geen"))
        onbekend = [
            f"{b.naam} ({categorieen[b.slug]})"
            for b in BLOKKEN
            if not isinstance(categorieen[b.slug], Categorie)
        ]
        if onbekend:
            velden.append(("Onbekende aanduiding", ", ".join(onbekend)))
        tekst = (
            "Een dossier bestaat uit gegevensblokken. Sommige blokken gaan altijd mee, andere "
            "kiest de school bewust wel of niet, en sommige mogen bij deze overstap niet mee."
        )
        if afgeleid:
            tekst += (
                " Het dossier geeft dit niet (volledig) zelf aan; de indeling is afgeleid uit "
                "het soort dossier."
            )
        return Sectie(
            "Overzicht van de gegevensblokken", [Onderdeel(tekst=tekst, velden=velden)], "groepen"
        )

    # --- fixed sections ---

    def _algemeen(self, soort: str | None, overstap: str | None) -> Sectie:
        lz, md = self.lz, self.metadata
        v: list[tuple[str, str]] = []
        _veld(v, "Soort overdracht", _lijst(OVERDRACHTSOORT, soort))
        _veld(v, lz.label(md, "deeldossier"), _lijst(DEELDOSSIER, lz.tekst(md, "deeldossier")))
        _veld(v, lz.label(md, "pakketnaam"), lz.tekst(md, "pakketnaam"))
        _veld(v, lz.label(md, "pakketversie"), lz.tekst(md, "pakketversie"))
        _veld(v, lz.label(md, "datum"), datum(lz.tekst(md, "datum")))
        _veld(v, lz.label(md, "standaardversie"), lz.tekst(md, "standaardversie"))
        _veld(v, lz.label(md, "validatieversie"), lz.tekst(md, "validatieversie"))
        _veld(v, "Soort overstap", _lijst(OVERSTAP, overstap))
        for cat in lz.kinderen(md, "categorie_uitlevering"):  # shown as the four groups
            lz.gelezen.update(cat.iter())
        v += lz.rest(self.wortels["metadata"])
        return Sectie("Algemene dossiergegevens", [Onderdeel(velden=v)], "metadata")

    def _inzage(self, cat: Categorie | str) -> Sectie:
        lz, iz = self.lz, self.inzage
        if iz is None:
            tekst = "Het dossier bevat geen gegevens over inzage door ouders/verzorgers."
            if cat in (Categorie.OPT_UIT, Categorie.VERBODEN):
                tekst = "De gegevens over inzage door ouders/verzorgers zijn niet meegestuurd."
            return Sectie("Inzage", [Onderdeel(tekst=tekst)], "ouderinzage")
        v: list[tuple[str, str]] = []
        _veld(v, lz.label(iz, "voorlopigdossier"), ja_nee(lz.tekst(iz, "voorlopigdossier")))
        _veld(v, lz.label(iz, "inzage"), ja_nee(lz.tekst(iz, "inzage")))
        _veld(v, lz.label(iz, "inzagedatum"), datum(lz.tekst(iz, "inzagedatum")))
        _veld(v, lz.label(iz, "akkoord"), _lijst(AKKOORD, lz.tekst(iz, "akkoord")))
        _veld(v, lz.label(iz, "redennietakkoord"), lz.tekst(iz, "redennietakkoord"))
        _veld(v, lz.label(iz, "toestemming"), _lijst(TOESTEMMING, lz.tekst(iz, "toestemming")))
        v += lz.rest([iz], iz)
        return Sectie("Inzage", [Onderdeel(velden=v)], "ouderinzage")

    def _school(self) -> Sectie:
        lz, sc = self.lz, self.school
        v: list[tuple[str, str]] = []
        _veld(v, lz.label(sc, "naam"), lz.tekst(sc, "naam"))
        _veld(v, lz.label(sc, "brincode"), lz.tekst(sc, "brincode"))
        _veld(v, lz.label(sc, "vestigingscode"), lz.tekst(sc, "vestigingscode"))
        _veld(v, lz.label(sc, "aanleverpunt"), lz.tekst(sc, "aanleverpunt"))
        _veld(v, lz.label(sc, "soort"), _lijst(SCHOOLSOORT, lz.tekst(sc, "soort")))
        _veld(v, lz.label(sc, "type"), lz.tekst(sc, "type"))
        _veld(v, lz.label(sc, "naamdirecteur"), lz.tekst(sc, "naamdirecteur"))
        v += self._adressen(sc, school=True)
        v += self._communicatie(sc)
        _veld(v, lz.label(sc, "website"), lz.tekst(sc, "website"))
        v += lz.rest(self.wortels["school"], sc)
        return Sectie("Gegevens huidige school", [Onderdeel(velden=v)], "school")

    # --- shared pieces ---

    def _adressen(self, element: Element | None, *, school: bool = False) -> list[tuple]:
        lz = self.lz
        soorten = _ADRES_INSTELLING if school else _ADRES_PERSOON
        velden = []
        for adres in lz.kinderen(lz.kind(element, "adreslijst"), "adres"):
            soort = lz.tekst(adres, "soortadres")
            straat = _samen(
                " ",
                lz.tekst(adres, "straat"),
                lz.tekst(adres, "nummer"),
                lz.tekst(adres, "toevoeging"),
            )
            aanduiding = lz.tekst(adres, "aanduiding")
            if aanduiding:
                straat = f"{_lijst(AANDUIDING_ADRES, aanduiding)} {straat}"
            regels = [straat, lz.tekst(adres, "locatieomschrijving")]
            plaats = lz.tekst(adres, "plaats")
            regels.append(_samen(" ", lz.tekst(adres, "postcode"), plaats))
            gemeente = lz.tekst(adres, "gemeente")
            if gemeente and gemeente != plaats:
                regels.append(f"gemeente {gemeente}")
            land = lz.kind(adres, "land")
            code = lz.lees(land)
            if land is not None:
                omschrijving = land.get("omschrijving")
                if not (code == "6030" and (omschrijving or "Nederland") == "Nederland"):
                    regels.append(omschrijving or f"landcode {code}")
            velden.append(
                (soorten.get(soort or "", f"Adres ({soort})"), "\n".join(filter(None, regels)))
            )
        return velden

    def _communicatie(self, element: Element | None) -> list[tuple[str, str]]:
        lz = self.lz
        velden = []
        for comm in lz.kinderen(lz.kind(element, "communicatielijst"), "communicatie"):
            soort = lz.tekst(comm, "soort")
            naam = SOORT_COMMUNICATIE.get(soort or "", soort or "Contact")
            aanduiding = lz.tekst(comm, "aanduiding")
            if aanduiding:
                naam += f" ({_lijst(AANDUIDING_COMMUNICATIE, aanduiding)})"
            nummer = lz.tekst(comm, "nummer")
            # a secret number travels as a placeholder (OVa.LL06-09): say what it means
            if _waar(lz.tekst(comm, "geheim")) or nummer in _GEHEIM:
                nummer = "Geheim"
            if _waar(lz.tekst(comm, "noodnummer")):
                nummer = f"{nummer}, noodnummer"
            velden.append((naam, nummer or ""))
        return velden

    def _document(self, document: Element | None) -> str | None:
        if document is None:
            return None
        lz = self.lz
        naam = lz.tekst(document, "bestandsnaam")
        omschrijving = lz.tekst(document, "omschrijving")
        return _samen(" – ", naam, omschrijving) or None

    def _documenten(self, element: Element | None, naam: str = "document") -> str | None:
        teksten = [self._document(d) for d in self.lz.kinderen(element, naam)]
        return "\n".join(t for t in teksten if t) or None

    def _persoon(self, persoon: Element, v: list[tuple[str, str]]) -> None:
        lz = self.lz
        _veld(v, lz.label(persoon, "achternaam"), lz.tekst(persoon, "achternaam"))
        _veld(v, lz.label(persoon, "voorvoegsel"), lz.tekst(persoon, "voorvoegsel"))
        _veld(v, lz.label(persoon, "voornaam"), " ".join(lz.teksten(persoon, "voornaam")))
        _veld(v, lz.label(persoon, "voorletters-1"), lz.tekst(persoon, "voorletters-1"))
        _veld(v, lz.label(persoon, "roepnaam"), lz.tekst(persoon, "roepnaam"))

    def _adres_of_geheim(
        self, persoon: Element, v: list[tuple[str, str]], *, praktijk: bool = False
    ) -> None:
        geheim = _waar(self.lz.tekst(persoon, "adresgeheim"))
        adressen = self._adressen(persoon, school=praktijk)
        if geheim:
            v.append(("Adres", "Adres geheim"))
            if adressen:
                v.append(("Let op", "Het adres is geheim, maar het dossier bevat toch dit adres:"))
        v += adressen

    def _instelling(self, instelling: Element | None) -> str | None:
        """An instelling or school in one text."""
        if instelling is None:
            return None
        lz = self.lz
        delen = [lz.tekst(instelling, "naam")]
        brin = lz.tekst(instelling, "brincode")
        if brin:
            delen.append(f"BRIN {brin}{lz.tekst(instelling, 'vestigingscode') or ''}")
        delen += [w.replace("\n", ", ") for _, w in self._adressen(instelling, school=True)]
        delen += [f"{n} {w}" for n, w in self._communicatie(instelling)]
        return ", ".join(d for d in delen if d)

    def _tabel(self, kop: list[str], rijen: list[list[str | None]]) -> Tabel:
        return Tabel(kop, [[c or "" for c in rij] for rij in rijen])

    # --- the blocks ---

    def _blok(self, slug: str, cat: Categorie | str | None) -> Sectie:
        wortels = self.wortels[slug]
        titel = next(b.naam for b in BLOKKEN if b.slug == slug)
        sectie = Sectie(titel, slug=slug)
        if not wortels:
            sectie.onderdelen.append(Onderdeel(tekst="Dit blok bevat geen gegevens."))
            return sectie
        if cat not in _MEE:
            sectie.onderdelen.append(
                Onderdeel(
                    tekst="Let op: dit blok staat als niet meegestuurd aangemerkt, maar het "
                    "dossier bevat toch deze gegevens.",
                    let_op=True,
                )
            )
        sectie.onderdelen += getattr(self, f"_blok_{slug}")()
        rest = self.lz.rest(wortels)
        if rest:
            sectie.onderdelen.append(Onderdeel(kop="Overige gegevens in dit blok", velden=rest))
        return sectie

    def _blok_leerling(self) -> list[Onderdeel]:
        lz, ll = self.lz, self.leerling
        v: list[tuple[str, str]] = []
        self._persoon(ll, v)
        _veld(v, lz.label(ll, "geboortedatum"), datum(lz.tekst(ll, "geboortedatum")))
        maand = lz.tekst(ll, "geboortemaand")
        if maand and (m := _MAAND.match(maand)):
            maand = f"{m[2]}-{m[1]}"
        _veld(v, lz.label(ll, "geboortemaand"), maand)
        _veld(v, lz.label(ll, "geslacht"), _uit(cl.Geslacht, lz.tekst(ll, "geslacht")))
        self._adres_of_geheim(ll, v)
        _veld(v, lz.label(ll, "postcode4adres"), lz.tekst(ll, "postcode4adres"))
        for adres in lz.teksten(ll, "adresbuitenland"):
            _veld(v, lz.label(ll, "adresbuitenland"), adres)
        v += self._communicatie(ll)
        gba = lz.kind(ll, "gba")
        if gba is not None:
            naam = _samen(
                " ",
                *lz.teksten(gba, "gbavoornaam"),
                lz.tekst(gba, "gbavoorvoegsel"),
                lz.tekst(gba, "gbaachternaam"),
            )
            _veld(v, lz.label(ll, "gba"), naam)
            _veld(v, lz.label(gba, "gbageboortedatum"), lz.tekst(gba, "gbageboortedatum"))
        _veld(v, lz.label(ll, "geboorteplaats"), lz.tekst(ll, "geboorteplaats"))
        for nationaliteit in lz.kinderen(ll, "nationaliteit"):
            code = lz.lees(nationaliteit)
            omschrijving = nationaliteit.get("omschrijving")
            _veld(
                v,
                lz.label(ll, "nationaliteit"),
                f"{omschrijving} ({code})" if omschrijving else code,
            )
        _veld(v, lz.label(ll, "bsn"), maskeer(lz.tekst(ll, "bsn")))
        _veld(v, lz.label(ll, "onderwijsnummer"), maskeer(lz.tekst(ll, "onderwijsnummer")))
        _veld(v, lz.label(ll, "leerlingid"), lz.tekst(ll, "leerlingid"))
        _veld(v, lz.label(ll, "onderwijssinds"), datum(lz.tekst(ll, "onderwijssinds")))
        _veld(
            v,
            lz.label(ll, "startdatumhuidigonderwijs"),
            datum(lz.tekst(ll, "startdatumhuidigonderwijs")),
        )
        _veld(v, lz.label(ll, "datuminschrijving"), datum(lz.tekst(ll, "datuminschrijving")))
        _veld(v, lz.label(ll, "datumuitschrijving"), datum(lz.tekst(ll, "datumuitschrijving")))
        _veld(v, lz.label(ll, "teruggeplaatstnaarbrin"), lz.tekst(ll, "teruggeplaatstnaarbrin"))
        _veld(
            v,
            lz.label(ll, "leerlinggewicht"),
            _uit(cl.Leerlinggewicht, lz.tekst(ll, "leerlinggewicht")),
        )
        _veld(v, lz.label(ll, "nnca"), _lijst(NNCA, lz.tekst(ll, "nnca")))
        _veld(v, lz.label(ll, "tehuis"), ja_nee(lz.tekst(ll, "tehuis")))
        onderdelen = [Onderdeel(velden=v)]
        huisarts = lz.kind(ll, "huisarts")
        if huisarts is not None:
            h: list[tuple[str, str]] = []
            self._persoon(huisarts, h)
            _veld(
                h, lz.label(huisarts, "geslacht"), _uit(cl.Geslacht, lz.tekst(huisarts, "geslacht"))
            )
            self._adres_of_geheim(huisarts, h, praktijk=True)
            h += self._communicatie(huisarts)
            onderdelen.append(Onderdeel(kop=lz.label(ll, "huisarts"), velden=h))
        return onderdelen

    def _blok_verzorgers(self) -> list[Onderdeel]:
        lz, ll = self.lz, self.leerling
        v: list[tuple[str, str]] = []
        _veld(
            v,
            "Ouders/verzorgers zijn aansprakelijk",
            ja_nee(lz.tekst(ll, "verzorgersaansprakelijk")),
        )
        onderdelen = [Onderdeel(velden=v)] if v else []
        for nummer, verzorger in enumerate(lz.kinderen(ll, "verzorger"), start=1):
            relatie = _uit(cl.RelatieTotKind, lz.tekst(verzorger, "relatietotkind"))
            naam = self._roepnaam(verzorger)
            h: list[tuple[str, str]] = []
            self._persoon(verzorger, h)
            _veld(
                h,
                lz.label(verzorger, "geslacht"),
                _uit(cl.Geslacht, lz.tekst(verzorger, "geslacht")),
            )
            _veld(h, "Relatie tot het kind", relatie)
            _veld(
                h,
                "Wettelijk vertegenwoordiger",
                ja_nee(lz.tekst(verzorger, "wettigevertegenwoordiger")),
            )
            _veld(h, lz.label(verzorger, "overleden"), ja_nee(lz.tekst(verzorger, "overleden")))
            _veld(
                h,
                lz.label(verzorger, "overlijdensdatum"),
                datum(lz.tekst(verzorger, "overlijdensdatum")),
            )
            self._adres_of_geheim(verzorger, h)
            h += self._communicatie(verzorger)
            _veld(h, lz.label(verzorger, "banknummer"), lz.tekst(verzorger, "banknummer"))
            _veld(h, lz.label(verzorger, "iban"), lz.tekst(verzorger, "iban"))
            kop = f"{nummer}. {relatie}: {naam}" if relatie else f"{nummer}. {naam}"
            onderdelen.append(Onderdeel(kop=kop, velden=h))
        instelling = lz.kind(ll, "aansprakelijkeinstelling")
        if instelling is not None:
            h = []
            _veld(h, lz.label(instelling, "naam"), lz.tekst(instelling, "naam"))
            h += self._adressen(instelling, school=True)
            h += self._communicatie(instelling)
            onderdelen.append(Onderdeel(kop=lz.label(ll, "aansprakelijkeinstelling"), velden=h))
        return onderdelen

    def _blok_vve(self) -> list[Onderdeel]:
        lz, ll = self.lz, self.leerling
        v: list[tuple[str, str]] = []
        _veld(v, lz.label(ll, "vanpeuterspeelzaal"), ja_nee(lz.tekst(ll, "vanpeuterspeelzaal")))
        _veld(v, lz.label(ll, "naampeuterspeelzaal"), lz.tekst(ll, "naampeuterspeelzaal"))
        onderdelen = [Onderdeel(velden=v)]
        vs = lz.kind(ll, "voorschools")
        if vs is not None:
            h: list[tuple[str, str]] = []
            _veld(
                h,
                lz.label(vs, "codevoorschoolsehistorie"),
                lz.tekst(vs, "codevoorschoolsehistorie"),
            )
            _veld(
                h,
                lz.label(vs, "codevoorschoolsprogramma"),
                lz.tekst(vs, "codevoorschoolsprogramma"),
            )
            _veld(h, lz.label(vs, "voorschoolsemaanden"), lz.tekst(vs, "voorschoolsemaanden"))
            _veld(
                h,
                lz.label(vs, "codevoorschoolsetoeleider"),
                lz.tekst(vs, "codevoorschoolsetoeleider"),
            )
            _veld(
                h,
                lz.label(vs, "codevoorschoolsedeelname"),
                lz.tekst(vs, "codevoorschoolsedeelname"),
            )
            _veld(
                h,
                lz.label(vs, "voorschoolseaanwezigheid"),
                lz.tekst(vs, "voorschoolseaanwezigheid"),
            )
            onderdelen.append(Onderdeel(kop="Voorschoolse educatie (peuters)", velden=h))
        rijen = [
            [
                lz.tekst(e, "codevroegschoolsprogramma"),
                datum(lz.tekst(e, "vroegschoolsdatumingang")),
                datum(lz.tekst(e, "vroegschoolseinddatum")),
            ]
            for e in lz.kinderen(ll, "vroegschools")
        ]
        if rijen:
            onderdelen.append(
                Onderdeel(
                    kop="Vroegschoolse educatie (kleuters)",
                    tabel=self._tabel(["VVE-programma (code)", "Startdatum", "Einddatum"], rijen),
                )
            )
        return onderdelen

    def _blok_schoolloopbaan(self) -> list[Onderdeel]:
        lz = self.lz
        rijen = []
        for sl in lz.kinderen(lz.kind(self.leerling, "schoolloopbaanlijst"), "schoolloopbaan"):
            groep = _samen(" – ", lz.tekst(sl, "groepscode"), lz.tekst(sl, "groepsnaam"))
            school = _samen(" ", lz.tekst(sl, "brincode"), lz.tekst(sl, "vestigingscode"))
            soort = [
                _lijst(SCHOOLSOORT, lz.tekst(sl, "schoolsoort")),
                lz.tekst(sl, "schooltype"),
                lz.tekst(sl, "schoolsoortomschrijving"),
            ]
            element = lz.tekst(sl, "voelementcode")
            if element:
                omschrijving = lz.tekst(sl, "voelementomschrijving")
                soort.append(f"VO {element}" + (f" ({omschrijving})" if omschrijving else ""))
            rijen.append(
                [
                    lz.tekst(sl, "schooljaar"),
                    _uit(cl.Jaargroep, lz.tekst(sl, "jaargroep")),
                    groep,
                    datum(lz.tekst(sl, "begindatum")),
                    datum(lz.tekst(sl, "einddatum")),
                    school,
                    _samen("\n", *soort),
                ]
            )
        kop = ["Schooljaar", "Jaargroep", "Groep", "Van", "Tot", "School (BRIN)", "Soort school"]
        return [Onderdeel(tabel=self._tabel(kop, rijen))]

    def _advies(self, code: str | None) -> str | None:
        return _uit(cl.AdviesVO, code)

    def _blok_overstapadvies(self) -> list[Onderdeel]:
        lz = self.lz
        oa = lz.kind(self.leerling, "overstapadvies")
        v: list[tuple[str, str]] = []
        _veld(v, lz.label(oa, "advies"), self._advies(lz.tekst(oa, "advies")))
        _veld(v, lz.label(oa, "herzienadvies"), self._advies(lz.tekst(oa, "herzienadvies")))
        _veld(v, lz.label(oa, "motivatie_herzienadvies"), lz.tekst(oa, "motivatie_herzienadvies"))
        _veld(v, lz.label(oa, "wensouders"), self._advies(lz.tekst(oa, "wensouders")))
        _veld(v, lz.label(oa, "wensleerling"), self._advies(lz.tekst(oa, "wensleerling")))
        profiel = lz.tekst(oa, "profiel")
        if profiel and profiel in cl.ProfielAdvies.values:
            profiel = _uit(cl.ProfielAdvies, profiel)
        elif profiel:
            profiel = profiel[:1].upper() + profiel[1:]
        _veld(v, "Profiel", profiel)
        _veld(v, lz.label(oa, "argumentatie"), lz.tekst(oa, "argumentatie"))
        _veld(v, lz.label(oa, "contactnodig"), ja_nee(lz.tekst(oa, "contactnodig")))
        _veld(v, lz.label(oa, "contactpersoon"), lz.tekst(oa, "contactpersoon"))
        _veld(v, lz.label(oa, "contacttelefoon"), lz.tekst(oa, "contacttelefoon"))
        _veld(v, lz.label(oa, "contactemail"), lz.tekst(oa, "contactemail"))
        _veld(v, lz.label(oa, "aandachtspunten"), lz.tekst(oa, "aandachtspunten"))
        return [Onderdeel(velden=v)]

    def _blok_onderwijsondersteuning(self) -> list[Onderdeel]:
        lz = self.lz
        oo = lz.kind(self.leerling, "onderwijsondersteuning")
        onderdelen = []
        v: list[tuple[str, str]] = []
        toelichting = lz.kind(oo, "toelichting_onderwijsbehoeften")
        _veld(v, "Toelichting onderwijsbehoeften", self._documenten(toelichting))
        _veld(
            v,
            "Medicijngebruik dat van belang is voor het leren",
            ja_nee(lz.tekst(oo, "medicijngebruik")),
        )
        if v:
            onderdelen.append(Onderdeel(velden=v))
        rijen = [
            [
                ", ".join(lz.teksten(d, "code")),
                lz.tekst(d, "naam"),
                datum(lz.tekst(d, "datum")),
                lz.tekst(d, "doorwie"),
                lz.tekst(d, "instantie"),
                self._documenten(d),
            ]
            for d in lz.kinderen(oo, "diagnose")
        ]
        if rijen:
            kop = ["Code", "Diagnose", "Datum", "Vastgesteld door", "Instantie", "Bijlagen"]
            onderdelen.append(Onderdeel(kop="Diagnoses", tabel=self._tabel(kop, rijen)))
        opp = lz.kind(oo, "opp")
        if opp is not None:
            h: list[tuple[str, str]] = []
            _veld(h, lz.label(opp, "opp_ingangdatum"), datum(lz.tekst(opp, "opp_ingangdatum")))
            _veld(h, lz.label(opp, "opp_einddatum"), datum(lz.tekst(opp, "opp_einddatum")))
            _veld(h, "Bijlagen", self._documenten(opp))
            onderdelen.append(Onderdeel(kop="Ontwikkelingsperspectief (OPP)", velden=h))
        for tlv in lz.kinderen(oo, "tlv"):
            h = []
            _veld(h, lz.label(tlv, "tlvingangdatum"), datum(lz.tekst(tlv, "tlvingangdatum")))
            _veld(h, lz.label(tlv, "tlveinddatum"), datum(lz.tekst(tlv, "tlveinddatum")))
            _veld(h, lz.label(tlv, "tlvswvnummer"), lz.tekst(tlv, "tlvswvnummer"))
            _veld(
                h,
                lz.label(tlv, "tlvcategorie"),
                _lijst(TLV_CATEGORIE, lz.tekst(tlv, "tlvcategorie")),
            )
            _veld(h, lz.label(tlv, "tlvbeschikkingsnummer"), lz.tekst(tlv, "tlvbeschikkingsnummer"))
            _veld(h, "Bijlage", self._documenten(tlv))
            onderdelen.append(Onderdeel(kop="Toelaatbaarheidsverklaring (TLV)", velden=h))
        rijen = [
            [
                datum(lz.tekst(a, "arrangement_datum")),
                lz.tekst(a, "arrangement_brin"),
                lz.tekst(a, "arrangement_vestigingscode"),
            ]
            for a in lz.kinderen(oo, "arrangement_cluster12")
        ]
        if rijen:
            onderdelen.append(
                Onderdeel(
                    kop="Arrangementen cluster 1 en 2",
                    tabel=self._tabel(["Ingangsdatum", "School (BRIN)", "Vestiging"], rijen),
                )
            )
        rijen = [
            [
                datum(lz.tekst(a, "arrangement_datum")),
                datum(lz.tekst(a, "arrangement_einddatum")),
                lz.tekst(a, "arrangement_kenmerk"),
                lz.tekst(a, "arrangement_beschikkingsnr"),
            ]
            for a in lz.kinderen(oo, "arrangement_pao")
        ]
        if rijen:
            kop = ["Ingangsdatum", "Einddatum", "Kenmerk", "Beschikkingsnummer"]
            onderdelen.append(
                Onderdeel(kop="Arrangementen passend onderwijs", tabel=self._tabel(kop, rijen))
            )
        lwoo = lz.kind(oo, "lwoo")
        if lwoo is not None:
            h = []
            _veld(h, lz.label(lwoo, "lwoo_ingangdatum"), datum(lz.tekst(lwoo, "lwoo_ingangdatum")))
            _veld(h, lz.label(lwoo, "lwoo_einddatum"), datum(lz.tekst(lwoo, "lwoo_einddatum")))
            _veld(h, lz.label(lwoo, "lwoo_swvnummer"), lz.tekst(lwoo, "lwoo_swvnummer"))
            _veld(
                h,
                lz.label(lwoo, "lwoo_beschikkingsnummer"),
                lz.tekst(lwoo, "lwoo_beschikkingsnummer"),
            )
            _veld(h, "Bijlage", self._documenten(lwoo))
            onderdelen.append(
                Onderdeel(kop="Aanwijzing leerwegondersteunend onderwijs (LWOO)", velden=h)
            )
        rvc = lz.kind(oo, "rvc")
        if rvc is not None:
            h = []
            _veld(h, lz.label(rvc, "centraleproblematiek"), lz.tekst(rvc, "centraleproblematiek"))
            _veld(h, lz.label(rvc, "maatregelen"), lz.tekst(rvc, "maatregelen"))
            sig = lz.kind(rvc, "signaleringlwoopro")
            _veld(
                h,
                "Deelgenomen aan onderzoek LWOO of PrO",
                ja_nee(lz.tekst(sig, "deelgenomenaanonderzoek")),
            )
            _veld(h, lz.label(sig, "leerachterstand"), ja_nee(lz.tekst(sig, "leerachterstand")))
            _veld(
                h, lz.label(sig, "lagescoreeindtoets"), ja_nee(lz.tekst(sig, "lagescoreeindtoets"))
            )
            _veld(h, lz.label(rvc, "rvcdatum"), datum(lz.tekst(rvc, "rvcdatum")))
            _veld(
                h,
                lz.label(rvc, "rvcindicatie"),
                _lijst(RVC_INDICATIE, lz.tekst(rvc, "rvcindicatie")),
            )
            _veld(h, "Bijlagen", self._documenten(rvc))
            onderdelen.append(Onderdeel(kop="Regionale verwijzingscommissie (RVC)", velden=h))
        return onderdelen

    def _blok_handelingsplannen(self) -> list[Onderdeel]:
        lz = self.lz
        rijen = [
            [
                datum(lz.tekst(hp, "startdatum")),
                datum(lz.tekst(hp, "einddatum")),
                lz.tekst(hp, "isgerichtop"),
                self._documenten(hp),
            ]
            for hp in self.wortels["handelingsplannen"]
        ]
        kop = ["Startdatum", "Einddatum", "Gericht op", "Document"]
        return [Onderdeel(tabel=self._tabel(kop, rijen))]

    def _blok_verzuim(self) -> list[Onderdeel]:
        lz = self.lz
        vz = lz.kind(self.leerling, "verzuim")
        v: list[tuple[str, str]] = []
        _veld(v, lz.label(vz, "dagdelengeoorloofd"), lz.tekst(vz, "dagdelengeoorloofd"))
        _veld(v, lz.label(vz, "dagdelenongeoorloofd"), lz.tekst(vz, "dagdelenongeoorloofd"))
        _veld(v, lz.label(vz, "urengeoorloofd"), lz.tekst(vz, "urengeoorloofd"))
        _veld(v, lz.label(vz, "urenongeoorloofd"), lz.tekst(vz, "urenongeoorloofd"))
        _veld(v, lz.label(vz, "meerdan25percent"), ja_nee(lz.tekst(vz, "meerdan25percent")))
        _veld(v, lz.label(vz, "frequentie"), lz.tekst(vz, "frequentie"))
        _veld(v, lz.label(vz, "contactleerplicht"), ja_nee(lz.tekst(vz, "contactleerplicht")))
        _veld(v, lz.label(vz, "rmcmelding"), ja_nee(lz.tekst(vz, "rmcmelding")))
        _veld(v, "Bijlagen", self._documenten(lz.kind(vz, "documentLijst")))
        return [Onderdeel(tekst="Verzuim in de afgelopen twaalf maanden.", velden=v)]

    def _blok_eindtoets(self) -> list[Onderdeel]:
        lz = self.lz
        et = lz.kind(self.leerling, "eindtoets_basisonderwijs")
        res = lz.kind(et, "eindtoetsresultaat")
        v: list[tuple[str, str]] = []
        _veld(v, lz.label(et, "deelgenomen"), ja_nee(lz.tekst(et, "deelgenomen")))
        soort = _uit(cl.Eindtoetssoort, lz.tekst(res, "toetssoort"))
        omschrijving = lz.tekst(res, "toetsomschrijving")
        _veld(v, "Toets", _samen(" – ", soort, omschrijving))
        _veld(v, lz.label(res, "toetsniveau"), lz.tekst(res, "toetsniveau"))
        _veld(v, lz.label(res, "datum_afname"), datum(lz.tekst(res, "datum_afname")))
        _veld(
            v,
            "Wettelijke ontheffing",
            _lijst(JA_NEE_CODE, lz.tekst(res, "wettelijke_ontheffing")),
        )
        _veld(v, lz.label(res, "standaardscore"), lz.tekst(res, "standaardscore"))
        _veld(v, lz.label(res, "toets_advies"), lz.tekst(res, "toets_advies"))
        _veld(v, "Bijlagen", self._documenten(et))
        onderdelen = [Onderdeel(velden=v)]
        rijen = []
        for ond in lz.kinderen(lz.kind(res, "onderdelen"), "onderdeel"):
            code = lz.tekst(ond, "onderdeelcode")
            naam = lz.tekst(ond, "onderdeelomschrijving") or _uit(cl.EindtoetsOnderdeel, code)
            niveau = lz.tekst(ond, "ond_referentieniveau")
            domeinen = lz.kinderen(lz.kind(ond, "domeinen"), "domein")
            if niveau or not domeinen:
                rijen.append([naam, "", _uit(cl.Referentieniveau, niveau) if niveau else ""])
            for dom in domeinen:
                dcode = lz.tekst(dom, "domeincode")
                dnaam = lz.tekst(dom, "domeinomschrijving") or _lijst(DOMEIN, dcode)
                dniveau = lz.tekst(dom, "dom_referentieniveau")
                rijen.append([naam, dnaam, _uit(cl.Referentieniveau, dniveau) if dniveau else ""])
        if rijen:
            onderdelen.append(
                Onderdeel(
                    kop="Referentieniveaus",
                    tabel=self._tabel(["Onderdeel", "Domein", "Referentieniveau"], rijen),
                )
            )
        return onderdelen

    def _scores(self, resultaat: Element | None) -> tuple[str, str]:
        lz = self.lz
        score = lz.kind(resultaat, "toetsscore")
        ruw = []
        for naam, tekst in (
            ("aantalopgaven", "opgaven"),
            ("aantalgoed", "goed"),
            ("aantalfout", "fout"),
            ("aantalgelezen", "gelezen"),
            ("tijd", "tijd"),
        ):
            w = lz.tekst(score, naam)
            if w:
                ruw.append(f"{tekst} {w}")
        regels = [("Aantal " + ", ".join(ruw)) if ruw else ""]
        vaardigheid = lz.tekst(score, "vaardigheidsscore")
        schaal = lz.tekst(score, "codevaardigheidsschaal")
        if vaardigheid or schaal:
            regels.append(
                f"Vaardigheidsscore {vaardigheid or '-'}"
                + (f" (schaal {schaal})" if schaal else "")
            )
        interval = lz.kind(score, "betrouwbaarheidsinterval")
        if interval is not None:
            laag, hoog = lz.tekst(interval, "bivlaag"), lz.tekst(interval, "bivhoog")
            regels.append(f"Betrouwbaarheidsinterval {laag} – {hoog}")
        referenties = []
        for ref in lz.kinderen(resultaat, "referentiescore"):
            soort = lz.tekst(ref, "codereferentiescore")
            soort = _uit(cl.Referentiescore, soort) if soort in cl.Referentiescore.values else soort
            extra = []
            groep = lz.tekst(ref, "codevergelijkingsgroep")
            if groep and groep.lower() != "landelijk":  # the default, said once above the table
                extra.append(f"vergelijkingsgroep {groep}")
            kwalificatie = lz.tekst(ref, "kwalificatie")
            if kwalificatie and kwalificatie.lower() not in _LEGE_KWALIFICATIE:
                extra.append(kwalificatie)
            tekst = f"{soort}: {lz.tekst(ref, 'waarde')}"
            referenties.append(f"{tekst} ({', '.join(extra)})" if extra else tekst)
        return "\n".join(r for r in regels if r), "\n".join(referenties)

    def _blok_toetsresultaten(self) -> list[Onderdeel]:
        lz = self.lz
        rijen: list[list[str | None]] = []
        for toets in lz.kinderen(lz.kind(self.leerling, "toetslijst"), "toets"):
            ident = lz.kind(toets, "toetsidentificatie")
            afname = lz.kind(toets, "afname")
            resultaat = lz.kind(toets, "resultaat")
            naam = [lz.tekst(ident, "toetsnaam") or lz.tekst(ident, "eldtoetscode")]
            if naam[0] != lz.tekst(ident, "eldtoetscode"):
                naam.append(f"Toetscode: {lz.tekst(ident, 'eldtoetscode')}")
            jaargroep = lz.tekst(afname, "jaargroep")
            if jaargroep:
                naam.append(f"Afgenomen in: {_uit(cl.Jaargroep, jaargroep)}")
            dl = lz.tekst(afname, "dl")
            if dl:
                naam.append(f"Didactische leeftijd: {dl}")
            door = lz.kind(afname, "afgenomendoor")
            if door is not None:
                wie = lz.tekst(door, "naammedewerker")
                functie = lz.tekst(door, "functie")
                if functie:
                    wie = f"{wie} ({functie})"
                werkt = lz.kind(door, "werktbijinstelling")
                for instelling in werkt if werkt is not None else ():
                    if isinstance(instelling.tag, str):
                        wie = f"{wie}, {self._instelling(instelling)}"
                naam.append(f"Afgenomen door: {wie}")
            document = self._document(lz.kind(resultaat, "document"))
            if document:
                naam.append(f"Bijlage: {document}")
            opmerking = lz.tekst(toets, "opmerking")
            if opmerking:
                naam.append(f"Opmerking: {opmerking}")
            scores, referenties = self._scores(resultaat)
            rijen.append(
                [
                    datum(lz.tekst(afname, "afnamedatum")),
                    lz.tekst(ident, "leergebied"),
                    _samen("\n", *naam),
                    lz.tekst(ident, "toetsversie"),
                    scores,
                    referenties,
                ]
            )
            for onderdeel in lz.kinderen(toets, "toetsonderdeel"):
                ores = lz.kind(onderdeel, "resultaat")
                code = lz.tekst(onderdeel, "eldonderdeelcode")
                onaam = lz.tekst(onderdeel, "onderdeelnaam") or code
                regels = [f"Onderdeel: {onaam}"]
                document = self._document(lz.kind(ores, "document"))
                if document:
                    regels.append(f"Bijlage: {document}")
                scores, referenties = self._scores(ores)
                rijen.append(["", "", "\n".join(regels), "", scores, referenties])
        kop = ["Datum", "Leergebied", "Toets", "Versie", "Scores", "Referentiescores"]
        tekst = (
            "De niet-methodetoetsen die de school heeft meegestuurd. Referentiescores zijn "
            "vergeleken met de landelijke groep, tenzij anders vermeld."
        )
        return [Onderdeel(tekst=tekst, tabel=self._tabel(kop, rijen))]

    def _blok_cijferlijsten(self) -> list[Onderdeel]:
        lz = self.lz
        onderdelen = []
        lijsten = lz.kinderen(lz.kind(self.leerling, "cijferlijstlijst"), "cijferlijst")
        for cijferlijst in lijsten:
            details = lz.kind(cijferlijst, "cijferlijstTypelijst")
            v: list[tuple[str, str]] = []
            _veld(
                v, lz.label(cijferlijst, "afnamedatum"), datum(lz.tekst(cijferlijst, "afnamedatum"))
            )
            _veld(
                v,
                lz.label(cijferlijst, "jaargroep"),
                _uit(cl.Jaargroep, lz.tekst(cijferlijst, "jaargroep")),
            )
            _veld(v, lz.label(cijferlijst, "periode"), lz.tekst(cijferlijst, "periode"))
            for score in lz.kinderen(details, "score"):
                _veld(v, "Totaal", self._score(score))
            rijen = [
                [
                    lz.tekst(o, "naam"),
                    lz.tekst(lz.kind(o, "score"), "waarde"),
                    lz.tekst(lz.kind(o, "score"), "kwalificatie"),
                    datum(lz.tekst(o, "afnamedatum")),
                    _uit(cl.Jaargroep, lz.tekst(o, "jaargroep")),
                    lz.tekst(o, "periode"),
                ]
                for o in lz.kinderen(details, "onderdeel")
            ]
            kop = ["Vak/onderdeel", "Cijfer", "Kwalificatie", "Datum", "Jaargroep", "Periode"]
            onderdelen.append(
                Onderdeel(
                    kop=lz.tekst(details, "naam") or "Cijferlijst",
                    velden=v,
                    tabel=self._tabel(kop, rijen) if rijen else None,
                )
            )
        return onderdelen

    def _score(self, score: Element) -> str:
        w, k = self.lz.tekst(score, "waarde"), self.lz.tekst(score, "kwalificatie")
        return f"{w} ({k})" if w and k else (w or k or "")

    def _blok_vombo(self) -> list[Onderdeel]:
        lz, ll = self.lz, self.leerling
        onderdelen = []
        v: list[tuple[str, str]] = []
        bev = lz.kind(ll, "bevorderd")
        if bev is not None:
            delen = [lz.tekst(bev, "elementcode"), _uit(cl.Jaargroep, lz.tekst(bev, "leerjaar"))]
            _veld(v, "Laatst bevorderd (elementcode, leerjaar)", ", ".join(d for d in delen if d))
        ex = lz.kind(ll, "examenresultaat")
        _veld(v, lz.label(ex, "soortdiploma"), lz.tekst(ex, "soortdiploma"))
        _veld(v, lz.label(ex, "examenjaar"), lz.tekst(ex, "examenjaar"))
        _veld(v, lz.label(ex, "datumuitslag"), datum(lz.tekst(ex, "datumuitslag")))
        uitslag = lz.tekst(ex, "examenuitslag")
        if uitslag in cl.Examenuitslag.values:
            uitslag = _uit(cl.Examenuitslag, uitslag)
        _veld(v, "Uitslag examen", uitslag)
        for certificaat in lz.teksten(ll, "certificaat"):
            _veld(v, "Certificaat", certificaat)
        if v:
            onderdelen.append(Onderdeel(velden=v))
        rijen = []
        for vak in lz.kinderen(ll, "resultaatvakkenvo"):
            naam = _samen(" – ", lz.tekst(vak, "vakcode"), lz.tekst(vak, "vakleergebied"))
            afgerond = ja_nee(lz.tekst(vak, "afgerond"))
            op = datum(lz.tekst(vak, "datumafgerond"))
            if op:
                afgerond = f"{afgerond}, {op}"
            resultaat = []
            for sleutel, tekst in (
                ("beoordelingexamenvak", "Beoordeling"),
                ("exameneindcijfer", "Eindcijfer examen"),
                ("cijferce", "Cijfer centraal examen"),
                ("eindcijferse", "Eindcijfer schoolexamen"),
                ("rapportcijfer", "Rapportcijfer"),
            ):
                w = lz.tekst(vak, sleutel)
                if w:
                    resultaat.append(f"{tekst}: {w}")
            se = lz.teksten(vak, "cijferse")
            if se:
                resultaat.append(f"Cijfers schoolexamen: {', '.join(se)}")
            werkstuk = lz.kind(vak, "werkstuk")
            if werkstuk is not None:
                resultaat.append(
                    f"Werkstuk: {lz.tekst(werkstuk, 'werkstuktitel')} "
                    f"({lz.tekst(werkstuk, 'werkstukbeoordeling')})"
                )
            rijen.append([naam, afgerond, ja_nee(lz.tekst(vak, "examenvak")), "\n".join(resultaat)])
        if rijen:
            kop = ["Vak", "Afgerond", "Examenvak", "Resultaat"]
            onderdelen.append(Onderdeel(kop="Resultaten per vak", tabel=self._tabel(kop, rijen)))
        rijen = [
            [
                lz.tekst(c, "competentiecategorie"),
                lz.tekst(c, "competentiebeschrijving"),
                lz.tekst(c, "competentiestatus"),
                lz.tekst(c, "competentiereferentie"),
            ]
            for c in lz.kinderen(ll, "competenties")
        ]
        if rijen:
            kop = ["Categorie", "Beschrijving", "Beheersing", "Referentie"]
            onderdelen.append(Onderdeel(kop="Competenties", tabel=self._tabel(kop, rijen)))
        rijen = [
            [
                _samen(" – ", datum(lz.tekst(s, "begindatum")), datum(lz.tekst(s, "einddatum"))),
                lz.tekst(s, "soortstage"),
                lz.tekst(s, "functierol"),
                self._instelling(lz.kind(s, "instelling")),
                lz.tekst(s, "beoordeling"),
            ]
            for s in lz.kinderen(ll, "stage")
        ]
        if rijen:
            kop = ["Periode", "Soort stage", "Functie/rol", "Instelling", "Beoordeling"]
            onderdelen.append(Onderdeel(kop="Stages", tabel=self._tabel(kop, rijen)))
        ov = lz.kind(ll, "overigvombo")
        if ov is not None:
            h: list[tuple[str, str]] = []
            _veld(h, lz.label(ov, "keuzevervolgopleiding"), lz.tekst(ov, "keuzevervolgopleiding"))
            _veld(h, lz.label(ov, "beroepskeuzetest"), ja_nee(lz.tekst(ov, "beroepskeuzetest")))
            _veld(h, lz.label(ov, "portfolio"), ja_nee(lz.tekst(ov, "portfolio")))
            _veld(h, lz.label(ov, "pop"), ja_nee(lz.tekst(ov, "pop")))
            _veld(h, lz.label(ov, "motivatiebrief"), ja_nee(lz.tekst(ov, "motivatiebrief")))
            _veld(h, lz.label(ov, "lobdossier"), ja_nee(lz.tekst(ov, "lobdossier")))
            onderdelen.append(Onderdeel(kop="Overige gegevens voor het mbo", velden=h))
        return onderdelen

    def _blok_bijlagen(self) -> list[Onderdeel]:
        lz = self.lz
        documenten = lz.kinderen(lz.kind(self.leerling, "overigdocumentlijst"), "document")
        rijen = [[lz.tekst(d, "bestandsnaam"), lz.tekst(d, "omschrijving")] for d in documenten]
        return [
            Onderdeel(
                tekst="De bijlagen zelf gaan mee in het dossier; hier staan alleen hun namen.",
                tabel=self._tabel(["Bestandsnaam", "Omschrijving"], rijen),
            )
        ]


# --- entry points -----------------------------------------------------------------------------


def indeling(root: Element) -> tuple[dict[str, list[Element]], dict[str, Categorie | str]]:
    """The PDF's reading of a dossier's blocks, shared with the summary
    (:mod:`.samenvatting`): each block's elements (the block partition of the description) and
    its categorie (as the dossier declares it, else from the profile)."""
    bouwer = _Bouwer(root)
    soort = bouwer.lz.tekst(root, "overdrachtsoort")
    overstap = bouwer.lz.tekst(bouwer.metadata, "overstap")
    categorieen, _afgeleid = bouwer._categorieen(soort, overstap)
    return bouwer.wortels, categorieen


def view_model(xml: bytes) -> dict[str, Any]:
    """The template context for a dossier: title, pupil name and the sections."""
    tree = parse_dossier(xml)
    with translation.override("nl"):
        return _Bouwer(tree.getroot()).context()


def render_html(xml: bytes) -> str:
    """The dossier as an HTML page (for the PDF, tests and a browser preview)."""
    context = view_model(xml)
    with translation.override("nl"):
        return render_to_string(TEMPLATE, context)


def render_pdf(xml: bytes) -> bytes:
    """The dossier as a PDF (A4), for parents at inzage and for the pupil's folder."""
    return render_document(xml).write_pdf()


def render_document(xml: bytes) -> Document:
    """The laid-out dossier (WeasyPrint ``Document``: pages, then ``write_pdf()``)."""
    return html_document(render_html(xml))


def html_document(html: str) -> Document:
    """Lay out our HTML: no base URL and a fetcher that refuses every URL."""
    return HTML(string=html, base_url=None, url_fetcher=GeenUrls()).render()


def html_naar_pdf(html: str) -> bytes:
    return html_document(html).write_pdf()
