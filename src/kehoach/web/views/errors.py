"""Error pages in the site's layout: 404 (also what another unit's objects look like)
and 500 (a plain page that needs no database or context)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "kehoach/404.html", status=404)


def handler500(request: HttpRequest) -> HttpResponse:
    # No request context: whatever broke (the database, a context processor) must not
    # break the error page too.
    return HttpResponseServerError(loader.get_template("kehoach/500.html").render())
