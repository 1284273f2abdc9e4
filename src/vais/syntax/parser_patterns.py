"""Grammar of patterns (match arms, bindings, for-loop heads, closure and fn parameters)."""

from __future__ import annotations

from vais.syntax import ast
from vais.syntax.parser_core import MAX_DEPTH
from vais.syntax.parser_types import TypeMixin, is_name_token
from vais.syntax.tokens import LITERAL_KINDS, describe


class PatternMixin(TypeMixin):
    def pattern(self) -> ast.Pattern:
        """A pattern, including or-patterns `p | q`."""
        first = self.pattern_no_or()
        if self.kind != "|":
            return first
        alts = [first]
        while self.kind == "|":
            self.next()
            alts.append(self.pattern_no_or())
        return ast.OrPat(alts, self.sp(first.span.start))

    def pattern_no_or(self) -> ast.Pattern:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.too_deep()
        tok = self.tok
        kind = tok[0]
        start = tok[2]
        result: ast.Pattern
        if kind == "ID" and tok[1] == "ref" and self.peek_kind() in ("ID", "mut"):  # Rust's `ref mut x`
            self.next()
            mutable = self.kind == "mut"
            if mutable:
                self.next()
            name = self.expect("ID", "a name after `ref`")
            self.report("E0019", f"`ref{' mut' if mutable else ''}` patterns are not Vais syntax", start, name[3],
                        "a binding needs no `ref`", "bind the name alone; to change an Option's payload in place, "
                        "match on `opt.as_mut()`: `M opt.as_mut() { Some(x) => ..., None => ... }`")
            result = ast.IdentPat(name[1], self.sp(start), mutable=mutable)
        elif kind == "ID" or kind == "Self":
            result = self.path_pattern()
        elif kind == "_":
            self.next()
            result = ast.WildcardPat(self.sp(start))
        elif kind in LITERAL_KINDS or kind == "-":
            lo = self.pattern_literal()
            if self.kind in ("..", "..="):
                result = self.range_pattern(lo, start)
            else:
                result = ast.LiteralPat(lo, self.sp(start))
        elif kind == "mut":
            self.next()
            name = self.expect("ID", "a name after `mut`")
            result = ast.IdentPat(name[1], self.sp(start), mutable=True)
        elif kind == "(":
            elems = self.pattern_list("(", ")")
            if len(elems) == 1 and self.toks[self.i - 2][0] != ",":
                result = elems[0]  # parenthesised pattern
            else:
                result = ast.TuplePat(elems, self.sp(start))
        elif kind == "[":
            result = ast.SlicePat(self.pattern_list("[", "]"), self.sp(start))
        elif kind == "..":
            self.next()
            result = ast.RestPat(self.sp(start))
        elif kind == "..=":
            self.next()
            result = ast.RangePat(None, self.range_bound(), True, self.sp(start))
        elif kind in ("&", "&&"):
            self.next()
            if self.kind == "mut":
                self.next()
            inner = self.pattern_no_or()
            if kind == "&&":
                inner = ast.RefPat(inner, self.sp(start + 1))
            result = ast.RefPat(inner, self.sp(start))
        else:
            self.fail("E0019", f"expected a pattern, found {describe(tok)}", label="expected a pattern",
                      help="patterns look like `x`, `_`, `0`, `\"text\"`, `(a, b)`, `Some(x)`, `Point { x, y }`")
        self.depth -= 1
        return result

    def path_pattern(self) -> ast.Pattern:
        start = self.tok[2]
        segments = [self.next()[1]]
        while self.kind == "::":
            self.next()
            if not is_name_token(self.tok):
                self.expected("a name after `::`")
            segments.append(self.next()[1])
        kind = self.kind
        if kind == "(":
            return ast.TupleStructPat(segments, self.pattern_list("(", ")"), self.sp(start))
        if kind == "{":
            return self.struct_pattern(segments, start)
        if len(segments) == 1:
            name = segments[0]
            if kind == "@":
                self.next()
                return ast.IdentPat(name, self.sp(start), sub=self.pattern_no_or())
            if name == "ref" and self.kind == "ID":
                inner = self.next()
                return ast.IdentPat(inner[1], self.sp(start), by_ref=True)
        if kind in ("..", "..="):
            lo: ast.Expr
            if len(segments) == 1:
                lo = ast.Name(segments[0], self.sp(start))
            else:
                lo = ast.PathExpr(segments, [[] for _ in segments], self.sp(start))
            return self.range_pattern(lo, start)
        if len(segments) == 1:
            return ast.IdentPat(segments[0], self.sp(start))
        return ast.PathPat(segments, self.sp(start))

    def struct_pattern(self, segments: list[str], start: int) -> ast.StructPat:
        """`Name { a, b: pat, mut c, .. }` (fields separated by `,` or newlines)."""
        opener = self.next()
        saved = self.nl_sig
        self.nl_sig = True
        fields: list[ast.FieldPat] = []
        has_rest = False
        while self.kind != "}":
            fstart = self.tok[2]
            if self.kind == "..":
                self.next()
                has_rest = True
            else:
                mutable = False
                if self.kind == "mut":
                    self.next()
                    mutable = True
                name = self.expect("ID", "a field name")
                sub = None
                if self.kind == ":" and not mutable:
                    self.next()
                    sub = self.pattern()
                fields.append(ast.FieldPat(name[1], sub, self.sp(fstart), mutable))
            if self.kind == ",":
                self.next()
            elif self.kind != "}" and not self.tok[4]:
                self.bad_delim(opener, "}", "in the struct pattern")
        self.next()
        self.nl_sig = saved
        return ast.StructPat(segments, fields, has_rest, self.sp(start))

    def pattern_list(self, open_kind: str, close_kind: str) -> list[ast.Pattern]:
        """Comma-separated patterns between brackets; `..` and `rest @ ..` are allowed inside."""
        return self.comma_list(self.next(), close_kind, self.pattern, "in the pattern")

    def pattern_literal(self) -> ast.Expr:
        """A literal, possibly negated (`-1`, `-2.5`)."""
        tok = self.tok
        start = tok[2]
        if tok[0] == "-":
            self.next()
            if self.kind not in ("INT", "FLOAT"):
                self.expected("a number after `-` in a pattern")
            return ast.Unary("-", self.literal(), self.sp(start))
        return self.literal()

    def range_bound(self) -> ast.Expr:
        tok = self.tok
        if tok[0] in LITERAL_KINDS or tok[0] == "-":
            return self.pattern_literal()
        if tok[0] == "ID":
            start = tok[2]
            segments = [self.next()[1]]
            while self.kind == "::":
                self.next()
                segments.append(self.expect("ID", "a name after `::`")[1])
            if len(segments) == 1:
                return ast.Name(segments[0], self.sp(start))
            return ast.PathExpr(segments, [[] for _ in segments], self.sp(start))
        self.expected("the end of the range pattern")

    def range_pattern(self, lo: ast.Expr, start: int) -> ast.RangePat:
        inclusive = self.next()[0] == "..="
        hi = None
        if self.kind in LITERAL_KINDS or self.kind in ("-", "ID"):
            hi = self.range_bound()
        elif inclusive:
            self.expected("the end of the range pattern")
        return ast.RangePat(lo, hi, inclusive, self.sp(start))
