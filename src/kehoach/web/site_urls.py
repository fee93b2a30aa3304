"""The pages. Paths are Vietnamese (what a clerk reads in the address bar); names are English."""

from django.urls import path

from .views import (
    accounts,
    audit,
    calendar,
    derive,
    inbox,
    issuing,
    notices,
    plans,
    progress,
    reports,
    synthesis,
    units,
    uploads,
)

app_name = "kehoach"
urlpatterns = [
    path("dang-nhap/", accounts.login_view, name="login"),
    path("dang-xuat/", accounts.logout_view, name="logout"),
    path("tai-khoan/", accounts.account, name="account"),
    path("tai-khoan/token/", accounts.api_token, name="api-token"),
    path("", plans.plan_list, name="plan-list"),
    path("ke-hoach/tai-len/", uploads.upload, name="plan-upload"),
    path("ke-hoach/tai-len/<uuid:pk>/", uploads.upload_status, name="upload-status"),
    path("ke-hoach/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("ke-hoach/<int:pk>/ra-soat/", plans.plan_review, name="plan-review"),
    path("ke-hoach/<int:pk>/xoa/", plans.plan_delete, name="plan-delete"),
    path("ke-hoach/<int:pk>/trien-khai/", derive.plan_derive, name="plan-derive"),
    path("ke-hoach/<int:pk>/tai-ve.<str:fmt>", plans.plan_download, name="plan-download"),
    path("ke-hoach/<int:pk>/ban-goc", plans.plan_source, name="plan-source"),
    path("don-vi/", units.unit_list, name="unit-list"),
    path("don-vi/nhap/", units.unit_import, name="unit-import"),
    path("don-vi/xuat.<str:fmt>", units.unit_export, name="unit-export"),
    path("don-vi/<int:pk>/", units.unit_detail, name="unit-detail"),
    path("nhat-ky/", audit.audit_list, name="audit-list"),
]
# Issued plans: each area keeps its paths beside its views.
for _area in (issuing, inbox, reports, progress, synthesis, calendar, notices):
    urlpatterns += _area.urlpatterns
