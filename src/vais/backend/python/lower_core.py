"""Lowering state for one function instance: output statement lists, temporaries, local names,
destinations for expression values, blocks, statements, defers and loops.

Vais is expression-oriented and Python is not, so `expr(e)` returns a Python expression and may
first emit statements (into `self.out`); control flow that yields values is lowered with a
*destination* (discard the value, return it, or store it into a variable) pushed into every branch.
"""

from __future__ import annotations

import ast as py
import builtins
import keyword
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vais.backend.python import pyast as P
from vais.backend.python.ranges import Interval
from vais.backend.python.typeinfo import (
    builtin_name,
    is_user_struct,
    is_value_ref,
    mutable_in_place,
    needs_copy,
    strip,
)
from vais.sema.program import ConstRes, Local, LocalRes
from vais.sema.types import NEVER, Param, Ref, Type, prune, subst, zonk
from vais.syntax import ast

if TYPE_CHECKING:
    from vais.backend.python.module import ModuleGen


@dataclass(frozen=True)
class Dest:
    """Where a value goes: kind "discard", "return" or "store" (into `target`)."""

    kind: str
    target: str = ""


DISCARD = Dest("discard")
RETURN = Dest("return")


def store(target: str) -> Dest:
    return Dest("store", target)


@dataclass
class LoopCtx:
    result: str | None  # the variable receiving `B value` (value loops only)
    python_loop: bool = True


_RESERVED = set(keyword.kwlist) | set(dir(builtins))


