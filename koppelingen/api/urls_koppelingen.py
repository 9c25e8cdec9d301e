from django.urls import path

from .viewsets import GebeurtenisViewSet, WebhookViewSet

urlpatterns = [
    path("gebeurtenissen", GebeurtenisViewSet.as_view({"get": "feed"}), name="gebeurtenis-lijst"),
    path(
        "webhooks",
        WebhookViewSet.as_view({"get": "list", "post": "create"}),
        name="webhook-lijst",
    ),
    path(
        "webhooks/<uuid:pk>", WebhookViewSet.as_view({"delete": "destroy"}), name="webhook-detail"
    ),
]
