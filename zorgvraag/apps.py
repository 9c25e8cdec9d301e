from django.apps import AppConfig


class ZorgvraagConfig(AppConfig):
    name = "zorgvraag"
    verbose_name = "Zorgvragen (OSO)"
