from django.urls import path

from .viewsets import ZorgvraagViewSet

urlpatterns = [
    path(
        "scholen/<str:brin>/zorgvragen",
        ZorgvraagViewSet.as_view({"get": "list"}),
        name="zorgvraag-lijst",
    ),
    path(
        "leerlingen/<int:leerling_id>/zorgvragen",
        ZorgvraagViewSet.as_view({"post": "create"}),
        name="zorgvraag-aanmaken",
    ),
    path(
        "zorgvragen/<int:zorgvraag_id>",
        ZorgvraagViewSet.as_view({"get": "retrieve", "delete": "destroy"}),
        name="zorgvraag-detail",
    ),
    path(
        "zorgvragen/<int:zorgvraag_id>/versturen",
        ZorgvraagViewSet.as_view({"post": "versturen"}),
        name="zorgvraag-versturen",
    ),
    path(
        "zorgvragen/<int:zorgvraag_id>/gebeurtenissen",
        ZorgvraagViewSet.as_view({"get": "gebeurtenissen"}),
        name="zorgvraag-gebeurtenissen",
    ),
]
