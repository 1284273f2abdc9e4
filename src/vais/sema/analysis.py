"""The semantic analysis driver: load modules, collect items, check every body, instantiate
templates, and assemble the typed `Program`."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from vais.sema import codes
from vais.sema.check_core import Frame
from vais.sema.checker import BodyChecker
from vais.sema.collect import Collector
from vais.sema.context import SemaContext
from vais.sema.infinite import report_infinite_types
from vais.sema.items import ConstInfo, FnInfo, ModuleInfo, TraitInfo
from vais.sema.loader import ModuleLoader
from vais.sema.mono import collect_instances
from vais.sema.program import CheckedFn, Program, TemplateInstance
from vais.sema.resolve import TypeResolver, TypeScope
from vais.sema.traits import Traits
from vais.sema.types import (
    ERROR,
    UNIT,
    Adt,
    InferVar,
    Prim,
    Type,
    int_range,
    prune,
    smallest_int_holding,
    zonk,
)
from vais.syntax import ast
from vais.syntax.diagnostics import Diagnostic
from vais.syntax.parser import gc_paused


@dataclass
class Analysis:
    program: Program | None
    diagnostics: list[Diagnostic]
    sema: Sema | None = None  # the checker state the engines query (trait impls, method lookup)

    @property
    def ok(self) -> bool:
        return self.program is not None and not any(d.is_error for d in self.diagnostics)


class Sema:
    def __init__(self, ctx: SemaContext):
        self.ctx = ctx
        self.resolver = TypeResolver(ctx)
        self.traits = Traits(ctx)
        self.collector = Collector(ctx)
        self.templates: dict[tuple[int, tuple[Type, ...]], TemplateInstance] = {}
        self.template_list: list[TemplateInstance] = []
        self.checked: dict[int, CheckedFn] = {}
        self.call_sites: dict[int, list] = {}
        self.consts_started: set[int] = set()  # ids of constants whose initializer is being checked
        self.consts_done: set[int] = set()  # ... and of those whose type is known  # id(decl) -> the call resolutions of its checked body
        self.suppress_param_warnings = False
        self.expansions: dict[int, ast.Expr] = {}

    # -- driver ---------------------------------------------------------------------------------

    def run(self, loader: ModuleLoader, entry: ModuleInfo) -> Program:
        modules = loader.order
        for m in modules:
            self.collector.declare(m)
        for m in modules:
            self.collector.link_imports(m, loader.use_targets)
        for m in modules:
            self.collector.signatures(m)
            if not m.is_std:
                report_infinite_types(self.ctx, m)
        for m in modules:
            if not m.is_std:
                self.check_supertraits(m)
        for m in modules:
            self.check_consts(m)
        for m in modules:
            if not m.is_std:
                self.check_module_bodies(m)
                self.warn_unused_imports(m, loader.use_targets)
        main = entry.values.get("main")
        main_fn = main if isinstance(main, FnInfo) else None
        if main_fn is not None:
            self.check_main_signature(main_fn)
        tests = [f for m in modules if not m.is_std for f in m.functions if f.is_test]
        instances = collect_instances(self, modules, main_fn, tests)
        return Program(modules, entry, self.checked, instances, main_fn, tests)

    def check_supertraits(self, module: ModuleInfo) -> None:
        """A trait impl needs its trait's supertraits for the type, as in Rust (`X V: Ord` without a
        `PartialOrd` impl or derive is an error); checked once every impl is registered."""
        for impl in module.impls:
            if impl.trait is None or not isinstance(impl.decl, ast.ImplDecl) or impl.decl.trait is None:
                continue
            for sup in impl.trait.info.supertraits:
                if not self.traits.satisfies(impl.target, sup):
                    self.ctx.error(codes.TRAIT_BOUND, f"the trait bound `{impl.target}: {sup}` is not satisfied",
                                   impl.decl.trait.span, f"`{impl.trait}` requires `{sup}`",
                                   help=self.traits.impl_hint(impl.target, sup))

    def scope_for(self, fn: FnInfo) -> TypeScope:
        generics: dict[str, Type] = {p.name: p for p in fn.all_generics}
        generics.update(fn.fn_params)
        self_type: Type | None = None
        owner = fn.owner
        if isinstance(owner, TraitInfo):
            self_type = owner.self_param
            generics.update({p.name: p for p in owner.generics})
        elif owner is not None:
            self_type = owner.target
        return TypeScope(fn.module, generics, self_type)  # type: ignore[arg-type]

    def body_checker(self, fn: FnInfo) -> BodyChecker:
        """A checker for `fn`'s body: its type scope, and the nested items visible where it is declared."""
        checker = BodyChecker(self, fn.module, self.scope_for(fn))  # type: ignore[arg-type]
        checker.block_items = list(fn.block_items)
        return checker

    def check_module_bodies(self, module: ModuleInfo) -> None:
        for fn in module.functions:
            if fn.decl.body is None or fn.builtin:
                continue
            if fn.is_template:
                if all(p.ty is not None for p in fn.params):  # only the return type is inferred
                    self.template_instance(fn, tuple(p.ty for p in fn.params), None)  # type: ignore[misc]
                continue
            self.check_fn(fn)
        for trait in module.traits:
            for fn in trait.methods.values():
                if fn.decl.body is not None:
                    self.check_fn(fn)

    def check_fn(self, fn: FnInfo) -> CheckedFn:
        existing = self.checked.get(id(fn.decl))
        if existing is not None:
            return existing
        checker = self.body_checker(fn)
        ret = fn.body_ret if fn.body_ret is not None else fn.ret
        params = checker.check_function(fn, [p.ty for p in fn.params], ret, fn.decl)  # type: ignore[misc]
        checker.finish()
        self.call_sites[id(fn.decl)] = checker.call_resolutions
        result = CheckedFn(fn, fn.decl, params, checker.locals)
        self.checked[id(fn.decl)] = result
        return result

    def template_instance(self, fn: FnInfo, key: tuple[Type, ...], self_type: Type | None) -> TemplateInstance:
        """The instance of `fn` for parameter types `key`, checked on first use."""
        cache_key = (id(fn), key)
        instance = self.templates.get(cache_key)
        if instance is not None:
            return instance
        decl = copy.deepcopy(fn.decl)
        declared_ret = (fn.body_ret or fn.ret) if fn.decl.ret is not None else None
        ret: Type = declared_ret if declared_ret is not None and declared_ret is not ERROR else InferVar()
        instance = TemplateInstance(fn, key, decl, list(key), ret, len(self.template_list))
        self.templates[cache_key] = instance
        self.template_list.append(instance)
        checker = self.body_checker(fn)
        checker.template = instance
        params = checker.check_function(fn, list(key), ret, decl)
        checker.finish()
        self.call_sites[id(decl)] = checker.call_resolutions
        instance.ret = zonk(ret)
        if isinstance(prune(instance.ret), InferVar):
            instance.ret = UNIT
        instance.checked = True
        instance.locals = checker.locals
        self.checked[id(decl)] = CheckedFn(fn, decl, params, checker.locals, instance)
        return instance

    def check_consts(self, module: ModuleInfo) -> None:
        for const in module.consts:
            self.check_const(const)

    def const_type(self, const: ConstInfo) -> Type:
        """A constant's type; an unannotated one is inferred from its initializer first, so constants
        may use each other in any order."""
        if const.decl.ty is None:
            self.check_const(const)
        return const.ty

    def check_const(self, const: ConstInfo) -> None:
        if id(const) in self.consts_started:
            if id(const) not in self.consts_done and const.decl.ty is None:
                self.ctx.error(codes.CANNOT_INFER, f"the constant `{const.name}` is defined in terms of itself",
                               const.decl.name_span, "its type depends on its own value",
                               help=f"annotate its type: `const {const.name}: T = ...`")
            return
        self.consts_started.add(id(const))
        checker = BodyChecker(self, const.module, TypeScope(const.module))
        checker.frames.append(Frame(UNIT, 0))
        declared = const.ty if const.decl.ty is not None else None
        actual = checker.check(const.decl.value, declared)
        if declared is not None:
            checker.expect_type(actual, declared, const.decl.value.span)
        checker.finish()
        const.ty = zonk(declared if declared is not None else actual)
        self.consts_done.add(id(const))

    def check_main_signature(self, main: FnInfo) -> None:
        ret = prune(main.body_ret or main.ret)
        ok = ret is UNIT or (isinstance(ret, Prim) and ret.kind == "int") or (
            isinstance(ret, Adt) and ret.info is self.ctx.type_info("Result"))
        if not ok:
            self.ctx.error(codes.MISMATCH, f"`main` has an invalid return type `{ret}`", main.decl.name_span,
                           "main must return `()`, an integer or `Result<()>`",
                           help="declare `F main()`, `F main() -> i64` or `F main() -> Result<()>`")
        if main.params:
            self.ctx.error(codes.ARG_COUNT, "`main` takes no parameters", main.decl.name_span,
                           "unexpected parameters", help="read program arguments with `args()`")

    def warn_unused_imports(self, module: ModuleInfo, targets: dict[int, ModuleInfo]) -> None:
        reported: set[int] = set()
        for item in module.ast.items:
            if not isinstance(item, ast.UseDecl) or id(item) in reported or id(item) not in targets:
                continue  # (a module that was not found is already an error)
            names = item.names if item.names is not None else [item.alias or item.path[-1]]
            if item.names is None:
                used = any(module.imported.get(n) is item and n in module.used_imports
                           for n in list(module.imported))
            else:
                used = any(n in module.used_imports for n in names)
            if not used and not (item.path and item.path[0] == "std"):
                reported.add(id(item))
                self.ctx.warning(codes.UNUSED_IMPORT, f"unused import: `{'/'.join(item.path)}`", item.span,
                                 "nothing from this import is used", help="remove this `U` line")

    # -- helpers used by the body checkers ------------------------------------------------------

    def check_int_literal(self, lit: ast.IntLit, ty: Type, negated: bool = False) -> None:
        ty = prune(ty)
        if not (isinstance(ty, Prim) and ty.kind == "int"):
            return
        lo, hi = int_range(ty)
        value = -lit.value if negated else lit.value
        if lo <= value <= hi:
            return
        radix = lit.text[:2].lower() in ("0x", "0b", "0o")
        if radix and ty.signed and value <= (1 << ty.bits) - 1:
            return  # bit patterns like 0xFFFF_FFFF_FFFF_FFFF reinterpret as negative
        text = f"-{lit.text}" if negated else lit.text
        fits = smallest_int_holding(value, ty.signed)
        if value < 0 and not ty.signed:
            help = f"`{ty}` holds no negative values" + (f"; use a signed type such as `{fits}`" if fits else "")
        else:
            help = f"use a wider type: `{fits}` holds it" if fits else "no integer type holds this value"
        self.ctx.error(codes.LITERAL_OUT_OF_RANGE, f"literal out of range for `{ty}`", lit.span,
                       f"the literal `{text}` does not fit into the type `{ty}` whose range is `{lo}..={hi}`",
                       help=help)

    def macro_expansion(self, e: ast.MacroCall) -> ast.Expr | None:
        expansion = getattr(e, "expansion", None)
        return expansion if isinstance(expansion, ast.Expr) else None


