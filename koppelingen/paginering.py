"""Paging of every API list: ``page`` and ``page_size`` (at most 100), with ``count``, a
``next`` and a ``previous`` link."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class Paginering(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100
