"""Lowering of expressions other than calls and matches: literals, names, operators with exact
integer semantics, casts, fields, indexing, literals of compound values, control flow, closures."""

from __future__ import annotations

import ast as py
import struct
from contextlib import contextmanager

from vais.backend.python import pyast as P
from vais.backend.python.classes import struct_class_name, unit_instance_name, variant_class_name
from vais.backend.python.lower_core import DISCARD, RETURN, Dest, LoopCtx, LowerBase, store
from vais.backend.python.ranges import Interval, interval_of, literal_value, type_range
from vais.backend.python.typeinfo import (
    builtin_group,
    builtin_name,
    float_width,
    int_width,
    is_prim,
    is_user_struct,
    is_value_ref,
    mutable_in_place,
    needs_copy,
    strip,
)
from vais.sema.mono import resolve_target
from vais.sema.program import (
    ClosureRes,
    CompoundRes,
    ConstRes,
    FieldRes,
    FnRes,
    LiteralRes,
    LocalRes,
    MethodRes,
    OperatorRes,
    PipeRes,
    StructRes,
    TemplateRes,
    VariantRes,
)
from vais.sema.types import NEVER, Adt, Prim, Ref, Tuple, Type, prune, zonk
from vais.syntax import ast

_INT_OPS = {"+": py.Add(), "-": py.Sub(), "*": py.Mult()}
# The trait methods of operators, for generic operands that are user types in an instance.
_OPERATOR_METHODS = {"+": "add", "-": "sub", "*": "mul", "/": "div", "%": "rem"}
_UNARY_METHODS = {"-": "neg", "!": "not"}
_BIT_OPS = {"&": py.BitAnd(), "|": py.BitOr(), "^": py.BitXor()}
_CMP = {"<": py.Lt(), ">": py.Gt(), "<=": py.LtE(), ">=": py.GtE(), "==": py.Eq(), "!=": py.NotEq()}
I64_MIN = -(1 << 63)
I64_MAX = (1 << 63) - 1
_CONTROL = (ast.If, ast.Match, ast.Block, ast.Loop, ast.While, ast.For, ast.Return, ast.Break, ast.Continue,
            ast.Assign)


def wrap_int(value: int, bits: int, signed: bool) -> int:
    value &= (1 << bits) - 1
    if signed and value >= 1 << (bits - 1):
        value -= 1 << bits
    return value


def _has_call(value: py.expr) -> bool:
    return any(isinstance(n, py.Call) for n in py.walk(value))


def f32(x: float) -> float:
    return struct.unpack("f", struct.pack("f", x))[0] if x == x and abs(x) < 3.5e38 else x



# Built-in types whose runtime value does not iterate as the Iter they stand for.
_ITER_OF = {"Option": "option_iter", "Result": "result_iter", "HashMap": "map_iter"}

