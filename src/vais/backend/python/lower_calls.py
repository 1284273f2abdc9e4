"""Lowering of calls: user functions and methods (static dispatch to the monomorphised instance),
built-in methods (runtime functions `G_m`, with inlined fast paths), constructors, closures,
`&mut` arguments, and the compiler intrinsics (printing, `Str`, `len`, asserts, ...)."""

from __future__ import annotations

import ast as py

from vais.backend.python import pyast as P
from vais.backend.python.classes import struct_class_name, variant_class_name
from vais.backend.python.lower_expr import ExprLowerer
from vais.backend.python.typeinfo import (
    builtin_group,
    builtin_name,
    float_width,
    int_width,
    is_prim,
    is_value_ref,
    mutable_in_place,
    needs_copy,
    strip,
)
from vais.sema.items import FnInfo
from vais.sema.mono import resolve_target
from vais.sema.program import (
    FnRes,
    IntrinsicRes,
    LocalRes,
    MethodRes,
    StructRes,
    TemplateRes,
    VariantRes,
)
from vais.sema.types import NEVER, Adt, Dyn, FnType, Prim, Ref, Tuple, Type, prune, subst, zonk
from vais.syntax import ast
from vais.syntax.source import Span

PRINT_FNS = {"print": "fn_print", "println": "fn_println", "puts": "fn_println", "eprint": "fn_eprint",
             "eprintln": "fn_eprintln"}
# Built-in methods with a cheaper inline form: (group, method) -> builder(lowerer, receiver, args).
_INLINE = {
    ("vec", "len"): lambda lw, r, a: P.call("len", r),
    ("str", "len"): lambda lw, r, a: P.call("len", r),
    ("map", "len"): lambda lw, r, a: P.call("len", r),
    ("set", "len"): lambda lw, r, a: P.call("len", r),
    ("vec", "push"): lambda lw, r, a: P.call(P.attr(r, "append"), a[0]),
    ("vec", "is_empty"): lambda lw, r, a: py.UnaryOp(py.Not(), r),
    ("str", "is_empty"): lambda lw, r, a: py.UnaryOp(py.Not(), r),
    ("map", "is_empty"): lambda lw, r, a: py.UnaryOp(py.Not(), r),
    ("set", "is_empty"): lambda lw, r, a: py.UnaryOp(py.Not(), r),
    ("vec", "contains"): lambda lw, r, a: py.Compare(a[0], [py.In()], [r]),
    ("map", "contains_key"): lambda lw, r, a: py.Compare(a[0], [py.In()], [r]),
    ("set", "contains"): lambda lw, r, a: py.Compare(a[0], [py.In()], [r]),
    ("vec", "clear"): lambda lw, r, a: P.call(P.attr(r, "clear")),
    ("vec", "reverse"): lambda lw, r, a: P.call(P.attr(r, "reverse")),
    ("vec", "iter"): lambda lw, r, a: P.call("iter", r),
    ("map", "get_or"): lambda lw, r, a: P.call(P.attr(r, "get"), a[0], a[1]),
    ("option", "unwrap_or"): lambda lw, r, a: _unwrap_or(lw, r, a[0]),
    ("option", "is_some"): lambda lw, r, a: py.Compare(r, [py.IsNot()], [P.const(None)]),
    ("option", "is_none"): lambda lw, r, a: P.is_none(r),
    ("result", "is_ok"): lambda lw, r, a: P.class_is(r, lw.rt("Ok")),
    ("result", "is_err"): lambda lw, r, a: P.class_is(r, lw.rt("Err")),
}
_STATIC_INLINE = {
    ("vec", "new"): lambda lw, a: py.List([], P.LOAD),
    ("vec", "with_capacity"): lambda lw, a: py.List([], P.LOAD),
    ("map", "new"): lambda lw, a: py.Dict([], []),
    ("map", "with_capacity"): lambda lw, a: py.Dict([], []),
    ("set", "new"): lambda lw, a: py.Dict([], []),
    ("set", "with_capacity"): lambda lw, a: py.Dict([], []),
    ("box", "new"): lambda lw, a: a[0],
    ("str", "new"): lambda lw, a: P.const(""),
}


