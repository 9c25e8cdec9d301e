from django.urls import path

from .viewsets import DossieraanvraagViewSet

urlpatterns = [
    path(
        "scholen/<str:brin>/dossieraanvragen",
        DossieraanvraagViewSet.as_view({"get": "list"}),
        name="dossieraanvraag-lijst",
    ),
]
