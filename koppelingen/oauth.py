"""django-oauth-toolkit hooks: which scopes a client may ask for (its registered ones), and
that a revoked client gets no token."""

from __future__ import annotations

from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.scopes import BaseScopes

from .scopes import SCOPES


def _client_scopes(application) -> list[str]:
    client = getattr(application, "api_client", None) if application is not None else None
    if client is None or not client.actief:
        return []
    return [s for s in client.scopes if s in SCOPES]


class ClientScopes(BaseScopes):
    def get_all_scopes(self):
        return {k: str(v) for k, v in SCOPES.items()}

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        return _client_scopes(application)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return _client_scopes(application)


class Validator(OAuth2Validator):
    def authenticate_client(self, request, *args, **kwargs):
        if not super().authenticate_client(request, *args, **kwargs):
            return False
        client = getattr(request.client, "api_client", None)
        return client is not None and client.actief