def _unwrap_or(lw, option: py.expr, default: py.expr) -> py.expr:
    """`o.unwrap_or(d)` without a call: `d if o is None else o.value` (d evaluated only if needed,
    which is unobservable: Vais arguments here are values)."""
    o = option if isinstance(option, py.Name) else lw.spill(option, "o")
    return py.IfExp(P.is_none(o), default, P.attr(o, "value"))


# Built-in methods whose result is thrown away, with a cheaper statement form.
_DISCARDED = {
    ("map", "insert"): lambda lw, r, a: py.Assign([py.Subscript(r, a[0], P.STORE)], a[1]),
    ("set", "insert"): lambda lw, r, a: py.Assign([py.Subscript(r, a[0], P.STORE)], P.const(None)),
}


def _element_type(container: Type) -> Type:
    """What a `#[place]` method hands out `&mut` of: T of Vec<T>, V of HashMap<K, V> and Entry<K, V>."""
    t = strip(container)
    assert isinstance(t, Adt) and t.args, container
    return t.args[-1]


# The comparison methods of `PartialEq`/`PartialOrd` as Python operators.
_COMPARISON_METHODS: dict[str, py.cmpop] = {
    "eq": py.Eq(), "ne": py.NotEq(), "lt": py.Lt(), "le": py.LtE(), "gt": py.Gt(), "ge": py.GtE(),
}


def has_attr(fn: FnInfo, name: str) -> bool:
    return any(a.name == name for a in fn.decl.attrs)


