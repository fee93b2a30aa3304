"""In-app notifications: each person's own, newest first, with "mark all read"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from ..models import Notification

PAGE_SIZE = 50


@login_required
@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    notices = Notification.objects.filter(user=request.user).order_by("-created_at", "-id")
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    for notice in page.object_list:
        # The first line is the headline; a digest's further lines fold under it.
        headline, _, rest = notice.text.partition("\n")
        notice.headline = headline  # type: ignore[attr-defined]
        notice.rest = rest.strip("\n")  # type: ignore[attr-defined]
    unread = notices.filter(read_at__isnull=True).count()
    return render(request, "kehoach/notices/list.html", {"page": page, "unread": unread})


@login_required
@require_POST
def notice_read_all(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("kehoach:notices")


@login_required
@require_GET
def notice_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to its page, marking it read on the way."""
    notice = Notification.objects.filter(pk=pk, user=request.user).first()
    if notice is None:
        raise Http404
    if notice.read_at is None:
        Notification.objects.filter(pk=notice.pk).update(read_at=timezone.now())
    target = notice.url
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("kehoach:notices")
    return HttpResponseRedirect(target)


urlpatterns: list[URLPattern] = [
    path("thong-bao/", notice_list, name="notices"),
    path("thong-bao/da-doc/", notice_read_all, name="notices-read-all"),
    path("thong-bao/<int:pk>/", notice_open, name="notice-open"),
]
