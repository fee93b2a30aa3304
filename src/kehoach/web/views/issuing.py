"""Issuing a plan: the outgoing register, tasks per unit, report obligations."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
