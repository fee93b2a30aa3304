from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("", include("kehoach.web.site_urls")),
]

handler404 = "kehoach.web.views.errors.handler404"
handler500 = "kehoach.web.views.errors.handler500"
