"""The season boards, read in a constant number of queries.

PO board: per pupil of groep 8 one :class:`Rij` with a :class:`Stap` per stage of the season.
Each stage is computed by one function from data loaded up front (:func:`po_bord`), so the
computation is testable for every state without the database doing per-pupil work.
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dossiers.models import InzageKeuze, Klaarzetting, Status
from dossiers.profielen import PROFIELEN, Profiel
from leerlingen.codelijsten import AdviesVO, Eindtoetssoort
from leerlingen.models import Heroverweging, Leerling
from trafficcenter_client.berichten import Resultaatcode
from trafficcenter_client.models import (
    Dossieraanvraag,
    Notificatie,
    NotificatieUitkomst,
    OpvraagStatus,
    Opvraging,
)

from . import bronnen, toets
from .kalender import Kalender, begin_schooljaar, kalender_voor, voor_vo
from .models import ActieStatus, NieuweVersieActie

KLAAR, OPEN, NVT, LET_OP = "klaar", "open", "nvt", "let_op"


@dataclass(frozen=True)
class Stap:
    status: str
    tekst: str
    te_laat: bool = False  # a date of the calendar has passed

    @property
    def css(self) -> str:
        return f"stap-{self.status}" + (" te-laat" if self.te_laat else "")


# the board's columns: key, heading (the manual's words)
KOLOMMEN = [
    ("voorlopig_advies", _("Voorlopig advies")),
    ("aanmelding_toets", _("Aangemeld doorstroomtoets")),
    ("toetsuitslag", _("Uitslag doorstroomtoets")),
    ("definitief_advies", _("Definitief advies")),
    ("heroverweging", _("Heroverweging")),
    ("verzameld", _("Dossier verzameld")),
    ("inzage", _("Inzage verzorgers")),
    ("klaargezet", _("Klaargezet voor")),
    ("opgehaald", _("Opgehaald")),
    ("nieuwe_versie", _("Nieuwe versie na toetsuitslag")),
]

# states of "nieuwe versie na toetsuitslag"
NV_NVT, NV_NODIG, NV_INZAGE = "nvt", "nodig", "inzage_nodig"
NV_KLAARGEZET, NV_GENOTIFICEERD, NV_OPGEHAALD = "klaargezet", "genotificeerd", "opgehaald"


@dataclass(frozen=True)
class KlaarzettingInfo:
    pk: int
    voor_brin: str
    voor_naam: str
    klaargezet_op: datetime.datetime
    versie_verzameld_op: datetime.datetime
    binnen_brin: bool


@dataclass
class Rij:
    leerling: Leerling
    stappen: dict[str, Stap]
    nieuwe_versie: str = NV_NVT
    klaarzetting_id: int | None = None
    kan_afwijken: bool = False  # klaarzetten only with a reason: the region's date is ahead

    @property
    def cellen(self) -> list[Stap]:
        return [self.stappen[k] for k, _kop in KOLOMMEN]

    @property
    def cellen_html(self) -> str:
        """The row's stage cells, built here: 2,000 template nodes for 200 pupils are slow."""
        return mark_safe(  # noqa: S308 - every value is escaped right here
            "".join(f'<td class="{escape(c.css)}">{escape(c.tekst)}</td>' for c in self.cellen)
        )


@dataclass
class Context:
    """Everything loaded up front for one board."""

    kalender: Kalender
    vandaag: datetime.date
    klaarzettingen: dict[int, list[KlaarzettingInfo]] = field(default_factory=dict)
    opgehaald: dict[int, list[tuple[str, datetime.datetime]]] = field(default_factory=dict)
    genotificeerd: set[int] = field(default_factory=set)  # klaarzetting ids
    aanmeldingen: dict[int, dict] | None = None
    inzage_nodig: set[int] = field(default_factory=set)  # per the school's last bulk action

    def verstreken(self, veld: str) -> bool:
        return self.kalender.verstreken(veld, self.vandaag)


def _d(d) -> str:
    if isinstance(d, datetime.datetime):
        d = timezone.localtime(d).date()
    return d.strftime("%d-%m-%Y") if d else ""


@functools.cache
def _labels(choices, taal: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in choices.choices}


def _label(choices, code: str) -> str:
    """A code's label; ``get_FOO_display`` hashes lazy choices on every call (slow for 200)."""
    return _labels(choices, get_language() or "").get(str(code), str(code)) if code else ""


