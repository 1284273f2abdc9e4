"""Source files and spans.

A span is three words (source, start, end) so the parser can make millions of them cheaply;
line/column/byte positions are derived on demand from the source's line table.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(eq=False)
class SourceFile:
    """One source text with a lazily built table of line starts (character offsets)."""

    path: str
    text: str
    _line_starts: list[int] | None = field(default=None, repr=False)

    @classmethod
    def read(cls, path: str | Path) -> SourceFile:
        data = Path(path).read_bytes()
        return cls(str(path), data.decode("utf-8", errors="replace"))

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            text = self.text
            pos = text.find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = text.find("\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a character offset."""
        starts = self.line_starts
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def line_text(self, line: int) -> str:
        starts = self.line_starts
        if line < 1 or line > len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def byte_offset(self, offset: int) -> int:
        """UTF-8 byte offset of a character offset (equal for ASCII sources)."""
        if self.text.isascii():
            return offset
        return len(self.text[:offset].encode("utf-8"))

    def __deepcopy__(self, memo: dict) -> SourceFile:
        return self


@dataclass(slots=True, frozen=True)
class Span:
    """A half-open character range [start, end) in one source file."""

    source: SourceFile
    start: int
    end: int

    @property
    def file(self) -> str:
        return self.source.path

    @property
    def line(self) -> int:
        return self.source.line_col(self.start)[0]

    @property
    def col(self) -> int:
        return self.source.line_col(self.start)[1]

    @property
    def end_line(self) -> int:
        return self.source.line_col(max(self.start, self.end - 1) if self.end > self.start else self.end)[0]

    @property
    def end_col(self) -> int:
        """1-based column just past the last character (rustc convention)."""
        _, col = self.source.line_col(max(self.start, self.end - 1) if self.end > self.start else self.end)
        return col + (1 if self.end > self.start else 0)

    @property
    def byte_start(self) -> int:
        return self.source.byte_offset(self.start)

    @property
    def byte_end(self) -> int:
        return self.source.byte_offset(self.end)

    def to(self, other: Span) -> Span:
        """The span covering self through other."""
        return Span(self.source, min(self.start, other.start), max(self.end, other.end))

    def __deepcopy__(self, memo: dict) -> Span:
        return self

    def __repr__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"
