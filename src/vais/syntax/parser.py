"""The Vais parser: a hand-written recursive-descent parser over the lexer's tokens.

The grammar lives in mixins, one module per part of the language (`parser_types`,
`parser_patterns`, `parser_expr`, `parser_stmt`, `parser_items`) on top of `parser_core`
(cursor, spans, diagnostics, recovery). `parse_module` is the entry point.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from vais.syntax import ast
from vais.syntax.diagnostics import Diagnostic, sort_key
from vais.syntax.lexer import tokenize
from vais.syntax.parser_core import ParseError, Shared, make_span
from vais.syntax.parser_items import ItemMixin
from vais.syntax.source import SourceFile


class Parser(ItemMixin):
    """All of the grammar; construct it over a token list (see `parse_module`)."""


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while parsing.

    Parsing allocates millions of tuples and nodes but creates no reference cycles, so the
    collector only burns time: it ran 3x longer than the parse itself on a 100 000-line file, as
    the growing tree was scanned again and again. Everything is still freed by reference counting.
    On the way out the new objects would all sit in the youngest generation and the next
    allocation would scan them once more (a third of the parse time); `freeze` + `unfreeze` moves
    them to the oldest generation in O(1) instead, as long as the host program has not frozen
    objects of its own. The collector's previous on/off setting is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def parse_module(source: SourceFile) -> tuple[ast.Module, list[Diagnostic]]:
    """Lex and parse one file. Never raises: every problem becomes a diagnostic."""
    with gc_paused():
        return _parse(source)


def _parse(source: SourceFile) -> tuple[ast.Module, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    lexed = tokenize(source, diagnostics=diags)
    parser = Parser(Shared(source, lexed.tokens, diags, lexed.runaway), lexed.tokens)
    try:
        module = parser.module(lexed.comments)
    except (RecursionError, ParseError):  # last-resort guard; the depth limit normally prevents this
        tok = parser.tok
        diags.append(Diagnostic("E0022", "nesting too deep", make_span(source, tok[2], tok[3]),
                                label="the parser gives up here", help="split the code into smaller pieces"))
        module = ast.Module([], make_span(source, 0, len(source.text)), lexed.comments)
    diags.sort(key=sort_key)
    return module, _without_unclosed_echoes(diags)


# Errors that an unclosed block's opener explains when they come after it: `I c {` never closed
# makes the following `E` an else without an `I` (E0016), the next arm or statement run on (E0021),
# and the closers meet the wrong things (E0010). rustc, too, reports only the unclosed delimiter.
_ECHOES_OF_UNCLOSED = frozenset({"E0016", "E0021", "E0010"})


def _without_unclosed_echoes(diags: list[Diagnostic]) -> list[Diagnostic]:
    unclosed = [d.span.start for d in diags if d.code == "E0012"]
    if not unclosed:
        return diags
    first = min(unclosed)
    return [d for d in diags if not (d.code in _ECHOES_OF_UNCLOSED and d.span.start > first)]
