"""Item collection: declare every item of every module, wire imports, resolve signatures.

Runs before any function body is checked, in three passes over all modules (declare names,
resolve imports, resolve signatures), so items may refer to each other in any order.
"""

from __future__ import annotations

from vais.sema import codes
from vais.sema.context import SemaContext, did_you_mean
from vais.sema.items import (
    AliasInfo,
    ConstInfo,
    FieldInfo,
    FnInfo,
    ImplInfo,
    ModuleInfo,
    ParamInfo,
    TraitInfo,
    TypeInfo,
    VariantInfo,
)
from vais.sema.resolve import TypeResolver, TypeScope
from vais.sema.traits import render_signature
from vais.sema.types import (
    ERROR,
    UNIT,
    Adt,
    ErrorType,
    Param,
    Prim,
    Ref,
    TraitRef,
    Tuple,
    Type,
    mentions,
    prune,
    strip_refs,
)
from vais.sema.unify import match
from vais.syntax import ast
from vais.syntax.diagnostics import Label
from vais.syntax.source import Span


def has_attr(attrs: list[ast.Attribute], name: str) -> bool:
    return any(a.name == name for a in attrs)


def derives_of(attrs: list[ast.Attribute]) -> set[str]:
    out: set[str] = set()
    for a in attrs:
        if a.name == "derive":
            out.update(arg.strip() for arg in a.args)
    return out


