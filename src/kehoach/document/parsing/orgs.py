"""Names of bodies: casing of header lines, abbreviations, symbol codes.

Header organ lines are printed in capitals ("ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI"); the
structured plan names the issuer in running-text case ("Ủy ban nhân dân thành phố Hà
Nội"). Generic words take their conventional case, place names keep title case.
"""

from __future__ import annotations

import re

from ..text import fold, match_key, unify_tone_placement

__all__ = [
    "COLLECTIVE_PREFIXES",
    "LOCALITY_WORDS",
    "expand_abbreviations",
    "issuer_from_symbol",
    "org_case",
    "type_from_symbol",
]

# Folded multi-word phrases → their conventional case (longest first when matching).
_PHRASES: dict[str, str] = {
    "uy ban nhan dan": "Ủy ban nhân dân",
    "hoi dong nhan dan": "Hội đồng nhân dân",
    "ban chap hanh": "Ban Chấp hành",
    "ban thuong vu": "Ban Thường vụ",
    "ban bi thu": "Ban Bí thư",
    "ban thu ky": "Ban Thư ký",
    "thuong truc": "Thường trực",
    "doan chu tich": "Đoàn Chủ tịch",
    "ban tuyen giao": "Ban Tuyên giáo",
    "va dan van": "và Dân vận",
    "ban dan van": "Ban Dân vận",
    "ban to chuc": "Ban Tổ chức",
    "ban noi chinh": "Ban Nội chính",
    "ban kinh te": "Ban Kinh tế",
    "ban chinh sach, chien luoc": "Ban Chính sách, chiến lược",
    "uy ban kiem tra": "Ủy ban Kiểm tra",
    "van phong": "Văn phòng",
    "trung uong": "Trung ương",
    "doan tncs ho chi minh": "Đoàn TNCS Hồ Chí Minh",
    "doan thanh nien cong san ho chi minh": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "thanh doan": "Thành đoàn",
    "tinh doan": "Tỉnh đoàn",
    "huyen doan": "Huyện đoàn",
    "quan doan": "Quận đoàn",
    "tinh uy": "Tỉnh ủy",
    "thanh uy": "Thành ủy",
    "huyen uy": "Huyện ủy",
    "quan uy": "Quận ủy",
    "thi uy": "Thị ủy",
    "dang uy": "Đảng ủy",
    "dang bo": "Đảng bộ",
    "chi bo": "Chi bộ",
    "lien doan lao dong": "Liên đoàn Lao động",
    "cong doan": "Công đoàn",
    "uy ban mat tran to quoc viet nam": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "uy ban mat tran to quoc": "Ủy ban Mặt trận Tổ quốc",
    "mat tran to quoc viet nam": "Mặt trận Tổ quốc Việt Nam",
    "mat tran to quoc": "Mặt trận Tổ quốc",
    "hoi lien hiep phu nu": "Hội Liên hiệp Phụ nữ",
    "hoi lien hiep thanh nien viet nam": "Hội Liên hiệp Thanh niên Việt Nam",
    "hoi cuu chien binh": "Hội Cựu chiến binh",
    "hoi nong dan": "Hội Nông dân",
    "trung tam chinh tri": "Trung tâm Chính trị",
    "thanh pho": "thành phố",
    "thi xa": "thị xã",
    "thi tran": "thị trấn",
    "dac khu": "đặc khu",
    "viet nam": "Việt Nam",
    "nhan dan": "nhân dân",
}
_WORDS: dict[str, str] = {
    "tinh": "tỉnh",
    "quan": "quận",
    "huyen": "huyện",
    "xa": "xã",
    "phuong": "phường",
    "va": "và",
    "cua": "của",
    "so": "Sở",
    "phong": "Phòng",
    "ban": "Ban",
    "bo": "Bộ",
    "truong": "Trường",
    "hoi": "Hội",
    "doan": "Đoàn",
    "lhpn": "LHPN",
}
_PHRASE_KEYS: dict[str, str] = {match_key(v): v for v in _PHRASES.values()}
_WORD_KEYS: dict[str, str] = {match_key(v): v for v in _WORDS.values()}
_MAX_PHRASE = max(len(k.split()) for k in _PHRASE_KEYS)
_ABBREVIATIONS = {
    "tncs",
    "ubnd",
    "hdnd",
    "mttq",
    "ldld",
    "ct-xh",
    "tw",
    "vn",
    "lhtn",
    "lhpn",
    "ccb",
    "tp",
    "tp.",
    "thcs",
    "thpt",
    "vh-tt",
    "vhtt",
    "tdtt",
    "cnvcld",
    "btg",
    "bch",
    "btv",
    "hcm",
}

LOCALITY_WORDS = (
    "tỉnh",
    "thành phố",
    "quận",
    "huyện",
    "thị xã",
    "xã",
    "phường",
    "thị trấn",
    "đặc khu",
)

# Collective bodies that refine the header organ ("Ban Thường vụ" of a "Quận ủy").
COLLECTIVE_PREFIXES = (
    "ban thuong vu",
    "thuong truc",
    "ban chap hanh",
    "ban bi thu",
    "ban thu ky",
    "doan chu tich",
    "ban can su",
    "ban thuong truc",
)


