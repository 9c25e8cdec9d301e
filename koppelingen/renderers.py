"""Renderers for documents the API serves as they are (the dossier XML, its PDF). A problem
document on such a path is JSON (the response's content type says problem+json)."""

from __future__ import annotations

import json

from rest_framework.renderers import BaseRenderer


class _Bytes(BaseRenderer):
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes | bytearray | memoryview):
            return bytes(data)
        return json.dumps(data, ensure_ascii=False).encode()


class XmlRenderer(_Bytes):
    media_type = "application/xml"
    format = "xml"


class PdfRenderer(_Bytes):
    media_type = "application/pdf"
    format = "pdf"
