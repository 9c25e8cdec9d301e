"""Stored codes that are not in the standard's code lists move onto the standard's code, so that
nothing entered is lost and every dossier passes the official validation.

Before this migration the app offered ``PR`` for a percentile (codelijst 11 has
``Percentiel``) and stored the TLV bekostigingscategorie as free text (``laag``; codelijst 31
has ``L``, ``M``, ``H``, ``Nvt``). Codes that differ from a standard code only in case or
surrounding spaces move as well. A value with no counterpart in the standard (e.g. an
examenuitslag ``teruggetrokken``) is left as it is, not guessed: collecting a dossier with it is
refused with a message naming the field and the code list (rule OS.codelijstNN), and the pupil
card asks for one of the standard's values when the block is edited.

The tables are frozen here (a migration does not follow later changes of the code lists).
"""

from django.db import migrations

REFERENTIESCORE = (
    "AE CAE IV CIV FN ON DLE Percentiel Percentage T-score Stanine DQ IQ ERK C-score Norm RNTRM "
    "ZML LGH AVI NAZ LM Standaardscore LA"
).split()
VERGELIJKINGSGROEP = ["BB+", "BB", "KB", "GT", "HAVO", "VWO", "Landelijk"]
TLV = ["H", "M", "L", "Nvt"]
DIAGNOSE = (
    "F79.VB F79.ZB HB F80 F81.0 F81.1 F81.2 F81.9 F82 F84 F84.0 F84.2 F84.5 F84.nld F84.mcdd F90 "
    "F90.0 F90.0+ F90.0- F91 F91.3 F95 F95.2 F41.0 F43.1 F43.2 F50 F92.0 F93.1 F94 Fspd G40 "
    "H54.0 H54.2 H91.9.d H91.9.s Z62"
).split()
EXAMENUITSLAG = ["geslaagd", "afgewezen", "herexamen"]

# what the app stored that the standard spells otherwise
ALIAS = {
    "referentiescore": {"PR": "Percentiel", "PERCENTIEL": "Percentiel", "T": "T-score"},
    "tlv": {
        "LAAG": "L",
        "MIDDEN": "M",
        "MIDDELHOOG": "M",
        "HOOG": "H",
        "NVT": "Nvt",
        "N.V.T.": "Nvt",
        "NIET VAN TOEPASSING": "Nvt",
    },
    "examenuitslag": {"GEZAKT": "afgewezen"},
}


def _standaard(waarde, codes, alias=None):
    """The standard's code for a stored value, or None when there is none."""
    if waarde in codes:
        return waarde
    sleutel = (waarde or "").strip().upper()
    if alias and sleutel in alias:
        return alias[sleutel]
    for code in codes:
        if code.upper() == sleutel:
            return code
    return None


def _zet_om(model, veld, codes, alias=None):
    for waarde in model.objects.exclude(**{f"{veld}__in": codes}).values_list(veld, flat=True):
        if not waarde:
            continue
        nieuw = _standaard(waarde, codes, alias)
        if nieuw is not None and nieuw != waarde:
            model.objects.filter(**{veld: waarde}).update(**{veld: nieuw})


def naar_standaard(apps, schema_editor):
    _zet_om(
        apps.get_model("leerlingen", "ToetsReferentiescore"),
        "code",
        REFERENTIESCORE,
        ALIAS["referentiescore"],
    )
    _zet_om(
        apps.get_model("leerlingen", "ToetsReferentiescore"), "vergelijkingsgroep", VERGELIJKINGSGROEP
    )
    _zet_om(apps.get_model("leerlingen", "TLV"), "categorie", TLV, ALIAS["tlv"])
    _zet_om(apps.get_model("leerlingen", "Diagnose"), "code", DIAGNOSE)
    _zet_om(
        apps.get_model("leerlingen", "VoMboGegevens"),
        "examenuitslag",
        EXAMENUITSLAG,
        ALIAS["examenuitslag"],
    )


class Migration(migrations.Migration):
    dependencies = [("leerlingen", "0002_i9b_codelijsten")]

    operations = [migrations.RunPython(naar_standaard, migrations.RunPython.noop)]
