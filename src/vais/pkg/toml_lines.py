"""Map TOML keys to the line where they are written, so manifest errors can say `Vais.toml:3:`.

tomlkit keeps formatting but not positions, so we scan the source once: table headers,
`key = value` lines (bare, quoted and dotted keys) and the keys of one-line inline tables.
"""

from __future__ import annotations

import re

_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER_RE = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_ASSIGN_RE = re.compile(rf"^\s*({_DOTTED})\s*=")
_INLINE_KEY_RE = re.compile(rf"[{{,]\s*({_DOTTED})\s*=")
_PART_RE = re.compile(_KEY_PART)

Path_ = tuple[str, ...]


def _split(dotted: str) -> Path_:
    return tuple(p.strip("\"'") for p in _PART_RE.findall(dotted))


class KeyLines:
    """Line numbers (1-based) of every table header and key written in a TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path_, int] = {}
        table: Path_ = ()
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER_RE.match(line)
            if header:
                table = _split(header.group(1))
                self._lines.setdefault(table, number)
                continue
            assign = _ASSIGN_RE.match(line)
            if assign is None:
                continue
            key = table + _split(assign.group(1))
            for i in range(len(table) + 1, len(key) + 1):
                self._lines.setdefault(key[:i], number)
            rest = line[assign.end():]
            for inner in _INLINE_KEY_RE.finditer(rest):
                self._lines.setdefault(key + _split(inner.group(1)), number)
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote

    def line(self, *path: str) -> int:
        """Line of the longest written prefix of `path` (1 when nothing matches)."""
        for end in range(len(path), 0, -1):
            found = self._lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return 1
