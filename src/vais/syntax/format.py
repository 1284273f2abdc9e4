"""The formatter: `format_source(text, path)` prints a module in the canonical Vais style
(docs/formatting.md).

It never formats a file with syntax errors (`FormatError` carries the parser's diagnostics), and
it checks its own output: the result must parse to the same tree (`ast.dump` without spans) and
keep every comment in order, otherwise `FormatterBug` is raised and nothing should be written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vais.syntax import ast
from vais.syntax.format_comments import CommentPool, comment_text
from vais.syntax.format_expr import ExprPrinter
from vais.syntax.format_items import ItemPrinter
from vais.syntax.format_tokens import TokenIndex
from vais.syntax.source import SourceFile

if TYPE_CHECKING:
    from vais.syntax.diagnostics import Diagnostic


class FormatError(Exception):
    """The source does not parse; `diagnostics` says why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} syntax error(s)")
        self.diagnostics = diagnostics


class FormatterBug(Exception):
    """The formatted text would not mean the same as the input (a bug in the formatter)."""


class Printer(ItemPrinter):
    """All of the formatter over one parsed module."""

    def __init__(self, module: ast.Module, tokens: list[tuple]):
        ExprPrinter.__init__(self)
        self.src: SourceFile = module.span.source
        self.toks = TokenIndex(tokens)
        comment_starts = [c.span.start for c in module.comments]
        verbatim = []
        for node in ast.walk(module):
            self.toks.note_call(node)
            if _is_verbatim(node, comment_starts):
                verbatim.append((node.span.start, node.span.end))
        self.pool = CommentPool(module.comments, self.src, verbatim)


def format_source(text: str, path: str) -> str:
    """The canonical form of `text` (raises `FormatError` if it does not parse)."""
    from vais.syntax import lex, parse_source

    module, diagnostics = parse_source(text, path)
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise FormatError(errors)
    tokens, _, _ = lex(text, path)
    result = Printer(module, tokens).module(module)
    _verify(module, result, path)
    return result


def _verify(module: ast.Module, result: str, path: str) -> None:
    from vais.syntax import parse_source

    again, diagnostics = parse_source(result, path)
    if any(d.is_error for d in diagnostics):
        first = next(d for d in diagnostics if d.is_error)
        raise FormatterBug(f"the formatted text does not parse (line {first.span.line}: {first.message})")
    if ast.dump(again) != ast.dump(module):
        raise FormatterBug("the formatted text parses to a different syntax tree")
    if [comment_text(c) for c in again.comments] != [comment_text(c) for c in module.comments]:
        raise FormatterBug("the formatted text lost or reordered comments")


def verbatim_regions(module: ast.Module) -> list[tuple[int, int]]:
    """Source ranges printed exactly as written; comments in them come out with them."""
    comment_starts = [c.span.start for c in module.comments]
    return [(n.span.start, n.span.end) for n in ast.walk(module) if _is_verbatim(n, comment_starts)]


def _is_verbatim(node: ast.Node, comment_starts: list[int]) -> bool:
    """User macro calls and rules (the macro matches their tokens, so even spacing is theirs) and
    attributes with a comment inside."""
    kind = type(node)
    if kind is ast.MacroRule:
        return True
    if kind is ast.MacroCall:
        return ExprPrinter.is_verbatim(node)
    return kind is ast.Attribute and any(node.span.start <= c < node.span.end for c in comment_starts)
