"""Lowering of `M` and of destructuring patterns.

A match becomes an `if`/`elif` chain over the scrutinee stored once. Each pattern yields tests
(Python boolean expressions over the subject) and bindings (name, value). Bindings are plain
assignments at the top of the arm, or assignment expressions inside the test when a guard or an
or-pattern needs them first. The checker proved the match exhaustive, so the last unguarded arm
is the `else` branch.
"""

from __future__ import annotations

import ast as py

from vais.backend.python import pyast as P
from vais.backend.python.classes import unit_instance_name, variant_class_name
from vais.backend.python.lower_calls import CallLowerer
from vais.backend.python.lower_core import Dest
from vais.sema.program import ConstRes, LocalRes, StructRes, VariantRes
from vais.syntax import ast

Binding = tuple[str, py.expr]


class MatchLowerer(CallLowerer):
    def _into_Match(self, e: ast.Match, dest: Dest) -> None:
        subject = self.expr(e.scrutinee)
        if not isinstance(subject, py.Name):
            subject = self.spill(subject, "m")
        chain: list[tuple[py.expr | None, list[py.stmt], list[py.stmt]]] = []  # (test, body, before the test)
        for i, arm in enumerate(e.arms):
            last = i == len(e.arms) - 1
            tests, binds = self.pattern(arm.pattern, subject)
            guarded = arm.guard is not None or (isinstance(arm.pattern, ast.OrPat) and binds)
            before: list[py.stmt] = []
            if guarded:
                cond = P.and_(*tests, *[_bind_expr(n, v) for n, v in binds])
                prefix: list[py.stmt] = []
                if arm.guard is not None:
                    mark = len(self.out)
                    guard = self.expr(arm.guard)
                    if len(self.out) > mark:  # a guard needing statements (`x I matches!(x, ..)`): a flag
                        steps = self.out[mark:]
                        del self.out[mark:]
                        flag = self.tmp("g")
                        before = [P.assign(flag, P.const(False)), P.if_(cond, [*steps, P.assign(flag, guard)], [])]
                        cond = P.name(flag)
                    else:
                        cond = P.and_(cond, guard)
            else:
                cond = P.and_(*tests) if tests else None
                prefix = [P.assign(n, v) for n, v in binds]
            body = prefix + self.capture(self.into, arm.body, dest)
            if last and arm.guard is None:
                chain.append((None, body, before))
            else:
                chain.append((cond if cond is not None else P.const(True), body, before))
        self.emit_chain(chain, e.span, dest)

    def emit_chain(self, chain: list[tuple[py.expr | None, list[py.stmt], list[py.stmt]]], span, dest: Dest) -> None:
        orelse: list[py.stmt] = []
        if chain and chain[-1][0] is not None:  # every arm guarded: unreachable fall-through
            orelse = [P.expr_stmt(P.call(self.rt("fn_unreachable"), P.const("no match arm matched")))]
        for cond, body, before in reversed(chain):
            if cond is None:
                orelse = before + body
            else:
                orelse = [*before, P.if_(cond, body, orelse)]
        for stmt in orelse:
            self.emit(stmt, span)

    # -- patterns -------------------------------------------------------------------------------

    def pattern(self, pat: ast.Pattern, subject: py.expr) -> tuple[list[py.expr], list[Binding]]:
        method = getattr(self, "_p_" + type(pat).__name__)
        return method(pat, subject)

    def bind_pattern(self, pat: ast.Pattern, value: py.expr) -> None:
        """Irrefutable destructuring (`(a, b) := pair`, loop and closure parameters)."""
        if not isinstance(value, py.Name):
            value = self.spill(value, "d")
        _, binds = self.pattern(pat, value)
        for name, v in binds:
            self.emit(P.assign(name, v))

    def _p_WildcardPat(self, pat, subject):
        return [], []

    def _p_RestPat(self, pat, subject):
        return [], []

    def _p_IdentPat(self, pat: ast.IdentPat, subject: py.expr):
        res = pat.res
        if isinstance(res, VariantRes):
            return [self.variant_test(res, subject)], []
        if isinstance(res, ConstRes):
            return [P.compare(subject, py.Eq(), P.name(self.gen.const_name(res.const)))], []
        if isinstance(res, StructRes):
            return [], []
        tests: list[py.expr] = []
        binds: list[Binding] = []
        if pat.sub is not None:
            tests, binds = self.pattern(pat.sub, subject)
        assert isinstance(res, LocalRes)
        binds.append((self.local_name(res.local), subject))
        return tests, binds

    def _p_LiteralPat(self, pat: ast.LiteralPat, subject: py.expr):
        value = self.expr(pat.value)
        if isinstance(value, py.Constant) and isinstance(value.value, bool):
            return [subject if value.value else py.UnaryOp(py.Not(), subject)], []
        return [P.compare(subject, py.Eq(), value)], []

    def _p_RangePat(self, pat: ast.RangePat, subject: py.expr):
        tests: list[py.expr] = []
        if pat.lo is not None:
            tests.append(P.compare(self.expr(pat.lo), py.LtE(), subject))
        if pat.hi is not None:
            tests.append(P.compare(subject, py.LtE() if pat.inclusive else py.Lt(), self.expr(pat.hi)))
        if len(tests) == 2:
            return [py.Compare(tests[0].left, [py.LtE(), tests[1].ops[0]], [subject, tests[1].comparators[0]])], []
        return tests, []

    def _elements(self, elems: list[ast.Pattern], subject: py.expr, index_of) -> tuple[list[py.expr], list[Binding]]:
        tests: list[py.expr] = []
        binds: list[Binding] = []
        rest = next((i for i, p in enumerate(elems) if isinstance(p, ast.RestPat)), None)
        for i, p in enumerate(elems):
            if isinstance(p, ast.RestPat):
                continue
            position = i if rest is None or i < rest else i - len(elems)
            t, b = self.pattern(p, index_of(subject, position))
            tests += t
            binds += b
        return tests, binds

    def _p_TuplePat(self, pat: ast.TuplePat, subject: py.expr):
        return self._elements(pat.elems, subject, lambda s, i: py.Subscript(s, P.const(i), P.LOAD))

    def variant_test(self, res: VariantRes, subject: py.expr) -> py.expr:
        variant = res.variant
        enum = variant.enum
        if enum.builtin:
            if enum.name == "Option":
                if variant.name == "None":
                    return P.is_none(subject)
                return py.Compare(subject, [py.IsNot()], [P.const(None)])
            if enum.name == "Result":
                return P.class_is(subject, self.rt(variant.name))
            return py.Compare(subject, [py.Is()], [self.rt(variant.name)])
        if variant.kind == "unit":
            return py.Compare(subject, [py.Is()], [P.name(unit_instance_name(variant))])
        return P.class_is(subject, P.name(variant_class_name(variant)))

    def _payload(self, res, subject: py.expr, index: int, field_name: str | None = None) -> py.expr:
        if isinstance(res, VariantRes) and res.variant.enum.builtin:
            return P.attr(subject, "value")
        if field_name is not None:
            return P.attr(subject, field_name)
        return P.attr(subject, f"_{index}")

    def _p_TupleStructPat(self, pat: ast.TupleStructPat, subject: py.expr):
        res = pat.res
        tests: list[py.expr] = []
        count = 0
        if isinstance(res, VariantRes):
            tests.append(self.variant_test(res, subject))
            count = len(res.variant.fields)
        elif isinstance(res, StructRes):
            count = len(res.info.fields)
        rest = next((i for i, p in enumerate(pat.elems) if isinstance(p, ast.RestPat)), None)
        binds: list[Binding] = []
        for i, p in enumerate(pat.elems):
            if isinstance(p, ast.RestPat):
                continue
            index = i if rest is None or i < rest else count - (len(pat.elems) - i)
            t, b = self.pattern(p, self._payload(res, subject, index))
            tests += t
            binds += b
        return tests, binds

    def _p_StructPat(self, pat: ast.StructPat, subject: py.expr):
        res = pat.res
        tests: list[py.expr] = []
        if isinstance(res, VariantRes):
            tests.append(self.variant_test(res, subject))
        binds: list[Binding] = []
        for fp in pat.fields:
            if fp.pattern is None:
                continue
            t, b = self.pattern(fp.pattern, P.attr(subject, ("_" + fp.name) if fp.name.isdigit() else fp.name))
            tests += t
            binds += b
        return tests, binds

    def _p_PathPat(self, pat: ast.PathPat, subject: py.expr):
        res = pat.res
        if isinstance(res, VariantRes):
            return [self.variant_test(res, subject)], []
        if isinstance(res, ConstRes):
            return [P.compare(subject, py.Eq(), P.name(self.gen.const_name(res.const)))], []
        return [], []

    def _p_OrPat(self, pat: ast.OrPat, subject: py.expr):
        alternatives = []
        names: list[str] = []
        for alt in pat.alts:
            tests, binds = self.pattern(alt, subject)
            names = [n for n, _ in binds]
            alternatives.append(P.and_(*tests, *[_bind_expr(n, v) for n, v in binds]))
        del names
        return [P.or_(*alternatives)], []

    def _p_SlicePat(self, pat: ast.SlicePat, subject: py.expr):
        rest = next((i for i, p in enumerate(pat.elems) if _is_rest(p)), None)
        fixed = len(pat.elems) - (1 if rest is not None else 0)
        length = P.call("len", subject)
        tests: list[py.expr] = [P.compare(length, py.GtE() if rest is not None else py.Eq(), P.const(fixed))]
        binds: list[Binding] = []
        for i, p in enumerate(pat.elems):
            if _is_rest(p):
                if isinstance(p, ast.IdentPat) and isinstance(p.res, LocalRes):
                    after = len(pat.elems) - i - 1
                    end = P.const(-after) if after else P.const(None)
                    binds.append((self.local_name(p.res.local),
                                  py.Subscript(subject, py.Slice(P.const(i), end, None), P.LOAD)))
                continue
            position = i if rest is None or i < rest else i - len(pat.elems)
            t, b = self.pattern(p, py.Subscript(subject, P.const(position), P.LOAD))
            tests += t
            binds += b
        return tests, binds

    def _p_RefPat(self, pat: ast.RefPat, subject: py.expr):
        return self.pattern(pat.inner, subject)


def _bind_expr(name: str, value: py.expr) -> py.expr:
    """A test that binds `name` and is always true (`(x := v) is x`)."""
    return py.Compare(P.walrus(name, value), [py.Is()], [P.name(name)])


def _is_rest(p: ast.Pattern) -> bool:
    return isinstance(p, ast.RestPat) or (isinstance(p, ast.IdentPat) and isinstance(p.sub, ast.RestPat))
