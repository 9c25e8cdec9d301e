from django.urls import path

from .viewsets import GebeurtenisViewSet, PingView, WebhookViewSet

urlpatterns = [
    path("ping", PingView.as_view({"get": "ping"}), name="ping"),
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
