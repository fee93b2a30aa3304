"""Compare a parser's JSON output with a hand annotation ("gold").

Shared by ``tests/test_golden_plans.py`` and ``bench/accuracy.py``; standard library and
``kehoach.document.text`` only.

A gold file is a JSON object in the keys of ``../shared/corpus/seeds-gold/*.json``:
``doc_type number symbol issuer place date title`` (scalars), ``basis`` (objects),
``sections units recipients`` (strings), ``deadlines`` ({date, what}),
``recurring_reports``, ``signer`` ({authority, title, name} or null) and, optionally,
``phases`` ({start, end, peak}), ``channels``, ``slogans``. ``source`` and ``complete``
are not scored.

The parser's JSON follows ``../shared/spec/plan-json.md``: ``assignments`` correspond
to gold ``units``, ``recipients`` objects ``{name, purpose}`` to gold strings (the
gold's trailing purpose is removed before comparing names), ``sections`` objects
``{label, heading}`` to gold strings ``"LABEL. HEADING"``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kehoach.document.text import collapse_spaces, match_key, nfc

__all__ = [
    "FIELDS",
    "LIST_FIELDS",
    "SCALAR_FIELDS",
    "FieldScore",
    "compare",
    "differing",
    "load_gold",
    "recipient_name",
    "section_key",
]

SCALAR_FIELDS = ("doc_type", "number", "symbol", "issuer", "place", "date", "title", "signer")
LIST_FIELDS = (
    "basis",
    "sections",
    "units",
    "deadlines",
    "recurring_reports",
    "recipients",
    "phases",
    "channels",
    "slogans",
)
# Order of the rows in reports; "basis.issuer" is derived from "basis".
FIELDS = (
    "doc_type",
    "number",
    "symbol",
    "issuer",
    "place",
    "date",
    "title",
    "basis",
    "basis.issuer",
    "sections",
    "units",
    "deadlines",
    "recurring_reports",
    "recipients",
    "signer",
    "phases",
    "channels",
    "slogans",
)
_NOT_SCORED = {"source", "complete"}


@dataclass
class FieldScore:
    """How one field of one document compares.

    ``kind`` is ``"scalar"`` (``ok`` = equal after normalisation), ``"list"`` (``tp``
    items matched out of ``n_expected`` gold and ``n_got`` parsed items; ``ok`` = the
    normalised lists are equal, in order unless the field is a set) or ``"ratio"``
    (``tp`` correct out of ``n_expected`` checked; used for ``basis.issuer``).
    """

    field: str
    kind: str
    expected: Any
    got: Any
    ok: bool
    tp: int = 0
    n_expected: int = 0
    n_got: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / self.n_got if self.n_got else (None if self.n_expected else 1.0)

    @property
    def recall(self) -> float | None:
        return self.tp / self.n_expected if self.n_expected else (None if self.n_got else 1.0)

    @property
    def f1(self) -> float:
        if self.kind == "scalar":
            return 1.0 if self.ok else 0.0
        if self.kind == "ratio":
            return self.tp / self.n_expected if self.n_expected else 1.0
        if not self.n_expected and not self.n_got:
            return 1.0
        denom = self.n_expected + self.n_got
        return 2 * self.tp / denom if denom else 1.0

    @property
    def exact(self) -> bool:
        return self.ok


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a gold annotation (UTF-8 JSON object); strings are NFC-normalised."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a gold file holds one JSON object")
    return _nfc_deep(data)


def _nfc_deep(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_deep(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc_deep(v) for k, v in value.items()}
    return value


# --- normalisation -------------------------------------------------------------------


def _plain(value: Any) -> str | None:
    """Classification scalars: NFC, whitespace collapsed, case kept."""
    if value is None:
        return None
    text = collapse_spaces(nfc(str(value)))
    return text or None


def _key(value: Any) -> str | None:
    """Copied text: NFC, whitespace collapsed, tone placement unified, case folded."""
    if value is None:
        return None
    text = match_key(str(value))
    return text or None


def _symbol(value: Any) -> str | None:
    if value is None:
        return None
    text = re.sub(r"\s+", "", nfc(str(value))).casefold()
    return match_key(text) or None


_TRAIL = " \t;,.:"


def _strip_trailing(text: str) -> str:
    return text.strip().rstrip(_TRAIL).strip()


_SECTION_LABEL = re.compile(
    r"^\s*(?P<label>"
    r"ph[ầâ]n\s+th[ứu]\s+\w+"
    r"|ph[ầâ]n\s+[ivxlc\d]+"
    r"|ch[ươ]+ng\s+[ivxlc\d]+"
    r"|m[ụu]c\s+[ivxlc\d]+"
    r"|[ivxlc]+"
    r"|[a-zđ]"
    r"|\d+"
    r")\s*[.:\-–)/]*\s*",
    re.IGNORECASE,
)


def section_key(label: str | None, heading: str | None = None) -> str:
    """One key for "I. MỤC ĐÍCH" / {"label": "I", "heading": "MỤC ĐÍCH"} alike."""
    text = collapse_spaces(nfc(" ".join(p for p in (label, heading) if p)))
    m = _SECTION_LABEL.match(text)
    if m:
        rest = text[m.end() :]
        text = f"{m.group('label')} {rest}" if rest else m.group("label")
    return match_key(_strip_trailing(text))


_PURPOSE_WORDS = r"(?:để|đề|đ/|b/c|t/h|báo\s+cáo|thực\s+hiện|phối\s+hợp|chỉ\s+đạo|theo\s+dõi|biết)"
_TRAILING_PAREN_PURPOSE = re.compile(
    r"[\s;,.]*\((?=[^()]*" + _PURPOSE_WORDS + r")[^()]*\)[\s;,.]*$", re.IGNORECASE
)
_TRAILING_BARE_PURPOSE = re.compile(r"[\s;,.\-–]*\bđể\s+[^()]{1,40}$", re.IGNORECASE)


def recipient_name(entry: str) -> str:
    """The receiver's name of a gold "Nơi nhận" line, its trailing purpose removed."""
    text = collapse_spaces(nfc(entry))
    text = re.sub(r"^[\-–•+]\s*", "", text)
    stripped = _TRAILING_PAREN_PURPOSE.sub("", text)
    if stripped == text:
        stripped = _TRAILING_BARE_PURPOSE.sub("", text)
    return _strip_trailing(stripped or text)


