from django.apps import AppConfig


class SeizoenConfig(AppConfig):
    name = "seizoen"
    verbose_name = "Overstapseizoen PO-VO"

    def ready(self):
        from . import signals  # noqa: F401
