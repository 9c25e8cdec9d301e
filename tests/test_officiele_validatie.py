"""Every dossier the demo world yields passes the official OSO 2019.1 XSD and validation
stylesheets (XSLT 2.0, run with saxonche) with zero Fout: every pupil under every profile the
app accepts for that pupil, as a voorlopig dossier (before the parents' inzage: only the inzage
rules may fail) and, for an overstap, with the inzage registered as klaarzetten adds it."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.utils import timezone
from lxml import etree

from dossiers import services, voorwaarden
from dossiers.keuzes import Inzage
from dossiers.profielen import PROFIELEN, Profiel
from dossiers.regels import FOUT, valideer
from dossiers.verzamelen import verzamel
from dossiers.xml_bouwer import bouw_xml, vervang_inzage
from leerlingen.codelijsten import CODELIJST_PER_ELEMENT
from leerlingen.demo import bouw_demowereld
from leerlingen.models import Leerling

from .oso_officieel import officieel, standaard_map

pytestmark = pytest.mark.conformance

INZAGE = Inzage(
    voorlopig=False,
    inzage=True,
    datum=datetime.date(2026, 11, 20),
    akkoord="Ja",
    toestemming="Onbekend",
)


def inzage_fout(fout) -> bool:
    """An official finding about the parents' inzage (OVa.IZ01-05): allowed in a voorlopig
    dossier only."""
    return (fout.pad or "").startswith("/dossier/inzage") or "inzage" in fout.tekst.lower()


def codelijsten_in(xml: bytes) -> set[int]:
    """The code lists whose elements occur in the dossier."""
    root = etree.fromstring(xml)
    gevonden = set()
    for element in root.iter():
        if isinstance(element.tag, str):
            pad = "/".join(etree.QName(e).localname for e in [*element.iterancestors()][::-1])
            pad = f"{pad}/{etree.QName(element).localname}".lstrip("/")
            if pad in CODELIJST_PER_ELEMENT:
                gevonden.add(CODELIJST_PER_ELEMENT[pad])
    return gevonden


def toegestane_profielen(leerling: Leerling) -> list[Profiel]:
    """Every profile the app accepts for this pupil: no unmet precondition of collecting."""
    dossier = services.dossier_van(leerling)
    geschikt = []
    for profiel, info in PROFIELEN.items():
        dossier.binnen_brin = info.binnen_brin
        if not voorwaarden.voor_verzamelen(dossier, profiel):
            geschikt.append(profiel)
    return geschikt


def demo_dossiers():
    """(description, xml, voorlopig) of every dossier the demo world yields."""
    for leerling in Leerling.objects.select_related("school").order_by("pk"):
        dossier = services.dossier_van(leerling)
        for profiel in toegestane_profielen(leerling):
            dossier.binnen_brin = PROFIELEN[profiel].binnen_brin
            keuzes = services.standaard_keuzes(dossier, profiel)
            xml = bouw_xml(verzamel(leerling.pk, keuzes))
            naam = f"{leerling.school.brincode} {leerling.leerlingid} {profiel}"
            yield naam, xml, True
            info = PROFIELEN[profiel]
            if not info.binnen_brin and not info.swv:
                yield f"{naam} met inzage", vervang_inzage(xml, INZAGE), False


@pytest.mark.django_db
def test_elk_dossier_van_de_demowereld_voldoet_aan_de_officiele_validatie(settings, tmp_path):
    standaard_map()
    settings.MEDIA_ROOT = tmp_path / "media"
    bouw_demowereld(timezone.localdate())

    gezien: Counter[str] = Counter()
    soorten: Counter[str] = Counter()  # each distinct message, with one example
    voorbeeld: dict[str, str] = {}
    afgekeurd = fouten = 0
    lijsten: set[int] = set()
    for naam, xml, voorlopig in demo_dossiers():
        gezien[naam.split()[2]] += 1
        uitslag = officieel(xml)
        lijsten.update(codelijsten_in(xml))
        over = [f"{f.locatie}: {f.tekst}" for f in uitslag.fouten]
        over = [
            t
            for f, t in zip(uitslag.fouten, over, strict=True)
            if not (voorlopig and inzage_fout(f))
        ] + uitslag.xsd_fouten
        # our own validation agrees: no Fout either (the inzage rules aside while voorlopig)
        over += [
            f"ons: {m.pad}: {m.bericht}"
            for m in valideer(etree.fromstring(xml))
            if m.ernst == FOUT and not (voorlopig and m.regel.startswith("OVa.IZ"))
        ]
        afgekeurd += bool(over)
        fouten += len(over)
        for tekst in over:
            soort = tekst.split(": ", 1)[-1]
            soorten[soort] += 1
            voorbeeld.setdefault(soort, f"{naam}: {tekst}")

    print(f"{sum(gezien.values())} demodossiers officieel gecontroleerd: {dict(gezien)}")
    assert {2, 11, 13, 14, 22, 23, 31, 37, 41, 42, 45, 46, 48} <= lijsten
    print(f"{afgekeurd} afgekeurd, {fouten} Fout; codelijsten gebruikt: {sorted(lijsten)}")
    assert not fouten, f"{afgekeurd} dossiers afgekeurd, {fouten} Fout:\n" + "\n".join(
        f"{n}x {voorbeeld[s]}" for s, n in soorten.most_common()
    )
    # every profile of the app is exercised by the demo world
    assert set(gezien) == {str(p) for p in Profiel}
