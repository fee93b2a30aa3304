"""The organisation tree ("cây tổ chức"): who sits under whom, as data, never code.

A plan travels down a hierarchy: a higher body issues it, every body below issues
its own plan implementing it and gives duties to its own units. Which bodies exist
changes (the district level was abolished on 1 July 2025, unions keep their own
line), so the tree is loaded from a YAML or CSV file that an office maintains.

This module has no Django in it: the web app imports ``OrgUnit``/``OrgTree`` and the
loaders from here, and the deriving core reads the same tree.

Files:

* YAML — a top-level ``units:`` list of mappings with the ``OrgUnit`` fields (empty
  ones may be left out). Only ``yaml.safe_load`` is used: a tree file is data.
* CSV — one header row with the field names, one unit a row; the list fields
  (``aliases``, ``header_lines``) are joined by ``|``.

Every text is stored NFC. A bad file raises ``OrgTreeError`` whose message names the
unit (or the line) at fault, in Vietnamese, for a clerk to fix.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from .document.errors import KehoachError
from .document.text import collapse_spaces, match_key, nfc

__all__ = [
    "FIELDS",
    "KINDS",
    "LEVELS",
    "OrgTree",
    "OrgTreeError",
    "OrgUnit",
    "dumps_csv",
    "dumps_yaml",
    "load_tree",
    "loads_csv",
    "loads_yaml",
    "sample_tree_path",
]

KINDS: dict[str, str] = {
    "party_committee": "Cấp ủy đảng (Thành ủy, Tỉnh ủy, Quận ủy, Huyện ủy, Đảng ủy)",
    "party_cell": "Chi bộ",
    "party_department": "Ban của cấp ủy (Tuyên giáo, Dân vận, Tổ chức, Ủy ban Kiểm tra …)",
    "party_office": "Văn phòng cấp ủy",
    "peoples_committee": "Ủy ban nhân dân",
    "state_office": "Phòng, ban, trung tâm thuộc Ủy ban nhân dân",
    "fatherland_front": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "trade_union": "Liên đoàn Lao động, công đoàn",
    "youth_union": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "women_union": "Hội Liên hiệp Phụ nữ",
    "veterans": "Hội Cựu chiến binh",
    "farmers_union": "Hội Nông dân",
    "school": "Trường học",
    "ward": "Phường, xã (địa bàn)",
    "other": "Đơn vị khác",
}

LEVELS: dict[str, str] = {
    "central": "Trung ương",
    "province": "Tỉnh, thành phố",
    "district": "Quận, huyện (trước 01/7/2025)",
    "commune": "Phường, xã, đặc khu",
    "grassroots": "Cơ sở (chi bộ, tổ dân phố, cơ quan, trường học)",
}


class OrgTreeError(KehoachError):
    """A tree file or a set of units that cannot form an organisation tree."""

    code = "org-tree"


@dataclass
class OrgUnit:
    """One body of the hierarchy ("đơn vị")."""

    code: str
    name: str
    kind: str
    level: str
    parent: str | None = None
    short_name: str = ""
    symbol: str = ""
    place: str = ""
    area: str = ""
    aliases: list[str] = field(default_factory=list)
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    header_lines: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The unit as a mapping without its empty fields (the YAML form)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value not in (None, "", []):
                out[f.name] = list(value) if isinstance(value, list) else value
        return out


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(OrgUnit))
_LIST_FIELDS = ("aliases", "header_lines")
_REQUIRED = ("code", "name", "kind", "level")


class OrgTree:
    """A validated forest of ``OrgUnit`` (usually one root per line of authority)."""

    def __init__(self, units: Iterable[OrgUnit]) -> None:
        self.units: dict[str, OrgUnit] = {}
        for unit in units:
            if not unit.code:
                raise OrgTreeError(f"đơn vị «{unit.name}» thiếu mã (code)")
            if unit.code in self.units:
                raise OrgTreeError(f"mã đơn vị trùng nhau: {unit.code}")
            if unit.kind not in KINDS:
                raise OrgTreeError(
                    f"đơn vị {unit.code}: loại «{unit.kind}» không có "
                    f"(dùng một trong: {', '.join(KINDS)})"
                )
            if unit.level not in LEVELS:
                raise OrgTreeError(
                    f"đơn vị {unit.code}: cấp «{unit.level}» không có "
                    f"(dùng một trong: {', '.join(LEVELS)})"
                )
            self.units[unit.code] = unit
        self._children: dict[str | None, list[OrgUnit]] = {}
        for unit in self.units.values():
            if unit.parent is not None and unit.parent not in self.units:
                raise OrgTreeError(
                    f"đơn vị {unit.code}: đơn vị cấp trên «{unit.parent}» không có trong cây"
                )
            self._children.setdefault(unit.parent, []).append(unit)
        self._check_cycles()
        self._keys: dict[str, OrgUnit] = {}
        # Names win over short names, short names over aliases: a clerk's full name of a
        # unit must never be shadowed by somebody else's abbreviation.
        for attr in ("name", "short_name", "aliases"):
            for unit in self.units.values():
                value = getattr(unit, attr)
                for text in value if isinstance(value, list) else [value]:
                    if text:
                        self._keys.setdefault(match_key(text), unit)

    def _check_cycles(self) -> None:
        settled: set[str] = set()
        for start in self.units:
            path: list[str] = []
            code: str | None = start
            while code is not None and code not in settled:
                if code in path:
                    loop = " → ".join([*path[path.index(code) :], code])
                    raise OrgTreeError(f"cây tổ chức có vòng lặp: {loop}")
                path.append(code)
                code = self.units[code].parent
            settled.update(path)

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self) -> Iterator[OrgUnit]:
        return iter(self.units.values())

    def __contains__(self, code: object) -> bool:
        return code in self.units

    def get(self, code: str) -> OrgUnit:
        """The unit with this code; ``OrgTreeError`` when there is none."""
        try:
            return self.units[code]
        except KeyError:
            raise OrgTreeError(f"không có đơn vị mã {code} trong cây tổ chức") from None

    def children(self, code: str) -> list[OrgUnit]:
        self.get(code)
        return list(self._children.get(code, []))

    def descendants(self, code: str) -> list[OrgUnit]:
        """Every unit below ``code``, depth first in file order."""
        out: list[OrgUnit] = []
        for child in self.children(code):
            out.append(child)
            out.extend(self.descendants(child.code))
        return out

    def ancestors(self, code: str) -> list[OrgUnit]:
        """The units above ``code``, nearest first."""
        out: list[OrgUnit] = []
        parent = self.get(code).parent
        while parent is not None:
            unit = self.units[parent]
            out.append(unit)
            parent = unit.parent
        return out

    def roots(self) -> list[OrgUnit]:
        return list(self._children.get(None, []))

    def find(self, name: str) -> OrgUnit | None:
        """The unit whose name, short name or an alias is ``name`` (case, NFC/NFD and
        "ủy"/"uỷ" tone placement do not matter); a code is accepted too."""
        if name in self.units:
            return self.units[name]
        return self._keys.get(match_key(name))

    def by_kind(self, kind: str, under: str | None = None) -> list[OrgUnit]:
        """Units of ``kind``, in file order; with ``under``, only its descendants."""
        pool = self.descendants(under) if under is not None else list(self.units.values())
        return [u for u in pool if u.kind == kind]


# --- loading and saving -------------------------------------------------------------


def _clean_text(value: Any) -> str:
    return collapse_spaces(nfc(str(value))) if value is not None else ""


def _unit_from_mapping(data: Any, where: str) -> OrgUnit:
    if not isinstance(data, dict):
        raise OrgTreeError(f"{where}: mỗi đơn vị phải là một bảng khóa: giá trị")
    unknown = sorted(str(k) for k in data if k not in FIELDS)
    if unknown:
        raise OrgTreeError(f"{where}: trường không có: {', '.join(unknown)}")
    for name in _REQUIRED:
        if not _clean_text(data.get(name)):
            label = _clean_text(data.get("code")) or _clean_text(data.get("name")) or where
            raise OrgTreeError(f"{where} ({label}): thiếu trường bắt buộc «{name}»")
    values: dict[str, Any] = {}
    for name in FIELDS:
        raw = data.get(name)
        if name in _LIST_FIELDS:
            if raw is None:
                values[name] = []
            elif isinstance(raw, list):
                values[name] = [_clean_text(v) for v in raw if _clean_text(v)]
            else:
                raise OrgTreeError(f"{where}: «{name}» phải là một danh sách")
        elif name == "parent":
            values[name] = _clean_text(raw) or None
        else:
            if isinstance(raw, (dict, list)):
                raise OrgTreeError(f"{where}: «{name}» phải là một chuỗi")
            values[name] = _clean_text(raw)
    return OrgUnit(**values)


def loads_yaml(text: str) -> OrgTree:
    """A tree from YAML text (``units:`` list)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" ở dòng {mark.line + 1}" if mark is not None else ""
        raise OrgTreeError(f"tệp YAML không hợp lệ{where}") from None
    if not isinstance(data, dict) or not isinstance(data.get("units"), list):
        raise OrgTreeError("tệp cây tổ chức phải có danh sách «units:» ở cấp trên cùng")
    return OrgTree(
        _unit_from_mapping(item, f"đơn vị thứ {index}")
        for index, item in enumerate(data["units"], 1)
    )