# --- per-field comparison ------------------------------------------------------------


def _list_score(
    name: str,
    expected: list[Any],
    got: list[Any],
    key: Callable[[Any], Any],
    *,
    ordered: bool = True,
) -> FieldScore:
    exp_keys = [key(x) for x in expected]
    got_keys = [key(x) for x in got]
    common = Counter(exp_keys) & Counter(got_keys)
    tp = sum(common.values())
    ok = exp_keys == got_keys if ordered else Counter(exp_keys) == Counter(got_keys)
    score = FieldScore(name, "list", expected, got, ok, tp, len(exp_keys), len(got_keys))
    if not ok:
        missing = Counter(exp_keys) - Counter(got_keys)
        extra = Counter(got_keys) - Counter(exp_keys)
        score.details += [f"missing: {k!r}" for k in missing.elements()]
        score.details += [f"extra: {k!r}" for k in extra.elements()]
        if not missing and not extra:
            score.details.append("order differs")
    return score


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else None


def _basis_key(item: Any) -> tuple[Any, ...]:
    return (
        _key(_get(item, "kind")),
        _plain(_get(item, "number")),
        _symbol(_get(item, "symbol")),
        _plain(_get(item, "date")),
    )


def _compare_basis(expected: list[Any], got: list[Any]) -> tuple[FieldScore, FieldScore]:
    score = _list_score("basis", expected, got, _basis_key)
    # Issuers among matched items: pair each gold item with the first unused parsed one.
    pool: dict[tuple[Any, ...], list[Any]] = {}
    for item in got:
        pool.setdefault(_basis_key(item), []).append(item)
    checked = correct = 0
    details: list[str] = []
    for item in expected:
        candidates = pool.get(_basis_key(item))
        if not candidates:
            continue
        other = candidates.pop(0)
        checked += 1
        if _key(_get(item, "issuer")) == _key(_get(other, "issuer")):
            correct += 1
        else:
            details.append(
                f"{_get(item, 'kind')} {_get(item, 'number')}: issuer "
                f"{_get(item, 'issuer')!r} != {_get(other, 'issuer')!r}"
            )
    issuer = FieldScore(
        "basis.issuer",
        "ratio",
        [_get(x, "issuer") for x in expected],
        [_get(x, "issuer") for x in got],
        correct == checked,
        correct,
        checked,
        checked,
        details,
    )
    if score.ok and not issuer.ok:
        score.ok = False
        score.details += details
    return score, issuer


def _signer_key(value: Any) -> tuple[Any, ...] | None:
    if not value:
        return None
    parts = tuple(_key(_get(value, k)) for k in ("authority", "title", "name"))
    return None if parts == (None, None, None) else parts


def _phase_key(value: Any) -> tuple[Any, ...]:
    return (_plain(_get(value, "start")), _plain(_get(value, "end")), bool(_get(value, "peak")))


