"""Vietnamese text keys: NFC everywhere, tone placement and đ folded for matching."""

from __future__ import annotations

import unicodedata

from kehoach.document.text import collapse_spaces, fold, match_key, nfc, unify_tone_placement


def test_nfd_input_becomes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Quận ủy Long Biên")
    assert decomposed != "Quận ủy Long Biên"
    assert nfc(decomposed) == "Quận ủy Long Biên"


def test_old_and_new_tone_placement_give_the_same_match_key() -> None:
    assert match_key("Quận uỷ") == match_key("Quận ủy")
    assert match_key("hoà bình") == match_key("hòa bình")
    assert match_key("khoẻ") == match_key("khỏe")


def test_tone_placement_is_only_moved_in_open_syllables() -> None:
    # "hoàn", "luật", "Thuận" have a final consonant or another mark: nothing moves.
    for word in ("hoàn", "luật", "Thuận", "khuyến", "quý", "Cửa"):
        assert unify_tone_placement(word) == word


def test_qu_keeps_its_tone_on_the_vowel_after_it() -> None:
    assert unify_tone_placement("quý") == "quý"
    assert unify_tone_placement("thuý") == "thúy"


def test_fold_removes_accents_and_folds_d_with_stroke() -> None:
    assert fold("Đảng ủy phường") == "dang uy phuong"
    assert fold("ĐẠI HỘI") == "dai hoi"
    assert fold(unicodedata.normalize("NFD", "Ủy ban nhân dân")) == "uy ban nhan dan"


def test_accent_insensitive_search_matches_typed_without_accents() -> None:
    assert fold("dai hoi") in fold("Đại hội đại biểu toàn quốc")
    assert fold("uy ban") in fold("Uỷ ban nhân dân")


def test_collapse_spaces_handles_tabs_and_no_break_spaces() -> None:
    assert collapse_spaces("  Số\t 08 \u00a0- KH/BTG  ") == "Số 08 - KH/BTG"
