"""Character-level scanning of string literals: escapes, `{hole}` boundaries and format specs.

The lexer calls `scan_string` for every literal that contains braces (or is unterminated); it
returns decoded text segments and `Hole` records. A hole's expression is lexed and parsed later
by the parser from its offsets, so its tokens and spans point at the real place in the file.
Nested string literals inside holes are skipped here with `skip_string` (their own holes are
scanned again when the hole itself is parsed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

# A string nested inside a hole inside a string ... deeper than this is reported, not recursed.
MAX_STRING_NESTING = 32

_SPECIAL = re.compile(r'["\\{}]')
_HOLE_SPECIAL = re.compile(r"[\"'{}()\[\]:]")
_ESCAPE = re.compile(r"\\(?:u\{([0-9A-Fa-f]{1,6})\}|(.))", re.S)
_CHAR_LITERAL = re.compile(r"'(?:[^'\\\n]|\\u\{[0-9A-Fa-f]{1,6}\}|\\[^\n])'")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "0": "\0",
                   "{": "{", "}": "}"}

# report(code, message, start, end, help)
Reporter = Callable[[str, str, int, int, "str | None"], None]


class Hole(NamedTuple):
    """`{expr:spec}` inside a literal: offsets of the braces and of the expression text."""

    start: int  # offset of `{`
    end: int  # offset just past `}`
    expr_start: int
    expr_end: int
    spec: str | None


def decode_escape(match: re.Match[str], report: Reporter | None) -> str:
    """The character an escape sequence stands for; unknown escapes are reported and kept."""
    code, char = match.group(1), match.group(2)
    if code is not None:
        value = int(code, 16)
        if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            if report:
                report("E0004", f"invalid unicode escape: U+{value:X} is not a character",
                       match.start(), match.end(), "use a code point up to 10FFFF outside D800-DFFF")
            return "\ufffd"
        return chr(value)
    simple = _SIMPLE_ESCAPES.get(char)
    if simple is not None:
        return simple
    if report:
        shown = "\\u" if char == "u" else "\\" + (char if char != "\n" else "<newline>")
        report("E0004", f"unknown escape sequence `{shown}`", match.start(), match.end(),
               "valid escapes are \\n \\t \\r \\\\ \\\" \\' \\0 \\{ \\} \\u{...}; write `\\\\` for a backslash")
    return char


def decode_plain(text: str, start: int, end: int, report: Reporter | None) -> str:
    """Decode text[start:end] (no holes in it) resolving escapes."""
    out: list[str] = []
    pos = start
    while True:
        at = text.find("\\", pos, end)
        if at < 0:
            out.append(text[pos:end])
            return "".join(out)
        out.append(text[pos:at])
        match = _ESCAPE.match(text, at, end)
        if match is None:  # a backslash as the last character before the limit
            out.append("\\")
            return "".join(out)
        out.append(decode_escape(match, report))
        pos = match.end()


def scan_string(text: str, start: int, limit: int, report: Reporter | None,
                ) -> tuple[int, list[str | Hole], int]:
    """Scan the literal whose `"` is at `start`.

    Returns (end offset, parts, status) with status 0 (terminated), 1 (runs to `limit`) or
    2 (nested too deeply). Text parts are decoded and never empty.
    """
    parts: list[str | Hole] = []
    buf: list[str] = []
    pos = start + 1
    search = _SPECIAL.search
    while True:
        match = search(text, pos, limit)
        if match is None:
            return limit, parts, 1
        at = match.start()
        char = text[at]
        if char == '"':
            buf.append(text[pos:at])
            _flush(buf, parts)
            return at + 1, parts, 0
        if char == "\\":
            buf.append(text[pos:at])
            esc = _ESCAPE.match(text, at, limit)
            if esc is None:
                return limit, parts, 1
            buf.append(decode_escape(esc, report))
            pos = esc.end()
        elif char == "{":
            if at + 1 < limit and text[at + 1] == "{":
                buf.append(text[pos:at + 1])
                pos = at + 2
                continue
            buf.append(text[pos:at])
            _flush(buf, parts)
            close, colon, status = find_hole_end(text, at + 1, limit, 1)
            if status:
                return limit, parts, status
            if colon >= 0:
                parts.append(Hole(at, close + 1, at + 1, colon, text[colon + 1:close]))
            else:
                parts.append(Hole(at, close + 1, at + 1, close, None))
            pos = close + 1
        else:  # "}"
            buf.append(text[pos:at + 1])
            if at + 1 < limit and text[at + 1] == "}":
                pos = at + 2
            else:
                if report:
                    report("E0006", "unmatched `}` in string literal", at, at + 1,
                           "write `}}` (or `\\}`) for a literal brace")
                pos = at + 1


def _flush(buf: list[str], parts: list[str | Hole]) -> None:
    text = "".join(buf)
    if text:
        parts.append(text)
    buf.clear()


def find_hole_end(text: str, pos: int, limit: int, depth: int) -> tuple[int, int, int]:
    """Find the `}` closing a hole whose body starts at `pos`.

    Returns (offset of `}`, offset of the spec `:` or -1, status). The spec colon is the first
    `:` outside brackets and nested strings that is not part of `::`.
    """
    if depth > MAX_STRING_NESTING:
        return -1, -1, 2
    nesting = 0
    colon = -1
    search = _HOLE_SPECIAL.search
    while True:
        match = search(text, pos, limit)
        if match is None:
            return -1, -1, 1
        at = match.start()
        char = text[at]
        pos = at + 1
        if char == '"':
            pos, status = skip_string(text, at, limit, depth + 1)
            if status:
                return -1, -1, status
        elif char == "'":
            lit = _CHAR_LITERAL.match(text, at, limit)
            if lit is not None:
                pos = lit.end()
        elif char in "([{":
            nesting += 1
        elif char == "}" and nesting == 0:
            return at, colon, 0
        elif char in ")]}":
            nesting = max(0, nesting - 1)
        elif char == ":":
            if at + 1 < limit and text[at + 1] == ":":
                pos = at + 2
            elif nesting == 0 and colon < 0:
                colon = at


def skip_string(text: str, start: int, limit: int, depth: int) -> tuple[int, int]:
    """Find the end of a literal nested in a hole (no decoding, no diagnostics)."""
    if depth > MAX_STRING_NESTING:
        return limit, 2
    pos = start + 1
    search = _SPECIAL.search
    while True:
        match = search(text, pos, limit)
        if match is None:
            return limit, 1
        at = match.start()
        char = text[at]
        if char == '"':
            return at + 1, 0
        if char == "\\":
            pos = at + 2
        elif char == "{" and not (at + 1 < limit and text[at + 1] == "{"):
            close, _colon, status = find_hole_end(text, at + 1, limit, depth + 1)
            if status:
                return limit, status
            pos = close + 1
        else:
            pos = at + 2 if at + 1 < limit and text[at + 1] == char else at + 1
