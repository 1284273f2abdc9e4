"""Match exhaustiveness and arm reachability (Maranget's usefulness algorithm with witnesses).

Patterns are first lowered to a small form: wildcards, constructors with sub-patterns, and
or-patterns. Integer and char patterns become inclusive ranges that are split against each other,
so `0..=9`, `10..=99` and `_` are reasoned about exactly for every integer width.
"""

from __future__ import annotations

from dataclasses import dataclass

from vais.sema.items import TypeInfo, VariantInfo
from vais.sema.program import ConstRes, LiteralRes, StructRes, VariantRes
from vais.sema.types import BOOL, CHAR, UNIT, Adt, Prim, Ref, Tuple, Type, int_range, prune, subst
from vais.syntax import ast

MAX_CHAR = 0x10FFFF
MAX_WITNESSES = 4


@dataclass(frozen=True)
class Ctor:
    """kind: "variant" (payload = VariantInfo), "single" (tuples/structs: payload = arity), "bool"
    (payload = value), "range" (payload = (lo, hi)), "lit" (payload = value), "slice" (payload =
    (length, variable))."""

    kind: str
    payload: object


@dataclass
class Pat:
    ctor: Ctor | None  # None = wildcard
    args: list[Pat]
    alts: list[Pat] | None = None  # or-pattern

    @property
    def is_wild(self) -> bool:
        return self.ctor is None and self.alts is None


WILD = Pat(None, [])


