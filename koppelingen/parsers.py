"""The body of an import: raw XML bytes, read up to the configured maximum (one byte more
tells it is too large, so an oversized body is never read whole)."""

from __future__ import annotations

from rest_framework.parsers import BaseParser

from dossiers.xmlsafe import max_bytes

from .problemen import ApiProbleem


class XmlBytesParser(BaseParser):
    media_type = "application/xml"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        limiet = max_bytes()
        request = (parser_context or {}).get("request")
        lengte = request.META.get("CONTENT_LENGTH") if request is not None else None
        if lengte and lengte.isdigit() and int(lengte) > limiet:
            raise _te_groot(limiet)
        data = stream.read(limiet + 1) if stream is not None else b""
        if len(data) > limiet:
            raise _te_groot(limiet)
        return data


class TextXmlParser(XmlBytesParser):
    media_type = "text/xml"


def _te_groot(limiet: int) -> ApiProbleem:
    return ApiProbleem(
        f"Het dossier is te groot; de grens is {limiet / 1_048_576:.0f} MB.",
        code="dossier_te_groot",
        status_code=413,
    )
