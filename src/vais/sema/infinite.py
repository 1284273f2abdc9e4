"""Types that contain themselves by value (`E List { Nil, Cons(i64, List) }`): they have no finite
size, so the native engine could not lay them out. `Box`, `Rc`, `Vec`, maps, sets, references and
functions hold their contents indirectly and break such a cycle; tuples, `Option` and `Result` do not.
"""

from __future__ import annotations

from vais.sema import codes
from vais.sema.context import SemaContext
from vais.sema.items import FieldInfo, ModuleInfo, TypeInfo
from vais.sema.types import Adt, Tuple, Type, prune, subst
from vais.syntax.diagnostics import Label

_BY_VALUE_BUILTINS = {"Option", "Result"}
MAX_DEPTH = 32  # generic types may grow while expanding (`S W<T> { a: Option<W<(T, T)>> }`): give up then


def report_infinite_types(ctx: SemaContext, module: ModuleInfo) -> None:
    """One error per group of types that contain each other by value, at the first of them."""
    found = [(info, field) for info in module.type_infos if not info.builtin
             for field in [_self_containing_field(info)] if field is not None]
    reported: set[int] = set()
    for info, field in found:
        if id(info) in reported:
            continue
        group = [other for other, _ in found if other is info or (
            _reaches(_generic(other), info, set(), 0) and _reaches(_generic(info), other, set(), 0))]
        reported.update(id(g) for g in group)
        names = " and ".join(f"`{g.name}`" for g in group)
        secondary = [Label(field.decl.span, "contains itself here")] if field.decl is not None else None
        ctx.error(codes.RECURSIVE_TYPE, f"recursive type{'s' if len(group) > 1 else ''} {names} "
                  f"{'have' if len(group) > 1 else 'has'} infinite size", info.decl.name_span,  # type: ignore[union-attr]
                  "recursive without indirection", secondary=secondary,
                  help=f"hold the recursive part through a `Box`: `Box<{info.name}>` (or in a `Vec`)")


def _generic(info: TypeInfo) -> Adt:
    return Adt(info, tuple(info.generics))


def _self_containing_field(info: TypeInfo) -> FieldInfo | None:
    """The first field of `info` through which a value of `info` contains another one by value."""
    for field in _fields(info):
        if _reaches(field.ty, info, set(), 0):
            return field
    return None


def _fields(info: TypeInfo) -> list[FieldInfo]:
    return info.fields + [f for v in info.variants for f in v.fields]


def _reaches(t: Type, target: TypeInfo, seen: set[str], depth: int) -> bool:
    t = prune(t)
    if isinstance(t, Tuple):
        return any(_reaches(e, target, seen, depth) for e in t.elems)
    if not isinstance(t, Adt) or depth > MAX_DEPTH:
        return False
    if t.info.builtin:
        return t.info.name in _BY_VALUE_BUILTINS and any(_reaches(a, target, seen, depth) for a in t.args)
    if t.info is target:
        return True
    key = str(t)
    if key in seen:
        return False
    seen.add(key)
    mapping = dict(zip(t.info.generics, t.args, strict=False))
    return any(_reaches(subst(f.ty, mapping), target, seen, depth + 1) for f in _fields(t.info))