class CallLowerer(ExprLowerer):
    def target_name(self, res) -> str:
        target = resolve_target(self.gen.sema, res, self.mapping)
        assert target is not None, res
        fn, mapping, template = target
        return self.gen.instance_name(fn, mapping, template)

    def fn_value(self, e: ast.Expr, res) -> py.expr:
        """A function used as a value: its generated function, or for a built-in (`i64::max`,
        `f64::sqrt`, `Str::len`, which have no generated function) a lambda making the call."""
        fn = res.fn if isinstance(res, FnRes) else res.candidate.fn if isinstance(res, MethodRes) else None
        if fn is None or not (fn.builtin or fn.intrinsic):
            return P.name(self.target_name(res))
        fn_type = strip(self.ty(e))
        assert isinstance(fn_type, FnType), fn_type
        names = [f"a{i}" for i in range(len(fn_type.params))]
        values: list[py.expr] = [P.name(n) for n in names]
        if isinstance(res, FnRes):
            body = self.builtin_function_values(res, values)
        else:
            body = self.builtin_static_values(fn, res, values)
        return P.lambda_(names, body)

    # -- arguments ------------------------------------------------------------------------------

    def coerce_error(self, value: py.expr, actual: Type, expected: Type | None) -> py.expr:
        """A `Str` used where the std `Error` is expected becomes an Error with that message."""
        if expected is not None and builtin_name(expected) == "Error" and is_prim(actual, "str"):
            return P.call(self.rt("VaisError"), value)
        return value

    def call_args(self, param_types: list[Type], args: list[ast.Expr], mutable_params: list[bool] | None = None):
        """Lower arguments for parameters of the given types. `&mut` of a value that cannot change in
        place travels in a Cell and is written back after the call (returned as writebacks)."""
        values: list[ast.Expr | None] = []
        cells: list[tuple[int, ast.Expr]] = []
        copies: list[bool] = []
        param_types = list(param_types) + [NEVER] * (len(args) - len(param_types))
        for i, (pt, a) in enumerate(zip(param_types, args, strict=False)):
            p = prune(pt)
            by_cell = isinstance(p, Ref) and p.mutable and not mutable_in_place(p.inner) and not isinstance(
                strip(self.ty(a)), FnType)
            if by_cell or (a.__class__ is not ast.Unary and is_value_ref(self.ty(a))):  # or a reference passed on
                cells.append((i, a))
                values.append(None)
                copies.append(False)
            else:
                values.append(a)
                copies.append(bool(mutable_params and i < len(mutable_params) and mutable_params[i]))
        lowered = self.exprs([a for a in values if a is not None], [c for a, c in zip(values, copies, strict=True)
                                                                     if a is not None])
        it = iter(lowered)
        out: list[py.expr] = []
        lowered_args = [a for a in values if a is not None]
        for k, (a, pt) in enumerate((a, pt) for a, pt in zip(values, param_types, strict=False) if a is not None):
            lowered[k] = self.coerce_error(lowered[k], self.ty(a), prune(pt))
            if builtin_name(pt) == "Iter":
                lowered[k] = self.as_iter(a, lowered[k])
        del lowered_args
        it = iter(lowered)
        writebacks: list[tuple[ast.Expr, str]] = []
        cell_map = dict(cells)
        for i, a in enumerate(values):
            if a is not None:
                out.append(next(it))
                continue
            arg = cell_map[i]
            if not isinstance(arg, ast.Unary) and is_value_ref(self.ty(arg)):
                out.append(self.ref_expr(arg))
                continue
            place = arg.operand if isinstance(arg, ast.Unary) and arg.op in ("&mut", "&") else arg
            pres = getattr(place, "res", None)
            if isinstance(pres, LocalRes) and self.is_cell(pres.local):
                out.append(P.name(self.local_name(pres.local)))  # re-borrow the caller's own cell
                continue
            cell = self.tmp("cell")
            self.emit(P.assign(cell, P.call(self.rt("Cell"), self.expr(place))))
            out.append(P.name(cell))
            if self.is_place(place):  # (`&mut Str::new()`: a temporary, nothing to write back)
                writebacks.append((place, cell))
        return out, writebacks

    def finish_call(self, call: py.expr, writebacks: list[tuple[ast.Expr, str]], span) -> py.expr:
        if not writebacks:
            return call
        result = self.tmp("res")
        self.emit(P.assign(result, call), span)
        for place, cell in writebacks:
            self.assign_place(place, lambda current, c=cell: P.attr(P.name(c), "value"), span, needs_current=False)
        return P.name(result)

    def builtin_iter_args(self, fn: FnInfo, args: list[ast.Expr], values: list[py.expr]) -> list[py.expr]:
        """User iterators given for a built-in's `Iter<T>` parameters (`self` of Iter's methods included)
        become Iters: `Vec::from(counter)`, `counter.map(f)`, `xs.iter().zip(counter)`."""
        params = [p.ty for p in fn.params]
        return [self.as_iter(a, v) if i < len(params) and builtin_name(params[i]) == "Iter" else v  # type: ignore[arg-type]
                for i, (a, v) in enumerate(zip(args, values, strict=True))]

    # -- calls ----------------------------------------------------------------------------------

    def _e_Call(self, e: ast.Call) -> py.expr:
        res = e.res
        if isinstance(res, IntrinsicRes):
            return self.intrinsic(e, res, e.args)
        if isinstance(res, VariantRes):
            return self.construct_variant(res, e.args)
        if isinstance(res, StructRes):
            return P.call(struct_class_name(res.info), *self.exprs(e.args, [True] * len(e.args)))
        if isinstance(res, MethodRes) and res.static:
            return self.static_call(e, res, e.args)
        if isinstance(res, FnRes) and res.fn.builtin:
            return self.builtin_function(res, e.args)
        if isinstance(res, (FnRes, TemplateRes, MethodRes)):
            params, muts = self.signature(res)
            call_args = list(e.args)
            if isinstance(res, FnRes) and res.recursive and res.fn.self_kind is not None:
                self_ref = ast.SelfRecur(e.callee.span)  # `@(args)` in a method passes self along
                self_ref.res = LocalRes(next(p for p in self.checked.params if p.kind == "self"))
                self_ref.ty = params[0]
                call_args = [self_ref, *call_args]
            args, writebacks = self.call_args(params, call_args, muts)
            return self.finish_call(P.call(self.target_name(res), *args), writebacks, e.span)
        callee = self.expr(e.callee)
        fn_type = prune(strip(self.ty(e.callee)))
        params = list(fn_type.params) if isinstance(fn_type, FnType) else []
        args, writebacks = self.call_args(params, e.args)
        return self.finish_call(P.call(callee, *args), writebacks, e.span)

    def signature(self, res) -> tuple[list[Type], list[bool]]:
        """Concrete parameter types of a resolved call (without the receiver for methods)."""
        if isinstance(res, TemplateRes):
            inst = res.instance
            params = inst.param_types
            muts = [p.mutable for p in inst.fn.params]
            return list(params), muts
        target = resolve_target(self.gen.sema, res, self.mapping)
        assert target is not None
        fn, mapping, template = target
        if template is not None:
            return list(template.param_types), [p.mutable for p in fn.params]
        params = [zonk(subst(p.ty, mapping)) for p in fn.params if p.ty is not None]
        muts = [p.mutable for p in fn.params]
        return params, muts

    def construct_variant(self, res: VariantRes, args: list[ast.Expr]) -> py.expr:
        values = self.values_or_refs(args)
        variant = res.variant
        if variant.enum.builtin:
            if variant.name == "Err" and values:
                payload_type = self.concrete(res.type_args[1]) if len(res.type_args) > 1 else None
                values[0] = self.coerce_error(values[0], self.ty(args[0]), payload_type)
            return P.call(self.rt(variant.name), *values)
        return P.call(variant_class_name(variant), *values)

    def static_call(self, e: ast.Expr, res: MethodRes, args: list[ast.Expr]) -> py.expr:
        fn = res.candidate.fn
        if fn.intrinsic and fn.name == "default" and not args:
            target = resolve_target(self.gen.sema, res, self.mapping)
            if target is None or target[0].intrinsic:  # no user `X T: Default` impl: the type's zero value
                return self.default_value(self.concrete(res.candidate.self_type))
            fn = target[0]
        if fn.builtin or fn.intrinsic:
            return self.builtin_static_values(fn, res, self.builtin_iter_args(fn, args, self.exprs(args, [True] * len(args))))
        params, muts = self.signature(res)
        values, writebacks = self.call_args(params, args, muts)
        return self.finish_call(P.call(self.target_name(res), *values), writebacks, e.span)

    def builtin_static_values(self, fn: FnInfo, res: MethodRes, values: list[py.expr]) -> py.expr:
        """`Type::f(values)` of a built-in: its inline form or its runtime function `G_f`; a std
        trait's method called by path (`Rc::clone(&r)`, `i64::to_string(&n)`) as the method."""
        if fn.intrinsic and fn.self_kind is not None and values:
            return self.intrinsic_method(fn.name, values[0], self.concrete(res.candidate.self_type), values[1:])
        group = builtin_group(fn)
        inline = _STATIC_INLINE.get((group, fn.name))  # type: ignore[arg-type]
        if inline is not None:
            return inline(self, values)
        extra = self.width_args(fn, res, None)
        return P.call(self.rt(f"{group}_{fn.name}"), *values, *extra)

    def default_value(self, t: Type) -> py.expr:
        """`T::default()` for a type without a user `Default` impl: Rust's zero values, field by field
        for a `#[derive(Default)]` struct."""
        t = strip(t)
        if isinstance(t, Prim):
            zero = {"int": 0, "float": 0.0, "bool": False, "char": "\0", "str": ""}.get(t.kind)
            return P.const(zero)
        if isinstance(t, Tuple):
            return py.Tuple([self.default_value(x) for x in t.elems], py.Load())
        if isinstance(t, Adt) and t.info.builtin:
            name = t.info.name
            if name in ("Vec", "HashMap", "HashSet"):
                return py.List([], py.Load()) if name == "Vec" else py.Dict([], [])
            if name in ("Box", "Rc") and t.args:
                return self.default_value(t.args[0])
            if name == "Duration":
                return P.call(self.rt("Duration"), P.const(0))
            return P.const(None)  # Option: None
        if isinstance(t, Adt) and not t.info.is_enum:
            target = self.gen.sema.traits.lookup_method(t, "default")
            if target is not None and not target.fn.intrinsic:  # a field whose type has its own impl
                mapping = {p: zonk(subst(x, self.mapping)) for p, x in target.mapping.items()}
                return P.call(self.gen.instance_name(target.fn, mapping, None))
            sub = dict(zip(t.info.generics, t.args, strict=False))
            return P.call(struct_class_name(t.info), *[self.default_value(subst(f.ty, sub)) for f in t.info.fields])
        raise NotImplementedError(f"default value of {t}")

    def sqrt(self, value: py.expr) -> py.expr:
        """f64 square root inline: math.sqrt, with NaN (not an exception) for negative input."""
        x = value if isinstance(value, py.Name) else None
        if x is None:
            name = self.tmp("s")
            test = P.compare(P.walrus(name, value), py.GtE(), P.const(0.0))
            x = P.name(name)
        else:
            test = P.compare(x, py.GtE(), P.const(0.0))
        nan = self.gen.literal_constant("nan", P.call("float", P.const("nan")))
        return py.IfExp(test, P.call(self.gen.python_import("math", "sqrt"), x), nan)

    def builtin_function(self, res: FnRes, args: list[ast.Expr]) -> py.expr:
        fn = res.fn
        if any(isinstance(p.ty, Ref) and p.ty.mutable for p in fn.params):  # `swap(&mut a, &mut b)`
            params, muts = self.signature(res)
            values, writebacks = self.call_args(params, args, muts)
            return self.finish_call(P.call(self.rt(f"fn_{fn.name}"), *values), writebacks, args[0].span)
        return self.builtin_function_values(res, self.exprs(args))

    def builtin_function_values(self, res: FnRes, values: list[py.expr]) -> py.expr:
        fn = res.fn
        if fn.name == "sqrt" and len(values) == 1:
            return self.sqrt(values[0])
        extra: list[py.expr] = []
        if has_attr(fn, "width") and res.type_args:
            extra = self.width_of(self.concrete(res.type_args[0]))
        return P.call(self.rt(f"fn_{fn.name}"), *values, *extra)

    def width_of(self, t: Type) -> list[py.expr]:
        t = strip(t)
        if isinstance(t, Prim) and t.kind == "int":
            return [P.const(t.bits), P.const(t.signed)]
        if isinstance(t, Prim) and t.kind == "float":
            return [P.const(t.bits), P.const(None)]
        return [P.const(64), P.const(True)]

    def width_args(self, fn: FnInfo, res: MethodRes, receiver_type: Type | None) -> list[py.expr]:
        if not has_attr(fn, "width"):
            return []
        group = builtin_group(fn)
        if group in ("int", "float", "ord") or receiver_type is None:
            subject = receiver_type if receiver_type is not None else self.concrete(res.candidate.self_type)
        else:
            rt = strip(receiver_type)
            if isinstance(rt, Adt) and not rt.info.builtin:  # a user iterator: the width of its items
                rt = Adt(self.gen.sema.ctx.type_info("Iter"), (self.gen.sema.traits.iterator_item(rt) or rt,))
            subject = rt.args[0] if isinstance(rt, Adt) and rt.args else rt
            if isinstance(rt, Adt) and rt.info.name == "HashMap":
                subject = rt.args[0]
        return self.width_of(subject)

    # -- methods --------------------------------------------------------------------------------

    def _e_MethodCall(self, e: ast.MethodCall) -> py.expr:
        res = e.res
        if isinstance(res, IntrinsicRes):  # `x.into()` by a std conversion
            return self.into_value(e)
        if isinstance(res, MethodRes) and res.static and e.name == "into":  # by the user's `From` impl
            return P.call(self.target_name(res), *self.exprs([e.receiver], [True]))
        if isinstance(res, VariantRes):
            return self.construct_variant(res, e.args)
        if isinstance(res, MethodRes) and res.static:
            return self.static_call(e, res, e.args)
        if isinstance(res, StructRes):  # a closure stored in a field
            recv = self.expr(e.receiver)
            return P.call(P.attr(recv, e.name), *self.exprs(e.args))
        if isinstance(res, TemplateRes):
            params = res.instance.param_types
            values, writebacks = self.call_args(params, [e.receiver, *e.args])
            return self.finish_call(P.call(self.target_name(res), *values), writebacks, e.span)
        assert isinstance(res, MethodRes), (e.name, res)
        if isinstance(strip(self.ty(e.receiver)), Dyn):  # trait object: Python's own method dispatch
            recv, *args = self.exprs([e.receiver, *e.args], [False] + [True] * len(e.args))
            return P.call(P.attr(recv, e.name), *args)
        target = resolve_target(self.gen.sema, res, self.mapping)
        fn = target[0] if target is not None else res.candidate.fn
        if fn.builtin or fn.intrinsic:
            return self.builtin_method(e, fn, res)
        params, muts = self.signature(res)
        recv_type = params[0] if params else None
        if fn.self_kind == "value" and recv_type is not None and needs_copy(recv_type):
            muts = [True, *muts[1:]]
        values, writebacks = self.call_args(params, [e.receiver, *e.args], muts)
        return self.finish_call(P.call(self.target_name(res), *values), writebacks, e.span)

    def into_value(self, e: ast.MethodCall) -> py.expr:
        """`x.into()` as the checker accepted it: a number into a float, a Str into an Error, a value
        into `Some`, anything else (the same type, a wider integer, a Box) unchanged."""
        source, target = strip(self.ty(e.receiver)), strip(self.ty(e))
        value = self.exprs([e.receiver], [True])[0]
        if is_prim(target, "float") and not is_prim(source, "float"):
            return P.call("float", value)
        if builtin_name(target) == "Error" and is_prim(source, "str"):
            return P.call(self.rt("VaisError"), value)
        if builtin_name(target) == "Option" and builtin_name(source) != "Option":
            return P.call(self.rt("Some"), value)
        return value

    def discarded_call(self, e: ast.Expr) -> bool:
        """Lower a built-in method call whose value is unused through `_DISCARDED`, if listed."""
        if not isinstance(e, ast.MethodCall) or not isinstance(e.res, MethodRes) or e.res.static:
            return False
        fn = e.res.candidate.fn
        builder = _DISCARDED.get((builtin_group(fn), fn.name)) if fn.builtin else None  # type: ignore[arg-type]
        if builder is None:
            return False
        copies = [False] + [needs_copy(self.ty(a)) and self.is_place(a) for a in e.args]
        recv, *args = self.exprs([e.receiver, *e.args], copies)
        self.emit(builder(self, recv, args), e.span)
        return True

    def intrinsic_method(self, name: str, recv: py.expr, recv_type: Type, args: list[py.expr]) -> py.expr:
        """`clone`, `to_string` and the std comparison traits' methods, of any type."""
        if name == "clone":
            return self.copy_value(recv, recv_type) if needs_copy(recv_type) else recv
        if name == "to_string":
            return self.to_str(recv, recv_type)
        return self.std_trait_method(name, recv, args[0])

    def builtin_method(self, e: ast.MethodCall, fn: FnInfo, res: MethodRes) -> py.expr:
        recv_type = self.ty(e.receiver)
        name = fn.name
        if fn.intrinsic:
            return self.intrinsic_method(name, self.expr(e.receiver), recv_type, self.exprs(e.args[:1]))
        group = builtin_group(fn)
        if group is None and fn.owner is not None and getattr(fn.owner, "name", "") == "Display":
            return P.call(self.target_name(res), self.expr(e.receiver))
        copies = [False] + [needs_copy(self.ty(a)) and self.is_place(a) for a in e.args]
        values = self.builtin_iter_args(fn, [e.receiver, *e.args], self.exprs([e.receiver, *e.args], copies))
        recv, args = values[0], values[1:]
        inline = _INLINE.get((group, name))  # type: ignore[arg-type]
        if inline is not None:
            return inline(self, recv, args)
        if (group, name) == ("float", "sqrt") and float_width(recv_type) == 64:
            return self.sqrt(recv)
        if name == "parse":
            parser = self.user_from_str(self.ty(e))
            if parser is not None:  # `s.parse::<Meters>()` with `X Meters: FromStr { ... }`
                return P.call(parser, recv)
        extra = self.width_args(fn, res, recv_type)
        if has_attr(fn, "target"):
            extra.append(P.const(self.target_kind(name, self.ty(e))))
        if has_attr(fn, "place"):
            element = _element_type(recv_type)
            extra.append(P.const(is_value_ref(Ref(element, True))))
            if has_attr(fn, "default"):
                extra.append(self.default_value(element))
        if has_attr(fn, "default") and not has_attr(fn, "place"):  # `unwrap_or_default`: the payload's default
            payload = strip(recv_type)
            assert isinstance(payload, Adt) and payload.args, recv_type
            extra.append(self.default_value(self.concrete(payload.args[0])))
        if group == "str" and any(isinstance(strip(self.ty(a)), FnType) for a in e.args):
            group = "pat"  # a char predicate as the pattern: `pat_split(s, pred)`
        call = P.call(self.rt(f"{group}_{name}"), recv, *args, *extra)
        if has_attr(fn, "rebind"):
            return self.rebind(e, call, fn)
        return call

    def std_trait_method(self, name: str, recv: py.expr, other: py.expr) -> py.expr:
        """`a.eq(&b)`, `a.lt(&b)`, `a.partial_cmp(&b)`, `a.hash(state)` ... of a type without a user
        method: Python's operators and hashing, which reach a user impl installed on the class
        (`ModuleGen._user_comparisons`)."""
        if name == "hash":
            return P.call(self.rt("hash_into"), other, recv)
        if name == "cmp":
            return P.call(self.rt("ord_cmp"), recv, other)
        if name == "partial_cmp":
            return P.call(self.rt("Some"), P.call(self.rt("ord_cmp"), recv, other))
        return P.compare(recv, _COMPARISON_METHODS[name], other)

    def user_from_str(self, result: Type) -> str | None:
        """The generated `from_str` of a user type that `parse()` (typed `result`, a Result) parses into."""
        t = strip(result)
        target = strip(t.args[0]) if isinstance(t, Adt) and t.args else None
        if not isinstance(target, Adt) or target.info.builtin:
            return None
        found = self.gen.sema.traits.lookup_method(target, "from_str")
        if found is None or found.fn.builtin or found.fn.intrinsic:
            return None
        mapping = {p: zonk(subst(x, self.mapping)) for p, x in found.mapping.items()}
        return self.gen.instance_name(found.fn, mapping, None)

    def target_kind(self, method: str, result: Type) -> str:
        """The extra argument of `#[target]` methods: what `parse` parses into, what `collect` builds."""
        t = strip(result)
        if method == "parse":
            inner = t.args[0] if isinstance(t, Adt) and t.args else t
            return str(strip(inner))
        name = builtin_name(t)
        if name == "Vec":
            return "vec"
        if name == "HashSet":
            return "set"
        if name == "HashMap":
            return "map"
        if is_prim(t, "str"):
            return "str"
        if name == "Option":
            return "option_vec"
        if name == "Result":
            return "result_vec"
        return "vec"

    def rebind(self, e: ast.MethodCall, call: py.expr, fn: FnInfo) -> py.expr:
        """`s.push_str(x)` on an immutable runtime value: the runtime returns the new receiver (and
        the method's result); store it back into the receiver's place."""
        returns_unit = isinstance(prune(fn.ret), Prim) and prune(fn.ret).kind == "unit"  # type: ignore[union-attr]
        if returns_unit:
            self.assign_place(e.receiver, lambda current: call, e.span, needs_current=False)
            return P.const(None)
        pair = self.tmp("pair")
        self.emit(P.assign(pair, call), e.span)
        self.assign_place(e.receiver, lambda current: py.Subscript(P.name(pair), P.const(0), P.LOAD), e.span,
                          needs_current=False)
        return py.Subscript(P.name(pair), P.const(1), P.LOAD)

    # -- intrinsics -----------------------------------------------------------------------------

    def _e_MacroCall(self, e: ast.MacroCall) -> py.expr:
        res = e.res
        if isinstance(res, ast.Expr):
            return self.expr(res)
        assert isinstance(res, IntrinsicRes), res
        if res.name == "span":
            values = [a.value for a in e.args]
            lowered = self.exprs(values)
            return lowered[-1] if lowered else P.const(None)
        return self.intrinsic(e, res, [a.value for a in e.args])

    def intrinsic(self, e: ast.Expr, res: IntrinsicRes, args: list[ast.Expr]) -> py.expr:
        name = res.name
        if name in PRINT_FNS or name in ("format", "panic"):
            text = self.format_args(args, res.holes) if args else None
            if name == "format":
                return text if text is not None else P.const("")
            if name == "panic":
                return P.call(self.rt("fn_panic"), *([text] if text is not None else []))
            return P.call(self.rt(PRINT_FNS[name]), *([text] if text is not None else []))
        if name in ("Str", "to_string"):
            return self.to_str(self.expr(args[0]), self.ty(args[0]))
        if name in ("len", "strlen"):
            return P.call("len", self.expr(args[0]))
        if name in ("min", "max"):
            return P.call(name, *self.exprs(args[:2]))
        if name == "abs":
            value = P.call("abs", self.expr(args[0]))
            width = int_width(self.ty(args[0]))
            return self.int_wrap(value, self.ty(args[0])) if width is not None and width[1] else value
        if name == "assert":  # the message is built only when the assertion fails
            message = (self.format_args(args[1:], res.holes) if len(args) > 1
                       else P.const(f"assertion failed: {source_text(args[0].span)}"))
            return py.IfExp(self.expr(args[0]), P.const(None), P.call(self.rt("fn_panic"), message))
        if name in ("assert_eq", "assert_ne"):
            a, b = self.exprs(args[:2])
            checked = [a, b, self.gen.descriptors.of(self.ty(args[0]))]
            if len(args) > 2:
                checked.append(P.lambda_([], self.format_args(args[2:], res.holes)))
            return P.call(self.rt(f"fn_{name}"), *checked)
        if name == "exit":
            return P.call(self.rt("fn_exit"), *self.exprs(args[:1]))
        if name in ("unreachable", "todo"):
            return P.call(self.rt(f"fn_{name}"))
        if name == "vec":
            if isinstance(e, ast.MacroCall) and e.semicolon_after == 0 and len(args) == 2:  # `vec![x; n]`
                return self._e_ArrayRepeat(ast.ArrayRepeat(args[0], args[1], e.span))
            return py.List(self.exprs(args, [True] * len(args)), P.LOAD)
        if name in ("info", "warn", "error", "debug", "trace"):
            return self.log_event(name, e.args if isinstance(e, ast.MacroCall) else [])
        if res.fn is not None:
            return P.call(self.rt(f"fn_{name}"), *self.exprs(args))
        raise NotImplementedError(f"intrinsic {name}")

    def log_event(self, level: str, args: list[ast.MacroArg]) -> py.expr:
        """`info!("msg {x}"; key = value, ...)`: the message, then the named fields as (name, value)
        pairs (a positional argument after the message is a field named by its source)."""
        message, *rest = args
        fields = [py.Tuple([P.const(a.name or source_text(a.value.span)), self.expr(a.value)], P.LOAD) for a in rest]
        return P.call(self.rt("fn_log_event"), P.const(level), self.expr(message.value), py.Tuple(fields, P.LOAD))

    def format_args(self, args: list[ast.Expr], holes: int) -> py.expr:
        first = args[0]
        if isinstance(first, ast.StrLit):
            extra = args[1:]
            values = self.exprs(extra)
            return self.format_parts(first, list(zip(values, [self.ty(a) for a in extra], strict=True)))
        return self.to_str(self.expr(first), self.ty(first))


def source_text(span: Span) -> str:
    """The source of an expression on one line, as Rust's `assertion failed: x > 0` shows it."""
    return " ".join(span.source.text[span.start:span.end].split())
