from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("leerlingen/<int:pk>/overstapdossier/", views.klaarzetten_pagina, name="klaarzetten"),
    path(
        "leerlingen/<int:pk>/overstapdossier/verzamelen/<slug:profiel>/",
        views.blokken,
        name="blokken",
    ),
    path(
        "leerlingen/<int:pk>/overstapdossier/klaarzetten/",
        views.klaarzetten,
        name="klaarzetten_actie",
    ),
    path("leerlingen/<int:pk>/overstapdossier/intrekken/", views.intrekken, name="intrekken"),
    path("leerlingen/<int:pk>/overstapdossier/pdf/", views.pdf, name="pdf"),
    path(
        "leerlingen/<int:pk>/overstapdossier/pdf/klaargezet/<int:klaarzetting_id>/",
        views.klaarzetting_pdf,
        name="klaarzetting_pdf",
    ),
    path("leerlingen/<int:pk>/overstapdossier/mutatielog/", views.mutatielog, name="mutatielog"),
    path("oso/overstapdossiers/", views.overzicht, name="overzicht"),
    path("oso/overstapdossiers/bulk/<uuid:bulk_id>/", views.bulk, name="bulk"),
]
