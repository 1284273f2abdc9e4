"""Formatter: types, generic parameters, `where` clauses and patterns (always on one line).

The AST keeps no parentheses in types and patterns, so they are added where the parser would
otherwise read the text differently: `(&T)?`, `(fn() -> T)?`, `x @ (A | B)`, `&(A | B)`.
"""

from __future__ import annotations

from collections.abc import Callable

from vais.syntax import ast

# Types that swallow a following `?` (their last part is a type parsed with `?` allowed).
_OPTIONAL_SWALLOWERS = (ast.RefType, ast.PtrType, ast.FnType)


class TypePrinter:
    flat_expr_required: Callable[[ast.Expr], str]  # provided by the expression printer

    def type(self, t: ast.TypeExpr, no_optional: bool = False) -> str:
        """A type; `no_optional` where the parser reads a trailing `?` as something else
        (after `as`, in bounds and impl headers)."""
        text = self._type(t)
        if no_optional and isinstance(t, ast.OptionalType):
            return f"({text})"
        return text

    def _type(self, t: ast.TypeExpr) -> str:
        kind = type(t)
        if kind is ast.PathType:
            args = f"<{self.types(t.args)}>" if t.args else ""
            return "::".join(t.segments) + args
        if kind is ast.RefType:
            return ("&mut " if t.mutable else "&") + self.type(t.inner)
        if kind is ast.TupleType:
            return f"({self.type(t.elems[0])},)" if len(t.elems) == 1 else f"({self.types(t.elems)})"
        if kind is ast.ArrayType:
            size = f"; {self.flat_expr_required(t.size)}" if t.size is not None else ""
            return f"[{self.type(t.elem)}{size}]"
        if kind is ast.OptionalType:
            inner = self.type(t.inner)
            swallows = isinstance(t.inner, _OPTIONAL_SWALLOWERS)
            if swallows and (not isinstance(t.inner, ast.FnType) or t.inner.ret is not None):
                inner = f"({inner})"
            return inner + "?"
        if kind is ast.FnType:
            ret = f" -> {self.type(t.ret)}" if t.ret is not None else ""
            if t.closure_syntax:
                return (f"|{self.types(t.params)}|" if t.params else "||") + ret
            return f"{t.style or 'fn'}({self.types(t.params)}){ret}"
        if kind is ast.PtrType:
            return "*" + self.type(t.inner)
        if kind is ast.DynType:
            return "dyn " + self.bounds(t.bounds)
        if kind is ast.NeverType:
            return "!"
        return "_"  # InferType

    def types(self, ts: list[ast.TypeExpr]) -> str:
        return ", ".join(self.type(t) for t in ts)

    def bounds(self, ts: list[ast.TypeExpr]) -> str:
        return " + ".join(self.type(t, no_optional=True) for t in ts)

    def generics(self, params: list[ast.GenericParam]) -> str:
        if not params:
            return ""
        parts = []
        for p in params:
            if p.is_const:
                parts.append(f"const {p.name}: {self.type(p.const_type)}")
            else:
                parts.append(p.name + (f": {self.bounds(p.bounds)}" if p.bounds else ""))
        return f"<{', '.join(parts)}>"

    def where(self, preds: list[ast.WherePredicate]) -> str:
        if not preds:
            return ""
        return " where " + ", ".join(f"{self.type(p.ty)}: {self.bounds(p.bounds)}" for p in preds)

    # ---- patterns -----------------------------------------------------------------------------

    def pattern(self, p: ast.Pattern, no_or: bool = False) -> str:
        """A pattern; `no_or` where only a single alternative is parsed (`&p`, `x @ p`, parameters)."""
        kind = type(p)
        if kind is ast.IdentPat:
            text = ("ref " if p.by_ref else "") + ("mut " if p.mutable else "") + p.name
            return text + (f" @ {self.pattern(p.sub, no_or=True)}" if p.sub is not None else "")
        if kind is ast.WildcardPat:
            return "_"
        if kind is ast.LiteralPat:
            return self.flat_expr_required(p.value)
        if kind is ast.TupleStructPat:
            return f"{'::'.join(p.segments)}({self.patterns(p.elems)})"
        if kind is ast.TuplePat:
            return f"({self.pattern(p.elems[0])},)" if len(p.elems) == 1 else f"({self.patterns(p.elems)})"
        if kind is ast.PathPat:
            return "::".join(p.segments)
        if kind is ast.StructPat:
            return self.struct_pattern(p)
        if kind is ast.OrPat:
            text = " | ".join(self.pattern(a, no_or=True) for a in p.alts)
            return f"({text})" if no_or else text
        if kind is ast.RangePat:
            lo = self.flat_expr_required(p.lo) if p.lo is not None else ""
            hi = self.flat_expr_required(p.hi) if p.hi is not None else ""
            return lo + ("..=" if p.inclusive else "..") + hi
        if kind is ast.SlicePat:
            return f"[{self.patterns(p.elems)}]"
        if kind is ast.RestPat:
            return ".."
        return "&" + self.pattern(p.inner, no_or=True)  # RefPat

    def patterns(self, ps: list[ast.Pattern]) -> str:
        return ", ".join(self.pattern(p) for p in ps)

    def struct_pattern(self, p: ast.StructPat) -> str:
        parts = []
        for f in p.fields:
            name = ("mut " if f.mutable else "") + f.name
            parts.append(name if f.pattern is None else f"{name}: {self.pattern(f.pattern)}")
        if p.has_rest:
            parts.append("..")
        path = "::".join(p.segments)
        return f"{path} {{ {', '.join(parts)} }}" if parts else f"{path} {{}}"
