"""The demo world's API client (``demo_data``): a second LAS with a known demo secret, like the
demo logins' shared password. Only for the demo world; idempotent."""

from __future__ import annotations

from oauth2_provider.models import get_application_model

from scholen.models import School

from .scopes import SCOPES

DEMO_CLIENT_ID = "demo-las"
DEMO_SECRET = "oso-demo-api-2026"
DEMO_NAAM = "Demo-LAS (tweede leerlingadministratie)"
DEMO_SCHOLEN = ("14SS", "16UU")


def demo_client():
    from .models import ApiClient
    from .services import client_registreren

    bestaand = ApiClient.objects.filter(applicatie__client_id=DEMO_CLIENT_ID).first()
    if (
        bestaand is not None
        or get_application_model().objects.filter(client_id=DEMO_CLIENT_ID).exists()
    ):
        return bestaand
    school_ids = list(School.objects.filter(brincode__in=DEMO_SCHOLEN).values_list("pk", flat=True))
    if not school_ids:
        return None
    client, _secret = client_registreren(
        naam=DEMO_NAAM,
        scopes=sorted(SCOPES),
        school_ids=school_ids,
        user=None,
        client_id=DEMO_CLIENT_ID,
        secret=DEMO_SECRET,
    )
    return client


def demo_regels(basis: str = "http://127.0.0.1:8000") -> list[str]:
    from .models import ApiClient

    client = ApiClient.objects.filter(applicatie__client_id=DEMO_CLIENT_ID).first()
    if client is None:
        return []
    scholen = ", ".join(m.school.brincode for m in client.mandaten.select_related("school"))
    return [
        f"API-client voor de demo ({client.naam}, scholen {scholen}, alle scopes):",
        f"  client-id {DEMO_CLIENT_ID}  secret {DEMO_SECRET}",
        f"  token:  curl -u {DEMO_CLIENT_ID}:{DEMO_SECRET} -d grant_type=client_credentials "
        f"{basis}/api/v1/token/",
        f"  naslag: {basis}/api/v1/docs/",
        "",
    ]
