"""Comments for the formatter: a queue in source order that the printer drains as it goes.

The printer asks for comments at the places where a line can end (before a list element, after
it, before a closing brace). Taking "every comment before offset P" always takes a prefix of the
queue, so the state is one cursor: speculative renderings save and restore it, and comments come
out in source order even when one ends up in another place than it was written (for example a
comment inside a one-line expression moves to the end of the statement's line).
"""

from __future__ import annotations

from bisect import bisect_left

from vais.syntax.ast import Comment
from vais.syntax.source import SourceFile


class CommentPool:
    """The module's comments minus those inside verbatim regions, consumed front to back."""

    def __init__(self, comments: list[Comment], source: SourceFile, verbatim: list[tuple[int, int]]):
        self.source = source
        self.all_starts = sorted(c.span.start for c in comments)
        self.comments = sorted((c for c in comments if not _inside(c.span.start, verbatim)),
                               key=lambda c: c.span.start)
        self.starts = [c.span.start for c in self.comments]
        self.cursor = 0

    def take_until(self, offset: int) -> list[Comment]:
        """Every comment not yet printed that starts before `offset`."""
        end = bisect_left(self.starts, offset)
        if end <= self.cursor:
            return []
        taken = self.comments[self.cursor:end]
        self.cursor = end
        return taken

    def take_trailing(self, end: int, limit: int) -> Comment | None:
        """The comment that follows code ending at `end` on the same line (before `limit`)."""
        if self.cursor >= len(self.comments):
            return None
        comment = self.comments[self.cursor]
        start = comment.span.start
        if start < end or start >= limit or self.line(start) != self.line(max(end - 1, 0)):
            return None
        self.cursor += 1
        return comment

    def has_comment(self, lo: int, hi: int) -> bool:
        """Whether any comment (printed or not, verbatim or not) starts in [lo, hi)."""
        index = bisect_left(self.all_starts, lo)
        return index < len(self.all_starts) and self.all_starts[index] < hi

    def line(self, offset: int) -> int:
        return self.source.line_col(offset)[0]

    def blank_between(self, first_line: int, last_line: int) -> bool:
        """Whether a whitespace-only line lies strictly between two source lines."""
        return any(not self.source.line_text(n).strip() for n in range(first_line + 1, last_line))


def _inside(offset: int, regions: list[tuple[int, int]]) -> bool:
    return any(lo <= offset < hi for lo, hi in regions)


def comment_text(comment: Comment) -> str:
    return comment.text.rstrip()
