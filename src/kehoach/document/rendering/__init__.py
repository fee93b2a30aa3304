"""Rendering: a structured plan back into a document a clerk can sign and send.

    from kehoach.document.rendering import render_docx
    Path("ke-hoach.docx").write_bytes(render_docx(plan))

The layout follows the official rules of the plan's regime (Party, State, Union; see
``choose_regime``) and of the version in force on its date (document-format.md §3–§5, §8).
"""

from __future__ import annotations

from .docx import render_docx
from .regime import REGIMES, choose_regime

__all__ = ["REGIMES", "choose_regime", "render_docx"]
