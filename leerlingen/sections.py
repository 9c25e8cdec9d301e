"""The pupil card: its tabs and the data sections on each tab, declared once.

The generic section views (add, change, delete, and the one-to-one blocks) read this registry,
so every section gets the same tenancy, rights, validation and audit without per-view code.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import Recht

from . import models as m


@dataclass(frozen=True)
class Inline:
    model: type[models.Model]
    fk_name: str
    fields: tuple[str, ...]
    titel: str
    extra: int = 2


@dataclass(frozen=True)
class Section:
    slug: str
    model: type[models.Model]
    tab: str
    recht: str
    titel: str
    fields: tuple[str, ...]
    columns: tuple[str, ...] = ()
    one_to_one: bool = False
    inline: Inline | None = None
    info: str = ""
    # the sectors of school where the block applies (VVE only in PO, VO-MBO only in VO)
    sectoren: tuple[str, ...] = ("PO", "VO")

    @property
    def related_name(self) -> str:
        return self.model._meta.get_field("leerling").remote_field.related_name


TABS: list[tuple[str, str, str]] = [
    # slug, label, the right needed to edit the pupil's own fields on this tab
    ("personalia", _("Personalia"), Recht.PERSONALIA_BEWERKEN),
    ("onderwijs", _("Onderwijs"), Recht.ONDERWIJS_BEWERKEN),
    ("toetsen", _("Toetsen"), Recht.TOETSEN_BEWERKEN),
    ("begeleiding", _("Begeleiding"), Recht.BEGELEIDING_BEWERKEN),
    ("map", _("Map"), Recht.MAP_BEWERKEN),
]
TAB_SLUGS = [slug for slug, _label, _recht in TABS]

ADRES = ("straat", "huisnummer", "toevoeging", "postcode", "plaats", "gemeente")

SECTIONS: list[Section] = [
    Section(
        slug="communicatie",
        model=m.LeerlingCommunicatie,
        tab="personalia",
        recht=Recht.PERSONALIA_BEWERKEN,
        titel=_("Telefoon en e-mail"),
        fields=("soort", "aanduiding", "nummer", "geheim"),
        columns=("soort", "aanduiding", "nummer", "geheim"),
    ),
    Section(
        slug="verzorgers",
        model=m.Verzorger,
        tab="personalia",
        recht=Recht.PERSONALIA_BEWERKEN,
        titel=_("Ouders/verzorgers"),
        fields=(
            "voorletters",
            "voornamen",
            "voorvoegsel",
            "achternaam",
            "geslacht",
            "relatie_tot_kind",
            "wettig_vertegenwoordiger",
            "aansprakelijk",
            "contactpersoon",
            *ADRES,
            "adresgeheim",
            "telefoon",
            "telefoon_geheim",
            "email",
            "email_geheim",
            "overleden",
            "overlijdensdatum",
        ),
        columns=(
            "__str__",
            "relatie_tot_kind",
            "wettig_vertegenwoordiger",
            "telefoon",
            "email",
        ),
    ),
    Section(
        slug="schoolloopbaan",
        model=m.Schoolloopbaan,
        tab="onderwijs",
        recht=Recht.ONDERWIJS_BEWERKEN,
        titel=_("Schoolloopbaan"),
        fields=(
            "schooljaar",
            "groepscode",
            "groepsnaam",
            "jaargroep",
            "begindatum",
            "einddatum",
            "brincode",
            "vestigingscode",
            "schoolsoort",
        ),
        columns=("schooljaar", "groepscode", "jaargroep", "brincode", "begindatum", "einddatum"),
    ),
    Section(
        slug="overstapadvies",
        model=m.Overstapadvies,
        tab="onderwijs",
        recht=Recht.ONDERWIJS_BEWERKEN,
        titel=_("Overstapadvies"),
        fields=(
            "voorlopig_advies",
            "voorlopig_advies_datum",
            "advies",
            "advies_datum",
            "heroverweging",
            "heroverweging_datum",
            "herzien_advies",
            "motivatie_herzien_advies",
            "heroverweging_toelichting",
            "wens_ouders",
            "wens_leerling",
            "profiel",
            "argumentatie",
        ),
        one_to_one=True,
    ),
    Section(
        slug="vve",
        model=m.VVE,
        tab="onderwijs",
        recht=Recht.ONDERWIJS_BEWERKEN,
        titel=_("VVE (voor- en vroegschoolse educatie)"),
        sectoren=("PO",),
        fields=(
            "van_peuterspeelzaal",
            "naam_peuterspeelzaal",
            "voorschools_programma",
            "voorschoolse_maanden",
            "vroegschools_programma",
            "vroegschools_datum_ingang",
            "vroegschools_einddatum",
        ),
        one_to_one=True,
    ),
    Section(
        slug="vombo",
        model=m.VoMboGegevens,
        tab="onderwijs",
        recht=Recht.ONDERWIJS_BEWERKEN,
        titel=_("VO-MBO"),
        sectoren=("VO",),
        fields=(
            "bevorderd_elementcode",
            "bevorderd_leerjaar",
            "soort_diploma",
            "examenjaar",
            "datum_uitslag",
            "examenuitslag",
            "keuze_vervolgopleiding",
            "beroepskeuzetest",
            "portfolio",
            "pop",
            "motivatiebrief",
            "lobdossier",
        ),
        one_to_one=True,
    ),
    Section(
        slug="vakresultaten",
        model=m.VakResultaat,
        tab="onderwijs",
        recht=Recht.ONDERWIJS_BEWERKEN,
        titel=_("Resultaten VO-vakken"),
        sectoren=("VO",),
        fields=(
            "vakcode",
            "vak",
            "afgerond",
            "datum_afgerond",
            "examenvak",
            "cijfer_se",
            "cijfer_ce",
            "eindcijfer",
            "rapportcijfer",
        ),
        columns=("vak", "examenvak", "cijfer_se", "cijfer_ce", "eindcijfer", "afgerond"),
    ),
    Section(
        slug="eindtoets",
        model=m.Eindtoets,
        tab="toetsen",
        recht=Recht.TOETSEN_BEWERKEN,
        titel=_("Eindtoets basisonderwijs"),
        fields=(
            "deelgenomen",
            "toetssoort",
            "toetsomschrijving",
            "datum_afname",
            "wettelijke_ontheffing",
            "standaardscore",
            "toets_advies",
        ),
        one_to_one=True,
        inline=Inline(
            m.EindtoetsOnderdeelResultaat,
            "eindtoets",
            ("onderdeel", "referentieniveau"),
            _("Referentieniveaus"),
        ),
    ),
    Section(
        slug="toetsen",
        model=m.Toets,
        tab="toetsen",
        recht=Recht.TOETSEN_BEWERKEN,
        titel=_("Niet-methodetoetsen"),
        fields=(
            "afnamedatum",
            "leergebied",
            "toetsnaam",
            "toetsversie",
            "onderdeel",
            "eldtoetscode",
            "jaargroep",
            "didactische_leeftijd",
            "ruwe_score",
            "vaardigheidsscore",
            "opmerking",
        ),
        columns=(
            "afnamedatum",
            "leergebied",
            "toetsnaam",
            "toetsversie",
            "onderdeel",
            "ruwe_score",
            "vaardigheidsscore",
            "referentiescores",
        ),
        inline=Inline(
            m.ToetsReferentiescore,
            "toets",
            ("code", "vergelijkingsgroep", "waarde"),
            _("Referentiescores"),
            extra=3,
        ),
    ),
    Section(
        slug="cijferlijsten",
        model=m.Cijferlijst,
        tab="toetsen",
        recht=Recht.TOETSEN_BEWERKEN,
        titel=_("Cijferlijsten"),
        fields=("naam", "jaargroep", "periode", "afnamedatum", "totaalscore"),
        columns=("naam", "jaargroep", "periode", "afnamedatum", "totaalscore", "onderdelen"),
        inline=Inline(
            m.CijferlijstOnderdeel,
            "cijferlijst",
            ("naam", "waarde", "kwalificatie"),
            _("Vakken"),
            extra=4,
        ),
    ),
    Section(
        slug="onderwijsondersteuning",
        model=m.Onderwijsondersteuning,
        tab="begeleiding",
        recht=Recht.BEGELEIDING_BEWERKEN,
        titel=_("Onderwijsondersteuning"),
        fields=(
            "medicijngebruik",
            "opp_ingangsdatum",
            "opp_einddatum",
            "lwoo_ingangsdatum",
            "lwoo_swv_nummer",
            "lwoo_beschikkingsnummer",
            "lwoo_einddatum",
            "toelichting_onderwijsbehoeften",
        ),
        one_to_one=True,
    ),
    Section(
        slug="diagnoses",
        model=m.Diagnose,
        tab="begeleiding",
        recht=Recht.BEGELEIDING_BEWERKEN,
        titel=_("Diagnoses"),
        fields=("code", "naam", "datum", "door_wie", "instantie"),
        columns=("code", "naam", "datum", "door_wie", "instantie"),
    ),
    Section(
        slug="tlvs",
        model=m.TLV,
        tab="begeleiding",
        recht=Recht.BEGELEIDING_BEWERKEN,
        titel=_("Toelaatbaarheidsverklaringen (TLV)"),
        fields=("ingangsdatum", "einddatum", "swv_nummer", "categorie", "beschikkingsnummer"),
        columns=("ingangsdatum", "einddatum", "swv_nummer", "categorie", "beschikkingsnummer"),
    ),
    Section(
        slug="arrangementen",
        model=m.Arrangement,
        tab="begeleiding",
        recht=Recht.BEGELEIDING_BEWERKEN,
        titel=_("Arrangementen"),
        fields=("datum", "einddatum", "kenmerk", "beschikkingsnummer"),
        columns=("datum", "einddatum", "kenmerk", "beschikkingsnummer"),
    ),
    Section(
        slug="handelingsplannen",
        model=m.Handelingsplan,
        tab="begeleiding",
        recht=Recht.BEGELEIDING_BEWERKEN,
        titel=_("Handelingsplannen"),
        fields=(
            "startdatum",
            "einddatum",
            "categorie",
            "is_gericht_op",
            "status",
            "toelichting",
            "document",
        ),
        columns=("startdatum", "einddatum", "categorie", "is_gericht_op", "status", "document"),
    ),
    Section(
        slug="verzuim",
        model=m.Verzuim,
        tab="begeleiding",
        recht=Recht.BEGELEIDING_BEWERKEN,
        titel=_("Verzuim"),
        fields=(
            "datum",
            "soort",
            "dagdelen",
            "uren",
            "omschrijving",
            "contact_leerplicht",
            "rmc_melding",
        ),
        columns=("datum", "soort", "dagdelen", "uren", "omschrijving"),
    ),
]

SECTIONS_BY_SLUG: dict[str, Section] = {s.slug: s for s in SECTIONS}


def sections_for_tab(tab: str, sector: str | None = None) -> list[Section]:
    return [s for s in SECTIONS if s.tab == tab and (sector is None or sector in s.sectoren)]
