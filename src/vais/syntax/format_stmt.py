"""Formatter: blocks, statements and the block-bodied expressions (I/E, M, L/LW/LF).

A block stays on one line (`{ x }`) only when the user wrote it on one line, it holds at most
one statement and it fits; every other block has one statement per line. Match arms are always
one per line. Bindings are printed in their compact form (`x := mut v`, the seed notation's
`L x := v` without the `L`).
"""

from __future__ import annotations

from collections.abc import Callable

from vais.syntax import ast
from vais.syntax.format_comments import comment_text
from vais.syntax.format_expr import ExprPrinter
from vais.syntax.format_layout import INDENT, Elem, end_col, pad
from vais.syntax.tokens import KEYWORDS


class StmtPrinter(ExprPrinter):
    item: Callable[[ast.Item, int], str]  # provided by the item printer

    def one_line_source(self, node: ast.Node) -> bool:
        """Whether the user wrote the node on a single line."""
        return self.pool.line(node.span.start) == self.pool.line(node.span.end - 1)

    # ---- blocks -------------------------------------------------------------------------------

    def flat_Block(self, b: ast.Block) -> str | None:
        """`{}`, or `{ a; b }` as the user wrote it on one line (statements before the last must
        end with `;`, which the tree records for expression statements)."""
        if not b.stmts:
            return "{}"
        if not self.one_line_source(b):
            return None
        parts = []
        for k, s in enumerate(b.stmts):
            text = self.flat_stmt(s)
            if text is None:
                return None
            if k < len(b.stmts) - 1 and not text.endswith(";"):
                if type(s) is ast.ExprStmt:
                    return None
                text += ";"
            parts.append(text)
        return f"{{ {' '.join(parts)} }}"

    def broken_Block(self, b: ast.Block, ind: int, col: int, tail: int) -> str:
        return self.block_broken(b, ind)

    def block_broken(self, b: ast.Block, ind: int) -> str:
        elems = [Elem(self.stmt_start(s), s.span.end, None, lambda i, s=s: self.stmt(s, i), "")
                 for s in b.stmts]
        body = self.vertical(elems, ind + INDENT, b.span.start, b.span.end - 1, blanks=True, trailing=False)
        return "{" + body + pad(ind) + "}"

    def stmt_start(self, s: ast.Stmt) -> int:
        return self.toks.outer_start(s.expr) if type(s) is ast.ExprStmt else s.span.start

    # ---- statements ---------------------------------------------------------------------------

    def stmt(self, s: ast.Stmt, ind: int) -> str:
        kind = type(s)
        if kind is ast.LetStmt:
            head = self.let_head(s)
            return head + self.expr(s.value, ind, ind + len(head))
        if kind is ast.ExprStmt:
            semi = ";" if s.semicolon else ""
            return self.expr(s.expr, ind, ind, 0, len(semi)) + semi
        if kind is ast.DeferStmt:
            return "D " + self.expr(s.expr, ind, ind + 2)
        return self.item(s.item, ind)

    def flat_stmt(self, s: ast.Stmt) -> str | None:
        kind = type(s)
        if kind is ast.LetStmt:
            value = self.sub(s.value)
            return None if value is None else self.let_head(s) + value
        if kind is ast.ExprStmt:
            expr = self.sub(s.expr)
            return None if expr is None else expr + (";" if s.semicolon else "")
        if kind is ast.DeferStmt:
            expr = self.sub(s.expr)
            return None if expr is None else "D " + expr
        return None

    def let_head(self, s: ast.LetStmt) -> str:
        """`pat := ` / `pat := mut ` / `pat: [mut ]T = `; patterns that cannot start a statement
        (`Some(x)`, `a::B { .. }`) keep a leading `mut`, which is how they were written."""
        pat = self.pattern(s.pattern)
        startable = _startable(s.pattern, typed=s.ty is not None)
        prefix = "mut " if s.mutable and not startable else ""
        inner = "mut " if s.mutable and startable else ""
        if s.ty is not None:
            return f"{prefix}{pat}: {inner}{self.type(s.ty)} = "
        return f"{prefix}{pat} := {inner}"

    # ---- I / E --------------------------------------------------------------------------------

    def flat_If(self, e: ast.If) -> str | None:
        cond, then = self.sub(e.cond), self.flat_text(e.then)
        if cond is None or then is None:
            return None
        if e.otherwise is None:
            return f"I {cond} {then}"
        other = self.flat_text(e.otherwise)
        return None if other is None else f"I {cond} {then} E {other}"

    def broken_If(self, e: ast.If, ind: int, col: int, tail: int) -> str:
        """Every block of the chain opened up, `} E I cond {` / `} E {` between them."""
        text = "I " + self.expr(e.cond, ind, col + 2, 0, 2) + " " + self.block_broken(e.then, ind)
        if e.otherwise is None:
            return text
        else_at = self.toks.starts[self.toks.index_after(e.then.span.end)]
        comments = self.pool.take_until(else_at)
        if comments:  # `E` may follow the block on a later line
            text += "".join((pad(ind) if c.own_line or k else " ") + comment_text(c)
                            for k, c in enumerate(comments))
            text += pad(ind) + "E "
        else:
            text += " E "
        if type(e.otherwise) is ast.If and not self.toks.layers(e.otherwise):
            return text + self.broken_If(e.otherwise, ind, end_col(text, col), tail)
        return text + self.block_broken(e.otherwise, ind)

    # ---- M ------------------------------------------------------------------------------------

    def flat_LetCond(self, e: ast.LetCond) -> str | None:
        value = self.sub(e.value)
        return None if value is None else f"let {self.pattern(e.pattern)} = {value}"

    def broken_LetCond(self, e: ast.LetCond, ind: int, col: int, tail: int) -> str:
        head = f"let {self.pattern(e.pattern)} = "
        return head + self.expr(e.value, ind, end_col(head, col), 0, tail)

    def flat_MatchesCall(self, e: ast.MatchesCall) -> str | None:
        value = self.sub(e.value)
        guard = self.sub(e.guard) if e.guard is not None else ""
        if value is None or guard is None:
            return None
        return f"matches!({value}, {self.pattern(e.pattern)}" + (f" I {guard})" if e.guard is not None else ")")

    def broken_MatchesCall(self, e: ast.MatchesCall, ind: int, col: int, tail: int) -> str:
        head = "matches!("
        text = head + self.expr(e.value, ind, col + len(head), 0, 1) + ", " + self.pattern(e.pattern)
        if e.guard is not None:
            text += " I " + self.expr(e.guard, ind, end_col(text, col) + 3, 0, 1)
        return text + ")"

    def flat_Match(self, e: ast.Match) -> str | None:
        if e.sugar is not None:  # written `I let ...` or `matches!(...)`
            return self.flat_text(e.sugar)
        scrutinee = self.sub(e.scrutinee)
        return None if e.arms or scrutinee is None else f"M {scrutinee} {{}}"

    def broken_Match(self, e: ast.Match, ind: int, col: int, tail: int) -> str:
        if e.sugar is not None:
            return self.bare(e.sugar, ind, col, tail)
        head = "M " + self.expr(e.scrutinee, ind, col + 2, 0, 2) + " {"
        close = e.span.end - 1
        elems = [Elem(a.span.start, a.span.end, None, lambda i, a=a: self.arm(a, i),
                      "" if self.block_body(a) else ",") for a in e.arms]
        arms = self.vertical(elems, ind + INDENT, self.toks.opener_of(close), close, blanks=True)
        return head + arms + pad(ind) + "}"

    def block_body(self, arm: ast.MatchArm) -> bool:
        return type(arm.body) is ast.Block and not self.toks.layers(arm.body)

    def arm(self, a: ast.MatchArm, ind: int) -> str:
        head = self.pattern(a.pattern)
        if a.guard is not None:
            head += " I " + self.expr(a.guard, ind, ind + len(head) + 3, 0, 4)
        head += " => "
        return head + self.expr(a.body, ind, end_col(head, ind), 0, 0 if self.block_body(a) else 1)

    # ---- loops --------------------------------------------------------------------------------

    def loop_head(self, e: ast.Loop | ast.While | ast.For) -> tuple[str, ast.Expr | None]:
        """(the keyword with the pattern of a for-each, the condition or iterable) of a loop."""
        if type(e) is ast.Loop:
            return "L", None  # (a `LW let` loop is formatted from its `sugar`: see `surface`)
        if type(e) is ast.While:
            return "LW ", e.cond
        keyword = "L" if _simple_loop_pattern(e.pattern) else "LF"
        return f"{keyword} {self.pattern(e.pattern)}{': ' if e.style == ':' else ' in '}", e.iterable

    def flat_loop(self, e: ast.Loop | ast.While | ast.For) -> str | None:
        e = surface(e)
        keyword, head = self.loop_head(e)
        body = self.flat_text(e.body)
        head_text = self.sub(head) if head is not None else ""
        if body is None or head_text is None:
            return None
        return f"{keyword}{head_text} {body}"

    def broken_loop(self, e: ast.Loop | ast.While | ast.For, ind: int, col: int, tail: int) -> str:
        e = surface(e)
        keyword, head = self.loop_head(e)
        text = keyword
        if head is not None:
            text += self.expr(head, ind, col + len(keyword), 0, 2)
        return text + " " + self.block_broken(e.body, ind)

    flat_Loop = flat_While = flat_For = flat_loop
    broken_Loop = broken_While = broken_For = broken_loop


