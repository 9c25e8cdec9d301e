"""Under ``/api/``: the full version in an ``API-Version`` header on every response, and
problem details also for what never reaches a DRF view (an unknown path, a crash)."""

from __future__ import annotations

import logging

from django.conf import settings

from .problemen import MEDIA_TYPE, probleem_response

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        if response.status_code in (404, 405, 500) and not response.get(
            "Content-Type", ""
        ).startswith((MEDIA_TYPE, "application/json")):
            response = probleem_response(response.status_code, request)
        response["API-Version"] = settings.SPECTACULAR_SETTINGS["VERSION"]
        return response

    def process_exception(self, request, exception):
        if not request.path.startswith(API_PREFIX):
            return None
        logger.exception("API-fout op %s", request.path)
        response = probleem_response(500, request)
        response["API-Version"] = settings.SPECTACULAR_SETTINGS["VERSION"]
        return response
