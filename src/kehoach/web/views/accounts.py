"""Signing in and out, the person's own account page and their API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..access import membership, role_of
from ..models import ApiToken, Role

# Django's own views with our templates; axes watches the authentication they do and answers
# with kehoach/locked.html once a user name has failed too often from one address.
login_view = auth_views.LoginView.as_view(
    template_name="kehoach/login.html", redirect_authenticated_user=True
)
# POST only (Django 5): a link or a prefetch cannot sign anyone out.
logout_view = auth_views.LogoutView.as_view()


@login_required
def account(request: HttpRequest) -> HttpResponse:
    m = membership(request.user)
    role = role_of(request.user)
    return render(
        request,
        "kehoach/account.html",
        {
            "membership": m,
            "role_label": Role(role).label if role else "",
            "token_count": ApiToken.objects.filter(user=request.user).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request: HttpRequest) -> HttpResponse:
    """The person's API tokens. A new key is shown once, in this response only."""
    new_key = ""
    if request.method == "POST":
        if "delete" in request.POST:
            token = (
                ApiToken.objects.filter(user=request.user, pk=request.POST["delete"]).first()
                if request.POST["delete"].isdigit()
                else None
            )
            if token is None:
                raise Http404
            token.delete()
            messages.success(
                request, _("Đã thu hồi mã truy cập %(prefix)s…") % {"prefix": token.prefix}
            )
            return redirect("kehoach:api-token")
        name = request.POST.get("name", "").strip()[:120]
        _token, new_key = ApiToken.issue(request.user, name=name)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-id")
    response = render(request, "kehoach/api_token.html", {"tokens": tokens, "new_key": new_key})
    # The clear key must not linger in a cache.
    response["Cache-Control"] = "no-store"
    return response
