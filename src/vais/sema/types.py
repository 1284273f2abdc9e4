"""Semantic types.

Types are immutable values except `InferVar`, a union-find node used during inference; after a
function is checked every reachable variable is resolved and `zonk` replaces it by its binding.
Named types (structs, enums, built-in opaque types like Vec) share one class, `Adt`, pointing at
their declaration info so that user and std types are handled alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vais.sema.items import TraitInfo, TypeInfo


class Type:
    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self}>"


class Prim(Type):
    """A primitive type. Integers carry their width and signedness."""

    __slots__ = ("bits", "kind", "name", "signed")

    def __init__(self, name: str, kind: str, bits: int = 0, signed: bool = False):
        self.name = name
        self.kind = kind  # "int", "float", "bool", "char", "str", "unit", "never"
        self.bits = bits
        self.signed = signed

    def __str__(self) -> str:
        return self.name

    @property
    def is_int(self) -> bool:
        return self.kind == "int"

    @property
    def is_float(self) -> bool:
        return self.kind == "float"

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("int", "float")


def _int(name: str, bits: int, signed: bool) -> Prim:
    return Prim(name, "int", bits, signed)


I8, I16, I32, I64, I128 = (_int(f"i{b}", b, True) for b in (8, 16, 32, 64, 128))
U8, U16, U32, U64, U128 = (_int(f"u{b}", b, False) for b in (8, 16, 32, 64, 128))
ISIZE = _int("isize", 64, True)
USIZE = _int("usize", 64, False)
F32 = Prim("f32", "float", 32, True)
F64 = Prim("f64", "float", 64, True)
BOOL = Prim("bool", "bool")
CHAR = Prim("char", "char")
STR = Prim("Str", "str")
UNIT = Prim("()", "unit")
NEVER = Prim("!", "never")

PRIMS: dict[str, Prim] = {
    p.name: p for p in (I8, I16, I32, I64, I128, U8, U16, U32, U64, U128, ISIZE, USIZE, F32, F64, BOOL, CHAR)
}
PRIMS["str"] = STR
PRIMS["Str"] = STR
PRIMS["String"] = STR


class ErrorType(Type):
    """The type of an expression that already produced an error: unifies with everything."""

    __slots__ = ()

    def __str__(self) -> str:
        return "{error}"


ERROR = ErrorType()


class _Applied:
    """A named item applied to type arguments; shared by named types (`Adt`) and trait references."""

    __slots__ = ()
    info: TypeInfo | TraitInfo
    args: tuple[Type, ...]

    def __init__(self, info, args: tuple[Type, ...] = ()):
        self.info = info
        self.args = args

    def __str__(self) -> str:
        if self.args:
            return f"{self.info.name}<{', '.join(str(a) for a in self.args)}>"
        return self.info.name

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and other.info is self.info and other.args == self.args  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((id(self.info), self.args))


class Adt(_Applied, Type):
    """A named type (struct, enum, built-in opaque type) applied to type arguments."""

    __slots__ = ("args", "info")
    info: TypeInfo


class Tuple(Type):
    __slots__ = ("elems",)

    def __init__(self, elems: tuple[Type, ...]):
        self.elems = elems

    def __str__(self) -> str:
        if len(self.elems) == 1:
            return f"({self.elems[0]},)"
        return f"({', '.join(str(e) for e in self.elems)})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tuple) and other.elems == self.elems

    def __hash__(self) -> int:
        return hash(("tuple", self.elems))


class FnType(Type):
    """Functions and closures: `fn(A, B) -> R`."""

    __slots__ = ("params", "ret")

    def __init__(self, params: tuple[Type, ...], ret: Type):
        self.params = params
        self.ret = ret

    def __str__(self) -> str:
        ret = "" if self.ret is UNIT else f" -> {self.ret}"
        return f"fn({', '.join(str(p) for p in self.params)}){ret}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FnType) and other.params == self.params and other.ret == self.ret

    def __hash__(self) -> int:
        return hash(("fn", self.params, self.ret))


class Ref(Type):
    """`&T` / `&mut T`."""

    __slots__ = ("inner", "mutable")

    def __init__(self, inner: Type, mutable: bool):
        self.inner = inner
        self.mutable = mutable

    def __str__(self) -> str:
        return f"&{'mut ' if self.mutable else ''}{self.inner}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ref) and other.mutable == self.mutable and other.inner == self.inner

    def __hash__(self) -> int:
        return hash(("ref", self.mutable, self.inner))


class Ptr(Type):
    """`*T` (FFI pointer)."""

    __slots__ = ("inner",)

    def __init__(self, inner: Type):
        self.inner = inner

    def __str__(self) -> str:
        return f"*{self.inner}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ptr) and other.inner == self.inner

    def __hash__(self) -> int:
        return hash(("ptr", self.inner))


class Param(Type):
    """A generic type parameter, rigid inside its item (compared by identity)."""

    __slots__ = ("bounds", "fn_bound", "name", "owner")

    def __init__(self, name: str, owner: str):
        self.name = name
        self.owner = owner  # the item that declares it, for messages
        self.bounds: list[TraitRef] = []
        self.fn_bound: FnType | None = None  # `F: Fn(A) -> R` on a type's or impl's parameter: F is that type

    def __str__(self) -> str:
        return self.name


class Dyn(Type):
    """`dyn Trait`."""

    __slots__ = ("traits",)

    def __init__(self, traits: tuple[TraitRef, ...]):
        self.traits = traits

    def __str__(self) -> str:
        return "dyn " + " + ".join(str(t) for t in self.traits)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dyn) and other.traits == self.traits

    def __hash__(self) -> int:
        return hash(("dyn", self.traits))


class InferVar(Type):
    """An inference variable. `kind` is "int" / "float" for literal variables (defaulting to
    i64 / f64), or None. Bound variables forward to `binding`."""

    __slots__ = ("binding", "id", "kind")

    _counter = 0

    def __init__(self, kind: str | None = None):
        InferVar._counter += 1
        self.id = InferVar._counter
        self.kind = kind
        self.binding: Type | None = None

    def __str__(self) -> str:
        if self.binding is not None:
            return str(self.binding)
        if self.kind == "int":
            return "{integer}"
        if self.kind == "float":
            return "{float}"
        return "_"


class TraitRef(_Applied):
    """A trait applied to type arguments (`Add<i64>`, `Display`)."""

    __slots__ = ("args", "info")
    info: TraitInfo


# ---------------------------------------------------------------------------------------------
# Operations


def prune(t: Type) -> Type:
    """Follow inference-variable bindings (with path compression)."""
    if t.__class__ is InferVar and t.binding is not None:  # type: ignore[attr-defined]
        root = t.binding  # type: ignore[attr-defined]
        while root.__class__ is InferVar and root.binding is not None:
            root = root.binding
        t.binding = root  # type: ignore[attr-defined]
        return root
    return t


def zonk(t: Type) -> Type:
    """Replace every bound inference variable inside `t` by its binding (`t` itself when none is)."""
    return _resolve(t, None)


def finalize(t: Type, unresolved: list[InferVar]) -> Type:
    """`zonk` after checking a body: open literal variables default to i64 / f64 on the way, and other
    open variables are appended to `unresolved` (one traversal for all three jobs)."""
    return _resolve(t, unresolved)


def _resolve(t: Type, unresolved: list[InferVar] | None) -> Type:
    cls = t.__class__
    if cls is InferVar:
        t = prune(t)
        cls = t.__class__
    if cls is Prim:
        return t
    if cls is InferVar:
        if unresolved is None:
            return t
        if t.kind == "int":  # type: ignore[attr-defined]
            t.binding = I64  # type: ignore[attr-defined]
            return I64
        if t.kind == "float":  # type: ignore[attr-defined]
            t.binding = F64  # type: ignore[attr-defined]
            return F64
        unresolved.append(t)  # type: ignore[arg-type]
        return t
    if cls is Adt:
        if not t.args:  # type: ignore[attr-defined]
            return t
        args = tuple(_resolve(a, unresolved) for a in t.args)  # type: ignore[attr-defined]
        return t if _same(args, t.args) else Adt(t.info, args)  # type: ignore[attr-defined]
    if cls is Tuple:
        elems = tuple(_resolve(e, unresolved) for e in t.elems)  # type: ignore[attr-defined]
        return t if _same(elems, t.elems) else Tuple(elems)  # type: ignore[attr-defined]
    if cls is FnType:
        params = tuple(_resolve(p, unresolved) for p in t.params)  # type: ignore[attr-defined]
        ret = _resolve(t.ret, unresolved)  # type: ignore[attr-defined]
        return t if ret is t.ret and _same(params, t.params) else FnType(params, ret)  # type: ignore[attr-defined]
    if cls is Ref:
        inner = _resolve(t.inner, unresolved)  # type: ignore[attr-defined]
        return t if inner is t.inner else Ref(inner, t.mutable)  # type: ignore[attr-defined]
    if cls is Ptr:
        inner = _resolve(t.inner, unresolved)  # type: ignore[attr-defined]
        return t if inner is t.inner else Ptr(inner)  # type: ignore[attr-defined]
    return t


def _same(new: tuple[Type, ...], old: tuple[Type, ...]) -> bool:
    return all(a is b for a, b in zip(new, old, strict=True))


def subst(t: Type, mapping: dict[Param, Type]) -> Type:
    """Replace generic parameters by types."""
    if not mapping:
        return t
    t = prune(t)
    if isinstance(t, Param):
        return mapping.get(t, t)
    if isinstance(t, Adt):
        return Adt(t.info, tuple(subst(a, mapping) for a in t.args)) if t.args else t
    if isinstance(t, Tuple):
        return Tuple(tuple(subst(e, mapping) for e in t.elems))
    if isinstance(t, FnType):
        return FnType(tuple(subst(p, mapping) for p in t.params), subst(t.ret, mapping))
    if isinstance(t, Ref):
        return Ref(subst(t.inner, mapping), t.mutable)
    if isinstance(t, Ptr):
        return Ptr(subst(t.inner, mapping))
    if isinstance(t, Dyn):
        return Dyn(tuple(TraitRef(tr.info, tuple(subst(a, mapping) for a in tr.args)) for tr in t.traits))
    return t


def children(t: Type) -> tuple[Type, ...]:
    """The types directly inside `t` (arguments, elements, parameters and result, referent)."""
    cls = type(t)
    if cls is Adt:
        return t.args  # type: ignore[attr-defined]
    if cls is Tuple:
        return t.elems  # type: ignore[attr-defined]
    if cls is FnType:
        return (*t.params, t.ret)  # type: ignore[attr-defined]
    if cls is Ref or cls is Ptr:
        return (t.inner,)  # type: ignore[attr-defined]
    return ()


def mentions(t: Type, test) -> bool:
    """Whether `test` holds for `t` or any type inside it (bindings followed)."""
    t = prune(t)
    return test(t) or any(mentions(c, test) for c in children(t))


def contains_var(t: Type, var: InferVar) -> bool:
    return mentions(t, lambda x: x is var)


def has_unresolved(t: Type) -> bool:
    return mentions(t, lambda x: type(x) is InferVar)


def has_params(t: Type) -> bool:
    return mentions(t, lambda x: type(x) is Param)


def strip_refs(t: Type) -> Type:
    """The referent of a (possibly nested) reference; the type itself otherwise."""
    t = prune(t)
    while isinstance(t, Ref):
        t = prune(t.inner)
    return t


def is_mut_ref(t: Type) -> bool:
    """Whether `t` is a `&mut` (what `*r = v` and `Some(v) => *v += 1` change through)."""
    t = prune(t)
    return isinstance(t, Ref) and t.mutable


def default_literals(t: Type) -> None:
    """Bind unresolved literal variables inside `t` to i64 / f64."""
    t = prune(t)
    if isinstance(t, InferVar):
        if t.kind == "int":
            t.binding = I64
        elif t.kind == "float":
            t.binding = F64
    elif isinstance(t, Adt):
        for a in t.args:
            default_literals(a)
    elif isinstance(t, Tuple):
        for e in t.elems:
            default_literals(e)
    elif isinstance(t, FnType):
        for p in t.params:
            default_literals(p)
        default_literals(t.ret)
    elif isinstance(t, (Ref, Ptr)):
        default_literals(t.inner)


def is_iterator(t: Type) -> bool:
    """A built-in iterator (`Iter<T>`, `Peekable<T>`): no `==` and nothing to print (collect it first)."""
    t = prune(t)
    return isinstance(t, Adt) and t.info.builtin and t.info.name in ("Iter", "Peekable")


def is_int(t: Type) -> bool:
    t = prune(t)
    return (isinstance(t, Prim) and t.kind == "int") or (isinstance(t, InferVar) and t.kind == "int")


def is_float(t: Type) -> bool:
    t = prune(t)
    return (isinstance(t, Prim) and t.kind == "float") or (isinstance(t, InferVar) and t.kind == "float")


def is_numeric(t: Type) -> bool:
    return is_int(t) or is_float(t)


def int_range(t: Prim) -> tuple[int, int]:
    """The inclusive range of values of an integer type."""
    if t.signed:
        return -(1 << (t.bits - 1)), (1 << (t.bits - 1)) - 1
    return 0, (1 << t.bits) - 1


def smallest_int_holding(value: int, signed: bool) -> Prim | None:
    """The narrowest integer type of the given signedness (signed for negative values) holding `value`."""
    signed = signed or value < 0
    for t in (I8, I16, I32, I64, I128) if signed else (U8, U16, U32, U64, U128):
        lo, hi = int_range(t)
        if lo <= value <= hi:
            return t
    return None


def int_widens_to(src: Prim, dst: Prim) -> bool:
    """Implicit integer widening: same signedness, destination at least as wide."""
    return src.kind == dst.kind == "int" and src.signed == dst.signed and src.bits <= dst.bits