def _een_op_een(leerling: Leerling, naam: str):
    try:
        return getattr(leerling, naam)
    except Exception:  # RelatedObjectDoesNotExist
        return None


# --- one function per stage -------------------------------------------------------------------


def stap_voorlopig_advies(ll: Leerling, ctx: Context) -> Stap:
    a = _een_op_een(ll, "overstapadvies")
    if a and a.voorlopig_advies:
        tekst = _label(AdviesVO, a.voorlopig_advies)
        if a.voorlopig_advies_datum:
            tekst += f" ({_d(a.voorlopig_advies_datum)})"
        if ctx.aanmeldingen is not None:
            verzonden = (ctx.aanmeldingen.get(ll.pk) or {}).get("advies_verzonden_op")
            tekst += (
                _("; naar de toetsaanbieder %(d)s") % {"d": _d(verzonden)}
                if verzonden
                else _("; nog niet naar de toetsaanbieder")
            )
        return Stap(KLAAR, tekst)
    return Stap(OPEN, _("Ontbreekt"), ctx.verstreken("voorlopig_advies_uiterlijk"))


def stap_aanmelding_toets(ll: Leerling, ctx: Context) -> Stap:
    if ctx.aanmeldingen is None:
        return Stap(NVT, _("Geen koppeling met de toetsaanbieder"))
    aangemeld = (ctx.aanmeldingen.get(ll.pk) or {}).get("aangemeld_op")
    if aangemeld:
        return Stap(KLAAR, _("Aangemeld %(d)s") % {"d": _d(aangemeld)})
    return Stap(OPEN, _("Niet aangemeld"), ctx.verstreken("doorstroomtoets_vanaf"))


def stap_toetsuitslag(ll: Leerling, ctx: Context) -> Stap:
    e = _een_op_een(ll, "eindtoets")
    if e is not None and not e.deelgenomen:
        return Stap(NVT, _("Niet deelgenomen"))
    if toets.heeft_uitslag(e):
        delen = [_label(Eindtoetssoort, e.toetssoort) or _("Doorstroomtoets")]
        if e.toets_advies:
            delen.append(_("toetsadvies %(a)s") % {"a": e.toets_advies[:60]})
        if e.datum_afname:
            delen.append(_d(e.datum_afname))
        return Stap(KLAAR, ", ".join(delen))
    return Stap(OPEN, _("Nog geen uitslag"), ctx.verstreken("toetsuitslag_op"))


def stap_definitief_advies(ll: Leerling, ctx: Context) -> Stap:
    a = _een_op_een(ll, "overstapadvies")
    if a and a.advies:
        tekst = _label(AdviesVO, a.advies)
        if a.advies_datum:
            tekst += f" ({_d(a.advies_datum)})"
        return Stap(KLAAR, tekst)
    return Stap(OPEN, _("Ontbreekt"), ctx.verstreken("definitief_advies_uiterlijk"))


def heroverweging_nodig(ll: Leerling) -> bool | None:
    """True: the toets advises higher than the definitief advies; None: cannot tell."""
    a, e = _een_op_een(ll, "overstapadvies"), _een_op_een(ll, "eindtoets")
    if not (a and a.advies and toets.heeft_uitslag(e) and e.toets_advies):
        return False
    return toets.toets_adviseert_hoger(a.advies, e.toets_advies)


def stap_heroverweging(ll: Leerling, ctx: Context) -> Stap:
    a = _een_op_een(ll, "overstapadvies")
    if a and a.heroverweging == Heroverweging.VERHOOGD:
        return Stap(
            KLAAR,
            _("Verhoogd naar %(a)s (%(d)s)")
            % {"a": _label(AdviesVO, a.herzien_advies), "d": _d(a.heroverweging_datum)},
        )
    if a and a.heroverweging == Heroverweging.NIET_VERHOOGD:
        return Stap(KLAAR, _("Niet verhoogd, met reden (%(d)s)") % {"d": _d(a.heroverweging_datum)})
    nodig = heroverweging_nodig(ll)
    if nodig is None:
        return Stap(LET_OP, _("Toetsadvies niet te vergelijken: beoordeel zelf"))
    if nodig:
        return Stap(
            OPEN,
            _("Nodig: toetsadvies is hoger, nog geen uitkomst"),
            ctx.verstreken("definitief_advies_uiterlijk"),
        )
    return Stap(NVT, _("Niet nodig"))


