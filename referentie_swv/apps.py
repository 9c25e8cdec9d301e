from django.apps import AppConfig


class ReferentieSwvConfig(AppConfig):
    name = "referentie_swv"
    verbose_name = "Referentie-SWV-systeem"
