"""Assembly of the generated Python module for a whole typed program.

Layout: runtime imports, classes for structs and enums, one function per instance, the format
descriptors, then constants and globals in source order. Instances are generated on demand: the
monomorphiser's list seeds the queue and any call the lowering meets adds its target.
"""

from __future__ import annotations

import ast as py
from dataclasses import dataclass, field

from vais.backend.python import pyast as P
from vais.backend.python.classes import class_names, class_statements, enum_source, struct_source
from vais.backend.python.descriptors import Descriptors
from vais.backend.python.tailcalls import mutual_groups
from vais.sema.analysis import Sema
from vais.sema.items import ConstInfo, FnInfo, ImplInfo, TraitInfo, TypeInfo
from vais.sema.mono import instance_key, resolve_target
from vais.sema.program import Instance, Program, TemplateInstance
from vais.sema.types import Adt, Param, Prim, TraitRef, Type, prune, zonk


@dataclass
class FunctionOrigin:
    """What a generated Python function stands for, to rename its code object."""

    display: str
    file: str


@dataclass
class GeneratedModule:
    module: py.Module
    origins: dict[str, FunctionOrigin]
    main: str | None
    main_kind: str
    main_err_desc: str | None
    tests: list[tuple[str, str, str, int]] = field(default_factory=list)  # (py name, display, file, line)


def ident(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text)