def stap_verzameld(ll: Leerling, ctx: Context) -> Stap:
    d = _een_op_een(ll, "overstapdossier")
    if d and d.huidige_versie_id:
        v = d.huidige_versie
        return Stap(
            KLAAR,
            _("Versie %(n)s, %(d)s (%(p)s)")
            % {"n": v.nummer, "d": _d(v.verzameld_op), "p": PROFIELEN[Profiel(v.profiel)].label},
        )
    return Stap(OPEN, _("Niet verzameld"))


def stap_inzage(ll: Leerling, ctx: Context) -> Stap:
    d = _een_op_een(ll, "overstapdossier")
    if d is None or not d.huidige_versie_id:
        return Stap(OPEN, _("Eerst verzamelen"), ctx.verstreken("inzage_voor"))
    if d.binnen_brin or PROFIELEN[Profiel(d.profiel)].binnen_brin:
        return Stap(NVT, _("N.v.t. (binnen brin)"))
    if not d.inzage_geldig:
        tekst = _("Nodig voor versie %(n)s") % {"n": d.huidige_versie.nummer}
        return Stap(OPEN, tekst, ctx.verstreken("inzage_voor"))
    if d.inzage == InzageKeuze.NEE:
        return Stap(OPEN, _("Nog geen inzage geweest"), ctx.verstreken("inzage_voor"))
    tekst = _label(InzageKeuze, d.inzage)
    if d.inzage_datum:
        tekst += f" ({_d(d.inzage_datum)})"
    return Stap(KLAAR, tekst)


def _huidige(ll: Leerling, ctx: Context) -> KlaarzettingInfo | None:
    d = _een_op_een(ll, "overstapdossier")
    if d is None or d.status != Status.KLAARGEZET or not d.klaarzetting_id:
        return None
    return next((k for k in ctx.klaarzettingen.get(d.pk, []) if k.pk == d.klaarzetting_id), None)


def stap_klaargezet(ll: Leerling, ctx: Context) -> Stap:
    k = _huidige(ll, ctx)
    if k is not None:
        return Stap(
            KLAAR, f"({k.voor_brin}) {k.voor_naam}, {_d(k.klaargezet_op)}".replace(" ,", ",")
        )
    return Stap(OPEN, _("Niet klaargezet"), ctx.verstreken("klaarzetten_voor"))


def _opgehaald_na(ll: Leerling, ctx: Context, brin: str, na: datetime.datetime):
    momenten = [t for b, t in ctx.opgehaald.get(ll.pk, []) if b == brin and t >= na]
    return max(momenten) if momenten else None


def stap_opgehaald(ll: Leerling, ctx: Context) -> Stap:
    d = _een_op_een(ll, "overstapdossier")
    alle = ctx.klaarzettingen.get(d.pk, []) if d else []
    if not alle:
        return Stap(NVT, "-")
    laatste = None
    for brin, tijdstip in ctx.opgehaald.get(ll.pk, []):
        if any(k.voor_brin == brin for k in alle) and (laatste is None or tijdstip > laatste[1]):
            laatste = (brin, tijdstip)
    if laatste:
        return Stap(
            KLAAR,
            _("Door (%(b)s) op %(d)s") % {"b": laatste[0], "d": _d(laatste[1])},
        )
    return Stap(OPEN, _("Nog niet opgehaald"))


def nieuwe_versie_status(ll: Leerling, ctx: Context) -> str:
    """Whether a version with the toets result must still go out, and how far it got."""
    uitslag = _een_op_een(ll, "seizoen_toetsuitslag")
    d = _een_op_een(ll, "overstapdossier")
    if uitslag is None or d is None or not toets.heeft_uitslag(_een_op_een(ll, "eindtoets")):
        return NV_NVT
    naar_vo = [k for k in ctx.klaarzettingen.get(d.pk, []) if not k.binnen_brin]
    if not any(k.versie_verzameld_op < uitslag.gewijzigd_op for k in naar_vo):
        return NV_NVT  # never klaargezet without the result
    huidige = _huidige(ll, ctx)
    if huidige is not None and huidige.versie_verzameld_op >= uitslag.gewijzigd_op:
        if _opgehaald_na(ll, ctx, huidige.voor_brin, huidige.klaargezet_op):
            return NV_OPGEHAALD
        if huidige.pk in ctx.genotificeerd:
            return NV_GENOTIFICEERD
        return NV_KLAARGEZET
    if (
        d.huidige_versie_id
        and d.huidige_versie.verzameld_op >= uitslag.gewijzigd_op
        and not d.inzage_geldig
    ) or ll.pk in ctx.inzage_nodig:
        return NV_INZAGE
    return NV_NODIG


