"""Checking of calls: functions, generic instantiation, templates, methods, variant and struct
constructors, closures, paths like `Type::assoc`, built-in intrinsics and macros, and places
(what may be assigned or mutably borrowed)."""

from __future__ import annotations

import math
import sys

from vais.sema import codes
from vais.sema.check_core import Frame
from vais.sema.check_expr import ExprChecker
from vais.sema.context import did_you_mean
from vais.sema.items import AliasInfo, ConstInfo, FnInfo, ModuleInfo, TraitInfo, TypeInfo, VariantInfo
from vais.sema.program import (
    ClosureRes,
    ConstRes,
    FnRes,
    IntrinsicRes,
    LiteralRes,
    LocalRes,
    MethodRes,
    OperatorRes,
    StructRes,
    TemplateRes,
    VariantRes,
)
from vais.sema.resolve import lookup_module_path, lookup_type_name, normalize_std_path, require_public
from vais.sema.rust_refs import writes_through_shared_reference
from vais.sema.traits import MethodCandidate
from vais.sema.types import (
    BOOL,
    CHAR,
    ERROR,
    I64,
    NEVER,
    STR,
    UNIT,
    Adt,
    ErrorType,
    FnType,
    InferVar,
    Param,
    Prim,
    Ref,
    TraitRef,
    Tuple,
    Type,
    default_literals,
    has_unresolved,
    int_range,
    is_mut_ref,
    prune,
    strip_refs,
    subst,
    zonk,
)
from vais.sema.unify import unify
from vais.syntax import ast
from vais.syntax.diagnostics import Diagnostic, Label

PRINTERS = {"print", "println", "eprint", "eprintln", "format", "panic", "puts"}
NEVER_RETURNING = {"panic", "exit", "unreachable", "todo"}
LOG_MACROS = {"info", "warn", "error", "debug", "trace"}


def _turbofish_targets(fn: FnInfo, mapping: dict[Param, Type]) -> list[Type]:
    """What each written generic argument of `fn::<..>` names, in declaration order: a parameter's
    variable, or for `F: Fn(A) -> R` the function type itself (so `apply::<i64, Str, _>` works)."""
    if not fn.fn_params:
        return [mapping[p] for p in fn.generics]
    own = iter(fn.generics)
    return [subst(fn.fn_params[g.name], mapping) if g.name in fn.fn_params else mapping[next(own)]
            for g in fn.decl.generics]


def bind_fn_bounds(params: list[Param], mapping: dict[Param, Type]) -> None:
    """An instance's `F: Fn(A) -> R` parameters are that function type (so closures passed for them
    learn their parameter types from it)."""
    for p in params:
        if p.fn_bound is not None:
            unify(mapping[p], subst(p.fn_bound, mapping))


