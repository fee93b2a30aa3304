"""People: a Django user, the unit they work in and their role there."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị (phòng, ban)")
    LEADER = "leader", _("Lãnh đạo")
    REPORTER = "reporter", _("Báo cáo viên đơn vị")
    VIEWER = "viewer", _("Người xem")


class Membership(models.Model):
    """Where a person works and what they may do there.

    ``scope`` is the unit whose subtree they see: a propaganda department's officer works in
    the department but serves the whole district committee, so their scope is the committee.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    unit = models.ForeignKey("kehoach.Unit", on_delete=models.PROTECT, related_name="members")
    scope = models.ForeignKey(
        "kehoach.Unit",
        on_delete=models.PROTECT,
        related_name="scoped_members",
        verbose_name=_("phạm vi"),
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    title = models.CharField(_("chức vụ"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()}, {self.unit})"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the HTTP API; only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=120, blank=True)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    @classmethod
    def issue(cls, user: object, name: str = "") -> tuple[ApiToken, str]:
        """Create a token; the clear key is returned once and never stored."""
        key = "kh_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[:12], key_hash=_hash(key))
        return token, key

    @classmethod
    def lookup(cls, key: str) -> ApiToken | None:
        return cls.objects.select_related("user").filter(key_hash=_hash(key)).first()