def analyse(entry_path: Path, text: str | None = None, source_root: Path | None = None,
            dependency_roots: dict[str, Path] | None = None) -> Analysis:
    """Parse and check the program whose entry module is `entry_path` (or `text`)."""
    # Checking allocates hundreds of thousands of small objects that the cyclic collector would rescan
    # again and again (a third of the time on large programs); cycles left over are collected afterwards.
    with gc_paused():
        ctx = SemaContext()
        loader = ModuleLoader(ctx, source_root, dependency_roots)
        loader.load_prelude()
        entry = loader.load_entry(entry_path, text)
        if loader.syntax_errors:
            return Analysis(None, _sorted(ctx.diagnostics))
        sema = Sema(ctx)
        program = sema.run(loader, entry)
        return Analysis(program, _sorted(_without_misleading_warnings(ctx.diagnostics)), sema)


def _sorted(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.span.file, d.span.start))


def _without_misleading_warnings(diags: list[Diagnostic]) -> list[Diagnostic]:
    """With errors, "does not need to be mutable" is often wrong (the failed call was the mutation:
    `v := mut Vec::new(); v.psh(1)`) and its fix would undo the error's; like rustc, leave it out."""
    if not any(d.is_error for d in diags):
        return diags
    return [d for d in diags if d.code != codes.UNUSED_MUT]

