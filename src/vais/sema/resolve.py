"""Name lookup in modules and resolution of written types (`ast.TypeExpr`) to semantic types."""

from __future__ import annotations

from dataclasses import dataclass, field

from vais.sema import codes
from vais.sema.context import SemaContext, did_you_mean
from vais.sema.items import AliasInfo, ModuleInfo, TraitInfo, TypeInfo
from vais.sema.types import (
    ERROR,
    NEVER,
    PRIMS,
    UNIT,
    Adt,
    Dyn,
    FnType,
    InferVar,
    Param,
    Ptr,
    Ref,
    TraitRef,
    Tuple,
    Type,
    subst,
)
from vais.syntax import ast

# The marker traits a function value has (allowed beside `Fn(...)` in `dyn Fn(A) -> R + Send`).
_FN_MARKERS = ("Send", "Sync", "Copy", "Clone")


@dataclass
class TypeScope:
    """What a written type may refer to: the module's names, generic parameters, `Self`."""

    module: ModuleInfo
    generics: dict[str, Type] = field(default_factory=dict)  # parameters; `F: Fn(A) -> R` names a fn type
    self_type: Type | None = None
    allow_infer: bool = False  # `_` and missing generic arguments become inference variables
    assoc: dict[str, Type] = field(default_factory=dict)  # what `Self::Item` names in a trait or impl

    def child(self, params: list[Param]) -> TypeScope:
        merged = dict(self.generics)
        merged.update({p.name: p for p in params})
        return TypeScope(self.module, merged, self.self_type, self.allow_infer, self.assoc)


# Modules of Rust's std whose items Vais keeps in the prelude: `std::process::exit(1)`,
# `std::fmt::Display`, `std::collections::HashMap::new()`, `U std::cmp::Ordering` name prelude items.
RUST_STD_MODULES = frozenset({
    "boxed", "char", "cmp", "collections", "convert", "env", "error", "fmt", "hash", "iter", "mem", "num", "ops",
    "option", "process", "rc", "result", "str", "string", "vec",
})


def rust_std_path(segments: list[str]) -> int:
    """How many leading segments of a Rust std path to drop so that the rest names a Vais item:
    `std::process::exit` → `exit`, `std::f64::consts::PI` → `f64::PI`, `std::i64::MAX` → `i64::MAX`.
    Returns 0 for other paths (the caller also drops a `consts` segment after `f64`/`f32`)."""
    if len(segments) >= 3 and segments[0] == "std":
        if segments[1] in PRIMS:  # (`std::char::from_u32` is `char::from_u32`)
            return 1
        if segments[1] in RUST_STD_MODULES:
            return 2
    return 0


def normalize_std_path(node: ast.PathExpr | ast.PathType) -> list[str]:
    """Rewrite a Rust std path in place (see `rust_std_path`); returns the node's segments."""
    drop = rust_std_path(node.segments)
    segs = node.segments[drop:]
    if len(segs) == 3 and segs[0] in ("f64", "f32") and segs[1] == "consts":  # `f64::consts::PI`
        segs = [segs[0], segs[2]]
        drop += 1
    if drop:
        node.segments = segs
        if isinstance(node, ast.PathExpr):
            node.generic_args = node.generic_args[-len(segs):]
    return node.segments


def require_public(ctx: SemaContext, owner: ModuleInfo, name: str, here: ModuleInfo, span) -> None:
    """E0104 when `here` names a private item of another module through a path (`lib::Hidden`)."""
    if owner is not here and name not in owner.pub_names:
        ctx.error(codes.PRIVATE_ITEM, f"`{name}` is private to module `{owner.name}`", span, "private item",
                  help=f"mark it `P` (pub) in {owner.path}")


