"""Who issued the plan: header organ, opening sentence, authority line, signature, symbol.

Order of evidence (corpus/README.md): the header organ lines; the authority line of a
decision; the subject of the opening sentence ("Ban Thường vụ Quận ủy ban hành …"); the
signature authority; the symbol's body code. A collective body named in the opening
("Ban Thường vụ", "Thường trực", "Ban Bí thư") refines the header organ, and the place
completes a name that lacks its locality ("Quận ủy" + "Long Biên").
"""

from __future__ import annotations

import re

from ..model import Plan
from ..text import fold, unify_tone_placement
from .header import Header, header_organ
from .lines import Line
from .orgs import COLLECTIVE_PREFIXES, expand_abbreviations, issuer_from_symbol, org_case

__all__ = ["determine_issuer", "opening_subject"]

_SUBJECT = re.compile(
    r"(?:^|[,.;:]\s+|\s-\s)(?P<subj>(?:Ban|Thường trực|Thường vụ|Ủy ban|Uỷ ban|UBND|UBMTTQ|Hội đồng|Đảng ủy|Đảng uỷ|"
    r"Chi bộ|Chi ủy|Huyện ủy|Huyện uỷ|Quận ủy|Quận uỷ|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Thị ủy|Liên đoàn|LĐLĐ|"
    r"Công đoàn|Đoàn|Thành đoàn|Tỉnh đoàn|Hội|Sở|Phòng|Trung tâm|Văn phòng|Trường|Mặt trận|MTTQ|BTV|BCH|Chủ tịch)"
    r"[^,.;:()]{0,110}?)\s+(?:đã\s+|sẽ\s+)?(?:ban hành|xây dựng|triển khai|hướng dẫn|lập|thông báo|kết luận|"
    r"đề ra|tổ chức triển khai|thống nhất|chỉ đạo xây dựng)\b"
)
_LEVEL_ENDINGS = (
    "quan uy",
    "huyen uy",
    "tinh uy",
    "thanh uy",
    "thi uy",
    "dang uy",
    "quan",
    "huyen",
    "tinh",
    "thanh pho",
    "xa",
    "phuong",
    "thi xa",
    "thi tran",
    "quan doan",
    "huyen doan",
    "tinh doan",
    "thanh doan",
)


def opening_subject(lines: list[Line]) -> str | None:
    for line in lines:
        m = _SUBJECT.search(line.text)
        if m:
            subject = re.sub(r"\s+", " ", m.group("subj")).strip()
            if len(subject.split()) >= 2 or fold(subject) in {"ubnd", "btv"}:
                return subject
    return None


def _merge(subject: str, organ: str) -> str:
    """Refine the header organ with the opening's collective body."""
    organ = expand_abbreviations(organ)
    s_words = subject.split()
    o_fold = fold(organ)
    if o_fold.startswith(fold(subject)):
        return organ
    if fold(subject).startswith(o_fold):
        return subject
    for k in range(len(s_words), 0, -1):
        tail = " ".join(s_words[-k:])
        pos = o_fold.find(fold(tail))
        if pos >= 0 and (k > 1 or tail[:1].isupper()):
            rest = organ[pos + len(tail) :].strip()
            return f"{subject} {rest}".strip()
    if any(fold(subject) == p for p in COLLECTIVE_PREFIXES):
        return f"{subject} {organ}"
    return subject


def _complete_with_place(name: str, place: str | None) -> str:
    if not place:
        return name
    key = fold(name)
    if fold(place) in key:
        return name
    if key.endswith(_LEVEL_ENDINGS):
        return f"{name} {place}"
    return name


def determine_issuer(plan: Plan, header: Header, opening: list[Line]) -> None:
    organ, _superior = header_organ(header)
    subject = opening_subject(opening)
    authority = org_case(header.authority_line) if header.authority_line else None
    issuer: str | None = None
    source = "header"
    if authority and fold(authority).startswith(COLLECTIVE_PREFIXES):
        subject = subject or authority
    if subject:
        subject_full = expand_abbreviations(subject)
        if (
            organ
            and fold(subject_full).startswith(fold(organ))
            and fold(subject_full) != fold(organ)
        ):
            issuer = _complete_with_place(subject_full, plan.place)  # "Ủy ban nhân dân" + "tỉnh"
        elif organ:
            issuer = (
                _merge(subject_full, organ)
                if fold(subject_full).startswith(COLLECTIVE_PREFIXES)
                or fold(organ).startswith(fold(subject_full))
                else organ
            )
        else:
            issuer = _complete_with_place(subject_full, plan.place)
            source = "opening"
    elif organ:
        issuer = organ
        if fold(issuer) in {"uy ban nhan dan", "hoi dong nhan dan"}:
            issuer = _complete_with_place(issuer + " tỉnh", plan.place) if plan.place else issuer
    if issuer is None:
        from_symbol = issuer_from_symbol(plan.symbol)
        authority_body = None
        if plan.signer and plan.signer.authority:
            words = plan.signer.authority.split(maxsplit=1)
            if len(words) == 2 and fold(words[1]).startswith(COLLECTIVE_PREFIXES):
                authority_body = org_case(words[1])
        if from_symbol:
            base = (
                f"{authority_body} {from_symbol}"
                if authority_body and not from_symbol.startswith("Ban")
                else from_symbol
            )
            issuer = _complete_with_place(base, plan.place)
            source = "symbol"
    if issuer is None:
        plan.warn(None, "issuer-missing", "không xác định được cơ quan ban hành")
        return
    plan.issuer = unify_tone_placement(expand_abbreviations(issuer))
    if source != "header":
        how = {"opening": "câu mở đầu", "symbol": "ký hiệu và chữ ký"}[source]
        plan.warn(
            header_line(plan), "issuer-inferred", f"cơ quan ban hành suy ra từ {how}: {plan.issuer}"
        )


def header_line(plan: Plan) -> int | None:
    return plan.number_line or plan.date_line
