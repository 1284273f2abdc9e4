"""Monomorphisation: which function instances the engines must generate.

Starting from `main`, the tests and every non-generic function of user modules, follow every
call resolution in the checked bodies, substitute the caller's type arguments, and re-resolve
trait methods on the now-concrete receiver types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vais.sema.items import FnInfo, ModuleInfo, TraitInfo
from vais.sema.program import FnRes, Instance, MethodRes, OperatorRes, TemplateInstance, TemplateRes
from vais.sema.types import Param, Type, has_params, prune, strip_refs, subst, zonk

if TYPE_CHECKING:
    from vais.sema.analysis import Sema

Target = tuple[FnInfo, dict[Param, Type], "TemplateInstance | None"]

# The resolutions that name a function to call: what monomorphisation follows. The body checker
# collects them per function (`Sema.call_sites`), so no tree walk is needed here.
CALL_RESOLUTIONS = frozenset((FnRes, TemplateRes, MethodRes, OperatorRes))


def resolve_target(sema: Sema, res, mapping: dict[Param, Type]) -> Target | None:
    """The concrete function a call resolution reaches inside an instance with `mapping`."""
    target = _resolve_target(sema, res, mapping)
    if target is not None and sema.ctx.projections and target[1]:
        _add_projections(sema, target[1])
    return target


def _add_projections(sema: Sema, mapping: dict[Param, Type]) -> None:
    """`I::Item` of an instance is the `Item` of the concrete `I` (`i64` when `I` is `Counter`)."""
    for (p, name), proj in sema.ctx.projections.items():
        base = mapping.get(p)
        if base is not None and proj not in mapping and not has_params(base):
            found = sema.traits.assoc_type(strip_refs(base), name)
            if found is not None:
                mapping[proj] = found


def _resolve_target(sema: Sema, res, mapping: dict[Param, Type]) -> Target | None:
    if isinstance(res, TemplateRes):
        return res.instance.fn, {}, res.instance
    if isinstance(res, FnRes):
        fn = res.fn
        args = [zonk(subst(t, mapping)) for t in res.type_args]
        inner = dict(zip(fn.all_generics, args, strict=False))
        if res.recursive:
            inner = {p: mapping.get(p, p) for p in fn.all_generics}
            if isinstance(fn.owner, TraitInfo) and fn.owner.self_param in mapping:
                inner[fn.owner.self_param] = mapping[fn.owner.self_param]
        return fn, inner, None
    if isinstance(res, (MethodRes, OperatorRes)):
        cand = res.candidate
        if getattr(res, "template", None) is not None:
            return cand.fn, {}, res.template  # type: ignore[union-attr]
        fn = cand.fn
        args = [zonk(subst(t, mapping)) for t in res.type_args]
        own = args[len(args) - len(fn.generics):] if fn.generics else []
        self_type = zonk(subst(cand.self_type, mapping))
        if isinstance(fn.owner, TraitInfo) and not has_params(self_type):
            returning = zonk(subst(subst(fn.ret, cand.mapping), mapping))  # (picks `Conv<Str>` over `Conv<f64>`)
            concrete = sema.traits.lookup_method(self_type, fn.name, returning)
            if concrete is not None:
                cfn = concrete.fn
                inner = {p: zonk(subst(t, mapping)) for p, t in concrete.mapping.items()}
                inner.update(zip(cfn.generics, own, strict=False))
                return cfn, inner, None
        inner = dict(zip(fn.all_generics, args, strict=False))
        if isinstance(fn.owner, TraitInfo):
            inner[fn.owner.self_param] = self_type
        return fn, inner, None
    return None


def instance_key(fn: FnInfo, mapping: dict[Param, Type], template: TemplateInstance | None) -> tuple:
    if template is not None:
        return ("template", id(template))
    params = list(fn.all_generics)
    if isinstance(fn.owner, TraitInfo):
        params.append(fn.owner.self_param)
    return (id(fn.decl), tuple(str(zonk(mapping.get(p, p))) for p in params))


def collect_instances(sema: Sema, modules: list[ModuleInfo], main: FnInfo | None, tests: list[FnInfo]) -> list[Instance]:
    seen: dict[tuple, Instance] = {}
    work: list[Instance] = []

    def add(fn: FnInfo, mapping: dict[Param, Type], template: TemplateInstance | None) -> None:
        if fn.decl.body is None or fn.builtin:
            return
        if template is None and fn.is_template:
            return
        key = instance_key(fn, mapping, template)
        if key in seen:
            return
        if template is None and any(has_params(prune(v)) for v in mapping.values()):
            return  # still generic: reached only through a generic caller not yet instantiated
        inst = Instance(fn, mapping, template)
        seen[key] = inst
        work.append(inst)

    roots = [main] if main is not None else []
    roots += tests
    for m in modules:
        if m.is_std:
            continue
        for fn in m.functions:
            if not fn.all_generics and not isinstance(fn.owner, TraitInfo):
                roots.append(fn)
        for impl in m.impls:
            if impl.trait is None or impl.generics:
                continue
            for name, fn in impl.trait.info.methods.items():
                if name not in impl.methods and fn.decl.body is not None:
                    add(fn, {impl.trait.info.self_param: impl.target}, None)
    for fn in roots:
        add(fn, {}, None)
    for inst in sema.template_list:
        if not any(has_params(t) for t in inst.key):
            add(inst.fn, {}, inst)
    while work:
        inst = work.pop()
        decl = inst.template.decl if inst.template is not None else inst.fn.decl
        for res in sema.call_sites[id(decl)]:
            target = resolve_target(sema, res, inst.mapping)
            if target is not None:
                add(*target)
    return list(seen.values())
