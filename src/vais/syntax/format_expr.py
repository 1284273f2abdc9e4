"""Formatter: expressions (operators, calls, method chains, literals, closures).

Every expression kind has a one-line form (`flat_<Kind>`, None when it cannot be one line) and,
for composite kinds, an opened-up form (`broken_<Kind>`) used when the one-line form does not fit.
Breaks are placed only where Vais lets an expression continue on the next line: after a binary
operator, before `.method()` and `|>`, and anywhere inside `(...)`/`[...]`/`{...}` lists.
Parentheses the user wrote are kept; others are added only where the parser needs them.
"""

from __future__ import annotations

from collections.abc import Callable

from vais.syntax import ast
from vais.syntax.format_comments import CommentPool, comment_text
from vais.syntax.format_layout import INDENT, Elem, Lists, end_col, fits, line_indent, pad
from vais.syntax.format_tokens import TokenIndex
from vais.syntax.format_types import TypePrinter
from vais.syntax.parser_expr import BUILTIN_MACROS
from vais.syntax.source import SourceFile
from vais.syntax.tokens import BINARY_PREC

# Binding power: larger binds tighter. Binary operators get 16 - their level in the reference.
_BP = {op: 16 - level for op, level in BINARY_PREC.items()}
_NON_ASSOC = frozenset(("<", ">", "<=", ">=", "==", "!="))
_PREC: dict[type, int] = {
    ast.Assign: 0, ast.Closure: 0, ast.Return: 0, ast.Break: 0, ast.Pipe: 1, ast.Ternary: 2,
    ast.Range: 9, ast.Unary: 14, ast.Spawn: 14, ast.Cast: 15, ast.Try: 15, ast.Unwrap: 15,
    ast.Await: 15, ast.Call: 15, ast.MethodCall: 15, ast.Field: 15, ast.Index: 15,
}
POSTFIX = 15
# Postfix nodes that make up a method chain, with the field holding their receiver.
_LINKS = {ast.MethodCall: "receiver", ast.Field: "receiver", ast.Try: "expr", ast.Unwrap: "expr",
          ast.Await: "expr", ast.Index: "receiver"}


def prec(e: ast.Expr) -> int:
    if type(e) is ast.Binary:
        return _BP[e.op]
    return _PREC.get(type(e), 16)


