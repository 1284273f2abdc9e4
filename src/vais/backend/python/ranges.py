"""Integer value ranges, so the generated code can skip overflow wrapping it does not need.

Vais integers wrap at their width; Python's do not. Wrapping after every `+ - *` costs about as
much as the operation itself, so the code generator asks for the range of each integer
expression: a result that provably fits needs no wrap, a result that can only overflow on one side
needs a one-sided test.

Known ranges come from literals, `len()` (below 2**48: no machine holds a larger collection), loop
variables over ranges, `%` by a constant, masks, casts from narrower types, conditions that guard a
branch (`I n < 2 { } E { n - 1 }`), locals that every write keeps non-negative (`seed = (seed * K +
C) % M`, checked by induction over the writes, each exact: none may wrap), and *counters*: mutable locals that only ever get small known
values or are stepped by small constants (`i += 1`). A counter starting within +-2**60 and stepped by
at most 2**20 would need more than 2**40 steps to leave +-2**62 -- far beyond any feasible run -- so
its range is taken as +-2**62. That is the one assumption here; everything else is exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vais.backend.python.typeinfo import int_width, is_prim
from vais.sema.program import IntrinsicRes, LocalRes
from vais.sema.types import Type
from vais.syntax import ast

LEN_MAX = 1 << 48
COUNTER_START = 1 << 60
COUNTER_STEP = 1 << 20
COUNTER_RANGE = 1 << 62


@dataclass(frozen=True)
class Interval:
    lo: int
    hi: int

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = (self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi)
        return Interval(min(products), max(products))

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def within(self, other: Interval) -> bool:
        return other.lo <= self.lo and self.hi <= other.hi

    def join(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def meet(self, other: Interval) -> Interval | None:
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return Interval(lo, hi) if lo <= hi else None


def type_range(bits: int, signed: bool) -> Interval:
    if signed:
        return Interval(-(1 << (bits - 1)), (1 << (bits - 1)) - 1)
    return Interval(0, (1 << bits) - 1)


def literal_value(e: ast.Expr) -> int | None:
    if isinstance(e, ast.IntLit):
        return e.value
    if isinstance(e, ast.Unary) and e.op == "-" and isinstance(e.operand, ast.IntLit):
        return -e.operand.value
    return None


def mutable_ranges(body: ast.Node, type_of: Callable[[ast.Node], Type]) -> dict[int, Interval]:
    """Ranges of mutable integer locals that hold for the whole function, by looking at every
    assignment: literals, remainders and masks by constants bound the value whatever it was; small
    constant steps (`i += 1`, `i = i - 1`) make the local a *counter*. Any other assignment (or a
    `&mut` borrow) leaves the local unknown, unless every write keeps it non-negative. `type_of` gives
    a node's type in the function being generated."""
    found: dict[int, Interval] = {}
    counters: dict[int, set[int]] = {}  # local -> signs of its steps
    unknown: set[int] = set()
    writes: dict[int, list[tuple[object, ast.Expr, str]]] = {}  # local -> (local, value, operator)

    def assigned(local, value: ast.Expr, op: str) -> None:
        key = id(local)
        writes.setdefault(key, []).append((local, value, op))
        if key in unknown:
            return
        bound = _bound_of(value, op, local)
        if isinstance(bound, int):
            counters.setdefault(key, set()).add(bound)
        elif bound is None:
            unknown.add(key)
        else:
            found[key] = found[key].join(bound) if key in found else bound

    for node in ast.walk(body):
        if isinstance(node, ast.LetStmt) and node.mutable and isinstance(node.pattern, ast.IdentPat):
            res = getattr(node.pattern, "res", None)
            if isinstance(res, LocalRes):
                assigned(res.local, node.value, "=")
        elif isinstance(node, ast.Assign) and isinstance(node.target, ast.Name):
            res = getattr(node.target, "res", None)
            if isinstance(res, LocalRes):
                assigned(res.local, node.value, node.op)
        elif isinstance(node, ast.Unary) and node.op == "&mut":
            res = getattr(node.operand, "res", None)
            if isinstance(res, LocalRes):
                unknown.add(id(res.local))
    out: dict[int, Interval] = {}
    for key, bound in found.items():
        if key in unknown:
            continue
        if key in counters:
            if bound.within(Interval(-COUNTER_START, COUNTER_START)):
                signs = counters[key]
                # a counter that only counts up never goes below its smallest value, and vice versa
                lo = bound.lo if signs == {1} else -COUNTER_RANGE
                hi = bound.hi if signs == {-1} else COUNTER_RANGE
                out[key] = Interval(lo, hi)
        else:
            out[key] = bound
    _refine_non_negative(out, writes, type_of)
    return out


