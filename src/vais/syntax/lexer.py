"""The lexer: source text -> token tuples, comments and lexical diagnostics.

One compiled master regex matches leading whitespace plus one token per step; the named group
that matched says what it is. Strings without braces take a regex fast path, the rest go
through `interpolation.scan_string`. Lexing never stops at a bad character: it reports it,
emits an `ERR` token (the parser stays silent about `ERR` tokens, so one mistake gives one
diagnostic) and continues.
"""

from __future__ import annotations

import re

from vais.syntax.ast import Comment
from vais.syntax.diagnostics import Diagnostic
from vais.syntax.interpolation import decode_plain, scan_string
from vais.syntax.source import SourceFile, Span
from vais.syntax.tokens import (
    DURATION_UNITS,
    FLOAT_SUFFIXES,
    INT_SUFFIXES,
    KEYWORDS,
    OPERATORS,
)

_OPS = "|".join(re.escape(op) for op in OPERATORS)
_MASTER = re.compile(
    r"(?P<nl>(?:[ \t\r\f\v]*\n)+)?[ \t\r\f\v]*(?:"
    r"(?P<id>[A-Za-z_][A-Za-z0-9_]*)"
    rf"|(?P<op>{_OPS})"
    r"|(?P<num>(?:0[xX][0-9A-Fa-f_]+|0[oO][0-7_]+|0[bB][01_]+"
    r"|[0-9][0-9_]*(?:\.[0-9][0-9_]*)?(?:[eE][+-]?[0-9][0-9_]*)?)[A-Za-z0-9_]*)"
    r'|(?P<str>"[^"\\{}]*(?:\\.[^"\\{}]*)*")'
    r"|(?P<comment>\#[^\n]*)"
    r'|(?P<quote>")'
    r"|(?P<char>'(?:[^'\\\n]|\\u\{[0-9A-Fa-f]{1,6}\}|\\[^\n])')"
    r"|(?P<squote>'(?:\\u\{[0-9A-Fa-f]*\}?|\\[^\n]|[^'\n])?)"
    r"|(?P<end>\Z)"
    r"|(?P<other>.)"
    r")",
    re.S,
)
assert [_MASTER.groupindex[name] for name in
        ("nl", "id", "op", "num", "str", "comment", "quote", "char", "squote", "end", "other")] == list(range(1, 12))
_DIGITS = re.compile(r"[0-9]+")
_NUMBER_PARTS = re.compile(
    r"(?P<body>0[xX][0-9A-Fa-f_]+|0[oO][0-7_]+|0[bB][01_]+"
    r"|[0-9][0-9_]*(?P<frac>\.[0-9][0-9_]*)?(?P<exp>[eE][+-]?[0-9][0-9_]*)?)(?P<suffix>[A-Za-z0-9_]*)"
)
_BAD_CHAR_RUN = re.compile(r"[^\sA-Za-z0-9_\"'#+\-*/%<>=!~&|^()\[\]{},;:.?@$]+")
_INTERN = {op: op for op in OPERATORS}


class LexResult:
    """Tokens (ending with an `EOF` token), comments, diagnostics, and whether a literal ran to
    the end of the input (the parser then stays quiet about the missing closers it swallowed)."""

    __slots__ = ("comments", "diagnostics", "runaway", "tokens")

    def __init__(self, tokens: list[tuple], comments: list[Comment], diagnostics: list[Diagnostic],
                 runaway: bool) -> None:
        self.tokens = tokens
        self.comments = comments
        self.diagnostics = diagnostics
        self.runaway = runaway


