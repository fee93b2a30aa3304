"""Citations of the documents a plan implements ("Thực hiện …", "Căn cứ …").

Party numbers are written "20-CT/TW", State numbers "115/KH-UBND", legal documents
"26/2020/NĐ-CP"; the word "số", the date and the issuer may each be missing. A document
named inside another citation's description ("… về triển khai thực hiện Chỉ thị số
20-CT/TW") is not a separate ground, and neither is a repeat.
"""

from __future__ import annotations

import re

from ..model import Citation
from ..text import fold
from .dates import DATE_NUMERIC, DATE_WORDS, iso
from .lines import Line

__all__ = ["extract_basis", "find_citations"]

_KINDS = {
    "ke hoach": "Kế hoạch",
    "chi thi": "Chỉ thị",
    "nghi quyet": "Nghị quyết",
    "huong dan": "Hướng dẫn",
    "ket luan": "Kết luận",
    "quyet dinh": "Quyết định",
    "chuong trinh": "Chương trình",
    "cong van": "Công văn",
    "van ban": "Công văn",
    "thong bao": "Thông báo",
    "to trinh": "Tờ trình",
    "thong tu": "Thông tư",
    "nghi dinh": "Nghị định",
    "luat": "Luật",
    "dieu le": "Điều lệ",
    "de an": "Đề án",
    "quy dinh": "Quy định",
    "quy che": "Quy chế",
    "thong tri": "Thông tri",
    "cong dien": "Công điện",
    "bao cao": "Báo cáo",
    "hien phap": "Hiến pháp",
}
_KIND_WORDS = (
    r"Kế\s*hoạch|Chỉ\s*thị|Nghị\s*quyết|Hướng\s*dẫn|Kết\s*luận|Quyết\s*định|Chương\s*trình|Công\s*văn|"
    r"văn\s*bản|Thông\s*báo|Tờ\s*trình|Thông\s*tư|Nghị\s*định|Luật|Điều\s*lệ|Đề\s*án|Quy\s*định|Quy\s*chế|"
    r"Thông\s*tri|Công\s*điện|Báo\s*cáo|Hiến\s*pháp"
)
# Both cases of each kind's first letter, spelled out: IGNORECASE on Vietnamese text makes
# the engine fold every character it tries and costs many times more.
_KIND_ANY_CASE = "|".join(
    f"[{word[0].upper()}{word[0].lower()}]{word[1:]}" for word in _KIND_WORDS.split("|")
)
# Kind, optional "số", number, separator, symbol (letters, digits, / and - with stray spaces).
_NUMBERED = re.compile(
    rf"(?P<kind>{_KIND_ANY_CASE})\s*(?:(?:liên\s+tịch|phối\s+hợp|liên\s+ngành|hành\s+động|công\s+tác)\s+)?"
    r"(?:[Ss]ố\s*:?\s*)?(?P<num>\d{1,6})"
    r"(?:(?P<sep>\s*[-/–]\s*|\s+)(?P<sym>(?:\d{4}\s*/\s*)?[A-ZĐƯ][\wĐđƯư.&]*(?:\s*[/\-–]\s*[A-ZĐƯ0-9][\wĐđƯư.&]*)*))?"
)
_DATE_AFTER = re.compile(
    r"^\s*[,;]?\s*(?:ban\s+hành\s+)?ng[àa]y\s*(?:(?P<d>\d{1,2})\s*([/.\-])\s*(?P<m>\d{1,2})\s*\2\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s*th[áa]ng\s*(?P<m2>\d{1,2})\s*n[ăa]m\s*(?P<y2>\d{4}))",
    re.IGNORECASE,
)
_ISSUER_AFTER = re.compile(r"^\s*,?\s*(?:của|do|giữa)\s+(?P<who>[^,;:(\"“”]+)", re.IGNORECASE)
_ISSUER_STOP = re.compile(
    r"\s+và\s+(?:"
    + _KIND_WORDS
    + r")\b.*$|\s+(?:về|V/v|v/v|Về|ban hành|Ban hành|quy định|Quy định|phê duyệt|hướng dẫn|thực hiện|triển khai|"
    r"tổ chức|tiếp tục|nâng cao|đẩy mạnh|tăng cường|xây dựng|tại|trong|đối với|kèm theo|năm \d{4})\b.*$"
)
# An unnumbered ground (a law, a charter, a programme) starts a slot of the opening: at
# the start, after punctuation, after "Thực hiện"/"Căn cứ", or after "và"; its title runs
# to the first of the terminators below.
_UNNUMBERED_KIND = re.compile(
    r"(?<!\w)(?P<kind>Luật|Điều lệ|Hiến pháp|[Cc]hương trình|Bộ luật|Quy chế)\s+(?=\S)"
)
_SLOT_BEFORE = re.compile(r"(?:^|[;,:.]\s|\b(?:Thực hiện|thực hiện|Căn cứ|căn cứ|và)\s)$")
_TITLE_END = re.compile(
    r"\s*(?:;|\.\s|\.$|$|\s+như sau|,\s*(?:[Cc]ăn cứ|[Tt]hực hiện|chương trình|[A-ZĐ])|\s+và\s+(?:"
    + _KIND_WORDS
    + r")\b|\s+ngày\s+\d)"
)