def org_case(text: str) -> str:
    """ "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" → "Ủy ban nhân dân thành phố Hà Nội".

    Matching is accent-sensitive so that "CỬA" (a place word) never becomes "của".
    """
    words = text.split()
    keys = [match_key(w) for w in words]
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_PHRASE, len(words) - i), 1, -1):
            key = " ".join(keys[i : i + n])
            if key in _PHRASE_KEYS:
                out.append(_PHRASE_KEYS[key])
                i += n
                break
        else:
            w, k = words[i], keys[i]
            if k in _WORD_KEYS:
                out.append(_WORD_KEYS[k])
            elif fold(w) in _ABBREVIATIONS or (
                w.isupper() and not re.search(r"[aeiouyăâêôơư]", fold(w))
            ):
                out.append(w)
            elif w.isupper():
                out.append(w[:1] + w[1:].lower())
            else:
                out.append(w)
            i += 1
    result = " ".join(out)
    return result[:1].upper() + result[1:] if result else result


_ABBREV_EXPANSIONS = (
    (re.compile(r"\bUBND\b"), "Ủy ban nhân dân"),
    (re.compile(r"\bHĐND\b"), "Hội đồng nhân dân"),
    (re.compile(r"\bUBMTTQ(?:VN)?\b"), "Ủy ban Mặt trận Tổ quốc"),
    (re.compile(r"\bMTTQ(?:VN)?\b"), "Mặt trận Tổ quốc"),
    (re.compile(r"\bLĐLĐ\b"), "Liên đoàn Lao động"),
    (re.compile(r"\bBTV\b"), "Ban Thường vụ"),
    (re.compile(r"\bBCH\b"), "Ban Chấp hành"),
    (re.compile(r"\bBTG\b"), "Ban Tuyên giáo"),
    (re.compile(r"\bHội LHPN\b"), "Hội Liên hiệp Phụ nữ"),
    (re.compile(r"\bBan thường vụ\b"), "Ban Thường vụ"),
    (re.compile(r"\bBan chấp hành\b"), "Ban Chấp hành"),
    (re.compile(r"\bBan thư ký\b"), "Ban Thư ký"),
    (re.compile(r"\bBan tuyên giáo\b"), "Ban Tuyên giáo"),
    (re.compile(r"\bThường trực\b", re.IGNORECASE), "Thường trực"),
    (re.compile(r"\bỦy ban nhân dân\b|\bUỷ ban nhân dân\b", re.IGNORECASE), "Ủy ban nhân dân"),
)


def expand_abbreviations(name: str) -> str:
    """The issuer is a classification field: write it out in full, current spelling."""
    for pattern, replacement in _ABBREV_EXPANSIONS:
        name = pattern.sub(replacement, name)
    name = unify_tone_placement(name)
    return re.sub(r"\s+", " ", name).strip()


_TYPE_CODES = {
    "KH": "KẾ HOẠCH",
    "QĐ": "QUYẾT ĐỊNH",
    "HD": "HƯỚNG DẪN",
    "CT": "CHỈ THỊ",
    "KL": "KẾT LUẬN",
    "BC": "BÁO CÁO",
    "TB": "THÔNG BÁO",
    "NQ": "NGHỊ QUYẾT",
    "CTR": "CHƯƠNG TRÌNH",
    "TTR": "TỜ TRÌNH",
    "QC": "QUY CHẾ",
    "QĐI": "QUY ĐỊNH",
    "ĐC": "ĐỀ CƯƠNG",
    "CV": "CÔNG VĂN",
}


def type_from_symbol(symbol: str | None) -> str | None:
    """ "KH/QU" or "KH-UBND" → "KẾ HOẠCH"; a symbol with no type code → None."""
    if not symbol:
        return None
    parts = [p for p in re.split(r"[/\-–]", symbol) if p and not p.isdigit()]
    if not parts:
        return None
    return _TYPE_CODES.get(parts[0].upper())


# Body codes in Party and State symbols → the body's generic name.
_BODY_CODES = (
    ("BTGDVTU", "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    ("BTGDVTƯ", "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    ("BTGTU", "Ban Tuyên giáo Tỉnh ủy"),
    ("BTGHU", "Ban Tuyên giáo Huyện ủy"),
    ("BTGQU", "Ban Tuyên giáo Quận ủy"),
    ("BTGĐU", "Ban Tuyên giáo Đảng ủy"),
    ("BTG", "Ban Tuyên giáo"),
    ("TU", "Tỉnh ủy"),
    ("TƯ", "Tỉnh ủy"),
    ("HU", "Huyện ủy"),
    ("QU", "Quận ủy"),
    ("ĐU", "Đảng ủy"),
    ("TW", "Trung ương"),
    ("UBND", "Ủy ban nhân dân"),
    ("LĐLĐ", "Liên đoàn Lao động"),
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("TĐTN", "Tỉnh đoàn"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ"),
)


def issuer_from_symbol(symbol: str | None) -> str | None:
    """The body named by a symbol's body code: "KH/QU" → "Quận ủy"."""
    if not symbol:
        return None
    parts = [p for p in re.split(r"[/\-–]", symbol) if p]
    if len(parts) < 2:
        return None
    body = parts[1].upper() if type_from_symbol(symbol) else parts[0].upper()
    for code, name in _BODY_CODES:
        if body == code:
            return name
    return None
