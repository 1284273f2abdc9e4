"""The lexer: source text -> token tuples, comments and lexical diagnostics.

One compiled regex, applied a line at a time with `findall`, splits the text into tokens (see
`_TOKEN`); the first character of each says what it is. Strings without braces take this fast
path, the rest go through `interpolation.scan_string`. Lexing never stops at a bad character: it reports it,
emits an `ERR` token (the parser stays silent about `ERR` tokens, so one mistake gives one
diagnostic) and continues.
"""

from __future__ import annotations

import re

from vais.syntax.ast import Comment
from vais.syntax.diagnostics import Diagnostic
from vais.syntax.interpolation import Hole, decode_plain, scan_string
from vais.syntax.source import SourceFile, Span
from vais.syntax.tokens import (
    DURATION_UNITS,
    FLOAT_SUFFIXES,
    INT_SUFFIXES,
    KEYWORDS,
    OPERATORS,
)

# One line at a time, `findall` returns (leading blanks, token text) pairs, built in C: far
# cheaper than a `match` call per token. Every non-blank character is matched by some
# alternative, so offsets follow by adding up lengths. A lone quote means "no complete literal
# here on this line": the slow path (`scan_string`, char diagnostics) takes over from there.
_TOKEN = re.compile(
    r"([ \t\r\f\v]*)("
    r"[A-Za-z_][A-Za-z0-9_]*"
    r"|[()\[\]{},;?@$~]|\.(?:\.[=.]?)?|:[:=]?|-[>=]?|=[>=]?|!=?|<(?:<=?|=)?|>(?:>=?|=)?|&[&=]?|\|[|=>]?"
    r"|//[^\n]*|[+*/%^]=?|\#\["
    r"|(?:0[xX][0-9A-Fa-f_]+|0[oO][0-7_]+|0[bB][01_]+"
    r"|[0-9][0-9_]*(?:\.[0-9][0-9_]*)?(?:[eE][+-]?[0-9][0-9_]*)?)[A-Za-z0-9_]*"
    r'|"[^"\\{}]*(?:\\.[^"\\{}]*)*"'
    r"|\#[^\n]*"
    r"|'(?:[^'\\\n]|\\u\{[0-9A-Fa-f]{1,6}\}|\\[^\n])'"
    r"|['\"]"
    r"|[^ \t\r\f\v\nA-Za-z0-9_\"'#+\-*/%<>=!~&|^()\[\]{},;:.?@$]+"
    r")",
)
_LABEL = re.compile(r"'[A-Za-z_][A-Za-z0-9_]*:[ \t]*(?=(?:L|LW|LF|loop|while|for)\b|\{)")
_LABEL_USE = re.compile(r"'[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_'])")
_LIFETIME = re.compile(r"'[A-Za-z_][A-Za-z0-9_]*(?=[>,]|:[^:]|[ \t]+(?:mut\b|dyn\b|[A-Za-z_&\[(*]))(?![^'\n&<,:]*')")
# a lifetime parameter with its bounds and comma (`<'a, T>`, `<'a: 'b>`), dropped from a generic list
_LIFETIME_PARAM = re.compile(r"'\w+(?:[ \t]*:[ \t]*'\w+(?:[ \t]*\+[ \t]*'\w+)*)?[ \t]*,?")
_SQUOTE = re.compile(r"'(?:\\u\{[0-9A-Fa-f]*\}?|\\[^\n]|[^'\n])?")
_ID_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_DIGIT = frozenset("0123456789")
_DIGITS = re.compile(r"[0-9]+")
_NUMBER_PARTS = re.compile(
    r"(?P<body>0[xX][0-9A-Fa-f_]+|0[oO][0-7_]+|0[bB][01_]+"
    r"|[0-9][0-9_]*(?P<frac>\.[0-9][0-9_]*)?(?P<exp>[eE][+-]?[0-9][0-9_]*)?)(?P<suffix>[A-Za-z0-9_]*)"
)
_FIXED = {**{op: op for op in OPERATORS}, **KEYWORDS}  # spelling -> canonical kind


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
    """Lex source.text[start:end]. Offsets in tokens are absolute positions in the file.

    The tokens of an interpolation hole follow the `STR` token that contains it, each hole's
    closed by a `HOLE_END` token (at the hole's `:` or `}`), so one pass lexes everything and
    hole expressions are parsed from the same stream with spans at their real positions.
    """
    text = source.text
    diags: list[Diagnostic] = [] if diagnostics is None else diagnostics
    notes: list[Comment] = [] if comments is None else comments
    toks: list[tuple] = []
    append = toks.append
    fixed = _FIXED.get
    findall = _TOKEN.findall
    find = text.find
    runaway = False
    lifetimes: list[int] = []  # where the first lifetime was reported
    labels: list[int] = []  # where the first loop label was reported

    def report(code: str, message: str, lo: int, hi: int, help: str | None = None) -> None:
        diags.append(Diagnostic(code, message, Span(source, lo, hi), label=_LABELS.get(code, ""), help=help))

    def run(pos: int, limit: int, keep_comments: bool) -> None:
        nonlocal runaway
        nl = True
        while pos < limit:
            line_end = find("\n", pos, limit)
            if line_end < 0:
                line_end = limit
            resume = -1
            for blanks, word in findall(text, pos, line_end):
                lo = pos + len(blanks) if blanks else pos
                pos = hi = lo + len(word)
                kind = fixed(word)  # a keyword or an operator
                if kind is not None:
                    append((kind, word, lo, hi, nl, None))
                    nl = False
                    continue
                first = word[0]
                if first in _ID_START:
                    append(("ID", word, lo, hi, nl, None))
                elif first in _DIGIT:
                    if word.isdigit():  # the common case: plain decimal digits
                        append(("INT", word, lo, hi, nl, (int(word), None)))
                        nl = False
                        continue
                    if toks and toks[-1][0] == ".":  # `t.0.1`: fields are integers
                        resume = _DIGITS.match(text, lo).end()
                        append(("INT", text[lo:resume], lo, resume, nl, (int(text[lo:resume]), None)))
                        break
                    append(_number(word, lo, hi, nl, report))
                elif first == '"':
                    if hi - lo > 1:  # a complete literal without braces
                        value = decode_plain(text, lo + 1, hi - 1, report) if "\\" in word else word[1:-1]
                        append(("STR", word, lo, hi, nl, [value] if value else []))
                        nl = False
                        continue
                    mark = len(diags)
                    resume, parts, status = scan_string(text, lo, limit, report)
                    if status:
                        del diags[mark:]  # escapes and braces inside a runaway literal are not separate errors
                        runaway = True
                        if status == 2:
                            report("E0022", "string interpolation nested too deeply", lo, lo + 1,
                                   "move the inner expressions into variables")
                        else:
                            report("E0002", "unterminated string literal", lo, lo + 1,
                                   'add a closing `"` (an interpolation `{...}` inside may be unclosed)')
                        append(("ERR", text[lo:resume], lo, resume, nl, None))
                    else:
                        append(("STR", text[lo:resume], lo, resume, nl, parts))
                        for part in parts:
                            if type(part) is Hole and text[part.expr_start:part.expr_end].strip():
                                run(part.expr_start, part.expr_end, False)
                                append(("HOLE_END", text[part.expr_end], part.expr_end, part.expr_end + 1, False, None))
                    break
                elif first == "#":
                    if keep_comments:
                        notes.append(Comment(word, Span(source, lo, hi), nl))
                elif first == "'":
                    if hi - lo > 1:
                        value = decode_plain(text, lo + 1, hi - 1, report)
                        prev = toks[-1] if toks else None
                        if prev is not None and prev[3] == lo and prev[1] == "b" and prev[0] == "ID":
                            toks.pop()  # `b'a'`: a byte literal is a u8 integer
                            append(_byte(value, prev, hi, report))
                        else:
                            append(("CHAR", word, lo, hi, nl, value))
                        nl = False
                        continue
                    label = _LABEL.match(text, lo, limit)
                    if label is not None or (toks and toks[-1][0] in ("B", "C") and _LABEL_USE.match(text, lo, limit)):
                        # Rust's `'outer: loop` / `break 'outer`: reported once, then skipped
                        resume = label.end() if label is not None else _LABEL_USE.match(text, lo, limit).end()
                        if not labels:
                            labels.append(lo)
                            report("E0001", "loop labels are not part of Vais", lo, resume,
                                   "leave the outer loop with a flag checked after the inner loop, or move "
                                   "the loops into a function and `R`eturn from it")
                        break
                    lifetime = _LIFETIME.match(text, lo, limit)
                    if lifetime is not None:  # Rust's `'a` in `<'a>` / `&'a T`: reported once, then skipped
                        resume = lifetime.end()
                        if toks and toks[-1][0] in ("<", ","):
                            resume = _LIFETIME_PARAM.match(text, lo, limit).end()
                            if toks[-1][0] == "," and text[resume:resume + 1] == ">":
                                toks.pop()  # `<T, 'a>`: the comma before it goes too
                        if not lifetimes:
                            lifetimes.append(lo)
                            report("E0001", f"lifetimes are not part of Vais: `{lifetime.group()}`", lo, resume,
                                   f"remove `{lifetime.group()}` and every other lifetime: Vais references "
                                   "need none")
                        break
                    resume = _SQUOTE.match(text, lo, limit).end()
                    close = find("'", resume, min(line_end, resume + 40))
                    if close >= 0:
                        resume = close + 1
                        report("E0007", "a char literal holds exactly one character", lo, resume,
                               'use a string literal ("...") for text')
                    else:
                        report("E0003", "unterminated char literal", lo, resume, "add a closing `'`")
                    append(("ERR", text[lo:resume], lo, resume, nl, None))
                    break
                elif first == "/":  # `// ...`: a Rust comment
                    report("E0001", "`//` does not start a comment in Vais", lo, lo + 2,
                           "comments start with `#`: write `# ...`")
                    append(("ERR", word, lo, hi, nl, None))
                else:
                    shown = word if word.isprintable() else ascii(word)[1:-1]
                    report("E0001", f"unexpected character{'s' if len(word) > 1 else ''} '{shown}'", lo, hi,
                           _bad_char_help(word))
                    append(("ERR", word, lo, hi, nl, None))
                nl = False
            if resume >= 0:
                pos = resume
                nl = False
            else:
                pos = line_end + 1
                nl = True

    limit = len(text) if end is None else end
    run(start, limit, True)
    append(("EOF", "", limit, limit, True, None))
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


def _byte(value: str | None, b_token: tuple, hi: int, report) -> tuple:
    """The INT token (`u8` suffix) of a byte literal `b'x'` whose `b` is `b_token`."""
    lo, nl = b_token[2], b_token[4]
    if value is None or len(value) != 1 or ord(value) > 0x7F:
        report("E0008", "a byte literal holds one ASCII character", lo, hi,
                "write a non-ASCII byte as a number (`0xE9u8`), or use a char literal ('é')")
        return ("INT", f"b'{value or ''}'", lo, hi, nl, (0, "u8"))
    return ("INT", f"b'{value}'", lo, hi, nl, (ord(value), "u8"))


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
    "E0008": "not an ASCII character",
    "E0022": "nested too deeply",
}