class Collector:
    def __init__(self, ctx: SemaContext):
        self.ctx = ctx
        self.types = TypeResolver(ctx)

    # -- pass 1: declare ------------------------------------------------------------------------

    def declare(self, module: ModuleInfo) -> None:
        for item in module.ast.items:
            self._declare_item(module, item)

    def _define(self, module: ModuleInfo, space: dict, name: str, info, span, is_pub: bool) -> bool:
        previous = space.get(name)
        if previous is not None and name not in module.imported:
            first = getattr(getattr(previous, "decl", None), "span", None)
            self.ctx.error(codes.DUPLICATE_DEFINITION, f"the name `{name}` is defined multiple times", span,
                           f"`{name}` redefined here",
                           secondary=[Label(first, f"previous definition of `{name}` here")] if first else None,
                           help=f"rename one of the two definitions of `{name}`")
            return False
        module.imported.pop(name, None)
        space[name] = info
        if is_pub or module.is_std:
            module.pub_names.add(name)
        return True

    def _declare_item(self, module: ModuleInfo, item: ast.Item) -> None:
        if isinstance(item, ast.FnDecl):
            info = self._fn_shell(module, item, None, item.name)
            if self._define(module, module.values, item.name, info, item.name_span, item.is_pub):
                module.functions.append(info)
        elif isinstance(item, ast.StructDecl):
            info = TypeInfo(item.name, "struct", self._params(item.generics, item.name), item, module,
                            derives=derives_of(item.attrs), builtin=has_attr(item.attrs, "builtin"),
                            tuple_struct=item.tuple_struct)
            if self._define(module, module.types, item.name, info, item.name_span, item.is_pub):
                module.type_infos.append(info)
                if item.tuple_struct or (not item.fields and not info.builtin):
                    module.values.setdefault(item.name, info)  # constructor `Meters(1.0)` / unit struct
        elif isinstance(item, ast.EnumDecl):
            info = TypeInfo(item.name, "enum", self._params(item.generics, item.name), item, module,
                            derives=derives_of(item.attrs), builtin=has_attr(item.attrs, "builtin"))
            if self._define(module, module.types, item.name, info, item.name_span, item.is_pub):
                module.type_infos.append(info)
                self._declare_variants(module, info, item)
        elif isinstance(item, ast.TraitDecl):
            self_param = Param("Self", item.name)
            info = TraitInfo(item.name, self._params(item.generics, item.name), item, module, self_param,
                             builtin=has_attr(item.attrs, "builtin"))
            self_param.bounds.append(TraitRef(info, tuple(info.generics)))
            info.assoc = {a.name: Param(f"Self::{a.name}", item.name) for a in item.assoc_types}
            if self._define(module, module.types, item.name, info, item.name_span, item.is_pub):
                module.traits.append(info)
        elif isinstance(item, ast.TypeAlias):
            info = AliasInfo(item.name, self._params(item.generics, item.name), item, module, is_pub=item.is_pub)
            self._define(module, module.types, item.name, info, item.name_span, item.is_pub)
        elif isinstance(item, (ast.ConstDecl, ast.GlobalDecl)):
            info = ConstInfo(item.name, ERROR, item, module, isinstance(item, ast.GlobalDecl), item.is_pub)
            if self._define(module, module.values, item.name, info, item.name_span, item.is_pub):
                module.consts.append(info)
        elif isinstance(item, ast.ExternBlock):
            for fn in item.fns:
                info = self._fn_shell(module, fn, None, fn.name)
                if self._define(module, module.values, fn.name, info, fn.name_span, True):
                    module.functions.append(info)
        elif isinstance(item, ast.MacroDecl):
            if item.name in module.macros:
                self.ctx.error(codes.DUPLICATE_DEFINITION, f"the macro `{item.name}!` is defined multiple times",
                               item.name_span, "redefined here")
            module.macros[item.name] = item

    def _declare_variants(self, module: ModuleInfo, info: TypeInfo, decl: ast.EnumDecl) -> None:
        seen: dict[str, ast.Variant] = {}
        for index, v in enumerate(decl.variants):
            if v.name in seen:
                self.ctx.error(codes.DUPLICATE_DEFINITION,
                               f"the variant `{v.name}` is defined multiple times in enum `{info.name}`", v.span,
                               f"`{v.name}` redefined here", secondary=[Label(seen[v.name].span, "first defined here")])
                continue
            seen[v.name] = v
            variant = VariantInfo(v.name, info, index, v.kind, [], v)
            info.variants.append(variant)
            module.variants.setdefault(v.name, []).append(variant)

    def _params(self, generics: list[ast.GenericParam], owner: str) -> list[Param]:
        seen: set[str] = set()
        out = []
        for g in generics:
            if g.name in seen:
                self.ctx.error(codes.DUPLICATE_DEFINITION, f"the generic parameter `{g.name}` is declared twice",
                               g.span, "declared again here")
            seen.add(g.name)
            out.append(Param(g.name, owner))
        return out

    def _fn_shell(self, module: ModuleInfo, decl: ast.FnDecl, owner, qualname: str) -> FnInfo:
        self_kind = decl.params[0].self_kind if decl.params and decl.params[0].self_kind else None
        info = FnInfo(decl.name, qualname, decl, module, self._params(decl.generics, qualname), [], ERROR,
                      self_kind=self_kind, owner=owner,
                      builtin=has_attr(decl.attrs, "builtin") or (owner is not None and owner.builtin),
                      intrinsic=has_attr(decl.attrs, "intrinsic"), required=has_attr(decl.attrs, "required"),
                      width=has_attr(decl.attrs, "width"),
                      is_async=decl.is_async, is_test=has_attr(decl.attrs, "test"), is_pub=decl.is_pub)
        return info

    def nested_fn(self, module: ModuleInfo, decl: ast.FnDecl, block_items: list[dict[str, FnInfo]]) -> FnInfo:
        """A function declared inside a body: resolved like a top-level one (module names only, no
        generics of the enclosing function), seeing the nested items of the blocks around it."""
        fn = self._fn_shell(module, decl, None, decl.name)
        fn.block_items = list(block_items)
        self._signature(fn, TypeScope(module))
        return fn

    # -- pass 2: imports ------------------------------------------------------------------------

    def link_imports(self, module: ModuleInfo, targets: dict[int, ModuleInfo]) -> None:
        """Bind the names each `U` brings in. `targets` maps id(use decl) to the loaded module."""
        for item in module.ast.items:
            if not isinstance(item, ast.UseDecl):
                continue
            target = targets.get(id(item))
            if target is None:
                continue  # the loader already reported it
            alias = item.alias or item.path[-1]
            if item.names is None:
                module.modules.setdefault(alias, target)
                module.imported.setdefault(alias, item)
                for name in sorted(target.pub_names):
                    self._import_name(module, target, name, item, quiet=True)
            else:
                for name in item.names:
                    if name == "*":
                        for pub in sorted(target.pub_names):
                            self._import_name(module, target, pub, item, quiet=True)
                    else:
                        self._import_name(module, target, name, item, quiet=False)

    def _import_name(self, module: ModuleInfo, target: ModuleInfo, name: str, use: ast.UseDecl,
                     quiet: bool) -> None:
        found = False
        for space, tspace in ((module.types, target.types), (module.values, target.values)):
            if name in tspace:
                found = True
                if name not in target.pub_names and not quiet:
                    self.ctx.error(codes.PRIVATE_ITEM, f"`{name}` is private to module `{target.name}`",
                                   imported_name_span(use, name),
                                   "private item imported here", help=f"mark it `P` (pub) in {target.path}")
                if name not in space:
                    space[name] = tspace[name]
                    module.imported.setdefault(name, use)
                    if use.is_pub:  # `P U a.{X}` re-exports X
                        module.pub_names.add(name)
        if name in target.modules and name not in module.modules:
            module.modules[name] = target.modules[name]
            found = True
        if name in target.macros:
            module.macros.setdefault(name, target.macros[name])
            found = True
        if name in target.variants:
            for v in target.variants[name]:
                if v not in module.variants.setdefault(name, []):
                    module.variants[name].append(v)
        if isinstance(target.types.get(name), TypeInfo) and target.types[name].is_enum:
            for v in target.types[name].variants:
                bucket = module.variants.setdefault(v.name, [])
                if v not in bucket:
                    bucket.append(v)
        if not found and not quiet:
            self.ctx.error(codes.UNKNOWN_NAME, f"module `{target.name}` has no item `{name}`",
                           imported_name_span(use, name),
                           "not found in the module", help=did_you_mean(name, target.pub_names))

    # -- pass 3: signatures ---------------------------------------------------------------------

    def signatures(self, module: ModuleInfo) -> None:
        base = TypeScope(module)
        for info in module.type_infos:
            self._type_body(info, base)
        for info in module.traits:
            self._trait(info, base)
        for item in module.ast.items:
            if isinstance(item, ast.ImplDecl):
                self._impl(module, item, base)
            elif (isinstance(item, ast.StructDecl) and item.methods) or (isinstance(item, ast.EnumDecl) and item.methods):
                self._inline_methods(module, item, base)
        for fn in module.functions:
            if fn.owner is None:
                self._signature(fn, base)
        for c in module.consts:
            c.ty = self.types.resolve(c.decl.ty, base) if c.decl.ty is not None else ERROR
        for alias in (v for v in module.types.values() if isinstance(v, AliasInfo) and v.module is module):
            self.types.alias_target(alias)

    def _type_body(self, info: TypeInfo, base: TypeScope) -> None:
        scope = base.child(info.generics)
        scope.self_type = Adt(info, tuple(info.generics))
        decl = info.decl
        self._bounds(decl.generics, info.generics, scope)  # type: ignore[union-attr]
        if isinstance(decl, ast.StructDecl):
            seen: dict[str, ast.FieldDecl] = {}
            for index, f in enumerate(decl.fields):
                if f.name in seen:
                    self.ctx.error(codes.DUPLICATE_DEFINITION,
                                   f"field `{f.name}` is already declared in struct `{info.name}`", f.span,
                                   "field already declared", secondary=[Label(seen[f.name].span, "first declared here")])
                    continue
                seen[f.name] = f
                info.fields.append(FieldInfo(f.name, self.types.resolve(f.ty, scope), f, index))
        elif isinstance(decl, ast.EnumDecl):
            for variant in info.variants:
                v = variant.decl
                if v.kind == "tuple":  # type: ignore[union-attr]
                    variant.fields = [FieldInfo(str(i), self.types.resolve(t, scope), t, i)
                                      for i, t in enumerate(v.tuple_fields)]  # type: ignore[union-attr]
                elif v.kind == "struct":  # type: ignore[union-attr]
                    variant.fields = [FieldInfo(f.name, self.types.resolve(f.ty, scope), f, i)
                                      for i, f in enumerate(v.struct_fields)]  # type: ignore[union-attr]

    def _fn_trait_params(self, fn: FnInfo, scope: TypeScope
                         ) -> tuple[list[ast.GenericParam], list[ast.WherePredicate]]:
        """`<F: Fn(A) -> R>` or `where F: FnMut(A)`: closures are values of function types, so `F` is
        not a parameter of its own but a name for `fn(A) -> R` (bound in `scope` and kept in
        `fn.fn_params` for the body). Returns the generic parameters and `where` predicates left."""
        decl = fn.decl
        written: dict[str, tuple[ast.FnType, list[ast.TypeExpr]]] = {}
        for g in decl.generics:
            sugar = next((b for b in g.bounds if isinstance(b, ast.FnType)), None)
            if sugar is not None:
                written[g.name] = (sugar, g.bounds)
        where: list[ast.WherePredicate] = []
        for pred in decl.where:
            sugar = next((b for b in pred.bounds if isinstance(b, ast.FnType)), None)
            ty = pred.ty
            if sugar is not None and isinstance(ty, ast.PathType) and len(ty.segments) == 1 and not ty.args \
                    and any(g.name == ty.segments[0] for g in decl.generics):
                written[ty.segments[0]] = (sugar, pred.bounds)
            else:
                where.append(pred)
        if not written:
            return decl.generics, where
        kept = [(g, p) for g, p in zip(decl.generics, fn.generics, strict=True) if g.name not in written]
        fn.generics = [p for _, p in kept]
        for name in written:
            del scope.generics[name]
        for name, (sugar, bounds) in written.items():  # (after the removal: `F: Fn(T) -> T` may name others)
            fn_type = self.types.fn_bound_type(sugar, bounds, scope)
            scope.generics[name] = fn_type  # type: ignore[assignment]
            fn.fn_params[name] = fn_type
        return [g for g, _ in kept], where

    def _bounds(self, gdecls: list[ast.GenericParam], params: list[Param], scope: TypeScope,
                where: list[ast.WherePredicate] | None = None) -> list[tuple[Type, TraitRef]]:
        """Attach `<T: A + B>` and `where T: C` bounds to parameters; other where-clauses are returned.
        `F: Fn(A) -> R` makes F stand for that function type (every instance binds F to it)."""
        for g, p in zip(gdecls, params, strict=True):
            for b in g.bounds:
                if isinstance(b, ast.FnType):
                    p.fn_bound = self.types.resolve(b, scope)  # type: ignore[assignment]
                    continue
                tr = self.types.trait_ref(b, scope)
                if tr is not None:
                    p.bounds.append(tr)
        extra: list[tuple[Type, TraitRef]] = []
        for pred in where or []:
            ty = self.types.resolve(pred.ty, scope)
            for b in pred.bounds:
                if isinstance(b, ast.FnType) and isinstance(ty, Param) and ty in params:
                    ty.fn_bound = self.types.resolve(b, scope)  # type: ignore[assignment]
                    continue
                tr = self.types.trait_ref(b, scope)
                if tr is None:
                    continue
                if isinstance(ty, Param) and ty in params:
                    ty.bounds.append(tr)
                else:  # a bound on an outer parameter or a compound type: checked at each use
                    extra.append((ty, tr))
        return extra

    def _signature(self, fn: FnInfo, scope: TypeScope) -> None:
        decl = fn.decl
        scope = scope.child(fn.generics)
        gdecls, where = self._fn_trait_params(fn, scope)
        fn.where = self._bounds(gdecls, fn.generics, scope, where)
        params: list[ParamInfo] = []
        seen: set[str] = set()
        for p in decl.params:
            if p.name in seen and p.name != "_":
                self.ctx.error(codes.DUPLICATE_DEFINITION, f"parameter `{p.name}` is declared twice", p.span,
                               "declared again here")
            seen.add(p.name)
            if p.self_kind is not None:
                self_ty = scope.self_type or ERROR
                ty: Type | None = self_ty if p.self_kind == "value" else _ref(self_ty, p.self_kind == "mut")
            elif p.ty is None:
                ty = None
                fn.is_template = True
            else:
                ty = self.types.resolve(p.ty, scope)
            params.append(ParamInfo(p.name, ty, p.mutable, p))
        fn.params = params
        if decl.ret is not None:
            fn.ret = self.types.resolve(decl.ret, scope)
        elif decl.expr_body and decl.body is not None and fn.is_template:
            fn.ret = ERROR  # inferred per instantiation
        elif decl.expr_body and decl.body is not None and fn.owner is None and not fn.builtin:
            fn.ret = ERROR  # `F f(x: i64) = x + 1`: return type inferred from the body
            fn.is_template = True
        else:
            fn.ret = UNIT
        if fn.is_async:  # callers get a future; `.await` (or `spawn`) gives the body's value
            fn.body_ret = fn.ret
            fn.ret = Adt(self.ctx.type_info("Future"), (fn.ret,))
        if decl.body is None and not (fn.builtin or fn.intrinsic or decl.is_extern or isinstance(fn.owner, TraitInfo)):
            self.ctx.error(codes.MISSING_BODY, f"function `{fn.qualname}` has no body", decl.name_span,
                           "missing body", help="add a body: `{ ... }` or `= expr`")

    def _trait(self, info: TraitInfo, base: TypeScope) -> None:
        decl = info.decl
        scope = base.child(info.generics)
        scope.self_type = info.self_param
        scope.assoc = dict(info.assoc)
        self._bounds(decl.generics, info.generics, scope, decl.where)
        for s in decl.supertraits:
            tr = self.types.trait_ref(s, scope)
            if tr is not None:
                info.supertraits.append(tr)
                info.self_param.bounds.append(tr)
        for m in decl.methods:
            if m.name in info.methods:
                self.ctx.error(codes.DUPLICATE_DEFINITION, f"method `{m.name}` is declared twice in trait `{info.name}`",
                               m.name_span, "declared again here")
                continue
            fn = self._fn_shell(info.module, m, info, f"{info.name}::{m.name}")
            self._signature(fn, scope)
            info.methods[m.name] = fn

    def _impl(self, module: ModuleInfo, decl: ast.ImplDecl, base: TypeScope) -> None:
        params = self._params(decl.generics, "impl")
        scope = base.child(params)
        target = self.types.resolve(decl.target, scope)
        scope.self_type = target
        trait = self.types.trait_ref(decl.trait, scope) if decl.trait is not None else None
        impl = ImplInfo(params, target, trait, decl, module, builtin=has_attr(decl.attrs, "builtin"))
        impl.where = self._bounds(decl.generics, params, scope, decl.where)
        impl.assoc = {a.name: self.types.resolve(a.value, scope) for a in decl.assoc_types if a.value is not None}
        scope.assoc = impl.assoc
        self._impl_methods(impl, decl.methods, scope, _type_label(target))
        if trait is not None:
            self._check_trait_impl(impl, decl)
        elif decl.assoc_types:
            self.ctx.error(codes.IMPL_MISMATCH, "associated types are only allowed in trait impls",
                           decl.assoc_types[0].span, "not inside a trait impl",
                           help="implement a trait that declares it: `X Type: Trait { T Name = ... }`")
        self._register(impl, decl.target.span)

    def _inline_methods(self, module: ModuleInfo, decl: ast.StructDecl | ast.EnumDecl, base: TypeScope) -> None:
        info = module.types.get(decl.name)
        if not isinstance(info, TypeInfo) or info.decl is not decl:
            return
        scope = base.child(info.generics)
        target = Adt(info, tuple(info.generics))
        scope.self_type = target
        impl = ImplInfo(info.generics, target, None, decl, module, builtin=info.builtin)
        self._impl_methods(impl, decl.methods, scope, info.name)
        self._register(impl, decl.name_span)

    def _impl_methods(self, impl: ImplInfo, methods: list[ast.FnDecl], scope: TypeScope, owner_name: str) -> None:
        for m in methods:
            fn = self._fn_shell(impl.module, m, impl, f"{owner_name}::{m.name}")
            self._signature(fn, scope)
            if m.name in impl.methods:
                self.ctx.error(codes.DUPLICATE_DEFINITION,
                               f"duplicate definitions with name `{m.name}` in the impl of `{owner_name}`",
                               m.name_span, f"`{m.name}` defined again here",
                               secondary=[Label(impl.methods[m.name].decl.name_span, "first defined here")])
                continue
            impl.methods[m.name] = fn
            impl.module.functions.append(fn)

    def _register(self, impl: ImplInfo, span) -> None:
        target = impl.target
        first = next((other for other in self._impls_like(target, impl) if _same_trait_impl(impl, other)), None)
        if first is not None:
            first_span = first.decl.target.span if isinstance(first.decl, ast.ImplDecl) else None
            self.ctx.error(codes.DUPLICATE_DEFINITION,
                           f"conflicting implementations of trait `{impl.trait}` for type `{target}`", span,
                           "implemented again here",
                           secondary=[Label(first_span, "first implemented here")] if first_span else None,
                           help="merge the two impls into one")
        if isinstance(target, Adt):
            for other in target.info.impls:  # a method defined in two inherent impls is a duplicate too
                if other.trait is None and impl.trait is None and other.target == target:
                    for name, fn in impl.methods.items():
                        if name in other.methods:
                            self.ctx.error(codes.DUPLICATE_DEFINITION,
                                           f"duplicate definitions with name `{name}` for `{target}`",
                                           fn.decl.name_span, f"`{name}` defined again here",
                                           secondary=[Label(other.methods[name].decl.name_span, "first defined here")])
            target.info.impls.append(impl)
        elif isinstance(target, Param) and target in impl.generics:
            self.ctx.blanket_impls.append(impl)
        elif isinstance(target, Prim):
            self.ctx.prim_impls.setdefault(target, []).append(impl)
        elif isinstance(target, Tuple):
            self.ctx.tuple_impls.append(impl)
        elif target is not ERROR:
            self.ctx.prim_impls.setdefault(target, []).append(impl)
        impl.module.impls.append(impl)

    def _impls_like(self, target: Type, impl: ImplInfo) -> list[ImplInfo]:
        """The impls registered so far that are filed where `impl` will be."""
        if isinstance(target, Adt):
            return target.info.impls
        if isinstance(target, Param) and target in impl.generics:
            return self.ctx.blanket_impls
        if isinstance(target, Tuple):
            return self.ctx.tuple_impls
        return self.ctx.prim_impls.get(target, [])

    def _check_trait_impl(self, impl: ImplInfo, decl: ast.ImplDecl) -> None:
        trait = impl.trait.info  # type: ignore[union-attr]
        target = prune(impl.target)
        if trait.name in _EXACT_SELF and trait.builtin and not impl.builtin and not (
                isinstance(target, Adt) and not target.info.builtin):
            self.ctx.error(codes.DUPLICATE_DEFINITION, f"conflicting implementations of trait `{trait.name}` for "
                           f"type `{target}`", decl.target.span, f"`{target}` already implements `{trait.name}`",
                           help="comparison and hashing of built-in types are fixed; wrap the value in a struct "
                                "and implement the trait for the struct")
        self._check_assoc_names(impl, decl, trait)
        holes = self._trait_mapping(impl, trait)
        for name, fn in impl.methods.items():
            required = trait.methods.get(name)
            if required is None:
                self.ctx.error(codes.IMPL_MISMATCH, f"method `{name}` is not a member of trait `{trait.name}`",
                               fn.decl.name_span, f"not a member of `{trait.name}`",
                               help=_not_a_member_help(name, trait, impl.target))
            elif len(required.params) != len(fn.params) or (required.self_kind is None) != (fn.self_kind is None):
                self.ctx.error(codes.IMPL_MISMATCH,
                               f"method `{name}` has {len(fn.params)} parameter(s) but the declaration in trait "
                               f"`{trait.name}` has {len(required.params)}", fn.decl.name_span,
                               "does not match the trait's signature",
                               secondary=[Label(required.decl.span, "trait method declared here")],
                               help=f"declare it as `{render_signature(required, holes)}`")
            elif trait.assoc:
                self._check_signature(fn, required, holes)
            else:
                self._check_types(fn, required, holes)
        for name, param in trait.assoc.items():  # `T Item` left out: inferred from the methods' signatures
            if name not in impl.assoc and holes.get(param) is not None:
                impl.assoc[name] = holes[param]
        missing = [n for n, m in trait.methods.items()  # (intrinsics are given, unless `#[required]`)
                   if m.decl.body is None and (not m.intrinsic or m.required)
                   and n not in impl.methods]
        missing += [n for n in trait.assoc if n not in impl.assoc]
        if missing and not impl.builtin:
            names = ", ".join(f"`{n}`" for n in missing)
            self.ctx.error(codes.IMPL_MISMATCH, f"not all trait items implemented, missing: {names}",
                           decl.target.span, f"missing {names} in the impl of `{trait.name}`",
                           help=f"implement {names} in this impl")


    def _check_assoc_names(self, impl: ImplInfo, decl: ast.ImplDecl, trait: TraitInfo) -> None:
        for a in decl.assoc_types:
            if a.name not in trait.assoc:
                self.ctx.error(codes.IMPL_MISMATCH, f"type `{a.name}` is not a member of trait `{trait.name}`",
                               a.span, f"not a member of `{trait.name}`", help=did_you_mean(a.name, trait.assoc))
            elif a.value is None:
                self.ctx.error(codes.IMPL_MISMATCH, f"associated type `{a.name}` needs a type in an impl", a.span,
                               "missing `= Type`", help=f"write `T {a.name} = SomeType`")

    def _trait_mapping(self, impl: ImplInfo, trait: TraitInfo) -> dict[Param, Type | None]:
        """What the trait's `Self`, generics and associated types are in this impl (holes for the
        associated types the impl leaves out, so the methods' signatures can fill them)."""
        mapping: dict[Param, Type | None] = {trait.self_param: impl.target}
        mapping.update(zip(trait.generics, impl.trait.args, strict=False))  # type: ignore[union-attr]
        for name, param in trait.assoc.items():
            mapping[param] = impl.assoc.get(name)
        return mapping

    def _check_signature(self, fn: FnInfo, required: FnInfo, holes: dict[Param, Type | None]) -> None:
        """Of a trait whose signatures name associated types (`Iterator::next -> Option<Self::Item>`):
        the impl's method must take `self` the same way and have the trait's parameter and result types."""
        if fn.generics or required.generics:
            return
        pairs = [(r.ty, f.ty) for r, f in zip(required.params, fn.params, strict=True) if r.decl.self_kind is None]
        pairs.append((required.ret, fn.ret))
        if required.self_kind == fn.self_kind and all(
                r is None or _has_error(f) or match(r, f, holes) for r, f in pairs):  # type: ignore[arg-type]
            return
        self._incompatible(fn, required, holes)

    def _incompatible(self, fn: FnInfo, required: FnInfo, holes: dict[Param, Type | None]) -> None:
        want = render_signature(required, holes)
        self.ctx.error(codes.IMPL_MISMATCH, f"method `{fn.name}` has an incompatible signature for trait "
                       f"`{required.owner.name}`", fn.decl.name_span, f"expected `{want}`",  # type: ignore[union-attr]
                       secondary=[Label(required.decl.span, "trait method declared here")],
                       help=f"declare it as `{want}`")


    def _check_types(self, fn: FnInfo, required: FnInfo, holes: dict[Param, Type | None]) -> None:
        """Of any other trait: the impl's parameter and result types must be the trait's (`&` aside,
        as references are transparent), so `F area(&self) -> i64` cannot implement `-> f64`. The
        comparison and hash methods must also take `self` as declared (`&self`): the engine calls
        them on values it does not copy."""
        if required.self_kind != fn.self_kind and required.owner.name in _EXACT_SELF:  # type: ignore[union-attr]
            self._incompatible(fn, required, holes)
            return
        if fn.generics or required.generics:
            return
        pairs = [(r.ty, f.ty) for r, f in zip(required.params, fn.params, strict=True) if r.decl.self_kind is None]
        pairs.append((required.ret, fn.ret))
        for r, f in pairs:
            if r is None or _has_error(f) or mentions(f, lambda x: not isinstance(x, (Prim, Adt, Tuple, Ref, Param))):
                continue  # (an inferred or function type: not judged here)
            if not match(strip_refs(r), strip_refs(f), dict(holes)):  # type: ignore[arg-type]
                self._incompatible(fn, required, holes)
                return