def tokenize(source: SourceFile, start: int = 0, end: int | None = None,
             diagnostics: list[Diagnostic] | None = None,
             comments: list[Comment] | None = None) -> LexResult:
    """Lex source.text[start:end]. Offsets in tokens are absolute positions in the file."""
    text = source.text
    limit = len(text) if end is None else end
    diags: list[Diagnostic] = [] if diagnostics is None else diagnostics
    notes: list[Comment] = [] if comments is None else comments
    toks: list[tuple] = []
    append = toks.append
    match = _MASTER.match
    keywords = KEYWORDS
    intern = _INTERN
    runaway = False
    pos = start
    first = True

    def report(code: str, message: str, lo: int, hi: int, help: str | None = None) -> None:
        diags.append(Diagnostic(code, message, Span(source, lo, hi), label=_LABELS.get(code, ""), help=help))

    while True:
        m = match(text, pos, limit)
        kind = m.lastindex  # group numbers: see _MASTER (1 is the leading newlines)
        lo, pos = m.span(kind)
        nl = first or m.start(1) >= 0
        first = False
        if kind == 2:  # identifier or keyword
            word = text[lo:pos]
            append((keywords.get(word, "ID"), word, lo, pos, nl, None))
        elif kind == 3:  # operator
            op = intern[text[lo:pos]]
            append((op, op, lo, pos, nl, None))
        elif kind == 4:  # number
            if toks and toks[-1][0] == ".":  # `t.0.1`: fields after a dot are plain integers
                pos = _DIGITS.match(text, lo).end()
                append(("INT", text[lo:pos], lo, pos, nl, (int(text[lo:pos]), None)))
            else:
                append(_number(text[lo:pos], lo, pos, nl, report))
        elif kind == 5:  # string without braces
            raw = text[lo:pos]
            value = decode_plain(text, lo + 1, pos - 1, report) if "\\" in raw else raw[1:-1]
            append(("STR", raw, lo, pos, nl, [value] if value else []))
        elif kind == 6:  # comment
            notes.append(Comment(text[lo:pos], Span(source, lo, pos), nl))
        elif kind == 10:  # end of input
            append(("EOF", "", limit, limit, nl, None))
            break
        elif kind == 7:  # string with braces (interpolation) or unterminated
            mark = len(diags)
            hi, parts, status = scan_string(text, lo, limit, report)
            if status:
                del diags[mark:]  # escapes and braces inside a runaway literal are not separate errors
                runaway = True
                if status == 2:
                    report("E0022", "string interpolation nested too deeply", lo, lo + 1,
                           "move the inner expressions into variables")
                else:
                    report("E0002", "unterminated string literal", lo, lo + 1,
                           'add a closing `"` (an interpolation `{...}` inside may be unclosed)')
                append(("ERR", text[lo:hi], lo, hi, nl, None))
            else:
                append(("STR", text[lo:hi], lo, hi, nl, parts))
            pos = hi
        elif kind == 8:  # char literal
            value = decode_plain(text, lo + 1, pos - 1, report)
            append(("CHAR", text[lo:pos], lo, pos, nl, value))
        elif kind == 9:  # a quote that does not start a valid char literal
            close = text.find("'", pos, min(limit, pos + 40))
            newline = text.find("\n", pos, limit)
            if close >= 0 and (newline < 0 or close < newline):
                pos = close + 1
                report("E0007", "a char literal holds exactly one character", lo, pos,
                       'use a string literal ("...") for text')
            else:
                report("E0003", "unterminated char literal", lo, pos, "add a closing `'`")
            append(("ERR", text[lo:pos], lo, pos, nl, None))
        else:  # 11: anything else
            run = _BAD_CHAR_RUN.match(text, lo, limit)
            pos = run.end() if run is not None else lo + 1
            bad = text[lo:pos]
            shown = bad if bad.isprintable() else ascii(bad)[1:-1]
            report("E0001", f"unexpected character{'s' if len(bad) > 1 else ''} `{shown}`", lo, pos,
                   _bad_char_help(bad))
            append(("ERR", bad, lo, pos, nl, None))
    return LexResult(toks, notes, diags, runaway)


def _number(text: str, lo: int, hi: int, nl: bool, report) -> tuple:
    """Classify and evaluate a numeric token: INT, FLOAT or DUR (a duration literal)."""
    parts = _NUMBER_PARTS.match(text)
    assert parts is not None
    body, suffix = parts.group("body"), parts.group("suffix")
    is_float = parts.group("frac") is not None or parts.group("exp") is not None
    digits = body.replace("_", "")
    radix = 10
    if body[:2] in ("0x", "0X", "0o", "0O", "0b", "0B"):
        radix = {"x": 16, "o": 8, "b": 2}[body[1].lower()]
        digits = digits[2:]
        if not digits:
            report("E0005", f"invalid number literal `{text}`: no digits after `{body[:2]}`", lo, hi)
            return ("INT", text, lo, hi, nl, (0, None))
    if suffix:
        if suffix in FLOAT_SUFFIXES and radix == 10:
            return ("FLOAT", text, lo, hi, nl, (float(digits), suffix))
        if not is_float and suffix in INT_SUFFIXES:
            return ("INT", text, lo, hi, nl, (int(digits, radix), suffix))
        if not is_float and radix == 10 and suffix in DURATION_UNITS:
            return ("DUR", text, lo, hi, nl, (int(digits), suffix))
        report("E0005", f"invalid number literal `{text}`", lo, hi, _suffix_help(suffix, is_float, radix))
        return ("FLOAT" if is_float else "INT", text, lo, hi, nl, (0.0 if is_float else 0, None))
    if is_float:
        return ("FLOAT", text, lo, hi, nl, (float(digits), None))
    return ("INT", text, lo, hi, nl, (int(digits, radix), None))


def _suffix_help(suffix: str, is_float: bool, radix: int) -> str:
    if suffix[0].isdigit() and radix != 10:
        return f"`{suffix[0]}` is not a digit in base {radix}"
    if is_float:
        return "a float literal may end with `f32` or `f64`"
    return ("an integer may end with a type suffix (`i8`..`i128`, `u8`..`u128`, `isize`, `usize`, "
            "`f32`, `f64`) or a duration unit (`ns` `us` `ms` `s` `m` `h` `d`)")


def _bad_char_help(bad: str) -> str | None:
    if bad[0] == "`":
        return "backticks are not part of Vais; remove it (strings use double quotes)"
    if bad[0] == "\\":
        return "a backslash only appears inside string and char literals"
    return "remove it; identifiers use ASCII letters, digits and `_`"


_LABELS = {
    "E0001": "not a token of the language",
    "E0002": "this string is never closed",
    "E0003": "this char literal is never closed",
    "E0004": "unknown escape",
    "E0005": "invalid number",
    "E0006": "lone `}`",
    "E0007": "more than one character",
    "E0022": "nested too deeply",
}
