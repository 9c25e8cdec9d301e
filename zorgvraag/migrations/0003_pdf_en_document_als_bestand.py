"""Issue 12: the zorgvraag's PDF and a terugkoppeling's document move out of their encrypted
blob columns into files in the encrypting default storage (``core.storage``: the disk, or the
shared S3 bucket), under random names as in the leerlingmap.

Forwards, the bytes of every row are written through the storage (encrypted there) and the file
name is set on the row; the blob columns are then dropped and the new fields take their names.
A failure while copying deletes the files this run already wrote. Backwards, the files are read
back into the blob columns and deleted once the migration has committed.
"""

from django.core.files.base import ContentFile
from django.db import migrations, models, transaction

import zorgvraag.models

BATCH = 50  # PDFs of some hundred kB each: a batch stays a few MB

# (model, the old blob column, the new file field)
VELDEN = [
    ("Zorgvraag", "pdf", "pdf_bestand"),
    ("Terugkoppeling", "document", "document_bestand"),
]


def naar_bestanden(apps, schema_editor):
    geschreven = []
    try:
        for model_naam, blob, bestand in VELDEN:
            model = apps.get_model("zorgvraag", model_naam)
            veld = model._meta.get_field(bestand)
            rijen = model.objects.filter(**{f"{blob}__isnull": False}).only("pk", blob)
            for rij in rijen.iterator(chunk_size=BATCH):
                data = bytes(getattr(rij, blob))  # the historical field decrypts it
                if not data:
                    continue
                naam = veld.storage.save(
                    veld.generate_filename(rij, f"{blob}.pdf"), ContentFile(data)
                )
                geschreven.append((veld.storage, naam))
                model.objects.filter(pk=rij.pk).update(**{bestand: naam})
    except BaseException:
        for opslag, naam in geschreven:
            opslag.delete(naam)
        raise


def naar_database(apps, schema_editor):
    te_wissen = []
    for model_naam, blob, bestand in VELDEN:
        model = apps.get_model("zorgvraag", model_naam)
        veld = model._meta.get_field(bestand)
        rijen = model.objects.exclude(**{bestand: ""}).only("pk", bestand)
        for rij in rijen.iterator(chunk_size=BATCH):
            naam = getattr(rij, bestand).name
            if not veld.storage.exists(naam):
                continue  # nothing to bring back; the column stays empty
            with veld.storage.open(naam, "rb") as f:
                data = f.read()
            model.objects.filter(pk=rij.pk).update(**{blob: data})  # encrypted by the field
            te_wissen.append((veld.storage, naam))

    def wis():
        for opslag, naam in te_wissen:
            opslag.delete(naam)

    # the files go only when the columns hold their bytes for good
    transaction.on_commit(wis, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("zorgvraag", "0002_i11_versleuteld"),
    ]

    operations = [
        migrations.AddField(
            model_name="zorgvraag",
            name="pdf_bestand",
            field=models.FileField(
                blank=True, upload_to=zorgvraag.models.pdf_pad, verbose_name="PDF"
            ),
        ),
        migrations.AddField(
            model_name="terugkoppeling",
            name="document_bestand",
            field=models.FileField(
                blank=True, upload_to=zorgvraag.models.terugkoppeling_pad, verbose_name="document"
            ),
        ),
        migrations.RunPython(naar_bestanden, naar_database),
        migrations.RemoveField(model_name="zorgvraag", name="pdf"),
        migrations.RemoveField(model_name="terugkoppeling", name="document"),
        migrations.RenameField(model_name="zorgvraag", old_name="pdf_bestand", new_name="pdf"),
        migrations.RenameField(
            model_name="terugkoppeling", old_name="document_bestand", new_name="document"
        ),
    ]
