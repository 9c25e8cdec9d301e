"""``manage.py demo_data``: the demo world is complete, valid by our own rules, idempotent, and
never prints a BSN or onderwijsnummer. Also: the number generators and the factories."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from stdnum.nl import bsn, onderwijsnummer

from accounts.models import Aanstelling, User
from accounts.roles import Rol
from core.validators import looks_like_pgn
from leerlingen import demo
from leerlingen import models as m
from leerlingen.sections import SECTIONS
from scholen.models import (
    Aanleverpunt,
    Bestuur,
    Samenwerkingsverband,
    School,
    school_routeringskenmerk,
)

from . import factories as f

PEILDATUM = "2026-11-23"
SCHOOLJAREN = ["2024-2025", "2025-2026", "2026-2027"]
MODELLEN = [
    model
    for app in ("scholen", "accounts", "leerlingen")
    for model in apps.get_app_config(app).get_models()
]


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def bouw(*args: str, peildatum: str = PEILDATUM) -> str:
    out = io.StringIO()
    call_command("demo_data", "--peildatum", peildatum, *args, stdout=out, stderr=out)
    return out.getvalue()


def tel() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in MODELLEN}


def bestanden(media: Path) -> set[Path]:
    return {p for p in media.rglob("*") if p.is_file()}


def schooljaar_van(d: date) -> str:
    return demo.schooljaar_label(demo.schooljaar_start(d))


# --- the world ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_scholen_vestigingen_en_aanleverpunten(media):
    bouw()
    bestuur = Bestuur.objects.get()
    scholen = {s.brincode: s for s in School.objects.all()}
    assert {brin: s.soort for brin, s in scholen.items()} == {
        "14SS": "BO",
        "15TT": "BO",
        "16UU": "VO",
        "17VV": "VO",  # the other end of a VOVO transfer
    }
    assert scholen["14SS"].naam == "De Regenboog"
    assert scholen["14SS"].aangesloten_regionaal_initiatief
    assert list(scholen["14SS"].vestigingen.values_list("vestigingscode", flat=True)) == [
        "00",
        "01",
    ]
    for school in scholen.values():
        assert school.bestuur == bestuur
        assert school.naam_directeur and school.telefoon_directeur and school.website
        assert school.adressen.filter(soort_adres="bezoek").exists()
        assert set(school.communicatie.values_list("soort", flat=True)) == {"telefoon", "e-mail"}
        assert school.hoofdvestiging is not None
        punt = school.aanleverpunten.get(nummer=0)
        assert punt.routeringskenmerk == school_routeringskenmerk(school.brincode, 0)
        assert punt.soort == "school"
    zuid = scholen["14SS"].aanleverpunten.get(nummer=1)
    assert zuid.vestiging.vestigingscode == "01"
    assert zuid.routeringskenmerk == school_routeringskenmerk("14SS", 1)

    swvs = {s.code: s for s in Samenwerkingsverband.objects.all()}
    assert {c: s.sector for c, s in swvs.items()} == {"PO2801": "PO", "VO2801": "VO"}
    for swv in swvs.values():
        assert swv.aanleverpunten.exists()
        assert set(swv.aanleverpunten.values_list("soort", flat=True)) == {"swv"}
    kenmerken = list(Aanleverpunt.objects.values_list("routeringskenmerk", flat=True))
    assert len(kenmerken) == len(set(kenmerken)) == 8
    assert all(re.fullmatch(r"[0-9A-Z]{20}", k) for k in kenmerken)


VERWACHTE_LOGINS = [
    ("admin.regenboog", Rol.SCHOOLADMINISTRATIE, "14SS"),
    ("zorg.regenboog", Rol.ZORGCOORDINATOR, "14SS"),
    ("leerkracht.regenboog", Rol.LEERKRACHT, "14SS"),
    ("beheer.regenboog", Rol.BEHEERDER, "14SS"),
    ("admin.tt", Rol.SCHOOLADMINISTRATIE, "15TT"),
    ("admin.vo", Rol.SCHOOLADMINISTRATIE, "16UU"),
    ("zorg.vo", Rol.ZORGCOORDINATOR, "16UU"),
    ("admin.lyceum", Rol.SCHOOLADMINISTRATIE, "17VV"),
]


@pytest.mark.django_db
def test_medewerkers_per_rol_met_het_demowachtwoord(media):
    bouw()
    for username, rol, brin in VERWACHTE_LOGINS:
        user = User.objects.get(username=username)
        aanstelling = user.aanstellingen.get()
        assert (aanstelling.rol, aanstelling.school.brincode) == (rol, brin), username
        assert user.first_name and user.last_name
        assert user.check_password(demo.DEMO_WACHTWOORD)
        assert user.is_staff == (username == "beheer.regenboog")
        assert not user.is_superuser
    bestuurder = User.objects.get(username="bestuur.demo")
    aanstelling = bestuurder.aanstellingen.get()
    assert (aanstelling.rol, aanstelling.school, aanstelling.bestuur) == (
        Rol.BESTUUR,
        None,
        Bestuur.objects.get(),
    )
    superbeheer = User.objects.get(username="superbeheer")
    assert superbeheer.is_superuser and superbeheer.is_staff
    assert superbeheer.check_password(demo.DEMO_WACHTWOORD)
    # staff only: the demo API client has a technical user without aanstelling (koppelingen)
    staff = User.objects.filter(api_client__isnull=True)
    assert staff.count() == 10 and Aanstelling.objects.count() == 9


@pytest.mark.django_db
def test_leerlingen_verdeling_en_bijzondere_gevallen(media):
    bouw()
    leerlingen = list(m.Leerling.objects.select_related("school", "vestiging"))
    assert len(leerlingen) >= 40
    per_school = {
        b: sum(1 for ll in leerlingen if ll.school.brincode == b) for b in ("14SS", "15TT", "16UU")
    }
    assert all(per_school.values())
    assert per_school["14SS"] + per_school["15TT"] > 2 * per_school["16UU"]
    assert {ll.vestiging.vestigingscode for ll in leerlingen if ll.school.brincode == "14SS"} == {
        "00",
        "01",
    }
    assert all(ll.vestiging.school_id == ll.school_id for ll in leerlingen)
    assert len({(ll.school_id, ll.leerlingid) for ll in leerlingen}) == len(leerlingen)

    assert sum(ll.adresgeheim for ll in leerlingen) == 1
    (nieuwkomer,) = [ll for ll in leerlingen if ll.pgn_type == "onderwijsnummer"]
    assert onderwijsnummer.is_valid(nieuwkomer.pgn)
    for leerling in leerlingen:
        assert leerling.pgn_hash == m.pgn_hash(leerling.pgn_type, leerling.pgn)
        if leerling.pgn_type == "bsn":
            assert bsn.is_valid(leerling.pgn)
        assert leerling.datum_inschrijving and leerling.geboortedatum < leerling.datum_inschrijving

    uitgeschreven_groep8 = [
        ll for ll in leerlingen if ll.jaargroep == "8" and ll.datum_uitschrijving is not None
    ]
    assert len(uitgeschreven_groep8) >= 2
    for leerling in uitgeschreven_groep8:
        assert leerling.reden_uitschrijving == "overstap_vo"
        assert leerling.vervolgschool_brin == "16UU"
        assert leerling.vervolgschool_naam == School.objects.get(brincode="16UU").naam
        assert leerling.overstapadvies.advies
        assert leerling.eindtoets.deelgenomen


@pytest.mark.django_db
def test_elk_blok_heeft_gegevens(media):
    bouw()
    for model in MODELLEN:
        assert model._default_manager.exists(), model.__name__

    leerlingen = m.Leerling.objects.select_related("school")
    for leerling in leerlingen:
        naam = f"{leerling.school.brincode}/{leerling.leerlingid}"
        assert leerling.communicatie.count() >= 1, naam
        assert 1 <= leerling.verzorgers.count() <= 2, naam
        assert leerling.verzorgers.filter(wettig_vertegenwoordiger=True).exists(), naam
        jaren = set(leerling.schoolloopbaan.values_list("schooljaar", flat=True))
        if leerling.datum_uitschrijving is None:
            assert set(SCHOOLJAREN) <= jaren or leerling.pgn_type == "onderwijsnummer", naam
        else:
            assert len(jaren) >= 3, naam
        assert hasattr(leerling, "onderwijsondersteuning"), naam
        assert leerling.verzuim.exists(), naam
        assert leerling.toetsen.exists(), naam
        assert not leerling.toetsen.filter(referentiescores__isnull=True).exists(), naam
        assert leerling.cijferlijsten.exists(), naam
        assert not leerling.cijferlijsten.filter(onderdelen__isnull=True).exists(), naam
        assert leerling.map_items.filter(soort="notitie").exists(), naam
        if leerling.school.sector == "PO":
            assert hasattr(leerling, "vve"), naam
        else:
            assert hasattr(leerling, "vombo") and leerling.vakresultaten.exists(), naam
        if leerling.jaargroep == "8":
            assert leerling.overstapadvies.advies, naam

    # groep 8: advies, some revised with a motivation, eindtoets with both onderdelen
    herzien = m.Overstapadvies.objects.exclude(herzien_advies="")
    assert herzien.exists()
    assert all(a.motivatie_herzien_advies and a.wens_ouders and a.profiel for a in herzien)
    for eindtoets in m.Eindtoets.objects.all():
        onderdelen = dict(eindtoets.onderdelen.values_list("onderdeel", "referentieniveau"))
        assert set(onderdelen) == {"8000", "8001"}
        assert eindtoets.toets_advies and eindtoets.standaardscore

    # begeleiding
    ondersteuning = m.Onderwijsondersteuning.objects.all()
    met_opp = ondersteuning.filter(opp_ingangsdatum__isnull=False)
    assert met_opp.count() >= 3
    assert all(o.toelichting_onderwijsbehoeften.leerling_id == o.leerling_id for o in met_opp)
    assert m.Diagnose.objects.count() >= 3 and m.Arrangement.objects.exists()
    lwoo_en_tlv = ondersteuning.filter(
        lwoo_ingangsdatum__isnull=False, leerling__tlvs__isnull=False
    )
    assert lwoo_en_tlv.filter(leerling__school__brincode="16UU").exists()
    plannen = m.Handelingsplan.objects.all()
    assert plannen.values("leerling").distinct().count() >= 5
    assert {p.status for p in plannen} == {"concept", "lopend", "afgesloten"}
    for plan in plannen:
        assert plan.document.leerling_id == plan.leerling_id
        assert plan.document.soort == "document"

    # niet-methodetoetsen over three school years, M and E moments, the three LOVS subjects
    toetsen = m.Toets.objects.filter(leerling__school__soort="BO")
    assert {schooljaar_van(d) for d in toetsen.values_list("afnamedatum", flat=True)} >= {
        "2023-2024",
        "2024-2025",
        "2025-2026",
    }
    assert {v[0] for v in toetsen.values_list("toetsversie", flat=True)} == {"M", "E"}
    assert set(toetsen.values_list("leergebied", flat=True)) == {
        "rekenen-wiskunde",
        "spelling",
        "begrijpend lezen",
    }

    # documents are real files in MEDIA_ROOT
    documenten = m.MapItem.objects.filter(soort="document")
    assert documenten.count() >= 40
    for item in documenten:
        with item.bestand.open("rb") as bestand:  # decrypted by the storage
            inhoud = bestand.read()
        if item.mime_type == "application/pdf":
            assert inhoud.startswith(b"%PDF-1.4") and inhoud.rstrip().endswith(b"%%EOF")
        assert item.bestandsnaam and Path(item.bestand.path).is_relative_to(media)
    assert documenten.filter(mime_type="text/plain").exists()


@pytest.mark.django_db
def test_groep8_van_dit_jaar_maakt_de_eindtoets_pas_in_februari(media):
    bouw()
    dit_jaar = m.Leerling.objects.filter(jaargroep="8", datum_uitschrijving__isnull=True)
    assert dit_jaar.exists()
    assert not m.Eindtoets.objects.filter(leerling__in=dit_jaar).exists()
    # nothing in the world is dated after the peildatum
    peildatum = date.fromisoformat(PEILDATUM)
    assert not m.Toets.objects.filter(afnamedatum__gt=peildatum).exists()
    assert not m.Verzuim.objects.filter(datum__gt=peildatum).exists()
    assert not m.Eindtoets.objects.filter(datum_afname__gt=peildatum).exists()


@pytest.mark.django_db
def test_later_in_het_schooljaar_heeft_groep8_wel_een_eindtoets(media):
    bouw(peildatum="2027-03-15")
    dit_jaar = m.Leerling.objects.filter(jaargroep="8", datum_uitschrijving__isnull=True)
    assert dit_jaar.count() == m.Eindtoets.objects.filter(leerling__in=dit_jaar).count() > 0
    assert set(m.Schoolloopbaan.objects.values_list("schooljaar", flat=True)) >= set(SCHOOLJAREN)


@pytest.mark.django_db
def test_alles_voldoet_aan_de_eigen_regels(media):
    bouw()
    for model in MODELLEN:
        for obj in model._default_manager.all():
            obj.full_clean()


@pytest.mark.django_db
def test_elk_tabblad_van_de_leerlingkaart_heeft_een_volledige_groep8_leerling(media):
    """The first groep 8 pupil of De Regenboog has every block that applies to a PO pupil."""
    bouw()
    leerling = (
        m.Leerling.objects.filter(
            school__brincode="14SS", jaargroep="8", overstapadvies__isnull=False
        )
        .order_by("pk")
        .first()
    )
    for section in SECTIONS:
        if section.model is m.VoMboGegevens or section.model is m.VakResultaat:
            continue  # VO-MBO: secondary pupils only
        if section.model in (m.TLV, m.Diagnose, m.Arrangement):
            continue  # only pupils with an OPP or a TLV
        assert section.model.objects.filter(leerling=leerling).exists(), section.slug


# --- idempotent, atomic, output ----------------------------------------------------------------


@pytest.mark.django_db
def test_tweede_keer_verandert_niets(media):
    eerste = bouw()
    assert "Nieuw aangemaakt" in eerste
    tellingen = tel()
    wachtwoorden = dict(User.objects.values_list("username", "password"))
    files = bestanden(media)
    leerlingen = list(m.Leerling.objects.order_by("pk").values_list("pk", "gewijzigd_op"))

    tweede = bouw()
    assert "er is niets gewijzigd" in tweede
    assert tel() == tellingen
    assert dict(User.objects.values_list("username", "password")) == wachtwoorden
    assert bestanden(media) == files
    assert list(m.Leerling.objects.order_by("pk").values_list("pk", "gewijzigd_op")) == leerlingen

    # a run in another school year still changes nothing
    bouw(peildatum="2027-09-15")
    assert tel() == tellingen


@pytest.mark.django_db
def test_een_fout_halverwege_laat_niets_achter(media, monkeypatch):
    teller = {"n": 0}
    origineel = demo.LeerlingBouwer.bouw_verzuim

    def faalt_bij_de_tiende(self):
        teller["n"] += 1
        if teller["n"] == 10:
            raise RuntimeError("stroomstoring")
        origineel(self)

    monkeypatch.setattr(demo.LeerlingBouwer, "bouw_verzuim", faalt_bij_de_tiende)
    with pytest.raises(RuntimeError):
        bouw()
    assert all(n == 0 for n in tel().values())


@pytest.mark.django_db
def test_logins_tabel(media):
    uit = bouw("--logins")
    assert "Demowereld opgebouwd" in uit
    for kop in ("Gebruikersnaam", "Rol", "School", "Wachtwoord"):
        assert kop in uit
    regels = {regel.split()[0]: regel for regel in uit.splitlines() if regel.strip()}
    for username, rol, brin in VERWACHTE_LOGINS:
        assert username in regels
        assert str(Rol(rol).label) in regels[username] and brin in regels[username]
        assert demo.DEMO_WACHTWOORD in regels[username]
    assert "Bestuur" in regels["bestuur.demo"]
    assert "superbeheer" in regels

    tellingen = tel()
    nog_eens = bouw("--logins")  # after the data exists: only prints
    assert "er is niets gewijzigd" in nog_eens and "Gebruikersnaam" in nog_eens
    assert tel() == tellingen


@pytest.mark.django_db
def test_geen_bsn_of_onderwijsnummer_in_uitvoer_of_log(media, caplog):
    caplog.set_level("DEBUG")
    uit = bouw("--logins") + bouw("--logins", "-v", "2")
    nummers = list(m.Leerling.objects.values_list("pgn", flat=True))
    assert len(nummers) >= 40
    alles = uit + caplog.text
    for nummer in nummers:
        assert nummer not in alles
    assert not [n for n in re.findall(r"\d{9}", alles) if looks_like_pgn(n)]


@pytest.mark.django_db
def test_ongeldige_peildatum_geeft_een_nederlandse_melding(media):
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("demo_data", "--peildatum", "23-11-2026")
    assert School.objects.count() == 0


# --- building blocks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("peildatum", "verwacht"),
    [
        (date(2026, 11, 23), SCHOOLJAREN),
        (date(2027, 7, 31), SCHOOLJAREN),
        (date(2027, 8, 1), ["2025-2026", "2026-2027", "2027-2028"]),
        (date(2026, 1, 5), ["2023-2024", "2024-2025", "2025-2026"]),
    ],
)
def test_schooljaren(peildatum, verwacht):
    assert demo.schooljaren(peildatum) == verwacht


def test_gegenereerde_nummers_zijn_geldig_uniek_en_vast():
    bsns = [demo.bsn_uit_volgnummer(n) for n in range(12_000)]
    assert all(bsn.is_valid(n) for n in bsns)
    assert len(set(bsns)) == len(bsns)
    assert demo.bsn_uit_volgnummer(7) == bsns[7]
    onderwijsnummers = [demo.onderwijsnummer_uit_volgnummer(n) for n in range(12_000)]
    assert all(onderwijsnummer.is_valid(n) and n.startswith("10") for n in onderwijsnummers)
    assert len(set(onderwijsnummers)) == len(onderwijsnummers)
    assert not set(bsns) & set(onderwijsnummers)
    with pytest.raises(ValueError):
        demo.bsn_uit_volgnummer(-1)


def test_pdf_is_klein_en_geldig():
    pdf = demo.minimal_pdf("Verslag (concept)", ["Zoë werkt \\ zelfstandig."])
    start = int(re.search(rb"startxref\n(\d+)", pdf).group(1))
    assert pdf[start:].startswith(b"xref")
    offsets = [int(o) for o in re.findall(rb"(\d{10}) 00000 n", pdf)]
    for nummer, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(b"%d 0 obj" % nummer)
    assert b"(Verslag \\(concept\\)) Tj" in pdf and "Zoë".encode("cp1252") in pdf


# --- the factories -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_factories_maken_geldige_objecten_met_traits(media):
    school = f.SchoolFactory(compleet=True)
    assert school.vestigingen.get().vestigingscode == "00"
    assert school.aanleverpunten.get().routeringskenmerk == school_routeringskenmerk(
        school.brincode, 0
    )
    assert f.AanleverpuntFactory(swv=True).routeringskenmerk.startswith("SWVPO")

    for trait, rol in [
        ("schooladministratie", Rol.SCHOOLADMINISTRATIE),
        ("zorgcoordinator", Rol.ZORGCOORDINATOR),
        ("leerkracht", Rol.LEERKRACHT),
        ("beheerder", Rol.BEHEERDER),
    ]:
        aanstelling = f.AanstellingFactory(**{trait: True})
        assert aanstelling.rol == rol and aanstelling.school and not aanstelling.bestuur
    bestuurder = f.AanstellingFactory(bestuurder=True)
    assert bestuurder.bestuur and bestuurder.school is None
    user = f.UserFactory(rol=Rol.LEERKRACHT, rol__school=school)
    assert user.aanstellingen.get().school == school
    assert user.check_password(f.PASSWORD)

    assert f.LeerlingFactory(onderwijsnummer=True).pgn_type == "onderwijsnummer"
    groep8 = f.LeerlingFactory(groep8=True)
    assert groep8.jaargroep == "8" and groep8.overstapadvies.advies
    weg = f.LeerlingFactory(uitgeschreven=True)
    assert weg.vervolgschool_brin == "16UU" and weg.datum_uitschrijving
    assert f.LeerlingFactory(vo=True).school.soort == "VO"
    assert f.LeerlingFactory(adresgeheim=True).adresgeheim
    assert not hasattr(f.LeerlingFactory(), "overstapadvies")

    plan = f.HandelingsplanFactory()
    assert plan.document.leerling == plan.leerling
    with plan.document.bestand.open("rb") as bestand:  # decrypted by the storage
        assert bestand.read().startswith(b"%PDF")
    assert f.MapItemFactory(notitie=True).tekst
    assert f.ToetsFactory().referentiescores.count() == 2
    assert f.EindtoetsFactory().onderdelen.count() == 2

    leerling = f.LeerlingFactory(school=school)
    f.vul_alle_blokken(leerling)
    for section in SECTIONS:
        assert section.model.objects.filter(leerling=leerling).exists(), section.slug
    for model in MODELLEN:
        for obj in model._default_manager.all():
            obj.full_clean()
