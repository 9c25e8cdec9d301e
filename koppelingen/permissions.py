"""Scope checks: a view names the scope per action (``scopes = {"list": LEZEN, ...}`` or one
``scope``); a token without it gets 403. Which schools and objects are reachable is tenancy's
job (``for_user``), never this class's."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from .scopes import SCOPES


def scope_van(view, request) -> str | None:
    per_actie = getattr(view, "scopes", None)
    if per_actie:
        actie = getattr(view, "action", None) or request.method.lower()
        return per_actie.get(actie) or per_actie.get("*")
    return getattr(view, "scope", None)


class HeeftScope(BasePermission):
    message = "Dit token heeft niet de scope voor deze aanroep."
    code = "scope_ontbreekt"

    def has_permission(self, request, view) -> bool:
        user = request.user
        client = getattr(user, "oso_api_client", None)
        if client is None or request.auth is None:
            return False
        nodig = scope_van(view, request)
        if nodig is None or nodig not in SCOPES:
            return False  # every API view must name its scope
        return nodig in set(request.auth.scope.split())