class CallChecker(ExprChecker):
    # -- calls ----------------------------------------------------------------------------------

    def _check_Call(self, e: ast.Call, expected: Type | None, used: bool) -> Type:
        callee = e.callee
        if isinstance(callee, ast.Name) and self.find_local(callee.name) is None:
            found = self.lookup_value(callee.name, expected, callee.span)
            if found is None:
                struct = lookup_type_name(self.ctx, self.module, callee.name)
                if isinstance(struct, TypeInfo) and struct.is_struct:
                    fields = ", ".join(f"{f.name}: ..." for f in struct.fields)
                    self.ctx.error(codes.NOT_CALLABLE, f"`{struct.name}` is a struct with named fields, not a function",
                                   callee.span, "not callable", help=f"build it with `{struct.name} {{ {fields} }}`")
                else:
                    self.unknown_name(callee.name, callee.span)
                self.check_args_loosely(e.args)
                return ERROR
            callee.ty = ERROR
            return self.call_item(e, found, expected)
        if isinstance(callee, ast.PathExpr):
            found = self.resolve_path(callee)
            callee.ty = ERROR
            if found is None:
                self.check_args_loosely(e.args)
                return ERROR
            if isinstance(found, tuple):
                return self.call_assoc(e, found, expected)
            return self.call_item(e, found, expected)
        if isinstance(callee, ast.SelfRecur):
            fn_type = self.recursion_target(callee)
            callee.ty = fn_type
            if isinstance(fn_type, FnType):
                e.res = callee.res
                return self.call_fn_type(e, fn_type, "this function")
            self.check_args_loosely(e.args)
            return ERROR
        fn_type = prune(self.check(callee))
        while isinstance(fn_type, Ref) or self._is_box(fn_type):  # `&f`, `Box<dyn Fn(A) -> R>`
            fn_type = prune(fn_type.inner if isinstance(fn_type, Ref) else fn_type.args[0])  # type: ignore[attr-defined]
        if isinstance(fn_type, Param) and fn_type.fn_bound is not None:  # `(self.f)(x)` with `F: Fn(A) -> R`
            fn_type = fn_type.fn_bound
        if isinstance(fn_type, FnType):
            return self.call_fn_type(e, fn_type, "this closure" if isinstance(callee, ast.Name) else "this function")
        if isinstance(fn_type, InferVar) and fn_type.kind is None:
            params = tuple(self.check(a) for a in e.args)
            ret = self.fresh()
            unify(fn_type, FnType(params, ret))
            return ret
        if not isinstance(fn_type, ErrorType):
            self.ctx.error(codes.NOT_CALLABLE, f"expected function, found {self.show(fn_type)}", callee.span,
                           "call expression requires a function", help="only functions and closures can be called")
        self.check_args_loosely(e.args)
        return ERROR

    def check_args_loosely(self, args: list[ast.Expr]) -> None:
        for a in args:
            self.check(a)

    def call_fn_type(self, e: ast.Call, fn_type: FnType, what: str) -> Type:
        self.check_args(e, list(fn_type.params), e.args, what)
        return fn_type.ret

    def check_args(self, e: ast.Expr, params: list[Type], args: list[ast.Expr], what: str,
                   code: str = codes.MISMATCH) -> bool:
        """Arity check then argument checking; closures last so earlier arguments inform them; `code`
        reports an argument of the wrong type."""
        if len(args) != len(params):
            n, m = len(params), len(args)
            self.ctx.error(codes.ARG_COUNT,
                           f"{what} takes {n} argument{'s' if n != 1 else ''} but {m} "
                           f"argument{'s were' if m != 1 else ' was'} supplied", e.span,
                           f"expected {n} argument{'s' if n != 1 else ''}")
            for i, a in enumerate(args):
                self.check(a, params[i] if i < len(params) else None)
            return False
        order = range(len(args))
        if any(a.__class__ is ast.Closure for a in args):
            order = sorted(order, key=lambda i: args[i].__class__ is ast.Closure)
        first_on_line: dict[int, Diagnostic] = {}  # several wrong arguments on one line: one diagnostic (rustc's)
        for i in order:
            arg = args[i]
            actual = self.check(arg, params[i])
            if not self.coerce(actual, params[i]):
                earlier = first_on_line.get(arg.span.line)
                if earlier is not None:
                    a, p = zonk(actual), zonk(params[i])
                    if not isinstance(a, ErrorType) and not isinstance(p, ErrorType):
                        earlier.secondary.append(Label(arg.span, f"and this: expected {self.show(p)}, found {self.show(a)}"))
                    continue
                count = len(self.ctx.diagnostics)
                self.report_mismatch(actual, params[i], arg.span, code)
                if len(self.ctx.diagnostics) > count:
                    first_on_line[arg.span.line] = self.ctx.diagnostics[-1]
                continue
            self.require_mut_borrow(arg, actual, params[i])
        if self.open_projections:
            self.settle_projections()
        return True

    def require_mut_borrow(self, arg: ast.Expr, actual: Type, param: Type) -> None:
        """A `&mut T` parameter needs an explicit `&mut x` (or a `&mut` value): it is how the caller agrees to
        let the callee change its variable, so it is never taken implicitly."""
        p, a = prune(param), prune(actual)
        if isinstance(p, Ref) and p.mutable and not isinstance(a, (Ref, ErrorType, InferVar)) and a is not NEVER:
            self.ctx.error(codes.MISMATCH, "mismatched types", arg.span, f"expected {self.show(p)}, found {self.show(a)}",
                           help=f"pass a mutable borrow: `&mut {_describe_place(arg)}`")

    def call_item(self, e: ast.Call, found, expected: Type | None) -> Type:
        if isinstance(found, FnInfo):
            return self.call_function(e, found, expected)
        if isinstance(found, VariantInfo):
            return self.call_variant(e, found, expected)
        if isinstance(found, TypeInfo) and found.tuple_struct:
            args = [self.fresh() for _ in found.generics]
            mapping = dict(zip(found.generics, args, strict=True))
            self.check_args(e, [subst(f.ty, mapping) for f in found.fields], e.args, f"`{found.name}`")
            e.res = StructRes(found, args)
            return Adt(found, tuple(args))
        if isinstance(found, ConstInfo):
            ty = prune(self.sema.const_type(found))
            if isinstance(ty, FnType):
                return self.call_fn_type(e, ty, f"`{found.name}`")
        what = f"`{getattr(found, 'name', '?')}`"
        self.ctx.error(codes.NOT_CALLABLE, f"{what} is not a function", e.callee.span,
                       "not callable", help=f"{what} is a type; build a value with `{what[1:-1]} {{ ... }}`"
                       if isinstance(found, TypeInfo) else None)
        self.check_args_loosely(e.args)
        return ERROR

    def call_variant(self, e: ast.Call, variant: VariantInfo, expected: Type | None) -> Type:
        args = [self.fresh() for _ in variant.enum.generics]
        result = Adt(variant.enum, tuple(args))
        self.apply_variant_turbofish(e.callee, args)  # `Ok::<i64, Str>(3)`
        exp = strip_refs(expected) if expected is not None else None
        code = codes.MISMATCH
        if isinstance(exp, Adt) and exp.info is variant.enum and unify(result, exp) and (
                expected is self.return_expected and variant.enum.generics):
            code = codes.RETURN_MISMATCH  # `Some("x")` returned as an `Option<i64>`
        e.res = VariantRes(variant, args)
        if variant.kind != "tuple":
            self.ctx.error(codes.NOT_CALLABLE if variant.kind == "unit" else codes.MISMATCH,
                           f"`{variant.qualname}` is a {variant.kind} variant and cannot be called", e.span,
                           "not a tuple variant",
                           help=f"write `{variant.qualname}`" if variant.kind == "unit"
                           else f"write `{variant.qualname} {{ ... }}`")
            self.check_args_loosely(e.args)
            return result
        mapping = dict(zip(variant.enum.generics, args, strict=True))
        self.check_args(e, [subst(f.ty, mapping) for f in variant.fields], e.args, f"`{variant.qualname}`", code)
        return result

    def instantiate(self, fn: FnInfo, mapping: dict[Param, Type] | None, span) -> tuple[dict[Param, Type], list[Type]]:
        """Fresh variables for `fn`'s generics (impl generics come from `mapping`), with bound checks
        queued for the end of the body."""
        full: dict[Param, Type] = dict(mapping or {})
        for p in fn.all_generics:
            if p not in full:
                full[p] = self.fresh()
        bind_fn_bounds(fn.all_generics, full)
        for (p, name), proj in self.ctx.projections.items():  # `I::Item` follows `I` (settle_projections)
            if p in full and proj not in full:
                full[proj] = self.fresh()
                self.open_projections.append((full[p], name, full[proj]))
        for p in fn.all_generics:
            for bound in p.bounds:
                self.require_bound(span, full[p], _subst_trait(bound, full), "")
        for ty, bound in fn.where:
            self.require_bound(span, subst(ty, full), _subst_trait(bound, full), "")
        return full, [full[p] for p in fn.all_generics]

    def fn_value(self, fn: FnInfo, e: ast.Expr, expected: Type | None) -> Type:
        """A function used as a value (`apply(double, 5)`): its type, instantiated."""
        if fn.intrinsic:
            self.ctx.error(codes.NOT_CALLABLE, f"the built-in `{fn.name}` cannot be used as a value", e.span,
                           "built-in", help=f"wrap it in a closure: `|x| {fn.name}(x)`")
            return ERROR
        exp = strip_refs(expected) if expected is not None else None
        if fn.is_template:
            if isinstance(exp, FnType) and len(exp.params) == len(fn.params) and not any(
                    has_unresolved(p) for p in exp.params):
                instance = self.sema.template_instance(fn, tuple(zonk(p) for p in exp.params), None)
                e.res = TemplateRes(instance)
                return FnType(tuple(instance.param_types), instance.ret)
            self.ctx.error(codes.CANNOT_INFER, f"cannot use `{fn.name}` as a value here: its parameter types "
                           "are inferred from calls", e.span, "parameter types unknown",
                           help="annotate its parameters, or pass it where a `fn(...)` type is expected")
            return ERROR
        mapping, type_args = self.instantiate(fn, None, e.span)
        e.res = FnRes(fn, type_args)
        fn_type = FnType(tuple(subst(p.ty, mapping) for p in fn.params), subst(fn.ret, mapping))  # type: ignore[arg-type]
        if isinstance(exp, FnType):
            unify(fn_type, exp)
        return fn_type

    def call_function(self, e: ast.Call, fn: FnInfo, expected: Type | None) -> Type:
        if fn.intrinsic or (fn.builtin and fn.name in PRINTERS | NEVER_RETURNING and fn.owner is None):
            return self.call_intrinsic(e, fn.name, e.args, fn)
        if fn.is_template:
            return self.call_template(e, fn, e.args, None, expected)
        mapping, type_args = self.instantiate(fn, None, e.span)
        self.explicit_type_args(fn, mapping, e.callee)
        params = [subst(p.ty, mapping) for p in fn.params]  # type: ignore[arg-type]
        ret = subst(fn.ret, mapping)
        exp = prune(expected) if expected is not None else None
        if exp is not None and not isinstance(exp, InferVar) and fn.generics:
            unify(ret, exp)
        self.check_args(e, params, e.args, f"`{fn.qualname}`")
        e.res = FnRes(fn, type_args)
        if fn.self_kind is not None:
            self.ctx.error(codes.NOT_CALLABLE, f"`{fn.qualname}` is a method", e.span, "needs a receiver",
                           help=f"call it as `value.{fn.name}(...)`")
        return ret

    def explicit_type_args(self, fn: FnInfo, mapping: dict[Param, Type], node: ast.Expr,
                           ret: Type | None = None) -> None:
        """Apply turbofish arguments (`parse::<i64>()`, `same::<u8>(..)`) to `fn`'s own generics."""
        if isinstance(node, ast.MethodCall):
            written = node.generic_args
        elif isinstance(node, ast.PathExpr) and node.generic_args:
            written = node.generic_args[-1]
        else:
            return
        if not written:
            return
        if fn.width and not fn.generics and len(written) == 1 and ret is not None:
            want = self.types.resolve(written[0], self.scope_for_body())  # `sum::<i64>()` names the result
            if not unify(ret, want):
                self.report_mismatch(ret, want, node.span)
            return
        targets = _turbofish_targets(fn, mapping)
        if len(written) != len(targets):
            n = len(targets)
            self.ctx.error(codes.WRONG_GENERIC_COUNT, f"`{fn.qualname}` takes {n} generic argument{'s' if n != 1 else ''} "
                           f"but {len(written)} {'were' if len(written) != 1 else 'was'} given", node.span,
                           "wrong number of generic arguments")
            return
        for target, t in zip(targets, written, strict=True):
            want = self.types.resolve(t, self.scope_for_body())
            if not unify(target, want):
                self.report_mismatch(want, target, t.span)

    def call_template(self, e: ast.Expr, fn: FnInfo, args: list[ast.Expr], self_type: Type | None,
                      expected: Type | None, receiver_type: Type | None = None) -> Type:
        """A call of a function whose parameter types come from the call site."""
        offset = 1 if fn.self_kind is not None else 0
        given: list[Type] = []
        if offset:  # `self` as the method declares it: by value, `&self` or `&mut self`
            recv = strip_refs(receiver_type) if receiver_type is not None else ERROR
            given = [recv if fn.self_kind == "value" else Ref(recv, fn.self_kind == "mut")]
        if len(args) != len(fn.params) - offset:
            self.check_args(e, [p.ty or self.fresh() for p in fn.params[offset:]], args, f"`{fn.qualname}`")
            return ERROR
        arg_types = []
        for a, p in zip(args, fn.params[offset:], strict=True):
            if p.ty is not None:
                self.check_as(a, p.ty)
                arg_types.append(p.ty)
            else:
                t = self.check(a)
                arg_types.append(t)
        for t in arg_types:
            default_literals(t)
        key_types = [zonk(strip_refs(t)) if not isinstance(prune(t), Ref) else zonk(t) for t in given + arg_types]
        if any(has_unresolved(t) for t in key_types):
            self.ctx.error(codes.CANNOT_INFER, f"cannot infer the parameter types of `{fn.qualname}` here", e.span,
                           "the argument types must be known at this call",
                           help="annotate the arguments or the function's parameters")
            return ERROR
        first_new = len(self.ctx.diagnostics)
        instance = self.sema.template_instance(fn, tuple(key_types), self_type)
        shown = ", ".join(str(t) for t in key_types)
        for d in self.ctx.diagnostics[first_new:]:  # errors inside the instance point back at this call
            d.secondary.append(Label(e.span, f"required by this call, which checks `{fn.qualname}` with ({shown})"))
        e.res = TemplateRes(instance)
        return instance.ret

    # -- paths ----------------------------------------------------------------------------------

    def resolve_path(self, e: ast.PathExpr):
        """`A::B...`: an item of a module, or an associated item of a type. Returns an item info,
        a `(MethodCandidate, Type)` pair for associated functions, or None after an error."""
        segs = normalize_std_path(e)
        if len(segs) == 1:  # `name::<T>(...)`: a plain name with explicit generic arguments
            found = self.lookup_value(segs[0])
            if found is None:
                self.unknown_name(segs[0], e.span)
            return found
        owner_type = self.path_type(segs[:-1], e)
        last = segs[-1]
        if owner_type is not None:
            if isinstance(owner_type, ErrorType):
                return None
            return self.assoc_item(owner_type, last, e)
        module = self.path_module(segs[:-1])
        if module is not None:
            item = module_value(module, last)
            if item is None:
                t = module.types.get(last)
                if isinstance(t, TypeInfo):
                    require_public(self.ctx, module, last, self.module, e.span)
                    return t
                self.ctx.error(codes.UNKNOWN_NAME, f"cannot find `{last}` in module `{module.name}`", e.span,
                               "not found in this module", help=did_you_mean(last, module.pub_names))
                return None
            require_public(self.ctx, module, last, self.module, e.span)
            return item
        head = "::".join(segs[:-1])
        candidates = set(self.module.types) | set(self.module.modules)
        self.ctx.error(codes.UNKNOWN_NAME, f"cannot find type or module `{head}` in this scope", e.span,
                       "not found in this scope", help=did_you_mean(segs[0], candidates))
        return None

    def path_type(self, segs: list[str], e: ast.PathExpr) -> Type | None:
        """The type named by a path prefix like `Point`, `Vec::<i64>`, `Self`, `T`; None if not a type."""
        if len(segs) != 1:
            module = self.path_module(segs[:-1])
            found = module.types.get(segs[-1]) if module is not None else None
            if not isinstance(found, TypeInfo):
                return None
            require_public(self.ctx, module, segs[-1], self.module, e.span)  # type: ignore[arg-type]
            return Adt(found, tuple(self.fresh() for _ in found.generics))
        name = segs[0]
        generic_args = e.generic_args[0] if e.generic_args and e.generic_args[0] else []
        if name in self.scope.generics:
            return self.scope.generics[name]
        if name == "Self" and self.scope.self_type is not None:
            return self.scope.self_type
        found = lookup_type_name(self.ctx, self.module, name)
        if isinstance(found, TypeInfo):
            if generic_args:
                args = tuple(self.types.resolve(a, self.scope_for_body()) for a in generic_args)
            else:
                args = tuple(self.fresh() for _ in found.generics)
            return Adt(found, args)
        if isinstance(found, AliasInfo):
            target = self.types.alias_target(found)
            return subst(target, {p: self.fresh() for p in found.generics})
        if isinstance(found, Prim):
            return found
        if isinstance(found, TraitInfo):
            return found.self_param
        return None

    def path_module(self, segs: list[str]) -> ModuleInfo | None:
        if not segs:
            return None
        found = lookup_module_path(self.ctx, self.module, segs)
        if found is None and segs[0] == "std":
            found = self.ctx.modules.get("std/" + "/".join(segs[1:]))
        return found

    def assoc_item(self, owner: Type, name: str, e: ast.Expr):
        owner = prune(owner)
        constant = primitive_constant(owner, name)
        if constant is not None:
            return constant
        if isinstance(owner, Adt) and owner.info.is_enum:
            variant = owner.info.variant(name)
            if variant is not None:
                return variant
        trait = _named_trait(owner)
        if trait is not None and owner is not self.scope.self_type:  # `Shape::new_unit()`: Self is inferred
            fn = self.traits.trait_method(trait, name)
            if fn is not None:
                implementer = self.fresh()
                self.require_bound(e.span, implementer, TraitRef(trait, tuple(trait.generics)), "")
                owner_trait: TraitInfo = fn.owner  # type: ignore[assignment]
                return (MethodCandidate(fn, None, {owner_trait.self_param: implementer}, owner_trait, implementer),
                        implementer)
        cand = self.traits.lookup_method(owner, name)
        if cand is not None:
            return (cand, owner)
        if isinstance(owner, Param) and owner.name == "Self":
            for b in owner.bounds:
                fn = b.info.methods.get(name)
                if fn is not None:
                    return (MethodCandidate(fn, None, {fn.owner.self_param: owner}, fn.owner, owner), owner)  # type: ignore[union-attr]
        what = f"`{owner}`"
        options = self.traits.method_names(owner)
        if isinstance(owner, Adt) and owner.info.is_enum:
            options += [v.name for v in owner.info.variants]
        self.ctx.error(codes.UNKNOWN_METHOD if not (isinstance(owner, Adt) and owner.info.is_enum) else codes.UNKNOWN_NAME,
                       f"no function or associated item named `{name}` found for {what}", e.span,
                       f"not found in {what}", help=did_you_mean(name, options))
        return None

    def assoc_value(self, found: tuple[MethodCandidate, Type], e: ast.Expr) -> Type:
        cand, _owner = found
        mapping, type_args = self.instantiate(cand.fn, cand.mapping, e.span)
        e.res = MethodRes(cand, type_args, static=True)
        return FnType(tuple(self.assoc_params(cand.fn, mapping)), subst(cand.fn.ret, mapping))

    def assoc_params(self, fn: FnInfo, mapping: dict[Param, Type]) -> list[Type]:
        """Parameter types of `Type::method` called or used as a value. A `&self` is taken by value, as
        shared references are, so `i64::pow(*b, 2)` type-checks and `i64::max` fits `fold`."""
        params = [subst(p.ty, mapping) for p in fn.params if p.ty is not None]  # type: ignore[arg-type]
        if fn.self_kind == "ref" and params:
            params[0] = strip_refs(params[0])
        return params

    def call_assoc(self, e: ast.Call, found: tuple[MethodCandidate, Type], expected: Type | None) -> Type:
        cand, owner = found
        fn = cand.fn
        if fn.is_template:
            return self.call_template(e, fn, e.args, owner, expected)
        mapping, type_args = self.instantiate(fn, cand.mapping, e.span)
        self.explicit_type_args(fn, mapping, e.callee if isinstance(e, ast.Call) else e)
        params = self.assoc_params(fn, mapping)
        ret = subst(fn.ret, mapping)
        exp = prune(expected) if expected is not None else None
        if exp is not None and not isinstance(exp, InferVar):
            unify(ret, exp)
        self.check_args(e, params, e.args, f"`{fn.qualname}`")
        e.res = MethodRes(cand, type_args, static=True)
        return ret

    # -- methods --------------------------------------------------------------------------------

    def _check_MethodCall(self, e: ast.MethodCall, expected: Type | None, used: bool) -> Type:
        recv = e.receiver
        if isinstance(recv, ast.Name) and self.find_local(recv.name) is None and self.lookup_value(recv.name) is None:
            owner = self.path_type([recv.name], ast.PathExpr([recv.name], [[]], recv.span))
            if owner is not None:  # `Point.new(1.0, 2.0)`: the dot form of `Point::new`
                recv.ty = ERROR
                found = self.assoc_item(owner, e.name, e)
                if found is None:
                    self.check_args_loosely(e.args)
                    return ERROR
                if isinstance(found, VariantInfo):
                    call = ast.Call(ast.PathExpr([recv.name, e.name], [[], []], e.span), e.args, e.span)
                    return self.call_variant(call, found, expected)
                return self.call_assoc(e, found, expected)  # type: ignore[arg-type]
        if isinstance(recv, ast.SelfRecur):
            local = self.find_local("self")
            if local is None:
                self.ctx.error(codes.BAD_RECURSION, "`@.method()` is only valid inside a method", recv.span,
                               "no `self` here")
                self.check_args_loosely(e.args)
                return ERROR
            self.use_local(local, recv)
            recv_ty: Type = local.ty
            recv.ty = recv_ty
            self.annotated.append(recv)
        else:
            recv_ty = self.check(recv)
        base, _ = self.autoderef(recv_ty)
        if e.name == "clone" and self._is_box(strip_refs(recv_ty)):
            base = strip_refs(recv_ty)  # `rc.clone()` is another `Rc`, not a copy of the content
        if isinstance(base, ErrorType):
            self.check_args_loosely(e.args)
            return ERROR
        if isinstance(base, InferVar) and base.kind is None:
            self.ctx.error(codes.CANNOT_INFER, "type annotations needed", recv.span,
                           f"the type of this value must be known to call `{e.name}`",
                           help="add a type annotation to the binding")
            self.cannot_infer_reported = True
            self.check_args_loosely(e.args)
            return ERROR
        cand = self.traits.lookup_method(base, e.name, expected)
        if cand is None and e.name == "into" and not e.args:
            return self.into_conversion(e, base, expected)
        if cand is None:
            return self.method_fallback(e, base, expected)
        fn = cand.fn
        if fn.self_kind is None:
            self.ctx.error(codes.UNKNOWN_METHOD, f"`{fn.qualname}` is an associated function, not a method",
                           e.name_span, "called with a receiver",
                           help=f"call it as `{_owner_name(cand)}::{fn.name}(...)`")
            self.check_args_loosely(e.args)
            return ERROR
        if fn.self_kind == "mut":
            self.require_mutable(recv, f"call `{e.name}` (which takes `&mut self`) on", through_method=True)
        if fn.is_template:
            return self.call_template(e, fn, e.args, cand.self_type, expected, receiver_type=recv_ty)
        mapping, type_args = self.instantiate(fn, cand.mapping, e.span)
        params = [subst(p.ty, mapping) for p in fn.params[1:]]  # type: ignore[arg-type]
        ret = subst(fn.ret, mapping)
        self.explicit_type_args(fn, mapping, e, ret)
        for decl, arg, pty in zip(fn.params[1:], e.args, params, strict=False):  # `s.split(|c| c == ',')`
            if isinstance(arg, ast.Closure) and isinstance(decl.ty, Param) and any(
                    b.info.name == "Pattern" for b in decl.ty.bounds):
                unify(pty, FnType((CHAR, ), BOOL))
        exp = prune(expected) if expected is not None else None
        if fn.generics and exp is not None and not isinstance(exp, InferVar):
            unify(ret, exp)
        self.check_args(e, params, e.args, f"method `{e.name}`")
        if e.name == "collect" and fn.builtin:
            source = prune(cand.self_type)
            if isinstance(source, Adt) and source.args:
                self.collect_target(ret, source.args[0], e)
        e.res = MethodRes(cand, type_args)
        return ret

    def into_conversion(self, e: ast.MethodCall, source: Type, expected: Type | None) -> Type:
        """Rust's `x.into()`: into the type the context expects, through the user's `From` impl or one of
        the std conversions (the same type, integer widening, integer to float, `Str` to `Error`, `T` to
        `Option<T>`/`Box<T>`)."""
        target = prune(expected) if expected is not None else None
        if target is None or (isinstance(target, InferVar) and target.kind is None):
            self.ctx.error(codes.CANNOT_INFER, "type annotations needed", e.span,
                           "`into()` converts into the type the context expects",
                           help="annotate the binding: `x: f64 = n.into()`")
            return ERROR
        from_trait = self.well_known_trait("From")
        found = self.traits.find_impl(target, TraitRef(from_trait.info, (zonk(source),))) if from_trait else None
        if found is not None and "from" in found[0].methods:
            impl, mapping = found
            fn = impl.methods["from"]
            cand = MethodCandidate(fn, impl, {**mapping, from_trait.info.self_param: target},  # type: ignore[union-attr]
                                   from_trait.info, target)  # type: ignore[union-attr]
            _, type_args = self.instantiate(fn, cand.mapping, e.span)
            e.res = MethodRes(cand, type_args, static=True)
            return target
        inner = target.args[0] if self._is_box(target) or self.ctx.is_adt(target, "Option") else None  # type: ignore[union-attr]
        src = strip_refs(source)
        if not (self.coerce(source, target) or (inner is not None and self.coerce(source, inner))
                or _lossless_number(src, target)):
            self.ctx.error(codes.MISMATCH, f"cannot convert {self.show(src)} into {self.show(target)} with `into()`",
                           e.span, f"no `From<{self.show(src)[1:-1]}>` for {self.show(target)}",
                           help=f"implement it: `X From<{self.show(src)[1:-1]}> for {self.show(target)[1:-1]} {{ F from"
                                f"(v: {self.show(src)[1:-1]}) -> {self.show(target)[1:-1]} = ... }}`, or use `as`")
            return ERROR
        e.res = IntrinsicRes("into")
        return target

    def collect_target(self, target: Type, elem: Type, e: ast.MethodCall) -> None:
        """Tie `collect`'s result to the items it gathers: `Vec<T>`/`HashSet<T>` of `T`, `HashMap<K, V>`
        of `(K, V)`, `Str` of chars or Strs, `Option<Vec<T>>` of `Option<T>`, `Result<Vec<T>, E>` of
        `Result<T, E>` (so `collect::<Vec<_>>()` infers `_`); an open target becomes `Vec<T>`."""
        t = prune(target)
        if isinstance(t, InferVar) and t.kind is None:
            unify(t, Adt(self.ctx.type_info("Vec"), (elem,)))
            return
        wanted: Type | None = None
        if isinstance(t, Adt) and t.info.builtin:
            name = t.info.name
            if name in ("Vec", "HashSet") and t.args:
                wanted = t.args[0]
            elif name == "HashMap" and len(t.args) == 2:
                wanted = Tuple((t.args[0], t.args[1]))
            elif name in ("Option", "Result") and t.args:
                inner = prune(t.args[0])
                if isinstance(inner, Adt) and inner.info.builtin and inner.info.name == "Vec" and inner.args:
                    wanted = Adt(t.info, (inner.args[0], *t.args[1:]))
        elif t is STR:
            item = strip_refs(elem)
            if item is CHAR or item is STR or isinstance(item, (InferVar, ErrorType)):
                return
            wanted = CHAR
        if wanted is None:
            if not isinstance(t, (InferVar, ErrorType)):
                self.ctx.error(codes.MISMATCH, f"cannot collect into {self.show(t)}", e.span,
                               "not a collection", help="collect into a `Vec<T>`, `HashSet<T>`, `HashMap<K, V>`, "
                               "`Str`, `Option<Vec<T>>` or `Result<Vec<T>, E>`")
            return
        if not self._coerce_arg(elem, wanted) and not _same_but_int_widths(elem, wanted):
            self.ctx.error(codes.MISMATCH, "mismatched types", e.span,
                           f"{self.show(t)} cannot be collected from items of type {self.show(elem)}",
                           help=f"the items must be {self.show(wanted)}")

    def method_fallback(self, e: ast.MethodCall, base: Type, expected: Type | None) -> Type:
        """No method `e.name`: a struct field holding a closure (`self.f(x)`), else an error."""
        if isinstance(base, Adt) and base.info.is_struct:
            field = base.info.field(e.name)
            if field is not None:
                fty = prune(subst(field.ty, dict(zip(base.info.generics, base.args, strict=True))))
                if isinstance(fty, FnType):
                    self.check_args(e, list(fty.params), e.args, f"the closure in field `{e.name}`")
                    e.res = StructRes(base.info, list(base.args))
                    return fty.ret
        unmet = self.traits.unmet_bounds(base, e.name)
        if unmet:
            listed = ", ".join(f"`{b}`" for b in unmet)
            self.ctx.error(codes.TRAIT_BOUND, f"the method `{e.name}` exists for {self.show(base)}, but its trait "
                           f"bounds were not satisfied", e.name_span, f"unsatisfied: {listed}")
            self.check_args_loosely(e.args)
            return ERROR
        names = self.traits.method_names(base)
        hint = did_you_mean(e.name, names)
        if hint is None and isinstance(base, Adt) and base.info.is_struct and base.info.field(e.name) is not None:
            hint = f"`{e.name}` is a field, not a method: write `value.{e.name}`"
        if isinstance(base, Adt) and base.info.builtin and base.info.name == "Iter" and e.name in _VEC_ONLY_METHODS:
            receiver = e.receiver
            made_by = (f"`{receiver.name}` returns" if isinstance(receiver, ast.MethodCall)
                       else f"`{receiver.name}` is" if isinstance(receiver, ast.Name) else "this is")
            hint = f"{made_by} an iterator: collect it into a Vec first (`.collect::<Vec<_>>()`)" + (
                ", or count it with `.count()`" if e.name == "len" else "")
        self.ctx.error(codes.UNKNOWN_METHOD, f"no method named `{e.name}` found for {self.show(base)}",
                       e.name_span, f"method not found in {self.show(base)}", help=hint)
        self.check_args_loosely(e.args)
        return ERROR

    # -- struct literals ------------------------------------------------------------------------

    def _check_StructLit(self, e: ast.StructLit, expected: Type | None, used: bool) -> Type:
        target = self.struct_target(e, expected)
        if target is None:
            for f in e.fields:
                if f.value is not None:
                    self.check(f.value)
            if e.base is not None:
                self.check(e.base)
            return ERROR
        info, variant = target
        args = [self.fresh() for _ in info.generics]
        if e.generic_args:
            resolved = [self.types.resolve(a, self.scope_for_body()) for a in e.generic_args]
            for a, r in zip(args, resolved, strict=False):
                unify(a, r)
        result = Adt(info, tuple(args))
        exp = strip_refs(expected) if expected is not None else None
        if isinstance(exp, Adt) and exp.info is info:
            unify(result, exp)
        mapping = dict(zip(info.generics, args, strict=True))
        bind_fn_bounds(info.generics, mapping)
        fields = variant.fields if variant is not None else info.fields
        declared = {f.name: f for f in fields}
        seen: set[str] = set()
        unknown = False
        label = variant.qualname if variant is not None else info.name
        for init in e.fields:
            fi = declared.get(init.name)
            if init.name in seen:
                self.ctx.error(codes.REPEATED_FIELD, f"field `{init.name}` specified more than once", init.span,
                               "used more than once")
            seen.add(init.name)
            value = init.value
            if fi is None:
                unknown = True
                self.ctx.error(codes.UNKNOWN_FIELD, f"struct `{label}` has no field named `{init.name}`", init.span,
                               "unknown field", help=did_you_mean(init.name, declared) or
                               f"available fields: {', '.join('`' + n + '`' for n in declared) or 'none'}")
                if value is not None:
                    self.check(value)
                elif self.find_local(init.name) is not None:
                    self.find_local(init.name).used = True  # type: ignore[union-attr]
                continue
            fty = subst(fi.ty, mapping)
            if value is None:
                shorthand = ast.Name(init.name, init.span)
                init.value = shorthand
                value = shorthand
            self.check_as(value, fty)
        if e.base is not None:
            self.check_as(e.base, result)
        elif not unknown:  # (a misspelt field is reported once, as unknown, like rustc)
            missing = [n for n in declared if n not in seen]
            if missing:
                names = ", ".join(f"`{n}`" for n in missing)
                self.ctx.error(codes.MISSING_FIELD, f"missing field{'s' if len(missing) > 1 else ''} {names} in "
                               f"initializer of `{label}`", e.span, f"missing {names}",
                               help=f"add {names}, or copy the rest from another value with `..base`")
        e.res = VariantRes(variant, args) if variant is not None else StructRes(info, args)
        return result

    def struct_target(self, e: ast.StructLit, expected: Type | None) -> tuple[TypeInfo, VariantInfo | None] | None:
        segs = e.segments
        if len(segs) == 1:
            name = segs[0]
            if name == "Self" and isinstance(prune(self.scope.self_type or ERROR), Adt):
                return prune(self.scope.self_type).info, None  # type: ignore[union-attr]
            found = lookup_type_name(self.ctx, self.module, name)
            if isinstance(found, AliasInfo):
                target = prune(self.types.alias_target(found))
                found = target.info if isinstance(target, Adt) else None
            if isinstance(found, TypeInfo) and found.is_struct:
                return found, None
            variant = self.lookup_value(name, expected, e.span)
            if isinstance(variant, VariantInfo) and variant.kind == "struct":
                return variant.enum, variant
            self.ctx.error(codes.UNKNOWN_TYPE, f"cannot find struct `{name}` in this scope", e.span,
                           "not a struct", help=did_you_mean(name, [n for n, v in self.module.types.items()
                                                                      if isinstance(v, TypeInfo)]))
            return None
        owner = self.path_type(segs[:-1], ast.PathExpr(segs, [[] for _ in segs], e.span))
        if isinstance(owner, Adt) and owner.info.is_enum:
            variant = owner.info.variant(segs[-1])
            if variant is not None and variant.kind == "struct":
                return owner.info, variant
        module = self.path_module(segs[:-1])
        if module is not None:
            found = module.types.get(segs[-1])
            if isinstance(found, TypeInfo) and found.is_struct:
                require_public(self.ctx, module, segs[-1], self.module, e.span)
                return found, None
        self.ctx.error(codes.UNKNOWN_TYPE, f"cannot find struct or struct variant `{'::'.join(segs)}`", e.span,
                       "not found")
        return None

    # -- closures -------------------------------------------------------------------------------

    def _check_Closure(self, e: ast.Closure, expected: Type | None, used: bool) -> Type:
        exp = strip_refs(expected) if expected is not None else None
        exp_fn = exp if isinstance(exp, FnType) and len(exp.params) == len(e.params) else None
        wrong_arity = isinstance(exp, FnType) and exp_fn is None
        if wrong_arity:  # `apply(|x, y| x + y, 1)` for `f: fn(i64) -> i64` (Rust's E0593)
            n, m = len(exp.params), len(e.params)  # type: ignore[union-attr]
            self.ctx.error(codes.ARG_COUNT, f"this closure takes {m} parameter{'s' if m != 1 else ''} but "
                           f"{n} {'are' if n != 1 else 'is'} expected here", e.span,
                           f"expected a closure of {n} parameter{'s' if n != 1 else ''}",
                           help=f"the expected type is `{zonk(exp)}`")
        ret: Type = self.types.resolve(e.ret, self.scope_for_body()) if e.ret is not None else (
            exp_fn.ret if exp_fn is not None else self.fresh())
        closure = ClosureRes()
        self.frames.append(Frame(ret, len(self.frames) + 1, is_closure=True, closure=closure))
        self.push_scope()
        params: list[Type] = []
        for i, p in enumerate(e.params):
            if p.ty is not None:
                pty = self.types.resolve(p.ty, self.scope_for_body())
                if exp_fn is not None:
                    unify(pty, exp_fn.params[i])
            elif exp_fn is not None:
                pty = exp_fn.params[i]
            else:
                pty = self.fresh()
            params.append(pty)
            before = len(self.locals)
            self.bind_irrefutable(p.pattern, pty, False, kind="closure_param")
            closure.params.extend(self.locals[before:])
        body_ty = self.check(e.body, ret)
        if prune(body_ty) is NEVER and isinstance(prune(ret), InferVar):
            unify(ret, NEVER)
        elif prune(body_ty) is not NEVER and not self.coerce(body_ty, ret):
            span = e.body.tail.span if isinstance(e.body, ast.Block) and e.body.tail is not None else e.body.span
            # against a written `-> T` a return mismatch; against the type a parameter or binding expects
            # (`apply(|x| "s", 1)`) a plain mismatch of that value
            self.report_mismatch(body_ty, ret, span, codes.RETURN_MISMATCH if e.ret is not None else codes.MISMATCH)
        self.pop_scope()
        self.frames.pop()
        e.res = closure
        return ERROR if wrong_arity else FnType(tuple(params), ret)

    # -- recursion ------------------------------------------------------------------------------

    def recursion_target(self, e: ast.SelfRecur) -> Type:
        frame = next((f for f in reversed(self.frames) if not f.is_closure), None)
        fn = self.current_fn
        if fn is None or frame is None or (fn.name == "main" and fn.owner is None):
            self.ctx.error(codes.BAD_RECURSION, "`@` refers to the enclosing function, but there is none here"
                           if fn is None else "`@` cannot call `main`", e.span, "invalid self-recursion",
                           help="call a named function instead")
            return ERROR
        if self.template is not None:
            e.res = TemplateRes(self.template)
            return FnType(tuple(self.template.param_types), self.template.ret)
        params = tuple(p.ty for p in fn.params if p.ty is not None)
        type_args = list(fn.all_generics)
        e.res = FnRes(fn, type_args, recursive=True)  # type: ignore[arg-type]
        if fn.self_kind is not None:
            params = params[1:]
            local = self.find_local("self")
            if local is not None:
                local.used = True
        return FnType(params, fn.ret)

    # -- intrinsics and macros ------------------------------------------------------------------

    def call_intrinsic(self, e: ast.Expr, name: str, args: list[ast.Expr], fn: FnInfo | None) -> Type:
        res = IntrinsicRes(name, fn=fn)
        e.res = res
        if name in PRINTERS:
            self.check_format_call(e, name, args, res)
            if name == "panic":
                return NEVER
            return STR if name == "format" else UNIT
        if name in ("Str", "to_string"):
            self._arity(e, args, 1, name)
            for a in args:
                self.check(a)
            return STR
        if name in ("len", "strlen"):
            self._arity(e, args, 1, name)
            for a in args:
                t = strip_refs(self.check(a))
                if not (t is STR or isinstance(t, (InferVar, ErrorType)) or (
                        isinstance(t, Adt) and t.info.builtin and t.info.name in ("Vec", "HashMap", "HashSet"))):
                    self.ctx.error(codes.MISMATCH, f"`len` needs a Str, Vec, HashMap or HashSet, not `{t}`", a.span,
                                   "has no length")
            return I64
        if name in ("min", "max", "assert_eq", "assert_ne"):
            asserting = name.startswith("assert")
            if not (asserting and len(args) > 2) and not self._arity(e, args, 2, name) and len(args) < 2:
                self.check_args_loosely(args)
                return ERROR
            a = self.check(args[0])
            b = self.check(args[1], strip_refs(a))
            if asserting:
                self.check_format_call(e, name, args[2:], res)  # the optional failure message
            else:
                for extra in args[2:]:
                    self.check(extra)
            if not (unify(strip_refs(a), strip_refs(b)) or self.coerce(b, a)):
                self.report_mismatch(b, a, args[1].span)
            elif name in ("min", "max"):  # (`F max<T: Ord>` in the prelude: ordering needs `PartialOrd`)
                ord_trait = self.well_known_trait("PartialOrd") or self.well_known_trait("Ord")
                if ord_trait is not None:
                    self.require_bound(e.span, strip_refs(a), ord_trait,
                                       f"values of type `{zonk(strip_refs(a))}` have no order for `{name}`")
            return strip_refs(a) if name in ("min", "max") else UNIT
        if name == "abs":
            self._arity(e, args, 1, name)
            t = strip_refs(self.check(args[0])) if args else ERROR
            self.pending_numeric.append((e.span, t, "abs"))
            return t
        if name == "assert":
            if not args:
                self._arity(e, args, 1, name)
                return UNIT
            self.check_as(args[0], BOOL)
            self.check_format_call(e, name, args[1:], res)  # the optional failure message
            return UNIT
        if name in NEVER_RETURNING:
            for a in args:
                self.check(a, I64 if name == "exit" else None)
            return NEVER
        if name == "vec":
            return self._check_ArrayLit(ast.ArrayLit(args, e.span), None, True)
        if fn is not None and not fn.is_template:  # declared but typed normally
            e.res = None
            mapping, type_args = self.instantiate(fn, None, e.span)
            self.check_args(e, [subst(p.ty, mapping) for p in fn.params], args, f"`{name}`")  # type: ignore[arg-type]
            e.res = FnRes(fn, type_args)
            return subst(fn.ret, mapping)
        self.check_args_loosely(args)
        return ERROR

    def _arity(self, e: ast.Expr, args: list[ast.Expr], n: int, name: str) -> bool:
        if len(args) != n:
            self.ctx.error(codes.ARG_COUNT, f"`{name}` takes {n} argument{'s' if n != 1 else ''} but {len(args)} "
                           f"{'were' if len(args) != 1 else 'was'} supplied", e.span, f"expected {n}")
            return False
        return True

    def check_format_call(self, e: ast.Expr, name: str, args: list[ast.Expr], res: IntrinsicRes) -> None:
        if not args:
            if name in ("print", "format", "eprint"):
                self._arity(e, args, 1, name)
            return
        first = args[0]
        if isinstance(first, ast.StrLit):
            holes = sum(1 for p in first.parts if isinstance(p, ast.Interpolation) and p.expr is None)
            self.check(first)
            res.holes = holes
            extra = args[1:]
            if holes != len(extra):
                self.ctx.error(codes.BAD_FORMAT,
                               f"the format string has {holes} `{{}}` placeholder{'s' if holes != 1 else ''} but "
                               f"{len(extra)} argument{'s were' if len(extra) != 1 else ' was'} given", e.span,
                               "placeholders and arguments do not match",
                               help="each `{}` takes the next argument; write `{{` for a literal brace")
            for a in extra:
                self.require_printable(self.check(a), a.span)
            return
        self.require_printable(self.check(first), first.span)
        for a in args[1:]:
            self.check(a)
        if len(args) > 1:
            self.ctx.error(codes.BAD_FORMAT, f"`{name}` needs a string literal as its format string", first.span,
                           "not a string literal", help=f"write `{name}(\"{{}}\", value)`")

    def _check_MacroCall(self, e: ast.MacroCall, expected: Type | None, used: bool) -> Type:
        expansion = self.sema.macro_expansion(e)
        if expansion is not None:
            e.res = expansion
            return self.check(expansion, expected, used)
        name = e.name
        values = [a.value for a in e.args]
        if name in LOG_MACROS:
            e.res = IntrinsicRes(name)
            for a in values:
                self.check(a)
            if not values:
                self.ctx.error(codes.BAD_MACRO, f"`{name}!` needs a message", e.span, "missing message")
            return UNIT
        if name == "span":
            e.res = IntrinsicRes(name)
            if not values:
                self.ctx.error(codes.BAD_MACRO, "`span!` needs a name and a block", e.span, "missing arguments")
                return UNIT
            result: Type = UNIT
            for i, a in enumerate(e.args):
                ty = self.check(a.value, expected if i == len(e.args) - 1 else None)
                if i == len(e.args) - 1 and a.name is None and isinstance(a.value, (ast.Block, ast.Closure)):
                    result = ty.ret if isinstance(prune(ty), FnType) else ty  # type: ignore[union-attr]
            return result
        if name == "vec":
            e.res = IntrinsicRes("vec")
            if e.semicolon_after == 0 and len(values) == 2:  # `vec![x; n]`
                return self._check_ArrayRepeat(ast.ArrayRepeat(values[0], values[1], e.span), expected, used)
            return self._check_ArrayLit(ast.ArrayLit(values, e.span), expected, used)
        if name in ("matches",):
            self.ctx.error(codes.BAD_MACRO, "`matches!` is not supported; use `M value { pat => true, _ => false }`",
                           e.span, "unsupported macro")
            return BOOL
        builtin = self.lookup_value(name)
        if isinstance(builtin, FnInfo) and (builtin.intrinsic or builtin.builtin):
            return self.call_intrinsic(e, name, values, builtin)
        if name in PRINTERS | NEVER_RETURNING | {"assert", "assert_eq", "assert_ne"}:
            return self.call_intrinsic(e, name, values, None)
        self.ctx.error(codes.BAD_MACRO, f"cannot find macro `{name}!` in this scope", e.span, "unknown macro",
                       help=did_you_mean(name, list(self.module.macros) + sorted(PRINTERS | LOG_MACROS | {"vec", "span"})))
        for a in values:
            self.check(a)
        return ERROR

    # -- places and mutability ------------------------------------------------------------------

    def check_place(self, e: ast.Expr) -> Type:
        if isinstance(e, (ast.Name, ast.Field, ast.Index, ast.Unary, ast.SelfRecur)):
            ty = self.check(e)
            if isinstance(e, ast.Index) and isinstance(e.res, OperatorRes):
                self.ctx.error(codes.NOT_A_PLACE, f"cannot assign to `{_describe_place(e)}`: a user `Index` impl "
                               "gives read-only access", e.span, "cannot assign through `Index`",
                               help="add a method that changes the element: `F set(&mut self, i: ..., value: ...)`")
                return ERROR
            return ty
        self.check(e)
        self.ctx.error(codes.NOT_A_PLACE, "invalid left-hand side of assignment", e.span,
                       "cannot assign to this expression", help="assign to a variable, a field or an element")
        return ERROR

    def require_mutable(self, e: ast.Expr, action: str, through_method: bool = False) -> None:
        """Report IMMUTABLE_ASSIGN when `e` is a place that may not be mutated; mark mutated locals."""
        verdict = self.place_mutability(e, deref=through_method)
        if verdict is None:
            return  # a temporary: mutating it is harmless
        ok, local, why = verdict
        if local is not None:
            local.assigned = True
            frame = self.frames[-1]
            if local.fn_depth < len(self.frames) and frame.closure is not None:
                local.mutated_in_closure = True
                for f in self.frames[local.fn_depth:]:
                    if f.closure is not None:
                        f.closure.assigned.add(id(local))
        if ok:
            return
        if local is not None and why == "binding":
            what = f"`{local.name}`"
            message = (f"cannot {action} immutable variable {what}" if isinstance(e, ast.Name) and not through_method
                       else f"cannot {action} `{_describe_place(e)}`, as {what} is not declared as mutable")
            help = _MUTABLE_HELP.get(local.kind, "bind it mutably").format(name=local.name)
            if isinstance(e, ast.Name) and is_mut_ref(local.ty):  # `e += 1` for `e := m.entry(k).or_insert(0)`
                help = f"`{local.name}` is a `&mut` reference: change what it points to with `*{local.name}`"
        elif why == "ref":
            message = f"cannot {action} `{_describe_place(e)}`, which is behind a `&` reference"
            help = ("take `&mut self` to mutate through it" if local is not None and local.kind == "self" else
                    f"make the parameter `&mut`: `{local.name}: &mut ...`" if local is not None and local.kind == "param"
                    else "borrow it mutably: `&mut value`")
        elif why == "shared":
            message = f"cannot {action} `{_describe_place(e)}`, which is behind a `&` reference"
            help = "`get`, `first`, `last`, ... read a value; change it in place with `get_mut` or `entry`"
        else:
            message = f"cannot {action} `{_describe_place(e)}`"
            help = "constants cannot be modified; use `G` for a mutable global"
        self.ctx.error(codes.IMMUTABLE_ASSIGN, message, e.span, "cannot be mutated", help=help)

    def place_mutability(self, e: ast.Expr, deref: bool = False):
        """(mutable?, root local or None, reason) for a place; None for temporaries. With `deref`, the
        place is reached through the value (a field, an element, a method receiver), so a `&mut`
        binding allows it."""
        if isinstance(e, ast.Name):
            res = e.res
            if isinstance(res, LocalRes):
                local = res.local
                if deref and isinstance(prune(local.ty), Ref):
                    return (prune(local.ty).mutable, local, "ref")  # type: ignore[union-attr]
                return (local.mutable, local, "binding")
            if isinstance(res, ConstRes):
                return (res.const.is_global, None, "const")
            return None
        if isinstance(e, ast.SelfRecur):
            local = self.find_local("self")
            if local is None:
                return None
            return self._through(local.ty, local)
        if isinstance(e, (ast.Field, ast.Index)):
            return self.place_mutability(e.receiver, deref=True)
        if isinstance(e, ast.Unary) and e.op == "*":
            t = prune(getattr(e.operand, "ty", None) or ERROR)
            inner = self.place_mutability(e.operand)
            local = inner[1] if inner is not None else None
            if isinstance(t, Ref):
                return (t.mutable, local, "ref")
            if writes_through_shared_reference(e.operand):
                return (False, local, "shared")
            return inner
        if isinstance(e, (ast.MethodCall, ast.Call)):
            return None
        return None

    def _through(self, ty: Type, local):
        t = prune(ty)
        if isinstance(t, Ref):
            return (t.mutable, local, "ref")
        return (local.mutable, local, "binding")