def dumps_yaml(tree: OrgTree) -> str:
    """YAML text that ``loads_yaml`` reads back into an equal tree."""
    body = yaml.safe_dump(
        {"units": [u.to_dict() for u in tree]},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return body


def loads_csv(text: str) -> OrgTree:
    """A tree from CSV text: a header row of field names, list fields joined by ``|``."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None:
        raise OrgTreeError("tệp CSV trống")
    missing = [name for name in _REQUIRED if name not in reader.fieldnames]
    if missing:
        raise OrgTreeError(f"tệp CSV thiếu cột: {', '.join(missing)}")
    units = []
    for row in reader:
        line = reader.line_num
        if None in row:
            raise OrgTreeError(f"dòng {line}: nhiều ô hơn tiêu đề")
        if not any((v or "").strip() for v in row.values()):
            continue
        data: dict[str, Any] = {}
        for key, value in row.items():
            if key in _LIST_FIELDS:
                data[key] = [part for part in (value or "").split("|") if part.strip()]
            elif value:
                data[key] = value
        units.append(_unit_from_mapping(data, f"dòng {line}"))
    return OrgTree(units)


def dumps_csv(tree: OrgTree) -> str:
    """CSV text that ``loads_csv`` reads back into an equal tree."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for unit in tree:
        row = []
        for name in FIELDS:
            value = getattr(unit, name)
            row.append("|".join(value) if isinstance(value, list) else (value or ""))
        writer.writerow(row)
    return out.getvalue()


SAMPLE_TREES = ("longbien", "two_tier")


def sample_tree_path(name: str) -> Path:
    """The path of a shipped sample tree: ``"longbien"`` (2015–2016, with districts)
    or ``"two_tier"`` (province → commune, after 1 July 2025)."""
    if name not in SAMPLE_TREES:
        raise OrgTreeError(f"không có cây tổ chức mẫu «{name}» (có: {', '.join(SAMPLE_TREES)})")
    return Path(__file__).with_name("data") / "trees" / f"{name}.yaml"


def load_tree(path: str | os.PathLike[str]) -> OrgTree:
    """Load a ``.yaml``/``.yml`` or ``.csv`` tree file (a sample name is accepted too)."""
    p = Path(path)
    if str(path) in SAMPLE_TREES and not p.exists():
        p = sample_tree_path(str(path))
    suffix = p.suffix.lower()
    if suffix not in (".yaml", ".yml", ".csv"):
        raise OrgTreeError(f"{p}: tệp cây tổ chức phải là .yaml, .yml hoặc .csv")
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise OrgTreeError(f"{p}: không tìm thấy tệp cây tổ chức") from None
    except OSError as exc:
        raise OrgTreeError(f"{p}: không đọc được tệp ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OrgTreeError(f"{p}: tệp cây tổ chức không phải UTF-8") from None
    try:
        return loads_csv(text) if suffix == ".csv" else loads_yaml(text)
    except OrgTreeError as exc:
        raise OrgTreeError(f"{p}: {exc.message}") from None
