"""``gebeurtenissen`` (the pull feed) and ``webhooks`` (subscriptions of the calling client)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.reverse import reverse

from accounts.roles import Recht
from audit import events

from .. import webhooks
from ..models import Gebeurtenis, Soort, Webhook
from ..problemen import ApiProbleem
from ..scopes import DOSSIERS_LEZEN, WEBHOOKS_BEHEREN
from .basis import ApiBasis
from .schema import PROBLEMEN

FEED_MAX = 100


class GebeurtenisSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Cursor: geef dit id mee als ?na= voor het vervolg.")
    gebeurtenis = serializers.ChoiceField(source="soort", choices=Soort.choices)
    school = serializers.CharField(source="school.brincode")
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    url = serializers.SerializerMethodField()
    tijdstip = serializers.DateTimeField()

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(f"/api/v1/{obj.pad}")


class FeedSerializer(serializers.Serializer):
    results = GebeurtenisSerializer(many=True)
    next = serializers.URLField(help_text="Het vervolg van de feed (ook als er nu niets is).")


class GebeurtenisViewSet(ApiBasis, viewsets.GenericViewSet):
    serializer_class = GebeurtenisSerializer
    queryset = Gebeurtenis.objects.none()
    scope = DOSSIERS_LEZEN
    pagination_class = None

    @extend_schema(
        summary="Gebeurtenissen (pull feed)",
        description="Dezelfde gebeurtenissen als de webhooks, voor clients die geen callbacks "
        "kunnen ontvangen; alleen van de scholen van het mandaat. Geef het laatste id mee als "
        "`na`.",
        parameters=[
            OpenApiParameter("na", int, description="Cursor: het laatst ontvangen id."),
            OpenApiParameter("page_size", int, description="Maximaal 100."),
        ],
        responses={200: FeedSerializer, **PROBLEMEN},
    )
    def feed(self, request):
        try:
            na = int(request.query_params.get("na", 0))
            aantal = min(int(request.query_params.get("page_size", FEED_MAX)), FEED_MAX)
        except ValueError:
            raise ApiProbleem(
                "na en page_size zijn gehele getallen.", code="ongeldige_invoer", status_code=400
            ) from None
        if na < 0 or aantal < 1:
            raise ApiProbleem(
                "na en page_size mogen niet negatief zijn.",
                code="ongeldige_invoer",
                status_code=400,
            )
        rijen = list(
            Gebeurtenis.objects.for_user(request.user, Recht.BEKIJKEN)
            .filter(pk__gt=na)
            .select_related("school")
            .order_by("pk")[:aantal]
        )
        cursor = rijen[-1].pk if rijen else na
        events.api_aanroep(request=request, wat="gebeurtenissen", details={"na": na})
        volgende = reverse("api-v1:gebeurtenis-lijst", request=request) + f"?na={cursor}"
        return Response({"results": self.get_serializer(rijen, many=True).data, "next": volgende})


class WebhookSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    url = serializers.URLField(max_length=500, help_text="De callback-URL (https).")
    gebeurtenissen = serializers.ListField(
        source="soorten", child=serializers.ChoiceField(choices=Soort.choices), min_length=1
    )
    actief = serializers.BooleanField(read_only=True)
    gepauzeerd_op = serializers.DateTimeField(read_only=True, allow_null=True)
    aangemaakt_op = serializers.DateTimeField(read_only=True)


class NieuweWebhookSerializer(WebhookSerializer):
    secret = serializers.CharField(
        read_only=True, help_text="Alleen nu zichtbaar: hiermee controleert u de handtekening."
    )


class WebhookViewSet(ApiBasis, viewsets.GenericViewSet):
    serializer_class = WebhookSerializer
    scope = WEBHOOKS_BEHEREN

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Webhook.objects.none()
        return Webhook.objects.filter(client=self.request.user.oso_api_client, actief=True)

    @extend_schema(
        summary="Webhooks van deze client",
        responses={200: WebhookSerializer(many=True), **PROBLEMEN},
    )
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset().order_by("aangemaakt_op"))
        events.api_aanroep(request=request, wat="webhooks")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Webhook aanmelden",
        description="Leveringen zijn dun (gebeurtenis, id, school, URL om op te halen) en "
        "ondertekend: X-OSO-Handtekening = 'sha256=' + HMAC-SHA256(secret, "
        "X-OSO-Tijdstempel + '.' + body).",
        request=WebhookSerializer,
        responses={201: NieuweWebhookSerializer, **PROBLEMEN},
    )
    def create(self, request):
        invoer = WebhookSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            webhook = webhooks.aanmelden(
                client=request.user.oso_api_client,
                url=invoer.validated_data["url"],
                soorten=invoer.validated_data["soorten"],
            )
        except webhooks.WebhookFout as fout:
            raise ApiProbleem(str(fout), code="ongeldige_callback_url", status_code=400) from None
        events.api_aanroep(request=request, wat="webhook aanmelden", obj=webhook)
        return Response(NieuweWebhookSerializer(webhook).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Webhook afmelden", responses={204: None, **PROBLEMEN})
    def destroy(self, request, pk):
        try:
            webhook = self.get_queryset().get(pk=pk)
        except (Webhook.DoesNotExist, ValueError):
            raise Http404 from None
        webhooks.afmelden(webhook=webhook)
        events.api_aanroep(request=request, wat="webhook afmelden", obj=webhook)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PingSerializer(serializers.Serializer):
    status = serializers.CharField()


class PingView(ApiBasis, viewsets.ViewSet):
    """A trivial endpoint: no authentication, no database; the benchmark's baseline."""

    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes: list = []

    @extend_schema(summary="Bereikbaarheid", auth=[], responses={200: PingSerializer})
    def ping(self, request):
        return Response({"status": "ok"})
