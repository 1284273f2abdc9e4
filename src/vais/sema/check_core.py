"""Per-body checking state: scopes, locals, loop/closure frames, unification with diagnostics,
and the final pass that resolves every inferred type of the body."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vais.sema import codes
from vais.sema.items import FnInfo, ModuleInfo
from vais.sema.mono import CALL_RESOLUTIONS
from vais.sema.program import ClosureRes, Local, LocalRes
from vais.sema.resolve import TypeScope
from vais.sema.types import (
    CHAR,
    F64,
    I64,
    NEVER,
    STR,
    Adt,
    Dyn,
    ErrorType,
    FnType,
    InferVar,
    Param,
    Prim,
    Ref,
    TraitRef,
    Tuple,
    Type,
    finalize,
    has_unresolved,
    int_widens_to,
    prune,
    strip_refs,
    zonk,
)
from vais.sema.unify import unify
from vais.syntax import ast
from vais.syntax.source import Span

if TYPE_CHECKING:
    from vais.sema.analysis import Sema


def _shared_referent(t: Type) -> Type:
    """`T` for `&T` (a shared reference is its referent at run time, so `fn(&T)` and `fn(T)` agree)."""
    t = prune(t)
    return t.inner if isinstance(t, Ref) and not t.mutable else t


@dataclass
class LoopFrame:
    kind: str  # "loop" (value-carrying), "while", "for"
    break_type: Type | None = None
    has_break: bool = False


@dataclass
class Frame:
    """A function or closure body: its return type and the loops open inside it."""

    ret: Type
    depth: int
    is_closure: bool = False
    closure: ClosureRes | None = None
    loops: list[LoopFrame] = field(default_factory=list)
    returns_try: bool = True  # whether `?` is allowed (return type is Result/Option or inferred)
    is_async: bool = False
    recur_name: str | None = None  # the function `@` calls (None in main or closures)


class BodyCheckerBase:
    """State for checking one function body (closures included)."""

    def __init__(self, sema: Sema, module: ModuleInfo, scope: TypeScope):
        self.sema = sema
        self.ctx = sema.ctx
        self.traits = sema.traits
        self.types = sema.resolver
        self.module = module
        self.scope = scope
        self.scopes: list[dict[str, Local]] = [{}]
        self.block_items: list[dict[str, FnInfo]] = []  # nested `F` items of the open blocks, innermost last
        self.frames: list[Frame] = []
        self.locals: list[Local] = []
        self.annotated: list[ast.Node] = []
        self.pending_bounds: list[tuple[Span, Type, TraitRef, str]] = []
        self.open_projections: list[tuple[Type, str, Type]] = []  # (`I` of a call, "Item", its `I::Item`)
        self.pending_literals: list[tuple[ast.IntLit, Type]] = []
        self.negated_literals: set[int] = set()  # ids of literals written with a unary minus
        self.pending_numeric: list[tuple[Span, Type, str]] = []
        self.cannot_infer_reported = False
        self.call_resolutions: list = []  # every FnRes/MethodRes/OperatorRes/TemplateRes of the body
        self.errors_at_start = sema.ctx.error_count
        # the declared return type while a returned expression (`R e`, a body's tail) is checked: a
        # variant payload that only mismatches because this type flowed into it is a return mismatch
        self.return_expected: Type | None = None

    # -- scopes and locals ----------------------------------------------------------------------

    @property
    def frame(self) -> Frame:
        return self.frames[-1]

    def push_scope(self) -> None:
        self.scopes.append({})

    def pop_scope(self) -> None:
        scope = self.scopes.pop()
        for local in scope.values():
            self._warn_unused(local)

    def _warn_unused(self, local: Local) -> None:
        if local.name.startswith("_") or local.kind == "self":
            return
        if local.used:
            # (a closure keeps its `mut`: Rust requires it to call an `FnMut`, `c := mut make_counter()`)
            if local.mutable and not local.assigned and local.kind == "let" and not isinstance(prune(local.ty), FnType):
                self.ctx.warning(codes.UNUSED_MUT, f"variable `{local.name}` does not need to be mutable", local.span,
                                 "never assigned or mutably borrowed", help="remove the `mut`")
            return
        if local.kind == "param" and self.sema.suppress_param_warnings:
            return
        self.ctx.warning(codes.UNUSED_VARIABLE, f"unused variable: `{local.name}`", local.span,  # type: ignore[arg-type]
                         "never used", help=f"if this is intentional, prefix it with an underscore: `_{local.name}`")

    def declare(self, name: str, ty: Type, mutable: bool, span: Span, kind: str = "let") -> Local:
        local = Local(name, ty, mutable, span, kind, fn_depth=len(self.frames),
                      unique_id=len(self.locals))
        self.locals.append(local)
        current = self.scopes[-1]
        previous = current.get(name)
        if previous is not None:
            self._warn_unused(previous)
        current[name] = local
        return local

    def find_local(self, name: str) -> Local | None:
        for scope in reversed(self.scopes):
            local = scope.get(name)
            if local is not None:
                return local
        return None

    def use_local(self, local: Local, node: ast.Expr) -> None:
        """Mark a use; record a capture when the local belongs to an enclosing function."""
        local.used = True
        node.res = LocalRes(local)
        depth = len(self.frames)
        if local.fn_depth < depth:
            local.captured = True
            for frame in self.frames[local.fn_depth:]:
                if frame.closure is not None and local not in frame.closure.captures:
                    frame.closure.captures.append(local)

    def visible_names(self) -> set[str]:
        names: set[str] = set()
        for scope in self.scopes:
            names.update(scope)
        for items in self.block_items:
            names.update(items)
        names.update(self.module.values)
        if self.ctx.prelude is not None:
            names.update(self.ctx.prelude.values)
        for name, variants in self.module.variants.items():
            if variants:
                names.add(name)
        return names

    # -- types ----------------------------------------------------------------------------------

    def fresh(self, kind: str | None = None) -> InferVar:
        return InferVar(kind)

    def show(self, t: Type) -> str:
        t = zonk(t)
        return f"`{t}`"

    def coerce(self, actual: Type, expected: Type) -> bool:
        """Can a value of type `actual` be used where `expected` is required?

        Beyond unification: `!` goes anywhere, integers widen within one signedness, references are
        taken and dropped implicitly (`&mut T` where `&T` is expected included), `Box<T>` derefs
        to `&T`, `Str` converts into the std `Error`, and a type implementing the traits converts
        into `dyn Trait` (also behind `&` and `Box`).
        """
        actual = prune(actual)
        expected = prune(expected)
        if actual is expected or actual is NEVER:
            return True
        if actual.__class__ is InferVar and expected.__class__ is not Dyn:
            if actual.kind is not None and expected.__class__ is Ref and not expected.mutable:
                return unify(actual, expected.inner)  # a literal passed by `&` (`f64::sqrt(2.0)`)
            return unify(actual, expected)  # (the common case of a literal or an open variable)
        if isinstance(actual, ErrorType) or isinstance(expected, ErrorType):
            unify(actual, expected)  # an open variable becomes the error type: its uses stay silent
            return True
        if isinstance(expected, Ref) and not isinstance(actual, (Ref, InferVar)):
            if self._is_box(actual) and not self._is_box(prune(expected.inner)):
                return self.coerce(actual.args[0], expected.inner)  # type: ignore[union-attr]
            return self.coerce(actual, expected.inner)
        if isinstance(actual, Ref) and not isinstance(expected, Ref) and (
                not isinstance(expected, InferVar) or expected.kind is not None):  # (a literal's type is no ref)
            return self.coerce(actual.inner, expected)
        if isinstance(actual, Ref) and isinstance(expected, Ref):
            if expected.mutable and not actual.mutable:
                return False  # a shared borrow never becomes a mutable one
            inner_actual = prune(actual.inner)
            if self._is_box(inner_actual) and not self._is_box(prune(expected.inner)):
                return self.coerce(inner_actual.args[0], expected.inner)  # type: ignore[union-attr]
            return self.coerce(actual.inner, expected.inner)
        if isinstance(actual, Prim) and isinstance(expected, Prim):
            return actual is expected or int_widens_to(actual, expected)
        if actual is STR and isinstance(expected, Adt) and expected.info is self.ctx.type_info("Error"):
            return True
        if isinstance(expected, Dyn) and not isinstance(actual, Dyn) and (
                not isinstance(actual, InferVar) or actual.kind is not None):  # (a literal counts as i64/f64)
            return all(self.traits.satisfies(actual, tr) for tr in expected.traits)
        if isinstance(actual, Adt) and isinstance(expected, Adt) and actual.info is expected.info:
            if self._is_box(expected) and isinstance(prune(expected.args[0]), Dyn):
                return self.coerce(actual.args[0], expected.args[0])  # Box<Sq> -> Box<dyn Shape>
            return all(self._coerce_arg(a, e) for a, e in zip(actual.args, expected.args, strict=True))
        if isinstance(actual, Tuple) and isinstance(expected, Tuple) and len(actual.elems) == len(expected.elems):
            return all(self._coerce_arg(a, e) for a, e in zip(actual.elems, expected.elems, strict=True))
        if isinstance(actual, FnType) and isinstance(expected, FnType) and len(actual.params) == len(expected.params):
            # `.map(i64::abs)`: a method path is `fn(&i64) -> i64`, and a shared reference is its value
            return (all(self._coerce_arg(_by_value(e), _by_value(a))
                        for a, e in zip(actual.params, expected.params, strict=True))
                    and self._coerce_arg(actual.ret, expected.ret))
        if isinstance(expected, Adt) and expected.info is self.ctx.type_info("Iter"):
            elem = self.iterable_elem(actual)
            if elem is not None:
                return unify(elem, expected.args[0])
        if isinstance(actual, Param) and actual.fn_bound is not None and isinstance(expected, FnType):
            actual = actual.fn_bound  # a value of `F: Fn(A) -> R` passed on as a `fn(A) -> R`
        if isinstance(actual, FnType) and isinstance(expected, FnType) and len(actual.params) == len(expected.params):
            return all(unify(_shared_referent(a), _shared_referent(x))  # `Point::norm` as a `fn(&Point) -> f64`
                       for a, x in zip((*actual.params, actual.ret), (*expected.params, expected.ret), strict=True))
        return unify(actual, expected)

    def iterable_elem(self, t: Type) -> Type | None:
        """The element type when `t` can stand where an `Iter<T>` is expected, else None."""
        t = prune(t)
        if t is STR:
            return CHAR
        if isinstance(t, Adt) and t.info.builtin and t.args:
            if t.info.name == "HashMap":
                return Tuple((t.args[0], t.args[1]))
            if t.info.name in ("Vec", "HashSet", "Range", "Option", "Result", "Iter", "Peekable"):
                return t.args[0]
        return self.traits.iterator_item(t)  # a user iterator (its `next` drives the Iter)

    def _coerce_arg(self, actual: Type, expected: Type) -> bool:
        """Inside generic arguments only `Str` → `Error` (for `Err("msg")`) and shared references
        (`Option<T>` as `Option<&T>`, as `self.items.last()` in `F peek(&self) -> Option<&T>`) are
        allowed beyond unification; `&mut` is never dropped or added there."""
        a = prune(actual)
        e = prune(expected)
        if a is STR and isinstance(e, Adt) and e.info is self.ctx.type_info("Error"):
            return True
        if a is NEVER:
            return True
        if e.__class__ is Ref and not e.mutable and a.__class__ is not Ref and a.__class__ is not InferVar:
            return self._coerce_arg(a, e.inner)
        if a.__class__ is Ref and not a.mutable and e.__class__ is not Ref and e.__class__ is not InferVar:
            return self._coerce_arg(a.inner, e)
        if a.__class__ is Tuple and e.__class__ is Tuple and len(a.elems) == len(e.elems):  # `Vec<(&str, i64)>`
            return all(self._coerce_arg(x, y) for x, y in zip(a.elems, e.elems, strict=True))
        if a.__class__ is Adt and e.__class__ is Adt and a.info is e.info:
            return all(self._coerce_arg(x, y) for x, y in zip(a.args, e.args, strict=True))
        return unify(a, e)

    def _is_box(self, t: Type) -> bool:
        return isinstance(t, Adt) and t.info.builtin and t.info.name in ("Box", "Rc")

    def expect_type(self, actual: Type, expected: Type, span: Span, code: str = codes.MISMATCH,
                    what: str = "", help: str | None = None) -> bool:
        """Coerce or report `code` at `span`."""
        if self.coerce(actual, expected):
            return True
        self.report_mismatch(actual, expected, span, code, what, help)
        return False

    def report_mismatch(self, actual: Type, expected: Type, span: Span, code: str = codes.MISMATCH,
                        what: str = "", help: str | None = None) -> None:
        a, e = zonk(actual), zonk(expected)
        if isinstance(a, ErrorType) or isinstance(e, ErrorType):
            return
        message = "mismatched types" if code == codes.MISMATCH else what or "mismatched types"
        if code == codes.RETURN_MISMATCH:
            message = "mismatched return type"
        elif code == codes.MISMATCH:
            unmet = self._unmet_dyn_trait(a, e)
            if unmet is not None:  # `&Blob` where `&dyn Shape` is expected: a bound, as in Rust (E0277)
                source, trait = unmet
                self.ctx.error(codes.TRAIT_BOUND, f"the trait bound `{source}: {trait}` is not satisfied", span,
                               f"expected {self.show(e)}, found {self.show(a)}",
                               help=help or f"`{source}` does not implement `{trait}`: add `X {source}: {trait} {{ ... }}`")
                return
        if help is None:
            help = self._conversion_help(a, e)
        self.ctx.error(code, message, span, f"expected {self.show(e)}, found {self.show(a)}", help=help)

    def _unmet_dyn_trait(self, actual: Type, expected: Type) -> tuple[Type, TraitRef] | None:
        """(source type, trait) when `actual` fails to become the `dyn Trait` (behind `&`/`Box`) expected
        only because it does not implement one of the traits."""
        target = strip_refs(expected)
        source = strip_refs(actual)
        if self._is_box(target):
            if not self._is_box(source) and not isinstance(expected, Ref):
                return None
            target = prune(target.args[0])  # type: ignore[union-attr]
        if self._is_box(source):
            source = prune(source.args[0])  # type: ignore[union-attr]
        if isinstance(source, InferVar) and source.kind is not None:
            source = I64 if source.kind == "int" else F64  # a literal: judged by its default type
        if not isinstance(target, Dyn) or isinstance(source, (Dyn, InferVar, ErrorType)):
            return None
        missing = [tr for tr in target.traits if not self.traits.satisfies(source, tr)]
        return (source, missing[0]) if missing else None

    def _conversion_help(self, actual: Type, expected: Type) -> str | None:
        if isinstance(expected, Ref) and expected.mutable and isinstance(actual, Ref) and not actual.mutable:
            return "a shared `&` borrow cannot be used as `&mut`: borrow the variable with `&mut` instead"
        target = strip_refs(expected)
        if self._is_box(target):
            target = prune(target.args[0])  # type: ignore[union-attr]
        if isinstance(target, Dyn):
            source = strip_refs(actual)
            if self._is_box(source):
                source = prune(source.args[0])  # type: ignore[union-attr]
            missing = [tr for tr in target.traits if not self.traits.satisfies(source, tr)]
            if missing:
                return f"`{source}` does not implement `{missing[0]}`: add `X {source}: {missing[0]} {{ ... }}`"
        if isinstance(actual, InferVar) and actual.kind == "int" and isinstance(expected, Prim) and expected.is_float:
            return "integer literals are not floats: write a float literal such as `1.0`"
        if isinstance(actual, Prim) and isinstance(expected, Prim):
            if actual is STR and expected is CHAR:
                return "a `char` literal uses single quotes: `'c'`"
            if actual.is_numeric and expected.is_numeric:
                return f"convert explicitly: `value as {expected}`"
            if actual.kind == "int" and expected.kind == "bool":
                return "compare instead: `value != 0`"
            if expected is STR:
                return "convert it to a string with `Str(value)`"
        if isinstance(expected, Prim) and expected is STR and isinstance(actual, Adt):
            return "convert it to a string with `Str(value)` or interpolation `\"{value}\"`"
        wrapped = prune(actual)
        if isinstance(wrapped, Adt) and wrapped.info.builtin and wrapped.info.name in ("Option", "Result") and (
                wrapped.args and _fits_as(expected, wrapped.args[0]) and not isinstance(prune(expected), InferVar)):
            what = "an Option" if wrapped.info.name == "Option" else "a Result"
            return f"this is {what}: take the value out with `?`, `!` or `.unwrap_or(..)`"
        wrapper = prune(expected)
        if isinstance(wrapper, Adt) and wrapper.info.name == "Ordering" and (
                isinstance(prune(actual), InferVar) or (isinstance(prune(actual), Prim) and prune(actual).is_numeric)):
            return "an ordering is not a number: compare with `a.cmp(&b)` (`b.cmp(&a)` for descending)"
        if isinstance(wrapper, Adt) and wrapper.info.builtin and wrapper.info.name in ("Option", "Result") and (
                wrapper.args and _fits_as(actual, wrapper.args[0])):
            return f"wrap the value: `{'Some' if wrapper.info.name == 'Option' else 'Ok'}(value)`"
        return None

    def settle_projections(self) -> None:
        """Fix the `I::Item` of generic calls whose `I` the arguments have made known (`first(counter)`
        returns `Option<i64>`); the others wait for a later call."""
        still = []
        for base, name, var in self.open_projections:
            b = strip_refs(base)
            if isinstance(b, Param):
                found: Type | None = self.ctx.projection(b, name)
            else:
                found = self.traits.assoc_type(b, name) if not has_unresolved(b) else None
            if found is None:
                still.append((base, name, var))
            else:
                unify(var, found)
        self.open_projections = still

    def require_bound(self, span: Span, ty: Type, trait: TraitRef, what: str) -> None:
        self.pending_bounds.append((span, ty, trait, what))

    def well_known_trait(self, name: str) -> TraitRef | None:
        info = self.ctx.trait_info(name)
        return TraitRef(info) if info is not None else None

    # -- finishing ------------------------------------------------------------------------------

    def finish(self) -> None:
        """Resolve every annotation (literals default to i64/f64), collect the call resolutions of the
        body (for monomorphisation), then check deferred bounds, operands and literal ranges."""
        calls = self.call_resolutions
        unresolved: list[InferVar] = []
        first_open: ast.Node | None = None
        done: dict[int, Type] = {}  # many nodes share one type object: resolve each once
        for node in self.annotated:
            res = node.res  # type: ignore[attr-defined]
            if res.__class__ in CALL_RESOLUTIONS:
                calls.append(res)
            t = node.ty  # type: ignore[attr-defined]
            if t.__class__ is not Prim:
                resolved = done.get(id(t))
                if resolved is None:
                    resolved = done[id(t)] = finalize(t, unresolved)
                    if unresolved and first_open is None:
                        first_open = node
                node.ty = resolved  # type: ignore[attr-defined]
        for local in self.locals:
            local.ty = finalize(local.ty, unresolved)
        for span, ty, trait, what in self.pending_bounds:
            ty = zonk(ty)
            if isinstance(ty, (ErrorType, InferVar)):
                continue
            if not self.traits.satisfies(ty, trait):
                self.ctx.error(codes.TRAIT_BOUND, f"the trait bound `{ty}: {trait}` is not satisfied", span,
                               f"the trait `{trait}` is not implemented for `{ty}`",
                               help=what or self.traits.impl_hint(ty, trait))
        for span, ty, op in self.pending_numeric:
            ty = zonk(ty)
            if not isinstance(ty, (ErrorType, InferVar)) and not (isinstance(ty, Prim) and ty.is_numeric):
                self.ctx.error(codes.BAD_OPERAND, f"cannot apply `{op}` to a value of type `{ty}`", span,
                               f"`{ty}` is not a number")
        for lit, ty in self.pending_literals:
            self.sema.check_int_literal(lit, zonk(ty), id(lit) in self.negated_literals)
        if first_open is not None and not self.cannot_infer_reported and self.ctx.error_count == self.errors_at_start:
            self.cannot_infer_reported = True  # (after another error it would only be noise)
            self.ctx.error(codes.CANNOT_INFER, "type annotations needed", first_open.span,
                           f"cannot infer the type of this expression (`{first_open.ty}`)",  # type: ignore[attr-defined]
                           help="add a type annotation, e.g. `x: Vec<i64> = Vec::new()`")


def _by_value(t: Type) -> Type:
    """`T` for a shared reference `&T` (a function parameter taken by `&` receives the value)."""
    t = prune(t)
    return prune(t.inner) if isinstance(t, Ref) and not t.mutable else t


def _fits_as(actual: Type, payload: Type) -> bool:
    """Would `actual` be the payload's type (without binding anything)? For `R x` where `Some(x)` is meant."""
    a, p = prune(strip_refs(actual)), prune(payload)
    if isinstance(p, InferVar) and not isinstance(a, InferVar):
        a, p = p, a
    if isinstance(a, InferVar):
        return a.kind is None or (isinstance(p, Prim) and (p.kind == a.kind or (a.kind == "float" and p.is_float)))
    return a == p
