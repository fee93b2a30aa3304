"""A unit's inbox: its tasks and report obligations by due date."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