class LowerBase:
    def __init__(self, gen: ModuleGen, mapping: dict[Param, Type]):
        self.gen = gen
        self.rt = gen.rt
        self.mapping = mapping
        self.out: list[py.stmt] = []
        self.temps = 0
        self.names: dict[int, str] = {}
        self.taken: set[str] = set()
        self.loops: list[LoopCtx] = []
        self.globals_assigned: set[str] = set()
        self.cell_locals: set[int] = set()  # locals holding a Cell (a `&mut` of a scalar)
        self.boxed: set[int] = set()  # `mut` locals kept in a Cell because `&mut x` of them is stored
        self.cell_kinds: dict[int, bool] = {}  # memo of `is_cell`
        self.ranges: dict[int, Interval] = {}  # known value ranges of integer locals (see ranges.py)

    # -- types ----------------------------------------------------------------------------------

    def ty(self, node: ast.Node) -> Type:
        t = getattr(node, "ty", None)
        if t is None:
            return NEVER
        return zonk(subst(t, self.mapping)) if self.mapping else t

    def concrete(self, t: Type) -> Type:
        return zonk(subst(t, self.mapping)) if self.mapping else zonk(t)

    def is_cell(self, local: Local) -> bool:
        """Whether the local holds a place object (`Cell`, `ItemRef`, ...) rather than its value: a
        `&mut` of a value type (parameter, binding, loop or pattern variable) or a boxed local."""
        key = id(local)
        known = self.cell_kinds.get(key)
        if known is None:
            ty = self.concrete(local.ty)
            known = key in self.cell_locals or is_value_ref(ty) or (key in self.boxed and not mutable_in_place(ty))
            self.cell_kinds[key] = known
        return known

    # -- names ----------------------------------------------------------------------------------

    def tmp(self, hint: str = "t") -> str:
        self.temps += 1
        return f"_{hint}{self.temps}"

    def local_name(self, local: Local) -> str:
        name = self.names.get(id(local))
        if name is None:
            base = local.name if local.name.isidentifier() else "v"
            if base in _RESERVED or base in self.gen.used_names or base.startswith("_"):
                base = base + "_"
            name = base
            n = 1
            while name in self.taken:
                n += 1
                name = f"{base}_{n}"
            self.taken.add(name)
            self.names[id(local)] = name
        return name

    # -- emission -------------------------------------------------------------------------------

    def emit(self, stmt: py.stmt, span=None) -> None:
        self.out.append(P.located(stmt, span) if span is not None else stmt)

    def capture(self, fn, *args) -> list[py.stmt]:
        """Run `fn(*args)` collecting the statements it emits into a fresh list."""
        saved = self.out
        self.out = []
        try:
            fn(*args)
            return self.out or [py.Pass()]
        finally:
            self.out = saved

    def spill(self, value: py.expr, hint: str = "t") -> py.expr:
        """Store a non-trivial value in a temporary so it is evaluated exactly once, now."""
        if isinstance(value, (py.Constant, py.Name)):
            return value
        name = self.tmp(hint)
        self.emit(P.assign(name, value))
        return P.name(name)

    # -- destinations ---------------------------------------------------------------------------

    def deliver(self, value: py.expr, dest: Dest, span=None) -> None:
        if dest.kind == "discard":
            if not isinstance(value, (py.Constant, py.Name)):
                self.emit(P.expr_stmt(value), span)
        elif dest.kind == "return":
            self.emit(py.Return(value), span)
        else:
            self.emit(P.assign(dest.target, value), span)

    # -- statements and blocks ------------------------------------------------------------------

    def block_into(self, block: ast.Block, dest: Dest) -> None:
        """Lower a block's statements, delivering its value (the tail) to `dest`."""
        stmts = block.stmts
        tail = block.tail
        for i, stmt in enumerate(stmts):
            if isinstance(stmt, ast.DeferStmt):
                self._defer(stmt, stmts[i + 1:], tail, dest)
                return
            if tail is not None and isinstance(stmt, ast.ExprStmt) and stmt.expr is tail:
                self.into(tail, dest)
                return
            self.stmt(stmt)
            if self.diverges(stmt):
                return
        if dest.kind == "store":
            self.emit(P.assign(dest.target, P.const(None)))
        elif dest.kind == "return":
            self.emit(py.Return(P.const(None)))

    def _defer(self, defer: ast.DeferStmt, rest: list[ast.Stmt], tail, dest: Dest) -> None:
        """`D e`: the rest of the block runs in `try`, `e` in `finally` (also on return and panic)."""
        remainder = ast.Block(rest, defer.span)
        body = self.capture(self.block_into, remainder, dest)
        final = self.capture(self.into, defer.expr, DISCARD)
        self.emit(py.Try(body, [], [], final), defer.span)

    def diverges(self, stmt: ast.Stmt) -> bool:
        expr = stmt.expr if isinstance(stmt, (ast.ExprStmt,)) else None
        return expr is not None and prune(getattr(expr, "ty", None) or NEVER) is NEVER and isinstance(
            expr, (ast.Return, ast.Break, ast.Continue))

    def stmt(self, stmt: ast.Stmt) -> None:
        if isinstance(stmt, ast.ExprStmt):
            self.into(stmt.expr, DISCARD)
        elif isinstance(stmt, ast.LetStmt):
            self.let(stmt)
        elif isinstance(stmt, ast.DeferStmt):
            raise AssertionError("defer handled by block_into")

    def let(self, stmt: ast.LetStmt) -> None:
        pat = stmt.pattern
        if isinstance(pat, ast.IdentPat) and isinstance(getattr(pat, "res", None), LocalRes) and pat.sub is None:
            local = pat.res.local
            target = self.local_name(local)
            if self.is_cell(local):
                self.bind_cell(local, target, stmt.value)
                return
            self.into(stmt.value, store(target), copy=True)
            if not (local.mutable or local.assigned):
                known = self.interval(stmt.value)
                if known is not None:
                    self.ranges[id(local)] = known
            return
        if isinstance(pat, ast.WildcardPat):
            self.into(stmt.value, DISCARD)
            return
        value = self.spill(self.value_copy(stmt.value), "d")
        self.bind_pattern(pat, value)

    def bind_cell(self, local: Local, target: str, value: ast.Expr) -> None:
        """`r := &mut n` / `e := m.entry(k).or_insert(0)` binds the place object; a boxed local starts
        its life in a Cell of its own."""
        if id(local) in self.boxed:
            self.emit(P.assign(target, P.call(self.rt("Cell"), self.value_copy(value))), value.span)
        else:
            self.emit(P.assign(target, self.ref_expr(value)), value.span)

    # -- values ---------------------------------------------------------------------------------

    def value_copy(self, e: ast.Expr) -> py.expr:
        """`e` as a value to be stored: places of aggregate type are copied (value semantics)."""
        value = self.expr(e)
        if self.is_place(e) and needs_copy(self.ty(e)):
            return self.copy_value(value, self.ty(e))
        return value

    def is_place(self, e: ast.Expr) -> bool:
        """Whether `e` reads storage that stays reachable (a variable, constant, field or element)."""
        if isinstance(e, ast.Name):
            return isinstance(e.res, (LocalRes, ConstRes))
        if isinstance(e, (ast.Field, ast.Index, ast.SelfRecur)):
            return True
        if isinstance(e, ast.Unary) and e.op == "*":  # `*m.get_mut(k).unwrap()` reads a stored element
            return self.is_place(e.operand) or isinstance(prune(self.ty(e.operand)), Ref)
        return False

    def copy_value(self, value: py.expr, ty: Type) -> py.expr:
        t = strip(ty)
        name = builtin_name(t)
        if name in ("Vec", "HashMap", "HashSet"):
            args = t.args  # type: ignore[union-attr]
            elems = args[1:] if name == "HashMap" else args
            if not any(needs_copy(a) for a in elems):
                return P.call(P.attr(value, "copy"))
        if is_user_struct(t):
            return P.call(P.attr(value, "_copy"))
        return P.call(self.rt("clone_value"), value)

    # abstract hooks implemented by the expression lowerer
    def interval(self, e: ast.Expr) -> Interval | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def expr(self, e: ast.Expr) -> py.expr:  # pragma: no cover - overridden
        raise NotImplementedError

    def ref_expr(self, e: ast.Expr) -> py.expr:  # pragma: no cover - overridden
        raise NotImplementedError

    def into(self, e: ast.Expr, dest: Dest, copy: bool = False) -> None:  # pragma: no cover
        raise NotImplementedError

    def bind_pattern(self, pat: ast.Pattern, value: py.expr) -> None:  # pragma: no cover
        raise NotImplementedError