def lookup_type_name(ctx: SemaContext, module: ModuleInfo, name: str):
    """A type-namespace entry visible in `module`: its own or imported items, then the prelude."""
    found = module.types.get(name)
    if found is not None:
        if name in module.imported:
            module.used_imports.add(name)
        return found
    if ctx.prelude is not None and module is not ctx.prelude:
        found = ctx.prelude.types.get(name)
        if found is not None:
            return found
    return PRIMS.get(name)


def lookup_module_path(ctx: SemaContext, module: ModuleInfo, segments: list[str]) -> ModuleInfo | None:
    """Follow `a::b` module segments starting from the modules visible in `module`."""
    current = module.modules.get(segments[0])
    if current is None:
        return None
    if segments[0] in module.imported:
        module.used_imports.add(segments[0])
    for seg in segments[1:]:
        current = current.modules.get(seg)
        if current is None:
            return None
    return current


class TypeResolver:
    """Turns `ast.TypeExpr` into `Type`, reporting unknown names with suggestions."""

    def __init__(self, ctx: SemaContext):
        self.ctx = ctx

    def resolve(self, texpr: ast.TypeExpr | None, scope: TypeScope) -> Type:
        if texpr is None:
            return InferVar() if scope.allow_infer else ERROR
        method = getattr(self, "_" + type(texpr).__name__)
        return method(texpr, scope)

    def _PathType(self, t: ast.PathType, scope: TypeScope) -> Type:
        normalize_std_path(t)
        args = [self.resolve(a, scope) for a in t.args]
        if len(t.segments) == 1:
            name = t.segments[0]
            if name in scope.generics:
                return self._no_args(scope.generics[name], args, t)
            if name == "Self":
                if scope.self_type is None:
                    self.ctx.error(codes.UNKNOWN_TYPE, "`Self` is only available inside traits and impls",
                                   t.span, "`Self` used outside of an impl")
                    return ERROR
                return self._no_args(scope.self_type, args, t)
            found = lookup_type_name(self.ctx, scope.module, name)
        elif len(t.segments) == 2 and (t.segments[0] == "Self" or t.segments[0] in scope.generics):
            return self._no_args(self._assoc_path(t, scope), args, t)
        else:
            owner = lookup_module_path(self.ctx, scope.module, t.segments[:-1])
            if owner is None and t.segments[0] == "std" and len(t.segments) >= 2:
                owner = self.ctx.modules.get("std/" + "/".join(t.segments[1:-1])) if len(t.segments) > 2 else None
                if owner is None and len(t.segments) == 2:
                    found = lookup_type_name(self.ctx, scope.module, t.segments[1])
                    return self._apply(found, args, t, scope) if found is not None else self._unknown(t, scope)
            if owner is None:
                self.ctx.error(codes.UNKNOWN_MODULE, f"cannot find module `{'::'.join(t.segments[:-1])}`",
                               t.span, "unknown module", help="import it with `U path/to/module`")
                return ERROR
            found = owner.types.get(t.segments[-1])
            if found is not None:
                require_public(self.ctx, owner, t.segments[-1], scope.module, t.span)
        if found is None:
            return self._unknown(t, scope)
        return self._apply(found, args, t, scope)

    def _assoc_path(self, t: ast.PathType, scope: TypeScope) -> Type:
        """`Self::Item` (the trait's or impl's associated type) or `I::Item` for a parameter `I` bounded
        by a trait declaring `Item` (a rigid projection, fixed when the function is instantiated)."""
        owner, name = t.segments
        if owner == "Self":
            found = scope.assoc.get(name)
        else:
            found = self.ctx.projection(scope.generics[owner], name)
        if found is None:
            self.ctx.error(codes.UNKNOWN_TYPE, f"associated type `{name}` not found for `{owner}`", t.span,
                           "no such associated type",
                           help=f"declare it in the trait (`T {name}`) and give it in the impl (`T {name} = ...`)")
            return ERROR
        return found

    def _unknown(self, t: ast.PathType, scope: TypeScope) -> Type:
        name = t.segments[-1]
        candidates = set(scope.generics) | set(scope.module.types) | set(PRIMS)
        if self.ctx.prelude is not None:
            candidates |= {n for n, v in self.ctx.prelude.types.items() if not isinstance(v, TraitInfo)}
        self.ctx.error(codes.UNKNOWN_TYPE, f"cannot find type `{name}` in this scope", t.span,
                       "not found in this scope", help=did_you_mean(name, candidates))
        return ERROR

    def _no_args(self, ty: Type, args: list[Type], t: ast.PathType) -> Type:
        if args:
            self.ctx.error(codes.WRONG_GENERIC_COUNT, f"type `{t.segments[-1]}` takes no generic arguments",
                           t.span, "unexpected generic arguments")
        return ty

    def _apply(self, found, args: list[Type], t: ast.PathType, scope: TypeScope) -> Type:
        if isinstance(found, TypeInfo):
            return Adt(found, tuple(self._fit_args(found.name, found.generics, args, t, scope)))
        if isinstance(found, AliasInfo):
            target = self.alias_target(found)
            params = found.generics
            fitted = self._fit_args(found.name, params, args, t, scope)
            return subst(target, dict(zip(params, fitted, strict=True)))
        if isinstance(found, TraitInfo):
            self.ctx.error(codes.MISMATCH, f"`{found.name}` is a trait, not a type", t.span,
                           "expected a type", help=f"write `dyn {found.name}` for a trait object, or use a generic "
                                                   f"parameter bounded by `{found.name}`")
            return ERROR
        if isinstance(found, Type):
            return self._no_args(found, args, t)
        return ERROR

    def _fit_args(self, name: str, params: list[Param], args: list[Type], t: ast.PathType,
                  scope: TypeScope) -> list[Type]:
        if len(args) == len(params):
            return args
        if name == "Result" and len(args) == 1 and len(params) == 2:
            return [args[0], Adt(self.ctx.type_info("Error"))]
        if not args:
            if scope.allow_infer:
                return [InferVar() for _ in params]
            self.ctx.error(codes.WRONG_GENERIC_COUNT,
                           f"missing generic arguments for `{name}`: expected {len(params)}", t.span,
                           f"expected {len(params)} generic argument{'s' if len(params) != 1 else ''}",
                           help=f"write `{name}<{', '.join(p.name for p in params)}>`")
            return [ERROR for _ in params]
        self.ctx.error(codes.WRONG_GENERIC_COUNT,
                       f"`{name}` takes {len(params)} generic argument{'s' if len(params) != 1 else ''} "
                       f"but {len(args)} were given", t.span, "wrong number of generic arguments")
        return (args + [ERROR] * len(params))[: len(params)]

    def alias_target(self, alias: AliasInfo) -> Type:
        if alias.target is None:
            if alias.resolving:
                self.ctx.error(codes.MISMATCH, f"type alias `{alias.name}` refers to itself", alias.decl.span,
                               "cyclic type alias")
                alias.target = ERROR
                return ERROR
            alias.resolving = True
            scope = TypeScope(alias.module, {p.name: p for p in alias.generics})
            alias.target = self.resolve(alias.decl.ty, scope)
            alias.resolving = False
        return alias.target

    def _TupleType(self, t: ast.TupleType, scope: TypeScope) -> Type:
        if not t.elems:
            return UNIT
        return Tuple(tuple(self.resolve(e, scope) for e in t.elems))

    def _ArrayType(self, t: ast.ArrayType, scope: TypeScope) -> Type:
        return Adt(self.ctx.type_info("Vec"), (self.resolve(t.elem, scope),))

    def _RefType(self, t: ast.RefType, scope: TypeScope) -> Type:
        return Ref(self.resolve(t.inner, scope), t.mutable)

    def _PtrType(self, t: ast.PtrType, scope: TypeScope) -> Type:
        return Ptr(self.resolve(t.inner, scope))

    def _FnType(self, t: ast.FnType, scope: TypeScope) -> Type:
        ret = self.resolve(t.ret, scope) if t.ret is not None else UNIT
        return FnType(tuple(self.resolve(p, scope) for p in t.params), ret)

    def _OptionalType(self, t: ast.OptionalType, scope: TypeScope) -> Type:
        return Adt(self.ctx.type_info("Option"), (self.resolve(t.inner, scope),))

    def _DynType(self, t: ast.DynType, scope: TypeScope) -> Type:
        fn_bounds = [b for b in t.bounds if isinstance(b, ast.FnType)]
        if len(fn_bounds) == 1:  # `Box<dyn Fn(A) -> R + Send>`: the function type
            return self.fn_bound_type(fn_bounds[0], t.bounds, scope)
        traits = [self.trait_ref(b, scope) for b in t.bounds]
        if any(tr is None for tr in traits):
            return ERROR
        return Dyn(tuple(traits))  # type: ignore[arg-type]

    def _NeverType(self, t: ast.NeverType, scope: TypeScope) -> Type:
        return NEVER

    def _InferType(self, t: ast.InferType, scope: TypeScope) -> Type:
        if scope.allow_infer:
            return InferVar()
        self.ctx.error(codes.CANNOT_INFER, "the placeholder `_` is not allowed in item signatures", t.span,
                       "not allowed here", help="write the type out")
        return ERROR

    def fn_bound_type(self, sugar: ast.FnType, bounds: list[ast.TypeExpr], scope: TypeScope) -> Type:
        """The function type of `Fn(A) -> R` among `bounds`; the other bounds may only be marker traits
        that functions have (`+ Send`), anything else is reported."""
        for b in bounds:
            if b is sugar:
                continue
            tr = self.trait_ref(b, scope)
            if tr is not None and tr.info.name not in _FN_MARKERS:
                self.ctx.error(codes.TRAIT_BOUND, f"a function type does not implement `{tr.info.name}`",
                               b.span, "not implemented by functions",
                               help=f"remove `+ {tr.info.name}`: functions are only {', '.join(_FN_MARKERS)}")
        return self.resolve(sugar, scope)

    def trait_ref(self, texpr: ast.TypeExpr, scope: TypeScope) -> TraitRef | None:
        """Resolve a bound like `Display` or `Add<i64>`; None (after an error) if not a trait."""
        if isinstance(texpr, ast.FnType):
            self.ctx.error(codes.UNKNOWN_TRAIT, f"`{texpr.style or 'fn'}(...)` is only a bound of a generic "
                           "parameter (`F: Fn(i64) -> i64`)", texpr.span, "not a trait",
                           help="bound a generic parameter with it, or write the function type `fn(i64) -> i64` "
                                "itself")
            return None
        if not isinstance(texpr, ast.PathType):
            self.ctx.error(codes.UNKNOWN_TRAIT, "expected a trait name", texpr.span, "not a trait")
            return None
        name = normalize_std_path(texpr)[-1]
        if len(texpr.segments) == 1:
            found = lookup_type_name(self.ctx, scope.module, name)
        else:
            owner = lookup_module_path(self.ctx, scope.module, texpr.segments[:-1])
            found = owner.types.get(name) if owner is not None else None
            if owner is not None and isinstance(found, TraitInfo):
                require_public(self.ctx, owner, name, scope.module, texpr.span)
        if not isinstance(found, TraitInfo):
            traits = [n for n, v in scope.module.types.items() if isinstance(v, TraitInfo)]
            if self.ctx.prelude is not None:
                traits += [n for n, v in self.ctx.prelude.types.items() if isinstance(v, TraitInfo)]
            what = "is not a trait" if found is not None else "not found in this scope"
            self.ctx.error(codes.UNKNOWN_TRAIT, f"cannot find trait `{name}`", texpr.span, what,
                           help=did_you_mean(name, traits))
            return None
        args = tuple(self.resolve(a, scope) for a in texpr.args)
        return TraitRef(found, args)