NV_TEKST = {
    NV_NVT: (NVT, _("Niet nodig")),
    NV_NODIG: (OPEN, _("Nodig: klaargezette versie is ouder dan de toetsuitslag")),
    NV_INZAGE: (OPEN, _("Nodig: de verzorgers krijgen eerst opnieuw inzage")),
    NV_KLAARGEZET: (LET_OP, _("Klaargezet, school nog niet genotificeerd")),
    NV_GENOTIFICEERD: (KLAAR, _("Klaargezet en notificatie verstuurd")),
    NV_OPGEHAALD: (KLAAR, _("Nieuwe versie opgehaald")),
}


def stap_nieuwe_versie(ll: Leerling, ctx: Context, status: str) -> Stap:
    soort, tekst = NV_TEKST[status]
    return Stap(soort, tekst, status == NV_NODIG and ctx.verstreken("klaarzetten_voor"))


def rij_voor(ll: Leerling, ctx: Context) -> Rij:
    nv = nieuwe_versie_status(ll, ctx)
    stappen = {
        "voorlopig_advies": stap_voorlopig_advies(ll, ctx),
        "aanmelding_toets": stap_aanmelding_toets(ll, ctx),
        "toetsuitslag": stap_toetsuitslag(ll, ctx),
        "definitief_advies": stap_definitief_advies(ll, ctx),
        "heroverweging": stap_heroverweging(ll, ctx),
        "verzameld": stap_verzameld(ll, ctx),
        "inzage": stap_inzage(ll, ctx),
        "klaargezet": stap_klaargezet(ll, ctx),
        "opgehaald": stap_opgehaald(ll, ctx),
        "nieuwe_versie": stap_nieuwe_versie(ll, ctx, nv),
    }
    huidige = _huidige(ll, ctx)
    d = _een_op_een(ll, "overstapdossier")
    vanaf = ctx.kalender.regionaal.klaarzetten_vanaf if ctx.kalender.regionaal else None
    kan_afwijken = bool(
        vanaf and ctx.vandaag < vanaf and d and d.status == Status.VERZAMELD and voor_vo(d)
    )
    return Rij(ll, stappen, nv, huidige.pk if huidige else None, kan_afwijken)


# --- loading ----------------------------------------------------------------------------------


# what the board reads, and nothing more (a Leerling row alone has some forty columns); a field
# missing here would cost a query per pupil, which the constant-query test catches
GROEP8_VELDEN = (
    "school_id",
    "groep",
    "jaargroep",
    "roepnaam",
    "voornamen",
    "voorvoegsel",
    "achternaam",
    "vervolgschool_naam",
    "datum_uitschrijving",
    "overstapadvies",
    "eindtoets__leerling_id",
    "eindtoets__deelgenomen",
    "eindtoets__toetssoort",
    "eindtoets__datum_afname",
    "eindtoets__standaardscore",
    "eindtoets__toets_advies",
    "seizoen_toetsuitslag",
    "overstapdossier__leerling_id",
    "overstapdossier__status",
    "overstapdossier__binnen_brin",
    "overstapdossier__inzage",
    "overstapdossier__inzage_datum",
    "overstapdossier__inzage_versie_id",
    "overstapdossier__klaarzetting_id",
    "overstapdossier__huidige_versie__nummer",
    "overstapdossier__huidige_versie__profiel",
    "overstapdossier__huidige_versie__verzameld_op",
)


def groep8(school, schooljaar: str):
    """The school's pupils of groep 8 this school year (also those already uitgeschreven to
    their VO school at the end of it)."""
    return (
        Leerling.objects.filter(school=school, jaargroep="8")
        .filter(
            Q(datum_uitschrijving__isnull=True)
            | Q(datum_uitschrijving__gte=begin_schooljaar(schooljaar))
        )
        .select_related(
            "overstapadvies",
            "eindtoets",
            "seizoen_toetsuitslag",
            "overstapdossier__huidige_versie",
        )
        .only(*GROEP8_VELDEN)
        .order_by("groep", "achternaam", "roepnaam", "pk")
    )


