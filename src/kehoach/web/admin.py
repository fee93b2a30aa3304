"""The back office (Django admin): units, people, plans read-mostly, the audit log read-only.

The admin is for the operator (a superuser); unit administrators work in the pages, where
every object is fetched through ``access``.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kehoach.document.text import fold
from kehoach.orgtree import KINDS, LEVELS

from .library import search
from .models import ApiToken, AuditEntry, Membership, Plan, Unit

admin.site.site_header = "kehoach — quản trị"
admin.site.site_title = "kehoach — quản trị"
admin.site.index_title = "Dữ liệu hệ thống"


class _LinesField(forms.CharField):
    """A list of short strings edited one per line (aliases, header lines)."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 60})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        if isinstance(value, str) and value.startswith("["):
            try:
                return "\n".join(str(v) for v in json.loads(value))
            except ValueError:
                return value
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list):
            return [str(v).strip() for v in value if str(v).strip()]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class UnitForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("loại"), choices=list(KINDS.items()))
    level = forms.ChoiceField(label=_("cấp"), choices=list(LEVELS.items()))
    aliases = _LinesField(
        label=_("tên gọi khác"), required=False, help_text=_("Mỗi dòng một tên gọi.")
    )
    header_lines = _LinesField(
        label=_("dòng tên cơ quan"),
        required=False,
        help_text=_("Các dòng tên cơ quan ở đầu văn bản, mỗi dòng một dòng."),
    )

    class Meta:
        model = Unit
        fields = [
            "code",
            "name",
            "short_name",
            "kind",
            "level",
            "parent",
            "symbol",
            "place",
            "area",
            "aliases",
            "signer_authority",
            "signer_title",
            "signer_name",
            "header_lines",
        ]


class _VocabularyFilter(admin.SimpleListFilter):
    vocabulary: dict[str, str] = {}

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        used = set(model_admin.get_queryset(request).values_list(self.parameter_name, flat=True))
        return [(code, label) for code, label in self.vocabulary.items() if code in used]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        return queryset.filter(**{self.parameter_name: value}) if value else queryset


class KindFilter(_VocabularyFilter):
    title = _("loại")
    parameter_name = "kind"
    vocabulary = KINDS


class LevelFilter(_VocabularyFilter):
    title = _("cấp")
    parameter_name = "level"
    vocabulary = LEVELS


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    form = UnitForm
    list_display = ["indented_name", "code", "kind_label", "level_label", "symbol"]
    list_filter = [KindFilter, LevelFilter]
    search_fields = ["name", "code", "short_name", "symbol"]
    ordering = ["path"]
    autocomplete_fields = ["parent"]
    list_per_page = 200

    @admin.display(description=_("tên"), ordering="path")
    def indented_name(self, unit: Unit) -> str:
        depth = max(unit.path.count("/") - 2, 0)
        return format_html("{}{}", "\u2003" * depth, unit.name)

    @admin.display(description=_("loại"), ordering="kind")
    def kind_label(self, unit: Unit) -> str:
        return unit.kind_label

    @admin.display(description=_("cấp"), ordering="level")
    def level_label(self, unit: Unit) -> str:
        return unit.level_label

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Unit], search_term: str
    ) -> tuple[QuerySet[Unit], bool]:
        # Names and aliases are searched folded: "quan uy", "Quận uỷ" and "QUẬN ỦY" all match.
        found, duplicates = super().get_search_results(request, queryset, search_term)
        words = fold(search_term).split()
        if words:
            folded = queryset
            for word in words:
                folded = folded.filter(search_key__contains=word)
            found = found | folded
        return found, duplicates