_MUTABLE_HELP = {
    "let": "make it mutable: `{name} := mut ...`",
    "param": "declare the parameter as `mut {name}`",
    "loop": "the loop variable `{name}` is a copy of each element; to change the collection, loop over "
            "indices and assign `v[i]`",
    "pattern": "`{name}` is a copy of the matched payload; to change it in place, match on `opt.as_mut()` "
               "(an Option) or `v.get_mut(i)`, or bind it mutably with `mut {name}` to change only the copy",
}


def _named_trait(owner: Type) -> TraitInfo | None:
    """The trait whose `Self` parameter `owner` is (what a path `Trait::item` names), else None."""
    if isinstance(owner, Param) and owner.name == "Self" and owner.bounds:
        trait = owner.bounds[0].info
        return trait if trait.self_param is owner else None
    return None


def module_value(module: ModuleInfo, name: str):
    """A value-namespace item of `module` reached as `module::name`, enum variants included."""
    found = module.values.get(name)
    if found is None:
        variants = module.variants.get(name)
        if variants:
            found = variants[0]
            if variants[0].enum.name in module.pub_names:
                module.pub_names.add(name)  # a public enum's variants are public
    return found


def _describe_place(e: ast.Expr) -> str:
    if isinstance(e, ast.Name):
        return e.name
    if isinstance(e, ast.Field):
        return f"{_describe_place(e.receiver)}.{e.name}"
    if isinstance(e, ast.Index):
        return f"{_describe_place(e.receiver)}[..]"
    if isinstance(e, ast.Unary):
        return f"*{_describe_place(e.operand)}"
    if isinstance(e, ast.SelfRecur):
        return "self"
    return "value"


