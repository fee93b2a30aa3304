"""A plan read from DOCX or PDF is the plan read from its text.

The seeds are laid out as official documents by the tests' own builder (issuer, star and
number in the left cell of a borderless header table, the Party line and the place-date in
the right; Word automatic numbering on some; one typed in a TCVN3 font), printed to PDF by
LibreOffice, and read back through the public API.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from kehoach.document import parse_bytes, parse_text
from support.docx_builder import plan_docx
from support.pdf_builder import docx_to_pdf

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
TEXTS = {p.stem[:3]: p.read_text(encoding="utf-8") for p in SEEDS}
# Our own plans whose header is printed as stacked lines. The others keep the noise of a
# flattened text (table rows, two columns on one line, a run-on page); laid out verbatim by
# the builder they would not be documents anyone prints, so they are tested as text only.
OWN = {
    p.stem[:2]: p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    if p.stem[:2] in {"01", "02", "03", "04", "05", "07", "08", "09", "13"}
}


def comparable(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan without line numbers and reader warnings, which differ by format."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "line"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    data = strip(plan)
    data.pop("warnings")
    return data


def assert_same_plan(got: dict[str, Any], want: dict[str, Any]) -> None:
    got, want = comparable(got), comparable(want)
    differing = [k for k in want if got.get(k) != want[k]]
    assert not differing, {k: (want[k], got.get(k)) for k in differing}


@pytest.mark.parametrize("seed", sorted(TEXTS))
def test_docx_of_a_seed_gives_the_plan_of_its_text(seed: str) -> None:
    text = TEXTS[seed]
    assert_same_plan(
        parse_bytes(plan_docx(text), name="plan.docx").to_dict(), parse_text(text).to_dict()
    )


@pytest.mark.parametrize("seed", ["000", "001", "004"])
def test_docx_with_word_automatic_numbering_gives_the_same_plan(seed: str) -> None:
    text = TEXTS[seed]
    data = plan_docx(text, auto_numbering=True)
    assert_same_plan(parse_bytes(data, name="plan.docx").to_dict(), parse_text(text).to_dict())


def test_docx_typed_in_a_tcvn3_font_gives_the_same_plan() -> None:
    text = TEXTS["003"]
    plan = parse_bytes(plan_docx(text, legacy_font=".VnTime"), name="plan.docx")
    assert any(w.code == "legacy-encoding" for w in plan.warnings)
    assert_same_plan(plan.to_dict(), parse_text(text).to_dict())


@pytest.mark.parametrize("name", sorted(OWN))
def test_docx_of_our_own_plans_gives_the_plan_of_their_text(name: str) -> None:
    text = OWN[name]
    assert_same_plan(
        parse_bytes(plan_docx(text), name="plan.docx").to_dict(), parse_text(text).to_dict()
    )


@pytest.fixture(scope="module")
def seed_pdfs() -> dict[str, bytes]:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    texts = {**TEXTS, **OWN}
    keys = sorted(texts)
    pdfs = docx_to_pdf([plan_docx(texts[k]) for k in keys])  # one LibreOffice run
    return dict(zip(keys, pdfs, strict=True))


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", sorted(TEXTS))
def test_pdf_of_a_seed_gives_the_plan_of_its_text(seed: str, seed_pdfs: dict[str, bytes]) -> None:
    got = parse_bytes(seed_pdfs[seed], name="plan.pdf").to_dict()
    assert_same_plan(got, parse_text(TEXTS[seed]).to_dict())


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", sorted(OWN))
def test_pdf_of_our_own_plans_gives_the_plan_of_their_text(
    name: str, seed_pdfs: dict[str, bytes]
) -> None:
    got = parse_bytes(seed_pdfs[name], name="plan.pdf").to_dict()
    assert_same_plan(got, parse_text(OWN[name]).to_dict())
