"""The structured plan survives its JSON form whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.document import Plan, parse_file

SEEDS = sorted((Path(__file__).resolve().parents[1] / "corpus" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_a_plan_read_back_from_its_json_gives_the_same_json_warnings_included(seed):
    plan = parse_file(seed)
    data = plan.to_dict()
    assert Plan.from_dict(data).to_dict() == data


def test_the_parsers_warnings_come_back_from_json_with_their_lines():
    data = {"title": "x", "warnings": [{"line": 3, "code": "number-blank", "message": "Số trống"}]}
    plan = Plan.from_dict(data)
    assert [(w.line, w.code, w.message) for w in plan.warnings] == [(3, "number-blank", "Số trống")]