def context_voor(school, leerling_ids: list[int], schooljaar: str | None = None) -> Context:
    kalender = kalender_voor(school.pk, schooljaar)
    ctx = Context(kalender=kalender, vandaag=timezone.localdate())
    for k in (
        Klaarzetting.objects.filter(dossier__leerling_id__in=leerling_ids)
        .values(
            "pk",
            "dossier_id",
            "voor_brin",
            "voor_naam",
            "klaargezet_op",
            "versie__verzameld_op",
            "versie__profiel",
        )
        .order_by("klaargezet_op", "pk")
    ):
        ctx.klaarzettingen.setdefault(k["dossier_id"], []).append(
            KlaarzettingInfo(
                k["pk"],
                k["voor_brin"],
                k["voor_naam"],
                k["klaargezet_op"],
                k["versie__verzameld_op"],
                PROFIELEN[Profiel(k["versie__profiel"])].binnen_brin,
            )
        )
    opgehaald = defaultdict(list)
    for leerling_id, brin, tijdstip in Dossieraanvraag.objects.filter(
        leerling_id__in=leerling_ids, resultaat=Resultaatcode.OVERDRACHT_GESLAAGD.value
    ).values_list("leerling_id", "aanvrager_brin", "tijdstip"):
        opgehaald[leerling_id].append((brin, tijdstip))
    ctx.opgehaald = dict(opgehaald)
    from trafficcenter_client.models import VerstuurdeNotificatie

    ctx.genotificeerd = set(
        VerstuurdeNotificatie.objects.filter(
            leerling_id__in=leerling_ids, uitkomst=NotificatieUitkomst.VERSTUURD
        ).values_list("klaarzetting_id", flat=True)
    )
    ctx.aanmeldingen = bronnen.doorstroomtoets_aanmeldingen(leerling_ids)
    laatste = (
        NieuweVersieActie.objects.filter(school=school, status=ActieStatus.KLAAR)
        .values_list("uitkomsten", flat=True)
        .first()
    )
    ctx.inzage_nodig = {
        int(i) for i, u in (laatste or {}).items() if u.get("uitkomst") == "inzage_nodig"
    }
    return ctx


FILTERS = {
    "": _("Alle leerlingen"),
    "voorlopig_advies": _("Voorlopig advies ontbreekt"),
    "toetsuitslag": _("Nog geen toetsuitslag"),
    "definitief_advies": _("Definitief advies ontbreekt"),
    "heroverweging": _("Heroverweging zonder uitkomst"),
    "inzage": _("Inzage nodig"),
    "klaargezet": _("Niet klaargezet"),
    "nieuwe_versie": _("Nieuwe versie na toetsuitslag nodig"),
    "te_laat": _("Datum verstreken (rood)"),
}


@dataclass
class Bord:
    rijen: list[Rij]
    alle: int
    tellingen: dict[str, int]  # column -> pupils for whom the stage is done
    open: dict[str, int]  # column -> pupils for whom it is still open
    kalender: Kalender
    nieuwe_versie_nodig: list[Rij]


def _past(rij: Rij, filter_: str) -> bool:
    if not filter_:
        return True
    if filter_ == "te_laat":
        return any(s.te_laat for s in rij.stappen.values())
    if filter_ == "nieuwe_versie":
        return rij.nieuwe_versie in (NV_NODIG, NV_INZAGE)
    return rij.stappen[filter_].status == OPEN


def po_bord(school, *, filter_: str = "", groep: str = "", zoek: str = "") -> Bord:
    leerlingen = list(groep8(school, kalender_voor(school.pk).schooljaar))
    ctx = context_voor(school, [ll.pk for ll in leerlingen])
    rijen = [rij_voor(ll, ctx) for ll in leerlingen]
    tellingen = {k: sum(r.stappen[k].status == KLAAR for r in rijen) for k, _kop in KOLOMMEN}
    open_ = {k: sum(r.stappen[k].status == OPEN for r in rijen) for k, _kop in KOLOMMEN}
    nodig = [r for r in rijen if r.nieuwe_versie == NV_NODIG]
    zoek = zoek.strip().lower()
    zichtbaar = [
        r
        for r in rijen
        if _past(r, filter_)
        and (not groep or r.leerling.groep == groep)
        and (not zoek or zoek in r.leerling.volledige_naam.lower())
    ]
    return Bord(zichtbaar, len(rijen), tellingen, open_, ctx.kalender, nodig)


