"""Rules on the header: number line (NUM), date line (DAT), header parts (HDR), type (TYP), title (TTL).

document-format.md §3.2–3.6 (Party), §4.1 and §4.4 (State), §5 (Union), catalogue §7.2.
Every rule reads the parser's analysis and quotes the line as printed (``ctx.line``), so the
same rule works on text, DOCX and PDF input. Header cells flattened onto one printed line
(a table row "a | b", or two columns separated by a wide gap) are cut apart before a part of
the header is judged, so that a number line is never judged by the date printed beside it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ...parsing.header import type_word
from ...parsing.lines import Line
from ...text import fold
from ..context import CheckContext
from ..model import Hit, Severity, rule

SRC_NUMBER = "HD05 §I.3 (Đảng; HD36, HD11 tương tự); NĐ30 PL I §II.3 (nhà nước, công đoàn)"
SRC_DATE = "HD05 §I.4 (Đảng); NĐ30 PL I §II.4 (nhà nước, công đoàn)"
SRC_TYPE = "HD05 §I.5 (Đảng); NĐ30 PL I §II.5 (nhà nước, công đoàn)"

_SP = r"[ \t\u00a0]"
_DASHES = "-–—"
_SEP_CLASS = r"[-/–—]"
_CODE = r"(?:[^\W_]|&)+"

# Where a number line starts in a printed line: "Số", or a bare "43/KH-…".
_NUMBER_START = re.compile(
    rf"(?<![^\W\d_])S[ốôỐÔoO](?:{_SP}*hiệu)?(?![^\W\d_])|(?<![\w/-])(?=\d{{1,6}}{_SP}*{_SEP_CLASS}{_SP}*[A-ZĐ])"
)
# Where a header cell ends inside one printed line.
_CELL_END = re.compile(r"\||\t|\\r|\\n|\*\*|[ \u00a0]{4,}(?![ \u00a0]*[-/–—\d])")
_NUMBER_PARTS = re.compile(
    rf"^(?P<so>S[ốôỐÔoO](?:{_SP}*hiệu)?)?(?P<sp0>{_SP}*)(?P<colon>[:.]?)(?P<sp1>{_SP}*)"
    rf"(?P<num>\d{{1,6}})?(?P<sp2>{_SP}*)(?P<lead>{_SEP_CLASS})?(?P<sp3>{_SP}*)"
    rf"(?P<sym>{_CODE}(?:{_SP}*{_SEP_CLASS}{_SP}*{_CODE})*)?(?P<tail>.*)$"
)
_SYM_SPLIT = re.compile(rf"({_SP}*{_SEP_CLASS}{_SP}*)")

# Type codes by type name (§3.4 for the Party, §4.4 for the State; Union as State).
_PARTY_TYPE_CODES = {
    "KẾ HOẠCH": {"KH"},
    "HƯỚNG DẪN": {"HD"},
    "QUYẾT ĐỊNH": {"QĐ"},
    "QUY ĐỊNH": {"QĐ"},
    "CHỈ THỊ": {"CT"},
    "KẾT LUẬN": {"KL"},
    "BÁO CÁO": {"BC"},
    "THÔNG BÁO": {"TB"},
    "QUY CHẾ": {"QC"},
    "NGHỊ QUYẾT": {"NQ"},
    "CHƯƠNG TRÌNH": {"CTr"},
    "TỜ TRÌNH": {"TTr"},
    "THÔNG TRI": {"TT"},
    "CÔNG VĂN": {"CV"},
}
_STATE_TYPE_CODES = {
    "KẾ HOẠCH": {"KH"},
    "HƯỚNG DẪN": {"HD"},
    "QUYẾT ĐỊNH": {"QĐ"},
    "QUY ĐỊNH": {"QyĐ"},
    "CHỈ THỊ": {"CT"},
    "BÁO CÁO": {"BC"},
    "THÔNG BÁO": {"TB"},
    "QUY CHẾ": {"QC"},
    "NGHỊ QUYẾT": {"NQ"},
    "CHƯƠNG TRÌNH": {"CTr"},
    "TỜ TRÌNH": {"TTr"},
}
_UNION_TYPE_CODES = {**_STATE_TYPE_CODES, "QUY ĐỊNH": {"QyĐ", "QĐ"}}

# Party body codes (§3.4): committees, and bodies inside a committee that need its suffix.
_COMMITTEE_CODES = ("TW", "TU", "QU", "HU", "ĐU", "CB")
_ADVISORY_CODES = ("CQUBKT", "BTGDV", "UBKT", "BXDĐ", "BTG", "BDV", "BTC", "BNC", "BKT", "VP")
_COMMITTEE_WORDS = (
    ("ban chap hanh trung uong", "TW"),
    ("tinh uy", "TU"),
    ("thanh uy", "TU"),
    ("quan uy", "QU"),
    ("huyen uy", "HU"),
    ("dang uy", "ĐU"),
    ("chi bo", "CB"),
)
_ADVISORY_WORDS = (
    ("ban tuyen giao va dan van", "BTGDV"),
    ("ban tuyen giao", "BTG"),
    ("ban dan van", "BDV"),
    ("ban to chuc", "BTC"),
    ("ban noi chinh", "BNC"),
    ("ban kinh te", "BKT"),
    ("ban xay dung dang", "BXDĐ"),
    ("co quan uy ban kiem tra", "CQUBKT"),
    ("uy ban kiem tra", "UBKT"),
    ("van phong", "VP"),
)
_COLLECTIVE_WORDS = ("ban thuong vu", "thuong truc", "ban chap hanh")
_DISTRICTS_END = date(2025, 7, 1)  # quận/huyện committees ceased (§3.4)


# --- the number line ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Number:
    """The number line as printed, cut out of its printed line and split into its parts."""

    line: int
    start: int  # offset of the segment in the printed line
    text: str
    m: re.Match[str]
    codes: tuple[str, ...]
    seps: tuple[str, ...]  # the separators between codes, with any spaces around them

    def column(self, group: str) -> int:
        return self.start + max(self.m.start(group), 0) + 1

    @property
    def num(self) -> str | None:
        return self.m.group("num")

    @property
    def lead(self) -> str | None:
        lead = self.m.group("lead")
        return _dash(lead) if lead else None

    @property
    def has_year(self) -> bool:
        """ "Số: 12/2019/QĐ-UBND": a year between number and type (older State style)."""
        return bool(self.codes) and len(self.codes[0]) == 4 and self.codes[0].isdigit()

    @property
    def type_index(self) -> int:
        return 1 if self.has_year and len(self.codes) > 1 else 0

    @property
    def type_code(self) -> str | None:
        return self.codes[self.type_index] if len(self.codes) > self.type_index else None

    @property
    def body_codes(self) -> tuple[str, ...]:
        return self.codes[self.type_index + 1 :]

    @property
    def shape(self) -> str | None:
        """ "party" for N-TYPE/BODY, "state" for N/TYPE-BODY, "other", or None (no separators)."""
        if self.lead is None or len(self.seps) <= self.type_index:
            return None
        first = _dash(self.seps[self.type_index].strip())
        if self.lead == "-" and first == "/":
            return "party"
        if self.lead == "/" and first == "-":
            return "state"
        return "other"

    def code_column(self, index: int) -> int:
        offset = self.m.start("sym")
        for i in range(index):
            offset += len(self.codes[i]) + len(self.seps[i])
        return self.start + offset + 1


def _dash(sep: str) -> str:
    return "-" if sep in _DASHES else sep


def _number(ctx: CheckContext) -> _Number | None:
    no = ctx.plan.number_line
    raw = ctx.line(no)
    if no is None or not raw:
        return None
    start = _NUMBER_START.search(raw)
    if start is None:
        return None
    end = _CELL_END.search(raw, start.end())
    segment = raw[start.start() : end.start() if end else len(raw)].rstrip(" \t\u00a0*")
    m = _NUMBER_PARTS.match(segment)
    if m is None or not (m.group("num") or m.group("sym")):
        return None
    sym = m.group("sym") or ""
    parts = _SYM_SPLIT.split(sym) if sym else []
    return _Number(
        line=no,
        start=start.start(),
        text=segment,
        m=m,
        codes=tuple(parts[0::2]),
        seps=tuple(parts[1::2]),
    )


def _regime_form(ctx: CheckContext, n: _Number) -> str:
    """The number line written as the regime wants it (for suggestions)."""
    num = n.num or "…"
    if n.num and len(n.num) == 1 and n.num != "0":
        num = "0" + n.num
    codes = list(n.codes)
    if ctx.regime == "party":
        if not codes:
            return f"Số {num}-KH/…"
        bodies = "-".join(codes[1:]) or "…"
        return f"Số {num}-{codes[0]}/{bodies}"
    year = f"{codes.pop(0)}/" if n.has_year else ""
    if not codes:
        return f"Số: {num}/{year}KH-…"
    rest = "-".join(codes[1:]) or "…"
    return f"Số: {num}/{year}{codes[0]}-{rest}"


def _title_regime(ctx: CheckContext) -> str | None:
    header = ctx.analysis.header
    if header.party_title and not header.national_title:
        return "party"
    if header.national_title and not header.party_title:
        return "state"
    return None


def _expected_party_body(issuer: str | None) -> tuple[str, str] | None:
    """ "Ban Tuyên giáo Quận ủy Cầu Giấy" → ("BTG", "QU"); "Ban Thường vụ Tỉnh ủy" → ("", "TU")."""
    if not issuer:
        return None
    f = fold(issuer)
    committee = next((code for word, code in _COMMITTEE_WORDS if word in f), None)
    if committee is None:
        return None
    if committee == "ĐU" and any(w in f for w in ("quan su", "cong an", "bien phong", "khoi")):
        return None  # ĐUQS, ĐUCA, ĐUBP, ĐUK: fixed codes not derived here
    advisory = next((code for word, code in _ADVISORY_WORDS if f.startswith(word)), None)
    if advisory is None:
        if not f.startswith((*_COLLECTIVE_WORDS, *(w for w, _ in _COMMITTEE_WORDS))):
            return None  # some other body (a steering committee, a school …)
        advisory = ""
    return advisory, committee


def _split_party_body(code: str) -> tuple[str, str]:
    """ "BTGQU" → ("BTG", "QU"); "TU" → ("", "TU"); "BTG" → ("BTG", "")."""
    for prefix in _ADVISORY_CODES:
        if code.startswith(prefix):
            return prefix, code[len(prefix) :]
    return "", code


@rule(
    "NUM-001",
    Severity.ERROR,
    title="Có dòng số, ký hiệu văn bản",
    message="Không thấy dòng số, ký hiệu văn bản (Số …).",
    suggestion="Thêm dòng số, ký hiệu dưới tên cơ quan ban hành, ví dụ Số 05-KH/HU hoặc Số: 05/KH-UBND.",
    source=SRC_NUMBER,
)
def number_line_exists(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.plan.number_line is None:
        yield Hit(None)


@rule(
    "NUM-002",
    Severity.ERROR,
    title="Dòng số, ký hiệu có số văn bản",
    message="Thiếu số văn bản trong dòng số, ký hiệu.",
    suggestion="Điền số đăng ký tại văn thư, ví dụ Số 05-KH/HU.",
    source=SRC_NUMBER,
)
def number_present(ctx: CheckContext) -> Iterator[Hit]:
    plan = ctx.plan
    if plan.number_line is not None and plan.number is None:
        draft = any("dự thảo" in ln.text.lower() for ln in ctx.header_lines)
        n = _number(ctx)
        yield Hit(
            plan.number_line,
            n.text if n else ctx.line(plan.number_line).strip(),
            severity=Severity.WARNING if draft else None,
            suggestion=(
                f"Điền số đăng ký tại văn thư, ví dụ {_regime_form(ctx, n).replace('…', '05', 1)}."
                if n and n.codes
                else None
            ),
        )


@rule(
    "NUM-003",
    Severity.WARNING,
    title="Dòng số, ký hiệu đúng quy cách trình bày",
    message=(
        "Dòng số, ký hiệu sai quy cách: không để dấu cách quanh dấu gạch nối (-) và gạch chéo (/)."
    ),
    suggestion="Viết liền, ví dụ Số 193-KH/QU (Đảng) hoặc Số: 43/KH-LĐLĐ (nhà nước, công đoàn).",
    source="HD05 §I.3.2; NĐ30 PL I §II.3",
)
def number_line_grammar(ctx: CheckContext) -> Iterator[Hit]:
    n = _number(ctx)
    if n is None:
        return
    m = n.m
    party = ctx.regime == "party"
    problems: list[tuple[int, str]] = []  # (column, what)
    spacing = False
    if m.group("so") is None:
        problems.append((n.start + 1, "thiếu chữ “Số” trước số văn bản"))
    elif n.num is not None:
        if m.group("colon"):
            if m.group("sp0"):
                problems.append((n.column("sp0"), "có dấu cách trước dấu hai chấm"))
            if len(m.group("sp1")) > 1:
                problems.append((n.column("sp1"), "thừa dấu cách sau “Số:”"))
        else:
            gap = m.group("sp0") + m.group("sp1")
            if len(gap) > 1:
                problems.append((n.column("sp0"), "thừa dấu cách sau chữ “Số”"))
            elif not gap:
                problems.append((n.column("sp0"), "thiếu dấu cách sau chữ “Số”"))
    if n.lead is None and n.codes:
        problems.append((n.column("sym"), "thiếu dấu phân cách giữa số và ký hiệu"))
    elif n.lead is not None:
        if n.num is not None and m.group("sp2"):
            spacing = True
            problems.append((n.column("sp2"), "có dấu cách trước dấu phân cách"))
        if m.group("sp3"):
            spacing = True
            problems.append((n.column("sp3"), "có dấu cách sau dấu phân cách"))
    for i, sep in enumerate(n.seps):
        if sep != sep.strip():
            spacing = True
            problems.append((n.code_column(i) + len(n.codes[i]), "có dấu cách quanh dấu phân cách"))
    if any(c in "–—" for c in (m.group("lead") or "") + "".join(n.seps)):
        problems.append((n.start + 1, "dùng dấu gạch dài (–) thay cho dấu gạch nối (-)"))
    type_code = n.type_code
    if type_code is not None and not re.match(r"[A-ZĐ]", type_code):
        problems.append(
            (n.code_column(n.type_index), "ký hiệu tên loại phải bắt đầu bằng chữ in hoa")
        )
    if type_code is not None and not n.body_codes:
        problems.append((n.code_column(n.type_index), "thiếu ký hiệu cơ quan ban hành"))
    if not party:
        for i, code in enumerate(n.body_codes, n.type_index + 1):
            if code != code.upper():
                problems.append((n.code_column(i), "ký hiệu cơ quan phải viết in hoa"))
                break
    tail = m.group("tail").strip()
    if tail and all(c in ".,;:" for c in tail):
        problems.append((n.start + m.start("tail") + 1, "thừa dấu câu sau ký hiệu"))
    if not problems:
        return
    problems.sort()
    # Spaces around the separators only: the catalogue's own message says it all.
    only_spacing = spacing and all("dấu cách" in what and "Số" not in what for _, what in problems)
    message = None
    if not only_spacing:
        whats = list(dict.fromkeys(what for _, what in problems))
        message = "Dòng số, ký hiệu sai quy cách: " + "; ".join(whats) + "."
    yield Hit(
        n.line,
        n.text,
        column=problems[0][0],
        message=message,
        suggestion=f"Viết: {_regime_form(ctx, n)}",
    )


@rule(
    "NUM-004",
    Severity.WARNING,
    title="Số văn bản nhỏ hơn 10 có số 0 phía trước",
    message="Số văn bản nhỏ hơn 10 phải có số 0 phía trước.",
    suggestion="Viết 08 thay cho 8.",
    source="HD05 §I.3.2; NĐ30 PL I §II.3",
)
def number_leading_zero(ctx: CheckContext) -> Iterator[Hit]:
    n = _number(ctx)
    if n is None or n.num is None or len(n.num) != 1 or n.num == "0":
        return
    yield Hit(
        n.line,
        n.text,
        column=n.column("num"),
        suggestion=f"Viết 0{n.num} thay cho {n.num}: {_regime_form(ctx, n)}",
    )


@rule(
    "NUM-005",
    Severity.ERROR,
    title="Thứ tự dấu phân cách trong số, ký hiệu đúng kiểu văn bản",
    message="Số, ký hiệu không đúng kiểu văn bản Đảng/hành chính.",
    suggestion="Đảng: Số 08-KH/QU; nhà nước, công đoàn: Số: 08/KH-UBND.",
    source="HD05 §I.3.2; NĐ30 PL I §II.3",
)
def number_separator_order(ctx: CheckContext) -> Iterator[Hit]:
    n = _number(ctx)
    if n is None or n.shape is None:
        return
    party = ctx.regime == "party"
    wanted = "party" if party else "state"
    title = _title_regime(ctx)
    if (
        n.shape != wanted
        and title is not None
        and n.shape == ("state" if title == "party" else "party")
    ):
        return  # the header title says otherwise: HDR-005 reports the disagreement
    later = [_dash(s.strip()) for s in n.seps[n.type_index + 1 :]]
    if n.shape == wanted and all(s == "-" for s in later):
        return
    if party:
        message = (
            "Số, ký hiệu không đúng kiểu văn bản Đảng: gạch nối (-) giữa số và ký hiệu, "
            "gạch chéo (/) giữa tên loại và cơ quan ban hành."
        )
    else:
        message = (
            "Số, ký hiệu không đúng kiểu văn bản hành chính: gạch chéo (/) giữa số và ký hiệu, "
            "gạch nối (-) giữa tên loại và cơ quan ban hành."
        )
    yield Hit(
        n.line,
        n.text,
        column=n.column("lead"),
        message=message,
        suggestion=f"Viết: {_regime_form(ctx, n)}",
    )


@rule(
    "NUM-006",
    Severity.WARNING,
    title="Ký hiệu tên loại khớp với tên loại văn bản",
    message="Ký hiệu tên loại trong số, ký hiệu không khớp với tên loại văn bản.",
    suggestion="Kế hoạch → KH, hướng dẫn → HD, báo cáo → BC …",
    source="HD05 §I.3.1; NĐ30 PL III §I",
)
def number_type_code(ctx: CheckContext) -> Iterator[Hit]:
    plan = ctx.plan
    n = _number(ctx)
    if n is None or plan.title_line is None or plan.doc_type is None or n.type_code is None:
        return
    table = {"party": _PARTY_TYPE_CODES, "state": _STATE_TYPE_CODES}.get(
        ctx.regime, _UNION_TYPE_CODES
    )
    expected = table.get(plan.doc_type)
    if not expected or not n.body_codes:
        return
    if n.type_code.casefold() in {c.casefold() for c in expected}:
        return
    want = " hoặc ".join(sorted(expected))
    yield Hit(
        n.line,
        n.text,
        column=n.code_column(n.type_index),
        message=(
            f"Ký hiệu tên loại {n.type_code} trong số, ký hiệu không khớp với tên loại "
            f"{plan.doc_type} (dòng {plan.title_line})."
        ),
        suggestion=f"{plan.doc_type.capitalize()} → {want}: {_regime_form(ctx, n).replace(n.type_code, want, 1)}",
    )


@rule(
    "NUM-007",
    Severity.WARNING,
    regimes=("party",),
    title="Ký hiệu cơ quan ban hành đầy đủ, đúng quy cách",
    message="Ký hiệu cơ quan ban hành chưa đầy đủ.",
    suggestion="BTG của Quận ủy → BTGQU; Văn phòng Tỉnh ủy → VPTU.",
    source="HD05 §I.3.1",
)
def number_body_code(ctx: CheckContext) -> Iterator[Hit]:
    n = _number(ctx)
    if n is None or not n.body_codes:
        return
    index = n.type_index + 1
    column = n.code_column(index)
    code = n.body_codes[0]
    if len(n.body_codes) == 1 and not re.fullmatch(r"[A-ZĐ]+", code):
        yield Hit(
            n.line,
            n.text,
            column=column,
            message=f"Ký hiệu cơ quan ban hành {code} phải gồm các chữ cái in hoa.",
            suggestion=f"Viết {code.upper()}.",
        )
        return
    if len(n.body_codes) != 1:
        return  # joint issuers: each code is its own body's
    expected = _expected_party_body(ctx.plan.issuer)
    prefix, suffix = _split_party_body(code)
    if prefix and not suffix:
        if expected and expected[0] == prefix:
            want = prefix + expected[1]
            issuer = ctx.plan.issuer or ""
            hint = f"{code} của {_committee_name(issuer)} → {want}"
        else:
            want = prefix + "TU"
            hint = f"thêm ký hiệu cấp ủy sau {code}, ví dụ {want}"
        yield Hit(
            n.line,
            f"{n.type_code}/{code}" if n.type_code else code,
            column=column,
            message=(
                f"Ký hiệu cơ quan ban hành chưa đầy đủ: {code} phải kèm ký hiệu cấp ủy "
                "mà cơ quan trực thuộc."
            ),
            suggestion=f"{hint[:1].upper()}{hint[1:]}: {_regime_form(ctx, n).replace(code, want)}",
        )
        return
    if (
        expected
        and ctx.analysis.header.organ_lines
        and suffix in _COMMITTEE_CODES
        and (prefix, suffix) != expected
    ):
        want = expected[0] + expected[1]
        yield Hit(
            n.line,
            n.text,
            column=column,
            message=(
                f"Ký hiệu cơ quan ban hành {code} không khớp với cơ quan ban hành "
                f"({ctx.plan.issuer})."
            ),
            suggestion=f"Viết {_regime_form(ctx, n).replace(code, want)}.",
        )
        return
    partial = ctx.analysis.header.partial_date
    if (
        suffix in {"QU", "HU"}
        and partial is not None
        and partial.year is not None
        and partial.month is not None
        and (partial.year, partial.month) >= (_DISTRICTS_END.year, _DISTRICTS_END.month)
    ):
        yield Hit(
            n.line,
            n.text,
            column=column,
            message=(
                f"Ký hiệu cơ quan {code} là của cấp ủy quận, huyện, đã kết thúc hoạt động "
                "từ ngày 01/7/2025."
            ),
            suggestion="Dùng ký hiệu của cơ quan ban hành hiện nay (ĐU của đảng ủy xã, phường; TU …).",
        )


def _committee_name(issuer: str) -> str:
    f = fold(issuer)
    names = {"TU": "Tỉnh ủy", "QU": "Quận ủy", "HU": "Huyện ủy", "ĐU": "Đảng ủy", "CB": "Chi bộ"}
    for word, code in _COMMITTEE_WORDS:
        if word in f:
            if word == "thanh uy":
                return "Thành ủy"
            return names.get(code, "cấp ủy")
    return "cấp ủy"


@rule(
    "NUM-008",
    Severity.INFO,
    title="Dấu hai chấm sau chữ Số theo kiểu văn bản",
    message="Văn bản Đảng không có dấu hai chấm sau chữ Số; văn bản nhà nước, công đoàn có.",
    suggestion="Đảng: Số 08-KH/QU; nhà nước, công đoàn: Số: 08/KH-UBND.",
    source="HD05 §I.3.2 (mẫu trình bày); NĐ30 PL I §II.3",
)
def number_colon(ctx: CheckContext) -> Iterator[Hit]:
    n = _number(ctx)
    if n is None or n.m.group("so") is None:
        return
    party = ctx.regime == "party"
    if n.shape not in (None, "party" if party else "state"):
        return  # the wrong form as a whole: NUM-005 or HDR-005
    colon = n.m.group("colon") == ":"
    if party and colon:
        yield Hit(
            n.line,
            n.text,
            column=n.column("colon"),
            message="Văn bản Đảng không có dấu hai chấm sau chữ Số.",
            suggestion=f"Viết: {_regime_form(ctx, n)}",
        )
    elif not party and not colon:
        yield Hit(
            n.line,
            n.text,
            column=n.start + len(n.m.group("so")) + 1,
            message="Văn bản nhà nước, công đoàn có dấu hai chấm sau chữ Số.",
            suggestion=f"Viết: {_regime_form(ctx, n)}",
        )


# --- the place and date line --------------------------------------------------------------

_DATE_PARTS = re.compile(
    r"(?P<comma>[,，]?)(?P<sp>\s*)(?P<ngay>ng[àa]y)(?P<d_sp>[\s.…_]*)(?P<d>\d{1,2})?"
    r"(?P<m_sp>[\s.…_]*)(?P<thang>th[áa]ng)(?P<m_sp2>[\s.…_]*)(?P<m>\d{1,2})?"
    r"(?:(?P<y_sp>[\s.…_]*)(?P<nam>n[ăa]m)(?P<y_sp2>[\s.…_]*)(?P<y>\d{4})?)?",
    re.IGNORECASE,
)
_LOOSE_DATE = re.compile(r"\bng[àa]y\b.*\bth[áa]ng\b", re.IGNORECASE)
_NUMERIC_DATE_LINE = re.compile(
    r"^(?P<place>[^\d,|]{2,40}),\s*(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})$"
)
_CELL_BREAK = re.compile(r"\||\t|\\r|\\n|\*\*|[ \u00a0]{4,}")


@dataclass(frozen=True)
class _DateLine:
    line: int
    start: int  # offset of the segment in the printed line
    text: str  # place and date as printed
    m: re.Match[str]  # _DATE_PARTS on ``text``
    place: str  # the text before the comma and "ngày"

    def column(self, group: str) -> int:
        return self.start + self.m.start(group) + 1


def _date_line(ctx: CheckContext) -> _DateLine | None:
    no = ctx.plan.date_line
    raw = ctx.line(no)
    if no is None or not raw:
        return None
    m = _DATE_PARTS.search(raw)
    if m is None:
        return None
    ngay = m.start()
    cells = list(_CELL_BREAK.finditer(raw, 0, ngay))
    start = cells[-1].end() if cells else 0
    place = ctx.plan.place
    if place:
        at = raw.rfind(place, start, ngay)
        if at >= 0:
            start = at
    while start < ngay and raw[start] in " \t\u00a0*":
        start += 1
    end_cell = _CELL_BREAK.search(raw, m.end())
    end = m.end() if m.group("y") or end_cell is None else end_cell.start()
    text = raw[start:end].rstrip(" \t\u00a0*")
    inner = _DATE_PARTS.search(text)
    if inner is None:
        return None
    return _DateLine(no, start, text, inner, text[: inner.start()].strip())


def _loose_date_line(ctx: CheckContext) -> Line | None:
    """A header line that looks like a date line the parser could not read (no year)."""
    if ctx.plan.date_line is not None:
        return None
    return next((ln for ln in ctx.header_lines if _LOOSE_DATE.search(ln.text)), None)


def _numeric_date_line(ctx: CheckContext) -> Line | None:
    """ "Hà Nội, 12/01/2017": a place and a date in figures instead of words."""
    if ctx.plan.date_line is not None:
        return None
    return next((ln for ln in ctx.header_lines if _NUMERIC_DATE_LINE.match(ln.text)), None)


def _issue_date(ctx: CheckContext) -> date | None:
    return date.fromisoformat(ctx.plan.date) if ctx.plan.date else None


@rule(
    "DAT-001",
    Severity.ERROR,
    title="Có dòng địa danh, ngày tháng năm ban hành",
    message="Không thấy dòng địa danh, ngày tháng năm ban hành.",
    suggestion="Thêm dòng địa danh và ngày ký, ví dụ Long Biên, ngày 03 tháng 11 năm 2023.",
    source=SRC_DATE,
)
def date_line_exists(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.plan.date_line is None and not (_loose_date_line(ctx) or _numeric_date_line(ctx)):
        yield Hit(None)


@rule(
    "DAT-002",
    Severity.ERROR,
    title="Ngày ban hành đủ ngày, tháng, năm",
    message="Dòng địa danh, ngày tháng thiếu ngày/tháng/năm.",
    suggestion="Điền đủ, ví dụ Bạch Thông, ngày 15 tháng 8 năm 2023.",
    source=SRC_DATE,
)
def date_complete(ctx: CheckContext) -> Iterator[Hit]:
    loose = _loose_date_line(ctx)
    if loose is not None:
        yield Hit(loose.no, loose.text, message="Dòng địa danh, ngày tháng thiếu năm.")
        return
    partial = ctx.analysis.header.partial_date
    if (
        ctx.plan.date_line is not None
        and partial is not None
        and (partial.day is None or partial.month is None)
    ):
        d = _date_line(ctx)
        missing = " và ".join(
            w for w, v in (("ngày", partial.day), ("tháng", partial.month)) if v is None
        )
        yield Hit(
            ctx.plan.date_line,
            d.text if d else ctx.line(ctx.plan.date_line).strip(),
            message=f"Dòng địa danh, ngày tháng thiếu {missing}.",
            suggestion=(
                f"Điền đủ ngày ký, ví dụ {ctx.plan.place or '<Địa danh>'}, ngày 15 tháng "
                f"{partial.month or 8} năm {partial.year or 2023}."
            ),
        )


@rule(
    "DAT-003",
    Severity.ERROR,
    title="Ngày ban hành là ngày có thật",
    message="Ngày ban hành không có thật.",
    suggestion="Kiểm tra lại ngày ký và sửa ngày, tháng, năm cho đúng.",
    source=SRC_DATE,
)
def date_real(ctx: CheckContext) -> Iterator[Hit]:
    partial = ctx.analysis.header.partial_date
    no = ctx.plan.date_line
    if partial is None or no is None:
        return
    y, mo, d = partial.year, partial.month, partial.day
    why = None
    if y is not None and not 1930 <= y <= 2100:
        why = f"năm {y}"
    elif mo is not None and not 1 <= mo <= 12:
        why = f"tháng {mo}"
    elif d is not None and mo is not None and y is not None:
        last = calendar.monthrange(y, mo)[1]
        if not 1 <= d <= last:
            why = f"tháng {mo}/{y} chỉ có {last} ngày" if d else "ngày 0"
    if why is None:
        return
    dl = _date_line(ctx)
    yield Hit(
        no,
        dl.text if dl else ctx.line(no).strip(),
        message=f"Ngày ban hành không có thật ({why}).",
    )


@rule(
    "DAT-004",
    Severity.WARNING,
    title="Dòng địa danh, ngày tháng đúng quy cách",
    message=("Ngày dưới 10 và tháng 1, 2 phải có số 0 phía trước; sau địa danh có dấu phẩy."),
    suggestion="Viết: <Địa danh>, ngày 03 tháng 02 năm 2026 (tháng 3 đến 12 không thêm số 0).",
    source="HD05 §I.4.2; NĐ30 PL I §II.4",
)
def date_form(ctx: CheckContext) -> Iterator[Hit]:
    numeric = _numeric_date_line(ctx)
    if numeric is not None:
        yield Hit(
            numeric.no,
            numeric.text,
            message="Ngày tháng năm ban hành phải viết đủ các chữ ngày, tháng, năm.",
            suggestion="Viết: <Địa danh>, ngày … tháng … năm …",
        )
        return
    dl = _date_line(ctx)
    if dl is None:
        return
    m = dl.m
    problems: list[tuple[int, str]] = []
    if not dl.place:
        problems.append((dl.column("ngay"), "thiếu địa danh trước ngày tháng"))
    elif not m.group("comma"):
        problems.append((dl.column("ngay"), "thiếu dấu phẩy sau địa danh"))
    words = [(m.group(g), w) for g, w in (("ngay", "ngày"), ("thang", "tháng"), ("nam", "năm"))]
    wrong = [w for got, w in words if got is not None and got != w]
    if wrong:
        problems.append((dl.column("ngay"), "viết đúng chữ thường có dấu: " + ", ".join(wrong)))
    day, month = m.group("d"), m.group("m")
    if day and len(day) == 1 and day != "0":
        problems.append((dl.column("d"), f"ngày {day} phải viết 0{day}"))
    if month and month.isdigit():
        value = int(month)
        if value in (1, 2) and len(month) == 1:
            problems.append((dl.column("m"), f"tháng {month} phải viết 0{month}"))
        elif value >= 3 and month.startswith("0"):
            problems.append((dl.column("m"), f"tháng {month} viết {value} (không thêm số 0)"))
    if not problems:
        return
    problems.sort()
    partial = ctx.analysis.header.partial_date
    place = ctx.plan.place or dl.place or "<Địa danh>"
    dd = f"{partial.day:02d}" if partial and partial.day else "…"
    mm = (
        (f"{partial.month:02d}" if partial.month < 3 else str(partial.month))
        if partial and partial.month
        else "…"
    )
    yy = str(partial.year) if partial and partial.year else "…"
    yield Hit(
        dl.line,
        dl.text,
        column=problems[0][0],
        message="Dòng địa danh, ngày tháng sai quy cách: "
        + "; ".join(dict.fromkeys(w for _, w in problems))
        + ".",
        suggestion=f"Viết: {place}, ngày {dd} tháng {mm} năm {yy}",
    )


@rule(
    "DAT-005",
    Severity.INFO,
    title="Dòng ngày tháng chỉ dùng một dấu cách giữa các từ",
    message="Thừa dấu cách trong dòng ngày tháng.",
    suggestion="Chỉ để một dấu cách giữa các từ và số.",
    source="HD05 §I.4.2; NĐ30 PL I §II.4",
)
def date_spaces(ctx: CheckContext) -> Iterator[Hit]:
    partial = ctx.analysis.header.partial_date
    if partial is None or partial.day is None or partial.month is None:
        return  # a blank day or month is a placeholder, not a typing slip
    dl = _date_line(ctx)
    if dl is None:
        return
    gap = re.search(r"[ \t\u00a0]{2,}|\t", dl.text)
    if gap is None:
        return
    fixed = re.sub(r"\s+", " ", dl.text)
    yield Hit(dl.line, dl.text, column=dl.start + gap.start() + 1, suggestion=f"Viết: {fixed}")


@rule(
    "DAT-006",
    Severity.WARNING,
    title="Ngày ban hành không sớm hơn văn bản căn cứ và không ở tương lai",
    message="Ngày ban hành sớm hơn ngày của văn bản được dùng làm căn cứ.",
    suggestion="Kiểm tra lại ngày ký của kế hoạch và ngày của văn bản căn cứ.",
    source="HD05 §I.4.1.2 (ngày ký); NĐ30 PL I §II.4",
)
def date_order(ctx: CheckContext) -> Iterator[Hit]:
    issued = _issue_date(ctx)
    no = ctx.plan.date_line
    if issued is None or no is None:
        return
    dl = _date_line(ctx)
    text = dl.text if dl else ctx.line(no).strip()
    later = [c for c in ctx.plan.basis if c.date and date.fromisoformat(c.date) > issued]
    if later:
        cited = max(later, key=lambda c: c.date or "")
        assert cited.date is not None
        name = " ".join(
            p
            for p in (
                cited.kind,
                "số" if cited.number else None,
                _number_symbol(cited.number, cited.symbol),
            )
            if p
        )
        where = f" (dòng {cited.line})" if cited.line else ""
        yield Hit(
            no,
            text,
            message=(
                f"Ngày ban hành {issued:%d/%m/%Y} sớm hơn ngày của văn bản căn cứ {name}{where}: "
                f"{date.fromisoformat(cited.date):%d/%m/%Y}."
            ),
        )
        return
    if issued > ctx.today:
        yield Hit(
            no,
            text,
            message=f"Ngày ban hành {issued:%d/%m/%Y} ở tương lai.",
            suggestion="Ghi ngày người có thẩm quyền ký văn bản.",
        )


def _number_symbol(number: str | None, symbol: str | None) -> str | None:
    """ "31" + "KH/TU" → "31-KH/TU" (Party); "60" + "KH-LĐLĐ" → "60/KH-LĐLĐ" (State)."""
    if not number or not symbol:
        return None
    party = re.match(r"[^\W\d_]\w*/", symbol) is not None
    return f"{number}-{symbol}" if party else f"{number}/{symbol}"


# --- header parts -------------------------------------------------------------------------

_LOST = " (có thể do mất khi trích xuất)"


def _lost(ctx: CheckContext, message: str) -> str:
    """Plain-text copies often lose the header table (§7.1): say so unless it is a DOCX."""
    return message if ctx.is_docx else message[:-1] + _LOST + "."


def _header_line_of(ctx: CheckContext, needle: str) -> Line | None:
    key = fold(needle)
    return next((ln for ln in ctx.header_lines if key in fold(ln.text)), None)


_NEEDS_SUPERIOR = (
    "quan uy",
    "huyen uy",
    "thi uy",
    "dang uy",
    "chi bo",
    "ban ",
    "van phong",
    "uy ban kiem tra",
    "truong chinh tri",
    "trung tam chinh tri",
)


@rule(
    "HDR-001",
    Severity.WARNING,
    regimes=("party",),
    title="Văn bản Đảng có tiêu đề ĐẢNG CỘNG SẢN VIỆT NAM",
    message="Thiếu tiêu đề ĐẢNG CỘNG SẢN VIỆT NAM (có thể do mất khi trích xuất).",
    suggestion="Thêm tiêu đề ĐẢNG CỘNG SẢN VIỆT NAM ở góc trên bên phải trang đầu.",
    source="HD05 §I.1",
    header_presence=True,
)
def party_title(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.analysis.header.party_title:
        yield Hit(None, message=_lost(ctx, "Thiếu tiêu đề ĐẢNG CỘNG SẢN VIỆT NAM."))


@rule(
    "HDR-002",
    Severity.WARNING,
    title="Có tên cơ quan ban hành (và cơ quan cấp trên khi cần)",
    message="Không thấy tên cơ quan ban hành văn bản (có thể do mất khi trích xuất).",
    suggestion="Ghi tên cơ quan ban hành ở góc trên bên trái, dưới tên cơ quan cấp trên trực tiếp.",
    source="HD05 §I.2; NĐ30 PL I §II.2",
    header_presence=True,
)
def issuer_named(ctx: CheckContext) -> Iterator[Hit]:
    organ = [ln for ln in ctx.analysis.header.organ_lines if len(ln) > 2]
    if not organ:
        yield Hit(None, message=_lost(ctx, "Không thấy tên cơ quan ban hành văn bản."))
        return
    if ctx.regime != "party" or len(organ) != 1:
        return
    name = organ[0]
    f = fold(name)
    if f.startswith(_NEEDS_SUPERIOR) and "trung uong" not in f:
        found = _header_line_of(ctx, name)
        # Verified in HD05 (§I.2.1); for HD36 and older only from secondary sources: info.
        yield Hit(
            found.no if found else None,
            name,
            severity=None if ctx.version == "HD05" else Severity.INFO,
            message=f"Thiếu tên cơ quan cấp trên trực tiếp phía trên {name}.",
            suggestion=(
                "Ghi hai dòng: tổ chức đảng cấp trên rồi cơ quan ban hành, ví dụ "
                "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI / QUẬN ỦY LONG BIÊN; QUẬN ỦY CẦU GIẤY / BAN TUYÊN GIÁO."
            ),
        )


@rule(
    "HDR-003",
    Severity.WARNING,
    regimes=("party",),
    title="Có dấu sao (*) dưới tên cơ quan ban hành",
    message="Thiếu dấu sao (*) dưới tên cơ quan ban hành.",
    suggestion="Đặt một dấu * dưới tên cơ quan ban hành, trên dòng số, ký hiệu.",
    source="HD05 §I.2.2.1",
)
def party_star(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.analysis.header.star:
        yield Hit(None, message=_lost(ctx, "Thiếu dấu sao (*) dưới tên cơ quan ban hành."))


@rule(
    "HDR-004",
    Severity.WARNING,
    regimes=("state", "union"),
    title="Có Quốc hiệu và Tiêu ngữ",
    message="Thiếu Quốc hiệu, Tiêu ngữ (có thể do mất khi trích xuất).",
    suggestion="Thêm CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM và Độc lập - Tự do - Hạnh phúc ở góc trên bên phải.",
    source="NĐ30 PL I §II.1; HD 1156/HD-TLĐ §I.1 (công đoàn)",
    header_presence=True,
)
def national_title(ctx: CheckContext) -> Iterator[Hit]:
    joined = " ".join(fold(ln.text) for ln in ctx.header_lines)
    motto = "doc lap" in joined and "hanh phuc" in joined
    country = "cong hoa xa hoi chu nghia" in joined
    if country and motto:
        return
    if not country and not motto:
        yield Hit(None, message=_lost(ctx, "Thiếu Quốc hiệu, Tiêu ngữ."))
        return
    missing = "Tiêu ngữ (Độc lập - Tự do - Hạnh phúc)" if country else "Quốc hiệu"
    found = _header_line_of(ctx, "chu nghia viet nam" if country else "doc lap")
    yield Hit(
        found.no if found else None,
        found.text if found else "",
        message=_lost(ctx, f"Thiếu {missing}."),
    )


@rule(
    "HDR-005",
    Severity.ERROR,
    title="Các dấu hiệu ở phần đầu văn bản thống nhất một kiểu văn bản",
    message="Phần đầu văn bản trộn thể thức văn bản Đảng và văn bản hành chính.",
    suggestion="Chọn một thể thức: Đảng (ĐẢNG CỘNG SẢN VIỆT NAM, Số 08-KH/QU) hoặc hành chính (Quốc hiệu, Số: 08/KH-UBND).",
    source="HD05 §I.1, §I.3; NĐ30 PL I §II.1, §II.3",
)
def header_signals_agree(ctx: CheckContext) -> Iterator[Hit]:
    header = ctx.analysis.header
    if header.party_title and header.national_title:
        party = _header_line_of(ctx, "dang cong san viet nam")
        state = _header_line_of(ctx, "chu nghia viet nam") or _header_line_of(ctx, "doc lap")
        second = max((ln for ln in (party, state) if ln), key=lambda ln: ln.no, default=None)
        yield Hit(
            second.no if second else None,
            second.text if second else "",
            message="Phần đầu văn bản có cả tiêu đề ĐẢNG CỘNG SẢN VIỆT NAM và Quốc hiệu.",
            suggestion="Văn bản Đảng chỉ ghi ĐẢNG CỘNG SẢN VIỆT NAM; văn bản hành chính, công đoàn ghi Quốc hiệu, Tiêu ngữ.",
        )
        return
    title = _title_regime(ctx)
    n = _number(ctx)
    if title is None or n is None or n.shape not in ("party", "state") or n.shape == title:
        return
    if title == "party":
        message = (
            "Có tiêu đề ĐẢNG CỘNG SẢN VIỆT NAM nhưng dòng số, ký hiệu theo kiểu văn bản hành chính."
        )
        want = "Văn bản Đảng"
    else:
        message = "Có Quốc hiệu, Tiêu ngữ nhưng dòng số, ký hiệu theo kiểu văn bản Đảng."
        want = "Văn bản hành chính, công đoàn"
    form = _regime_form_for(n, "party" if title == "party" else "state")
    yield Hit(
        n.line, n.text, column=n.column("lead"), message=message, suggestion=f"{want}: {form}"
    )


def _regime_form_for(n: _Number, regime: str) -> str:
    num = n.num or "…"
    codes = list(n.codes)
    if n.has_year:
        codes.pop(0)
    head = codes[0] if codes else "KH"
    rest = "-".join(codes[1:]) or "…"
    return f"Số {num}-{head}/{rest}" if regime == "party" else f"Số: {num}/{head}-{rest}"


# --- type name and title (trích yếu) ------------------------------------------------------

_RULE_LINE = re.compile(r"^[-–—_=.…*\s]{3,}$")
_DASH_RUN = re.compile(r"[-–—_=]{3,}")
_TYPE_NAMES = {
    "ke hoach",
    "huong dan",
    "quyet dinh",
    "chi thi",
    "ket luan",
    "bao cao",
    "thong bao",
    "quy che",
    "nghi quyet",
    "chuong trinh",
    "to trinh",
    "quy dinh",
    "thong tri",
    "de an",
}
# Words that keep their capital at the start of a trích yếu (proper nouns, named documents).
_PROPER_STARTS = (
    "Đảng",
    "Bác",
    "Nhân dân",
    "Nhà nước",
    "Tổ quốc",
    "Đại hội",
    "Hội nghị",
    "Nghị quyết",
    "Chỉ thị",
    "Kết luận",
    "Quy định",
    "Hiến pháp",
    "Luật",
    "Điều lệ",
    "Tết",
    "Ngày",
    "Người",
    "Chủ tịch",
    "Hồ Chí Minh",
    "Việt Nam",
)


def _type_line_index(ctx: CheckContext) -> int | None:
    no = ctx.plan.title_line
    if no is None:
        return None
    return next(
        (
            i
            for i, ln in enumerate(ctx.analysis.cleaned)
            if ln.no == no and ln.text and type_word(ln.text)
        ),
        None,
    )


def _title_block(ctx: CheckContext) -> tuple[list[Line], list[Line]]:
    """(the trích yếu lines, the separator lines under it) as cleaned lines."""
    idx = _type_line_index(ctx)
    if idx is None:
        return [], []
    cleaned = ctx.analysis.cleaned
    header = ctx.analysis.header
    found = type_word(cleaned[idx].text)
    title: list[Line] = []
    if found and found[1]:
        title.append(Line(cleaned[idx].no, found[1]))
    seps: list[Line] = []
    end = max(header.title_end, idx + 1)
    for ln in cleaned[idx + 1 : end]:
        if not ln.text or ln.text == header.authority_line:
            continue
        if _RULE_LINE.match(ln.text):
            seps.append(ln)
            continue
        if not seps:
            title.append(ln)
    if not seps:
        after = next((ln for ln in cleaned[end:] if ln.text), None)
        if after is not None and _RULE_LINE.match(after.text):
            seps.append(after)
    return title, seps


def _is_cong_van(ctx: CheckContext) -> bool:
    n = _number(ctx)
    if n is not None and n.type_code == "CV":
        return True
    return any(ln.text.startswith(("V/v", "v/v")) for ln in ctx.analysis.cleaned[:40])


@rule(
    "TYP-001",
    Severity.ERROR,
    title="Có dòng tên loại văn bản (KẾ HOẠCH) in hoa, đứng riêng một dòng",
    message="Không thấy dòng tên loại văn bản (KẾ HOẠCH).",
    suggestion="Ghi tên loại KẾ HOẠCH in hoa trên một dòng riêng, căn giữa, trên trích yếu.",
    source=SRC_TYPE,
)
def type_line(ctx: CheckContext) -> Iterator[Hit]:
    plan = ctx.plan
    if plan.title_line is None:
        if _is_cong_van(ctx):
            return  # a công văn has no type line (box 5b)
        for ln in ctx.header_lines:
            name = fold(ln.text).strip(" :.")
            if name in _TYPE_NAMES:
                yield Hit(
                    ln.no,
                    ln.text,
                    message=f"Tên loại văn bản phải viết in hoa: {ln.text.strip(' :.').upper()}.",
                    suggestion=f"Viết {ln.text.strip(' :.').upper()} trên một dòng riêng.",
                )
                return
        yield Hit(None)
        return
    idx = _type_line_index(ctx)
    if idx is None:
        return
    text = ctx.analysis.cleaned[idx].text
    found = type_word(text)
    if found and found[1]:
        yield Hit(
            plan.title_line,
            text,
            message="Tên loại văn bản phải đứng riêng một dòng; trích yếu ghi ở dòng dưới.",
            suggestion=f"Tách thành hai dòng: {found[0]} / {found[1]}",
            severity=Severity.WARNING,
        )


@rule(
    "TTL-001",
    Severity.ERROR,
    title="Có trích yếu dưới tên loại văn bản",
    message="Thiếu trích yếu nội dung dưới tên loại văn bản.",
    suggestion="Ghi trích yếu ngắn gọn dưới dòng KẾ HOẠCH, ví dụ tuyên truyền kỷ niệm …",
    source=SRC_TYPE,
)
def title_present(ctx: CheckContext) -> Iterator[Hit]:
    plan = ctx.plan
    if plan.title_line is not None and not plan.title:
        yield Hit(plan.title_line, ctx.line(plan.title_line).strip())


@rule(
    "TTL-002",
    Severity.WARNING,
    title="Trích yếu không kết thúc bằng dấu câu",
    message="Trích yếu không kết thúc bằng dấu chấm.",
    suggestion="Bỏ dấu câu ở cuối trích yếu.",
    source="HD05 §I.5 (mẫu); NĐ30 PL I §II.5 và PL III (mẫu 1.4)",
)
def title_no_end_mark(ctx: CheckContext) -> Iterator[Hit]:
    title, _ = _title_block(ctx)
    if not title:
        return
    last = title[-1]
    text = last.text.rstrip()
    if not text or text[-1] not in ".:;" or text.endswith(("..", "…")):
        return
    mark = text[-1]
    printed = ctx.line(last.no).rstrip(" \t\u00a0*")
    column = len(printed) if printed.endswith(mark) else None
    what = {".": "dấu chấm", ":": "dấu hai chấm", ";": "dấu chấm phẩy"}[mark]
    yield Hit(
        last.no,
        text,
        column=column,
        message=f"Trích yếu không kết thúc bằng {what}.",
        suggestion=f"Bỏ {what} ở cuối: {text[:-1].rstrip()}",
    )


@rule(
    "TTL-003",
    Severity.INFO,
    regimes=("party",),
    title="Trích yếu văn bản Đảng bắt đầu bằng chữ thường",
    message="Trích yếu văn bản Đảng viết chữ thường, bắt đầu bằng chữ thường.",
    suggestion="Ví dụ: tuyên truyền kỷ niệm 80 năm Ngày thành lập …",
    source="HD05 §I.5.2, Phụ lục 2 dòng 5",
    applies_from=date(2026, 5, 27),
)
def party_title_lower(ctx: CheckContext) -> Iterator[Hit]:
    title, _ = _title_block(ctx)
    if not title:
        return
    first = title[0]
    text = first.text.strip()
    letters = [c for c in " ".join(ln.text for ln in title) if c.isalpha()]
    if not letters:
        return
    printed = ctx.line(first.no)
    pos = next((i for i, c in enumerate(printed) if c.isalpha()), -1)
    column = pos + 1 if pos >= 0 else None
    if sum(c.isupper() for c in letters) >= 0.85 * len(letters) and len(letters) > 3:
        yield Hit(
            first.no,
            text,
            column=column,
            message="Trích yếu văn bản Đảng viết chữ thường, không viết in hoa toàn bộ.",
            suggestion=f"Viết: {text[:1]}{text[1:].lower()}",
        )
        return
    words = text.split()
    if len(words) < 2 or not words[0][:1].isupper() or words[0].isupper():
        return  # starts lower case, or with an abbreviation (COVID-19, ASEAN)
    if text.startswith(_PROPER_STARTS) or words[1][:1].isupper():
        return  # a proper name keeps its capital
    yield Hit(
        first.no,
        text,
        column=column,
        suggestion=f"Viết: {text[:1].lower()}{text[1:]}",
    )


@rule(
    "TTL-004",
    Severity.INFO,
    regimes=("party",),
    title="Dưới trích yếu văn bản Đảng là năm dấu gạch nối (-----)",
    message="Dưới trích yếu văn bản Đảng dùng 05 dấu gạch nối (-----).",
    suggestion="Thay đường kẻ bằng đúng năm dấu gạch nối: -----",
    source="HD05 §I.5.2",
)
def party_separator(ctx: CheckContext) -> Iterator[Hit]:
    _, seps = _title_block(ctx)
    for ln in seps[:1]:
        printed = ctx.line(ln.no)
        runs = list(_DASH_RUN.finditer(printed))
        if not runs:
            continue
        run = runs[-1]
        if run.group() == "-----":
            continue
        count = len(run.group())
        kind = "dấu gạch nối" if set(run.group()) == {"-"} else "ký tự"
        yield Hit(
            ln.no,
            run.group(),
            column=run.start() + 1,
            message=(
                f"Dưới trích yếu văn bản Đảng dùng 05 dấu gạch nối (-----), "
                f"không phải {count} {kind}."
            ),
        )
