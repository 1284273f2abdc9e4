"""Grammar of expressions.

Binary operators use one table-driven precedence-climbing loop (`binary`); prefix and postfix
operators and primaries follow the reference's table (section 5). Also here: the `?` try/ternary
decision, struct literals (not in the head of I/L/M), closures, I/M/L expressions, macro calls
and string-interpolation holes (lexed and parsed from their real offsets in the file).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from vais.syntax import ast
from vais.syntax.diagnostics import Label
from vais.syntax.interpolation import Hole
from vais.syntax.parser_core import (
    MAX_DEPTH,
    ParseError,
    make_span,
    new_object,
    set_span_end,
    set_span_source,
    set_span_start,
)
from vais.syntax.parser_patterns import PatternMixin
from vais.syntax.parser_types import is_name_token
from vais.syntax.source import Span
from vais.syntax.tokens import (
    ASSIGN_OPS,
    BINARY_PREC,
    CLOSERS,
    EXPR_START,
    LITERAL_KINDS,
    NON_ASSOC_LEVELS,
    OPENERS,
    Token,
    describe,
)

_as_token = partial(tuple.__new__, Token)  # a token tuple as a `Token` (C-level, no field checks)
# Rust's format spec as the runtime implements it: [[fill]align][+|-][#][0][width][.precision][type]
_SPEC = re.compile(r"(?:.?[<^>])?[+-]?#?0?[0-9]*(?:\.[0-9]+)?(?:[xXboeE]|[xX]?\?)?", re.S)
_UNARY_START = frozenset(("-", "!", "~", "*", "&", "&&", "..", "..=", "spawn", "await"))
_POSTFIX = frozenset((".", "(", "[", "?", "!", "as"))
_RANGE_LEVEL = 7
# Macros the toolchain provides: their arguments must parse as expressions.
BUILTIN_MACROS = frozenset((
    "println", "print", "eprintln", "eprint", "format", "vec", "assert", "assert_eq", "assert_ne",
    "panic", "span", "info", "warn", "error", "debug", "trace", "todo", "unreachable",
))
_TERNARY_STOP = frozenset((",", ";", "=>", ":=", "="))
_EXPR_TAIL = ASSIGN_OPS | {"?", "|>"}
_LEAF = LITERAL_KINDS | {"ID"}
_LET_PATTERN_START = LITERAL_KINDS | {"ID", "Self", "_", "-", "mut", "(", "["}
_LITERAL_AFTER_COLON = LITERAL_KINDS - {"DUR"} | {"-"}  # `x: 1` is a field, `x: i64 = 1` a binding
_AFTER_LEAF = frozenset((",", ")", "]", "}", ";", "EOF", "=>", "HOLE_END"))
_CONTINUE_LINE = frozenset((".", "|>", "?", "EL", "E"))
_CHAIN_HELP = {
    6: "comparisons do not chain; write `(a < b) && (b < c)`",
    7: "a range has two bounds; write `a..b`",
    8: "equality does not chain; parenthesise one side: `(a == b) == c`",
}
_PATTERN_START = frozenset({"ID", "(", "[", "_", "&", "mut", "INT", "STR", "CHAR", "-"})

_EXPR_HELP = {
    "E": "`E` means else only right after the `}` of an `I` block",
    "EL": "`EL` (else) must follow the `}` of an `I` block",
    "D": "`D` (defer) starts a statement; it cannot be used as a value",
    ";": "an expression is missing here",
}


class ExprMixin(PatternMixin):
    # ---- operator levels ----------------------------------------------------------------------

    def expr(self) -> ast.Expr:
        """A full expression: assignment (right-assoc) > pipe > ternary (right-assoc) > binary.

        Nesting is counted here (and in prefix operators, ternaries, blocks, types and patterns),
        the places every recursion passes through, so deep input becomes E0022, not a crash."""
        kind = self.kind
        if kind in _LEAF:  # fast path: a lone name or literal (`f(a, 1)`, `x := 0`)
            after = self.toks[self.i + 1]
            if after[0] in _AFTER_LEAF or (after[4] and self.nl_sig and after[0] not in _CONTINUE_LINE):
                if kind == "ID":
                    return self.name_expr()
                return self.literal()
        depth = self.depth + 1
        if depth > MAX_DEPTH:
            self.too_deep()
        self.depth = depth
        left = self.binary(13)
        if self.kind in _EXPR_TAIL:
            left = self.expr_tail(left)
        self.depth = depth - 1
        return left

    def expr_tail(self, left: ast.Expr) -> ast.Expr:
        """The loosest levels, after a binary-level operand: `? :`, `|>`, `=` and `op=`."""
        kind = self.kind
        if kind == "?" and not (self.tok[4] and self.nl_sig):
            left = self.ternary_rest(left)
            kind = self.kind
        while kind == "|>":  # a line starting with `|>` continues the expression
            self.next()
            right = self.ternary()
            left = ast.Pipe(left, right, self.sp(left.span.start))
            kind = self.kind
        if kind in ASSIGN_OPS and not (self.tok[4] and self.nl_sig):
            self.next()
            value = self.expr()
            return ast.Assign(kind, left, value, self.sp(left.span.start))
        return left

    def ternary(self) -> ast.Expr:
        cond = self.binary(13)
        if self.kind != "?" or (self.tok[4] and self.nl_sig):
            return cond
        return self.ternary_rest(cond)

    def ternary_rest(self, cond: ast.Expr) -> ast.Ternary:
        depth = self.depth + 1
        if depth > MAX_DEPTH:
            self.too_deep()
        self.depth = depth
        self.next()
        then = self.ternary()
        if self.kind != ":":
            self.expected("`:` and the else value of the ternary", help="write `cond ? a : b`")
        self.next()
        otherwise = self.ternary()
        self.depth = depth - 1
        return ast.Ternary(cond, then, otherwise, self.sp(cond.span.start))

    def binary(self, limit: int) -> ast.Expr:
        """Precedence climbing over BINARY_PREC: operators of level <= limit."""
        kind = self.kind
        if kind == "ID":  # the common operand, without the `unary` frame
            left = self.name_expr()
            if self.kind in _POSTFIX:
                left = self.postfix(left)
        elif kind in _UNARY_START:
            left = self.unary()
        else:
            left = self.primary()
            if self.kind in _POSTFIX:
                left = self.postfix(left)
        prec_of = BINARY_PREC.get
        while True:
            kind = self.kind
            prec = prec_of(kind)
            if prec is None or prec > limit:
                return left
            tok = self.tok
            if tok[4] and self.nl_sig:
                return left
            self.i = i = self.i + 1  # consume the operator (inlined `next`)
            self.tok = after = self.toks[i]
            self.kind = after[0]
            start = left.span.start
            if prec == _RANGE_LEVEL:
                left = self.range_rest(left, kind == "..=", start)
            else:
                right = self.binary(prec - 1)
                span = new_object(Span)
                set_span_source(span, self.src)
                set_span_start(span, start)
                set_span_end(span, self.toks[self.i - 1][3])
                left = ast.Binary(kind, left, right, span, tok[1] if tok[1] != kind else None)
            if prec in NON_ASSOC_LEVELS and prec_of(self.kind) == prec and not (self.tok[4] and self.nl_sig):
                op = self.tok
                self.report("E0015", f"`{op[1]}` cannot follow `{tok[1]}` without parentheses", op[2], op[3],
                            "operators of this level are non-associative", _CHAIN_HELP[prec],
                            [Label(self.tok_span(tok), "first operator")])

    def range_rest(self, low: ast.Expr | None, inclusive: bool, start: int) -> ast.Range:
        """After `..`/`..=`: the optional upper bound."""
        end = None
        kind = self.kind
        if kind in EXPR_START and not (self.tok[4] and self.nl_sig) and not (kind == "{" and self.no_struct):
            end = self.binary(_RANGE_LEVEL - 1)
        elif inclusive:
            self.expected("the upper bound of the `..=` range")
        return ast.Range(low, end, inclusive, self.sp(start))

    def unary(self) -> ast.Expr:
        """Prefix operators (`- ! ~ * & &mut &&`), prefix ranges, `spawn`, `await`."""
        depth = self.depth + 1
        if depth > MAX_DEPTH:
            self.too_deep()
        self.depth = depth
        tok = self.next()
        kind = tok[0]
        start = tok[2]
        result: ast.Expr
        if kind == ".." or kind == "..=":
            result = self.range_rest(None, kind == "..=", start)
        elif kind == "spawn":
            result = ast.Spawn(self.operand(), self.sp(start))
        elif kind == "await":
            result = ast.Await(self.operand(), "prefix", self.sp(start))
        else:
            op = kind
            if kind == "&" and self.kind == "mut":
                self.next()
                op = "&mut"
            operand = self.operand()
            if kind == "&&":  # `&&x` is a reference to a reference
                operand = ast.Unary("&", operand, self.sp(start + 1))
                op = "&"
            result = ast.Unary(op, operand, self.sp(start))
        self.depth = depth - 1
        return result

    def operand(self) -> ast.Expr:
        """The operand of a prefix operator: another prefix expression or a postfix one."""
        kind = self.kind
        if kind in _UNARY_START:
            return self.unary()
        result = self.name_expr() if kind == "ID" else self.primary()
        if self.kind in _POSTFIX:
            result = self.postfix(result)
        return result

    def postfix(self, e: ast.Expr) -> ast.Expr:
        start = e.span.start
        while True:
            kind = self.kind
            if kind not in _POSTFIX:
                return e
            if kind == ".":
                e = self.dot(e, start)
                continue
            if self.tok[4] and self.nl_sig:
                return e
            if kind == "(":
                e = ast.Call(e, self.call_args(), self.sp(start))
            elif kind == "[":
                opener = self.next()
                saved_nl, saved_ns = self.nl_sig, self.no_struct
                self.nl_sig = self.no_struct = False
                index = self.expr()
                if self.kind != "]":
                    self.bad_delim(opener, "]", "after the index")
                self.next()
                self.nl_sig, self.no_struct = saved_nl, saved_ns
                e = ast.Index(e, index, self.sp(start))
            elif kind == "?":
                if self.is_ternary():
                    return e
                self.next()
                e = ast.Try(e, self.sp(start))
            elif kind == "!":
                self.next()
                e = ast.Unwrap(e, self.sp(start))
            else:  # as
                self.next()
                e = ast.Cast(e, self.type(optional_ok=False), self.sp(start))

    def dot(self, receiver: ast.Expr, start: int) -> ast.Expr:
        """After an expression: `.field`, `.0`, `.method(args)`, `.m::<T>()`, `.await`, `.Y`."""
        self.next()
        tok = self.tok
        kind = tok[0]
        if kind == "ID" or (kind not in ("await", "Y") and tok[1][:1].isalpha()):
            self.next()
            name_span = self.tok_span(tok)
            generic_args: list[ast.TypeExpr] = []
            if self.kind == "::" and self.peek_kind() == "<":
                self.next()
                generic_args = self.generic_args()
            if self.kind == "(" and not (self.tok[4] and self.nl_sig):
                args = self.call_args()
                return ast.MethodCall(receiver, tok[1], generic_args, args, self.sp(start), name_span)
            if generic_args:
                self.expected("`(` and the arguments of the method call")
            return ast.Field(receiver, tok[1], self.sp(start), name_span)
        if kind == "INT":
            self.next()
            return ast.Field(receiver, tok[1], self.sp(start), self.tok_span(tok))
        if kind == "await" or kind == "Y":
            self.next()
            return ast.Await(receiver, "dot" if kind == "await" else "Y", self.sp(start))
        self.expected("a field or method name after `.`")

    def call_args(self) -> list[ast.Expr]:
        opener = self.next()
        saved_nl, saved_ns = self.nl_sig, self.no_struct
        self.nl_sig = self.no_struct = False
        args: list[ast.Expr] = []
        while self.kind != ")":
            args.append(self.expr())
            kind = self.kind
            if kind == ",":
                self.i = i = self.i + 1  # inlined `next`
                self.tok = after = self.toks[i]
                self.kind = after[0]
            elif kind != ")":
                self.bad_delim(opener, ")", "in the argument list")
        self.next()
        self.nl_sig, self.no_struct = saved_nl, saved_ns
        return args

    def is_ternary(self) -> bool:
        """At `?`: a ternary when a `:` of the same ternary follows at this nesting level in the
        same statement, otherwise the postfix try operator."""
        toks = self.toks
        j = self.i + 1
        first = toks[j]
        if first[0] not in EXPR_START or (first[4] and self.nl_sig):
            return False
        nl_sig = self.nl_sig
        no_struct = self.no_struct
        depth = 0
        pending = 0
        while True:
            tok = toks[j]
            kind = tok[0]
            if kind == "EOF":
                return False
            if depth == 0:
                if tok[4] and nl_sig and j > self.i + 1:
                    return False
                if kind == ":":
                    if pending == 0:
                        return True
                    pending -= 1
                elif kind == "?":
                    if toks[j + 1][0] in EXPR_START:
                        pending += 1
                elif kind in _TERNARY_STOP or (kind == "{" and no_struct):
                    return False
            if kind in OPENERS:
                depth += 1
            elif kind in CLOSERS:
                if depth == 0:
                    return False
                depth -= 1
            j += 1

    # ---- primaries ----------------------------------------------------------------------------

    def primary(self) -> ast.Expr:
        tok = self.tok
        kind = tok[0]
        if kind == "ID":
            return self.name_expr()
        if kind == "INT":
            self.next()
            value = tok[5]
            span = new_object(Span)
            set_span_source(span, self.src)
            set_span_start(span, tok[2])
            set_span_end(span, tok[3])
            return ast.IntLit(value[0], value[1], tok[1], span)
        if kind == "STR":
            self.next()
            return self.str_lit(tok)
        handler = _PRIMARY.get(kind)
        if handler is not None:
            return handler(self)
        if tok[1][:1].isalpha() and self.peek_kind() == "::":  # `T::default()`, `Self::new()`
            self.next()
            return self.path_expr([tok[1]], tok[2])
        self.fail("E0011", f"expected an expression, found {describe(tok)}", label="expected an expression",
                  help=_EXPR_HELP.get(kind))

    def literal(self) -> ast.Expr:
        """The literal at the cursor (INT FLOAT DUR STR CHAR true false)."""
        tok = self.next()
        kind = tok[0]
        if kind == "STR":
            return self.str_lit(tok)
        span = new_object(Span)
        set_span_source(span, self.src)
        set_span_start(span, tok[2])
        set_span_end(span, tok[3])
        if kind == "INT":
            return ast.IntLit(tok[5][0], tok[5][1], tok[1], span)
        if kind == "FLOAT":
            return ast.FloatLit(tok[5][0], tok[5][1], tok[1], span)
        if kind == "CHAR":
            return ast.CharLit(tok[5], span)
        if kind == "DUR":
            return ast.DurationLit(tok[5][0], tok[5][1], tok[1], span)
        return ast.BoolLit(kind == "true", span)

    def name_expr(self) -> ast.Expr:
        tok = self.tok
        self.i = i = self.i + 1  # (an identifier is never the EOF token)
        self.tok = after = self.toks[i]
        self.kind = kind = after[0]
        start = tok[2]
        if kind == "::":
            return self.path_expr([tok[1]], start)
        if kind == "!" and not after[4]:
            after = self.peek_kind()
            if after == "(" or after == "[" or (after == "{" and not self.no_struct):
                return self.macro_call(tok)
        elif kind == "{" and not self.no_struct and not (after[4] and self.nl_sig):
            return self.struct_lit([tok[1]], [], start)
        span = new_object(Span)
        set_span_source(span, self.src)
        set_span_start(span, start)
        set_span_end(span, tok[3])
        return ast.Name(tok[1], span)

    def path_expr(self, segments: list[str], start: int) -> ast.Expr:
        """`A::B::c`, with turbofish `Vec::<i64>::new`; maybe a struct literal `Shape::Rect { .. }`."""
        generic_args: list[list[ast.TypeExpr]] = [[]]
        while self.kind == "::":
            self.next()
            if self.kind == "<":
                generic_args[-1] = self.generic_args()
                continue
            if not is_name_token(self.tok):
                self.expected("a name after `::`")
            segments.append(self.next()[1])
            generic_args.append([])
        if self.kind == "{" and not self.no_struct and not (self.tok[4] and self.nl_sig):
            return self.struct_lit(segments, [a for args in generic_args for a in args], start)
        return ast.PathExpr(segments, generic_args, self.sp(start))

    def struct_lit(self, segments: list[str], generic_args: list[ast.TypeExpr], start: int) -> ast.StructLit:
        """`Name { a: 1, b, ..base }` (fields separated by `,` or newlines)."""
        opener = self.next()
        saved_nl, saved_ns = self.nl_sig, self.no_struct
        self.nl_sig = True
        self.no_struct = False
        fields: list[ast.FieldInit] = []
        base = None
        while self.kind != "}":
            if self.kind == "..":
                self.next()
                base = self.expr()
                if self.kind == ",":
                    self.next()
                if self.kind != "}":
                    self.bad_delim(opener, "}", "after the `..base` of the struct literal")
                break
            ftok = self.tok
            if ftok[0] != "ID" and ftok[0] != "INT":
                self.expected("a field name", help="struct literals look like `Point { x: 1, y }`")
            self.next()
            value = None
            if self.kind == ":":
                self.next()
                value = self.expr()
            fields.append(ast.FieldInit(ftok[1], value, self.sp(ftok[2])))
            kind = self.kind
            if kind == ",":
                self.next()
            elif kind != "}" and not self.tok[4]:
                self.bad_delim(opener, "}", "in the struct literal")
        self.next()
        self.nl_sig, self.no_struct = saved_nl, saved_ns
        return ast.StructLit(segments, generic_args, fields, base, self.sp(start))

    def paren(self) -> ast.Expr:
        """`()`, `(e)`, `(a, b)`, `(a,)`."""
        opener = self.next()
        start = opener[2]
        if self.kind == ")":
            self.next()
            return ast.UnitLit(self.sp(start))
        saved_nl, saved_ns = self.nl_sig, self.no_struct
        self.nl_sig = self.no_struct = False
        first = self.expr()
        if self.kind == ")":
            self.next()
            self.nl_sig, self.no_struct = saved_nl, saved_ns
            return first
        if self.kind != ",":
            self.bad_delim(opener, ")", "after the expression")
        elems = [first]
        while self.kind == ",":
            self.next()
            if self.kind == ")":
                break
            elems.append(self.expr())
        if self.kind != ")":
            self.bad_delim(opener, ")", "in the tuple")
        self.next()
        self.nl_sig, self.no_struct = saved_nl, saved_ns
        return ast.TupleLit(elems, self.sp(start))

    def array(self) -> ast.Expr:
        """`[a, b]`, `[]`, `[value; count]`."""
        opener = self.next()
        start = opener[2]
        saved_nl, saved_ns = self.nl_sig, self.no_struct
        self.nl_sig = self.no_struct = False
        elems: list[ast.Expr] = []
        if self.kind != "]":
            first = self.expr()
            if self.kind == ";":
                self.next()
                count = self.expr()
                if self.kind != "]":
                    self.bad_delim(opener, "]", "after the repeat count")
                self.next()
                self.nl_sig, self.no_struct = saved_nl, saved_ns
                return ast.ArrayRepeat(first, count, self.sp(start))
            elems.append(first)
            while self.kind == ",":
                self.next()
                if self.kind == "]":
                    break
                elems.append(self.expr())
            if self.kind != "]":
                self.bad_delim(opener, "]", "in the array")
        self.next()
        self.nl_sig, self.no_struct = saved_nl, saved_ns
        return ast.ArrayLit(elems, self.sp(start))

    def expr_in_brackets(self) -> ast.Expr:
        """An expression inside `[...]` of a type (`[T; N]`)."""
        saved_nl, saved_ns = self.nl_sig, self.no_struct
        self.nl_sig = self.no_struct = False
        value = self.expr()
        self.nl_sig, self.no_struct = saved_nl, saved_ns
        return value

    def closure(self) -> ast.Closure:
        """`|x, y: T| body`, `|| body`, `move |x| body`, `|x| -> T { ... }`."""
        start = self.tok[2]
        is_move = False
        if self.kind == "move":
            self.next()
            is_move = True
        params: list[ast.ClosureParam] = []
        if self.kind == "||":
            self.next()
        elif self.kind == "|":
            opener = self.next()
            saved = self.nl_sig
            self.nl_sig = False
            while self.kind != "|":
                pstart = self.tok[2]
                pattern = self.pattern_no_or()
                ty = None
                if self.kind == ":":
                    self.next()
                    ty = self.type()
                params.append(ast.ClosureParam(pattern, ty, self.sp(pstart)))
                if self.kind == ",":
                    self.next()
                elif self.kind != "|":
                    self.expected("`,` or `|` after the closure parameter",
                                  help="close the parameter list with `|`: `|x| x + 1`",
                                  secondary=[Label(self.tok_span(opener), "the parameter list starts here")])
            self.next()
            self.nl_sig = saved
        else:
            self.expected("`|` and the closure parameters after `move`")
        ret = None
        if self.kind == "->":
            self.next()
            ret = self.type()
            if self.kind != "{":
                self.expected("a block body after the closure's return type")
        body = self.expr()
        return ast.Closure(params, ret, body, is_move, self.sp(start))

    # ---- control flow -------------------------------------------------------------------------

    def head_expr(self) -> ast.Expr:
        """The head of I/L/M: no struct literals directly inside."""
        saved = self.no_struct
        self.no_struct = True
        value = self.expr()
        self.no_struct = saved
        return value

    def need_block(self, after: str) -> None:
        if self.kind != "{":
            self.missing_block = True
            self.fail("E0023", f"expected `{{` after {after}, found {describe(self.tok)}", label="expected a block",
                      help="the body must be a block: `I cond { ... }`, `L cond { ... }`, `M x { ... }`")
        toks, i = self.toks, self.i
        if (toks[i - 1][0] == "ID" and toks[i - 1][1][:1].isupper() and toks[i + 1][0] == "ID"
                and toks[i + 2][0] == ":" and toks[i + 3][0] in _LITERAL_AFTER_COLON):
            # `I Pt { x: 1 } == p {`: the `{` after a type name opens a struct literal, not the body
            self.fail("E0011", f"a struct literal cannot stand directly in {after}", toks[i - 1],
                      label="struct literal", help=f"put it in parentheses: `({toks[i - 1][1]} {{ ... }})`")

    def if_expr(self) -> ast.Expr:
        keyword = self.next()
        start = keyword[2]
        cond = self.condition(keyword)
        let_cond = cond if cond.__class__ is ast.LetCond else None
        if self.kind != "{" and cond.__class__ is ast.Block:  # `E I { ... }`: the block was meant as the body
            self.fail("E0011", f"expected a condition after `{keyword[1]}`, found `{{`", ("{", "{", cond.span.start, cond.span.start + 1, False, None),
                      label="expected a condition", help=f"write `{keyword[1]} cond {{ ... }}`")
        self.need_block(f"the condition of `{keyword[1]}`")
        then = self.block()
        otherwise: ast.Expr | None = None
        else_keyword = "E"
        kind = self.kind
        if kind == "EL" or (kind == "E" and self.e_is_else()):
            etok = self.next()
            else_keyword = etok[1]
            if self.kind == "I":
                otherwise = self.if_expr()
            elif self.kind == "{":
                otherwise = self.block()
            else:
                self.fail("E0023", f"expected a block or `I` after `{etok[1]}`, found {describe(self.tok)}",
                          label="expected `{` or `I`", help=f"write `{etok[1]} {{ ... }}` or `{etok[1]} I cond {{ ... }}`")
        surface = ast.If(cond, then, otherwise, self.sp(start), else_keyword)
        if let_cond is None:
            return surface
        # `I let p = x { a } E { b }` means `M x { p => { a }, _ => { b } }`
        span = surface.span
        if otherwise is None:  # like `I c { a }`: no value (the block's own is dropped)
            other: ast.Expr = ast.Block([], Span(self.src, span.end, span.end))
            then = ast.Block([ast.ExprStmt(then, True, then.span)], then.span)
        else:
            other = otherwise
        arms = [ast.MatchArm(let_cond.pattern, None, then, let_cond.pattern.span.to(then.span)),
                ast.MatchArm(ast.WildcardPat(other.span), None, other, other.span)]
        return ast.Match(let_cond.value, arms, span, surface)

    def let_condition(self, keyword: str) -> ast.LetCond | None:
        """`let pat = value` after `I` or `LW` (Rust's `if let` / `while let`); None when the
        condition is an ordinary expression (`let` is no keyword: a variable may bear the name)."""
        tok = self.tok
        if tok[0] != "ID" or tok[1] != "let" or self.peek_kind() not in _LET_PATTERN_START:
            return None
        self.next()
        pattern = self.pattern()
        if self.kind != "=":
            self.fail("E0010", f"expected `=` after the pattern of `{keyword} let`, found {describe(self.tok)}",
                      label="expected `=`", help=f"write `{keyword} let Some(x) = value {{ ... }}`")
        self.next()
        value = self.head_expr()
        return ast.LetCond(pattern, value, self.sp(tok[2]))

    def condition(self, keyword: tuple) -> ast.Expr:
        """The condition of `I` or a while loop: an expression or a `LetCond`. Rust's pattern test
        written without `let` (`L Some(x) = v.pop() { }`) is an error saying to add it."""
        let_cond = self.let_condition(keyword[1])
        if let_cond is not None:
            return let_cond
        cond = self.head_expr()
        if cond.__class__ is ast.Assign and cond.op == "=" and self.kind == "{":
            if cond.target.__class__ in (ast.Name, ast.Field, ast.Index):  # `I x = 3 {`: a comparison meant
                text = self.src.text
                left = text[cond.target.span.start:cond.target.span.end]
                right = text[cond.value.span.start:cond.value.span.end]
                self.report("E0011", "`=` assigns; a condition compares with `==`", cond.span.start,
                            cond.span.end, "not a condition", f"write `{keyword[1]} {left} == {right} {{`")
            else:
                rust = "while let" if keyword[0] in ("L", "LW") else "if let"
                self.report("E0011", "a pattern test needs `let`", cond.span.start, cond.span.end, "not a condition",
                            f"write `{keyword[1]} let Some(x) = value {{ ... }}` (Rust's `{rust}`)")
        return cond

    def e_is_else(self) -> bool:
        """`E` after an if-block is else, except `E Name` on a later line (an enum item)."""
        return not self.tok[4] or self.peek_kind() != "ID"

    def match_expr(self) -> ast.Match:
        keyword = self.next()
        start = keyword[2]
        scrutinee = self.head_expr()
        self.need_block(f"the `{keyword[1]}` scrutinee")
        self.next()
        saved_nl, saved_ns = self.nl_sig, self.no_struct
        arms: list[ast.MatchArm] = []
        depth = self.depth
        while True:
            self.nl_sig = True
            self.no_struct = False
            kind = self.kind
            if kind == "}":
                break
            if kind == ",":
                self.next()
                continue
            if kind == "EOF":
                self.expected("`}` to close the match")
            first = self.i
            try:
                arm = self.match_arm()
                arms.append(arm)
                kind = self.kind
                if kind == ",":
                    self.next()
                elif kind != "}" and not self.tok[4] and not (
                        self.toks[self.i - 1][0] == "}" and type(arm.body) in BLOCK_LIKE):
                    self.fail("E0010", f"expected `,` or a newline after the match arm, found {describe(self.tok)}",
                              label="expected `,`", help="separate match arms with `,` or put each on its own line")
            except ParseError:
                self.depth = depth
                self.sync(first, commas=True)
        self.next()
        self.nl_sig, self.no_struct = saved_nl, saved_ns
        return ast.Match(scrutinee, arms, self.sp(start))

    def match_arm(self) -> ast.MatchArm:
        start = self.tok[2]
        pattern = self.pattern()
        guard = None
        if self.kind == "I":
            self.next()
            guard = self.expr()
        if self.kind != "=>":
            self.fail("E0010", f"expected `=>` after the match pattern, found {describe(self.tok)}",
                      label="expected `=>`", help="each arm is `pattern => value`")
        self.next()
        body = self.expr()
        return ast.MatchArm(pattern, guard, body, self.sp(start))

    def loop_expr(self) -> ast.Expr:
        """`L { }`, `L cond { }`, `L pat: xs { }`, `L pat in xs { }`, `LW`, `LF`, long forms."""
        keyword = self.next()
        kind = keyword[0]
        start = keyword[2]
        if kind == "L":
            if self.kind == "{":
                return ast.Loop(self.block(), self.sp(start))
            style = self.for_style(self.i)
            if style != ":" and style != "in":
                return self.while_loop(keyword)
        elif kind == "LW":
            return self.while_loop(keyword)
        pattern = self.pattern()
        sep = self.kind
        if sep != ":" and sep != "in":
            self.expected("`:` or `in` after the loop pattern", help="write `LF x: xs { ... }` or `L x in xs { ... }`")
        self.next()
        iterable = self.head_expr()
        self.need_block("the loop's iterable")
        return ast.For(pattern, iterable, self.block(), self.sp(start), keyword[1], sep)

    def while_loop(self, keyword: tuple) -> ast.Expr:
        """`LW cond { }`; `LW let p = x { body }` means `L { M x { p => { body }, _ => B } }`."""
        cond = self.condition(keyword)
        let_cond = cond if cond.__class__ is ast.LetCond else None
        self.need_block("the loop condition")
        body = self.block()
        surface = ast.While(cond, body, self.sp(keyword[2]), keyword[1])
        if let_cond is None:
            return surface
        span = surface.span
        stop = ast.Break(None, let_cond.span)
        arms = [ast.MatchArm(let_cond.pattern, None, body, let_cond.pattern.span.to(body.span)),
                ast.MatchArm(ast.WildcardPat(let_cond.span), None, stop, let_cond.span)]
        step = ast.ExprStmt(ast.Match(let_cond.value, arms, span, let_cond), False, span)
        return ast.Loop(ast.Block([step], span), span, surface)

    def for_style(self, index: int) -> str | None:
        """What follows a pattern-looking head at `index`: ":" / "in" (for-each), "let" (`:=`) or None."""
        toks = self.toks
        kind = toks[index][0]
        while kind == "&" or kind == "&&":  # `L &x in v.iter()`, `L &(a, b) in pairs.iter()`
            index += 2 if toks[index + 1][0] == "mut" else 1
            kind = toks[index][0]
        if kind == "ID" or kind == "_":
            index += 1
        elif kind == "mut":
            index += 2
        elif kind == "(" or kind == "[":
            index = self.match_close(index)
            if index < 0:
                return None
            index += 1
        else:
            return None
        kind = toks[index][0] if index < len(toks) else "EOF"
        if kind == ":" or kind == "in":
            return kind
        if kind == ":=":
            return "let"
        return None

    def return_expr(self) -> ast.Expr:
        tok = self.next()
        value = None
        if self.kind in EXPR_START and not (self.tok[4] and self.nl_sig):
            value = self.expr()
        if tok[0] == "R":
            return ast.Return(value, self.sp(tok[2]))
        return ast.Break(value, self.sp(tok[2]))

    # ---- macro calls --------------------------------------------------------------------------

    def macro_call(self, name_tok: tuple) -> ast.MacroCall:
        """`name!(...)`, `name![...]`, `name!{...}`: arguments parsed as expressions (user macros
        may hold anything: then `parse_ok` is False and only the raw tokens are kept)."""
        self.next()  # !
        opener = self.tok
        open_index = self.i
        name = name_tok[1]
        if name == "matches" and opener[0] == "(":
            return self.matches_macro(name_tok[2])
        if name in BUILTIN_MACROS:
            args, semicolon = self.macro_args(opener)
            ok = True
        else:
            mark = len(self.sh.diags)
            depth, saved_nl, saved_ns = self.depth, self.nl_sig, self.no_struct
            eof_reported, abandoned = self.sh.eof_reported, set(self.sh.abandoned)
            try:
                args, semicolon = self.macro_args(opener)
                ok = True
            except ParseError:
                if any(d.code == "E0022" for d in self.sh.diags[mark:]):
                    raise  # too deep is final, whatever the macro accepts
                del self.sh.diags[mark:]
                self.sh.eof_reported, self.sh.abandoned = eof_reported, abandoned
                self.depth, self.nl_sig, self.no_struct = depth, saved_nl, saved_ns
                close_index = self.match_close(open_index)
                if close_index < 0:  # report the unclosed delimiter
                    self.seek(len(self.toks) - 1)
                    self.expected(f"`{OPENERS[opener[0]]}` closing the macro call")
                self.seek(close_index + 1)
                args, semicolon, ok = [], None, False
        raw = list(map(_as_token, self.toks[open_index + 1:self.i - 1]))
        return ast.MacroCall(name, args, opener[0], self.sp(name_tok[2]), raw, semicolon, ok)

    def matches_macro(self, start: int) -> ast.Match:
        """Rust's `matches!(value, pattern)` / `matches!(value, pattern if guard)`: the match
        `M value { pattern => true, _ => false }` (its `sugar` keeps the call for the formatter)."""
        opener = self.next()
        saved_nl, saved_ns = self.nl_sig, self.no_struct
        self.nl_sig = self.no_struct = False
        value = self.expr()
        self.expect(",", "`,` and the pattern")
        pattern = self.pattern()
        guard = None
        if self.kind == "I":
            self.next()
            guard = self.expr()
        if self.kind == ",":
            self.next()
        if self.kind != ")":
            self.bad_delim(opener, ")", "in `matches!`")
        self.next()
        self.nl_sig, self.no_struct = saved_nl, saved_ns
        span = self.sp(start)
        arms = [ast.MatchArm(pattern, guard, ast.BoolLit(True, span), span),
                ast.MatchArm(ast.WildcardPat(span), None, ast.BoolLit(False, span), span)]
        return ast.Match(value, arms, span, ast.MatchesCall(value, pattern, guard, span))

    def macro_args(self, opener: tuple) -> tuple[list[ast.MacroArg], int | None]:
        closer = OPENERS[opener[0]]
        self.next()
        saved_nl, saved_ns = self.nl_sig, self.no_struct
        self.nl_sig = self.no_struct = False
        args: list[ast.MacroArg] = []
        semicolon = None
        while self.kind != closer:
            start = self.tok[2]
            name = None
            if self.kind == "ID" and self.peek_kind() == "=":
                name = self.next()[1]
                self.next()
            args.append(ast.MacroArg(name, self.expr(), self.sp(start)))
            kind = self.kind
            if kind == ",":
                self.next()
            elif kind == ";":
                if semicolon is None:
                    semicolon = len(args) - 1
                self.next()
            elif kind != closer:
                self.bad_delim(opener, closer, "in the macro arguments")
        self.next()
        self.nl_sig, self.no_struct = saved_nl, saved_ns
        return args, semicolon

    # ---- strings ------------------------------------------------------------------------------

    def str_lit(self, tok: tuple) -> ast.StrLit:
        parts = tok[5]
        for part in parts:
            if type(part) is Hole:
                parts = [p if type(p) is str else self.hole(p) for p in parts]
                break
        return ast.StrLit(parts, tok[1][1:-1], make_span(self.src, tok[2], tok[3]))

    def hole(self, hole: Hole) -> ast.Interpolation:
        """Parse the expression of `{expr:spec}`: its tokens follow the string's, up to `HOLE_END`."""
        expr: ast.Expr | None = None
        if self.text[hole.expr_start:hole.expr_end].strip():
            depth, saved_nl, saved_ns = self.depth, self.nl_sig, self.no_struct
            if depth + 1 > MAX_DEPTH:
                self.too_deep()
            self.nl_sig = self.no_struct = False
            try:
                expr = self.expr()
                if self.kind != "HOLE_END":
                    self.fail("E0010", f"unexpected {describe(self.tok)} in the interpolation",
                              label="the interpolated expression should end here",
                              help="a `{...}` hole holds one expression; write `{{` for a literal brace")
            except ParseError:
                expr = None
                while not (self.kind == "HOLE_END" and self.tok[2] == hole.expr_end) and self.kind != "EOF":
                    self.next()
            self.next()  # HOLE_END
            self.depth, self.nl_sig, self.no_struct = depth, saved_nl, saved_ns
        if hole.spec and not _SPEC.fullmatch(hole.spec):
            self.report("E0010", f"invalid format spec `{hole.spec}`", hole.start, hole.end, "not a format spec",
                        help="specs are `[[fill]align][+][#][0][width][.precision][type]` with a type among "
                             "`?` `x` `X` `b` `o` `e` `E`, as `{x:>8.2}` or `{n:#010b}`")
        return ast.Interpolation(expr, hole.spec, make_span(self.src, hole.start, hole.end))

    # ---- small primaries ----------------------------------------------------------------------

    def self_recur(self) -> ast.Expr:
        tok = self.next()
        return ast.SelfRecur(self.tok_span(tok))

    def keyword_name(self) -> ast.Expr:
        """`self`, `_`, `Self` (also `Self::new()` and `Self { .. }`)."""
        tok = self.next()
        if tok[0] == "Self":
            if self.kind == "::":
                return self.path_expr(["Self"], tok[2])
            if self.kind == "{" and not self.no_struct and not (self.tok[4] and self.nl_sig):
                return self.struct_lit(["Self"], [], tok[2])
        return ast.Name(tok[1], self.tok_span(tok))

    def continue_expr(self) -> ast.Expr:
        return ast.Continue(self.tok_span(self.next()))

    def block_expr(self) -> ast.Expr:
        return self.block()


BLOCK_LIKE = (ast.If, ast.Match, ast.Loop, ast.While, ast.For, ast.Block)

_PRIMARY: dict[str, Callable[[ExprMixin], ast.Expr]] = {
    "FLOAT": ExprMixin.literal, "DUR": ExprMixin.literal, "CHAR": ExprMixin.literal,
    "true": ExprMixin.literal, "false": ExprMixin.literal,
    "(": ExprMixin.paren, "[": ExprMixin.array, "{": ExprMixin.block_expr,
    "|": ExprMixin.closure, "||": ExprMixin.closure, "move": ExprMixin.closure,
    "I": ExprMixin.if_expr, "M": ExprMixin.match_expr,
    "L": ExprMixin.loop_expr, "LW": ExprMixin.loop_expr, "LF": ExprMixin.loop_expr,
    "R": ExprMixin.return_expr, "B": ExprMixin.return_expr, "C": ExprMixin.continue_expr,
    "@": ExprMixin.self_recur, "self": ExprMixin.keyword_name, "Self": ExprMixin.keyword_name,
    "_": ExprMixin.keyword_name,
}
