from django.apps import AppConfig


class ReferentieToetsConfig(AppConfig):
    name = "referentie_toets"
    verbose_name = "Referentie-toetssysteem (doorstroomtoets)"
