"""Lowering of whole functions (parameters, `&mut` cells, self tail calls as loops, globals),
closures as nested functions, and module-level constants."""

from __future__ import annotations

import ast as py
from typing import TYPE_CHECKING

from vais.backend.python import pyast as P
from vais.backend.python.lower_core import DISCARD, RETURN, store
from vais.backend.python.lower_match import MatchLowerer
from vais.backend.python.places import stored_borrows
from vais.backend.python.ranges import mutable_ranges
from vais.backend.python.typeinfo import is_value_ref
from vais.sema.items import ConstInfo, ModuleInfo
from vais.sema.program import FnRes, Instance, TemplateRes
from vais.sema.types import UNIT, Prim, Type, prune
from vais.syntax import ast

if TYPE_CHECKING:
    from vais.backend.python.module import ModuleGen


class FnLowerer(MatchLowerer):
    def __init__(self, gen: ModuleGen, inst: Instance, name: str, tail_group: int | None = None):
        super().__init__(gen, inst.mapping)
        self.inst = inst
        self.name = name
        self.tail_group = tail_group
        self.py_name = name + "__tc" if tail_group is not None else name
        self.param_names: list[str] = []
        self.decl = inst.template.decl if inst.template is not None else inst.fn.decl
        self.checked = gen.program.functions[id(self.decl)]
        self.ret_stack: list[Type] = [self._ret_type()]
        self.closure_depth = 0
        self.defer_depth = 0
        self.tco_params: list[str] | None = None
        self.used_tco = False
        if self.decl.body is not None:
            self.ranges.update(mutable_ranges(self.decl.body, self.ty))
            self.boxed = stored_borrows(self.decl.body)

    def _ret_type(self) -> Type:
        if self.inst.template is not None:
            return self.inst.template.ret
        fn = self.inst.fn
        return self.concrete(fn.body_ret if fn.body_ret is not None else fn.ret)

    def current_ret(self) -> Type:
        return self.ret_stack[-1]

    # -- functions ------------------------------------------------------------------------------

    def lower(self) -> py.FunctionDef:
        params: list[py.arg] = []
        for local in self.checked.params:
            name = self.local_name(local)
            params.append(py.arg(name))
            self.param_names.append(name)
            if is_value_ref(self.concrete(local.ty)):  # (a `&mut` of a function is the function itself)
                self.cell_locals.add(id(local))
        simple_params = len(self.checked.params) == len(self.decl.params)
        if simple_params and not self.cell_locals:
            self.tco_params = [p.arg for p in params]
        body_expr = self.decl.body
        assert body_expr is not None
        ret = prune(self.ret_stack[0])
        returns_value = not (isinstance(ret, Prim) and ret.kind in ("unit",))
        if returns_value:
            self.into(body_expr, RETURN)
        else:
            self.into(body_expr, DISCARD)
        body = self.out
        if self.used_tco:
            if not returns_value or not _ends_in_return(body):
                body = [*body, py.Return(P.const(None))]
            body = [py.While(P.const(True), body, [])]
        if self.globals_assigned:
            body.insert(0, py.Global(sorted(self.globals_assigned)))
        kind = py.AsyncFunctionDef if self.inst.fn.is_async else py.FunctionDef
        fn = kind(self.py_name, py.arguments([], params, None, [], [], None, []), body or [py.Pass()], [], None)
        return P.located(fn, self.decl.span)

    def try_tail_call(self, e: ast.Expr) -> bool:
        """`R f(args)` where f is this very instance: reassign the parameters and loop."""
        res = e.res
        if self.closure_depth or self.defer_depth or not isinstance(res, (FnRes, TemplateRes)):
            return False
        if not isinstance(e, ast.Call) or (isinstance(res, FnRes) and (res.fn.builtin or res.fn.intrinsic)):
            return False
        target = self.target_name(res)
        if target != self.name:
            return self.mutual_tail_call(e, res, target)
        if self.tco_params is None or self.loops:
            return False
        params, muts = self.signature(res)
        args, writebacks = self.call_args(params, e.args, muts)
        if writebacks:
            return False
        if len(args) != len(self.tco_params):
            return False
        if args:
            self.emit(py.Assign([py.Tuple([P.store(p) for p in self.tco_params], P.STORE)],
                                py.Tuple(args, P.LOAD)), e.span)
        self.emit(py.Continue(), e.span)
        self.used_tco = True
        return True

    def mutual_tail_call(self, e: ast.Call, res, target: str) -> bool:
        """A tail call to another member of this function's cycle: hand it to the trampoline."""
        if self.tail_group is None:
            return False
        key = self.gen._target_key(self.inst, res)
        if self.gen.tail_groups.get(key) != self.tail_group:  # type: ignore[arg-type]
            return False
        params, muts = self.signature(res)
        args, writebacks = self.call_args(params, e.args, muts)
        if writebacks:
            raise AssertionError("tail call with &mut writebacks")
        call = P.call("_TailCall", P.name(target + "__tc"), P.tuple_(args))
        self.emit(py.Return(call), e.span)
        return True

    def _defer(self, defer, rest, tail, dest) -> None:
        self.defer_depth += 1
        try:
            super()._defer(defer, rest, tail, dest)
        finally:
            self.defer_depth -= 1

    # -- closures -------------------------------------------------------------------------------

    def lower_nested(self, body: ast.Expr, ret: Type, prologue) -> list[py.stmt]:
        saved_out, saved_loops = self.out, self.loops
        self.out, self.loops = [], []
        self.ret_stack.append(ret)
        self.closure_depth += 1
        try:
            for pat, tmp in prologue:
                self.bind_pattern(pat, P.name(tmp))
            t = prune(self.concrete(ret))
            if isinstance(t, Prim) and t.kind in ("unit",):
                self.into(body, DISCARD)
            else:
                self.into(body, RETURN)
            return self.out or [py.Pass()]
        finally:
            self.out, self.loops = saved_out, saved_loops
            self.ret_stack.pop()
            self.closure_depth -= 1


def _ends_in_return(body: list[py.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], py.Return)


class ConstLowerer(MatchLowerer):
    """Module-level constants and globals: evaluated once when the program starts."""

    def __init__(self, gen: ModuleGen, module: ModuleInfo):
        super().__init__(gen, {})
        self.module = module

    def current_ret(self) -> Type:
        return UNIT

    def lower_const(self, const: ConstInfo, target: str) -> list[py.stmt]:
        self.into(const.decl.value, store(target), copy=True)
        return self.out

    def lower_nested(self, body: ast.Expr, ret: Type, prologue) -> list[py.stmt]:
        saved = self.out
        self.out = []
        try:
            for pat, tmp in prologue:
                self.bind_pattern(pat, P.name(tmp))
            self.into(body, RETURN)
            return self.out
        finally:
            self.out = saved

