"""Trait satisfaction and method lookup (inherent impls, trait impls, default methods, bounds)."""

from __future__ import annotations

from dataclasses import dataclass

from vais.sema.context import SemaContext
from vais.sema.items import FnInfo, ImplInfo, TraitInfo
from vais.sema.types import (
    BOOL,
    CHAR,
    ERROR,
    F64,
    I64,
    STR,
    UNIT,
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
    is_iterator,
    prune,
    subst,
)
from vais.sema.unify import compatible, match

# Marker and operator traits whose implementations for built-in types are structural rules.
_EQ = {"Eq", "PartialEq", "Clone", "Copy", "Debug"}
_ORD = {"Ord", "PartialOrd"}
_ARITH = {"Add", "Sub", "Mul", "Div", "Rem", "Neg", "AddAssign", "SubAssign", "MulAssign", "DivAssign",
          "RemAssign"}
_NUMERIC_MARKERS = {"Num": ("int", "float"), "Integer": ("int",), "Float": ("float",)}
_DISPLAY_BUILTINS = {"Error", "Duration"}
_ORDERED_CONTAINERS = {"Vec", "Option", "Result", "Box", "Rc"}
_ORDERED_BUILTINS = {"Duration", "Instant"}
_METHOD_TRAITS = ("Clone", "Display", "Default", "PartialEq", "PartialOrd", "Ord", "Hash")
ITERABLES = {"Range", "Vec", "HashSet", "HashMap", "Peekable"}


@dataclass
class MethodCandidate:
    """A resolved method: the function, the impl that provides it (None for bound/dyn methods),
    and the substitution for the impl's generics and the trait's `Self`."""

    fn: FnInfo
    impl: ImplInfo | None
    mapping: dict[Param, Type]
    trait: TraitInfo | None
    self_type: Type


