from django.urls import path

from .viewsets import DossierViewSet, VersieViewSet, VerzamelopdrachtViewSet

urlpatterns = [
    path(
        "leerlingen/<int:leerling_id>/overstapdossier",
        DossierViewSet.as_view({"get": "van_leerling"}),
        name="dossier-van-leerling",
    ),
    path(
        "scholen/<str:brin>/dossiers",
        DossierViewSet.as_view({"get": "list"}),
        name="dossier-lijst",
    ),
    path(
        "dossiers/<int:dossier_id>",
        DossierViewSet.as_view({"get": "retrieve"}),
        name="dossier-detail",
    ),
    path(
        "dossiers/<int:dossier_id>/verzamelen",
        DossierViewSet.as_view({"post": "verzamelen"}),
        name="dossier-verzamelen",
    ),
    path(
        "dossiers/<int:dossier_id>/klaarzetten",
        DossierViewSet.as_view({"post": "klaarzetten"}),
        name="dossier-klaarzetten",
    ),
    path(
        "dossiers/<int:dossier_id>/intrekken",
        DossierViewSet.as_view({"post": "intrekken"}),
        name="dossier-intrekken",
    ),
    path(
        "dossiers/<int:dossier_id>/versies",
        VersieViewSet.as_view({"get": "list"}),
        name="versie-lijst",
    ),
    path(
        "dossiers/<int:dossier_id>/versies/<int:nummer>",
        VersieViewSet.as_view({"get": "retrieve"}),
        name="versie-detail",
    ),
    path(
        "dossiers/<int:dossier_id>/versies/<int:nummer>/xml",
        VersieViewSet.as_view({"get": "xml"}),
        name="versie-xml",
    ),
    path(
        "dossiers/<int:dossier_id>/versies/<int:nummer>/pdf",
        VersieViewSet.as_view({"get": "pdf"}),
        name="versie-pdf",
    ),
    path(
        "verzamelopdrachten/<uuid:pk>",
        VerzamelopdrachtViewSet.as_view({"get": "retrieve"}),
        name="verzamelopdracht-detail",
    ),
]

from .imports import ImportViewSet, LeerlingZoekenViewSet  # noqa: E402

urlpatterns += [
    path(
        "scholen/<str:brin>/imports",
        ImportViewSet.as_view({"post": "create"}),
        name="import-lijst",
    ),
    path("imports/<uuid:pk>", ImportViewSet.as_view({"get": "retrieve"}), name="import-detail"),
    path(
        "scholen/<str:brin>/leerlingen/zoeken",
        LeerlingZoekenViewSet.as_view({"post": "create"}),
        name="leerling-zoeken",
    ),
]
