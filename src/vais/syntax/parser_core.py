"""Parser foundation: the token cursor, span construction, error reporting and recovery.

The grammar mixins (types, patterns, expressions, statements, items) build on `ParserCore`.
Errors are recorded as diagnostics and then `ParseError` unwinds to the nearest recovery point
(a statement, match arm, member or item), which skips to the next boundary with `sync`.
Errors caused by an `ERR` token are not reported again (the lexer already did), and errors at
the end of the file are reported once, as the innermost delimiter that was never closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn, TypeVar

from vais.syntax.diagnostics import Diagnostic, Label
from vais.syntax.source import SourceFile, Span
from vais.syntax.tokens import ASSIGN_OPS, BINARY_PREC, CLOSERS, ITEM_START, OPENERS, describe

# How deeply expressions, blocks, types and patterns may nest. Each level costs a handful of
# Python frames, so this keeps the parser well inside the default recursion limit.
MAX_DEPTH = 100

# Spans are built through their slot descriptors: a frozen dataclass's __init__ is ~2.5x slower,
# and the parser makes one span per node.
new_object = object.__new__
set_span_source = Span.__dict__["source"].__set__
set_span_start = Span.__dict__["start"].__set__
set_span_end = Span.__dict__["end"].__set__

_ITEM_SYNC = ITEM_START | {"E", "C"}

Element = TypeVar("Element")


def make_span(source: SourceFile, start: int, end: int) -> Span:
    span = new_object(Span)
    set_span_source(span, source)
    set_span_start(span, start)
    set_span_end(span, end)
    return span


def matching_close(toks: list[tuple], index: int) -> int:
    """Index of the token closing the opener at toks[index], or -1 (unclosed or mismatched)."""
    expected: list[str] = []
    for j in range(index, len(toks)):
        kind = toks[j][0]
        if kind in OPENERS:
            expected.append(OPENERS[kind])
        elif kind in CLOSERS:
            if not expected or expected.pop() != kind:
                return -1
            if not expected:
                return j
        elif kind == "EOF":
            return -1
    return -1


# Errors that point at the end of the previous line when the token found starts a new line after a
# token that needs something to follow it (`E0023`, a missing block, needs nothing more).
_AT_DANGLING = frozenset(("E0010", "E0011", "E0018", "E0019", "E0023"))
DANGLING = frozenset((*BINARY_PREC, *ASSIGN_OPS, ":=", "->", "=>", ":", ".", "::", "as", "!", "~", "-", "&", "*", "mut"))


class ParseError(Exception):
    """Unwinds to the nearest recovery point; the diagnostic (if any) is already recorded."""


class Shared:
    """State shared by a file's parser and the sub-parsers of its interpolation holes."""

    __slots__ = ("abandoned", "diags", "eof_reported", "file_tokens", "runaway", "source")

    def __init__(self, source: SourceFile, tokens: list[tuple], diags: list[Diagnostic], runaway: bool):
        self.source = source
        self.file_tokens = tokens
        self.diags = diags
        self.runaway = runaway  # a literal ran to the end of the file (already reported)
        self.eof_reported = False
        self.abandoned: set[int] = set()  # start offsets of openers reported as unclosed/mismatched


