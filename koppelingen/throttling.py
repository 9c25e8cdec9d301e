"""Rate limits per API client (``OSO_API_RATE``, e.g. ``600/min``): over it, 429 with
``Retry-After``."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class PerClient(SimpleRateThrottle):
    scope = "api_client"

    def get_rate(self):
        return settings.OSO_API_RATE

    def get_cache_key(self, request, view):
        client = getattr(request.user, "oso_api_client", None)
        # the OAuth2 client id: unique per registration (a database id may be reused)
        ident = (
            f"client-{client.applicatie.client_id}"
            if client is not None
            else self.get_ident(request)
        )
        return self.cache_format % {"scope": self.scope, "ident": ident}
