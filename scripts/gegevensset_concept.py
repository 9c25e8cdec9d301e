"""Developer tool, run by hand once: a first draft of a gegevensset description from an XSD.

    python scripts/gegevensset_concept.py /path/to/OSO_gegevensset.xsd > /tmp/concept.py

It prints Python source in the form of ``dossiers/gegevensset/v2019_1.py`` (the structure only:
names, order, types, facets, cardinality, choices, attributes), which a developer then completes
by hand with labels, blocks, privacy marks and snapshot fields. The product never runs this
script and never reads the official files; the committed table is our own data.
"""

from __future__ import annotations

import sys

from lxml import etree

XS = "{http://www.w3.org/2001/XMLSchema}"

# the XSD's simple types -> the names of our Type constants (see v2019_1.py)
TYPEN = {
    "nonEmptyStringType": "TEKST",
    "xs:string": "VRIJE_TEKST",
    "xs:date": "DATUM",
    "xs:boolean": "JA_NEE",
    "xs:integer": "GEHEEL_GETAL",
    "xs:int": "INT",
    "xs:decimal": "DECIMAAL",
    "brincodeType": "BRINCODE",
    "vestigingscodeType": "VESTIGINGSCODE",
    "einddatumType": "EINDDATUM_SCHOOLJAAR",
    "elementcodeType": "ELEMENTCODE",
    "geboortemaandType": "GEBOORTEMAAND",
    "geslachtType": "GESLACHT",
    "jaargroepType": "JAARGROEP",
    "schooljaarType": "SCHOOLJAAR",
    "voadviesduoType": "VO_ADVIES",
    "categorieType": "CATEGORIE",
    "aandachtspuntenType": "AANDACHTSPUNTEN",
    "EindtoetsToetssoortType": "VRIJE_TEKST",
    "EindtoetsToetsniveauType": "VRIJE_TEKST",
    "EindtoetsWettelijkeOntheffingType": "VRIJE_TEKST",
    "EindtoetsToetsAdviesType": "VRIJE_TEKST",
    "EindtoetsReferentieniveauType": "VRIJE_TEKST",
    "EindtoetsOnderdeelcodeType": "VRIJE_TEKST",
    "EindtoetsDomeincodeType": "VRIJE_TEKST",
    "EindtoetsStandaardscoreType": "STANDAARDSCORE",
}


class Concept:
    def __init__(self, pad: str) -> None:
        self.root = etree.parse(pad).getroot()
        self.elementen = {e.get("name"): e for e in self.root.findall(XS + "element")}
        self.complex = {e.get("name"): e for e in self.root.findall(XS + "complexType")}
        self.groepen = {e.get("name"): e for e in self.root.findall(XS + "group")}

    def element(self, e: etree._Element, inspring: int) -> str:
        doel = self.elementen[e.get("ref")] if e.get("ref") else e
        naam = doel.get("name")
        args = [repr(naam), self.type(doel, inspring)]
        mn, mx = e.get("minOccurs", "1"), e.get("maxOccurs", "1")
        if mn != "1":
            args.append(f"min={mn}")
        if mx != "1":
            args.append("max=ONBEGRENSD" if mx == "unbounded" else f"max={mx}")
        attrs = self.attributen(doel)
        if attrs:
            args.append(f"attributen=({attrs},)")
        return "E(" + ", ".join(args) + ")"

    def attributen(self, e: etree._Element) -> str:
        result = []
        for a in e.iter(XS + "attribute"):
            t = TYPEN.get(a.get("type", "xs:string"), "VRIJE_TEKST")
            verplicht = ", verplicht=True" if a.get("use") == "required" else ""
            result.append(f"Attribuut({a.get('name')!r}, {t}{verplicht})")
        return ", ".join(result)

    def type(self, e: etree._Element, inspring: int) -> str:
        typenaam = e.get("type")
        if typenaam in self.complex:
            return self.complex_inhoud(self.complex[typenaam], inspring, typenaam)
        if typenaam:
            return TYPEN[typenaam]
        ct = e.find(XS + "complexType")
        if ct is not None:
            return self.complex_inhoud(ct, inspring, "")
        st = e.find(XS + "simpleType")
        if st is not None:
            return self.simpel(st)
        return "VRIJE_TEKST"

    def simpel(self, st: etree._Element) -> str:
        r = st.find(XS + "restriction")
        basis = TYPEN[r.get("base")]
        facetten = []
        for f in r:
            if not isinstance(f.tag, str):
                continue
            soort, waarde = f.tag.removeprefix(XS), f.get("value")
            facetten.append(f"{soort}={waarde!r}")
        return f"beperk({basis}, {', '.join(facetten)})"

    def complex_inhoud(self, ct: etree._Element, inspring: int, naam: str) -> str:
        delen: list[str] = []
        sc = ct.find(XS + "simpleContent")
        if sc is not None:
            ext = sc.find(XS + "extension")
            return TYPEN.get(ext.get("base"), "VRIJE_TEKST")
        cc = ct.find(XS + "complexContent")
        if cc is not None:
            ext = cc.find(XS + "extension")
            basis = self.complex[ext.get("base")]
            delen += self.deeltjes(self.model(basis), inspring)
            delen += self.deeltjes(ext.find(XS + "sequence"), inspring)
        else:
            delen += self.deeltjes(ct.find(XS + "sequence"), inspring)
        pad = " " * (inspring + 4)
        binnen = "".join(f"\n{pad}{d}," for d in delen)
        return f"reeks({binnen}\n{' ' * inspring})"

    def model(self, ct: etree._Element) -> etree._Element | None:
        cc = ct.find(XS + "complexContent")
        if cc is not None:
            return cc.find(XS + "extension")
        return ct.find(XS + "sequence")

    def deeltjes(self, seq: etree._Element | None, inspring: int) -> list[str]:
        if seq is None:
            return []
        if seq.tag == XS + "extension":
            # an extension of an extension: base first
            basis = self.complex[seq.get("base")]
            return self.deeltjes(self.model(basis), inspring) + self.deeltjes(
                seq.find(XS + "sequence"), inspring
            )
        result = []
        for d in seq:
            if not isinstance(d.tag, str):
                continue
            if d.tag == XS + "element":
                result.append(self.element(d, inspring + 4))
            elif d.tag == XS + "choice":
                opties = [
                    self.element(o, inspring + 8)
                    for o in d
                    if isinstance(o.tag, str) and o.tag == XS + "element"
                ]
                args = ", ".join(opties)
                mn, mx = d.get("minOccurs", "1"), d.get("maxOccurs", "1")
                extra = (", min=0" if mn == "0" else "") + (
                    ", max=ONBEGRENSD" if mx == "unbounded" else ""
                )
                result.append(f"keuze({args}{extra})")
            elif d.tag == XS + "group":
                groep = self.groepen[d.get("ref")]
                result += self.deeltjes(groep, inspring)
                # a group of one choice with min/max on the reference
            elif d.tag == XS + "sequence":
                result += self.deeltjes(d, inspring)
        return result


def main() -> None:
    concept = Concept(sys.argv[1])
    print("DOSSIER = " + concept.element(concept.elementen["dossier"], 0))


if __name__ == "__main__":
    main()
