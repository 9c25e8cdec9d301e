from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Medewerkers en rollen"

    def ready(self):
        from . import signals  # noqa: F401
