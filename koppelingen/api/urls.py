"""/api/v1/: the token endpoint, every app's ``api/urls.py``, the OpenAPI document and the
browsable reference (Swagger UI and Redoc from drf-spectacular-sidecar: no CDN)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from oauth2_provider.views import TokenView

app_name = "api-v1"

urlpatterns = [
    path("token/", TokenView.as_view(), name="token"),
    path("", include("dossiers.api.urls")),
    path("", include("trafficcenter_client.api.urls")),
    path("", include("zorgvraag.api.urls")),
    path("", include("koppelingen.api.urls_koppelingen")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-v1:schema"), name="docs"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(
            url_name="api-v1:schema", template_name="koppelingen/redoc.html"
        ),
        name="redoc",
    ),
]
