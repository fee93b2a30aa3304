"""Legacy Vietnamese encodings (TCVN3/ABC, VNI) → Unicode.

Before Unicode, Vietnamese offices typed with 8-bit fonts: the *glyph* drawn for a
byte depends on the font, so the stored characters are Latin-1 look-alikes
("KÕ ho¹ch" for "Kế hoạch"). Two families matter:

* **TCVN3 (ABC)**, fonts ``.VnTime``, ``.VnArial`` …: one byte per letter. The normal
  fonts draw the 67 lower-case letters (and the seven bare upper-case letters Ă Â Ê Ô
  Ơ Ư Đ at 0xA1–0xA7); the "H" fonts (``.VnTimeH`` …) draw the *same* codes as
  upper-case letters, and ASCII a–z as A–Z too.
* **VNI** (``VNI-Times`` …): a base letter followed by one mark character ("aù" = "á",
  "oâ" = "ô", "oá" = "ố"), plus single characters for ơ (ô), ư (ö), đ (ñ), the toned i
  (í ì æ ó ò) and ỵ (î).

The tables were checked against glibc's TCVN5712-1 converter (whose lower-case half is
TCVN3) and the published VNI-Windows layout.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "TCVN3_LOWER",
    "VNI_MARKS",
    "VNI_SINGLES",
    "convert_legacy_text",
    "is_tcvn3_font",
    "is_tcvn3_upper_font",
    "is_vni_font",
    "tcvn3_to_unicode",
    "tcvn3_upper_to_unicode",
    "vni_to_unicode",
]

# TCVN3 code (as the Latin-1 character Word and cp1252 show) → lower-case letter.
TCVN3_LOWER: dict[str, str] = {
    # a, ă, â
    "\u00b5": "à", "\u00b8": "á", "\u00b6": "ả", "\u00b7": "ã", "\u00b9": "ạ",
    "\u00a8": "ă", "\u00bb": "ằ", "\u00be": "ắ", "\u00bc": "ẳ", "\u00bd": "ẵ", "\u00c6": "ặ",
    "\u00a9": "â", "\u00c7": "ầ", "\u00ca": "ấ", "\u00c8": "ẩ", "\u00c9": "ẫ", "\u00cb": "ậ",
    # đ
    "\u00ae": "đ",
    # e, ê
    "\u00cc": "è", "\u00d0": "é", "\u00ce": "ẻ", "\u00cf": "ẽ", "\u00d1": "ẹ",
    "\u00aa": "ê", "\u00d2": "ề", "\u00d5": "ế", "\u00d3": "ể", "\u00d4": "ễ", "\u00d6": "ệ",
    # i
    "\u00d7": "ì", "\u00dd": "í", "\u00d8": "ỉ", "\u00dc": "ĩ", "\u00de": "ị",
    # o, ô, ơ
    "\u00df": "ò", "\u00e3": "ó", "\u00e1": "ỏ", "\u00e2": "õ", "\u00e4": "ọ",
    "\u00ab": "ô", "\u00e5": "ồ", "\u00e8": "ố", "\u00e6": "ổ", "\u00e7": "ỗ", "\u00e9": "ộ",
    "\u00ac": "ơ", "\u00ea": "ờ", "\u00ed": "ớ", "\u00eb": "ở", "\u00ec": "ỡ", "\u00ee": "ợ",
    # u, ư
    "\u00ef": "ù", "\u00f3": "ú", "\u00f1": "ủ", "\u00f2": "ũ", "\u00f4": "ụ",
    "\u00ad": "ư", "\u00f5": "ừ", "\u00f8": "ứ", "\u00f6": "ử", "\u00f7": "ữ", "\u00f9": "ự",
    # y
    "\u00fa": "ỳ", "\u00fd": "ý", "\u00fb": "ỷ", "\u00fc": "ỹ", "\u00fe": "ỵ",
}  # fmt: skip
# The bare capitals every TCVN3 font has.
_TCVN3_CAPITALS: dict[str, str] = {
    "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô",
    "\u00a5": "Ơ", "\u00a6": "Ư", "\u00a7": "Đ",
}  # fmt: skip

_TCVN3_TABLE = str.maketrans({**TCVN3_LOWER, **_TCVN3_CAPITALS})
_TCVN3_UPPER_TABLE = str.maketrans(
    {
        **{code: letter.upper() for code, letter in TCVN3_LOWER.items()},
        **_TCVN3_CAPITALS,
        **{chr(c): chr(c - 32) for c in range(ord("a"), ord("z") + 1)},
    }
)

# VNI: a mark character after a base vowel. Lower-case marks; upper-case ones are the
# same characters upper-cased (ù/Ù, â/Â, …).
_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_HAT_TONES = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_BREVE_TONES = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# Base letter → {mark character (lower-case form) → lower-case letter}.
VNI_MARKS: dict[str, dict[str, str]] = {}
_BASES_TONE_ONLY = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}
for _base, _letter in _BASES_TONE_ONLY.items():
    VNI_MARKS[_base] = {m: unicodedata.normalize("NFC", _letter + t) for m, t in _TONES.items()}
for _base, _hat in (("a", "â"), ("e", "ê"), ("o", "ô")):
    VNI_MARKS[_base].update(
        {m: unicodedata.normalize("NFC", _hat + t) for m, t in _HAT_TONES.items()}
    )
VNI_MARKS["a"].update({m: unicodedata.normalize("NFC", "ă" + t) for m, t in _BREVE_TONES.items()})
# Characters that are a whole letter by themselves.
VNI_SINGLES: dict[str, str] = {
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    "ô": "ơ", "ö": "ư", "î": "ỵ", "ñ": "đ",
}  # fmt: skip

_VNI_PAIRS: dict[str, str] = {}
for _base, _marks in VNI_MARKS.items():
    for _mark, _result in _marks.items():
        # The case of the base decides the case of the letter; the mark may be typed
        # in either case (caps-lock slips are common).
        for b in {_base, _base.upper()}:
            for m in {_mark, _mark.upper()}:
                _VNI_PAIRS[b + m] = _result.upper() if b.isupper() else _result
_VNI_SINGLE_ALL: dict[str, str] = {
    **VNI_SINGLES,
    **{k.upper(): v.upper() for k, v in VNI_SINGLES.items()},
}
_VNI_RE = re.compile(
    "|".join(sorted((re.escape(k) for k in _VNI_PAIRS), key=len, reverse=True))
    + "|["
    + "".join(_VNI_SINGLE_ALL)
    + "]"
)


def _vni_sub(m: re.Match[str]) -> str:
    s = m.group(0)
    return _VNI_PAIRS.get(s) or _VNI_SINGLE_ALL[s]


def tcvn3_to_unicode(s: str) -> str:
    """Convert text typed in a normal TCVN3 font (``.VnTime``) to Unicode NFC."""
    return unicodedata.normalize("NFC", s.translate(_TCVN3_TABLE))


def tcvn3_upper_to_unicode(s: str) -> str:
    """Convert text typed in an upper-case TCVN3 font (``.VnTimeH``) to Unicode NFC."""
    return unicodedata.normalize("NFC", s.translate(_TCVN3_UPPER_TABLE))


def vni_to_unicode(s: str) -> str:
    """Convert text typed in a VNI font (``VNI-Times``) to Unicode NFC."""
    return unicodedata.normalize("NFC", _VNI_RE.sub(_vni_sub, s))


def is_tcvn3_font(name: str) -> bool:
    """``.VnTime``, ``.VnArial``, ``.VnTimeH`` … (the ABC fonts all start with ".Vn")."""
    return name[:3].lower() == ".vn"


def is_tcvn3_upper_font(name: str) -> bool:
    """The upper-case ABC fonts end in "H": ``.VnTimeH``, ``.VnArialH``."""
    return is_tcvn3_font(name) and name.rstrip().endswith("H")


def is_vni_font(name: str) -> bool:
    return name[:4].upper() == "VNI-"


# --- whole-text detection (plain text files) ---------------------------------------

# Codes that TCVN3 uses for very common letters (đ ư ơ ô â ê ă, à á ả ã ạ ắ ằ …) and
# that neither VNI nor ordinary Unicode Vietnamese text uses as letters.
_TCVN3_EVIDENCE = frozenset(c for c in TCVN3_LOWER if "\u00a8" <= c <= "\u00be") | frozenset(
    _TCVN3_CAPITALS
)
_VNI_EVIDENCE_RE = re.compile("[aeouyAEOUYôöÔÖ][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|ñ|Ñ")


def _is_unicode_vietnamese(ch: str) -> bool:
    # Letters only Unicode Vietnamese text has: ă đ ĩ ũ ơ ư and the U+1EA0.. block.
    o = ord(ch)
    return 0x1EA0 <= o <= 0x1EF9 or ch in "ăĂđĐĩĨũŨơƠưƯ"


_VOWELS = "aăâeêioôơuưy"
_TONED_VOWELS = "".join(
    unicodedata.normalize("NFC", v + t)
    for v in _VOWELS
    for t in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
)
# One Vietnamese syllable: onset, vowel nucleus, coda (lower case, NFC).
_SYLLABLE_RE = re.compile(
    "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    f"[{_TONED_VOWELS}]{{1,3}}"
    "(?:ch|ng|nh|[cmnpt])?"
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def _looks_vietnamese(converted: str) -> bool:
    """Whether the converted words with diacritics are Vietnamese syllables."""
    good = bad = 0
    for word in _WORD_RE.findall(converted):
        if word.isascii():
            continue
        if _SYLLABLE_RE.fullmatch(word.lower()):
            good += 1
        else:
            bad += 1
    return good >= 5 and bad <= 0.1 * good


# Latin Extended Additional holds most precomposed Vietnamese letters (ạ ả ấ … ỹ); legacy
# 8-bit text read as Windows-1252 never contains them.
_UNICODE_VN_RE = re.compile("[\u1ea0-\u1ef9]")


def convert_legacy_text(text: str) -> tuple[str, str | None]:
    """Detect TCVN3 or VNI text and convert it; return (text, encoding name or None).

    Only a text that clearly is legacy-encoded Vietnamese is converted: it must hold
    many characters typical of the encoding (a few per hundred letters, not the odd
    "«" or "où"), almost no precomposed Unicode Vietnamese letters, and the words the
    conversion changes must come out as Vietnamese syllables.
    """
    sample = text[:200_000]
    if len(_UNICODE_VN_RE.findall(sample, 0, 50_000)) >= 20:
        return text, None  # plainly Unicode Vietnamese: decided by one scan, not three
    letters = sum(1 for c in sample if c.isalpha() or c in _TCVN3_EVIDENCE)
    if letters < 8:
        return text, None
    unicode_vn = sum(1 for c in sample if _is_unicode_vietnamese(c))
    tcvn = sum(1 for c in sample if c in _TCVN3_EVIDENCE)
    vni = len(_VNI_EVIDENCE_RE.findall(sample))
    best, name = (tcvn, "TCVN3") if tcvn >= vni else (vni, "VNI")
    if best < 5 or best < 0.03 * letters or unicode_vn > 0.02 * best:
        return text, None
    convert = tcvn3_to_unicode if name == "TCVN3" else vni_to_unicode
    if not _looks_vietnamese(convert(sample)):
        return text, None
    return convert(text), name
