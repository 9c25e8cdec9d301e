"""Recompute every stored summary from its version's XML by the description of the gegevensset,
so that "what changed since version N" compares summaries with the same labels."""

from django.db import migrations


def herbereken(apps, schema_editor):
    from dossiers.samenvatting import samenvatting_uit_xml

    DossierVersie = apps.get_model("dossiers", "DossierVersie")
    for versie in DossierVersie.objects.only("pk", "xml").iterator(chunk_size=200):
        if not versie.xml:
            continue
        nieuw = samenvatting_uit_xml(bytes(versie.xml))
        DossierVersie.objects.filter(pk=versie.pk).update(samenvatting=nieuw)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0006_dossierimport_versleuteld"),
    ]

    operations = [
        migrations.RunPython(herbereken, migrations.RunPython.noop),
    ]
