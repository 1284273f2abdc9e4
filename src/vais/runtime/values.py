"""Runtime values that have no plain Python counterpart: `Some`/`Ok`/`Err`, the std `Error`,
`Ordering`, `Cell` (a `&mut` box for scalars) and `Duration`, plus Vais ordering of any values.

Option `None` is Python `None` and `()` is `None` too, so `None < None` (which Python refuses)
must go through `cmp_values`; everything else orders with Python's operators: Str compares by code
point, which is the same order as comparing UTF-8 bytes.
"""

from __future__ import annotations

from vais.runtime.panic import VaisPanic

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class _Wrapper:
    """One-slot enum payload holder; `_rank` orders variants like Rust's derived `Ord`
    (None < Some, Ok < Err)."""

    __slots__ = ("value",)
    _rank = 0
    _name = ""

    def __init__(self, value: Any):
        self.value = value

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and self.value == other.value  # type: ignore[attr-defined]

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash((self._rank, self.value))

    def _cmp(self, other: Any) -> int:
        rank = -1 if other is None else other._rank
        if rank != self._rank:
            return 1 if self._rank > rank else -1
        return cmp_values(self.value, other.value)

    def __lt__(self, other: Any) -> bool:
        return self._cmp(other) < 0

    def __le__(self, other: Any) -> bool:
        return self._cmp(other) <= 0

    def __gt__(self, other: Any) -> bool:
        return self._cmp(other) > 0

    def __ge__(self, other: Any) -> bool:
        return self._cmp(other) >= 0

    def __repr__(self) -> str:
        return f"{self._name}({self.value!r})"


class Some(_Wrapper):
    """`Some(x)`; `None` is Python's None."""

    __slots__ = ()
    _rank = 1
    _name = "Some"


class Ok(_Wrapper):
    __slots__ = ()
    _rank = 0
    _name = "Ok"


class Err(_Wrapper):
    __slots__ = ()
    _rank = 1
    _name = "Err"


class VaisError:
    """The std `Error`: a kind (`"Error"`, `"NotFound"`, `"ParseError"`, ...), a message, and the
    value it was converted from (a Str, a user error struct) when there was one."""

    __slots__ = ("kind", "message", "source")

    def __init__(self, message: str, kind: str = "Error", source: Any = None):
        self.message = message
        self.kind = kind
        self.source = source

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VaisError) and (self.kind, self.message) == (other.kind, other.message)

    def __hash__(self) -> int:
        return hash((self.kind, self.message))

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        from vais.runtime.fmt import quote_str

        return f"Error({quote_str(self.message)})"


class Ordering:
    """`Less`/`Equal`/`Greater`: three singletons compared by identity; `value` is -1/0/1."""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: int):
        self.name = name
        self.value = value

    def __lt__(self, other: Ordering) -> bool:
        return self.value < other.value

    def __le__(self, other: Ordering) -> bool:
        return self.value <= other.value

    def __gt__(self, other: Ordering) -> bool:
        return self.value > other.value

    def __ge__(self, other: Ordering) -> bool:
        return self.value >= other.value

    def __repr__(self) -> str:
        return self.name


Less = Ordering("Less", -1)
Equal = Ordering("Equal", 0)
Greater = Ordering("Greater", 1)
_ORDERINGS = (Less, Equal, Greater)


def ordering_of(c: int) -> Ordering:
    """The Ordering of a -1/0/1 comparison result."""
    return _ORDERINGS[c + 1]


