"""Forms of the plan pages: the upload and the review of a parsed plan."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.document.text import fold, nfc

from .templatetags.plans import CHANNELS

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


def _clean_line(value: str) -> str:
    return re.sub(r"\s+", " ", nfc(value or "")).strip()


def _lines(value: str) -> list[str]:
    out: list[str] = []
    for line in (value or "").splitlines():
        line = _clean_line(line).lstrip("-–•* ").strip()
        if line and line not in out:
            out.append(line)
    return out


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp kế hoạch"),
        error_messages={
            "required": _("Chưa chọn tệp."),
            "empty": _("Tệp rỗng, không có nội dung."),
        },
    )


class PlanReviewForm(forms.Form):
    """The header fields a clerk corrects after the parser has read the plan."""

    doc_type = forms.CharField(label=_("Loại văn bản"), max_length=64, required=False)
    number = forms.CharField(label=_("Số"), max_length=32, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=64, required=False)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)
    place = forms.CharField(label=_("Địa danh"), max_length=120, required=False)
    date = forms.CharField(
        label=_("Ngày ban hành"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    title = forms.CharField(
        label=_("Trích yếu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    channels = forms.CharField(
        label=_("Hình thức tuyên truyền (mỗi dòng một kênh)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    slogans = forms.CharField(
        label=_("Khẩu hiệu (mỗi dòng một khẩu hiệu)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    @classmethod
    def initial_for(cls, data: dict[str, Any]) -> dict[str, Any]:
        day = _iso(data.get("date"))
        return {
            "doc_type": data.get("doc_type") or "",
            "number": data.get("number") or "",
            "symbol": data.get("symbol") or "",
            "issuer": data.get("issuer") or "",
            "place": data.get("place") or "",
            "date": day.strftime("%d/%m/%Y") if day else "",
            "title": data.get("title") or "",
            "channels": "\n".join(data.get("channels") or []),
            "slogans": "\n".join(data.get("slogans") or []),
        }

    def clean_date(self) -> datetime.date | None:
        value = _clean_line(self.cleaned_data.get("date", ""))
        if not value:
            return None
        for fmt in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        raise forms.ValidationError(_("Ngày không hợp lệ"), code="invalid")

    def clean_channels(self) -> list[str]:
        """Channel ids (``portal``) or their names (``Bản tin``), one per line."""
        by_name = {fold(str(label)): key for key, label in CHANNELS.items()}
        chosen: list[str] = []
        unknown: list[str] = []
        for line in _lines(self.cleaned_data.get("channels", "")):
            key = line if line in CHANNELS else by_name.get(fold(line))
            if key is None:
                unknown.append(line)
            elif key not in chosen:
                chosen.append(key)
        if unknown:
            raise forms.ValidationError(
                _("Không rõ kênh: %(names)s. Dùng mã kênh trong danh sách bên dưới."),
                code="unknown",
                params={"names": ", ".join(unknown)},
            )
        return chosen

    def clean_slogans(self) -> list[str]:
        return _lines(self.cleaned_data.get("slogans", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("doc_type", "number", "symbol", "issuer", "place", "title"):
            if name in data:
                data[name] = _clean_line(data[name])
        if "symbol" in data:
            data["symbol"] = data["symbol"].replace(" ", "")
        if "doc_type" in data:
            data["doc_type"] = data["doc_type"].upper()
        return data


def _iso(value: Any) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None
