"""Vec (a list), HashMap (a dict) and HashSet (a dict of element -> None).

Indices are checked and panic with Rust's messages. Dicts keep insertion order, and deleting then
re-inserting a key moves it to the end, exactly the Vais iteration order. Iterators over a
collection (`iter`, `keys`, ...) iterate a snapshot: a Vais loop iterates a *value*, so changing the
collection inside the loop never disturbs it. The runtime never copies elements: storing an
aggregate that is still used elsewhere is copied by the generated code.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import cmp_to_key

from vais.runtime.panic import VaisPanic, panic_index
from vais.runtime.values import Err, ItemRef, Ok, Ordering, Some, sort_key

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_MISSING = object()

# -- indexing helpers for generated code ------------------------------------------------------------


fn_len = len  # `len(x)` of any collection (the code generator calls Python's len directly)


def index_get(v: list[Any], i: int) -> Any:
    """`v[i]` with the bounds check (a negative index is out of bounds, not Python's from-the-end)."""
    if i >= 0:
        try:
            return v[i]
        except IndexError:
            pass
    panic_index(i, len(v))


def index_set(v: list[Any], i: int, x: Any) -> None:
    """`v[i] = x`."""
    if i >= 0:
        try:
            v[i] = x
            return
        except IndexError:
            pass
    panic_index(i, len(v))


def slice_vec(v: list[Any], start: int | None, end: int | None) -> list[Any]:
    """`v[a..b]` (None for an open end): a new list."""
    n = len(v)
    a = 0 if start is None else start
    b = n if end is None else end
    if 0 <= a <= b <= n:
        return v[a:b]
    if b > n or b < 0:
        raise VaisPanic(f"range end index {b} out of range for slice of length {n}")
    if a > n or a < 0:
        raise VaisPanic(f"range start index {a} out of range for slice of length {n}")
    raise VaisPanic(f"slice index starts at {a} but ends at {b}")


def index_map(m: dict[Any, Any], key: Any) -> Any:
    """`m[key]` on a HashMap: panics when the key is absent."""
    v = m.get(key, _MISSING)
    if v is _MISSING:
        from vais.runtime.fmt import debug_any

        raise VaisPanic(f"key {debug_any(key)} not found in HashMap")
    return v


# -- Vec -------------------------------------------------------------------------------------------------

def vec_new() -> list[Any]:
    return []


def vec_with_capacity(n: int) -> list[Any]:
    return []


def vec_from(items: Iterable[Any]) -> list[Any]:
    return list(items)


vec_push = list.append
vec_len = len
vec_clear = list.clear
vec_reverse = list.reverse


def vec_pop(v: list[Any]) -> Some | None:
    return Some(v.pop()) if v else None


def vec_is_empty(v: list[Any]) -> bool:
    return not v


def vec_get(v: list[Any], i: int) -> Some | None:
    return Some(v[i]) if 0 <= i < len(v) else None


def vec_first(v: list[Any]) -> Some | None:
    return Some(v[0]) if v else None


def vec_last(v: list[Any]) -> Some | None:
    return Some(v[-1]) if v else None


def vec_contains(v: list[Any], x: Any) -> bool:
    return x in v


def vec_insert(v: list[Any], i: int, x: Any) -> None:
    if not 0 <= i <= len(v):
        raise VaisPanic(f"insertion index (is {i}) should be <= len (is {len(v)})")
    v.insert(i, x)


def vec_remove(v: list[Any], i: int) -> Any:
    if not 0 <= i < len(v):
        raise VaisPanic(f"removal index (is {i}) should be < len (is {len(v)})")
    return v.pop(i)


def vec_swap_remove(v: list[Any], i: int) -> Any:
    if not 0 <= i < len(v):
        raise VaisPanic(f"swap_remove index (is {i}) should be < len (is {len(v)})")
    x = v[i]
    v[i] = v[-1]
    v.pop()
    return x


def vec_swap(v: list[Any], i: int, j: int) -> None:
    n = len(v)
    if not 0 <= i < n:
        panic_index(i, n)
    if not 0 <= j < n:
        panic_index(j, n)
    v[i], v[j] = v[j], v[i]


def vec_truncate(v: list[Any], n: int) -> None:
    del v[max(n, 0):]


def vec_extend(v: list[Any], items: Iterable[Any]) -> None:
    v.extend(items)


def vec_append(v: list[Any], other: list[Any]) -> None:
    """Move every element of `other` (a `&mut Vec`) to the end of `v`, leaving `other` empty."""
    v.extend(other)
    other.clear()


vec_extend_from_slice = vec_extend
_I64_MAX = (1 << 63) - 1


def vec_drain(v: list[Any], r: range) -> Iterator[Any]:
    """Remove the elements of range `r` (`v.drain(1..3)`, `v.drain(..)`) and yield them."""
    start, stop = r.start, r.stop
    if stop > _I64_MAX:  # an open end (`1..`, `..`)
        stop = len(v)
    if not 0 <= start <= stop <= len(v):
        raise VaisPanic(f"range {start}..{stop} out of bounds for a Vec of length {len(v)}")
    out = v[start:stop]
    del v[start:stop]
    return iter(out)


def vec_split_at(v: list[Any], mid: int) -> tuple[list[Any], list[Any]]:
    if not 0 <= mid <= len(v):
        raise VaisPanic(f"mid > len: {mid} > {len(v)}")
    return v[:mid], v[mid:]


def vec_split_off(v: list[Any], at: int) -> list[Any]:
    if not 0 <= at <= len(v):
        raise VaisPanic(f"`at` split index (is {at}) should be <= len (is {len(v)})")
    tail = v[at:]
    del v[at:]
    return tail


def vec_resize(v: list[Any], n: int, x: Any) -> None:
    if n <= len(v):
        del v[max(n, 0):]
    else:
        v.extend([x] * (n - len(v)))


def vec_fill(v: list[Any], x: Any) -> None:
    v[:] = [x] * len(v)


def vec_sort(v: list[Any]) -> None:
    """Stable sort in Vais order (falls back to a key when elements hold None: Option, `()`)."""
    try:
        v.sort()
    except TypeError:
        v.sort(key=sort_key)


def vec_sort_by(v: list[Any], cmp: Callable[[Any, Any], Ordering]) -> None:
    v.sort(key=cmp_to_key(lambda a, b: cmp(a, b).value))


def vec_sort_by_key(v: list[Any], key: Callable[[Any], Any]) -> None:
    try:
        v.sort(key=key)
    except TypeError:
        v.sort(key=lambda x: sort_key(key(x)))


vec_sort_unstable = vec_sort
vec_sort_unstable_by = vec_sort_by
vec_sort_unstable_by_key = vec_sort_by_key


def vec_dedup(v: list[Any]) -> None:
    """Remove consecutive repeated elements."""
    v[:] = [x for i, x in enumerate(v) if i == 0 or x != v[i - 1]]


def vec_dedup_by_key(v: list[Any], key: Callable[[Any], Any]) -> None:
    keys = [key(x) for x in v]
    v[:] = [x for i, x in enumerate(v) if i == 0 or keys[i] != keys[i - 1]]


def vec_retain(v: list[Any], keep: Callable[[Any], bool]) -> None:
    v[:] = [x for x in v if keep(x)]


def vec_index_of(v: list[Any], x: Any) -> Some | None:
    try:
        return Some(v.index(x))
    except ValueError:
        return None


def vec_position(v: list[Any], pred: Callable[[Any], bool]) -> Some | None:
    for i, x in enumerate(v):
        if pred(x):
            return Some(i)
    return None


def vec_binary_search(v: list[Any], x: Any) -> Ok | Err:
    """Ok(index of an equal element) or Err(the index where `x` would be inserted)."""
    i = bisect_left(v, x)
    return Ok(i) if i < len(v) and v[i] == x else Err(i)


def vec_binary_search_by(v: list[Any], cmp: Callable[[Any], Ordering]) -> Ok | Err:
    """Rust's `binary_search_by(|probe| probe.cmp(&target))`: the first element the comparator calls
    `Equal` (Ok), else the insertion index (Err)."""
    lo, hi = 0, len(v)
    while lo < hi:
        mid = (lo + hi) // 2
        if cmp(v[mid]).value < 0:
            lo = mid + 1
        else:
            hi = mid
    return Ok(lo) if lo < len(v) and cmp(v[lo]).value == 0 else Err(lo)


def vec_binary_search_by_key(v: list[Any], key: Any, f: Callable[[Any], Any]) -> Ok | Err:
    """`binary_search` of `key` among the elements' keys `f(x)` (sorted by that key)."""
    i = bisect_left(v, key, key=f)
    return Ok(i) if i < len(v) and f(v[i]) == key else Err(i)


def vec_iter(v: list[Any]) -> Iterator[Any]:
    return iter(v.copy())


vec_into_iter = vec_iter


def vec_to_vec(v: list[Any]) -> list[Any]:
    return v.copy()


vec_as_slice = vec_to_vec  # Rust's `v.as_slice()` (a view there; a copy keeps value semantics here)


def vec_join(v: list[str], sep: str) -> str:
    return sep.join(v)


def vec_concat(v: list[list[Any]]) -> list[Any]:
    return [x for part in v for x in part]


def vec_str_concat(v: list[str]) -> str:
    """`Vec<Str>::concat()`: the strings one after the other."""
    return "".join(v)


def vec_split_first(v: list[Any]) -> Some | None:
    return Some((v[0], v[1:])) if v else None


def vec_split_last(v: list[Any]) -> Some | None:
    return Some((v[-1], v[:-1])) if v else None


def vec_repeat(v: list[Any], n: int) -> list[Any]:
    if n < 0:
        raise VaisPanic(f"repeat count {n} is negative")
    return v * n


def vec_windows(v: list[Any], n: int) -> Iterator[list[Any]]:
    if n <= 0:
        raise VaisPanic("window size must be non-zero")
    return iter([v[i:i + n] for i in range(len(v) - n + 1)])


def vec_chunks(v: list[Any], n: int) -> Iterator[list[Any]]:
    if n <= 0:
        raise VaisPanic("chunk size must be non-zero")
    return iter([v[i:i + n] for i in range(0, len(v), n)])


def vec_rotate_left(v: list[Any], k: int) -> None:
    if not 0 <= k <= len(v):
        raise VaisPanic(f"rotate amount {k} out of range for length {len(v)}")
    v[:] = v[k:] + v[:k]


def vec_rotate_right(v: list[Any], k: int) -> None:
    if not 0 <= k <= len(v):
        raise VaisPanic(f"rotate amount {k} out of range for length {len(v)}")
    v[:] = v[len(v) - k:] + v[: len(v) - k]


# -- HashMap -------------------------------------------------------------------------------------------

def map_new() -> dict[Any, Any]:
    return {}


def map_with_capacity(n: int) -> dict[Any, Any]:
    return {}


def map_from(pairs: Iterable[tuple[Any, Any]]) -> dict[Any, Any]:
    return dict(pairs)


map_len = len
map_clear = dict.clear


def map_is_empty(m: dict[Any, Any]) -> bool:
    return not m


def map_insert(m: dict[Any, Any], k: Any, v: Any) -> Some | None:
    """Insert or update (an updated key keeps its place); returns the old value."""
    old = m.get(k, _MISSING)
    m[k] = v
    return None if old is _MISSING else Some(old)


def map_get(m: dict[Any, Any], k: Any) -> Some | None:
    v = m.get(k, _MISSING)
    return None if v is _MISSING else Some(v)


def map_get_or(m: dict[Any, Any], k: Any, default: Any) -> Any:
    return m.get(k, default)


def map_contains_key(m: dict[Any, Any], k: Any) -> bool:
    return k in m


def map_remove(m: dict[Any, Any], k: Any) -> Some | None:
    v = m.pop(k, _MISSING)
    return None if v is _MISSING else Some(v)


def map_get_or_insert(m: dict[Any, Any], k: Any, default: Any) -> Any:
    """The value at `k`, inserting `default` first when absent."""
    return m.setdefault(k, default)


def map_get_or_insert_with(m: dict[Any, Any], k: Any, make: Callable[[], Any]) -> Any:
    v = m.get(k, _MISSING)
    if v is _MISSING:
        v = m[k] = make()
    return v


def map_keys(m: dict[Any, Any]) -> Iterator[Any]:
    return iter(list(m))


def map_values(m: dict[Any, Any]) -> Iterator[Any]:
    return iter(list(m.values()))


def map_iter(m: dict[Any, Any]) -> Iterator[tuple[Any, Any]]:
    return iter(list(m.items()))


map_entries = map_into_iter = map_iter


def map_extend(m: dict[Any, Any], pairs: Iterable[tuple[Any, Any]]) -> None:
    m.update(pairs)


def map_retain(m: dict[Any, Any], keep: Callable[[Any, Any], bool]) -> None:
    for k in [k for k, v in m.items() if not keep(k, v)]:
        del m[k]


# -- HashSet -------------------------------------------------------------------------------------------

def set_new() -> dict[Any, None]:
    return {}


def set_with_capacity(n: int) -> dict[Any, None]:
    return {}


def set_from(items: Iterable[Any]) -> dict[Any, None]:
    return dict.fromkeys(items)


set_len = len
set_clear = dict.clear


def set_is_empty(s: dict[Any, None]) -> bool:
    return not s


def set_insert(s: dict[Any, None], x: Any) -> bool:
    """True when `x` was not already present."""
    if x in s:
        return False
    s[x] = None
    return True


def set_contains(s: dict[Any, None], x: Any) -> bool:
    return x in s


def set_remove(s: dict[Any, None], x: Any) -> bool:
    if x in s:
        del s[x]
        return True
    return False


def set_iter(s: dict[Any, None]) -> Iterator[Any]:
    return iter(list(s))


set_into_iter = set_iter


def set_extend(s: dict[Any, None], items: Iterable[Any]) -> None:
    for x in items:
        s.setdefault(x)


def set_retain(s: dict[Any, None], keep: Callable[[Any], bool]) -> None:
    for x in [x for x in s if not keep(x)]:
        del s[x]


def set_union(a: dict[Any, None], b: dict[Any, None]) -> Iterator[Any]:
    """Elements of `a`, then those of `b` not in `a`."""
    return iter([*a, *(x for x in b if x not in a)])


def set_intersection(a: dict[Any, None], b: dict[Any, None]) -> Iterator[Any]:
    return iter([x for x in a if x in b])


def set_difference(a: dict[Any, None], b: dict[Any, None]) -> Iterator[Any]:
    return iter([x for x in a if x not in b])


def set_symmetric_difference(a: dict[Any, None], b: dict[Any, None]) -> Iterator[Any]:
    return iter([*(x for x in a if x not in b), *(x for x in b if x not in a)])


def set_is_subset(a: dict[Any, None], b: dict[Any, None]) -> bool:
    return all(x in b for x in a)


def set_is_superset(a: dict[Any, None], b: dict[Any, None]) -> bool:
    return all(x in a for x in b)


def set_is_disjoint(a: dict[Any, None], b: dict[Any, None]) -> bool:
    return not any(x in b for x in a)


# -- `&mut` access to elements (get_mut, iter_mut, values_mut, the entry API) -------------------------
# Methods marked `#[place]` take a last argument `place`: True when the element type cannot change in
# place (int, Str, tuple, enum), so the `&mut` they hand out is an `ItemRef` to the slot; otherwise the
# element object itself is the `&mut` (a list, dict or struct object mutates in place).


def _slot(obj: Any, key: Any, place: bool) -> Any:
    return ItemRef(obj, key) if place else obj[key]


def vec_item_ref(v: list[Any], i: int) -> ItemRef:
    """`&mut v[i]` of a value-typed element, bounds-checked now (as Rust borrows it now)."""
    if not 0 <= i < len(v):
        panic_index(i, len(v))
    return ItemRef(v, i)


def vec_get_mut(v: list[Any], i: int, place: bool) -> Some | None:
    return Some(_slot(v, i, place)) if 0 <= i < len(v) else None


def vec_first_mut(v: list[Any], place: bool) -> Some | None:
    return Some(_slot(v, 0, place)) if v else None


def vec_last_mut(v: list[Any], place: bool) -> Some | None:
    return Some(_slot(v, len(v) - 1, place)) if v else None


def vec_iter_mut(v: list[Any], place: bool) -> Iterator[Any]:
    """The elements by `&mut`, over the indices the Vec has when iteration starts."""
    if place:
        return map(ItemRef, [v] * len(v), range(len(v)))
    return iter(v.copy())


def map_get_mut(m: dict[Any, Any], k: Any, place: bool) -> Some | None:
    return Some(_slot(m, k, place)) if k in m else None


def map_values_mut(m: dict[Any, Any], place: bool) -> Iterator[Any]:
    if place:
        return map(ItemRef, [m] * len(m), list(m))
    return iter(list(m.values()))


def map_iter_mut(m: dict[Any, Any], place: bool) -> Iterator[tuple[Any, Any]]:
    if place:
        return iter([(k, ItemRef(m, k)) for k in m])
    return iter(list(m.items()))


# An `Entry<K, V>` is the pair (map, key): `m.entry(k)` only names the slot, the methods fill it.


def map_entry(m: dict[Any, Any], k: Any) -> tuple[dict[Any, Any], Any]:
    return (m, k)


def entry_key(e: tuple[dict[Any, Any], Any]) -> Any:
    return e[1]


def entry_or_insert(e: tuple[dict[Any, Any], Any], v: Any, place: bool) -> Any:
    m, k = e
    found = m.setdefault(k, v)
    return ItemRef(m, k) if place else found


def entry_or_default(e: tuple[dict[Any, Any], Any], place: bool, default: Any) -> Any:
    """`or_default()`: the generated code passes `V::default()` (a fresh value each call)."""
    return entry_or_insert(e, default, place)


def entry_or_insert_with(e: tuple[dict[Any, Any], Any], make: Callable[[], Any], place: bool) -> Any:
    m, k = e
    if k not in m:
        m[k] = make()
    return _slot(m, k, place)


def entry_and_modify(e: tuple[dict[Any, Any], Any], f: Callable[[Any], Any], place: bool) -> tuple[dict[Any, Any], Any]:
    m, k = e
    if k in m:
        f(_slot(m, k, place))
    return e