def _refine_non_negative(ranges: dict[int, Interval], writes: dict[int, list[tuple[object, ast.Expr, str]]],
                         type_of: Callable[[ast.Node], Type]) -> None:
    """Locals that never go below zero although a write alone does not show it: `seed = (seed * K +
    C) % M` stays in `0..M` when `seed` starts there. Assume it of every candidate, keep those whose
    every write keeps it (by induction over the writes, each seen here), until no assumption fails."""
    candidates = {key for key, bound in ranges.items() if bound.lo < 0 and key in writes}
    while candidates:
        env = dict(ranges)
        for key in candidates:
            env[key] = Interval(0, ranges[key].hi)
        failed = {key for key in candidates
                  if not all(_keeps_non_negative(local, value, op, env, type_of) for local, value, op in writes[key])}
        if not failed:
            ranges.update((key, env[key]) for key in candidates)
            return
        candidates -= failed


def _keeps_non_negative(local, value: ast.Expr, op: str, env: dict[int, Interval],
                        type_of: Callable[[ast.Node], Type]) -> bool:
    if int_width(local.ty) is None:
        return False
    if op == "=":
        bound = interval_of(value, lambda other: env.get(id(other)), type_of)
        return bound is not None and bound.lo >= 0
    c = literal_value(value)
    return c is not None and ((op == "%=" and c != 0) or (op == "&=" and c >= 0))


def interval_of(e: ast.Expr, local_range: Callable[[object], Interval | None],
                type_of: Callable[[ast.Node], Type]) -> Interval | None:
    """The range an integer expression's value lies in, when known more precisely than its type, given
    the known ranges of locals; None when unknown (or when a `+ - *` result could leave its type's
    range: it would wrap). The code generator and `mutable_ranges` both ask this."""
    width = int_width(type_of(e))
    if width is None:
        return None
    v = literal_value(e)
    if v is not None:
        return Interval(v, v)
    res = getattr(e, "res", None)
    if isinstance(e, ast.Name) and isinstance(res, LocalRes):
        return local_range(res.local)
    if isinstance(e, ast.MethodCall) and e.name == "len" and not e.args:
        return Interval(0, LEN_MAX)
    if isinstance(e, ast.Call) and isinstance(res, IntrinsicRes) and res.name in ("len", "strlen"):
        return Interval(0, LEN_MAX)
    if isinstance(e, ast.Binary) and e.op in ("+", "-", "*"):
        left, right = interval_of(e.left, local_range, type_of), interval_of(e.right, local_range, type_of)
        if left is None or right is None:
            return None
        result = left + right if e.op == "+" else left - right if e.op == "-" else left * right
        return result if result.within(type_range(*width)) else None
    if isinstance(e, ast.Binary) and e.op == "%":
        c = literal_value(e.right)
        if c is not None and c != 0:
            left = interval_of(e.left, local_range, type_of)
            m = abs(c) - 1
            return Interval(0 if left is not None and left.lo >= 0 else -m, m)
    if isinstance(e, ast.Binary) and e.op == "/":
        c = literal_value(e.right)
        left = interval_of(e.left, local_range, type_of)
        if c is not None and c > 0 and left is not None:
            return Interval(_trunc_div(left.lo, c), _trunc_div(left.hi, c))
    if isinstance(e, ast.Binary) and e.op == "&":
        for side in (e.left, e.right):
            c = literal_value(side)
            if c is not None and c >= 0:
                return Interval(0, c)
    if isinstance(e, ast.Cast):
        source = int_width(type_of(e.expr))
        if source is not None and type_range(*source).within(type_range(*width)):
            return interval_of(e.expr, local_range, type_of) or type_range(*source)
        if is_prim(type_of(e.expr), "char"):
            return Interval(0, 0x10FFFF)
        if is_prim(type_of(e.expr), "bool"):
            return Interval(0, 1)
    return None


def _bound_of(value: ast.Expr, op: str, local) -> Interval | int | None:
    """The range a single assignment gives; for a small self step, the step's sign (1 or -1, 0 for
    a zero step); None when unknown."""
    if op in ("+=", "-="):
        v = literal_value(value)
        if v is None or abs(v) > COUNTER_STEP:
            return None
        return _sign(v if op == "+=" else -v)
    if op in ("%=",):
        c = literal_value(value)
        return Interval(-(abs(c) - 1), abs(c) - 1) if c else None
    if op == "&=":
        c = literal_value(value)
        return Interval(0, c) if c is not None and c >= 0 else None
    if op != "=":
        return None
    v = literal_value(value)
    if v is not None:
        return Interval(v, v)
    if isinstance(value, ast.MethodCall) and value.name == "len" and not value.args:
        return Interval(0, LEN_MAX)
    if isinstance(value, ast.Binary):
        c = literal_value(value.right)
        if value.op == "%" and c:
            return Interval(-(abs(c) - 1), abs(c) - 1)
        if value.op == "&" and c is not None and c >= 0:
            return Interval(0, c)
        if value.op in ("+", "-") and c is not None and abs(c) <= COUNTER_STEP:
            res = getattr(value.left, "res", None)
            if isinstance(res, LocalRes) and res.local is local:
                return _sign(c if value.op == "+" else -c)
    return None


def _trunc_div(a: int, c: int) -> int:
    """`a / c` as Vais divides (toward zero), exactly: float division is off for values past 2**53."""
    return a // c if a >= 0 else -(-a // c)


def _sign(v: int) -> int:
    return (v > 0) - (v < 0)