class ModuleGen:
    def __init__(self, program: Program, sema: Sema):
        self.program = program
        self.sema = sema
        self.runtime_names: set[str] = set()
        self.instance_names: dict[tuple, str] = {}
        self.used_names: set[str] = set()
        self.queue: list[tuple[str, Instance]] = []
        self.functions: list[py.stmt] = []
        self.origins: dict[str, FunctionOrigin] = {}
        self.descriptors = Descriptors(self)
        self.constants: dict[object, str] = {}
        self.constant_init: list[py.stmt] = []
        self.display_fns: dict[str, str | None] = {}
        self.py_imports: dict[tuple[str, str], str] = {}

    # -- names ----------------------------------------------------------------------------------

    def rt(self, name: str) -> py.Name:
        """A runtime name (imported from the runtime module that defines it, see `runtime_imports`)."""
        self.runtime_names.add(name)
        return P.name(name)

    def fresh_global(self, base: str) -> str:
        name = base
        n = 1
        while name in self.used_names:
            n += 1
            name = f"{base}_{n}"
        self.used_names.add(name)
        return name

    def instance_name(self, fn: FnInfo, mapping: dict[Param, Type], template: TemplateInstance | None) -> str:
        assert not fn.builtin and fn.decl.body is not None, f"no generated code for {fn.qualname}"
        key = instance_key(fn, mapping, template)
        existing = self.instance_names.get(key)
        if existing is not None:
            return existing
        name = self.fresh_global("f_" + ident(fn.qualname))
        self.instance_names[key] = name
        self.queue.append((name, Instance(fn, mapping, template)))
        return name

    def const_name(self, const: ConstInfo) -> str:
        key = ("const", id(const))
        existing = self.constants.get(key)
        if existing is None:
            prefix = "G_" if const.is_global else "K_"
            existing = self.constants[key] = self.fresh_global(prefix + ident(const.module.name) + "_" + const.name)
        return existing

    def python_import(self, module: str, name: str) -> py.Name:
        """A name from a Python standard module, imported once (`from math import sqrt as _math_sqrt`)."""
        alias = f"_{module}_{name}"
        self.py_imports[(module, name)] = alias
        return P.name(alias)

    def literal_constant(self, key: object, build: py.expr) -> py.Name:
        """A module-level constant computed once (parsed format specs, durations)."""
        existing = self.constants.get(key)
        if existing is None:
            existing = self.constants[key] = self.fresh_global(f"C_{len(self.constants)}")
            self.constant_init.append(P.assign(existing, build))
        return P.name(existing)

    def user_display_fn(self, ty: Type) -> str | None:
        """The instance implementing `Display::fmt` for `ty`, if the user wrote one."""
        key = str(zonk(ty))
        if key in self.display_fns:
            return self.display_fns[key]
        result = None
        display = self.sema.ctx.trait_info("Display")
        if display is not None:
            found = self.sema.traits.find_impl(ty, TraitRef(display))
            if found is not None:
                impl, mapping = found
                fn = impl.methods.get("fmt")
                if fn is not None:
                    full = dict(mapping)
                    result = self.instance_name(fn, full, None)
        self.display_fns[key] = result
        return result

    # -- generation -----------------------------------------------------------------------------

    def generate(self) -> GeneratedModule:
        classes = self._classes()
        for inst in self.program.instances:
            self.instance_name(inst.fn, inst.mapping, inst.template)
        main_name = None
        main = self.program.main
        if main is not None:
            main_name = self.instance_name(main, {}, None)
        tests = []
        for fn in self.program.tests:
            tname = self.instance_name(fn, {}, None)
            tests.append((tname, fn.qualname, fn.module.path, fn.decl.name_span.line))  # type: ignore[union-attr]
        self.tail_groups = mutual_groups(
            self.program.instances, lambda i: instance_key(i.fn, i.mapping, i.template),
            lambda i, res: self._target_key(i, res))
        self._lower_queue()
        dyn_methods = self._dyn_methods() + self._user_comparisons()
        consts = self._consts()
        self._lower_queue()  # constants and dyn tables may reach new instances
        kind, err_desc = self._main_kind()
        body: list[py.stmt] = []
        body += runtime_imports(self.runtime_names)
        for (module, name), alias in sorted(self.py_imports.items()):
            body.append(py.ImportFrom(module, [py.alias(name, alias)], 0))
        if self.tail_groups:
            body += class_statements(TAIL_CALL_CLASS, 1)
        body += classes + self.functions + dyn_methods + self.descriptors.init + self.constant_init + consts
        module = py.Module(body, [])
        py.fix_missing_locations(module)
        return GeneratedModule(module, self.origins, main_name, kind, err_desc, tests)

    def _lower_queue(self) -> None:
        from vais.backend.python.lower import FnLowerer

        while self.queue:
            name, inst = self.queue.pop(0)
            key = instance_key(inst.fn, inst.mapping, inst.template)
            lowerer = FnLowerer(self, inst, name, self.tail_groups.get(key))
            self.functions.append(lowerer.lower())
            origin = FunctionOrigin(inst.fn.qualname, inst.fn.module.path if inst.fn.module else "")
            self.origins[lowerer.py_name] = origin
            if lowerer.py_name != name:
                self.functions.append(trampoline(name, lowerer.py_name, lowerer.param_names))
                self.origins[name] = origin

    def _target_key(self, inst: Instance, res) -> tuple | None:
        target = resolve_target(self.sema, res, inst.mapping)
        if target is None or target[0].builtin or target[0].decl.body is None:
            return None
        return instance_key(*target)

    def _classes(self) -> list[py.stmt]:
        out: list[py.stmt] = []
        copier = "clone_value"
        self.runtime_names.add(copier)
        for module in self.program.modules:
            if module.is_std:
                continue
            for info in module.type_infos:
                if info.builtin:
                    continue
                source = struct_source(info, copier) if info.is_struct else enum_source(info, copier)
                out += class_statements(source, info.decl.span.line if info.decl is not None else 1)
        return out

    def _dyn_methods(self) -> list[py.stmt]:
        """Trait methods as class attributes, for calls through `dyn Trait`."""
        from vais.backend.python.classes import struct_class_name

        out: list[py.stmt] = []
        for module in self.program.modules:
            if module.is_std:
                continue
            for impl in module.impls:
                target = prune(impl.target)
                if impl.trait is None or impl.generics or not isinstance(target, Adt) or not target.info.is_struct:
                    continue
                if not self._uses_dyn():
                    return out
                trait: TraitInfo = impl.trait.info
                for name, fn in list(trait.methods.items()):
                    chosen = impl.methods.get(name, fn)
                    if chosen.decl.body is None:
                        continue
                    mapping = {trait.self_param: target} if chosen.owner is trait else {}
                    fname = self.instance_name(chosen, mapping, None)
                    out.append(py.Assign([P.attr_store(P.name(struct_class_name(target.info)), name)], P.name(fname)))
        return out

    def _user_comparisons(self) -> list[py.stmt]:
        """User `PartialEq`/`PartialOrd`/`Ord`/`Hash` impls installed on the type's classes (runtime
        `install_eq`/`install_order`/`install_hash`), so Python's own comparisons and hashing, and
        with them the runtime's sorting, searching, maps and container equality, call the user's
        methods. A type that derives `PartialOrd` or `Ord` keeps its structural order (the user's
        other ordering must agree with it, and may call it). A generic impl is generated once with
        its parameters left open: its comparisons of `T` values dispatch on the values at run time."""
        out: list[py.stmt] = []
        for module in self.program.modules:
            if module.is_std:
                continue
            order: dict[int, tuple[Adt, FnInfo, bool]] = {}
            for impl in module.impls:
                target = prune(impl.target)
                if impl.trait is None or not _covers_every_instance(impl, target):
                    continue
                name, methods = impl.trait.info.name, impl.methods
                classes = _class_tuple(target.info)  # type: ignore[union-attr]
                if name == "PartialEq" and "eq" in methods:
                    args = [classes.elts[0], classes, self._open_instance(methods["eq"])]
                    if "ne" in methods:
                        args.append(self._open_instance(methods["ne"]))
                    out.append(P.expr_stmt(P.call(self.rt("install_eq"), *args)))
                elif name == "Hash" and "hash" in methods:
                    out.append(P.expr_stmt(P.call(self.rt("install_hash"), classes, self._open_instance(methods["hash"]))))
                elif name == "Ord" and "cmp" in methods:  # `cmp` when written: sort and max use it in Rust
                    order[id(target.info)] = (target, methods["cmp"], False)  # type: ignore[union-attr]
                elif name == "PartialOrd" and "partial_cmp" in methods:
                    order.setdefault(id(target.info), (target, methods["partial_cmp"], True))  # type: ignore[union-attr]
            for target, fn, partial in order.values():
                if not target.info.derives & {"PartialOrd", "Ord"}:
                    out.append(P.expr_stmt(P.call(self.rt("install_order"), _class_tuple(target.info),
                                                  self._open_instance(fn), P.const(partial))))
        return out

    def _open_instance(self, fn: FnInfo) -> py.Name:
        """The instance of `fn` with its generics left open (`{T: T}`; none for a non-generic impl)."""
        return P.name(self.instance_name(fn, {p: p for p in fn.all_generics}, None))

    def _uses_dyn(self) -> bool:
        from vais.sema.types import Dyn

        for checked in self.program.functions.values():
            for local in checked.locals:
                if isinstance(prune(local.ty), Dyn) or "dyn " in str(local.ty):
                    return True
        return False

    def _consts(self) -> list[py.stmt]:
        from vais.backend.python.lower import ConstLowerer

        out: list[py.stmt] = []
        for module in self.program.modules:
            for const in module.consts:
                lowerer = ConstLowerer(self, module)
                out += lowerer.lower_const(const, self.const_name(const))
        return out

    def _main_kind(self) -> tuple[str, str | None]:
        """What main returns ("unit", "int", "result"; "async-" first for `A F main`) and, for a
        Result, the descriptor global that prints its error."""
        main = self.program.main
        if main is None:
            return "unit", None
        prefix = "async-" if main.is_async else ""
        ret = prune(main.body_ret if main.body_ret is not None else main.ret)
        if isinstance(ret, Adt) and ret.info is self.sema.ctx.type_info("Result"):
            desc = self.descriptors.of(ret.args[1])
            return prefix + "result", desc.id if isinstance(desc, py.Name) else None
        if isinstance(ret, Prim) and ret.kind == "int":
            return prefix + "int", None
        return prefix + "unit", None


