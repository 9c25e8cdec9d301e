"""The OSO gegevensset 2019.1 XML of a :class:`~.verzamelen.Verzameling`, driven by the
description of the gegevensset (:mod:`dossiers.gegevensset`).

:func:`bouw_xml` walks the description in its order and writes every element whose ``veld`` the
snapshot has a value for; optional elements without a value are omitted, never sent empty, and a
choice writes its first option that has one. The special cases are the named hooks beside the
table (:mod:`dossiers.gegevensset.haken`). It reads nothing but the snapshot (no database, no
files), so it is fast and can be tested in isolation.

What the builder guarantees on top of the collector (through the table's hooks and blocks):

- a secret address is never written (also not as ``adresbuitenland``); a secret phone number or
  e-mail address is always written as ``9999999999`` / ``geheim@geheim.geheim``;
- an SWV dossier (profiles SWV PO and SWV VO) has no ``bsn`` and no ``onderwijsnummer``; every
  other dossier has exactly one of the two;
- elements of a block that is not in the dossier are not written, whatever the snapshot holds.

Attachments are written as the XSD's implementation note asks: "Base64 gecodeerd ZIP-bestand"
(the official examples hold ZIP data).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from lxml import etree

from .gegevensset import huidig, v2019_1
from .gegevensset.haken import DICT_HAKEN, HAKEN, OVERSLAAN
from .gegevensset.model import PGN, Element, Reeks, Type
from .keuzes import Inzage
from .profielen import BLOK, Categorie
from .verzamelen import Verzameling
from .xmlsafe import OSO_NAMESPACE, parse_dossier

DEELDOSSIER = "LAS"
STANDAARDVERSIE = v2019_1.VERSIE
VALIDATIEVERSIE = v2019_1.VALIDATIEVERSIE

_Q = f"{{{OSO_NAMESPACE}}}"

# characters XML 1.0 does not allow (e.g. a vertical tab pasted from a word processor)
_NIET_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Waarde = str | int | bool | date | Decimal | None
_LIJST = (list, tuple)


def _tekst(waarde: Waarde) -> str:
    if type(waarde) is str:  # most values; a printable text holds nothing _NIET_XML removes
        return (waarde if waarde.isprintable() else _NIET_XML.sub("", waarde)).strip()
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return format(waarde, "f")
    if isinstance(waarde, int):
        return str(waarde)
    return _NIET_XML.sub("", str(waarde)).strip()


class _Plan:
    """One element of the description, prepared once for fast writing."""

    __slots__ = (
        "blok",
        "delen",
        "dict_haak",
        "element",
        "enkelvoudig",
        "haak",
        "herhaalbaar",
        "houder",
        "inhoud",
        "lijst",
        "pgn",
        "snel",
        "stil",
        "vuller",
        "tag",
        "vanaf_wortel",
        "verplicht",
        "zelf",
    )

    def __init__(self, e: Element, plannen: dict[int, _Plan]) -> None:
        self.element = e
        self.tag = _Q + e.naam
        self.blok = e.blok
        self.houder = e.houder
        self.enkelvoudig = isinstance(e.type, Type)
        self.herhaalbaar = e.herhaalbaar
        self.verplicht = e.min >= 1
        self.haak = HAKEN[e.haak] if e.haak else None
        veld = e.veld
        self.vanaf_wortel = veld.startswith("/")
        veld = veld.lstrip("/")
        self.delen = tuple(veld.split(".")) if veld and veld != "." else ()
        self.zelf = e.veld == "."
        self.pgn = PGN in e.privacy
        # a plain leaf read from one attribute of the parent's object: written inline by vul
        self.snel = (
            self.enkelvoudig
            and not e.haak
            and not e.blok
            and not self.pgn
            and not self.vanaf_wortel
            and len(self.delen) == 1
        )
        self.lijst = self.herhaalbaar and not self.enkelvoudig
        # an element with no field and no hook: only filled from a hook's dict or a list
        self.stil = not e.veld and not e.haak and not self.lijst
        # children that can never be written are left out of the plan: only a hook can hand
        # its children a dict (categorie_uitlevering, the total score)
        self.dict_haak = e.haak in DICT_HAKEN
        self.inhoud = () if self.enkelvoudig else _plan_reeks(e.type, plannen, self.dict_haak)
        self.vuller: Callable | None = None  # the compiled filling of the children


def _lees(attribuut: str, inspring: str) -> list[str]:
    """Read one attribute of the snapshot object (absent: None), as generated code."""
    if not attribuut.isidentifier():  # pragma: no cover - the table's fields are identifiers
        raise ValueError(attribuut)
    return [
        f"{inspring}try:",
        f"{inspring}    w = obj.{attribuut}",
        f"{inspring}except AttributeError:",
        f"{inspring}    w = None",
    ]


def _code(i: int, deel: _Plan, naamruimte: dict[str, Any]) -> list[str]:
    """Generated code for one child element: the same as :meth:`_Bouwer.schrijf` for it."""
    naamruimte[f"P{i}"] = deel
    naamruimte[f"T{i}"] = deel.tag
    if deel.houder:
        return [f"    b.schrijf(ouder, P{i}, obj, blok, False, False)"]
    regels: list[str] = []
    x = "    "
    if deel.pgn:  # an SWV dossier never carries a BSN or onderwijsnummer
        regels.append(f"{x}if b.v is None or not b.v.info.swv:")
        x += "    "
    kind_blok = "blok"
    if deel.blok:  # a block that is not in the dossier: nothing of it
        naamruimte[f"B{i}"] = deel.blok
        regels.append(f"{x}if blok == B{i} or b.v is None or b.v.opgenomen(B{i}):")
        x += "    "
        kind_blok = f"B{i}"
    # the value
    if deel.zelf:
        regels.append(f"{x}w = obj")
    elif deel.vanaf_wortel or len(deel.delen) > 1:
        naamruimte[f"F{i}"] = deel.element.veld
        regels.append(f"{x}w = b.haal(obj, F{i})")
    elif deel.delen:
        regels += _lees(deel.delen[0], x)
    elif deel.lijst:
        regels.append(f"{x}w = obj if isinstance(obj, _LIJST) else None")
    else:
        regels.append(f"{x}w = None")
    if deel.haak is not None:
        naamruimte[f"H{i}"] = deel.haak
        naamruimte[f"E{i}"] = deel.element
        regels.append(f"{x}w = H{i}(b, E{i}, w, obj)")
        regels.append(f"{x}if w is not OVERSLAAN:")
        x += "    "
    if deel.enkelvoudig:
        if deel.haak is not None:  # a hook may give a list (voornamen): one element each
            regels.append(f"{x}for w in (w if isinstance(w, _LIJST) else (w,)):")
            x += "    "
        regels.append(f"{x}if w is None:")
        regels.append(f"{x}    SE(ouder, T{i})" if deel.verplicht else f"{x}    pass")
        regels.append(f"{x}else:")
        regels.append(f"{x}    t = tekst(w)")
        regels.append(f"{x}    if t" + (" or True" if deel.verplicht else "") + ":")
        regels.append(f"{x}        SE(ouder, T{i}).text = t")
        return regels
    naamruimte[f"V{i}"] = _vuller(deel)
    regels.append(f"{x}if w is not None and not (isinstance(w, _LIJST) and not w):")
    if deel.herhaalbaar:
        regels.append(f"{x}    for w in (w if isinstance(w, _LIJST) else (w,)):")
        regels.append(f"{x}        V{i}(b, SE(ouder, T{i}), w, {kind_blok})")
    else:
        regels.append(f"{x}    V{i}(b, SE(ouder, T{i}), w, {kind_blok})")
    return regels


def _vuller(p: _Plan) -> Callable:
    """The children of ``p`` as one compiled Python function (made once from the table), the
    same as ``_Bouwer.vul(ouder, p.inhoud, obj, blok, False)`` only faster: every element is
    written inline; a choice, a block's container (houder) and the children of a hook that
    hands them a dict go through the generic writer."""
    if p.vuller is not None:
        return p.vuller
    regels = ["def vul(b, ouder, obj, blok):"]
    naamruimte: dict[str, Any] = {
        "SE": etree.SubElement,
        "tekst": _tekst,
        "_LIJST": _LIJST,
        "OVERSLAAN": OVERSLAAN,
    }
    if p.dict_haak:  # the hook hands its children a dict: the generic way
        naamruimte["INHOUD"] = p.inhoud
        regels.append("    b.vul(ouder, INHOUD, obj, blok, False)")
    for i, deel in enumerate(() if p.dict_haak else p.inhoud):
        if type(deel) is tuple:
            naamruimte[f"P{i}"] = deel
            regels.append(f"    b.vul(ouder, (P{i},), obj, blok, False)")
        else:
            regels += _code(i, deel, naamruimte)
    regels.append("    return None")
    exec("\n".join(regels), naamruimte)  # noqa: S102 - our own code, made from our own table
    p.vuller = naamruimte["vul"]
    return p.vuller


def _plan_reeks(r: Reeks, plannen: dict[int, _Plan], via_haak: bool) -> tuple:
    delen: list = []
    for deel in r.inhoud:
        if isinstance(deel, Element):
            p = _plan(deel, plannen)
            if via_haak or not p.stil:
                delen.append(p)
        elif isinstance(deel, Reeks):
            delen.extend(_plan_reeks(deel, plannen, via_haak))
        else:
            opties = []
            for optie in deel.opties:
                if isinstance(optie, Element):
                    p = _plan(optie, plannen)
                    if via_haak or not p.stil:
                        opties.append((p,))
                else:
                    opties.append(_plan_reeks(optie, plannen, via_haak))
            if opties:
                delen.append(tuple(opties))  # a choice: a tuple of option tuples
    return tuple(delen)


def _plan(e: Element, plannen: dict[int, _Plan]) -> _Plan:
    if id(e) not in plannen:
        plannen[id(e)] = _Plan(e, plannen)
    return plannen[id(e)]


_PLANNEN: dict[int, tuple[Any, _Plan]] = {}


def _wortelplan(g: Any) -> _Plan:
    bekend = _PLANNEN.get(id(g))
    if bekend is None or bekend[0] is not g:
        bekend = (g, _plan(g.wortel, {}))
        _PLANNEN[id(g)] = bekend
    return bekend[1]


class _Bouwer:
    """Writes the elements of the description from one snapshot."""

    def __init__(self, v: Verzameling | None) -> None:
        self.v = v

    def haal(self, obj: Any, veld: str) -> Any:
        """The value of ``veld`` (see :mod:`dossiers.gegevensset.v2019_1`) on ``obj``."""
        if veld[0] == "/":
            obj = self.v
            veld = veld[1:]
        if not veld or veld == ".":
            return obj
        if "." not in veld:
            return getattr(obj, veld, None) if obj is not None else None
        return self._haal(obj, tuple(veld.split(".")))

    @staticmethod
    def _haal(obj: Any, delen: tuple[str, ...]) -> Any:
        for deel in delen:
            if obj is None:
                return None
            obj = obj.get(deel) if type(obj) is dict else getattr(obj, deel, None)
        return obj

    def vul(self, ouder: etree._Element, inhoud: tuple, obj: Any, blok: str, houder: bool) -> None:
        is_dict = type(obj) is dict
        for deel in inhoud:
            if type(deel) is not tuple and deel.snel and not houder:
                naam = deel.delen[0]
                if is_dict:
                    w = obj.get(naam)
                else:
                    w = getattr(obj, naam, None) if obj is not None else None
                if w is None:
                    if deel.verplicht:
                        etree.SubElement(ouder, deel.tag)
                    continue
                tekst = _tekst(w)
                if tekst or deel.verplicht:
                    etree.SubElement(ouder, deel.tag).text = tekst
                continue
            if type(deel) is tuple:  # a choice: the first option that writes something
                for optie in deel:
                    aantal = len(ouder)
                    for p in optie:
                        self.schrijf(ouder, p, obj, blok, houder, True)
                    if len(ouder) > aantal:
                        break
            else:
                self.schrijf(ouder, deel, obj, blok, houder, False)

    def schrijf(
        self,
        ouder: etree._Element,
        p: _Plan,
        obj: Any,
        ouder_blok: str,
        ouder_houder: bool,
        in_keuze: bool,
    ) -> None:
        if p.stil and type(obj) is not dict:
            return  # an element we do not fill
        if p.pgn and self.v is not None and self.v.info.swv:
            return  # an SWV dossier never carries a BSN or onderwijsnummer
        blok = p.blok or ouder_blok
        if (
            blok
            and (ouder_houder or blok != ouder_blok)
            and not p.houder
            and self.v is not None
            and not self.v.opgenomen(blok)
        ):
            return  # a block that is not in the dossier: nothing of it, whatever the snapshot
        if p.delen or p.vanaf_wortel or p.zelf:
            bron = self.v if p.vanaf_wortel else obj
            waarde = self._haal(bron, p.delen) if p.delen else bron
        elif type(obj) is dict:
            waarde = obj.get(p.element.naam)
        elif p.lijst and isinstance(obj, _LIJST):
            waarde = obj  # the items of a list element (adreslijst/adres, toetslijst/toets)
        elif p.haak is None:
            return
        else:
            waarde = None
        if p.haak is not None:
            waarde = p.haak(self, p.element, waarde, obj)
            if waarde is OVERSLAAN:
                return
        if p.enkelvoudig:
            leeg_ook = p.verplicht and not in_keuze
            for w in waarde if isinstance(waarde, _LIJST) else (waarde,):
                if w is None:
                    if leeg_ook:
                        etree.SubElement(ouder, p.tag)
                    continue
                tekst = _tekst(w)
                if tekst or leeg_ook:
                    etree.SubElement(ouder, p.tag).text = tekst
            return
        if p.houder:
            element = etree.Element(p.tag)
            self.vul(element, p.inhoud, waarde, blok, True)
            if len(element):
                ouder.append(element)
            return
        if waarde is None or (isinstance(waarde, _LIJST) and not waarde):
            return
        items = waarde if p.herhaalbaar and isinstance(waarde, _LIJST) else (waarde,)
        vuller = p.vuller or _vuller(p)
        for item in items:
            vuller(self, etree.SubElement(ouder, p.tag), item, blok)


def bouw_xml(v: Verzameling) -> bytes:
    """The dossier as UTF-8 XML bytes with an XML declaration."""
    g = huidig()
    wortel = _wortelplan(g)
    dossier = etree.Element(wortel.tag, nsmap={None: g.namespace})
    _Bouwer(v).vul(dossier, wortel.inhoud, v, wortel.blok, False)
    return _serialiseer(dossier)


def _inzage_plan() -> tuple[str, _Plan]:
    """The path and plan of the block Ouderinzage's element (dossier/inzage)."""
    pad = huidig().blok_wortels("ouderinzage")[0]
    plan = _wortelplan(huidig())
    for naam in pad.split("/")[1:]:
        plan = next(p for p in plan.inhoud if type(p) is _Plan and p.element.naam == naam)
    return pad, plan