class Cell:
    """A mutable box: `&mut x` of a scalar place is passed as a Cell (copy-in/copy-out)."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def __repr__(self) -> str:
        return f"Cell({self.value!r})"


class ItemRef:
    """`&mut` of one slot of a list or dict holding a value that cannot change in place (an int, a
    Str, a tuple, an enum): reads and writes go to the container, so every alias sees them."""

    __slots__ = ("key", "obj")

    def __init__(self, obj: Any, key: Any):
        self.obj = obj
        self.key = key

    @property
    def value(self) -> Any:
        return self.obj[self.key]

    @value.setter
    def value(self, v: Any) -> None:
        self.obj[self.key] = v

    def __repr__(self) -> str:
        return f"ItemRef({self.obj[self.key]!r})"


class AttrRef:
    """`&mut s.field` of a value-typed field of a struct object (the slot, not a copy of it)."""

    __slots__ = ("name", "obj")

    def __init__(self, obj: Any, name: str):
        self.obj = obj
        self.name = name

    @property
    def value(self) -> Any:
        return getattr(self.obj, self.name)

    @value.setter
    def value(self, v: Any) -> None:
        setattr(self.obj, self.name, v)


NANOS_PER_SEC = 1_000_000_000


class Duration:
    """A span of time in whole nanoseconds (never negative, like Rust's `Duration`).
    Supports `+ - * //` and comparisons, so generated code can use Python operators on it."""

    __slots__ = ("nanos",)

    def __init__(self, nanos: int):
        self.nanos = nanos

    def __add__(self, other: Duration) -> Duration:
        return Duration(self.nanos + other.nanos)

    def __sub__(self, other: Duration) -> Duration:
        if other.nanos > self.nanos:
            raise VaisPanic("overflow when subtracting durations")
        return Duration(self.nanos - other.nanos)

    def __mul__(self, k: int) -> Duration:
        if k < 0:
            raise VaisPanic("overflow when multiplying duration by a negative number")
        return Duration(self.nanos * k)

    __rmul__ = __mul__

    def __floordiv__(self, k: int) -> Duration:
        if k == 0:
            raise VaisPanic("divide by zero error when dividing duration by scalar")
        return Duration(self.nanos // k)

    __truediv__ = __floordiv__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Duration) and self.nanos == other.nanos

    def __hash__(self) -> int:
        return hash(self.nanos)

    def __lt__(self, other: Duration) -> bool:
        return self.nanos < other.nanos

    def __le__(self, other: Duration) -> bool:
        return self.nanos <= other.nanos

    def __gt__(self, other: Duration) -> bool:
        return self.nanos > other.nanos

    def __ge__(self, other: Duration) -> bool:
        return self.nanos >= other.nanos

    def __repr__(self) -> str:
        from vais.runtime.fmt import duration_str

        return duration_str(self)


# -- ordering of arbitrary Vais values ----------------------------------------------------------------

def cmp_values(a: Any, b: Any) -> int:
    """-1, 0 or 1: Vais ordering (numbers, Str bytewise, tuples/Vec lexicographic, None < Some,
    Ok < Err, `()` == `()`). Uses Python's operators and only falls back when they refuse."""
    try:
        return (a > b) - (a < b)
    except TypeError:
        return _cmp_fallback(a, b)


def _cmp_fallback(a: Any, b: Any) -> int:
    if a is None or b is None:
        return (b is None) - (a is None)
    if isinstance(a, (tuple, list)):
        for x, y in zip(a, b, strict=False):
            c = cmp_values(x, y)
            if c:
                return c
        return (len(a) > len(b)) - (len(a) < len(b))
    raise TypeError(f"cannot order {type(a).__name__} values")


def min_value(a: Any, b: Any) -> Any:
    """Rust's `min`: the first argument when they are equal."""
    return b if b < a else a


def max_value(a: Any, b: Any) -> Any:
    """Rust's `max`: the second argument when they are equal."""
    return a if a > b else b


def sort_key(v: Any) -> Any:
    """A key Python can sort by when elements contain None (Option/unit); used only as a fallback."""
    if v is None:
        return (0,)
    if isinstance(v, _Wrapper):
        return (1 + v._rank, sort_key(v.value))
    if isinstance(v, tuple):
        return tuple(map(sort_key, v))
    if isinstance(v, list):
        return [sort_key(x) for x in v]
    return (1, v)


# -- user comparison impls -----------------------------------------------------------------------------

def install_eq(base: type, classes: tuple[type, ...], eq: Any, ne: Any = None) -> None:
    """A user `PartialEq` impl replaces the structural `__eq__` of the type's classes, so every
    comparison Python makes (`==`, Vec/tuple/Option equality, `contains`, `assert_eq`) calls it;
    `!=` calls the user's `ne`, else `!eq`. Values of other types are never equal."""

    def __eq__(self: Any, other: Any) -> bool:
        return isinstance(other, base) and eq(self, other)

    def __ne__(self: Any, other: Any) -> bool:
        if not isinstance(other, base):
            return True
        return ne(self, other) if ne is not None else not eq(self, other)

    for cls in classes:
        cls.__eq__ = __eq__  # type: ignore[method-assign]
        cls.__ne__ = __ne__  # type: ignore[method-assign]


def install_hash(classes: tuple[type, ...], hash_fn: Any) -> None:
    """A user `Hash` impl: the values its `hash` feeds (`self.id.hash(state)`) make the Python hash,
    so map and set keys that the user's `eq` calls equal (equal on those values) find each other.
    `state` is a `Cell` holding the list of fed values, as `&mut H` of an open `H` is passed."""

    def __hash__(self: Any) -> int:
        state = Cell([])
        hash_fn(self, state)
        return hash(tuple(state.value))

    for cls in classes:
        cls.__hash__ = __hash__  # type: ignore[method-assign]


def hash_into(state: list[Any], x: Any) -> None:
    """`x.hash(state)` for a value without a user `Hash` impl: feed the value (a Vec as a tuple) to
    the list the state's Cell holds (generated code passes `*state`)."""
    state.append(_hashable(x))


def _hashable(x: Any) -> Any:
    return tuple(map(_hashable, x)) if x.__class__ is list else x


def install_order(classes: tuple[type, ...], cmp: Any, partial: bool) -> None:
    """A user `Ord::cmp` (or, `partial` True, `PartialOrd::partial_cmp`, whose `None` makes every
    test false) replaces the structural ordering, so `<`, sort, min/max and the ordering of
    containers holding the type all follow it."""

    def sign(a: Any, b: Any) -> int | None:
        r = cmp(a, b)
        if partial:
            if r is None:
                return None
            r = r.value
        return r.value

    def method(test: Any) -> Any:
        def compare(a: Any, b: Any) -> bool:
            c = sign(a, b)
            return c is not None and test(c)
        return compare

    for cls in classes:
        cls.__lt__ = method(lambda c: c < 0)  # type: ignore[method-assign]
        cls.__le__ = method(lambda c: c <= 0)  # type: ignore[method-assign]
        cls.__gt__ = method(lambda c: c > 0)  # type: ignore[method-assign]
        cls.__ge__ = method(lambda c: c >= 0)  # type: ignore[method-assign]


# -- copies ---------------------------------------------------------------------------------------------

_IMMUTABLE = frozenset({int, float, str, bool, type(None), range, Duration, Ordering, VaisError})


def clone_value(v: Any) -> Any:
    """A deep copy under Vais value semantics, for code that does not know the static type
    (the code generator emits type-specialised copies where it can).

    A Vec/HashMap whose first element is immutable (a number, Str, char, bool, None) holds only
    immutable values: the element types that mix runtime classes are Option, Result and enums, and
    their payloads are never mutated in place. Objects of generated classes are copied slot by slot;
    objects without slots (unit variants, functions) are shared."""
    cls = v.__class__
    if cls in _IMMUTABLE:
        return v
    if cls is list:
        if not v or v[0].__class__ in _IMMUTABLE:
            return v.copy()
        return [clone_value(x) for x in v]
    if cls is dict:
        first = next(iter(v.values()), None)
        if first.__class__ in _IMMUTABLE:
            return v.copy()
        return {k: clone_value(x) for k, x in v.items()}
    if cls is tuple:
        return tuple(map(clone_value, v))
    if isinstance(v, _Wrapper):
        return cls(clone_value(v.value))
    slots = getattr(cls, "__slots__", ())
    if not slots:
        return v
    copy = cls.__new__(cls)
    for name in slots:
        setattr(copy, name, clone_value(getattr(v, name)))
    return copy


def assign_in_place(target: Any, value: Any) -> None:
    """`*r = v` through a `&mut` to an aggregate: give `target` (a list, dict or object of a
    generated class) the contents of `value` without changing its identity, so every holder of the
    reference sees the new value. Objects must have the same slots (same struct, or enum variants
    with the same payload layout)."""
    cls = target.__class__
    if cls is list:
        target[:] = value
    elif cls is dict:
        target.clear()
        target.update(value)
    else:
        if value.__class__ is not cls:
            target.__class__ = value.__class__
        for name in getattr(value.__class__, "__slots__", ()):
            setattr(target, name, getattr(value, name))


_PLACES = (Cell, ItemRef, AttrRef)


def _snapshot(v: Any) -> Any:
    """A shallow copy of an aggregate's contents (the object behind a `&mut` keeps its identity)."""
    cls = v.__class__
    if cls is list or cls is dict:
        return v.copy()
    copy = object.__new__(cls)
    for name in getattr(cls, "__slots__", ()):
        setattr(copy, name, getattr(v, name))
    return copy


def fn_swap(a: Any, b: Any) -> None:
    """`swap(&mut a, &mut b)` (Rust's `std::mem::swap`): exchange the two values in place."""
    if isinstance(a, _PLACES):
        a.value, b.value = b.value, a.value
        return
    old = _snapshot(a)
    assign_in_place(a, b)
    assign_in_place(b, old)


def fn_replace(dest: Any, value: Any) -> Any:
    """`replace(&mut dest, v)` (Rust's `std::mem::replace`): store `v`, return the old value."""
    if isinstance(dest, _PLACES):
        old, dest.value = dest.value, value
        return old
    old = _snapshot(dest)
    assign_in_place(dest, value)
    return old
