"""What every API view shares: client authentication, scope permission, rate limit, paging,
problem details. Per-app ``api/`` packages build on this."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from rest_framework.generics import GenericAPIView

from accounts.roles import Recht
from accounts.tenancy import rechten_per_school
from scholen.models import School

from ..authentication import ApiClientAuthentication
from ..paginering import Paginering
from ..permissions import HeeftScope
from ..problemen import exception_handler
from ..throttling import PerClient


class ApiBasis:
    authentication_classes = [ApiClientAuthentication]
    permission_classes = [HeeftScope]
    throttle_classes = [PerClient]
    pagination_class = Paginering

    def get_exception_handler(self):
        return exception_handler


class ApiView(ApiBasis, GenericAPIView):
    pass


def mandaat_school(request, brin: str, recht: str = Recht.BEKIJKEN) -> School:
    """The school of ``brin`` when the client acts for it (tenancy); else 404."""
    toegestaan = [sid for sid, r in rechten_per_school(request.user).items() if recht in r]
    return get_object_or_404(School, brincode=brin.upper(), pk__in=toegestaan)