# --- VO board ---------------------------------------------------------------------------------


@dataclass
class VoRij:
    leerling: Leerling
    beschikbaar: Stap
    ontvangen: Stap
    geimporteerd: Stap
    nieuwere_versie: Stap
    opvraging_id: int | None = None
    kan_importeren: bool = False


def aangemeld_vo(school, schooljaar: str):
    """Pupils aangemeld at the VO school for the coming school year: enrolled from its start
    (1 August) on, or enrolled without a date yet, in leerjaar 1."""
    volgend_begin = datetime.date(int(schooljaar[:4]) + 1, 8, 1)
    return (
        Leerling.objects.filter(school=school)
        .filter(
            Q(datum_inschrijving__gte=volgend_begin)
            | Q(datum_inschrijving__isnull=True, jaargroep__in=["", "11"])
        )
        .defer("pgn")
        .order_by("achternaam", "roepnaam", "pk")
    )


def vo_bord(school) -> list[VoRij]:
    schooljaar = kalender_voor(school.pk).schooljaar
    leerlingen = list(aangemeld_vo(school, schooljaar))
    ids = [ll.pk for ll in leerlingen]
    notificaties = defaultdict(list)
    for n in Notificatie.objects.filter(school=school, leerling_id__in=ids).values(
        "leerling_id", "ontvangen_op", "dossier_verzameldatum", "bron_brin"
    ):
        notificaties[n["leerling_id"]].append(n)
    opvragingen = defaultdict(list)
    for o in (
        Opvraging.objects.filter(school=school, leerling_id__in=ids)
        .values("pk", "leerling_id", "status", "tijdstip", "geimporteerd_op", "verzameldatum")
        .order_by("tijdstip", "pk")
    ):
        opvragingen[o["leerling_id"]].append(o)
    rijen = []
    for ll in leerlingen:
        ns = notificaties.get(ll.pk, [])
        ontvangen = [o for o in opvragingen.get(ll.pk, []) if o["status"] == OpvraagStatus.KLAAR]
        laatste = ontvangen[-1] if ontvangen else None
        if ns:
            n = max(ns, key=lambda x: x["ontvangen_op"])
            beschikbaar = Stap(
                KLAAR,
                _("Notificatie van (%(b)s), %(d)s")
                % {"b": n["bron_brin"], "d": _d(n["ontvangen_op"])},
            )
        elif laatste:
            beschikbaar = Stap(KLAAR, _("Ja, opgevraagd bij (%(b)s)") % {"b": ll.herkomst_brin})
        elif ll.herkomst_brin:
            beschikbaar = Stap(
                LET_OP, _("Geen notificatie; opvragen bij (%(b)s)") % {"b": ll.herkomst_brin}
            )
        else:
            beschikbaar = Stap(OPEN, _("School van herkomst onbekend"))
        if laatste:
            ontvangen_stap = Stap(KLAAR, _("Ontvangen %(d)s") % {"d": _d(laatste["tijdstip"])})
        else:
            ontvangen_stap = Stap(OPEN, _("Nog niet ontvangen"))
        if laatste and laatste["geimporteerd_op"]:
            import_stap = Stap(
                KLAAR, _("Geïmporteerd %(d)s") % {"d": _d(laatste["geimporteerd_op"])}
            )
        elif laatste:
            import_stap = Stap(OPEN, _("Nog niet geïmporteerd"))
        else:
            import_stap = Stap(NVT, "-")
        nieuwer = [n for n in ns if laatste is None or n["ontvangen_op"] > laatste["tijdstip"]]
        if laatste and nieuwer:
            nieuw_stap = Stap(OPEN, _("Ja: nieuwere versie klaargezet, vraag opnieuw op"))
        elif laatste:
            nieuw_stap = Stap(KLAAR, _("Nee, u heeft de laatste versie"))
        else:
            nieuw_stap = Stap(NVT, "-")
        rijen.append(
            VoRij(
                ll,
                beschikbaar,
                ontvangen_stap,
                import_stap,
                nieuw_stap,
                laatste["pk"] if laatste else None,
                bool(laatste and not laatste["geimporteerd_op"]),
            )
        )
    return rijen
