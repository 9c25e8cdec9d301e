"""Bearer tokens of API clients (OAuth2 client credentials): the request's user is the
client's technical user, marked so that ``accounts.tenancy`` reads its mandates and scopes."""

from __future__ import annotations

from oauth2_provider.contrib.rest_framework import OAuth2Authentication

from accounts.tenancy import API_ATTR


class ApiClientAuthentication(OAuth2Authentication):
    www_authenticate_realm = "oso-api"

    def authenticate(self, request):
        resultaat = super().authenticate(request)
        if resultaat is None:
            return None
        _user, token = resultaat
        client = getattr(token.application, "api_client", None)
        if client is None or not client.actief:
            request.oauth2_error = {"error": "invalid_token"}
            return None
        user = client.user
        setattr(user, API_ATTR, (client.pk, frozenset(token.scope.split())))
        user.oso_api_client = client
        return user, token
