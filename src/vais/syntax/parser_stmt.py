"""Grammar of blocks and statements: bindings (`x := e`, `L x := e`, `x: T = e`, destructuring),
defer, nested items and expression statements, with per-statement error recovery."""

from __future__ import annotations

from collections.abc import Callable

from vais.syntax import ast
from vais.syntax.diagnostics import Label
from vais.syntax.parser_core import DANGLING, MAX_DEPTH, ParseError, make_span
from vais.syntax.parser_expr import BLOCK_LIKE, ExprMixin
from vais.syntax.tokens import CLOSERS, ITEM_START, KEYWORD_MEANING, OPENERS, describe


class StmtMixin(ExprMixin):
    def block(self) -> ast.Block:
        """`{ statements }`; statements end at a newline or `;` (cursor on `{`)."""
        depth = self.depth + 1
        self.depth = depth
        if depth > MAX_DEPTH:
            self.too_deep()
        open_index = self.i
        start = self.next()[2]
        saved_nl, saved_ns = self.nl_sig, self.no_struct
        stmts: list[ast.Stmt] = []
        while True:
            self.nl_sig = True
            self.no_struct = False
            kind = self.kind
            if kind == "}":
                self.next()
                break
            if kind == ";":
                self.next()
                continue
            if kind == "EOF":
                self.report_eof("expected `}`")
                break
            first = self.i
            try:
                stmt = self.statement()
                stmts.append(stmt)
                kind = self.kind
                if kind == ";":
                    if type(stmt) is ast.ExprStmt:
                        stmt.semicolon = True
                        stmt.span = make_span(self.src, stmt.span.start, self.tok[3])
                    self.next()
                elif kind != "}" and not self.tok[4] and kind != "EOF" and not self.block_like_end(stmt):
                    if kind in (")", "]") and "\n" not in self.text[start:self.tok[2]]:
                        self.mismatched_block_close(open_index)  # `{1 + 2)`: the closer ends this block
                        break
                    self.separator_error()
            except ParseError:
                self.depth = depth
                self.sync(first)
        self.nl_sig, self.no_struct = saved_nl, saved_ns
        self.depth = depth - 1
        return ast.Block(stmts, self.sp(start))

    def block_like_end(self, stmt: ast.Stmt) -> bool:
        """A statement ending in a block (`I c { }`, an item) may be followed on the same line."""
        if self.toks[self.i - 1][0] != "}":
            return False
        return type(stmt) is ast.ItemStmt or (type(stmt) is ast.ExprStmt and type(stmt.expr) in BLOCK_LIKE)

    def mismatched_block_close(self, open_index: int) -> None:
        """`{ ... )` on one line: report the mismatch once and end the block there (rustc's rule), so the
        `{` is not reported again as unclosed. The closer is consumed unless an opener before the `{` on
        its line expects it (`[1, {2]`: the `]` still closes the list)."""
        opener = self.toks[open_index]
        tok = self.tok
        self.sh.abandoned.add(opener[2])
        self.report("E0013", f"mismatched closing delimiter: expected `}}`, found `{tok[0]}`", tok[2], tok[3],
                    "does not close the `{`", "close the `{` with `}`", [Label(self.tok_span(opener), "`{` opened here")])
        depth = 0
        for index in range(open_index - 1, -1, -1):
            before = self.toks[index]
            if before[0] in CLOSERS:
                depth += 1
            elif before[0] in OPENERS:
                if depth == 0:
                    if OPENERS[before[0]] == tok[0]:
                        return  # the outer list takes it
                    break
                depth -= 1
            if before[4]:
                break  # (the first token of the line)
        self.next()

    def separator_error(self) -> None:
        tok = self.tok
        if tok[0] in (")", "]"):
            self.fail("E0014", f"unexpected closing delimiter `{tok[0]}`", label="no matching opener",
                      help="remove it, or add the opening delimiter it belongs to")
        if tok[0] in (":=", ":") and self.toks[self.i - 1][4] and self.toks[self.i - 2][0] in DANGLING:
            # `x := 5 *` then `y := 2`: the operator's line continued into the next statement, which
            # is parsed again on its own
            op = self.toks[self.i - 2]
            self.report("E0011", f"expected an expression after `{op[1]}`, found the next statement", op[2], op[3],
                        "expected an expression after this",
                        "the line ends with an operator, so it continues onto the next line; add the operand")
            self.seek(self.i - 1)
            raise ParseError
        self.fail("E0021", f"expected `;` or a newline after the statement, found {describe(tok)}",
                  label="expected `;` or a newline",
                  help="put each statement on its own line, or separate them with `;`")

    def statement(self) -> ast.Stmt:
        tok = self.tok
        kind = tok[0]
        if kind == "ID":
            after = self.toks[self.i + 1][0]
            if after == ":=" or after == ":":
                self.next()
                return self.binding(tok[2], ast.IdentPat(tok[1], self.tok_span(tok)), False)
            if tok[1] == "let" and after in ("ID", "mut", "(", "_"):
                return self.rust_let()
            if after == "{" and self.binding_follows(self.i + 1):
                return self.binding(tok[2], self.pattern(), False)
            return self.expr_stmt()
        if kind in KEYWORD_MEANING and self.toks[self.i + 1][0] == ":=":  # `L := 5`
            self.report("E0017", f"`{tok[1]}` is the {KEYWORD_MEANING[kind]} keyword and cannot name a variable",
                        tok[2], tok[3], "a keyword cannot be a name", "pick another name")
            self.next()
            return self.binding(tok[2], ast.IdentPat(tok[1], self.tok_span(tok)), False)
        handler = _STATEMENT.get(kind)
        if handler is not None:
            return handler(self)
        if kind in ITEM_START:
            return self.item_stmt()
        return self.expr_stmt()

    def rust_let(self) -> ast.LetStmt:
        """Rust's `let [mut] x[: T] = v`: reported with the Vais spelling, then read as that binding so
        the rest of the body is still checked."""
        tok = self.next()
        mutable = self.kind == "mut"
        if mutable:
            self.next()
        pattern = self.pattern()
        typed = self.kind == ":"
        fix = "x: mut T = value" if mutable and typed else "x: T = value" if typed else (
            "x := mut value" if mutable else "x := value")
        self.report("E0011", "`let` is not Vais syntax", tok[2], tok[3], "bindings have no keyword",
                    help=f"write `{fix}`")
        ty = None
        if typed:
            self.next()
            ty = self.type()
        if self.kind != "=":
            self.expected("`=` and a value")
        self.next()
        value = self.expr()
        return ast.LetStmt(pattern, ty, value, mutable, self.sp(tok[2]), "type" if typed else "value", False)

    def expr_stmt(self) -> ast.ExprStmt:
        expr = self.expr()
        return ast.ExprStmt(expr, False, expr.span)

    def item_stmt(self) -> ast.ItemStmt:
        item = self.item()
        return ast.ItemStmt(item, item.span)

    def binding_follows(self, index: int) -> bool:
        """The bracket group opening at `index` is followed by `:=` or `:` (a destructuring binding,
        `(a, b): (i64, i64) = pair` with a type)."""
        close = self.match_close(index)
        return close > 0 and self.toks[close + 1][0] in (":=", ":")

    def binding(self, start: int, pattern: ast.Pattern, loop_prefix: bool, prefix_mut: bool = False) -> ast.LetStmt:
        """After the pattern: `:= [mut] value` or `: [mut] Type = value`."""
        kind = self.kind
        mutable = prefix_mut
        style = "prefix" if prefix_mut else ""
        if kind == ":=":
            self.next()
            if self.kind == "mut":
                self.next()
                mutable = True
                style = "value"
            value = self.expr()
            return ast.LetStmt(pattern, None, value, mutable, self.sp(start), style, loop_prefix)
        if kind == ":":
            self.next()
            if self.kind == "mut":
                self.next()
                mutable = True
                style = "type"
            ty = self.type()
            if self.kind != "=":
                self.expected("`=` and a value", help="a typed binding is `name: Type = value`")
            self.next()
            if self.kind == "mut" and not mutable:  # `x: T = mut e`, the typed twin of `x := mut e`
                self.next()
                mutable = True
                style = "type"
            value = self.expr()
            return ast.LetStmt(pattern, ty, value, mutable, self.sp(start), style, loop_prefix)
        self.expected("`:=` and a value", help="bindings are `name := value` or `name: Type = value`")

    def loop_stmt(self) -> ast.Stmt:
        """`L x := e` (seed notation: a binding), otherwise a loop expression statement."""
        if self.for_style(self.i + 1) != "let":
            return self.expr_stmt()
        start = self.next()[2]
        prefix_mut = False
        if self.kind == "mut":
            self.next()
            prefix_mut = True
        return self.binding(start, self.pattern(), True, prefix_mut)

    def mut_binding(self) -> ast.Stmt:
        """`mut x := e` / `mut x: T = e`."""
        start = self.next()[2]
        return self.binding(start, self.pattern(), False, True)

    def wildcard_stmt(self) -> ast.Stmt:
        if self.peek_kind() in (":=", ":"):
            tok = self.next()
            return self.binding(tok[2], ast.WildcardPat(self.tok_span(tok)), False)
        return self.expr_stmt()

    def bracket_stmt(self) -> ast.Stmt:
        """`(a, b) := pair` / `[x, y] := v` or an expression statement."""
        if self.binding_follows(self.i):
            return self.binding(self.tok[2], self.pattern(), False)
        return self.expr_stmt()

    def defer_stmt(self) -> ast.DeferStmt:
        start = self.next()[2]
        expr = self.expr()
        return ast.DeferStmt(expr, self.sp(start))

    def e_stmt(self) -> ast.Stmt:
        """`E Name { ... }` is a local enum; any other `E` here is an else without its `I`."""
        if self.tok[0] == "E" and self.peek_kind() == "ID":
            return self.item_stmt()
        tok = self.tok
        self.fail("E0016", f"`{tok[1]}` (else) without a preceding `I` block", label="no `I` block before this",
                  help=f"`{tok[1]}` means else only right after the `}}` of an `I` block; "
                       "at the start of an item `E Name { ... }` declares an enum")


_STATEMENT: dict[str, Callable[[StmtMixin], ast.Stmt]] = {
    "L": StmtMixin.loop_stmt,
    "mut": StmtMixin.mut_binding,
    "_": StmtMixin.wildcard_stmt,
    "(": StmtMixin.bracket_stmt,
    "[": StmtMixin.bracket_stmt,
    "D": StmtMixin.defer_stmt,
    "E": StmtMixin.e_stmt,
    "EL": StmtMixin.e_stmt,
}