def _parsed_sections(parsed: dict[str, Any]) -> list[str]:
    out = []
    for s in _as_list(parsed.get("sections")):
        if isinstance(s, dict):
            out.append(section_key(s.get("label"), s.get("heading")))
        else:
            out.append(section_key(str(s)))
    return out


def _parsed_units(parsed: dict[str, Any]) -> list[Any]:
    units = parsed.get("assignments")
    if units is None:
        units = parsed.get("units")
    return [u.get("unit") if isinstance(u, dict) else u for u in _as_list(units)]


def _parsed_recipients(parsed: dict[str, Any]) -> list[Any]:
    out = []
    for r in _as_list(parsed.get("recipients")):
        out.append(r.get("name") if isinstance(r, dict) else recipient_name(str(r)))
    return out


def _parsed_dates(items: Iterable[Any]) -> list[Any]:
    return [_get(d, "date") if isinstance(d, dict) else d for d in items]


def _copied_text(value: Any) -> Any:
    return None if value is None else _key(_strip_trailing(str(value)))


def compare(gold: dict[str, Any], parsed: dict[str, Any]) -> dict[str, FieldScore]:
    """Score each field the gold annotates against the parser's JSON object.

    Returns ``{field: FieldScore}`` for every scored key present in ``gold`` (plus
    ``basis.issuer`` when ``basis`` is present), in the order of ``FIELDS``.
    """
    if hasattr(parsed, "to_dict"):
        parsed = parsed.to_dict()
    parsed = _nfc_deep(parsed)
    scores: dict[str, FieldScore] = {}
    for name in FIELDS:
        if name == "basis.issuer" or name not in gold or name in _NOT_SCORED:
            continue
        exp = gold[name]
        if name in ("doc_type", "number", "date"):
            got = parsed.get(name)
            ok = _plain(exp) == _plain(got)
            scores[name] = FieldScore(name, "scalar", exp, got, ok, int(ok), 1, 1)
        elif name == "symbol":
            got = parsed.get(name)
            ok = _symbol(exp) == _symbol(got)
            scores[name] = FieldScore(name, "scalar", exp, got, ok, int(ok), 1, 1)
        elif name in ("issuer", "place", "title"):
            got = parsed.get(name)
            ok = _copied_text(exp) == _copied_text(got)
            scores[name] = FieldScore(name, "scalar", exp, got, ok, int(ok), 1, 1)
        elif name == "signer":
            got = parsed.get(name)
            ok = _signer_key(exp) == _signer_key(got)
            scores[name] = FieldScore(name, "scalar", exp, got, ok, int(ok), 1, 1)
        elif name == "basis":
            score, issuer = _compare_basis(_as_list(exp), _as_list(parsed.get("basis")))
            scores["basis"] = score
            scores["basis.issuer"] = issuer
        elif name == "sections":
            exp_keys = [section_key(str(s)) for s in _as_list(exp)]
            scores[name] = _list_score(name, exp_keys, _parsed_sections(parsed), lambda x: x)
            scores[name].expected = exp
            scores[name].got = parsed.get("sections")
        elif name == "units":
            got_units = _parsed_units(parsed)
            scores[name] = _list_score(name, _as_list(exp), got_units, _copied_text)
        elif name == "recipients":
            exp_names = [recipient_name(str(r)) for r in _as_list(exp)]
            got_names = _parsed_recipients(parsed)
            scores[name] = _list_score(name, exp_names, got_names, _copied_text)
            scores[name].expected = exp
        elif name == "deadlines":
            scores[name] = _list_score(
                name,
                _parsed_dates(_as_list(exp)),
                _parsed_dates(_as_list(parsed.get(name))),
                _plain,
                ordered=False,
            )
            scores[name].expected = exp
            scores[name].got = parsed.get(name)
        elif name == "phases":
            scores[name] = _list_score(
                name, _as_list(exp), _as_list(parsed.get(name)), _phase_key, ordered=False
            )
        elif name in ("recurring_reports", "channels"):
            exp_set = sorted({_plain(x) for x in _as_list(exp)}, key=str)
            got_set = sorted({_plain(x) for x in _as_list(parsed.get(name))}, key=str)
            scores[name] = _list_score(name, exp_set, got_set, lambda x: x, ordered=False)
        elif name == "slogans":
            scores[name] = _list_score(
                name, _as_list(exp), _as_list(parsed.get(name)), _copied_text
            )
    return scores


def differing(scores: dict[str, FieldScore]) -> list[str]:
    """One readable line per field that does not match."""
    lines = []
    for name, s in scores.items():
        if s.ok:
            continue
        if s.kind == "scalar":
            lines.append(f"{name}: expected {s.expected!r}, got {s.got!r}")
        else:
            detail = "; ".join(s.details) if s.details else ""
            lines.append(f"{name}: {detail}")
    return lines
