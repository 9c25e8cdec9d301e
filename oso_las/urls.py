from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="leerlingen:lijst", permanent=False), name="home"),
    path("", include("accounts.urls")),
    path("", include("dossiers.urls")),
    path("", include("zorgvraag.urls")),  # before leerlingen/<pk>/<tab>/
    path("leerlingen/", include("leerlingen.urls")),
    path("beheer/", admin.site.urls),
    path("oso/overstapseizoen/", include("seizoen.urls")),
    path("oso/", include("trafficcenter_client.urls")),
    path("", include("exploitatie.urls")),  # /gezond/ and /metrics
    path("api/v1/", include("koppelingen.api.urls")),
    path("", include("koppelingen.urls")),
    path("doorstroomtoets/", include("doorstroomtoets.urls")),
]
if not settings.PRODUCTION:  # the reference world is a tool beside the product
    urlpatterns += [
        path("tc/", include("trafficcenter.urls")),
        path("swv/", include("referentie_swv.urls")),
        path("referentie-toets/", include("referentie_toets.urls")),
    ]
