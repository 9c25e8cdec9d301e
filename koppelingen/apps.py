from django.apps import AppConfig


class KoppelingenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "koppelingen"
    verbose_name = "API-koppelingen"

    def ready(self):
        from . import schema, signals  # noqa: F401