class ExprLowerer(LowerBase):
    # -- dispatch -------------------------------------------------------------------------------

    def expr(self, e: ast.Expr) -> py.expr:
        if isinstance(e, _CONTROL) or (isinstance(e, ast.MacroCall) and isinstance(e.res, ast.Expr) and
                                       isinstance(e.res, _CONTROL)):
            simple = self.simple_control(e)
            if simple is not None:
                return simple
            if prune(getattr(e, "ty", None) or NEVER) is NEVER or isinstance(e, (ast.Assign, ast.While, ast.For)):
                self.into(e, DISCARD)
                return P.const(None)
            name = self.tmp("v")
            self.into(e, store(name))
            return P.name(name)
        method = getattr(self, "_e_" + type(e).__name__)
        value = P.located(method(e), e.span)
        if e.__class__ in _YIELDS_PLACE and self.yields_place(e):
            return P.attr(value, "value")  # `m.get_mut(k).unwrap()` used as a value reads the element
        return value

    def yields_place(self, e: ast.Expr) -> bool:
        """Whether `e` evaluates to a place object (a `&mut` of a value type handed out by a call, or
        found in a tuple such as the pairs of `m.iter_mut()`), which `expr` reads and `ref_expr` keeps."""
        if e.__class__ is ast.Field and not isinstance(strip(self.ty(e.receiver)), Tuple):
            return False
        return is_value_ref(self.ty(e))

    def into(self, e: ast.Expr, dest: Dest, copy: bool = False) -> None:
        method = getattr(self, "_into_" + type(e).__name__, None)
        if method is not None:
            method(e, dest)
            return
        if isinstance(e, ast.MacroCall) and isinstance(e.res, ast.Expr):
            self.into(e.res, dest, copy)
            return
        if dest.kind == "return" and isinstance(e, (ast.Call, ast.MethodCall)) and self.try_tail_call(e):
            return
        if dest.kind == "discard" and self.discarded_call(e):
            return
        value = self.value_copy(e) if copy or (dest.kind == "return" and self.returns_place(e)) else self.expr(e)
        self.deliver(value, dest, e.span)

    def returns_place(self, e: ast.Expr) -> bool:
        """Returning a place that outlives the call (a parameter's field, a global) must copy."""
        if not (self.is_place(e) and needs_copy(self.ty(e))) or isinstance(prune(self.current_ret()), Ref):
            return False  # returning a reference (`-> &mut Self`) hands out the place itself
        root = e
        while isinstance(root, (ast.Field, ast.Index)) or (isinstance(root, ast.Unary) and root.op == "*"):
            root = root.receiver if not isinstance(root, ast.Unary) else root.operand
        res = getattr(root, "res", None)
        return not (isinstance(res, LocalRes) and res.local.kind in ("let", "pattern", "loop"))

    def try_tail_call(self, e: ast.Expr) -> bool:  # overridden by the function lowerer
        return False

    def discarded_call(self, e: ast.Expr) -> bool:  # overridden by the call lowerer
        return False

    def simple_control(self, e: ast.Expr) -> py.expr | None:
        """A conditional or block that is a pure expression (`I c { a } E { b }` → `a if c else b`)."""
        if isinstance(e, ast.Block):
            if len(e.stmts) == 1 and e.tail is not None and self.is_pure(e.tail):
                return self.expr(e.tail)
            return None
        if isinstance(e, ast.If) and e.otherwise is not None:
            then = e.then.tail if len(e.then.stmts) == 1 else None
            other = e.otherwise
            if isinstance(other, ast.Block):
                other = other.tail if len(other.stmts) == 1 else None
            if then is not None and other is not None and self.is_pure(e.cond) and self.is_pure(then) and self.is_pure(other):
                return py.IfExp(self.expr(e.cond), self.expr(then), self.expr(other))
        return None

    def is_pure(self, e: ast.Expr) -> bool:
        """Lowers to a single Python expression without statements."""
        if isinstance(e, (ast.IntLit, ast.FloatLit, ast.BoolLit, ast.CharLit, ast.UnitLit, ast.Name, ast.PathExpr,
                          ast.DurationLit)):
            return True
        if isinstance(e, ast.StrLit):
            return all(isinstance(p, str) or p.expr is None or self.is_pure(p.expr) for p in e.parts)
        if isinstance(e, ast.Unary):
            return self.is_pure(e.operand)
        if isinstance(e, ast.Binary):
            return self.is_pure(e.left) and self.is_pure(e.right)
        if isinstance(e, (ast.Field, ast.Cast, ast.Unwrap)):
            return self.is_pure(e.receiver if isinstance(e, ast.Field) else e.expr)
        if isinstance(e, ast.Index):
            return self.is_pure(e.receiver) and self.is_pure(e.index)
        if isinstance(e, ast.Ternary):
            return self.is_pure(e.cond) and self.is_pure(e.then) and self.is_pure(e.otherwise)
        if isinstance(e, (ast.TupleLit, ast.ArrayLit)):
            return all(self.is_pure(x) for x in e.elems)
        if isinstance(e, (ast.Call, ast.MethodCall)):
            args = list(e.args) + ([e.receiver] if isinstance(e, ast.MethodCall) else [])
            return all(self.is_pure(a) for a in args)
        if isinstance(e, ast.If):
            return self.simple_control(e) is not None
        return False

    def exprs(self, es: list[ast.Expr], copies: list[bool] | None = None) -> list[py.expr]:
        """Lower operands left to right; if a later one emits statements, earlier values are
        stored first so evaluation order is kept."""
        values: list[py.expr] = []
        for i, e in enumerate(es):
            mark = len(self.out)
            value = self.value_copy(e) if copies and copies[i] else self.expr(e)
            if len(self.out) > mark:
                pending = self.out[mark:]
                del self.out[mark:]
                for k, prev in enumerate(values):
                    if not isinstance(prev, py.Constant):
                        name = self.tmp()
                        self.out.append(P.assign(name, prev))
                        values[k] = P.name(name)
                self.out.extend(pending)
            values.append(value)
        return values

    # -- literals -------------------------------------------------------------------------------

    def _e_IntLit(self, e: ast.IntLit) -> py.expr:
        t = self.ty(e)
        width = int_width(t)
        if width is not None:
            return P.const(wrap_int(e.value, *width))
        bits = float_width(t)
        return P.const(float(e.value) if bits else e.value)

    def _e_FloatLit(self, e: ast.FloatLit) -> py.expr:
        return P.const(f32(e.value) if float_width(self.ty(e)) == 32 else e.value)

    def _e_BoolLit(self, e: ast.BoolLit) -> py.expr:
        return P.const(e.value)

    def _e_CharLit(self, e: ast.CharLit) -> py.expr:
        return P.const(e.value)

    def _e_UnitLit(self, e: ast.UnitLit) -> py.expr:
        return P.const(None)

    def _e_DurationLit(self, e: ast.DurationLit) -> py.expr:
        return self.gen.literal_constant(("duration", e.nanos), P.call(self.rt("Duration"), P.const(e.nanos)))

    def _e_StrLit(self, e: ast.StrLit) -> py.expr:
        if e.is_plain:
            return P.const(e.plain_value)
        return self.format_parts(e, [])

    def format_parts(self, lit: ast.StrLit, positional: list[tuple[py.expr, Type]]) -> py.expr:
        """A string literal with holes as a Python f-string; `{}` holes take `positional` in order."""
        pieces: list[py.expr] = []
        holes = iter(positional)
        exprs = [p.expr for p in lit.parts if isinstance(p, ast.Interpolation) and p.expr is not None]
        lowered = iter(self.exprs(exprs))
        for part in lit.parts:
            if isinstance(part, str):
                if part:
                    pieces.append(P.const(part))
                continue
            if part.expr is None:
                nxt = next(holes, None)
                if nxt is None:
                    pieces.append(P.const("{" + (":" + part.spec if part.spec else "") + "}"))
                    continue
                value, ty = nxt
            else:
                value, ty = next(lowered), self.ty(part.expr)
            pieces.append(self.formatted(value, ty, part.spec))
        if not pieces:
            return P.const("")
        if len(pieces) == 1 and not isinstance(pieces[0], py.FormattedValue):
            return pieces[0] if isinstance(pieces[0], py.Constant) else py.JoinedStr(pieces)
        return py.JoinedStr(pieces)

    def formatted(self, value: py.expr, ty: Type, spec: str | None) -> py.expr:
        """One hole of an f-string: fast paths for Str and i64 Display, descriptors otherwise."""
        if spec:
            spec_obj = self.gen.literal_constant(("spec", spec), P.call(self.rt("parse_spec"), P.const(spec)))
            desc = self.gen.descriptors.of(ty)
            return py.FormattedValue(P.call(P.attr(desc, "spec"), value, spec_obj), -1, None)
        return py.FormattedValue(self.display(value, ty), -1, None)

    def display(self, value: py.expr, ty: Type) -> py.expr:
        """`value` formatted with Display, as a Python expression (str or int that prints the same)."""
        t = strip(ty)
        if isinstance(t, Prim):
            if t.kind in ("str", "char") or (t.kind == "int"):
                return value
            if t.kind == "bool":
                return py.IfExp(value, P.const("true"), P.const("false"))
            if t.kind == "float":
                return P.call(self.rt("f64_str" if t.bits == 64 else "f32_str"), value)
        return P.call(P.attr(self.gen.descriptors.of(ty), "display"), value)

    def to_str(self, value: py.expr, ty: Type) -> py.expr:
        """`Str(x)`: Display as a Python str."""
        t = strip(ty)
        if isinstance(t, Prim) and t.kind == "int":
            return P.call("str", value)
        if isinstance(t, Prim) and t.kind in ("str", "char"):
            return value
        return self.display(value, ty)

    # -- names ----------------------------------------------------------------------------------

    def _e_Name(self, e: ast.Name) -> py.expr:
        return self.resolved_value(e, e.res)

    def _e_PathExpr(self, e: ast.PathExpr) -> py.expr:
        return self.resolved_value(e, e.res)

    def _e_SelfRecur(self, e: ast.SelfRecur) -> py.expr:
        return self.resolved_value(e, e.res)

    def resolved_value(self, e: ast.Expr, res) -> py.expr:
        if isinstance(res, LocalRes):
            name = P.name(self.local_name(res.local))
            return P.attr(name, "value") if self.is_cell(res.local) else name
        if isinstance(res, ConstRes):
            return P.name(self.gen.const_name(res.const))
        if isinstance(res, LiteralRes):
            return P.const(res.value)
        if isinstance(res, (FnRes, TemplateRes, MethodRes)):
            return self.fn_value(e, res)
        if isinstance(res, VariantRes):
            return self.variant_value(res)
        if isinstance(res, StructRes):
            return P.call(struct_class_name(res.info))
        raise NotImplementedError(f"value {type(e).__name__} with resolution {res!r}")

    def variant_value(self, res: VariantRes) -> py.expr:
        variant = res.variant
        enum = variant.enum
        if enum.builtin:
            if enum.name == "Option":
                return P.const(None) if variant.name == "None" else self.rt("Some")
            return self.rt(variant.name)  # Ok, Err, Less, Equal, Greater
        if variant.kind == "unit":
            return P.name(unit_instance_name(variant))
        return P.name(variant_class_name(variant))

    def target_name(self, res) -> str:  # overridden in the call lowerer
        raise NotImplementedError

    def fn_value(self, e: ast.Expr, res) -> py.expr:  # overridden in the call lowerer
        raise NotImplementedError

    # -- operators ------------------------------------------------------------------------------

    def int_wrap(self, value: py.expr, ty: Type, bounds: Interval | None = None) -> py.expr:
        """Bring a raw Python int result back into the range of integer type `ty`; `bounds` (the
        raw value's possible range) lets provably safe results skip the test or test one side."""
        bits, signed = int_width(ty) or (64, True)
        full = type_range(bits, signed)
        if bounds is not None and bounds.within(full):
            return value
        if not signed:
            return P.binop(value, py.BitAnd(), P.const((1 << bits) - 1))
        if bits == 64:
            w = "_w"
            low = bounds is None or bounds.lo < full.lo
            high = bounds is None or bounds.hi > full.hi
            if low and high:
                test = py.Compare(P.const(I64_MIN), [py.LtE(), py.LtE()], [P.walrus(w, value), P.const(I64_MAX)])
            elif high:
                test = P.compare(P.walrus(w, value), py.LtE(), P.const(I64_MAX))
            else:
                test = P.compare(P.walrus(w, value), py.GtE(), P.const(I64_MIN))
            return py.IfExp(test, P.name(w), P.call(self.rt("wrap_i64"), P.name(w)))
        wrapper = self.gen.literal_constant(("wrap", bits, signed),
                                            P.call(self.rt("make_wrapper"), P.const(bits), P.const(signed)))
        return P.call(wrapper, value)

    # -- integer ranges -------------------------------------------------------------------------

    def interval(self, e: ast.Expr) -> Interval | None:
        """The range an integer expression's value lies in, when known more precisely than its type."""
        return interval_of(e, lambda local: self.ranges.get(id(local)), self.ty)

    def raw_int(self, e: ast.Expr) -> tuple[py.expr, Interval]:
        """An i64 operand of `+ - *`: nested arithmetic stays unwrapped, so the whole tree needs one
        wrap at its root (exact, as wrapping commutes with these operations)."""
        t = self.ty(e)
        if (isinstance(e, ast.Binary) and e.op in ("+", "-", "*") and not isinstance(e.res, OperatorRes)
                and int_width(t) == (64, True)):
            (left, li), (right, ri) = self.raw_pair(e.left, e.right)
            bounds = li + ri if e.op == "+" else li - ri if e.op == "-" else li * ri
            return P.binop(left, _INT_OPS[e.op], right), bounds
        return self.expr(e), self.interval(e) or type_range(*(int_width(t) or (64, True)))

    def raw_pair(self, a: ast.Expr, b: ast.Expr) -> tuple[tuple[py.expr, Interval], tuple[py.expr, Interval]]:
        """Both operands, keeping left-to-right evaluation if the right one needs statements."""
        first = self.raw_int(a)
        mark = len(self.out)
        second = self.raw_int(b)
        if len(self.out) > mark and not isinstance(first[0], py.Constant):
            pending = self.out[mark:]
            del self.out[mark:]
            name = self.tmp()
            self.out.append(P.assign(name, first[0]))
            self.out.extend(pending)
            first = (P.name(name), first[1])
        return first, second

    def arith(self, op: str, a: py.expr, b: py.expr, ty: Type, b_node: ast.Expr | None = None,
              a_node: ast.Expr | None = None) -> py.expr:
        t = strip(ty)
        if isinstance(t, Prim) and t.kind == "int":
            bits, signed = t.bits, t.signed
            if op in _INT_OPS:
                return self.int_wrap(P.binop(a, _INT_OPS[op], b), t)
            if op in ("/", "%") and isinstance(b, py.Constant) and isinstance(b.value, int) and b.value > 0:
                pyop = py.FloorDiv() if op == "/" else py.Mod()
                known = self.interval(a_node) if a_node is not None else None
                if not signed or (known is not None and known.lo >= 0):
                    return P.binop(a, pyop, b)
                # truncating division and the dividend's sign: mirror the negative case
                w = self.tmp("n")
                positive = P.binop(P.name(w), pyop, b)
                negative = py.UnaryOp(py.USub(), P.binop(py.UnaryOp(py.USub(), P.name(w)), pyop, b))
                return py.IfExp(P.compare(P.walrus(w, a), py.GtE(), P.const(0)), positive, negative)
            if op == "/":
                return P.call(self.rt("op_div"), a, b, P.const(bits), P.const(signed))
            if op == "%":
                return P.call(self.rt("op_rem"), a, b)
            if op in _BIT_OPS:
                return P.binop(a, _BIT_OPS[op], b)
            if op == "<<":
                if isinstance(b, py.Constant) and isinstance(b.value, int) and 0 <= b.value < bits:
                    return self.int_wrap(P.binop(a, py.LShift(), b), t)
                return P.call(self.rt("op_shl"), a, b, P.const(bits), P.const(signed))
            if op == ">>":
                if isinstance(b, py.Constant) and isinstance(b.value, int) and 0 <= b.value < bits:
                    return P.binop(a, py.RShift(), b)
                return P.call(self.rt("op_shr"), a, b, P.const(bits))
        if isinstance(t, Prim) and t.kind == "float":
            if op == "/":
                if isinstance(b, py.Constant) and b.value:
                    value = P.binop(a, py.Div(), b)
                elif a_node is not None and self.is_pure(a_node) and not _has_call(a):
                    d = self.tmp("d")  # IEEE division: x / 0.0 is inf or NaN, not an exception
                    value = py.IfExp(P.walrus(d, b), P.binop(a, py.Div(), P.name(d)),
                                     P.call(self.rt("op_fdiv"), a, P.name(d)))
                else:
                    value = P.call(self.rt("op_fdiv"), a, b)
            elif op == "%":
                value = P.call(self.rt("op_frem"), a, b)
            else:
                value = P.binop(a, {"+": py.Add(), "-": py.Sub(), "*": py.Mult()}[op], b)
            return P.call(self.rt("f32_round"), value) if t.bits == 32 else value
        if op in _BIT_OPS:
            return P.binop(a, _BIT_OPS[op], b)
        if op == "+":
            return P.binop(a, py.Add(), b)
        return P.binop(a, {"-": py.Sub(), "*": py.Mult(), "/": py.Div(), "%": py.Mod()}[op], b)

    def _e_Binary(self, e: ast.Binary) -> py.expr:
        op = e.op
        if op in ("&&", "||"):
            left = self.expr(e.left)
            mark = len(self.out)
            right = self.expr(e.right)
            if len(self.out) > mark:  # the right side needs statements: keep short-circuiting
                pending = self.out[mark:]
                del self.out[mark:]
                result = self.tmp("b")
                self.emit(P.assign(result, left))
                test = P.name(result) if op == "&&" else py.UnaryOp(py.Not(), P.name(result))
                self.emit(P.if_(test, [*pending, P.assign(result, right)]))
                return P.name(result)
            return py.BoolOp(py.And() if op == "&&" else py.Or(), [left, right])
        if isinstance(e.res, OperatorRes):
            return self.operator_call(e.res, [e.left, e.right])
        user = self.user_operator_fn(_OPERATOR_METHODS.get(op), self.ty(e.left))
        if user is not None:  # `a + b` of a generic `T: Add` that is a user type here
            return P.call(user, *self.exprs([e.left, e.right], [True, True]))
        t = self.ty(e)
        if op in ("+", "-", "*") and int_width(t) == (64, True):
            raw, bounds = self.raw_int(e)
            return self.int_wrap(raw, t, bounds)
        left, right = self.exprs([e.left, e.right])
        if op in _CMP:
            return P.compare(left, _CMP[op], right)
        return self.arith(op, left, right, t, e.right, e.left)

    def _e_Unary(self, e: ast.Unary) -> py.expr:
        op = e.op
        if op in ("&", "&mut"):
            return self.expr(e.operand)
        if op == "*":
            return self.deref(e.operand)
        if isinstance(e.res, OperatorRes):
            return self.operator_call(e.res, [e.operand])
        user = self.user_operator_fn(_UNARY_METHODS.get(op), self.ty(e.operand))
        if user is not None:  # `-x` of a generic `T: Neg` that is a user type here
            return P.call(user, *self.exprs([e.operand], [True]))
        if op == "-" and isinstance(e.operand, ast.IntLit):
            width = int_width(self.ty(e))
            if width is not None:
                return P.const(wrap_int(-e.operand.value, *width))
        value = self.expr(e.operand)
        t = strip(self.ty(e))
        if op == "-":
            if isinstance(t, Prim) and t.kind == "int":
                known = self.interval(e.operand)
                return self.int_wrap(py.UnaryOp(py.USub(), value), t, -known if known is not None else None)
            if isinstance(t, Prim) and t.kind == "float":
                return py.UnaryOp(py.USub(), value)
            return py.UnaryOp(py.USub(), value)
        if op == "!":
            if isinstance(t, Prim) and t.kind == "int":
                return self._bitnot(value, t)
            return py.UnaryOp(py.Not(), value)
        if op == "~":
            return self._bitnot(value, t)
        raise NotImplementedError(op)

    def deref(self, operand: ast.Expr) -> py.expr:
        """`*r`: references are transparent, and `expr` already reads a place object's value (a cell
        local's name, `m.get_mut(k).unwrap()`)."""
        return self.expr(operand)

    # -- `&mut` of value types as place objects --------------------------------------------------

    def ref_expr(self, e: ast.Expr) -> py.expr:
        """A `&mut` of a value type as the place object itself, to bind, pass or store the reference
        (`e := m.entry(k).or_insert(0)`, `r := &mut n`); `expr(e)` would read the value behind it."""
        if isinstance(e, ast.Unary) and e.op in ("&mut", "&"):
            return self.place_ref(e.operand)
        res = getattr(e, "res", None)
        if isinstance(e, ast.Name) and isinstance(res, LocalRes) and self.is_cell(res.local):
            return P.name(self.local_name(res.local))
        if e.__class__ in _YIELDS_PLACE and self.yields_place(e):
            return P.located(getattr(self, "_e_" + type(e).__name__)(e), e.span)
        return self.expr(e)

    def values_or_refs(self, es: list[ast.Expr]) -> list[py.expr]:
        """Elements stored in a tuple or a variant: a `&mut` of a value type is stored as its place
        object (`Some(&mut n)`, `(k, &mut v[0])`), anything else as a value (copied if a place)."""
        values = self.exprs(es, [True] * len(es))
        return [self.ref_expr(x) if is_value_ref(self.ty(x)) else v for x, v in zip(es, values, strict=True)]

    def place_ref(self, place: ast.Expr) -> py.expr:
        """`&mut place` as a place object: a boxed local's own Cell, an ItemRef to an element, an AttrRef
        to a struct field; anything else (a temporary, a tuple field) is copied into a fresh Cell."""
        res = getattr(place, "res", None)
        if isinstance(place, ast.Name) and isinstance(res, LocalRes) and self.is_cell(res.local):
            return P.name(self.local_name(res.local))
        if isinstance(place, ast.Unary) and place.op == "*":
            return self.ref_expr(place.operand)
        if isinstance(place, ast.Index):
            container = builtin_name(strip(self.ty(place.receiver)))
            if container in ("Vec", "HashMap"):
                recv, index = self.exprs([place.receiver, place.index])
                return P.call(self.rt("vec_item_ref" if container == "Vec" else "ItemRef"), recv, index)
        if isinstance(place, ast.Field) and isinstance(place.res, FieldRes) and is_user_struct(self.ty(place.receiver)):
            name = place.res.name
            attr = ("_" + name) if name.isdigit() else name
            return P.call(self.rt("AttrRef"), self.expr(place.receiver), P.const(attr))
        return P.call(self.rt("Cell"), self.expr(place))

    def _bitnot(self, value: py.expr, t: Type) -> py.expr:
        bits, signed = int_width(t) or (64, True)
        if signed:
            return py.UnaryOp(py.Invert(), value)
        return P.binop(value, py.BitXor(), P.const((1 << bits) - 1))

    def operator_call(self, res: OperatorRes, operands: list[ast.Expr]) -> py.expr:
        name = self.target_name(res)
        return P.call(name, *self.exprs(operands, [True] * len(operands)))

    def user_operator_fn(self, method: str | None, operand: Type) -> str | None:
        """The instance implementing operator `method` (`add`, `neg`, ...) for a user type, for the
        operators the checker left to the engine because the operand was generic (`T: Add`)."""
        t = strip(operand)
        if method is None or not isinstance(t, Adt) or t.info.builtin:
            return None
        cand = self.gen.sema.traits.lookup_method(t, method)
        if cand is None or cand.fn.decl.body is None:
            return None
        return self.gen.instance_name(cand.fn, {p: zonk(x) for p, x in cand.mapping.items()}, None)

    def _e_Ternary(self, e: ast.Ternary) -> py.expr:
        cond = self.expr(e.cond)
        then_stmts, then = self._branch_value(e.then)
        else_stmts, other = self._branch_value(e.otherwise)
        if not then_stmts and not else_stmts:
            return py.IfExp(cond, then, other)
        result = self.tmp("v")
        self.emit(P.if_(cond, [*then_stmts, P.assign(result, then)], [*else_stmts, P.assign(result, other)]))
        return P.name(result)

    def _branch_value(self, e: ast.Expr) -> tuple[list[py.stmt], py.expr]:
        saved = self.out
        self.out = []
        try:
            value = self.expr(e)
            return self.out, value
        finally:
            self.out = saved

    def _e_Pipe(self, e: ast.Pipe) -> py.expr:
        assert isinstance(e.res, PipeRes)
        return self.expr(e.res.call)

    def _into_Pipe(self, e: ast.Pipe, dest: Dest) -> None:
        self.into(e.res.call, dest)  # type: ignore[union-attr]

    def _e_Range(self, e: ast.Range) -> py.expr:
        start = self.expr(e.start) if e.start is not None else P.const(0)
        elem = self.ty(e)
        elem = elem.args[0] if isinstance(elem, Adt) and elem.args else elem
        if e.end is None:
            bits, signed = int_width(elem) or (64, True)
            end: py.expr = P.const((1 << (bits - 1)) if signed else (1 << bits))
        else:
            end = self.expr(e.end)
            if e.inclusive:
                end = P.binop(end, py.Add(), P.const(1)) if not isinstance(end, py.Constant) else P.const(end.value + 1)
        if is_prim(elem, "char"):
            return P.call(self.rt("char_range"), start, self.expr(e.end) if e.end is not None else end,
                          P.const(e.inclusive))
        return P.call("range", start, end)

    def _e_Cast(self, e: ast.Cast) -> py.expr:
        value = self.expr(e.expr)
        source = strip(self.ty(e.expr))
        target = strip(self.ty(e))
        if isinstance(source, Adt) and source.info.is_enum and isinstance(target, Prim):
            return py.Subscript(P.call(P.attr(value, "_key")), P.const(0), P.LOAD)
        if not (isinstance(source, Prim) and isinstance(target, Prim)):
            return value
        if source is target:
            return value
        sk, tk = source.kind, target.kind
        if tk == "int":
            if sk == "int":
                if source.signed == target.signed and source.bits <= target.bits:
                    return value
                if isinstance(value, py.Constant):
                    return P.const(wrap_int(value.value, target.bits, target.signed))
                if not source.signed and target.signed and source.bits < target.bits:
                    return value
                return self.int_wrap(value, target)
            if sk == "float":
                return P.call(self.rt("cast_float_to_int"), value, P.const(target.bits), P.const(target.signed))
            if sk == "bool":
                return P.call("int", value)
            if sk == "char":
                code = P.call("ord", value)
                return code if target.bits >= 32 else self.int_wrap(code, target)
        if tk == "float":
            if sk == "int":
                if target.bits == 64:
                    return P.call("float", value)  # Python rounds ints to the nearest double, as Vais does
                return P.call(self.rt("cast_int_to_float"), value, P.const(target.bits))
            if sk == "float":
                return P.call(self.rt("f32_round"), value) if target.bits == 32 else value
        if tk == "char" and sk == "int":
            return P.call(self.rt("cast_int_to_char"), value)
        return value

    # -- access ---------------------------------------------------------------------------------

    def _e_Field(self, e: ast.Field) -> py.expr:
        recv = self.expr(e.receiver)
        res = e.res
        assert isinstance(res, FieldRes)
        base = strip(self.ty(e.receiver))
        if isinstance(base, Tuple):
            return py.Subscript(recv, P.const(res.index), P.LOAD)
        return P.attr(recv, ("_" + res.name) if res.name.isdigit() else res.name)

    def _e_Index(self, e: ast.Index) -> py.expr:
        if isinstance(e.res, OperatorRes):  # a user `Index` impl
            return self.operator_call(e.res, [e.receiver, e.index])
        base = strip(self.ty(e.receiver))
        if isinstance(e.index, ast.Range):
            recv = self.expr(e.receiver)
            start = self.expr(e.index.start) if e.index.start is not None else P.const(None)
            end = self.expr(e.index.end) if e.index.end is not None else P.const(None)
            if e.index.inclusive and e.index.end is not None:
                end = P.binop(end, py.Add(), P.const(1))
            fn = "slice_str" if is_prim(base, "str") else "slice_vec"
            return P.call(self.rt(fn), recv, start, end)
        recv, index = self.exprs([e.receiver, e.index])
        if builtin_name(base) == "HashMap":
            return py.Subscript(recv, index, P.LOAD)
        if self.known_non_negative(e.index):
            return py.Subscript(recv, index, P.LOAD)
        # a negative index must panic, not count from the end as Python would
        if not isinstance(index, py.Name):
            i = self.tmp("i")
            test = P.compare(P.walrus(i, index), py.GtE(), P.const(0))
            index = P.name(i)
        else:
            test = P.compare(index, py.GtE(), P.const(0))
        recv = recv if isinstance(recv, (py.Name, py.Attribute)) else self.spill(recv, "o")
        return py.IfExp(test, py.Subscript(recv, index, P.LOAD), P.call(self.rt("index_get"), recv, index))

    def known_non_negative(self, e: ast.Expr) -> bool:
        """Indices proven >= 0 skip the negative-index check (Python would count from the end)."""
        bounds = self.interval(e)
        if bounds is not None:
            return bounds.lo >= 0
        width = int_width(self.ty(e))
        return width is not None and not width[1]

    # -- compound values ------------------------------------------------------------------------

    def _e_TupleLit(self, e: ast.TupleLit) -> py.expr:
        return P.tuple_(self.values_or_refs(e.elems))

    def _e_ArrayLit(self, e: ast.ArrayLit) -> py.expr:
        return py.List(self.exprs(e.elems, [True] * len(e.elems)), P.LOAD)

    def _e_ArrayRepeat(self, e: ast.ArrayRepeat) -> py.expr:
        value, count = self.exprs([e.value, e.count])
        elem = self.ty(e.value)
        if not needs_copy(elem):
            return P.binop(py.List([value], P.LOAD), py.Mult(), count)
        item = self.spill(value, "r")
        return py.ListComp(self.copy_value(item, elem),
                           [py.comprehension(P.store("_"), P.call("range", count), [], 0)])

    def _e_StructLit(self, e: ast.StructLit) -> py.expr:
        res = e.res
        if isinstance(res, StructRes):
            fields = res.info.fields
            cls = P.name(struct_class_name(res.info))
        else:
            assert isinstance(res, VariantRes)
            fields = res.variant.fields
            cls = P.name(variant_class_name(res.variant))
        given = {init.name: init.value for init in e.fields}
        order = [f.name for f in fields if f.name in given]
        values = dict(zip(order, self.exprs([given[n] for n in order], [True] * len(order)), strict=True))
        base = self.spill(self.expr(e.base), "s") if e.base is not None else None
        args: list[py.expr] = []
        for f in fields:
            if f.name in values:
                args.append(values[f.name])
            else:
                attr = P.attr(base, f.name)  # type: ignore[arg-type]
                args.append(self.copy_value(attr, f.ty) if needs_copy(f.ty) else attr)
        return P.call(cls, *args)

    # -- Option / Result ------------------------------------------------------------------------

    def _e_Try(self, e: ast.Try) -> py.expr:
        value = self.spill(self.expr(e.expr), "q")
        operand = strip(self.ty(e.expr))
        assert isinstance(operand, Adt)
        if operand.info.name == "Option":
            self.emit(P.if_(P.is_none(value), [py.Return(P.const(None))]), e.span)
            return P.attr(value, "value")
        if isinstance(e.res, MethodRes):  # the user's `From` impl converts the error
            err: py.expr = P.call(self.rt("Err"), P.call(self.target_name(e.res), P.attr(value, "value")))
        else:
            err = self.converted_error(value, operand.args[1])
        self.emit(P.if_(P.class_is(value, self.rt("Err")), [py.Return(err)]), e.span)
        return P.attr(value, "value")

    def converted_error(self, value: py.expr, source_err: Type) -> py.expr:
        """`Err(e)` re-wrapped for the enclosing function's error type (`?` converts into Error)."""
        ret = strip(self.current_ret())
        target = ret.args[1] if isinstance(ret, Adt) and len(ret.args) == 2 else None
        src = strip(source_err)
        if target is None or builtin_name(target) != "Error" or builtin_name(src) == "Error":
            return value
        payload = P.attr(value, "value")
        if is_prim(src, "str"):
            error = P.call(self.rt("VaisError"), payload)
        else:
            error = py.Call(self.rt("VaisError"), [self.display(payload, src)], [py.keyword("source", payload)])
        return P.call(self.rt("Err"), error)

    def current_ret(self) -> Type:  # overridden
        raise NotImplementedError

    def _e_Unwrap(self, e: ast.Unwrap) -> py.expr:
        value = self.expr(e.expr)
        operand = strip(self.ty(e.expr))
        if builtin_name(operand) == "Option":
            return P.call(self.rt("option_unwrap"), value)
        return P.call(self.rt("result_unwrap"), value)

    def _e_Await(self, e: ast.Await) -> py.expr:
        return py.Await(self.expr(e.expr))

    def _e_Spawn(self, e: ast.Spawn) -> py.expr:
        return P.call(self.rt("fn_spawn"), self.expr(e.expr))

    # -- control flow ---------------------------------------------------------------------------

    def _into_Block(self, e: ast.Block, dest: Dest) -> None:
        self.block_into(e, dest)

    def _into_If(self, e: ast.If, dest: Dest) -> None:
        cond = self.expr(e.cond)
        when_true, when_false = self.refinements(e.cond)
        with self.narrowed(when_true):
            body = self.capture(self.into, e.then, dest)
        if e.otherwise is None:
            orelse = [P.assign(dest.target, P.const(None))] if dest.kind == "store" else []
            if dest.kind == "return":
                orelse = [py.Return(P.const(None))]
        else:
            with self.narrowed(when_false):
                orelse = self.capture(self.into, e.otherwise, dest)
        self.emit(P.if_(cond, body, orelse), e.span)

    def refinements(self, cond: ast.Expr) -> tuple[dict[int, Interval], dict[int, Interval]]:
        """What `x < c` (and friends) says about an unchanging integer local on each branch."""
        if not (isinstance(cond, ast.Binary) and cond.op in ("<", "<=", ">", ">=", "==", "!=")):
            return {}, {}
        op, x, c = cond.op, cond.left, cond.right
        if literal_value(x) is not None:  # `0 < n` is `n > 0`
            x, c = c, x
            op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
        res = getattr(x, "res", None)
        bound = self.interval(c)
        width = int_width(self.ty(x))
        if not (isinstance(x, ast.Name) and isinstance(res, LocalRes) and bound is not None and width is not None):
            return {}, {}
        local = res.local
        if local.mutable or local.assigned:
            return {}, {}
        full = self.ranges.get(id(local)) or type_range(*width)
        below = Interval(full.lo, bound.hi - 1)  # x < c
        upto = Interval(full.lo, bound.hi)  # x <= c
        above = Interval(bound.lo + 1, full.hi)  # x > c
        from_ = Interval(bound.lo, full.hi)  # x >= c
        pairs = {"<": (below, from_), "<=": (upto, above), ">": (above, upto), ">=": (from_, below),
                 "==": (bound, full), "!=": (full, bound)}[op]
        key = id(local)
        true_side = full.meet(pairs[0])
        false_side = full.meet(pairs[1]) if op != "!=" else full
        if op == "!=":
            true_side, false_side = full, full.meet(bound)
        return ({key: true_side} if true_side else {}), ({key: false_side} if false_side else {})

    @contextmanager
    def narrowed(self, updates: dict[int, Interval]):
        saved = {k: self.ranges.get(k) for k in updates}
        self.ranges.update(updates)
        try:
            yield
        finally:
            for k, v in saved.items():
                if v is None:
                    self.ranges.pop(k, None)
                else:
                    self.ranges[k] = v

    def _into_Ternary(self, e: ast.Ternary, dest: Dest) -> None:
        if dest.kind == "return" or not (self.is_pure(e.then) and self.is_pure(e.otherwise)):
            cond = self.expr(e.cond)
            self.emit(P.if_(cond, self.capture(self.into, e.then, dest), self.capture(self.into, e.otherwise, dest)),
                      e.span)
        else:
            self.deliver(self.expr(e), dest, e.span)

    def _into_Loop(self, e: ast.Loop, dest: Dest) -> None:
        result = self.tmp("r") if dest.kind != "discard" else None
        self.loops.append(LoopCtx(result))
        body = self.capture(self.into, e.body, DISCARD)
        self.loops.pop()
        self.emit(py.While(P.const(True), body, []), e.span)
        if result is not None and prune(self.ty(e)) is not NEVER:
            self.deliver(P.name(result), dest)

    def _into_While(self, e: ast.While, dest: Dest) -> None:
        self.loops.append(LoopCtx(None))
        mark = len(self.out)
        cond = self.expr(e.cond)
        cond_stmts = self.out[mark:]
        del self.out[mark:]
        body = self.capture(self.into, e.body, DISCARD)
        self.loops.pop()
        if cond_stmts:
            self.emit(py.While(P.const(True), [*cond_stmts, P.if_(py.UnaryOp(py.Not(), cond), [py.Break()]), *body],
                               []), e.span)
        else:
            self.emit(py.While(cond, body, []), e.span)
        self.deliver(P.const(None), dest)

    def _into_For(self, e: ast.For, dest: Dest) -> None:
        iterable = self.for_iterable(e)
        target, binds = self.for_target(e.pattern)
        self.note_loop_range(e)
        self.loops.append(LoopCtx(None))
        body = self.capture(self._for_body, binds, e.body)
        self.loops.pop()
        self.emit(py.For(target, iterable, body, []), e.span)
        self.deliver(P.const(None), dest)

    def note_loop_range(self, e: ast.For) -> None:
        """`L i: a..b`: i lies in [lo(a), hi(b) - 1] (or up to hi(b) for `..=`)."""
        it = e.iterable
        res = getattr(e.pattern, "res", None)
        width = int_width(self.ty(e.pattern)) if isinstance(res, LocalRes) else None
        if not (isinstance(it, ast.Range) and width is not None):
            return
        full = type_range(*width)
        start = self.interval(it.start) if it.start is not None else Interval(0, 0)
        end = self.interval(it.end) if it.end is not None else None
        lo = start.lo if start is not None else full.lo
        hi = (end.hi if it.inclusive else end.hi - 1) if end is not None else full.hi - (0 if it.inclusive else 1)
        if lo <= hi:
            self.ranges[id(res.local)] = Interval(lo, hi)  # type: ignore[union-attr]

    def _for_body(self, binds, body: ast.Block) -> None:
        if binds is not None:
            binds()
        self.into(body, DISCARD)

    def for_iterable(self, e: ast.For) -> py.expr:
        it = e.iterable
        t = strip(self.ty(it))
        value = self.expr(it)
        name = builtin_name(t)
        if name == "Vec" and is_value_ref(self.ty(e.pattern)):  # `L x in v` over `&mut Vec<i64>`: `*x += 1`
            return P.call(self.rt("vec_iter_mut"), value, P.const(True))
        mutated = self.body_mutates(e.body, it)
        if name == "HashMap":
            items = P.call(P.attr(value, "items"))
            return P.call("list", items) if mutated else items
        if name in ("Vec", "HashSet") and mutated:
            return P.call("list", value)
        if name == "Option":
            return P.call(self.rt("option_iter"), value)
        return self.as_iter(it, value)

    def as_iter(self, e: ast.Expr, value: py.expr) -> py.expr:
        """`value` (the lowered `e`) where an Iter is needed: a user iterator becomes a generator calling
        its `next`; anything else is already iterable. The generator drives a copy of the iterator
        (the variable keeps its state, as Vais values do), the iterator itself only through a `&mut`."""
        t = self.ty(e)
        base = strip(t)
        if not isinstance(base, Adt):
            return value
        if base.info.builtin:  # an Option, Result or HashMap given as an Iter: its payload / its pairs
            convert = _ITER_OF.get(base.info.name)
            return P.call(self.rt(convert), value) if convert is not None else value
        cand = self.gen.sema.traits.lookup_method(base, "next")
        if cand is None:
            return value
        next_fn = self.gen.instance_name(cand.fn, {p: zonk(v) for p, v in cand.mapping.items()}, None)
        outer = prune(t)
        if not (isinstance(outer, Ref) and outer.mutable) and (self.is_place(e) or isinstance(e, ast.Unary)):
            value = self.copy_value(value, base)
        if not mutable_in_place(base):
            value = P.call(self.rt("Cell"), value)  # `&mut self` of an enum or unit struct travels in a Cell
        return P.call(self.rt("user_iter"), value, P.name(next_fn))

    def for_target(self, pat: ast.Pattern):
        """A Python loop target for simple patterns, else a temporary plus a binding step."""
        if isinstance(pat, ast.IdentPat) and isinstance(pat.res, LocalRes) and pat.sub is None:
            return P.store(self.local_name(pat.res.local)), None
        if isinstance(pat, ast.WildcardPat):
            return P.store("_"), None
        if isinstance(pat, ast.TuplePat) and all(
                isinstance(p, ast.WildcardPat) or (isinstance(p, ast.IdentPat) and isinstance(p.res, LocalRes)
                                                   and p.sub is None) for p in pat.elems):
            elts = [P.store("_") if isinstance(p, ast.WildcardPat) else P.store(self.local_name(p.res.local))
                    for p in pat.elems]
            return py.Tuple(elts, P.STORE), None
        tmp = self.tmp("it")
        return P.store(tmp), lambda: self.bind_pattern(pat, P.name(tmp))

    def body_mutates(self, body: ast.Node, iterable: ast.Expr) -> bool:
        """Whether the loop body may change the collection being iterated (then iterate a snapshot)."""
        root = iterable
        while isinstance(root, (ast.Field, ast.Index, ast.MethodCall)) or (
                isinstance(root, ast.Unary) and root.op in ("&", "&mut", "*")):
            root = root.operand if isinstance(root, ast.Unary) else root.receiver
        res = getattr(root, "res", None)
        if not isinstance(res, LocalRes):
            return not isinstance(iterable, (ast.Call, ast.ArrayLit, ast.MethodCall))
        local = res.local
        if not (local.assigned or local.kind == "param" or local.kind == "self"):
            return False
        for node in ast.walk(body):
            if isinstance(node, (ast.Assign, ast.MethodCall, ast.Unary, ast.Call)):
                for sub in ast.walk(node):
                    if isinstance(sub, ast.Name) and isinstance(getattr(sub, "res", None), LocalRes) and \
                            sub.res.local is local:
                        return True
        return False

    def _into_Break(self, e: ast.Break, dest: Dest) -> None:
        loop = self.loops[-1]
        if e.value is not None:
            if loop.result is not None:
                self.into(e.value, store(loop.result), copy=True)
            else:
                self.into(e.value, DISCARD)
        elif loop.result is not None:
            self.emit(P.assign(loop.result, P.const(None)))
        self.emit(py.Break(), e.span)

    def _into_Continue(self, e: ast.Continue, dest: Dest) -> None:
        self.emit(py.Continue(), e.span)

    def _into_Return(self, e: ast.Return, dest: Dest) -> None:
        if e.value is None:
            self.emit(py.Return(P.const(None)), e.span)
        else:
            self.into(e.value, RETURN)

    # -- assignment -----------------------------------------------------------------------------

    def _into_Assign(self, e: ast.Assign, dest: Dest) -> None:
        if isinstance(e.res, CompoundRes) and self.compound_is_call(e.res):
            self.into(e.res.call, DISCARD)  # `a += b` through the user's `add_assign(&mut self, b)`
        elif isinstance(e.res, OperatorRes):
            self.assign_place(e.target, lambda current: self.operator_call_values(e.res, current, e.value), e.span)
        elif e.op == "=":
            value = self.value_copy(e.value)
            self.assign_place(e.target, lambda current: value, e.span, needs_current=False)
        else:
            op = e.op[:-1]
            ty = self.ty(e.target)

            def combine(current: py.expr) -> py.expr:
                user = self.user_operator_fn(_OPERATOR_METHODS.get(op), ty)
                if user is not None:  # a generic `T: Add` that is a user type here
                    return P.call(user, current, self.value_copy(e.value))
                rhs = self.expr(e.value)
                if op in _INT_OPS and int_width(ty) == (64, True):
                    return self.int_wrap(P.binop(current, _INT_OPS[op], rhs), ty,
                                         self.update_bounds(op, e.target, e.value))
                return self.arith(op, current, rhs, ty, e.value, e.target)

            self.assign_place(e.target, combine, e.span)
        self.deliver(P.const(None), dest)

    def update_bounds(self, op: str, target: ast.Expr, value: ast.Expr) -> Interval | None:
        """The range of `target op value` for a compound assignment, when it tells something."""
        current, step = self.interval(target), self.interval(value)
        if step is None:
            return None
        if current is not None:
            return current + step if op == "+" else current - step if op == "-" else current * step
        if op == "*":
            return None
        # target unknown (any i64): adding a non-negative step can only overflow upwards, etc.
        delta = step if op == "+" else -step
        return Interval(I64_MIN + min(delta.lo, 0), I64_MAX + max(delta.hi, 0))

    def compound_is_call(self, res: CompoundRes) -> bool:
        """Does `a += b` reach a user `add_assign` here? In a generic `T: AddAssign` instantiated with a
        number it reaches the trait's declaration only, and is the arithmetic `a = a + b`."""
        target = resolve_target(self.gen.sema, res.call.res, self.mapping)
        return target is not None and target[0].decl.body is not None

    def operator_call_values(self, res: OperatorRes, current: py.expr, value: ast.Expr) -> py.expr:
        return P.call(self.target_name(res), current, self.value_copy(value))

    def assign_place(self, target: ast.Expr, compute, span, needs_current: bool = True) -> None:
        """Store `compute(current value)` into a place (variable, global, field, element, deref)."""
        res = getattr(target, "res", None)
        if isinstance(target, ast.Name) and isinstance(res, LocalRes):
            local = res.local
            name = self.local_name(local)
            if self.is_cell(local):
                cell = P.name(name)
                self.emit(py.Assign([P.attr_store(cell, "value")], compute(P.attr(cell, "value"))), span)
            else:
                self.emit(P.assign(name, compute(P.name(name))), span)
            return
        if isinstance(target, ast.Name) and isinstance(res, ConstRes):
            name = self.gen.const_name(res.const)
            self.globals_assigned.add(name)
            self.emit(P.assign(name, compute(P.name(name))), span)
            return
        if isinstance(target, ast.Field):
            fres = target.res
            if isinstance(strip(self.ty(target.receiver)), Tuple):
                obj: py.expr = P.const(None)
            else:
                obj = self.spill(self.expr(target.receiver), "o")
            assert isinstance(fres, FieldRes)
            base = strip(self.ty(target.receiver))
            if isinstance(base, Tuple):  # tuples are immutable at run time: rebuild the whole tuple
                index = fres.index
                size = len(base.elems)

                def rebuilt(current: py.expr) -> py.expr:
                    element = py.Subscript(current, P.const(index), P.LOAD)
                    items = [compute(element) if i == index else py.Subscript(current, P.const(i), P.LOAD)
                             for i in range(size)]
                    return P.tuple_(items)

                self.assign_place(target.receiver, rebuilt, span)
                return
            attr = ("_" + fres.name) if fres.name.isdigit() else fres.name
            current = P.attr(obj, attr) if needs_current else P.const(None)
            self.emit(py.Assign([P.attr_store(obj, attr)], compute(current)), span)
            return
        if isinstance(target, ast.Index):
            recv = self.spill(self.expr(target.receiver), "o")
            index = self.spill(self.expr(target.index), "i")
            is_map = builtin_name(strip(self.ty(target.receiver))) == "HashMap"
            if is_map or self.known_non_negative(target.index):
                current = py.Subscript(recv, index, P.LOAD) if needs_current else P.const(None)
                self.emit(py.Assign([py.Subscript(recv, index, P.STORE)], compute(current)), span)
            else:  # a negative index panics (index_set) instead of counting from the end
                current = py.Subscript(recv, index, P.LOAD) if needs_current else P.const(None)
                value = self.spill(compute(current), "x")
                fast = py.Assign([py.Subscript(recv, index, P.STORE)], value)
                slow = P.expr_stmt(P.call(self.rt("index_set"), recv, index, value))
                self.emit(P.if_(P.compare(index, py.GtE(), P.const(0)), [fast], [slow]), span)
            return
        if isinstance(target, ast.Unary) and target.op == "*":
            inner = target.operand
            ires = getattr(inner, "res", None)
            if isinstance(ires, LocalRes) and self.is_cell(ires.local):
                cell = P.name(self.local_name(ires.local))
                self.emit(py.Assign([P.attr_store(cell, "value")], compute(P.attr(cell, "value"))), span)
                return
            if not isinstance(inner, ast.Unary) and is_value_ref(self.ty(inner)):
                self.assign_through_ref(inner, compute, span, needs_current)
                return
            if mutable_in_place(self.ty(target)):
                obj = self.spill(self.expr(inner), "o")
                value = compute(obj)
                if builtin_name(strip(self.ty(target))) in ("Vec",):
                    self.emit(py.Assign([py.Subscript(obj, py.Slice(None, None, None), P.STORE)], value), span)
                else:
                    self.emit(P.expr_stmt(P.call(self.rt("assign_in_place"), obj, value)), span)
                return
            self.assign_place(inner, compute, span, needs_current)
            return
        if target.__class__ in _YIELDS_PLACE and self.yields_place(target):  # a rebind through `&mut`
            self.assign_through_ref(target, compute, span, needs_current)
            return
        if isinstance(target, ast.SelfRecur):
            raise NotImplementedError("assignment to @")
        raise NotImplementedError(f"assignment to {type(target).__name__}")

    def assign_through_ref(self, ref: ast.Expr, compute, span, needs_current: bool) -> None:
        """`*r = v` / `*r += v` where `r` yields a place object (`*m.get_mut(k).unwrap() += 1`)."""
        if self.assign_entry_slot(ref, compute, span, needs_current):
            return
        obj = self.spill(self.ref_expr(ref), "r")
        current = P.attr(obj, "value") if needs_current else P.const(None)
        self.emit(py.Assign([P.attr_store(obj, "value")], compute(current)), span)

    def assign_entry_slot(self, ref: ast.Expr, compute, span, needs_current: bool) -> bool:
        """The counting idiom `*m.entry(k).or_insert(v) += x` straight on the dict, without the entry
        and place objects: `m[k] = m.get(k, v) + x`."""
        if not (isinstance(ref, ast.MethodCall) and ref.name == "or_insert" and _builtin_call(ref, "entry")):
            return False
        entry = ref.receiver
        if not (isinstance(entry, ast.MethodCall) and entry.name == "entry" and _builtin_call(entry, "map")):
            return False
        args = [entry.receiver, entry.args[0], ref.args[0]]
        values = self.exprs(args, [False] + [needs_copy(self.ty(a)) and self.is_place(a) for a in args[1:]])
        m, k, default = (self.spill(v, "m") for v in values)
        current = P.call(P.attr(m, "get"), k, default) if needs_current else P.const(None)
        self.emit(py.Assign([py.Subscript(m, k, P.STORE)], compute(current)), span)
        return True

    # -- closures -------------------------------------------------------------------------------

    def _e_Closure(self, e: ast.Closure) -> py.expr:
        res = e.res
        assert isinstance(res, ClosureRes)
        fn_type = prune(self.ty(e))
        ret = fn_type.ret if hasattr(fn_type, "ret") else NEVER
        name = self.tmp("closure")
        params, prologue = [], []
        for p in e.params:
            pat = p.pattern
            if isinstance(pat, ast.IdentPat) and isinstance(pat.res, LocalRes) and pat.sub is None:
                params.append(py.arg(self.local_name(pat.res.local)))
            else:
                tmp = self.tmp("p")
                params.append(py.arg(tmp))
                prologue.append((pat, tmp))
        snapshot = [c for c in res.captures if e.is_move or not c.mutable]
        inner_body = self.lower_nested(e.body, ret, prologue)
        nonlocals = [self.local_name(c) for c in res.captures if id(c) in res.assigned]
        if nonlocals:
            inner_body.insert(0, py.Nonlocal(nonlocals))
        inner = py.FunctionDef(name, py.arguments([], params, None, [], [], None, []), inner_body, [], None)
        if not snapshot:
            self.emit(inner, e.span)
            return P.name(name)
        factory = name + "_mk"
        args = [py.arg(self.local_name(c)) for c in snapshot]
        self.emit(py.FunctionDef(factory, py.arguments([], args, None, [], [], None, []),
                                 [P.located(inner, e.span), py.Return(P.name(name))], [], None), e.span)
        values = []
        for c in snapshot:
            v = P.name(self.local_name(c))
            values.append(P.call(self.rt("Cell"), P.attr(v, "value")) if id(c) in self.boxed and self.is_cell(c)
                          else v)  # a reference is captured as the reference; a boxed local by value
        return P.call(factory, *values)

    def lower_nested(self, body: ast.Expr, ret: Type, prologue) -> list[py.stmt]:  # overridden
        raise NotImplementedError


# expressions whose value may be a place object (see `yields_place`)
_YIELDS_PLACE = frozenset({ast.MethodCall, ast.Call, ast.Unwrap, ast.Try, ast.Field})


def _builtin_call(e: ast.MethodCall, group: str) -> bool:
    """Whether `e` calls a built-in method of runtime group `group` (`map`, `entry`, ...)."""
    res = e.res
    return isinstance(res, MethodRes) and not res.static and res.candidate.fn.builtin and \
        builtin_group(res.candidate.fn) == group
