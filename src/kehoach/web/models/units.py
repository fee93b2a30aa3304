"""The organisation tree: every body that issues plans or receives duties."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kehoach.document.text import fold, nfc
from kehoach.orgtree import KINDS, LEVELS


class Unit(models.Model):
    code = models.CharField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=120, blank=True)
    # Kinds and levels come from the core's vocabulary (kehoach.orgtree); they are checked in
    # clean() rather than stored as model choices, so relabelling one needs no migration.
    kind = models.CharField(_("loại"), max_length=32)
    level = models.CharField(_("cấp"), max_length=16)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    symbol = models.CharField(_("ký hiệu trong số văn bản"), max_length=32, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    area = models.CharField(_("địa bàn"), max_length=120, blank=True)
    aliases = models.JSONField(_("tên gọi khác"), default=list, blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    header_lines = models.JSONField(_("dòng tên cơ quan"), default=list, blank=True)
    # Materialised path ("/12/40/") so a scope's subtree is one indexed prefix query on
    # both SQLite and PostgreSQL; kept current by save().
    path = models.CharField(max_length=512, db_index=True, editable=False, default="")
    search_key = models.CharField(max_length=600, editable=False, default="")

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def level_label(self) -> str:
        return LEVELS.get(self.level, self.level)

    def clean(self) -> None:
        errors = {}
        if self.kind not in KINDS:
            errors["kind"] = _("Loại đơn vị không hợp lệ.")
        if self.level not in LEVELS:
            errors["level"] = _("Cấp không hợp lệ.")
        if self.parent_id and self.pk and self.parent and self.parent.path.startswith(self.path):
            errors["parent"] = _("Đơn vị cấp trên không thể là chính nó hoặc đơn vị cấp dưới.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = nfc(self.name).strip()
        self.short_name = nfc(self.short_name).strip()
        self.aliases = [nfc(a).strip() for a in self.aliases if str(a).strip()]
        self.search_key = " ".join(fold(n) for n in [self.name, self.short_name, *self.aliases])
        old_path = self.path
        if self.pk is None:
            super().save(*args, **kwargs)  # type: ignore[arg-type]
            kwargs = {}
        self.path = self._compute_path()
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        if old_path and old_path != self.path:
            # Moved: every descendant's path follows.
            for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                child.path = self.path + child.path[len(old_path) :]
                Unit.objects.filter(pk=child.pk).update(path=child.path)

    def _compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id and self.parent else "/"
        return f"{prefix}{self.pk}/"

    def subtree(self) -> models.QuerySet[Unit]:
        return Unit.objects.filter(path__startswith=self.path)

    def contains(self, other: Unit) -> bool:
        return other.path.startswith(self.path)
