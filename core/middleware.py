class NoStoreMiddleware:
    """Pages with pupil data must not be kept in browser or proxy caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response.headers.setdefault("Cache-Control", "no-store, private")
        return response


class MaxVerzoekGrootteMiddleware:
    """Refuse a form post larger than ``OSO_MAX_VERZOEK_BYTES`` before its body is read (a
    200 MB upload is not written to disk first). Only forms: SOAP endpoints bound their own
    bodies. The page names the limits."""

    FORMULIEREN = ("multipart/form-data", "application/x-www-form-urlencoded")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.http import HttpResponse
        from django.template.loader import render_to_string

        soort = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if soort in self.FORMULIEREN:
            try:
                lengte = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                lengte = 0
            limiet = int(settings.OSO_MAX_VERZOEK_BYTES)
            if lengte > limiet:
                html = render_to_string(
                    "te_groot.html",
                    {
                        "grootte_mb": round(lengte / 1_048_576, 1),
                        "bestand_mb": settings.OSO_MAX_DOCUMENT_SIZE // 1_048_576,
                        "verzoek_mb": limiet // 1_048_576,
                    },
                )
                antwoord = HttpResponse(html, status=413)
                antwoord["Connection"] = "close"
                return antwoord
        return self.get_response(request)
