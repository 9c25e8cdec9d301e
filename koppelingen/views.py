"""Beheer > API-koppelingen: a beheerder registers an API client for their schools, sees its
secret once, rotates or revokes it, and sees its webhooks and their deliveries. Thin: writes
go through ``services`` and ``webhooks``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from . import services, webhooks
from .forms import ClientForm
from .models import Aflevering, Webhook
from .scopes import SCOPES


def _beheerbaar(request) -> list[int]:
    ids = services.beheerbare_school_ids(request.user)
    if not ids:
        raise PermissionDenied
    return ids


def _client(request, client_id: int):
    _beheerbaar(request)
    return get_object_or_404(services.clients_voor(request.user), pk=client_id)


@login_required
def lijst(request):
    _beheerbaar(request)
    return render(
        request,
        "koppelingen/lijst.html",
        {"clients": services.clients_voor(request.user).order_by("-actief", "naam")},
    )


def _secret_tonen(request, client, secret, titel):
    return render(
        request,
        "koppelingen/secret.html",
        {"client": client, "secret": secret, "titel": titel},
    )


@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request):
    ids = _beheerbaar(request)
    form = ClientForm(request.POST or None, school_ids=ids)
    if request.method == "POST" and form.is_valid():
        try:
            client, secret = services.client_registreren(
                naam=form.cleaned_data["naam"],
                scopes=form.cleaned_data["scopes"],
                school_ids=[s.pk for s in form.cleaned_data["scholen"]],
                user=request.user,
                request=request,
            )
        except services.KoppelingFout as fout:
            form.add_error(None, str(fout))
        else:
            return _secret_tonen(request, client, secret, _("API-client geregistreerd"))
    return render(
        request, "koppelingen/nieuw.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def detail(request, client_id: int):
    client = _client(request, client_id)
    hooks = list(client.webhooks.filter(actief=True))
    afleveringen = (
        Aflevering.objects.filter(webhook__client=client)
        .select_related("webhook", "gebeurtenis")
        .order_by("-pk")[:50]
    )
    return render(
        request,
        "koppelingen/detail.html",
        {
            "client": client,
            "scopes": [(s, SCOPES.get(s, s)) for s in client.scopes],
            "mandaten": client.mandaten.select_related("school").order_by("school__naam"),
            "webhooks": hooks,
            "afleveringen": afleveringen,
        },
    )


@login_required
@require_POST
def vernieuwen(request, client_id: int):
    client = _client(request, client_id)
    try:
        secret = services.secret_vernieuwen(client=client, request=request)
    except services.KoppelingFout as fout:
        messages.error(request, str(fout))
        return redirect("koppelingen:detail", client_id=client.pk)
    return _secret_tonen(request, client, secret, _("Nieuw secret"))


@login_required
@require_POST
def intrekken(request, client_id: int):
    client = _client(request, client_id)
    services.client_intrekken(client=client, request=request)
    messages.success(request, _("De API-client is ingetrokken; zijn tokens werken niet meer."))
    return redirect("koppelingen:detail", client_id=client.pk)


@login_required
@require_POST
def hervatten(request, client_id: int, webhook_id):
    client = _client(request, client_id)
    webhook = get_object_or_404(Webhook, pk=webhook_id, client=client)
    aantal = webhooks.hervatten(webhook=webhook)
    messages.success(
        request,
        ngettext(
            "De webhook is hervat; %(n)d levering wordt opnieuw verstuurd.",
            "De webhook is hervat; %(n)d leveringen worden opnieuw verstuurd.",
            aantal,
        )
        % {"n": aantal},
    )
    return redirect("koppelingen:detail", client_id=client.pk)
