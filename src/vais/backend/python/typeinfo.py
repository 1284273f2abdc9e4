"""What the code generator needs to know about a concrete type: integer width, float width,
whether values are mutable aggregates (copied on store), and how `&mut` passes them."""

from __future__ import annotations

from vais.sema.items import FnInfo, TypeInfo
from vais.sema.types import Adt, FnType, Param, Prim, Ref, Tuple, Type, prune

IN_PLACE_BUILTINS = {"Vec", "HashMap", "HashSet"}


def strip(t: Type) -> Type:
    """The type behind references and boxes (they are transparent at run time)."""
    t = prune(t)
    while True:
        if isinstance(t, Ref):
            t = prune(t.inner)
        elif isinstance(t, Adt) and t.info.builtin and t.info.name in ("Box", "Rc") and t.args:
            t = prune(t.args[0])
        else:
            return t


def int_width(t: Type) -> tuple[int, bool] | None:
    t = strip(t)
    if isinstance(t, Prim) and t.kind == "int":
        return t.bits, t.signed
    return None


def float_width(t: Type) -> int | None:
    t = strip(t)
    if isinstance(t, Prim) and t.kind == "float":
        return t.bits
    return None


def is_prim(t: Type, kind: str) -> bool:
    t = strip(t)
    return isinstance(t, Prim) and t.kind == kind


def builtin_name(t: Type) -> str | None:
    t = strip(t)
    if isinstance(t, Adt) and t.info.builtin:
        return t.info.name
    return None


def is_user_struct(t: Type) -> bool:
    t = strip(t)
    return isinstance(t, Adt) and t.info.is_struct and not t.info.builtin


def needs_copy(t: Type, depth: int = 0) -> bool:
    """Whether values of `t` can be mutated in place (so storing one that is still reachable
    elsewhere must copy it to keep value semantics)."""
    t = strip(t)
    if depth > 8:
        return True
    if isinstance(t, (Prim, FnType)):
        return False
    if isinstance(t, Tuple):
        return any(needs_copy(e, depth + 1) for e in t.elems)
    if isinstance(t, Adt):
        info: TypeInfo = t.info
        if info.builtin:
            return info.name in IN_PLACE_BUILTINS
        # enum values (Option and Result included) are never changed in place: a payload can only be
        # reached through a pattern binding, and mutating one needs `mut`, which copies it
        return info.is_struct and bool(info.fields)
    return isinstance(t, Param)


def mutable_in_place(t: Type) -> bool:
    """Values that `&mut` can change in place (lists, dicts, struct objects); others go in a Cell."""
    t = strip(t)
    if isinstance(t, Adt):
        if t.info.builtin:
            return t.info.name in IN_PLACE_BUILTINS
        return t.info.is_struct and bool(t.info.fields)
    return False


def is_value_ref(t: Type) -> bool:
    """A `&mut` whose target cannot change in place (int, Str, tuple, enum): at run time it is a place
    object with a `value` slot (`Cell`, `ItemRef`, `AttrRef`) that reads and writes the target."""
    t = prune(t)
    return isinstance(t, Ref) and t.mutable and not mutable_in_place(t.inner) and not isinstance(strip(t.inner), FnType)


def builtin_group(fn: FnInfo) -> str | None:
    """The runtime group `G` of a built-in method (from `#[builtin(G)]` on its impl)."""
    owner = fn.owner
    decl = getattr(owner, "decl", None)
    for attr in getattr(decl, "attrs", []) or []:
        if attr.name == "builtin" and attr.args:
            return attr.args[0].strip()
    return None