def _owner_name(cand: MethodCandidate) -> str:
    t = prune(cand.self_type)
    return t.info.name if isinstance(t, Adt) else str(t)


def _subst_trait(bound: TraitRef, mapping: dict[Param, Type]) -> TraitRef:
    return TraitRef(bound.info, tuple(subst(a, mapping) for a in bound.args))


def _lossless_number(source: Type, target: Type) -> bool:
    """Rust's lossless `From` between numbers: an integer into a wider integer of either signedness
    (unsigned into signed needs a wider one) or into a float holding all its values."""
    s, t = prune(source), prune(target)
    if not (isinstance(s, Prim) and isinstance(t, Prim) and s.kind == "int"):
        return False
    if t.kind == "float":
        return s.bits <= (16 if t.bits == 32 else 32)
    return t.kind == "int" and (t.bits > s.bits or (t.bits == s.bits and t.signed == s.signed)) and (
        t.signed or not s.signed)


def _same_but_int_widths(a: Type, b: Type) -> bool:
    """`a` and `b` differ at most in integer types: `collect()` of `enumerate()`'s `(i64, T)` pairs into
    a `Vec<(usize, T)>` is accepted as Rust programs write it (the counters are small and positive)."""
    a, b = strip_refs(a), strip_refs(b)
    if isinstance(a, Prim) and isinstance(b, Prim):
        return a is b or (a.kind == "int" and b.kind == "int")
    if isinstance(a, Tuple) and isinstance(b, Tuple):
        return len(a.elems) == len(b.elems) and all(map(_same_but_int_widths, a.elems, b.elems))
    if isinstance(a, Adt) and isinstance(b, Adt):
        return a.info is b.info and all(map(_same_but_int_widths, a.args, b.args))
    return unify(a, b)


