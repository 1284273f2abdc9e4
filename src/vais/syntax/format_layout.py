"""Layout primitives of the formatter: width checks on rendered text and the two ways a list
is laid out (all on one line, or one element per line with comments around the elements).

Rendered text is a plain string: its first line continues the caller's line at column `col`,
later lines carry their own indentation. `tail` is how many characters the caller will append
to the last line (a `,`, ` {`, `)`), so "fits" can account for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vais.syntax.format_comments import CommentPool, comment_text

WIDTH = 100
INDENT = 4


def fits(text: str, col: int, tail: int = 0) -> bool:
    """Whether `text` placed at column `col`, followed by `tail` characters, stays within WIDTH."""
    first = text.find("\n")
    if first < 0:
        return col + len(text) + tail <= WIDTH
    return col + first <= WIDTH and len(text) - text.rfind("\n") - 1 + tail <= WIDTH


def end_col(text: str, col: int) -> int:
    """The column after `text` placed at column `col`."""
    last = text.rfind("\n")
    return col + len(text) if last < 0 else len(text) - last - 1


def line_indent(text: str, ind: int) -> int:
    """The indentation of the last line of `text` (`ind` when it is one line)."""
    last = text.rfind("\n")
    if last < 0:
        return ind
    line = text[last + 1:]
    return len(line) - len(line.lstrip(" "))


def pad(ind: int) -> str:
    return "\n" + " " * ind


@dataclass(slots=True)
class Elem:
    """One element of a list: its source range, its one-line form (None if it has none), how to
    render it at an indentation, its separator, and (for a last argument that may hug the
    parentheses, like a closure with a block body) how to render it opened up in place."""

    lo: int
    hi: int
    flat: str | None
    render: Callable[[int], str]
    sep: str = ","
    hug: Callable[[int, int, int], str] | None = None


class Lists:
    """List layouts shared by statements, members, match arms and argument lists."""

    pool: CommentPool

    def one_line(self, opener: str, closer: str, elems: list[Elem], space: bool = False) -> str | None:
        """`(a, b)` / `{ a, b }`, or None when an element has no one-line form."""
        parts: list[str] = []
        for k, el in enumerate(elems):
            if el.flat is None:
                return None
            last = k == len(elems) - 1
            parts.append(el.flat + (";" if last and el.sep == ";" else "" if last else el.sep + " "))
        inner = "".join(parts)
        if space and inner:
            return f"{opener} {inner} {closer}"
        return opener + inner + closer

    def delimited(self, opener: str, closer: str, elems: list[Elem], ind: int, col: int, tail: int,
                  lo: int, hi: int, hug: bool = False, one_tuple: bool = False, space: bool = False) -> str:
        """A bracketed list: on one line when it fits, else hugging its last element, else one
        element per line with trailing commas. [lo, hi) is the source range of the brackets;
        `space` pads a one-line list inside its brackets (`{ a, b }`)."""
        flat = None if self.pool.has_comment(lo, hi) else self.one_line(opener, closer, elems, space)
        if flat is not None and one_tuple:
            flat = flat[:-len(closer)] + "," + closer
        if flat is not None and (fits(flat, col, tail) or self.too_long_anyway(elems, ind)):
            return flat
        hugged = self.hugged(opener, closer, elems, ind, col, tail, lo, hi) if hug else None
        if hugged is not None:
            return hugged
        return opener + self.vertical(elems, ind + INDENT, lo, hi - len(closer)) + pad(ind) + closer

    @staticmethod
    def too_long_anyway(elems: list[Elem], ind: int) -> bool:
        """A lone element that would not fit on a line of its own either (a long string): opening
        the brackets would not help."""
        return len(elems) == 1 and not fits(elems[0].flat or "", ind + INDENT, 1)

    def hugged(self, opener: str, closer: str, elems: list[Elem], ind: int, col: int, tail: int,
               lo: int, hi: int) -> str | None:
        """`f(a, |x| {` ... `})`: every element but the last on the opening line (None when the
        last element cannot open up in place or the opening line does not fit)."""
        if not elems or elems[-1].hug is None:
            return None
        last = elems[-1]
        head = self.one_line(opener, "", elems[:-1])
        if head is None or self.pool.has_comment(lo, last.lo) or self.pool.has_comment(last.hi, hi):
            return None
        if len(elems) > 1:
            head += elems[-2].sep + " "
        mark = self.pool.cursor
        body = last.hug(ind, col + len(head), len(closer) + tail)
        text = head + body + closer
        if "\n" in body and fits(text, col, tail):
            return text
        self.pool.cursor = mark
        return None

    def vertical(self, elems: list[Elem], ind: int, open_off: int, close_off: int,
                 blanks: bool = False, trailing: bool = True) -> str:
        """Elements one per line at `ind`, from just after the opener to just before the closer's
        line. Comments: the first one after the opener stays on the opener's line when it was
        written after code; others sit on their own lines before the element that follows them;
        one written after an element's code stays after it. With `blanks`, one blank line is
        kept where the source has blank lines between elements (never next to the brackets)."""
        pool = self.pool
        out: list[str] = []
        anchor = pool.line(open_off)
        for k, el in enumerate(elems):
            anchor = self.comment_lines(out, pool.take_until(el.lo), ind, anchor, blanks, at_open=k == 0)
            if blanks and _started(out) and pool.blank_between(anchor, pool.line(el.lo)):
                out.append("\n")
            sep = el.sep if k < len(elems) - 1 or trailing or el.sep == ";" else ""
            out.append(pad(ind) + el.render(ind) + sep)
            limit = elems[k + 1].lo if k + 1 < len(elems) else close_off
            anchor = max(pool.line(max(el.hi - 1, 0)), self.after_comments(out, el.hi, limit, ind))
        self.comment_lines(out, pool.take_until(close_off), ind, anchor, blanks, at_open=not elems)
        return "".join(out)

    def after_comments(self, out: list[str], end: int, limit: int, ind: int) -> int:
        """Comments left inside an element just printed, then the one written after it on its
        line: the first goes after the code, the rest on their own lines. Returns the last
        source line they came from (0 if none)."""
        pool = self.pool
        comments = pool.take_until(end)
        trailing = pool.take_trailing(end, limit)
        if trailing is not None:
            comments.append(trailing)
        for k, comment in enumerate(comments):
            out.append((" " if k == 0 else pad(ind)) + comment_text(comment))
        return max((pool.line(c.span.start) for c in comments), default=0)

    def comment_lines(self, out: list[str], comments: list, ind: int, anchor: int, blanks: bool,
                      at_open: bool) -> int:
        """Own-line comments before an element (or the closer); returns the new anchor line."""
        pool = self.pool
        for comment in comments:
            line = pool.line(comment.span.start)
            if at_open and not out and not comment.own_line:
                out.append(" " + comment_text(comment))
            else:
                if blanks and _started(out) and pool.blank_between(anchor, line):
                    out.append("\n")
                out.append(pad(ind) + comment_text(comment))
            anchor = max(anchor, line)
        return anchor


def _started(out: list[str]) -> bool:
    """Whether a line below the opener has been emitted (no blank line directly after it)."""
    return len(out) > 1 or (bool(out) and out[0].startswith("\n"))