_ISSUED_WITH = re.compile(r"\s+(?:được\s+)?(?:ban hành\s+)?kèm theo\s+")


def _unnumbered(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end of title, kind as printed, title) of each unnumbered ground."""
    out = []
    for m in _UNNUMBERED_KIND.finditer(text):
        if not _SLOT_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        end = _TITLE_END.search(text, m.end() + 1)
        stop = end.start() if end else len(text)
        title = text[m.end() : stop]
        if ";" in title or not title.strip():
            continue
        out.append((m.start(), stop, m.group("kind"), title))
    return out


def _kind(word: str) -> str:
    return _KINDS.get(re.sub(r"\s+", " ", fold(word)), word)


# Citations are found number first: digits are rare and cheap to find, while trying the
# kind words at every position of a paragraph is not.
_DIGITS = re.compile(r"\d+")
_KIND_BEFORE = re.compile(
    rf"(?P<kind>{_KIND_ANY_CASE})\s*(?:(?:liên\s+tịch|phối\s+hợp|liên\s+ngành|hành\s+động|công\s+tác)\s+)?"
    r"(?:(?P<so>[Ss]ố)\s*:?\s*)?$"
)
_SYMBOL_AFTER = re.compile(
    r"(?P<sep>\s*[-/–]\s*|\s+)(?P<sym>(?:\d{4}\s*/\s*)?[A-ZĐƯ][\wĐđƯư.&]*(?:\s*[/\-–]\s*[A-ZĐƯ0-9][\wĐđƯư.&]*)*)"
)
_DATE_AT = re.compile(_DATE_AFTER.pattern.removeprefix("^"), re.IGNORECASE)
_ISSUER_AT = re.compile(_ISSUER_AFTER.pattern.removeprefix("^"), re.IGNORECASE)
_PROPOSED_BY = re.compile(r"đề nghị của\s+(?P<who>[^,;:]{3,80}?)\s+tại\s*$")


def find_citations(text: str, line_no: int | None = None) -> list[tuple[Citation, int, int]]:
    """Every numbered citation in ``text`` with its (start, end) span."""
    out: list[tuple[Citation, int, int]] = []
    for n in _DIGITS.finditer(text):
        if n.end() - n.start() > 6:
            continue
        b = _KIND_BEFORE.search(text, max(0, n.start() - 40), n.start())
        if b is None:
            continue
        start = b.start()
        # "Kế hoạch" must be a word on its own: not the tail of "kế hoạch hóa".
        if start > 0 and text[start - 1].isalpha():
            continue
        a = _SYMBOL_AFTER.match(text, n.end())
        sym = a.group("sym") if a else None
        sep = a.group("sep") if a else ""
        has_so = b.group("so") is not None
        if sym is None and not has_so:
            continue  # "Nghị quyết 2015" is not a citation; "Kế hoạch số 155" is.
        if sym is not None and not sep.strip() and not has_so and not re.search(r"[/\-–]", sym):
            continue  # "Chỉ thị 05 CT/TW" is a citation; "Luật 2015 Bộ" is not.
        symbol = re.sub(r"\s+", "", sym).strip(".") if sym else None
        if symbol and not re.search(r"[A-ZĐ]", symbol):
            symbol = None
        end = a.end() if a else n.end()
        date = None
        dm = _DATE_AT.match(text, end)
        if dm:
            if dm.group("d"):
                date = iso(int(dm.group("y")), int(dm.group("m")), int(dm.group("d")))
            else:
                date = iso(int(dm.group("y2")), int(dm.group("m2")), int(dm.group("d2")))
            end = dm.end()
        issuer = _issuer_at(text, end)
        if issuer is None:
            # "Theo đề nghị của Giám đốc Công an tỉnh tại Tờ trình số 02/TTr-CAT …"
            back = _PROPOSED_BY.search(text, max(0, start - 120), start)
            if back:
                issuer = back.group("who").strip()
        citation = Citation(
            kind=_kind(b.group("kind")),
            number=n.group(0),
            symbol=symbol,
            date=date,
            issuer=issuer,
            line=line_no,
        )
        out.append((citation, start, end))
    return out


def _issuer_at(text: str, pos: int) -> str | None:
    m = _ISSUER_AT.match(text, pos)
    if not m:
        return None
    who = _ISSUER_STOP.sub("", m.group("who")).strip(" .")
    if not who or not who[0].isupper() or len(who) > 120:
        return None
    return who


_QUOTED_ABOUT = re.compile(r"\b(?:về|V/v|Về việc|về việc)\s*[“\"][^”\"]*[”\"]")
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


def _nested(text: str, prev_end: int, start: int) -> bool:
    """Is the citation at ``start`` inside the description of the one ending at ``prev_end``?

    "… của X về “Tiêu đề”, Kế hoạch số …" starts a new ground (the quoted subject closed
    the description); "… về việc thực hiện Chương trình số …" does not.
    """
    between = text[prev_end:start]
    if re.search(r";|\.\s|\b(?:Thực hiện|Căn cứ|Theo đề nghị|căn cứ)\b", between):
        return False
    between = _QUOTED.sub(" ", _QUOTED_ABOUT.sub(" ", between))
    if between.count("“") > between.count("”") or between.count('"') % 2 == 1:
        return True
    return bool(re.search(r"\b(?:về|V/v|Về việc|về việc|triển khai|thực hiện)\b", between))


def extract_basis(lines: list[Line]) -> list[Citation]:
    """The grounds cited in the opening paragraphs, in order of first appearance."""
    found: list[Citation] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    seen_titles: set[str] = set()
    for line in lines:
        text = line.text
        items: list[tuple[int, Citation]] = []
        prev_end = -1
        cited = find_citations(text, line.no)
        for citation, start, end in cited:
            if prev_end >= 0 and _nested(text, prev_end, start):
                prev_end = max(prev_end, end)
                continue
            items.append((start, citation))
            prev_end = end
        for u_start, u_end, u_kind, u_title in _unnumbered(text):
            if any(s <= u_start < e for _, s, e in cited):
                continue
            attached = _ISSUED_WITH.search(u_title)
            if attached:
                # "Quy chế … ban hành kèm theo Quyết định số 84 …": the decision is the ground,
                # the regulation it issues is its title.
                at = u_start + len(u_kind) + 1 + attached.end()
                for citation, start, _end in cited:
                    if start >= at - 2 and citation.title is None:
                        citation.title = f"{u_kind} {u_title[: attached.start()]}".strip(" ,")
                        break
                continue
            if _inside_description(text, u_start, items):
                continue
            segment_start = max(text.rfind(";", 0, u_start), 0)
            if any(segment_start <= start < u_start and c.number for start, c in items):
                continue  # "… ban hành Chương trình “…”": part of a numbered citation
            kind = _kind(u_kind)
            title_text = f"{u_kind} {u_title}".strip()
            owner = None
            of = re.search(r"\s+của\s+(?P<who>[A-ZĐÀ-Ỹ][^,;]{2,100})$", title_text)
            if of and not re.match(_KIND_WORDS, of.group("who")):
                owner = of.group("who").strip()
                title_text = title_text[: of.start()].strip()
            date = None
            dm = DATE_WORDS.search(text, u_end, u_end + 40) or DATE_NUMERIC.search(
                text, u_end, u_end + 30
            )
            if dm and text[u_end : dm.start()].strip(" ,") in {"", "ngày"}:
                if dm.re is DATE_WORDS:
                    date = iso(int(dm.group(3)), int(dm.group(2)), int(dm.group(1)))
                else:
                    date = iso(int(dm.group(4)), int(dm.group(3)), int(dm.group(1)))
            if len(title_text) > 200:
                continue
            citation = Citation(kind=kind, title=title_text, date=date, issuer=owner, line=line.no)
            items.append((u_start, citation))
        items.sort(key=lambda pair: pair[0])
        for _, citation in items:
            if citation.number is None:
                key_title = fold(citation.title or "")
                if key_title in seen_titles:
                    continue
                seen_titles.add(key_title)
                found.append(citation)
                continue
            key = (citation.kind or "", citation.number, (citation.symbol or "").upper())
            if key in seen:
                continue
            seen.add(key)
            found.append(citation)
    return found


def _inside_description(text: str, pos: int, items: list[tuple[int, Citation]]) -> bool:
    """An unnumbered name after a numbered citation's "về …" belongs to that citation."""
    before = text[:pos]
    last_sep = max(before.rfind(";"), before.rfind(". "))
    segment = before[last_sep + 1 :]
    if re.search(r"\b(?:về|V/v)\b", segment) and any(start > last_sep for start, _ in items):
        return True
    return segment.count("“") > segment.count("”") or segment.count('"') % 2 == 1