def primitive_constant(owner: Type, name: str) -> LiteralRes | None:
    """`i64::MAX`, `u8::MIN`, `i32::BITS`, `f64::MAX`, `f64::EPSILON`, `f64::INFINITY`, `f64::NAN`, ..."""
    if not isinstance(owner, Prim):
        return None
    if owner.kind == "int":
        lo, hi = int_range(owner)
        value = {"MAX": hi, "MIN": lo, "BITS": owner.bits}.get(name)
        return LiteralRes(value) if value is not None else None
    if owner.kind == "float":
        single = owner.bits == 32
        table = {
            "MAX": 3.4028234663852886e38 if single else sys.float_info.max,
            "MIN": -3.4028234663852886e38 if single else -sys.float_info.max,
            "MIN_POSITIVE": 1.1754943508222875e-38 if single else sys.float_info.min,
            "EPSILON": 1.1920928955078125e-07 if single else sys.float_info.epsilon,
            "INFINITY": math.inf, "NEG_INFINITY": -math.inf, "NAN": math.nan,
            # Rust's `f64::consts` (`std::f64::consts::PI` reaches here as `f64::PI`)
            "PI": math.pi, "TAU": math.tau, "E": math.e, "SQRT_2": 1.4142135623730951, "LN_2": 0.6931471805599453,
            "LN_10": 2.302585092994046, "FRAC_PI_2": math.pi / 2, "FRAC_PI_3": 1.0471975511965979,
            "FRAC_PI_4": math.pi / 4, "FRAC_PI_6": 0.5235987755982989, "FRAC_1_PI": 0.3183098861837907,
            "FRAC_2_PI": 0.6366197723675814, "FRAC_1_SQRT_2": 0.7071067811865476, "LOG2_E": 1.4426950408889634,
            "LOG10_E": 0.4342944819032518,
        }
        return LiteralRes(table[name]) if name in table else None
    return None


# Vec methods a Rust user may call on an iterator (`s.split(",").len()`): the error suggests `collect`.
_VEC_ONLY_METHODS = frozenset({"len", "is_empty", "push", "pop", "sort", "sort_by", "sort_by_key", "get", "first",
                               "last", "contains", "join", "reverse", "insert", "remove", "dedup", "retain"})
