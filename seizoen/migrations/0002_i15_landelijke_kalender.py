"""The national dates of the PO->VO season for 2025-2026 and 2026-2027 (the beheerder can
change them in the admin): voorlopig advies in January, doorstroomtoets in February, results
by 15 March, definitief advies by 24 March, aanmeldweek around 25-31 March, admission decided
by about 12 May."""

import datetime

from django.db import migrations


def jaar(begin: int) -> dict:
    j = begin + 1
    d = datetime.date
    return {
        "schooljaar": f"{begin}-{j}",
        "voorlopig_advies_vanaf": d(j, 1, 10),
        "voorlopig_advies_uiterlijk": d(j, 1, 31),
        "doorstroomtoets_vanaf": d(j, 2, 2),
        "doorstroomtoets_tot": d(j, 2, 13),
        "toetsuitslag_op": d(j, 3, 15),
        "definitief_advies_uiterlijk": d(j, 3, 24),
        "aanmeldweek_vanaf": d(j, 3, 25),
        "aanmeldweek_tot": d(j, 3, 31),
        "plaatsing_uiterlijk": d(j, 5, 12),
    }


def vul(apps, schema_editor):
    LandelijkeKalender = apps.get_model("seizoen", "LandelijkeKalender")
    for begin in (2025, 2026):
        waarden = jaar(begin)
        LandelijkeKalender.objects.get_or_create(schooljaar=waarden.pop("schooljaar"), defaults=waarden)


class Migration(migrations.Migration):
    dependencies = [("seizoen", "0001_i15_initial")]

    operations = [migrations.RunPython(vul, migrations.RunPython.noop)]