class Exhaustiveness:
    """Usefulness over the column types of a match; needs the enum payload types."""

    def __init__(self, vec_info: TypeInfo | None):
        self.vec_info = vec_info

    # -- lowering -------------------------------------------------------------------------------

    def lower(self, pat: ast.Pattern, ty: Type) -> Pat:
        ty = _strip(ty)
        if isinstance(pat, (ast.WildcardPat, ast.RestPat)):
            return WILD
        if isinstance(pat, ast.IdentPat):
            if isinstance(pat.res, VariantRes):
                return Pat(Ctor("variant", pat.res.variant), [WILD] * len(pat.res.variant.fields))
            if isinstance(pat.res, ConstRes):
                return Pat(Ctor("lit", ("const", id(pat.res.const))), [])
            if pat.sub is not None:
                return self.lower(pat.sub, ty)
            return WILD
        if isinstance(pat, ast.RefPat):
            return self.lower(pat.inner, ty)
        if isinstance(pat, ast.OrPat):
            return Pat(None, [], [self.lower(a, ty) for a in pat.alts])
        if isinstance(pat, ast.LiteralPat):
            return self._literal(pat.value, ty)
        if isinstance(pat, ast.RangePat):
            lo, hi = _bounds(ty)
            a = _lit_value(pat.lo) if pat.lo is not None else lo
            b = _lit_value(pat.hi) if pat.hi is not None else hi
            if not (_is_number(a) and _is_number(b)):  # bounds that are not literals: opaque
                return Pat(Ctor("lit", ("range", id(pat))), [])
            if not pat.inclusive and pat.hi is not None:
                b -= 1
            return Pat(Ctor("range", (a, b)), [])
        if isinstance(pat, ast.TuplePat):
            elems = list(ty.elems) if isinstance(ty, Tuple) else []
            return Pat(Ctor("single", len(elems)), self._positional(pat.elems, elems))
        if isinstance(pat, ast.PathPat):
            if isinstance(pat.res, VariantRes):
                return Pat(Ctor("variant", pat.res.variant), [WILD] * len(pat.res.variant.fields))
            if isinstance(pat.res, ConstRes):
                return Pat(Ctor("lit", ("const", id(pat.res.const))), [])
            return WILD
        if isinstance(pat, ast.TupleStructPat):
            if isinstance(pat.res, VariantRes):
                types = self.field_types(Ctor("variant", pat.res.variant), ty)
                return Pat(Ctor("variant", pat.res.variant), self._positional(pat.elems, types))
            if isinstance(pat.res, StructRes):
                types = self.field_types(Ctor("single", len(pat.res.info.fields)), ty)
                return Pat(Ctor("single", len(types)), self._positional(pat.elems, types))
            return WILD
        if isinstance(pat, ast.StructPat):
            if isinstance(pat.res, VariantRes):
                variant = pat.res.variant
                ctor = Ctor("variant", variant)
                names = [f.name for f in variant.fields]
            elif isinstance(pat.res, StructRes):
                names = [f.name for f in pat.res.info.fields]
                ctor = Ctor("single", len(names))
            else:
                return WILD
            types = self.field_types(ctor, ty)
            args = [WILD] * len(names)
            for fp in pat.fields:
                if fp.name in names and fp.pattern is not None:
                    i = names.index(fp.name)
                    args[i] = self.lower(fp.pattern, types[i])
            return Pat(ctor, args)
        if isinstance(pat, ast.SlicePat):
            elem = ty.args[0] if isinstance(ty, Adt) and ty.args else ty
            rest = [i for i, p in enumerate(pat.elems) if _is_rest(p)]
            fixed = [self.lower(p, elem) for p in pat.elems if not _is_rest(p)]
            if rest:
                before = len([p for p in pat.elems[: rest[0]]])
                return Pat(Ctor("slice", (len(fixed), True, before)), fixed)
            return Pat(Ctor("slice", (len(fixed), False, len(fixed))), fixed)
        return WILD

    def _positional(self, elems: list[ast.Pattern], types: list[Type]) -> list[Pat]:
        rest = [i for i, p in enumerate(elems) if isinstance(p, ast.RestPat)]
        if not rest:
            return [self.lower(p, t) for p, t in zip(elems, types, strict=False)] + [WILD] * max(0, len(types) - len(elems))
        before = elems[: rest[0]]
        after = elems[rest[0] + 1:]
        out = [WILD] * len(types)
        for i, p in enumerate(before):
            if i < len(types):
                out[i] = self.lower(p, types[i])
        for j, p in enumerate(after):
            i = len(types) - len(after) + j
            if 0 <= i < len(types):
                out[i] = self.lower(p, types[i])
        return out

    def _literal(self, value: ast.Expr, ty: Type) -> Pat:
        if isinstance(value, ast.BoolLit):
            return Pat(Ctor("bool", value.value), [])
        v = _lit_value(value)
        if isinstance(v, int) and not isinstance(v, bool):
            return Pat(Ctor("range", (v, v)), [])
        return Pat(Ctor("lit", v), [])

    # -- constructor universe -------------------------------------------------------------------

    def field_types(self, ctor: Ctor, ty: Type) -> list[Type]:
        ty = _strip(ty)
        if ctor.kind == "variant":
            variant: VariantInfo = ctor.payload  # type: ignore[assignment]
            if isinstance(ty, Adt) and ty.info is variant.enum:
                mapping = dict(zip(variant.enum.generics, ty.args, strict=False))
                return [subst(f.ty, mapping) for f in variant.fields]
            return [f.ty for f in variant.fields]
        if ctor.kind == "single":
            if isinstance(ty, Tuple):
                return list(ty.elems)
            if isinstance(ty, Adt) and ty.info.is_struct:
                mapping = dict(zip(ty.info.generics, ty.args, strict=False))
                return [subst(f.ty, mapping) for f in ty.info.fields]
            return [ty] * int(ctor.payload)  # type: ignore[call-overload]
        if ctor.kind == "slice":
            elem = ty.args[0] if isinstance(ty, Adt) and ty.args else ty
            return [elem] * ctor.payload[0]  # type: ignore[index]
        return []

    def all_ctors(self, ty: Type, present: list[Ctor]) -> list[Ctor] | None:
        """Every constructor of `ty` (split against `present`), or None for an infinite universe."""
        ty = _strip(ty)
        if ty is BOOL:
            return [Ctor("bool", False), Ctor("bool", True)]
        if ty is UNIT:
            return [Ctor("single", 0)]
        if isinstance(ty, Adt) and ty.info.is_enum:
            return [Ctor("variant", v) for v in ty.info.variants]
        if isinstance(ty, Tuple):
            return [Ctor("single", len(ty.elems))]
        if isinstance(ty, Adt) and ty.info.is_struct and not ty.info.builtin:
            return [Ctor("single", len(ty.info.fields))]
        if isinstance(ty, Prim) and (ty.kind == "int" or ty is CHAR):
            lo, hi = _bounds(ty)
            ranges = [c.payload for c in present if c.kind == "range"]
            return [Ctor("range", r) for r in _split(lo, hi, ranges)]  # type: ignore[arg-type]
        if any(c.kind == "slice" for c in present):
            return self._slice_ctors(present)
        return None

    def _slice_ctors(self, present: list[Ctor]) -> list[Ctor]:
        lengths = [c.payload[0] for c in present if c.kind == "slice"]  # type: ignore[index]
        top = max(lengths) + 1
        out = [Ctor("slice", (n, False, n)) for n in range(top)]
        out.append(Ctor("slice", (top, True, top)))  # "top or more" stands for every longer length
        return out

    # -- usefulness -----------------------------------------------------------------------------

    def covers(self, row_ctor: Ctor, split: Ctor) -> bool:
        """Does a row's head constructor match every value of the split constructor?"""
        if row_ctor.kind == "range" and split.kind == "range":
            a, b = row_ctor.payload  # type: ignore[misc]
            c, d = split.payload  # type: ignore[misc]
            return a <= c and d <= b
        if row_ctor.kind == "slice" and split.kind == "slice":
            n, var, _ = row_ctor.payload  # type: ignore[misc]
            m, svar, _ = split.payload  # type: ignore[misc]
            return (m == n and not svar and not var) or (var and m >= n)
        if row_ctor.kind == "variant" and split.kind == "variant":
            return row_ctor.payload is split.payload
        return row_ctor == split

    def specialize(self, row: list[Pat], ctor: Ctor, arity: int) -> list[list[Pat]]:
        head = row[0]
        if head.alts is not None:
            out: list[list[Pat]] = []
            for alt in head.alts:
                out.extend(self.specialize([alt, *row[1:]], ctor, arity))
            return out
        if head.ctor is None:
            return [[WILD] * arity + row[1:]]
        if not self.covers(head.ctor, ctor):
            return []
        args = head.args
        if head.ctor.kind == "slice" and ctor.kind == "slice":
            n, var, before = head.ctor.payload  # type: ignore[misc]
            if var and arity > n:
                args = args[:before] + [WILD] * (arity - n) + args[before:]
        return [list(args[:arity]) + [WILD] * max(0, arity - len(args)) + row[1:]]

    def useful(self, rows: list[list[Pat]], q: list[Pat], types: list[Type], depth: int = 0) -> list[list[Pat]]:
        """Witnesses (value patterns) matched by `q` but by no row; empty when `q` is useless."""
        if not q:
            return [] if rows else [[]]
        if depth > 200:
            return []
        head = q[0]
        if head.alts is not None:
            out: list[list[Pat]] = []
            for alt in head.alts:
                out.extend(self.useful(rows, [alt, *q[1:]], types, depth + 1))
            return out
        present = [c for c in (_head_ctors(r[0]) for r in rows) for c in c]
        ty = types[0]
        if head.ctor is not None:
            return self._through(rows, q, types, head.ctor, depth)
        universe = self.all_ctors(ty, present)
        if universe == []:
            return []  # an enum without variants has no values: nothing is missing
        if universe is not None and all(any(self.covers(p, c) for p in present) for c in universe):
            result: list[list[Pat]] = []
            for c in universe:
                result.extend(self._through(rows, q, types, c, depth))
                if len(result) >= MAX_WITNESSES:
                    break
            return result
        default = [r[1:] for r in rows if _is_wildcard_head(r[0])]
        rest = self.useful(default, q[1:], types[1:], depth + 1)
        if not rest:
            return []
        missing = self._missing(universe, present, ty)
        return [[m, *w] for w in rest[:1] for m in missing][:MAX_WITNESSES]

    def _through(self, rows, q, types, ctor: Ctor, depth: int) -> list[list[Pat]]:
        field_types = self.field_types(ctor, types[0])
        arity = len(field_types)
        if ctor.kind == "slice":
            arity = ctor.payload[0]  # type: ignore[index]
            field_types = (field_types + [types[0]] * arity)[:arity]
        spec_rows = [s for r in rows for s in self.specialize(r, ctor, arity)]
        spec_q = self.specialize(q, ctor, arity)
        if not spec_q:
            return []
        out = []
        for w in self.useful(spec_rows, spec_q[0], field_types + types[1:], depth + 1):
            out.append([Pat(ctor, w[:arity]), *w[arity:]])
        return out

    def _missing(self, universe: list[Ctor] | None, present: list[Ctor], ty: Type) -> list[Pat]:
        if universe is None:
            return [WILD]
        missing = [c for c in universe if not any(self.covers(p, c) for p in present)]
        if not present and len(universe) > 1:
            return [WILD]
        out = []
        for c in missing:
            out.append(Pat(c, [WILD] * len(self.field_types(c, ty)) if c.kind != "slice" else [WILD] * c.payload[0]))  # type: ignore[index]
        return out or [WILD]


