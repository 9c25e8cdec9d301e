from django.apps import AppConfig


class LeerlingenConfig(AppConfig):
    name = "leerlingen"
    verbose_name = "Leerlingen"