def _covers_every_instance(impl: ImplInfo, target: Type) -> bool:
    """Is `impl` for every instantiation of a user type (`X<T> W<T>: Ord`, not `X W<i64>: Ord`)? Only
    then can its methods replace the comparisons of the type's one Python class."""
    if not isinstance(target, Adt) or target.info.builtin:
        return False
    args = [prune(a) for a in target.args]
    return all(isinstance(a, Param) and a in impl.generics for a in args) and len(set(args)) == len(args)


def _class_tuple(info: TypeInfo) -> py.Tuple:
    """`(S_m_T,)` or `(E_m_T, E_m_T_A, ...)`: the classes a comparison impl is installed on."""
    return P.tuple_([P.name(c) for c in class_names(info)])


TAIL_CALL_CLASS = """
class _TailCall:
    __slots__ = ("fn", "args")
    def __init__(self, fn, args):
        self.fn = fn
        self.args = args
"""


def runtime_imports(names: set[str]) -> list[py.stmt]:
    """`from vais.runtime.<module> import ...` per defining module rather than one import of
    `vais.runtime.rt`: a program then loads only the runtime modules it uses, which is most of a
    warm start's cost."""
    from vais.runtime.rt import ORIGINS

    by_module: dict[str, list[str]] = {}
    for name in sorted(names):
        by_module.setdefault(ORIGINS[name], []).append(name)
    return [py.ImportFrom(module, [py.alias(n) for n in members], 0) for module, members in sorted(by_module.items())]


def trampoline(name: str, body_name: str, params: list[str]) -> py.FunctionDef:
    """`def f(a, b)`: run `f__tc` and every tail call it hands back until a value comes out."""
    args = [P.name(p) for p in params]
    loop = py.While(P.class_is(P.name("_r"), P.name("_TailCall")),
                    [P.assign("_r", py.Call(P.attr(P.name("_r"), "fn"), [py.Starred(P.attr(P.name("_r"), "args"), P.LOAD)],
                                            []))], [])
    body = [P.assign("_r", P.call(body_name, *args)), loop, py.Return(P.name("_r"))]
    return py.FunctionDef(name, py.arguments([], [py.arg(p) for p in params], None, [], [], None, []), body, [], None)
