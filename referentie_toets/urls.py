from django.urls import path

from . import views

app_name = "referentie_toets"

urlpatterns = [
    path("v1.1/registreren", views.registreren, name="registreren"),
    path(
        "v1.1/registreren-schooladviezen",
        views.registreren_schooladviezen,
        name="registreren_schooladviezen",
    ),
    path("v1.1/leerlingrapport/<str:rapportid>", views.leerlingrapport, name="leerlingrapport"),
]
