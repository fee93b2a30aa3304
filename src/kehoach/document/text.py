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
    "tone_variants",
    "unify_tone_placement",
    "upper_share",
]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def _accent_table() -> dict[int, str | None]:
    """Every precomposed Latin letter → its bare letter; combining marks → removed."""
    table: dict[int, str | None] = {}
    for cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii():
            table[cp] = base
    for cp in range(0x0300, 0x0370):
        table[cp] = None
    table[ord("đ")] = "d"
    table[ord("Đ")] = "D"
    return table


_ACCENTS = _accent_table()
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


def _tone_tables() -> tuple[dict[str, tuple[str, str]], re.Pattern[str]]:
    """Old-style "oà"/"uỷ" (tone on the second vowel) → new-style "òa"/"ủy"."""
    moves: dict[str, tuple[str, str]] = {}
    for first in "oOuU":
        for second in "aAeEyY":
            for tone in _TONES:
                old = unicodedata.normalize("NFC", first + second + tone)
                new = unicodedata.normalize("NFC", first + tone) + second
                moves[old] = (old, new)
    toned = "".join(sorted({pair[0][1:] for pair in moves.values()}))
    # No "qu" (its u is a consonant: "quý") and no final consonant or further mark after.
    pattern = re.compile(f"[oOuU][{toned}](?![\\w\u0300-\u036f])")
    return moves, pattern


_TONE_MOVES, _OLD_STYLE = _tone_tables()


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (the form every boundary of kehoach uses)."""
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    """Collapse runs of horizontal whitespace to one space and trim the ends."""
    if "  " in text or "\t" in text or not text.isascii():
        return _SPACES.sub(" ", text).strip()
    return text.strip()


def unify_tone_placement(text: str) -> str:
    """Put the tone of a final oa/oe/uy on the first vowel: "hoà" → "hòa", "uỷ" → "ủy"."""
    text = nfc(text)

    def move(m: re.Match[str]) -> str:
        start = m.start()
        if start and text[start - 1] in "qQ":  # "quý": the u belongs to the consonant
            return m.group(0)
        return _TONE_MOVES[m.group(0)][1]

    return _OLD_STYLE.sub(move, text)


def strip_accents(text: str) -> str:
    """Remove every diacritic and fold đ/Đ to d/D (đ does not decompose in Unicode)."""
    return text.translate(_ACCENTS)


def fold(text: str) -> str:
    """Accent-insensitive, case-insensitive key: "Quận Uỷ" and "quan uy" fold alike.

    Letters lose their marks (đ → d), dashes become "-", whitespace collapses; other
    characters outside ASCII (curly quotes, symbols) are dropped — it is a key for
    matching and search, never shown. Decomposing and dropping is many times faster
    than a per-character translation table.
    """
    text = text.replace("đ", "d").replace("Đ", "D").replace("–", "-").replace("—", "-")
    bare = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(bare.lower().split())


def match_key(text: str) -> str:
    """Accent-*sensitive* but tone-placement- and case-insensitive key."""
    return collapse_spaces(unify_tone_placement(nfc(text)).casefold())


_NEW_TO_OLD = {new: old for old, new in _TONE_MOVES.values()}
_NEW_STYLE_END = re.compile("(?:" + "|".join(sorted(_NEW_TO_OLD, key=len, reverse=True)) + ")$")


def tone_variants(phrase: str) -> set[str]:
    """The phrase in both tone placements: {"văn hóa", "văn hoá"} (new style given)."""
    out = {phrase}
    words = phrase.split()
    for i, word in enumerate(words):
        m = _NEW_STYLE_END.search(word)
        if m and not (m.start() and word[m.start() - 1] in "qQ"):
            variant = word[: m.start()] + _NEW_TO_OLD[m.group(0)]
            out.add(" ".join([*words[:i], variant, *words[i + 1 :]]))
    return out


def upper_share(text: str) -> float:
    """The share of capitals among the letters of ``text`` (0.0 when it has no letter):
    how headings and header lines in capitals are told from running text."""
    letters = sum(map(str.isalpha, text))
    return sum(map(str.isupper, text)) / letters if letters else 0.0
