"""Unification of types during inference, and one-way matching for impl selection."""

from __future__ import annotations

from vais.sema.types import (
    ERROR,
    Adt,
    Dyn,
    ErrorType,
    FnType,
    InferVar,
    Param,
    Prim,
    Ptr,
    Ref,
    Tuple,
    Type,
    contains_var,
    prune,
)


def unify(a: Type, b: Type) -> bool:
    """Make `a` and `b` equal by binding inference variables; False when impossible."""
    a = prune(a)
    b = prune(b)
    if a is b:
        return True
    if isinstance(a, InferVar):
        return _bind(a, b)
    if isinstance(b, InferVar):
        return _bind(b, a)
    if isinstance(a, ErrorType) or isinstance(b, ErrorType):
        return True
    ta = type(a)
    if ta is not type(b):
        return False
    if ta is Adt:
        return a.info is b.info and len(a.args) == len(b.args) and all(  # type: ignore[union-attr]
            unify(x, y) for x, y in zip(a.args, b.args, strict=True))  # type: ignore[union-attr]
    if ta is Tuple:
        return len(a.elems) == len(b.elems) and all(  # type: ignore[union-attr]
            unify(x, y) for x, y in zip(a.elems, b.elems, strict=True))  # type: ignore[union-attr]
    if ta is FnType:
        return (len(a.params) == len(b.params)  # type: ignore[union-attr]
                and all(unify(x, y) for x, y in zip(a.params, b.params, strict=True))  # type: ignore[union-attr]
                and unify(a.ret, b.ret))  # type: ignore[union-attr]
    if ta is Ref or ta is Ptr:
        return unify(a.inner, b.inner)  # type: ignore[union-attr]
    if ta is Dyn:
        return a == b
    return False  # distinct primitives or distinct parameters


def _bind(var: InferVar, t: Type) -> bool:
    if isinstance(t, InferVar):
        if var.kind and t.kind and var.kind != t.kind:
            return False
        if var.kind and not t.kind:
            t.kind = var.kind
        var.binding = t
        return True
    if isinstance(t, ErrorType):
        var.binding = ERROR
        return True
    if var.kind == "int" and not (isinstance(t, Prim) and t.kind == "int"):
        return False
    if var.kind == "float" and not (isinstance(t, Prim) and t.kind == "float"):
        return False
    if contains_var(t, var):
        return False
    var.binding = t
    return True


def match(pattern: Type, actual: Type, mapping: dict[Param, Type]) -> bool:
    """One-way matching without side effects: can `pattern` (whose `Param`s in `mapping` are holes)
    describe `actual`? Binds holes in `mapping`. Unresolved variables in `actual` match anything."""
    pattern = prune(pattern)
    actual = prune(actual)
    if isinstance(pattern, Param) and pattern in mapping:
        bound = mapping[pattern]
        if bound is None:
            mapping[pattern] = actual
            return True
        return compatible(bound, actual)
    if isinstance(actual, (InferVar, ErrorType)):
        if isinstance(actual, InferVar) and actual.kind and isinstance(pattern, Prim):
            return pattern.kind == actual.kind
        return True
    tp = type(pattern)
    if tp is not type(actual):
        return False
    if tp is Adt:
        return pattern.info is actual.info and all(  # type: ignore[union-attr]
            match(p, a, mapping) for p, a in zip(pattern.args, actual.args, strict=False))  # type: ignore[union-attr]
    if tp is Tuple:
        return len(pattern.elems) == len(actual.elems) and all(  # type: ignore[union-attr]
            match(p, a, mapping) for p, a in zip(pattern.elems, actual.elems, strict=True))  # type: ignore[union-attr]
    if tp is FnType:
        return len(pattern.params) == len(actual.params) and all(  # type: ignore[union-attr]
            match(p, a, mapping) for p, a in zip(pattern.params, actual.params, strict=True)  # type: ignore[union-attr]
        ) and match(pattern.ret, actual.ret, mapping)  # type: ignore[union-attr]
    if tp is Ref or tp is Ptr:
        return match(pattern.inner, actual.inner, mapping)  # type: ignore[union-attr]
    return pattern == actual if tp is Dyn else pattern is actual


def compatible(a: Type, b: Type) -> bool:
    """Structural equality where unresolved variables are wildcards (no binding)."""
    a = prune(a)
    b = prune(b)
    if a is b or isinstance(a, (InferVar, ErrorType)) or isinstance(b, (InferVar, ErrorType)):
        return True
    ta = type(a)
    if ta is not type(b):
        return False
    if ta is Adt:
        return a.info is b.info and all(compatible(x, y) for x, y in zip(a.args, b.args, strict=False))  # type: ignore[union-attr]
    if ta is Tuple:
        return len(a.elems) == len(b.elems) and all(  # type: ignore[union-attr]
            compatible(x, y) for x, y in zip(a.elems, b.elems, strict=True))  # type: ignore[union-attr]
    if ta is FnType:
        return len(a.params) == len(b.params) and all(  # type: ignore[union-attr]
            compatible(x, y) for x, y in zip(a.params, b.params, strict=True)) and compatible(a.ret, b.ret)  # type: ignore[union-attr]
    if ta is Ref or ta is Ptr:
        return compatible(a.inner, b.inner)  # type: ignore[union-attr]
    return a == b