class ExprPrinter(TypePrinter, Lists):
    src: SourceFile
    toks: TokenIndex
    pool: CommentPool
    # provided by the statement printer
    block_broken: Callable[[ast.Block, int], str]
    broken_Match: Callable[[ast.Match, int, int, int], str]

    def __init__(self) -> None:
        self._flat: dict[int, str | None] = {}

    # ---- entry points -------------------------------------------------------------------------

    def expr(self, e: ast.Expr, ind: int, col: int, bp: int = 0, tail: int = 0) -> str:
        """`e` at column `col` on a line indented `ind`, parenthesised if the user did or `bp` requires."""
        if self.toks.layers(e) or prec(e) < bp:
            return "(" + self.bare(e, ind, col + 1, tail + 1) + ")"
        return self.bare(e, ind, col, tail)

    def bare(self, e: ast.Expr, ind: int, col: int, tail: int) -> str:
        """`e` without its parentheses: one line if it fits, else opened up. An expression that
        is only opened up because a comment sits inside stays on one line if the opened-up form
        has no place for the comment either (it then follows the code of the line)."""
        text = self.flat_text(e)
        one_line = text is not None and fits(text, col, tail)
        if one_line and not self.pool.has_comment(self.toks.outer_start(e), e.span.end):
            return text
        broken = getattr(self, "broken_" + type(e).__name__, None)
        if broken is None:
            return text or ""
        mark = self.pool.cursor
        opened = broken(e, ind, col, tail)
        if one_line and self.pool.cursor == mark:
            return text
        return opened

    def flat(self, e: ast.Expr) -> str | None:
        """The one-line form, or None if there is none or a comment sits inside."""
        if self.pool.has_comment(self.toks.outer_start(e), e.span.end):
            return None
        return self.flat_text(e)

    def flat_text(self, e: ast.Expr) -> str | None:
        """The one-line form ignoring comments (memoised: layout decisions ask repeatedly)."""
        key = id(e)
        if key not in self._flat:
            self._flat[key] = getattr(self, "flat_" + type(e).__name__)(e)
        return self._flat[key]

    def sub(self, e: ast.Expr | None, bp: int = 0) -> str | None:
        """A child's one-line form with the parentheses it needs."""
        if e is None:
            return None
        text = self.flat_text(e)
        if text is not None and (self.toks.layers(e) or prec(e) < bp):
            return f"({text})"
        return text

    def flat_expr_required(self, e: ast.Expr) -> str:
        """Expressions inside types and patterns (literals, names, sizes) are always one line."""
        return self.flat_text(e) or self.source_of(e)

    def source_of(self, node: ast.Node) -> str:
        return self.src.text[node.span.start:node.span.end]

    # ---- leaves -------------------------------------------------------------------------------

    def flat_IntLit(self, e: ast.IntLit) -> str:
        return e.text

    flat_FloatLit = flat_DurationLit = flat_IntLit

    def flat_StrLit(self, e: ast.StrLit) -> str:
        return f'"{e.raw}"'

    def flat_CharLit(self, e: ast.CharLit) -> str:
        return self.source_of(e)

    def flat_BoolLit(self, e: ast.BoolLit) -> str:
        return "true" if e.value else "false"

    def flat_UnitLit(self, e: ast.UnitLit) -> str:
        return "()"

    def flat_Name(self, e: ast.Name) -> str:
        return e.name

    def flat_SelfRecur(self, e: ast.SelfRecur) -> str:
        return "@"

    def flat_Continue(self, e: ast.Continue) -> str:
        return "C"

    def flat_PathExpr(self, e: ast.PathExpr) -> str:
        parts = []
        for segment, args in zip(e.segments, e.generic_args, strict=False):
            parts.append(segment + (f"::<{self.types(args)}>" if args else ""))
        return "::".join(parts)

    # ---- wrappers: a prefix, one child, a suffix ----------------------------------------------

    def wrapper(self, e: ast.Expr) -> tuple[str, ast.Expr, int, str]:
        """(before, child, the child's binding power, after) of a one-child expression."""
        kind = type(e)
        if kind is ast.Unary:
            space = e.op == "&mut" or (e.op == "&" and self._starts_with_ref_mut(e.operand))
            return e.op + (" " if space else ""), e.operand, 14, ""
        if kind is ast.Spawn:
            return "spawn ", e.expr, 14, ""
        if kind is ast.Cast:
            return "", e.expr, POSTFIX, " as " + self.type(e.target, no_optional=True)
        if kind is ast.Try:
            return "", e.expr, POSTFIX, "?"
        if kind is ast.Unwrap:
            return "", e.expr, POSTFIX, "!"
        if kind is ast.Await:
            return "", e.expr, POSTFIX, ".Y"
        if kind is ast.Field:
            return "", e.receiver, POSTFIX, "." + e.name
        if kind is ast.Closure:
            return self.closure_head(e) + " ", e.body, 0, ""
        return ("R " if kind is ast.Return else "B "), e.value, 0, ""

    def _starts_with_ref_mut(self, e: ast.Expr) -> bool:
        return type(e) is ast.Unary and e.op == "&mut" and not self.toks.layers(e)

    def flat_wrapper(self, e: ast.Expr) -> str | None:
        before, child, bp, after = self.wrapper(e)
        inner = self.sub(child, bp)
        return None if inner is None else before + inner + after

    def broken_wrapper(self, e: ast.Expr, ind: int, col: int, tail: int) -> str:
        before, child, bp, after = self.wrapper(e)
        return before + self.expr(child, ind, col + len(before), bp, len(after) + tail) + after

    flat_Unary = flat_Spawn = flat_Cast = flat_Try = flat_Unwrap = flat_Await = flat_wrapper
    flat_Field = flat_Closure = flat_wrapper
    broken_Unary = broken_Spawn = broken_Cast = broken_Try = broken_Unwrap = broken_Await = broken_wrapper
    broken_Closure = broken_Return = broken_Break = broken_wrapper

    def flat_Return(self, e: ast.Return | ast.Break) -> str | None:
        if e.value is None:
            return "R" if type(e) is ast.Return else "B"
        return self.flat_wrapper(e)

    flat_Break = flat_Return

    def closure_head(self, e: ast.Closure) -> str:
        params = ", ".join(self.pattern(p.pattern, no_or=True) + (f": {self.type(p.ty)}" if p.ty else "")
                           for p in e.params)
        head = ("move " if e.is_move else "") + (f"|{params}|" if e.params else "||")
        return head + (f" -> {self.type(e.ret)}" if e.ret is not None else "")

    def broken_Field(self, e: ast.Field, ind: int, col: int, tail: int) -> str:
        return self.chain(e, ind, col, tail) or self.broken_wrapper(e, ind, col, tail)

    # ---- operators ----------------------------------------------------------------------------

    def operands(self, e: ast.Binary) -> tuple[list[ast.Expr], list[str]]:
        """A left-associative run of one precedence level: `a + b - c` -> [a, b, c], [+, -]."""
        level = _BP[e.op]
        operands: list[ast.Expr] = [e.right]
        ops = [e.op]
        left = e.left
        while (e.op not in _NON_ASSOC and type(left) is ast.Binary and _BP[left.op] == level
               and not self.toks.layers(left)):
            operands.append(left.right)
            ops.append(left.op)
            left = left.left
        operands.append(left)
        return operands[::-1], ops[::-1]

    def operand_bps(self, e: ast.Binary) -> tuple[int, int]:
        level = _BP[e.op]
        return (level + 1 if e.op in _NON_ASSOC else level), level + 1

    def flat_Binary(self, e: ast.Binary) -> str | None:
        left_bp, right_bp = self.operand_bps(e)
        left, right = self.sub(e.left, left_bp), self.sub(e.right, right_bp)
        return None if left is None or right is None else f"{left} {e.op} {right}"

    def broken_Binary(self, e: ast.Binary, ind: int, col: int, tail: int) -> str:
        """One operand per line, each operator ending its line (where Vais continues a line)."""
        operands, ops = self.operands(e)
        left_bp, right_bp = self.operand_bps(e)
        text = self.expr(operands[0], ind, col, left_bp, len(ops[0]) + 1)
        cont = ind + INDENT
        for k, operand in enumerate(operands[1:], 1):
            last = k == len(operands) - 1
            text += f" {ops[k - 1]}" + self.line_end_comments(self.toks.outer_start(operand), cont)
            text += pad(cont)
            text += self.expr(operand, cont, cont, right_bp, tail if last else len(ops[k]) + 1)
        return text

    def line_end_comments(self, before: int, ind: int) -> str:
        """Comments before offset `before` where a line is about to end: the first after the
        code, others on their own lines (the caller starts a new line next)."""
        comments = self.pool.take_until(before)
        return "".join((" " if k == 0 else pad(ind)) + comment_text(c) for k, c in enumerate(comments))

    def flat_Assign(self, e: ast.Assign) -> str | None:
        target, value = self.sub(e.target, 1), self.sub(e.value, 0)
        return None if target is None or value is None else f"{target} {e.op} {value}"

    def broken_Assign(self, e: ast.Assign, ind: int, col: int, tail: int) -> str:
        target = self.expr(e.target, ind, col, 1, len(e.op) + 2) + f" {e.op} "
        return target + self.expr(e.value, line_indent(target, ind), end_col(target, col), 0, tail)

    def flat_Range(self, e: ast.Range) -> str | None:
        start = self.sub(e.start, 10) if e.start is not None else ""
        end = self.sub(e.end, 10) if e.end is not None else ""
        if start is None or end is None:
            return None
        return start + ("..=" if e.inclusive else "..") + end

    def broken_Range(self, e: ast.Range, ind: int, col: int, tail: int) -> str:
        op = "..=" if e.inclusive else ".."
        text = (self.expr(e.start, ind, col, 10, len(op)) if e.start is not None else "") + op
        if e.end is not None:
            text += self.expr(e.end, line_indent(text, ind), end_col(text, col), 10, tail)
        return text

    def flat_Ternary(self, e: ast.Ternary) -> str | None:
        parts = [self.sub(e.cond, 3), self.sub(e.then, 2), self.sub(e.otherwise, 2)]
        return None if None in parts else f"{parts[0]} ? {parts[1]} : {parts[2]}"

    def broken_Ternary(self, e: ast.Ternary, ind: int, col: int, tail: int) -> str:
        """Never broken at its own level: a line break before the `:` would make the `?` a try."""
        text = ""
        for child, bp, after in ((e.cond, 3, " ? "), (e.then, 2, " : "), (e.otherwise, 2, "")):
            part = self.sub(child, bp)
            if part is None:
                part = self.expr(child, line_indent(text, ind), end_col(text, col), bp, len(after))
            text += part + after
        return text

    def pipe_parts(self, e: ast.Pipe) -> list[ast.Expr]:
        parts = [e.right]
        left = e.left
        while type(left) is ast.Pipe and not self.toks.layers(left):
            parts.append(left.right)
            left = left.left
        parts.append(left)
        return parts[::-1]

    def flat_Pipe(self, e: ast.Pipe) -> str | None:
        left, right = self.sub(e.left, 1), self.sub(e.right, 2)
        return None if left is None or right is None else f"{left} |> {right}"

    def broken_Pipe(self, e: ast.Pipe, ind: int, col: int, tail: int) -> str:
        """`x` then one `|> f` per line (a line starting with `|>` continues the expression)."""
        parts = self.pipe_parts(e)
        text = self.expr(parts[0], ind, col, 1)
        cont = ind + INDENT
        for k, part in enumerate(parts[1:], 1):
            pipe_at = self.toks.starts[self.toks.index_after(self.toks.outer_start(part)) - 1]
            text += self.line_end_comments(pipe_at, cont) + pad(cont) + "|> "
            text += self.expr(part, cont, cont + 3, 2, tail if k == len(parts) - 1 else 0)
        return text

    # ---- calls and method chains --------------------------------------------------------------

    def flat_Call(self, e: ast.Call) -> str | None:
        callee, args = self.sub(e.callee, POSTFIX), self.flat_args(e.args)
        return None if callee is None or args is None else f"{callee}({args})"

    def flat_MethodCall(self, e: ast.MethodCall) -> str | None:
        receiver, args = self.sub(e.receiver, POSTFIX), self.flat_args(e.args)
        return None if receiver is None or args is None else f"{receiver}{self.method_name(e)}({args})"

    def flat_args(self, args: list[ast.Expr]) -> str | None:
        parts = [self.sub(a) for a in args]
        return None if None in parts else ", ".join(parts)

    def method_name(self, e: ast.MethodCall) -> str:
        return f".{e.name}" + (f"::<{self.types(e.generic_args)}>" if e.generic_args else "")

    def broken_Call(self, e: ast.Call, ind: int, col: int, tail: int) -> str:
        callee = self.expr(e.callee, ind, col, POSTFIX, 1)
        return callee + self.call_args(e, [self.arg(a) for a in e.args], line_indent(callee, ind),
                                       end_col(callee, col), tail)

    def broken_MethodCall(self, e: ast.MethodCall, ind: int, col: int, tail: int) -> str:
        """Hug a trailing closure if everything before it fits on the line, else one `.method()`
        per line for chains of two or more calls, else open up the arguments."""
        receiver = self.sub(e.receiver, POSTFIX)
        head = (receiver or "") + self.method_name(e)
        if receiver is not None and not self.pool.has_comment(e.span.start, e.name_span.end):
            elems = [self.arg(a) for a in e.args]
            close = e.span.end - 1
            hugged = self.hugged("(", ")", elems, ind, col + len(head), tail, self.toks.opener_of(close),
                                 close + 1)
            if hugged is not None:
                return head + hugged
        return self.chain(e, ind, col, tail) or self.open_receiver(e, ind, col, tail)

    def open_receiver(self, e: ast.MethodCall, ind: int, col: int, tail: int) -> str:
        receiver = self.expr(e.receiver, ind, col, POSTFIX, len(e.name) + 2) + self.method_name(e)
        return receiver + self.call_args(e, [self.arg(a) for a in e.args], line_indent(receiver, ind),
                                         end_col(receiver, col), tail)

    def call_args(self, call: ast.Expr, elems: list[Elem], ind: int, col: int, tail: int,
                  opener: str = "(", closer: str = ")") -> str:
        close = call.span.end - 1
        return self.delimited(opener, closer, elems, ind, col, tail, self.toks.opener_of(close), close + 1,
                              hug=True)

    def arg(self, e: ast.Expr, prefix: str = "", sep: str = ",") -> Elem:
        """A list element holding expression `e` (after `prefix`, like `name = ` or `field: `)."""
        flat = self.flat(e)
        hug = None
        if self.huggable(e):
            def hug(ind: int, col: int, tail: int) -> str:
                return prefix + self.opened(e, ind, col + len(prefix), tail)
        return Elem(self.toks.outer_start(e), e.span.end, None if flat is None else prefix + self.sub(e),
                    lambda ind: prefix + self.expr(e, ind, ind + len(prefix), 0, 1), sep, hug)

    def huggable(self, e: ast.Expr) -> bool:
        """A last argument that may open up in place: a block, a match or a closure with a block body."""
        if self.toks.layers(e):
            return False
        if type(e) is ast.Closure:
            return type(e.body) is ast.Block and not self.toks.layers(e.body)
        return type(e) in (ast.Block, ast.Match)

    def opened(self, e: ast.Expr, ind: int, col: int, tail: int) -> str:
        """A huggable expression rendered multi-line from column `col`."""
        if type(e) is ast.Closure:
            head = self.closure_head(e) + " "
            return head + self.block_broken(e.body, ind)
        if type(e) is ast.Block:
            return self.block_broken(e, ind)
        return self.broken_Match(e, ind, col, tail)

    def chain(self, e: ast.Expr, ind: int, col: int, tail: int) -> str | None:
        """`root.a()` then `.b()` on the next line and so on, one call per line (None if the chain
        has fewer than two method calls). Fields, `?`, `!`, `.Y` and `[i]` stay with their call."""
        links: list[ast.Expr] = []
        node = e
        while type(node) in _LINKS:
            child = getattr(node, _LINKS[type(node)])
            if self.toks.layers(child) or prec(child) < POSTFIX:
                break
            links.append(node)
            node = child
        links.reverse()
        calls = [k for k, link in enumerate(links) if type(link) is ast.MethodCall]
        if len(calls) < 2:
            return None
        text = self.expr(node, ind, col, POSTFIX)
        first = calls[0]
        root_len = len(text) + sum(len(self.link_flat(link) or "") for link in links[:first])
        if "\n" not in text and root_len <= INDENT:
            first = calls[1]
        text += self.links(links[:first], ind, end_col(text, col), 0)
        cont = ind + INDENT
        starts = [k for k in calls if k >= first]
        for n, start in enumerate(starts):
            stop = starts[n + 1] if n + 1 < len(starts) else len(links)
            dot_at = self.toks.starts[self.toks.index_after(links[start].name_span.start) - 1]
            text += self.line_end_comments(dot_at, cont) + pad(cont)
            text += self.links(links[start:stop], cont, cont, tail if stop == len(links) else 0)
        return text

    def link_flat(self, link: ast.Expr) -> str | None:
        """A chain link without its receiver: `.name(args)`, `.field`, `?`, `!`, `.Y`, `[i]`."""
        kind = type(link)
        if kind is ast.MethodCall:
            args = self.flat_args(link.args)
            return None if args is None else f"{self.method_name(link)}({args})"
        if kind is ast.Index:
            index = self.sub(link.index)
            return None if index is None else f"[{index}]"
        return self.wrapper(link)[3]

    def links(self, links: list[ast.Expr], ind: int, col: int, tail: int) -> str:
        text = ""
        for k, link in enumerate(links):
            after = tail if k == len(links) - 1 else 0
            here = end_col(text, col)
            own_start = getattr(link, _LINKS[type(link)]).span.end  # the link without its receiver
            flat = None if self.pool.has_comment(own_start, link.span.end) else self.link_flat(link)
            if type(link) is ast.MethodCall:
                head = self.method_name(link)
                if flat is not None and fits(flat, here, after):
                    text += flat
                else:
                    args = [self.arg(a) for a in link.args]
                    text += head + self.call_args(link, args, line_indent(text, ind), here + len(head), after)
            elif type(link) is ast.Index:
                text += "[" + self.expr(link.index, line_indent(text, ind), here + 1, 0, after + 1) + "]"
            else:
                text += self.wrapper(link)[3]
        return text

    def flat_Index(self, e: ast.Index) -> str | None:
        receiver, index = self.sub(e.receiver, POSTFIX), self.sub(e.index)
        return None if receiver is None or index is None else f"{receiver}[{index}]"

    def broken_Index(self, e: ast.Index, ind: int, col: int, tail: int) -> str:
        receiver = self.expr(e.receiver, ind, col, POSTFIX, 1)
        return receiver + self.links([e], line_indent(receiver, ind), end_col(receiver, col), tail)

    # ---- macro calls --------------------------------------------------------------------------

    def macro_elems(self, e: ast.MacroCall) -> list[Elem]:
        return [self.arg(a.value, f"{a.name} = " if a.name else "", ";" if k == e.semicolon_after else ",")
                for k, a in enumerate(e.args)]

    @staticmethod
    def is_verbatim(e: ast.MacroCall) -> bool:
        """User macros are printed as written: their rules match the argument tokens."""
        return e.name not in BUILTIN_MACROS or not e.parse_ok

    def flat_MacroCall(self, e: ast.MacroCall) -> str | None:
        if self.is_verbatim(e):
            return self.source_of(e)
        closer = {"(": ")", "[": "]", "{": "}"}[e.delimiter]
        return self.one_line(f"{e.name}!{e.delimiter}", closer, self.macro_elems(e))

    def broken_MacroCall(self, e: ast.MacroCall, ind: int, col: int, tail: int) -> str:
        if self.is_verbatim(e):
            return self.source_of(e)
        head = f"{e.name}!"
        closer = {"(": ")", "[": "]", "{": "}"}[e.delimiter]
        return head + self.call_args(e, self.macro_elems(e), ind, col + len(head), tail, e.delimiter, closer)

    # ---- compound values ----------------------------------------------------------------------

    def flat_TupleLit(self, e: ast.TupleLit) -> str | None:
        args = self.flat_args(e.elems)
        return None if args is None else f"({args},)" if len(e.elems) == 1 else f"({args})"

    def broken_TupleLit(self, e: ast.TupleLit, ind: int, col: int, tail: int) -> str:
        elems = [self.arg(x) for x in e.elems]
        return self.delimited("(", ")", elems, ind, col, tail, e.span.start, e.span.end,
                              one_tuple=len(elems) == 1)

    def flat_ArrayLit(self, e: ast.ArrayLit) -> str | None:
        args = self.flat_args(e.elems)
        return None if args is None else f"[{args}]"

    def broken_ArrayLit(self, e: ast.ArrayLit, ind: int, col: int, tail: int) -> str:
        elems = [self.arg(x) for x in e.elems]
        return self.delimited("[", "]", elems, ind, col, tail, e.span.start, e.span.end)

    def flat_ArrayRepeat(self, e: ast.ArrayRepeat) -> str | None:
        value, count = self.sub(e.value), self.sub(e.count)
        return None if value is None or count is None else f"[{value}; {count}]"

    def broken_ArrayRepeat(self, e: ast.ArrayRepeat, ind: int, col: int, tail: int) -> str:
        value = "[" + self.expr(e.value, ind, col + 1, 0, 2) + "; "
        return value + self.expr(e.count, line_indent(value, ind), end_col(value, col), 0, tail + 1) + "]"

    def struct_path(self, e: ast.StructLit) -> str:
        turbofish = f"::<{self.types(e.generic_args)}>" if e.generic_args else ""
        return "::".join(e.segments) + turbofish + " "

    def struct_elems(self, e: ast.StructLit) -> list[Elem]:
        elems = []
        for f in e.fields:
            if f.value is None:
                elems.append(Elem(f.span.start, f.span.end, f.name, lambda ind, name=f.name: name))
            else:
                elems.append(self.arg(f.value, f"{f.name}: "))
        if e.base is not None:
            base = self.arg(e.base, "..")
            base.sep = ""
            elems.append(base)
        return elems

    def flat_StructLit(self, e: ast.StructLit) -> str | None:
        inner = self.one_line("{", "}", self.struct_elems(e), space=True)
        return None if inner is None else self.struct_path(e) + inner

    def broken_StructLit(self, e: ast.StructLit, ind: int, col: int, tail: int) -> str:
        head = self.struct_path(e)
        close = e.span.end - 1
        body = self.delimited("{", "}", self.struct_elems(e), ind, col + len(head), tail,
                              self.toks.opener_of(close), e.span.end, space=True)
        return head + body