def surface(e: ast.Loop | ast.While | ast.For) -> ast.Loop | ast.While | ast.For:
    """The loop as written: a `LW let` loop's `While`, which the parser rewrote into `L { M .. }`."""
    sugar = e.sugar if type(e) is ast.Loop else None
    return sugar if sugar is not None else e  # type: ignore[return-value]


def _startable(p: ast.Pattern, typed: bool) -> bool:
    """Whether a binding written `pat := v` (or `pat: T = v`) parses as a binding statement."""
    kind = type(p)
    if kind is ast.WildcardPat:
        return True
    if kind is ast.IdentPat:
        return not p.mutable and not p.by_ref and p.sub is None and p.name not in KEYWORDS
    if typed:
        return False
    if kind is ast.StructPat:
        return len(p.segments) == 1 and p.segments[0] not in KEYWORDS
    return kind in (ast.TuplePat, ast.SlicePat)


def _simple_loop_pattern(p: ast.Pattern) -> bool:
    """Patterns after which `L` reads as a for-each loop (`L x in xs`, `L (k, v): m`); others need `LF`."""
    kind = type(p)
    if kind is ast.IdentPat:
        return not p.by_ref and p.sub is None and p.name not in KEYWORDS
    return kind in (ast.WildcardPat, ast.TuplePat, ast.SlicePat)
