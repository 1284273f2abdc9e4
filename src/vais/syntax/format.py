"""The formatter: `format_source(text, path)` prints a module in the canonical Vais style.

Never formats a file with syntax errors: `FormatError` carries the parser's diagnostics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vais.syntax.diagnostics import Diagnostic


class FormatError(Exception):
    """The source does not parse; `diagnostics` says why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} syntax error(s)")
        self.diagnostics = diagnostics


def format_source(text: str, path: str) -> str:
    """The canonical form of `text` (raises `FormatError` if it does not parse)."""
    from vais.syntax import parse_source

    _, diagnostics = parse_source(text, path)
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise FormatError(errors)
    return text