class MembershipInline(admin.StackedInline):
    model = Membership
    fk_name = "user"
    can_delete = True
    extra = 0
    max_num = 1
    autocomplete_fields = ["unit", "scope"]
    verbose_name = _("đơn vị và vai trò")
    verbose_name_plural = _("đơn vị và vai trò")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "full_name", "role", "unit", "scope", "title"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit", "scope"]
    list_select_related = ["user", "unit", "scope"]

    @admin.display(description=_("họ tên"))
    def full_name(self, membership: Membership) -> str:
        return str(membership.user.get_full_name())


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class KehoachUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff", "role"]
    list_select_related = ["membership", "membership__unit"]

    @admin.display(description=_("vai trò"))
    def role(self, user: Any) -> str:
        try:
            membership = user.membership
        except Membership.DoesNotExist:
            return "—"
        return f"{membership.get_role_display()} — {membership.unit}"


def _pretty_json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return format_html('<pre style="white-space: pre-wrap; max-height: 30em">{}</pre>', text)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    """Plans are read and corrected in the pages (review); here an operator may only move a
    plan to another library or change its status. The structured JSON is shown, not edited:
    a raw textarea would let one typo break the plan."""

    list_display = ["reference_display", "issuer", "date_display", "status", "owner"]
    list_filter = ["status", "year", "doc_type"]
    search_fields = ["number", "symbol", "title", "issuer"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
    fields = [
        "owner",
        "status",
        "doc_type",
        "number",
        "symbol",
        "issuer",
        "place",
        "date",
        "title",
        "created_by",
        "created_at",
        "updated_at",
        "data_display",
        "findings_display",
        "source_display",
    ]
    # Only the library and the status are changed here; the plan itself is corrected on its
    # review page, where the parser's and the checker's notes stand beside the fields.
    readonly_fields = [f for f in fields if f not in ("owner", "status")]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # plans come from uploads, read by the core

    @admin.display(description=_("số, ký hiệu"), ordering="number")
    def reference_display(self, plan: Plan) -> str:
        return plan.reference or "—"

    @admin.display(description=_("ngày ban hành"), ordering="date")
    def date_display(self, plan: Plan) -> str:
        return f"ngày {plan.date:%d/%m/%Y}" if plan.date else "—"

    @admin.display(description=_("kế hoạch có cấu trúc (JSON)"))
    def data_display(self, plan: Plan) -> str:
        return _pretty_json(plan.data)

    @admin.display(description=_("kết quả kiểm tra thể thức"))
    def findings_display(self, plan: Plan) -> str:
        return _pretty_json(plan.findings)

    @admin.display(description=_("văn bản gốc"))
    def source_display(self, plan: Plan) -> str:
        return format_html(
            '<pre style="white-space: pre-wrap; max-height: 30em">{}</pre>', plan.source_text
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Plan], search_term: str
    ) -> tuple[QuerySet[Plan], bool]:
        # The library's own search: accent- and tone-placement-insensitive, like the pages.
        if not search_term.strip():
            return queryset, False
        return search(queryset, q=search_term), False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log is evidence: it can be read and searched, never written by hand."""

    list_display = ["at", "actor_name", "action", "model", "object_repr", "unit"]
    list_filter = ["action", "model"]
    search_fields = ["object_repr", "actor_name", "object_id"]
    list_select_related = ["unit"]
    date_hierarchy = "at"
    fields = [
        "at",
        "actor",
        "actor_name",
        "action",
        "model",
        "object_id",
        "object_repr",
        "unit",
        "before_display",
        "after_display",
    ]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("trước"))
    def before_display(self, entry: AuditEntry) -> str:
        return _pretty_json(entry.before)

    @admin.display(description=_("sau"))
    def after_display(self, entry: AuditEntry) -> str:
        return _pretty_json(entry.after)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued on the account page (the key is shown once there); here they can be
    seen by prefix and revoked. Only a hash of the key is stored, and it is not shown."""

    list_display = ["prefix_display", "user", "name", "created_at", "last_used_at"]
    search_fields = ["prefix", "user__username", "name"]
    list_select_related = ["user"]
    fields = ["user", "name", "prefix_display", "created_at", "last_used_at"]
    readonly_fields = ["user", "prefix_display", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("mã (phần đầu)"), ordering="prefix")
    def prefix_display(self, token: ApiToken) -> str:
        return f"{token.prefix}…"
