"""The counted measures per channel: the vocabulary reports, totals and the synthesis share."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kehoach.document.text import nfc
from kehoach.tracking.measures import (
    CHANNEL_LABELS,
    CHANNELS,
    MAX_COUNT,
    MEASURES,
    Measure,
    all_measures,
    measure,
    ordered_channels,
    parse_count,
)

SPEC = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "plan-json.md"
DOCS_SPEC = Path(__file__).resolve().parents[2] / "docs" / "plan-json.md"


def spec_channels() -> list[str]:
    text = (SPEC if SPEC.exists() else DOCS_SPEC).read_text(encoding="utf-8")
    table = text[text.index("## Channel vocabulary") :]
    return re.findall(r"^\| `([a-z]+)` \|", table, flags=re.M)


def test_every_channel_of_the_plan_vocabulary_has_measures_and_a_label():
    assert list(CHANNELS) == spec_channels()
    assert list(MEASURES) == list(CHANNELS) == list(CHANNEL_LABELS)
    assert all(MEASURES[c] for c in CHANNELS)


def test_the_named_measures_are_there_with_their_vietnamese_labels():
    assert measure("conference", "held").label == "Số hội nghị"
    assert measure("conference", "attendees").label == "Lượt người dự"
    assert measure("press", "articles").label == "Số tin, bài"
    assert measure("portal", "articles").label == "Số tin, bài"
    assert measure("radio", "broadcasts").label == "Số lượt phát thanh"
    assert measure("visual", "banners").label == "Băng rôn, khẩu hiệu"
    assert measure("visual", "posters").label == "Pano, áp phích"
    assert measure("social", "posts").label == "Số bài đăng"
    assert {m.key for m in MEASURES["contest"]} >= {"contests", "entries"}
    assert {m.key for m in MEASURES["meeting"]} == {"sessions", "attendees"}
    assert {m.key for m in MEASURES["culture"]} == {"performances", "attendees"}
    assert {m.key for m in MEASURES["school"]} == {"sessions", "learners"}
    assert measure("publication", "copies").unit_label == "bản"
    assert measure("plaque", "works").code == "plaque.works"


def test_labels_are_nfc_and_each_measure_is_filed_under_its_own_channel():
    for channel, measures in MEASURES.items():
        assert nfc(CHANNEL_LABELS[channel]) == CHANNEL_LABELS[channel]
        keys = [m.key for m in measures]
        assert len(keys) == len(set(keys)), channel
        for m in measures:
            assert m.channel == channel
            assert m.label and m.unit_label
            assert nfc(m.label) == m.label and nfc(m.unit_label) == m.unit_label
            assert re.fullmatch(r"[a-z]+", m.key)
            assert len(m.channel) <= 16 and len(m.key) <= 24  # the ReportCount columns


def test_all_measures_come_in_a_stable_order_channel_by_channel():
    order = all_measures()
    assert order == all_measures()
    assert order[0] == measure("portal", "articles")
    assert [m.channel for m in order] == [c for c in CHANNELS for _ in MEASURES[c]]
    assert len({m.code for m in order}) == len(order)
    assert all(isinstance(m, Measure) for m in order)


def test_measures_are_frozen_and_the_tables_cannot_be_changed():
    with pytest.raises(AttributeError):
        measure("radio", "broadcasts").label = "khác"  # type: ignore[misc]
    with pytest.raises(TypeError):
        MEASURES["radio"] = ()  # type: ignore[index]


def test_an_unknown_channel_or_measure_is_refused_in_vietnamese():
    with pytest.raises(ValueError, match="Không có kênh tuyên truyền “tv”"):
        measure("tv", "articles")
    with pytest.raises(ValueError, match="không có chỉ tiêu đếm “attendees”") as caught:
        measure("radio", "attendees")
    assert "broadcasts" in str(caught.value)
    assert not isinstance(caught.value, KeyError)


def test_the_plans_own_channels_lead_and_the_others_follow_in_vocabulary_order():
    order = ordered_channels(["visual", "conference", "television", "visual"])
    assert order[:2] == ("visual", "conference")
    assert sorted(order) == sorted(CHANNELS)
    assert [c for c in order[2:]] == [c for c in CHANNELS if c not in ("visual", "conference")]
    assert ordered_channels() == CHANNELS


@pytest.mark.parametrize(
    ("sent", "number"),
    [(0, 0), (12, 12), ("350", 350), (" 1.200 ", 1200), ("1,200", 1200), ("2 500", 2500)],
)
def test_counts_are_whole_numbers_typed_with_or_without_thousands_separators(sent, number):
    assert parse_count(sent) == number


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        (-1, "không được là số âm"),
        ("-5", "không được là số âm"),
        ("ba trăm", "không phải là một số nguyên"),
        ("1.5", "không phải là một số nguyên"),
        ("", "không phải là một số nguyên"),
        ("٣", "không phải là một số nguyên"),
        (2.5, "phải là một số nguyên"),
        (True, "phải là một số nguyên"),
        (None, "phải là một số nguyên"),
        (MAX_COUNT + 1, "quá lớn"),
        ("99999999999", "quá lớn"),
    ],
)
def test_bad_counts_are_refused_with_a_vietnamese_message_naming_the_field(sent, message):
    with pytest.raises(ValueError, match=message) as caught:
        parse_count(sent, "Lượt người dự")
    assert str(caught.value).startswith("Lượt người dự: ")


def test_the_vocabulary_serialises_for_the_api():
    rows = [m.__dict__ | {"code": m.code} for m in all_measures()]
    assert json.loads(json.dumps(rows, ensure_ascii=False))[0]["label"] == "Số tin, bài"