def _head_ctors(p: Pat) -> list[Ctor]:
    if p.alts is not None:
        return [c for a in p.alts for c in _head_ctors(a)]
    return [p.ctor] if p.ctor is not None else []


def _is_wildcard_head(p: Pat) -> bool:
    if p.alts is not None:
        return any(_is_wildcard_head(a) for a in p.alts)
    return p.ctor is None


def _is_rest(p: ast.Pattern) -> bool:
    return isinstance(p, ast.RestPat) or (isinstance(p, ast.IdentPat) and isinstance(p.sub, ast.RestPat))


def _strip(ty: Type) -> Type:
    ty = prune(ty)
    while isinstance(ty, Ref):
        ty = prune(ty.inner)
    if isinstance(ty, Adt) and ty.info.builtin and ty.info.name in ("Box", "Rc") and ty.args:
        return _strip(ty.args[0])
    return ty


def _bounds(ty: Type) -> tuple[int, int]:
    if ty is CHAR:
        return 0, MAX_CHAR
    if isinstance(ty, Prim) and ty.kind == "int":
        return int_range(ty)
    return -(1 << 63), (1 << 63) - 1


def _lit_value(e: ast.Expr | None):
    if isinstance(getattr(e, "res", None), LiteralRes):  # `i64::MIN`, `u8::MAX`
        return e.res.value  # type: ignore[union-attr]
    if isinstance(e, ast.Unary) and e.op == "-":
        v = _lit_value(e.operand)
        return -v if isinstance(v, (int, float)) else v
    if isinstance(e, ast.IntLit):
        return e.value
    if isinstance(e, ast.CharLit):
        return ord(e.value)
    if isinstance(e, ast.FloatLit):
        return e.value
    if isinstance(e, ast.StrLit):
        return ("str", e.plain_value)
    if isinstance(e, ast.BoolLit):
        return e.value
    return ("expr", id(e))


