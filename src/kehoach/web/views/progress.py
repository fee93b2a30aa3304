"""The department's view of an issued plan: matrix, totals, charts, Excel."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
