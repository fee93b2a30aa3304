"""Which set of presentation rules a plan is rendered under: Party, State or Union.

Decided from the plan alone (document-format.md §1), strongest signal first: the form of
the symbol (Party ``KH/QU``: type code, slash, body code; State and Union ``KH-UBND``:
type code, hyphen, body code), the signing notation (``T/M``, ``K/T``, ``T/L`` against
``TM.``, ``KT.``, ``TL.``, ``TUQ.``), the body code, then the words of the issuer and of
the header organ lines. A State-form plan of a trade-union body is Union.
"""

from __future__ import annotations

import re
from typing import Final

from ..model import Plan
from ..text import fold

__all__ = ["REGIMES", "choose_regime"]

REGIMES: Final = ("party", "state", "union")

_PARTY_SYMBOL: Final = re.compile(r"^[A-ZĐ][A-Za-zĐđ]*\s*/\s*[A-ZĐ]")
_STATE_SYMBOL: Final = re.compile(r"^[A-ZĐ][A-Za-zĐđ]*\s*-\s*[A-ZĐ0-9]")
_PARTY_SIGN: Final = re.compile(r"^(?:T/M|K/T|T/L)\b")
_STATE_SIGN: Final = re.compile(r"^(?:TM\.|KT\.|TL\.|TUQ\.)")
_PARTY_CODE: Final = re.compile(r"/(?:TW|TU|TƯ|HU|QU|ĐU|CB|BTG\w*|UBKT\w*|VP[TQH]U)$")
_UNION_CODE: Final = re.compile(r"[/-](?:LĐLĐ|TLĐ|CĐN|CĐCS)$")
# Folded words naming a Party committee (or a body of one) and a trade-union body.
_PARTY_WORDS: Final = (
    "quan uy",
    "huyen uy",
    "tinh uy",
    "thanh uy",
    "thi uy",
    "dang uy",
    "dang bo",
    "chi bo",
    "ban chap hanh trung uong",
)
_UNION_WORDS: Final = ("lien doan lao dong", "cong doan")


def choose_regime(plan: Plan, override: str | None = None) -> str:
    """ "party", "state" or "union" for ``plan``; ``override`` (one of those) wins.

    Raises ``ValueError`` for an unknown override.
    """
    if override is not None:
        value = override.strip().lower()
        if value not in REGIMES:
            raise ValueError(f"kiểu văn bản không hợp lệ: {override!r} (party, state, union)")
        return value
    names = " ".join(fold(x) for x in (plan.issuer or "", *plan.organ_lines))
    symbol = (plan.symbol or "").strip()
    union = any(w in names for w in _UNION_WORDS) or bool(_UNION_CODE.search(symbol))
    state_like = "union" if union else "state"
    if _PARTY_SYMBOL.match(symbol):
        return "party"
    if _STATE_SYMBOL.match(symbol):
        return state_like
    authority = (plan.signer.authority or "") if plan.signer else ""
    if _PARTY_SIGN.match(authority):
        return "party"
    if _STATE_SIGN.match(authority):
        return state_like
    if _PARTY_CODE.search(symbol):
        return "party"
    if union:
        return "union"
    if any(w in f" {names} " for w in _PARTY_WORDS):
        return "party"
    return "state"