def _is_number(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _split(lo: int, hi: int, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut [lo, hi] at every range boundary so each piece is inside or outside each range."""
    points = {lo, hi + 1}
    for a, b in ranges:
        if a <= hi and b >= lo:
            points.add(max(a, lo))
            points.add(min(b, hi) + 1)
    cuts = sorted(points)
    return [(cuts[i], cuts[i + 1] - 1) for i in range(len(cuts) - 1)]


def render(p: Pat, ty: Type, ex: Exhaustiveness) -> str:
    """Show a witness like rustc: `Blue`, `Some(_)`, `(false, false)`, `i64::MIN..=-1`."""
    ty = _strip(ty)
    if p.ctor is None:
        return "_"
    c = p.ctor
    if c.kind == "bool":
        return "true" if c.payload else "false"
    if c.kind == "variant":
        variant: VariantInfo = c.payload  # type: ignore[assignment]
        types = ex.field_types(c, ty)
        if variant.kind == "unit":
            return variant.name
        inner = [render(a, t, ex) for a, t in zip(p.args, types, strict=False)]
        if variant.kind == "tuple":
            return f"{variant.name}({', '.join(inner)})"
        fields = ", ".join(f"{f.name}: {x}" for f, x in zip(variant.fields, inner, strict=False))
        return f"{variant.name} {{ {fields} }}"
    if c.kind == "single":
        types = ex.field_types(c, ty)
        inner = [render(a, t, ex) for a, t in zip(p.args, types, strict=False)]
        if isinstance(ty, Tuple):
            return f"({', '.join(inner)})" if len(inner) != 1 else f"({inner[0]},)"
        if isinstance(ty, Adt):
            if ty.info.tuple_struct:
                return f"{ty.info.name}({', '.join(inner)})"
            fields = ", ".join(f"{f.name}: {x}" for f, x in zip(ty.info.fields, inner, strict=False))
            return f"{ty.info.name} {{ {fields} }}"
        return "_"
    if c.kind == "range":
        a, b = c.payload  # type: ignore[misc]
        lo, hi = _bounds(ty)
        if (a, b) == (lo, hi):
            return "_"
        show = _char_text if ty is CHAR else (lambda v: _int_text(v, ty, lo, hi))
        if a == b:
            return show(a)
        return f"{show(a)}..={show(b)}"
    if c.kind == "slice":
        n, var, _ = c.payload  # type: ignore[misc]
        items = ["_"] * n + ([".."] if var else [])
        return f"[{', '.join(items)}]"
    return "_"


def _char_text(code: int) -> str:
    """A char pattern as Vais source: printable characters as themselves, others as `\\u{..}`."""
    c = chr(code)
    escapes = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0", "'": "\\'", "\\": "\\\\"}
    if c in escapes:
        return f"'{escapes[c]}'"
    if c.isprintable():
        return f"'{c}'"
    return f"'\\u{{{code:X}}}'"


def _int_text(v: int, ty: Type, lo: int, hi: int) -> str:
    name = str(ty)
    if v == lo and lo != 0:
        return f"{name}::MIN"
    if v == hi:
        return f"{name}::MAX"
    return str(v)
