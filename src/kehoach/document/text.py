"""Vietnamese text helpers: NFC at every boundary, and keys for matching.

Two spellings of one word are common in real plans: the tone mark on either vowel of a
final "oa", "oe" or "uy" ("hòa"/"hoà", "ủy"/"uỷ"). Printed text is always kept as it
is; only *keys* used for comparison and search are canonicalised here.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "collapse_spaces",
    "fold",
    "match_key",
    "nfc",
    "strip_accents",
    "unify_tone_placement",
]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# A syllable whose nucleus is oa/oe/uy with no final consonant; "qu" is excluded
# because its u belongs to the consonant ("quý" has only one vowel that can be toned).
_SYLLABLE = re.compile(
    r"(?<![qQ])([oOuU])([\u0300\u0301\u0303\u0309\u0323]?)([aAeEyY])([\u0300\u0301\u0303\u0309\u0323]?)(?![\w\u0300-\u036f])"
)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (the form every boundary of kehoach uses)."""
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    """Collapse runs of horizontal whitespace to one space and trim the ends."""
    return _SPACES.sub(" ", text).strip()


def unify_tone_placement(text: str) -> str:
    """Put the tone of a final oa/oe/uy on the first vowel: "hoà" → "hòa", "uỷ" → "ủy"."""
    decomposed = unicodedata.normalize("NFD", text)

    def move(m: re.Match[str]) -> str:
        first, tone1, second, tone2 = m.groups()
        tone = tone1 or tone2
        return f"{first}{tone}{second}"

    return nfc(_SYLLABLE.sub(move, decomposed))


def strip_accents(text: str) -> str:
    """Remove every diacritic and fold đ/Đ to d/D (đ does not decompose in Unicode)."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Accent-insensitive, case-insensitive key: "Quận Uỷ" and "quan uy" fold alike."""
    return collapse_spaces(strip_accents(text).casefold())


def match_key(text: str) -> str:
    """Accent-*sensitive* but tone-placement- and case-insensitive key."""
    return collapse_spaces(unify_tone_placement(nfc(text)).casefold())


def is_tone_mark(ch: str) -> bool:
    return ch in _TONE_MARKS