# std traits whose methods must take `self` exactly as declared
_EXACT_SELF = frozenset({"PartialEq", "PartialOrd", "Ord", "Hash"})


def _has_error(t: Type | None) -> bool:
    return t is None or mentions(t, lambda x: isinstance(x, ErrorType))


def _not_a_member_help(name: str, trait: TraitInfo, target: Type) -> str | None:
    """Where a method that `trait` lacks belongs: a supertrait (`eq` in `X T: Eq`), a similar name,
    or nowhere in a marker trait."""
    owner = next((sup for sup in trait.all_supertraits() if name in sup.methods), None)
    if owner is not None:
        return f"`{name}` belongs to trait `{owner.name}`: write it in `X {target}: {owner.name} {{ ... }}`"
    if trait.methods:
        return did_you_mean(name, trait.methods)
    return f"`{trait.name}` declares no methods: write `X {target}: {trait.name} {{}}`"


def _same_trait_impl(a: ImplInfo, b: ImplInfo) -> bool:
    """Do two trait impls implement one trait (with the same arguments) for the same target shape?"""
    if a.trait is None or b.trait is None or a.trait.info is not b.trait.info:
        return False
    ta, tb = Tuple((a.target, *a.trait.args)), Tuple((b.target, *b.trait.args))
    return match(ta, tb, dict.fromkeys(a.generics)) and match(tb, ta, dict.fromkeys(b.generics))  # type: ignore[arg-type]


def _ref(t: Type, mutable: bool) -> Type:
    return Ref(t, mutable)


def _type_label(t: Type) -> str:
    return t.info.name if isinstance(t, Adt) else str(t)


def imported_name_span(use: ast.UseDecl, name: str) -> Span:
    """Where `name` is written in `U a.{x, name}` or `U a.name` (the whole `U` line if not found)."""
    import re

    span = use.span
    text = span.source.text
    brace = text.find("{", span.start, span.end)
    names_start = brace + 1 if brace >= 0 else text.rfind(".", span.start, span.end) + 1
    found = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])").search(
        text, max(names_start, span.start), span.end)
    return Span(span.source, found.start(), found.end()) if found else span
