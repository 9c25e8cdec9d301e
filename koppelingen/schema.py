"""OpenAPI: the client-credentials scheme, with the scope each operation needs."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from .scopes import SCOPES


class ApiClientAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "koppelingen.authentication.ApiClientAuthentication"
    name = "oauth2"

    def get_security_requirement(self, auto_schema):
        view = auto_schema.view
        per_actie = getattr(view, "scopes", None)
        scope = None
        if per_actie:
            scope = per_actie.get(getattr(view, "action", None))
        scope = scope or getattr(view, "scope", None)
        return {self.name: [scope] if scope else []}

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "description": "OAuth2 client credentials; een beheerder registreert de client.",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "/api/v1/token/",
                    "scopes": {k: str(v) for k, v in SCOPES.items()},
                }
            },
        }


# Examples of path parameters, for readers of the document and for the fuzzing test's explicit
# phase (the demo and test worlds have De Regenboog, 14SS, and a first dossier and version).
VOORBEELDEN = {"brin": "14SS", "dossier_id": 1, "nummer": 1, "leerling_id": 1}


def voorbeelden(result, generator, request, public):
    for methoden in result.get("paths", {}).values():
        for operatie in methoden.values():
            for parameter in operatie.get("parameters", []):
                if parameter.get("in") == "path" and parameter["name"] in VOORBEELDEN:
                    parameter["example"] = VOORBEELDEN[parameter["name"]]
    return result
