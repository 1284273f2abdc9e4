"""Grammar of types, generic parameter lists, bounds and `where` clauses.

In type position every identifier names a type, so keyword letters (`T`, `E`, `S`, ...) are
accepted as type names and type parameters there.
"""

from __future__ import annotations

from vais.syntax import ast
from vais.syntax.parser_core import MAX_DEPTH, ParserCore, make_span
from vais.syntax.tokens import PRIMITIVE_TYPES, describe

# Keywords that have their own meaning in type position and therefore never name a type.
_NOT_TYPE_NAMES = frozenset(("dyn", "mut", "where", "as", "in", "_", "true", "false", "move"))
# Rust's closure traits: as a type or bound, `Fn(A) -> R` is the function type `fn(A) -> R`
_FN_TRAITS = frozenset(("Fn", "FnMut", "FnOnce"))


def is_name_token(tok: tuple) -> bool:
    """An identifier, or a keyword spelled like one (usable as a type name or path segment)."""
    return tok[0] == "ID" or (tok[1][:1].isalpha() and tok[0] not in _NOT_TYPE_NAMES)


class TypeMixin(ParserCore):
    def type(self, optional_ok: bool = True) -> ast.TypeExpr:
        """A type; `optional_ok` lets a trailing `?` mean Option (not after `as`)."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.too_deep()
        tok = self.tok
        kind = tok[0]
        start = tok[2]
        result: ast.TypeExpr
        if kind == "ID" and tok[1] in _FN_TRAITS and self.peek_kind() == "(":  # Rust's `Fn(A) -> R`
            self.next()
            result = self.fn_type_rest(start)
        elif kind == "X" and tok[1] == "impl":  # `impl Fn(A) -> R`; `impl Trait` is `dyn Trait`
            self.next()
            result = self.dyn_type(start)
        elif kind == "ID" or (kind not in _NOT_TYPE_NAMES and tok[1][:1].isalpha()
                              and not (kind == "F" and self.peek_kind() == "(")):
            result = self.type_path()
        elif kind in ("&", "&&"):
            self.next()
            mutable = False
            if self.kind == "mut":
                self.next()
                mutable = True
            inner = self.type()
            if kind == "&&":  # `&&T` is a reference to a reference
                inner = ast.RefType(inner, mutable, self.sp(start + 1))
                mutable = False
            result = ast.RefType(inner, mutable, self.sp(start))
        elif kind == "(":
            result = self.tuple_type()
        elif kind == "[":
            opener = self.next()
            elem = self.type()
            size = None
            if self.kind == ";":
                self.next()
                size = self.expr_in_brackets()
            if self.kind != "]":
                self.bad_delim(opener, "]", "in the array type")
            self.next()
            result = ast.ArrayType(elem, size, self.sp(start))
        elif kind == "*":
            self.next()
            if self.kind in ("mut", "const"):
                self.next()
            result = ast.PtrType(self.type(), self.sp(start))
        elif kind == "F":  # fn(A, B) -> R
            self.next()
            result = self.fn_type_rest(start)
        elif kind in ("|", "||"):
            if kind == "||":
                self.next()
                params: list[ast.TypeExpr] = []
            else:
                params = self.type_list("|", "|")
            ret = None
            if self.kind == "->":
                self.next()
                ret = self.type()
            result = ast.FnType(params, ret, True, self.sp(start))
        elif kind == "dyn":
            self.next()
            result = self.dyn_type(start)
        elif kind == "!":
            self.next()
            result = ast.NeverType(self.sp(start))
        elif kind == "_":
            self.next()
            result = ast.InferType(self.sp(start))
        else:
            self.fail("E0018", f"expected a type, found {describe(tok)}", label="expected a type",
                      help="types look like `i64`, `Str`, `Vec<T>`, `(A, B)`, `&T`, `[T]`, `fn(A) -> B`")
        if optional_ok:
            while self.kind == "?" and not (self.tok[4] and self.nl_sig):
                self.next()
                result = ast.OptionalType(result, self.sp(start))
        self.depth -= 1
        return result

    def fn_type_rest(self, start: int) -> ast.FnType:
        """`(A, B) -> R` after `fn` (or Rust's `Fn`, `FnMut`, `FnOnce`)."""
        params = self.type_list("(", ")")
        ret = None
        if self.kind == "->":
            self.next()
            ret = self.type()
        return ast.FnType(params, ret, False, self.sp(start))

    def dyn_type(self, start: int) -> ast.TypeExpr:
        """The bounds after `dyn` / `impl`; `dyn Fn(A) -> R` is the function type itself."""
        bounds = self.bounds()
        fns = [b for b in bounds if isinstance(b, ast.FnType)]
        return fns[0] if fns else ast.DynType(bounds, self.sp(start))

    def type_path(self) -> ast.PathType:
        start = self.tok[2]
        segments = [self.next()[1]]
        args: list[ast.TypeExpr] = []
        while True:
            kind = self.kind
            if kind == "::":
                self.next()
                if self.kind == "<":
                    args = self.generic_args()
                    return ast.PathType(segments, args, make_span(self.src, start, self.gt_end))
                if not is_name_token(self.tok):
                    self.expected("a type name after `::`")
                segments.append(self.next()[1])
            elif kind == "<" and segments[-1] not in PRIMITIVE_TYPES:
                args = self.generic_args()
                return ast.PathType(segments, args, make_span(self.src, start, self.gt_end))
            else:
                return ast.PathType(segments, args, self.sp(start))

    def generic_args(self) -> list[ast.TypeExpr]:
        """`<A, B>` (the cursor is on `<`)."""
        opener = self.next()
        saved = self.nl_sig
        self.nl_sig = False
        args: list[ast.TypeExpr] = []
        while not self.at_gt():
            args.append(self.type())
            if self.kind == ",":
                self.next()
            elif not self.at_gt():
                self.bad_delim(opener, ">", "in the type arguments")
        self.gt_end = self.eat_gt()
        self.nl_sig = saved
        return args

    def at_gt(self) -> bool:
        return self.kind in (">", ">>", ">=", ">>=")

    def eat_gt(self) -> int:
        """Consume one `>` and return its end offset; `>>`, `>=` and `>>=` (as in `Vec<Vec<i64>>`)
        are split in place, leaving the rest as the current token."""
        tok = self.tok
        kind = tok[0]
        if kind == ">":
            self.next()
            return tok[3]
        rest = kind[1:]
        split = (rest, rest, tok[2] + 1, tok[3], False, None)
        self.toks[self.i] = split
        self.tok = split
        self.kind = rest
        return tok[2] + 1

    def tuple_type(self) -> ast.TypeExpr:
        start = self.tok[2]
        elems = self.type_list("(", ")")
        if len(elems) == 1 and self.toks[self.i - 2][0] != ",":
            return elems[0]  # parenthesised type
        return ast.TupleType(elems, self.sp(start))

    def type_list(self, open_kind: str, close_kind: str) -> list[ast.TypeExpr]:
        """`(A, B)` or `|A, B|`: types separated by commas (cursor on the opener)."""
        return self.comma_list(self.expect(open_kind), close_kind, self.type, "in the type list")

    def bounds(self) -> list[ast.TypeExpr]:
        """`A + B + C`."""
        out = [self.type(optional_ok=False)]
        while self.kind == "+":
            self.next()
            out.append(self.type(optional_ok=False))
        return out

    def generic_params(self) -> list[ast.GenericParam]:
        """`<T: A + B, U, const N: i64>` (cursor on `<`)."""
        opener = self.next()
        saved = self.nl_sig
        self.nl_sig = False
        out: list[ast.GenericParam] = []
        while not self.at_gt():
            start = self.tok[2]
            if self.kind == "const":
                self.next()
                name = self.type_param_name()
                self.expect(":", "`:` and the type of the const parameter")
                ty = self.type()
                out.append(ast.GenericParam(name, [], self.sp(start), True, ty))
            else:
                name = self.type_param_name()
                bounds = []
                if self.kind == ":":
                    self.next()
                    bounds = self.bounds()
                out.append(ast.GenericParam(name, bounds, self.sp(start)))
            if self.kind == ",":
                self.next()
            elif not self.at_gt():
                self.bad_delim(opener, ">", "in the generic parameters")
        self.eat_gt()
        self.nl_sig = saved
        return out

    def type_param_name(self) -> str:
        if not is_name_token(self.tok):
            self.expected("a type parameter name")
        return self.next()[1]

    def where_clause(self) -> list[ast.WherePredicate]:
        """`where T: A + B, U: C` (cursor on `where`)."""
        self.next()
        preds: list[ast.WherePredicate] = []
        while True:
            start = self.tok[2]
            ty = self.type()
            self.expect(":", "`:` and the bounds of this type")
            preds.append(ast.WherePredicate(ty, self.bounds(), self.sp(start)))
            if self.kind != ",":
                return preds
            self.next()
            if self.kind in ("{", "=") or (self.tok[4] and self.nl_sig):
                return preds


def fn_bound_params(decl: ast.FnDecl) -> None:
    """Rust's `F apply<G: Fn(i64) -> i64>(g: G)` (or `where G: Fn(..)`): a type parameter bounded by a
    closure trait is that function type, so it is taken out of the generics and substituted."""
    fn_types: dict[str, ast.TypeExpr] = {}
    for g in decl.generics:
        fn_type = next((b for b in g.bounds if isinstance(b, ast.FnType)), None)
        if fn_type is not None:
            fn_types[g.name] = fn_type
    for pred in decl.where:
        fn_type = next((b for b in pred.bounds if isinstance(b, ast.FnType)), None)
        if fn_type is not None and isinstance(pred.ty, ast.PathType) and len(pred.ty.segments) == 1:
            fn_types[pred.ty.segments[0]] = fn_type
    if not fn_types:
        return
    decl.generics = [g for g in decl.generics if g.name not in fn_types]
    decl.where = [w for w in decl.where if not (isinstance(w.ty, ast.PathType) and w.ty.segments[0] in fn_types)]
    for p in decl.params:
        if p.ty is not None:
            p.ty = _substitute(p.ty, fn_types)
    if decl.ret is not None:
        decl.ret = _substitute(decl.ret, fn_types)


def _substitute(t: ast.TypeExpr, names: dict[str, ast.TypeExpr]) -> ast.TypeExpr:
    """`t` with the single-segment type names in `names` replaced (sub-trees rewritten in place)."""
    if isinstance(t, ast.PathType):
        if len(t.segments) == 1 and not t.args and t.segments[0] in names:
            return names[t.segments[0]]
        t.args = [_substitute(a, names) for a in t.args]
    elif isinstance(t, (ast.RefType, ast.OptionalType, ast.PtrType)):
        t.inner = _substitute(t.inner, names)
    elif isinstance(t, ast.TupleType):
        t.elems = [_substitute(e, names) for e in t.elems]
    elif isinstance(t, ast.ArrayType):
        t.elem = _substitute(t.elem, names)
    elif isinstance(t, ast.FnType):
        t.params = [_substitute(x, names) for x in t.params]
        if t.ret is not None:
            t.ret = _substitute(t.ret, names)
    return t
