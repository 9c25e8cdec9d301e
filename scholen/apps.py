from django.apps import AppConfig


class ScholenConfig(AppConfig):
    name = "scholen"
    verbose_name = "Scholen en aanleverpunten"