class Traits:
    def __init__(self, ctx: SemaContext):
        self.ctx = ctx

    # -- satisfaction ---------------------------------------------------------------------------

    def satisfies(self, ty: Type, trait: TraitRef, depth: int = 0) -> bool:
        ty = prune(ty)
        info = trait.info
        if isinstance(ty, InferVar) and ty.kind is not None:
            ty = I64 if ty.kind == "int" else F64  # a literal: judge by its default type
        if isinstance(ty, (ErrorType, InferVar)) or depth > 20:
            return True
        if isinstance(ty, Ref):
            return self.satisfies(ty.inner, trait, depth + 1)
        if isinstance(ty, Param):
            return any(self._implies(b, trait) for b in ty.bounds)
        if isinstance(ty, Dyn):
            return any(self._implies(t, trait) for t in ty.traits)
        if info.builtin and self._builtin_rule(ty, info.name, trait, depth):
            return True
        return self.find_impl(ty, trait) is not None

    def _implies(self, bound: TraitRef, trait: TraitRef) -> bool:
        """Does a declared bound (or dyn trait) give `trait`? Itself with equal arguments, or a supertrait."""
        if bound.info is trait.info:
            return _args_compatible(bound.args, trait.args)
        return trait.info in bound.info.all_supertraits()

    def _builtin_rule(self, ty: Type, name: str, trait: TraitRef, depth: int) -> bool:
        if name == "Pattern":  # a `char` predicate, as Rust's `impl FnMut(char) -> bool: Pattern`
            return (isinstance(ty, FnType) and len(ty.params) == 1 and prune(ty.params[0]) is CHAR
                    and prune(ty.ret) is BOOL)
        if name in _EQ:  # (functions and iterators have no `==`: Rust compares iterators with `a.eq(b)`)
            return name in ("Clone", "Copy", "Debug") or not (isinstance(ty, FnType) or is_iterator(ty))
        if name in _NUMERIC_MARKERS:
            return isinstance(ty, Prim) and ty.kind in _NUMERIC_MARKERS[name]
        if name == "Not":
            return ty is BOOL or (isinstance(ty, Prim) and ty.is_int)
        if name in _ARITH:
            if isinstance(ty, Prim) and ty.is_numeric:
                return True
            return name == "Add" and ty is STR
        if name in _ORD:
            if isinstance(ty, Prim):
                return ty.kind in ("int", "float", "char", "bool", "str", "unit")
            if isinstance(ty, Tuple):
                return all(self.satisfies(e, trait, depth + 1) for e in ty.elems)
            if isinstance(ty, Adt) and ty.info.builtin and ty.info.name in _ORDERED_CONTAINERS:
                return all(self.satisfies(a, trait, depth + 1) for a in ty.args)
            if isinstance(ty, Adt) and ty.info.builtin:
                return ty.info.name in _ORDERED_BUILTINS
            return bool(isinstance(ty, Adt) and ty.info.derives & _ORD)
        if name == "Hash":
            if isinstance(ty, Prim):
                return ty.kind != "float"
            if isinstance(ty, Tuple):
                return all(self.satisfies(e, trait, depth + 1) for e in ty.elems)
            return isinstance(ty, Adt)
        if name == "Display":
            if isinstance(ty, Prim):
                return ty.kind not in ("never",)
            return isinstance(ty, Adt) and ty.info.builtin and ty.info.name in _DISPLAY_BUILTINS
        if name == "Default":
            if isinstance(ty, Adt) and not ty.info.builtin:  # `#[derive(Default)]` on a struct
                return "Default" in ty.info.derives and not ty.info.is_enum
            return isinstance(ty, Prim) or (isinstance(ty, Adt) and ty.info.builtin) or isinstance(ty, Tuple)
        if name == "FromStr":
            return isinstance(ty, Prim) and ty.kind in ("int", "float", "bool", "char", "str")
        return name in ("Len", "Sized", "Send", "Sync", "Any")

    def find_impl(self, ty: Type, trait: TraitRef) -> tuple[ImplInfo, dict[Param, Type]] | None:
        """The impl of `trait` (with its arguments: `Conv<f64>` is not `Conv<Str>`) for `ty`, with the
        impl generics it instantiates."""
        for impl in self._impls_for(ty):
            if impl.trait is None or impl.trait.info is not trait.info:
                continue
            mapping = self.impl_matches(impl, ty)
            if mapping is not None and (not trait.args or all(
                    match(p, a, mapping) for p, a in zip(impl.trait.args, trait.args, strict=False))):
                return impl, mapping
        return None

    def _impls_for(self, ty: Type) -> list[ImplInfo]:
        ty = prune(ty)
        if isinstance(ty, Adt):
            own = ty.info.impls
        elif isinstance(ty, Tuple):
            own = self.ctx.tuple_impls
        else:
            own = self.ctx.prim_impls.get(ty, [])
        return own + self.ctx.blanket_impls if self.ctx.blanket_impls else own

    def impl_matches(self, impl: ImplInfo, ty: Type) -> dict[Param, Type] | None:
        mapping: dict[Param, Type] = dict.fromkeys(impl.generics)  # type: ignore[arg-type]
        if not match(impl.target, ty, mapping):
            return None
        for p in impl.generics:
            if mapping[p] is None:
                mapping[p] = InferVar()
        for p in impl.generics:
            for bound in p.bounds:
                bound_inst = TraitRef(bound.info, tuple(subst(a, mapping) for a in bound.args))
                if not self.satisfies(mapping[p], bound_inst, 1):
                    return None
        for where_ty, bound in impl.where:
            if not self.satisfies(subst(where_ty, mapping), bound, 1):
                return None
        return mapping

    # -- methods --------------------------------------------------------------------------------

    def lookup_method(self, ty: Type, name: str, returning: Type | None = None) -> MethodCandidate | None:
        """Find method or associated function `name` for a receiver of type `ty` (refs stripped by the
        caller), trying bounds, inherent impls, trait impls and default methods, then Box/Rc deref.
        When several trait impls offer `name` (`X T: Conv<f64>` and `X T: Conv<Str>`), the one whose
        result fits `returning` (the type the call site expects) wins."""
        ty = prune(ty)
        if isinstance(ty, Param):
            return self._from_bounds(ty, [b for b in ty.bounds], name) or self._iterator_method(ty, name)
        if isinstance(ty, Dyn):
            return self._from_bounds(ty, list(ty.traits), name)
        impls = self._impls_for(ty)
        fitting_first: MethodCandidate | None = None
        # inherent impls, then trait impls, then (None, for user types) the prelude's blanket impls, so a
        # user `X T: Ord { F cmp }` wins over the built-in `cmp` of every Ord type
        user_type = isinstance(ty, Adt) and not ty.info.builtin
        for inherent in (True, False, None) if user_type else (True, False):
            for impl in impls:
                if inherent is None:
                    if not _prelude_blanket(impl):
                        continue
                elif (impl.trait is None) != inherent or (inherent and user_type and _prelude_blanket(impl)):
                    continue
                fn = impl.methods.get(name)
                if fn is None:
                    continue
                mapping = self.impl_matches(impl, ty)
                if mapping is not None:
                    trait = impl.trait.info if impl.trait is not None else None
                    if trait is not None:
                        mapping[trait.self_param] = ty
                    cand = MethodCandidate(fn, impl, mapping, trait, ty)
                    if inherent is not False or returning is None or compatible(subst(fn.ret, mapping), returning):
                        return cand
                    fitting_first = fitting_first or cand
        if fitting_first is not None:
            return fitting_first
        for impl in impls:  # default methods of implemented traits
            if impl.trait is None:
                continue
            trait = impl.trait.info
            fn = self.trait_method(trait, name)
            if fn is None:
                continue
            mapping = self.impl_matches(impl, ty)
            if mapping is not None:
                owner = fn.owner
                mapping[owner.self_param] = ty  # type: ignore[union-attr]
                for tp, ta in zip(trait.generics, impl.trait.args, strict=False):
                    mapping[tp] = ta
                for an, ap in owner.assoc.items():  # type: ignore[union-attr]
                    mapping[ap] = subst(impl.assoc.get(an, ERROR), mapping)
                return MethodCandidate(fn, impl, mapping, owner, ty)  # type: ignore[arg-type]
        builtin = self._builtin_trait_method(ty, name)
        if builtin is not None:
            return builtin
        if isinstance(ty, Adt) and ty.info.builtin and ty.args:
            if ty.info.name in ("Box", "Rc"):
                return self.lookup_method(ty.args[0], name)
            if ty.info.name in ITERABLES:  # ranges and collections lend Iter's methods: `(1..=n).sum()`
                return self.lookup_method(Adt(self.ctx.type_info("Iter"), (self.iter_elem(ty),)), name)
        return self._iterator_method(ty, name)

    def _iterator_method(self, ty: Type, name: str) -> MethodCandidate | None:
        """`Iter<T>`'s methods (map, sum, collect, ...) for a user iterator, which converts to an `Iter`."""
        if name == "next":
            return None
        item = self.iterator_item(ty)
        return self.lookup_method(Adt(self.ctx.type_info("Iter"), (item,)), name) if item is not None else None

    def iterator_item(self, ty: Type) -> Type | None:
        """The element type of a user iterator: a struct or enum (or a parameter bounded by `Iterator`)
        whose `next(&mut self)` returns `Option<T>`, from an `Iterator` impl or, leniently, an inherent
        method. None for anything else (built-in types have their own rules)."""
        ty = prune(ty)
        if not (isinstance(ty, Adt) and not ty.info.builtin) and not isinstance(ty, Param):
            return None
        cand = self.lookup_method(ty, "next")
        if cand is None or cand.fn.self_kind != "mut" or len(cand.fn.params) != 1:
            return None
        ret = prune(subst(cand.fn.ret, cand.mapping))
        if isinstance(ret, Adt) and ret.info is self.ctx.type_info("Option"):
            return ret.args[0]
        return None

    def assoc_type(self, ty: Type, name: str) -> Type | None:
        """`ty::name` for a concrete type: the `T name = ...` of the trait impl that declares it (the
        element type of a lenient iterator for `Item`)."""
        for impl in self._impls_for(ty):
            if impl.trait is not None and name in impl.assoc:
                mapping = self.impl_matches(impl, ty)
                if mapping is not None:
                    return subst(impl.assoc[name], mapping)
        return self.iterator_item(ty) if name == "Item" else None

    def iter_elem(self, ty: Adt) -> Type:
        if ty.info.name == "HashMap":
            return Tuple((ty.args[0], ty.args[1]))
        return ty.args[0]

    def _builtin_trait_method(self, ty: Type, name: str) -> MethodCandidate | None:
        """Methods of built-in traits (`clone`, `to_string`, `default`) that built-in types get by rule."""
        prelude = self.ctx.prelude
        if prelude is None:
            return None
        for trait_name in _METHOD_TRAITS:
            trait = prelude.types.get(trait_name)
            if not isinstance(trait, TraitInfo) or name not in trait.methods:
                continue
            if self.satisfies(ty, TraitRef(trait)):
                fn = trait.methods[name]
                return MethodCandidate(fn, None, {trait.self_param: ty}, trait, ty)
        return None

    def _from_bounds(self, ty: Type, bounds: list[TraitRef], name: str) -> MethodCandidate | None:
        for bound in bounds:
            fn = self.trait_method(bound.info, name)
            if fn is not None:
                owner: TraitInfo = fn.owner  # type: ignore[assignment]
                mapping: dict[Param, Type] = {owner.self_param: ty}
                for tp, ta in zip(owner.generics, bound.args, strict=False):
                    mapping[tp] = ta
                for an, ap in owner.assoc.items():  # `Self::Item` of `I: Iterator` is the projection `I::Item`
                    proj = self.ctx.projection(ty, an) if isinstance(ty, Param) else None
                    mapping[ap] = proj if proj is not None else ERROR
                return MethodCandidate(fn, None, mapping, owner, ty)
        return None

    def trait_method(self, trait: TraitInfo, name: str) -> FnInfo | None:
        """The method `name` of `trait` or of one of its supertraits."""
        fn = trait.methods.get(name)
        if fn is not None:
            return fn
        for sup in trait.all_supertraits():
            fn = sup.methods.get(name)
            if fn is not None:
                return fn
        return None

    def unmet_bounds(self, ty: Type, name: str) -> list[str]:
        """For a method `name` that an impl for `ty` has but whose bounds `ty` does not meet, the unmet
        bounds (`i64: Describe`); empty when there is no such impl."""
        for impl in self._impls_for(ty):
            if name not in impl.methods and (impl.trait is None or self.trait_method(impl.trait.info, name) is None):
                continue
            mapping: dict[Param, Type] = dict.fromkeys(impl.generics)  # type: ignore[arg-type]
            if not match(impl.target, ty, mapping):
                continue
            bounds = [(p, b) for p in impl.generics for b in p.bounds] + list(impl.where)
            unmet = []
            for bound_ty, bound in bounds:
                actual = subst(bound_ty, {k: v for k, v in mapping.items() if v is not None})
                text = f"{actual}: {bound}"
                if text not in unmet and not self.satisfies(
                        actual, TraitRef(bound.info, tuple(subst(a, mapping) for a in bound.args))):
                    unmet.append(text)
            if unmet:
                return unmet
        return []

    def impl_hint(self, ty: Type, trait: TraitRef) -> str:
        """The help of an unmet bound: the impl to write, with the required methods of a std trait
        (`X V: Ord { F cmp(&self, other: &V) -> Ordering = ... }`), or the derive for ordering."""
        info = trait.info
        if not info.builtin:
            return f"implement it: `X {ty}: {trait} {{ ... }}`"
        holes: dict[Param, Type | None] = {info.self_param: ty}
        holes.update(zip(info.generics, trait.args, strict=False))
        required = [render_signature(fn, holes) + " = ..." for fn in info.methods.values()
                    if fn.decl.body is None and (not fn.intrinsic or fn.required)]
        text = f"implement it: `X {ty}: {trait} {{ {'; '.join(required) or '...'} }}`"
        if info.name in _ORD and isinstance(ty, Adt) and not ty.info.builtin:
            text += f" or add `#[derive({'PartialOrd, Ord' if info.name == 'Ord' else 'PartialOrd'})]` to `{ty}`"
        return text

    def method_names(self, ty: Type) -> list[str]:
        """Every method name callable on `ty` (for did-you-mean suggestions)."""
        ty = prune(ty)
        names: set[str] = set()
        if isinstance(ty, Param):
            for b in ty.bounds:
                names.update(b.info.methods)
        for impl in self._impls_for(ty):
            if self.impl_matches(impl, ty) is not None:
                names.update(impl.methods)
                if impl.trait is not None:
                    names.update(impl.trait.info.methods)
        return sorted(names)


def render_signature(fn: FnInfo, holes: dict[Param, Type | None]) -> str:
    """`F next(&mut self) -> Option<i64>`: a trait method's signature as this impl must write it."""
    known = {p: t for p, t in holes.items() if t is not None}
    params = []
    for p in fn.params:
        if p.decl.self_kind is not None:
            params.append({"value": "self", "ref": "&self", "mut": "&mut self"}[p.decl.self_kind])
        else:
            params.append(f"{p.name}: {subst(p.ty, known) if p.ty is not None else '_'}")
    ret = subst(fn.ret, known)
    return f"F {fn.name}({', '.join(params)})" + ("" if ret is UNIT else f" -> {ret}")


def _prelude_blanket(impl: ImplInfo) -> bool:
    """A built-in inherent impl for every type meeting a bound (`#[builtin(ord)] X<T: Ord> T`)."""
    return impl.trait is None and impl.builtin and isinstance(impl.target, Param)


def _args_compatible(have: tuple[Type, ...], want: tuple[Type, ...]) -> bool:
    return not want or not have or all(match(h, w, {}) for h, w in zip(have, want, strict=False))