def _inzage_element(i: Inzage) -> etree._Element:
    _pad, plan = _inzage_plan()
    inzage = etree.Element(plan.tag)
    _Bouwer(None).vul(inzage, plan.inhoud, i, plan.blok, False)
    return inzage


def _zoek(root: etree._Element, pad: str) -> etree._Element | None:
    """The first element at a path of the description (``dossier/...``)."""
    delen = pad.split("/")[1:]
    return root.find("/".join(_Q + d for d in delen)) if delen else root


def vervang_inzage(xml: bytes, inzage: Inzage) -> bytes:
    """The same dossier with the inzage block of ``inzage``: for registering the parents'
    inzage on a version that was collected before it (nothing else changes, metadata/datum
    included). A dossier whose Ouderinzage block is left out or forbidden is returned as is."""
    g = huidig()
    root = parse_dossier(xml).getroot()
    cat = next(k.pad for k in g.knopen.values() if k.naam == BLOK["ouderinzage"].categorie_element)
    categorie = _zoek(root, cat)
    if categorie is None or categorie.text not in (Categorie.VERPLICHT, Categorie.OPTIONEEL):
        return xml
    pad, _plan_inzage = _inzage_plan()
    nieuw = _inzage_element(inzage)
    oud = _zoek(root, pad)
    if oud is not None:
        root.replace(oud, nieuw)
    else:  # after the last element that comes before it in the description
        knoop = g.knoop(pad)
        eerder = [k.pad for k in g.kinderen(knoop.ouder) if k.volgorde < knoop.volgorde]
        vorige = next(e for e in (_zoek(root, p) for p in reversed(eerder)) if e is not None)
        vorige.addnext(nieuw)
    etree.indent(root, space="  ")
    return _serialiseer(root)


def _serialiseer(root: etree._Element) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(
        root, encoding="UTF-8", xml_declaration=False, pretty_print=True
    )


__all__ = ["DEELDOSSIER", "STANDAARDVERSIE", "VALIDATIEVERSIE", "bouw_xml", "vervang_inzage"]