class ParserCore:
    """Token cursor plus the error machinery; see the module docstring."""

    def __init__(self, shared: Shared, tokens: list[tuple], depth: int = 0):
        self.sh = shared
        self.src = shared.source
        self.text = shared.source.text
        self.toks = tokens
        self.i = 0
        self.tok = tokens[0]
        self.kind: str = tokens[0][0]
        self.depth = depth
        self.nl_sig = True  # newlines end expressions (inside `{}`), not inside `()`/`[]`
        self.no_struct = False  # in the head of I/L/M: `Name {` is not a struct literal
        self.gt_end = 0  # end offset of the last `>` consumed by `eat_gt`
        self.missing_block = False  # the error being recovered from is a block head without `{`

    # ---- cursor -------------------------------------------------------------------------------

    def next(self) -> tuple:
        """Consume the current token and return it (the cursor stays on EOF)."""
        tok = self.tok
        if tok[0] != "EOF":
            self.i += 1
            self.tok = t = self.toks[self.i]
            self.kind = t[0]
        return tok

    def peek_kind(self, ahead: int = 1) -> str:
        index = self.i + ahead
        toks = self.toks
        return toks[index][0] if index < len(toks) else "EOF"

    def seek(self, index: int) -> None:
        self.i = index
        self.tok = self.toks[index]
        self.kind = self.tok[0]

    def sp(self, start: int) -> Span:
        """The span from `start` to the end of the last consumed token."""
        span = new_object(Span)
        set_span_source(span, self.src)
        set_span_start(span, start)
        set_span_end(span, self.toks[self.i - 1][3])
        return span

    def tok_span(self, tok: tuple) -> Span:
        return make_span(self.src, tok[2], tok[3])

    def expect(self, kind: str, what: str | None = None, help: str | None = None) -> tuple:
        if self.kind == kind:
            return self.next()
        self.expected(what or f"`{kind}`", help=help)

    def match_close(self, index: int) -> int:
        return matching_close(self.toks, index)

    def column(self, offset: int) -> int:
        return offset - (self.text.rfind("\n", 0, offset) + 1)

    def indent_of_line(self, offset: int) -> int:
        line_start = self.text.rfind("\n", 0, offset) + 1
        text = self.text
        end = line_start
        while end < offset and text[end] in " \t":
            end += 1
        return end - line_start

    # ---- reporting ----------------------------------------------------------------------------

    def report(self, code: str, message: str, lo: int, hi: int, label: str = "",
               help: str | None = None, secondary: list[Label] | None = None) -> None:
        self.sh.diags.append(Diagnostic(code, message, make_span(self.src, lo, hi), label=label, help=help,
                                        secondary=secondary or []))

    def fail(self, code: str, message: str, tok: tuple | None = None, label: str = "",
             help: str | None = None, secondary: list[Label] | None = None) -> NoReturn:
        """Record a diagnostic at `tok` (default: the current token) and unwind."""
        tok = tok or self.tok
        kind = tok[0]
        if kind == "ERR":
            raise ParseError
        if kind == "EOF":
            self.report_eof(message)
            raise ParseError
        if tok[4] and tok is self.tok and code in _AT_DANGLING and self.i > 0:
            prev = self.toks[self.i - 1]
            if code == "E0023" or prev[0] in DANGLING:
                # `x := 1 +` or `M x` ending its line: the line left incomplete is the mistake, not the
                # next line (whose first token only shows that nothing more came)
                found = Label(self.tok_span(tok), f"found {describe(tok)} on the next line")
                self.report(code, message, prev[2], prev[3], f"{label or 'something'} after this", help, [*(secondary or []), found])
                raise ParseError
        self.report(code, message, tok[2], tok[3], label, help, secondary)
        raise ParseError

    def expected(self, what: str, tok: tuple | None = None, help: str | None = None,
                 secondary: list[Label] | None = None) -> NoReturn:
        tok = tok or self.tok
        self.fail("E0010", f"expected {what}, found {describe(tok)}", tok, f"expected {what}", help, secondary)

    def too_deep(self) -> NoReturn:
        self.depth = 0  # let the recovery point run normally
        self.fail("E0022", "nesting too deep", label="the parser gives up at this depth",
                  help=f"split the expression or block up; at most {MAX_DEPTH} levels are supported")

    def comma_list(self, opener: tuple, closer: str, element: Callable[[], Element], what: str) -> list[Element]:
        """Elements separated by `,` up to `closer` (the cursor is past `opener`); newlines inside do not end it."""
        saved = self.nl_sig
        self.nl_sig = False
        out: list[Element] = []
        while self.kind != closer:
            out.append(element())
            if self.kind == ",":
                self.next()
            elif self.kind != closer:
                self.bad_delim(opener, closer, what)
        self.next()
        self.nl_sig = saved
        return out

    def bad_delim(self, opener: tuple, closer: str, what: str) -> NoReturn:
        """A list opened by `opener` continues with something other than `,` or `closer`."""
        tok = self.tok
        kind = tok[0]
        self.sh.abandoned.add(opener[2])
        open_label = [Label(self.tok_span(opener), f"`{opener[1]}` opened here")]
        if kind in CLOSERS and not tok[4]:
            self.fail("E0013", f"mismatched closing delimiter: expected `{closer}`, found `{kind}`", tok,
                      f"does not close the `{opener[1]}`", f"close the `{opener[1]}` with `{closer}`", open_label)
        if kind != "EOF" and kind != "ERR" and (tok[4] or kind in (";", ":=")):  # the list never ended
            self.report("E0012", f"unclosed delimiter `{opener[1]}`", opener[2], opener[3],
                        f"this `{opener[1]}` is never closed", f"add `{closer}` to close it",
                        [Label(self.tok_span(tok), f"expected `,` or `{closer}` before this")])
            raise ParseError
        index = next((j for j in range(self.i, -1, -1) if self.toks[j] is opener), -1)
        if index >= 0 and matching_close(self.toks, index) > 0:
            # `Pt { x 1, y: 2 }`: the list is closed later, so its closer must still count as one
            # (abandoned, the `}` would end the enclosing block during recovery)
            self.sh.abandoned.discard(opener[2])
        self.expected(f"`,` or `{closer}` {what}", help=f"separate the items with `,` and close the list with `{closer}`",
                      secondary=open_label)

    def report_eof(self, message: str) -> None:
        """Report the end of the file once: as the innermost unclosed delimiter when there is one."""
        sh = self.sh
        if sh.eof_reported or sh.runaway:
            return
        sh.eof_reported = True
        toks = sh.file_tokens
        stack: list[tuple] = []
        skipped: list[tuple] = []  # openers left open when a closer matched an outer opener
        suspects: list[tuple[tuple, tuple]] = []  # `{ }` pairs whose indentation disagrees
        for tok in toks:
            kind = tok[0]
            if kind in OPENERS:
                if tok[2] not in sh.abandoned:
                    stack.append(tok)
            elif kind in CLOSERS:
                for j in range(len(stack) - 1, -1, -1):
                    if OPENERS[stack[j][0]] == kind:
                        opener = stack[j]
                        skipped.extend(stack[j + 1:])
                        del stack[j:]
                        if kind == "}" and tok[4] and self.indent_of_line(opener[2]) != self.column(tok[2]):
                            suspects.append((opener, tok))
                        break
        if not stack and not skipped:
            eof = toks[-1]
            self.report("E0010", message, eof[2], eof[3], "the file ends here")
            return
        opener = stack[-1] if stack else skipped[0]
        secondary: list[Label] = []
        later = [pair for pair in suspects if pair[0][2] > opener[2]]
        if later:
            opener, closer = later[0]
            secondary.append(Label(self.tok_span(closer), "this `}` seems to close an outer block (indentation)"))
        closer_text = OPENERS[opener[0]]
        what = {"}": "block", ")": "parenthesis", "]": "bracket"}[closer_text]
        self.report("E0012", f"unclosed delimiter `{opener[1]}`", opener[2], opener[3],
                    f"this `{opener[1]}` is never closed", f"add `{closer_text}` to close this {what}", secondary)

    # ---- recovery -----------------------------------------------------------------------------

    def _depth_between(self, start: int, end: int) -> int:
        depth = 0
        abandoned = self.sh.abandoned
        for tok in self.toks[start:end]:
            kind = tok[0]
            if kind in OPENERS:
                if tok[2] not in abandoned:
                    depth += 1
            elif kind in CLOSERS and depth:
                depth -= 1
        return depth

    def sync(self, start: int, commas: bool = False) -> None:
        """Skip to the end of the statement (or arm/member, when `commas`) that began at `start`.

        It ends at `;` (or `,`) outside brackets, before a `}` that closes the enclosing block, or
        before a line that starts outside brackets or at/left of the statement's column.
        """
        depth = self._depth_between(start, self.i)
        if self.i == start:  # always make progress
            if self.kind in OPENERS:
                depth += 1
            self.next()
        col0 = self.column(self.toks[start][2])
        abandoned = self.sh.abandoned
        body_lines, self.missing_block = self.missing_block, False
        while True:
            tok = self.tok
            kind = tok[0]
            if kind == "EOF":
                return
            if tok[4]:
                col = self.column(tok[2])
                if body_lines and depth <= 0 and col >= col0:
                    # `M x` without `{`: the lines indented under it were its body, and a `}` in the
                    # statement's column closed it
                    if col == col0:
                        if kind == "}":
                            self.next()
                        return
                elif depth <= 0 or col < col0 or (col == col0 and kind not in CLOSERS):
                    return
            if depth <= 0:
                if kind == ";" or (commas and kind == ","):
                    self.next()
                    return
                if kind == "}":
                    return
            if kind in OPENERS:
                if tok[2] not in abandoned:
                    depth += 1
            elif kind in CLOSERS and depth > 0:
                depth -= 1
            self.next()

    def sync_item(self, start: int) -> None:
        """Skip to the next line that starts an item outside brackets (or in column 1)."""
        depth = self._depth_between(start, self.i)
        if self.i == start:
            if self.kind in OPENERS:
                depth += 1
            self.next()
        abandoned = self.sh.abandoned
        while True:
            tok = self.tok
            kind = tok[0]
            if kind == "EOF":
                return
            if tok[4] and kind in _ITEM_SYNC and (depth <= 0 or self.column(tok[2]) == 0):
                return
            if kind in OPENERS:
                if tok[2] not in abandoned:
                    depth += 1
            elif kind in CLOSERS and depth > 0:
                depth -= 1
            self.next()
