"""Properties that hold for any input: the parser never raises, NFD and NFC agree."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.document import KehoachError, Plan, parse_bytes, parse_text

SEEDS = sorted((Path(__file__).resolve().parent.parent / "corpus" / "seeds").glob("*.txt"))
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]

# Text made of the pieces plans are made of, so that the generator reaches deep paths.
PIECES = st.sampled_from(
    [
        "KẾ HOẠCH",
        "Số 193 -KH/QU",
        "Số:  /KH-UBND",
        "*",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Long Biên, ngày",
        " tháng 8 năm 2023",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II.",
        "1. ",
        "a) ",
        "- ",
        "Nơi nhận:",
        "T/M BAN THƯỜNG VỤ",
        "Thực hiện Kế hoạch số 02-KH/BTGTU, ngày 24/12/2015 của ",
        "từ ngày 20/01 đến ngày 28/01/2016",
        "trước ngày 31/02/2016",
        "Định kỳ 6 tháng, 1 năm báo cáo",
        "|",
        "\\r\\n",
        "**",
        "\n",
        "\n\n",
        "  ",
        "\t",
        "(",
        ")",
        "“",
        '"',
        ":",
        ";",
        "IV. TỔ CHỨC THỰC HIỆN",
        "Căn cứ Luật ",
        "Chương I",
        "Phần thứ nhất",
    ]
)
PLANLIKE = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_parse_text_never_raises_on_any_text(text: str) -> None:
    assert isinstance(parse_text(text), Plan)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PLANLIKE)
def test_parse_text_never_raises_on_plan_like_text(text: str) -> None:
    plan = parse_text(text)
    assert all(w.code != "parser-error" for w in plan.warnings), plan.warnings


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4000))
def test_parse_bytes_returns_a_plan_or_a_clear_error(data: bytes) -> None:
    try:
        plan = parse_bytes(data, name="upload.bin")
    except KehoachError as exc:
        assert exc.message
    else:
        assert isinstance(plan, Plan)


@settings(max_examples=60, deadline=None)
@given(PLANLIKE)
def test_nfd_and_nfc_input_give_the_same_plan(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    assert parse_text(nfd).to_dict() == parse_text(nfc).to_dict()


def test_nfd_seed_gives_the_same_plan_as_the_seed() -> None:
    for text in SEED_TEXTS:
        assert (
            parse_text(unicodedata.normalize("NFD", text)).to_dict() == parse_text(text).to_dict()
        )


def test_every_string_in_the_output_is_nfc() -> None:
    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    for text in SEED_TEXTS:
        for s in strings(parse_text(unicodedata.normalize("NFD", text)).to_dict()):
            assert unicodedata.is_normalized("NFC", s), s
