"""Vais syntax layer: lexer, parser, AST, diagnostics, macro expansion.

Public API (importing this package is cheap; the parser loads on first use):

- `parse_source(text, path) -> (Module, diagnostics)`
- `parse_file(path) -> (Module, diagnostics)`
- `lex(text, path) -> (tokens, comments, diagnostics)`
- `expand_macros(module) -> diagnostics` (see `vais.syntax.macros`)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from vais.syntax.ast import Comment, MacroDecl, Module
    from vais.syntax.diagnostics import Diagnostic


def parse_source(text: str, path: str) -> tuple[Module, list[Diagnostic]]:
    """Parse source text; `path` names the file in spans and diagnostics."""
    from vais.syntax.parser import parse_module
    from vais.syntax.source import SourceFile

    return parse_module(SourceFile(path, text))


def parse_file(path: str) -> tuple[Module, list[Diagnostic]]:
    """Read and parse a file; a file that is not UTF-8 is one diagnostic and an empty module."""
    from pathlib import Path

    from vais.syntax.files import read_source
    from vais.syntax.parser import parse_module
    from vais.syntax.source import SourceFile

    text, not_utf8 = read_source(Path(path))
    if not_utf8 is not None:
        return parse_module(SourceFile(path, ""))[0], [not_utf8]
    return parse_module(SourceFile(path, text))


def lex(text: str, path: str) -> tuple[list[tuple], list[Comment], list[Diagnostic]]:
    """Tokens (6-tuples, see `vais.syntax.tokens.Token`, ending with EOF), comments, diagnostics."""
    from vais.syntax.lexer import tokenize
    from vais.syntax.source import SourceFile

    result = tokenize(SourceFile(path, text))
    return result.tokens, result.comments, result.diagnostics


def expand_macros(module: Module, macros: Mapping[str, MacroDecl] | None = None) -> list[Diagnostic]:
    """Expand calls of user macros (the module's own, plus `macros` by name) in place; see
    `vais.syntax.macros`."""
    from vais.syntax.macros import expand_macros as expand

    return expand(module, macros)


__all__ = ["expand_macros", "lex", "parse_file", "parse_source"]
