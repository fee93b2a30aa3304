"""The calendar of phases, deadlines, report periods and commemorative days."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
