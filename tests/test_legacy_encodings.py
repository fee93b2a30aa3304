"""TCVN3 (ABC) and VNI → Unicode, and the detection of legacy plain text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kehoach.document.reading.legacy import (
    convert_legacy_text,
    tcvn3_to_unicode,
    tcvn3_upper_to_unicode,
    vni_to_unicode,
)
from kehoach.document.reading.plain import read_plain
from support.docx_builder import encode_tcvn3, encode_tcvn3_upper, encode_vni

# All 67 lower-case Vietnamese letters with diacritics, built from base letters and
# combining marks (not copied from any table), and their 67 capitals: 134 letters.
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
LOWER = (
    "".join(
        unicodedata.normalize("NFC", v + t)
        for v in _VOWELS
        for t in _TONES
        if (v + t) != v or ord(v) > 0x7F
    )
    + "đ"
)
UPPER = LOWER.upper()
SEEDS = sorted((Path(__file__).resolve().parent.parent / "corpus" / "seeds").glob("*.txt"))


def test_there_are_67_letters_of_each_case() -> None:
    assert len(LOWER) == len(set(LOWER)) == 67
    assert len(UPPER) == len(set(UPPER)) == 67


def test_tcvn3_round_trips_every_lower_case_letter() -> None:
    encoded = encode_tcvn3(LOWER)
    assert all(0xA1 <= ord(c) <= 0xFE for c in encoded)
    assert len(set(encoded)) == 67
    assert tcvn3_to_unicode(encoded) == LOWER


def test_tcvn3_upper_font_round_trips_every_capital() -> None:
    assert tcvn3_upper_to_unicode(encode_tcvn3_upper(UPPER)) == UPPER


def test_tcvn3_upper_font_draws_ascii_letters_as_capitals() -> None:
    assert tcvn3_upper_to_unicode("kÕ ho¹ch") == "KẾ HOẠCH"


def test_tcvn3_normal_font_has_the_seven_bare_capitals() -> None:
    assert tcvn3_to_unicode("\xa1\xa2\xa3\xa4\xa5\xa6\xa7") == "ĂÂÊÔƠƯĐ"


def test_tcvn3_known_words() -> None:
    assert tcvn3_to_unicode("KÕ ho¹ch tuyªn truyÒn") == "Kế hoạch tuyên truyền"
    assert tcvn3_to_unicode("§¶ng bé quËn Long Bi\xaan") == "Đảng bộ quận Long Biên"
    assert tcvn3_to_unicode("ng\xad\xeai") == "người"


def test_vni_round_trips_all_134_letters() -> None:
    assert vni_to_unicode(encode_vni(LOWER)) == LOWER
    assert vni_to_unicode(encode_vni(UPPER)) == UPPER


def test_vni_known_words() -> None:
    assert vni_to_unicode("Keá hoaïch tuyeân truyeàn") == "Kế hoạch tuyên truyền"
    assert vni_to_unicode("Ñaûng boä, ngöôøi, Vieät Nam") == "Đảng bộ, người, Việt Nam"
    assert vni_to_unicode("KEÁ HOAÏCH") == "KẾ HOẠCH"


def test_conversions_leave_ascii_alone() -> None:
    ascii_text = "Plan 2023: items 1-5, (a) b/c; done."
    assert tcvn3_to_unicode(ascii_text) == ascii_text
    assert vni_to_unicode(ascii_text) == ascii_text


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_tcvn3_plain_text_of_a_seed_is_detected_and_converted(seed: Path) -> None:
    text = unicodedata.normalize("NFC", seed.read_text(encoding="utf-8"))
    # Capitals with tones have no code in a normal TCVN3 font: encode those words in
    # the H table, as a .VnTimeH run would, which plain text cannot tell apart — so
    # compare only lines without such capitals.
    lines = [line for line in text.split("\n") if _encodable_in_normal_font(line)]
    legacy = "\n".join(encode_tcvn3(line) for line in lines)
    converted, name = convert_legacy_text(legacy)
    assert name == "TCVN3"
    assert converted == "\n".join(lines)


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_vni_plain_text_of_a_seed_is_detected_and_converted(seed: Path) -> None:
    text = unicodedata.normalize("NFC", seed.read_text(encoding="utf-8"))
    converted, name = convert_legacy_text(encode_vni(text))
    assert name == "VNI"
    assert converted == text


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_unicode_vietnamese_is_never_taken_for_legacy_text(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    assert convert_legacy_text(text) == (text, None)
    nfd = unicodedata.normalize("NFD", text)
    assert convert_legacy_text(nfd) == (nfd, None)


@pytest.mark.parametrize(
    "text",
    [
        "The quick brown fox jumps over the lazy dog. " * 20,
        "Où est la Größe? Ça coûte très cher, naïve façade, Übermäßig « déjà » vu. " * 10,
        "Giá: 100 € · © 2023 ® — «quote» ±5 µm ¼ ½ ¾ ×2 ÷3 " * 5,
        "",
        "a",
    ],
    ids=["english", "french-german", "symbols", "empty", "one-letter"],
)
def test_ordinary_text_is_never_taken_for_legacy_text(text: str) -> None:
    assert convert_legacy_text(text) == (text, None)


def test_plain_reader_converts_a_cp1252_tcvn3_file_and_warns() -> None:
    data = encode_tcvn3("Kế hoạch tuyên truyền đại hội Đảng bộ quận lần thứ nhất").encode("latin-1")
    source = read_plain(data)
    assert source.lines == ("Kế hoạch tuyên truyền đại hội Đảng bộ quận lần thứ nhất",)
    assert [w.code for w in source.warnings] == ["legacy-encoding"]


def _encodable_in_normal_font(line: str) -> bool:
    try:
        encode_tcvn3(line)
    except ValueError:
        return False
    return True
