"""/api/v1/: the token endpoint, every app's ``api/urls.py``, the OpenAPI document and the
browsable reference (Swagger UI and Redoc from drf-spectacular-sidecar: no CDN)."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from oauth2_provider.views import TokenView

app_name = "api-v1"

_inline_stijl = csp_update({"style-src": ["'unsafe-inline'"]})
# Redoc also runs its search in a worker made from a blob: URL (its own script, not fetched).
# Its footer logo lives on a CDN and stays blocked: no request leaves for a third party.
_redoc_beleid = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]})

urlpatterns = [
    path("token/", TokenView.as_view(), name="token"),
    path("", include("dossiers.api.urls")),
    path("", include("trafficcenter_client.api.urls")),
    path("", include("zorgvraag.api.urls")),
    path("", include("koppelingen.api.urls_koppelingen")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    # The reference pages draw with inline styles (Swagger UI, Redoc): for these two pages only
    # the Content-Security-Policy allows inline style; scripts stay 'self' (the split view serves
    # Swagger UI's start script as a file instead of inline).
    path(
        "docs/",
        _inline_stijl(SpectacularSwaggerSplitView.as_view(url_name="api-v1:schema")),
        name="docs",
    ),
    path(
        "redoc/",
        _redoc_beleid(
            SpectacularRedocView.as_view(
                url_name="api-v1:schema", template_name="koppelingen/redoc.html"
            )
        ),
        name="redoc",
    ),
]
