"""Iter<T> is any Python iterable (usually an iterator); adapters are lazy, like Rust's.

`collect` is driven by a target kind the code generator passes (it knows the inferred type):
"vec", "set", "map", "str", "option_vec", "result_vec". `sum`/`product` wrap at the element
width (`#[width]`: `bits, signed`, with `signed` None for floats). `min`/`max` follow Rust: `min`
returns the first minimum, `max` the last maximum. A Range value is a Python `range`.
The classic free functions (`iter_map(xs, f)`, ...) take and return Vecs.
"""

from __future__ import annotations

import operator
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import cmp_to_key, reduce
from itertools import chain, dropwhile, islice, takewhile

from vais.runtime.floatrepr import f32_round
from vais.runtime.ints import wrap
from vais.runtime.panic import VaisPanic
from vais.runtime.values import Err, Ok, Ordering, Some, cmp_values, ordering_of, sort_key

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    It = Iterable[Any]

_END = object()

# -- adapters ----------------------------------------------------------------------------------------


def iter_next(it: Iterator[Any]) -> Some | None:
    x = next(it, _END)
    return None if x is _END else Some(x)


class Peekable:
    """`it.peekable()`: an iterator with a one-item lookahead (`ahead`, `_END` when none is held)."""

    __slots__ = ("ahead", "it")

    def __init__(self, it: It) -> None:
        self.it = iter(it)
        self.ahead: Any = _END

    def __iter__(self) -> Peekable:
        return self

    def __next__(self) -> Any:
        x = self.ahead
        if x is _END:
            return next(self.it)
        self.ahead = _END
        return x


iter_peekable = Peekable


def peekable_peek(p: Peekable) -> Some | None:
    if p.ahead is _END:
        p.ahead = next(p.it, _END)
    return None if p.ahead is _END else Some(p.ahead)


def peekable_next(p: Peekable) -> Some | None:
    x = next(p, _END)
    return None if x is _END else Some(x)


def peekable_next_if(p: Peekable, pred: Callable[[Any], bool]) -> Some | None:
    """The next item when `pred` accepts it (it is then consumed), else None."""
    x = peekable_peek(p)
    if x is not None and pred(x.value):
        p.ahead = _END
        return x
    return None


def user_iter(state: Any, next_fn: Callable[[Any], Some | None]) -> Iterator[Any]:
    """A user iterator as an Iter: call its `next` (the generated method, on `state`) until `None`."""
    while (item := next_fn(state)) is not None:
        yield item.value


def iter_map(it: It, f: Callable[[Any], Any]) -> Iterator[Any]:
    return map(f, it)


def iter_filter(it: It, pred: Callable[[Any], bool]) -> Iterator[Any]:
    return filter(pred, it)


def iter_filter_map(it: It, f: Callable[[Any], Some | None]) -> Iterator[Any]:
    return (r.value for r in map(f, it) if r is not None)


iter_enumerate = enumerate
iter_zip = zip


def iter_chain(a: It, b: It) -> Iterator[Any]:
    return chain(a, b)


def iter_take(it: It, n: int) -> Iterator[Any]:
    return islice(it, max(n, 0))


def iter_skip(it: It, n: int) -> Iterator[Any]:
    return islice(it, max(n, 0), None)


def iter_step_by(it: It, step: int) -> Iterator[Any]:
    if step <= 0:
        raise VaisPanic("assertion failed: step != 0")
    return islice(it, 0, None, step)


def iter_rev(it: It) -> Iterator[Any]:
    try:
        return reversed(it)  # type: ignore[call-overload]
    except TypeError:
        return reversed(list(it))


def iter_take_while(it: It, pred: Callable[[Any], bool]) -> Iterator[Any]:
    return takewhile(pred, it)


def iter_skip_while(it: It, pred: Callable[[Any], bool]) -> Iterator[Any]:
    return dropwhile(pred, it)


def iter_flat_map(it: It, f: Callable[[Any], It]) -> Iterator[Any]:
    """`f` may return any iterable, also an Option or Result (its payload, if any: Rust's
    `.flat_map(|s| s.parse().ok())`)."""
    for x in it:
        r = f(x)
        if r is None or r.__class__ is Err:
            continue
        if r.__class__ is Some or r.__class__ is Ok:
            yield r.value
        else:
            yield from r


def iter_flatten(it: It) -> Iterator[Any]:
    return chain.from_iterable(it)


def iter_option_flatten(it: It) -> Iterator[Any]:
    """`Iter<Option<T>>::flatten`: the payloads of the `Some`s."""
    return (o.value for o in it if o is not None)


def iter_inspect(it: It, f: Callable[[Any], None]) -> Iterator[Any]:
    def inspect(x: Any) -> Any:
        f(x)
        return x
    return map(inspect, it)


def iter_cycle(it: It) -> Iterator[Any]:
    from itertools import cycle

    return cycle(it)


def iter_copied(it: It) -> It:
    return it


iter_cloned = iter_copied


# -- consumers -----------------------------------------------------------------------------------------

def iter_fold(it: It, init: Any, f: Callable[[Any, Any], Any]) -> Any:
    return reduce(f, it, init)


def iter_reduce(it: It, f: Callable[[Any, Any], Any]) -> Some | None:
    it = iter(it)
    first = next(it, _END)
    return None if first is _END else Some(reduce(f, it, first))


def iter_for_each(it: It, f: Callable[[Any], None]) -> None:
    for x in it:
        f(x)


def iter_sum(it: It, bits: int, signed: bool | None) -> Any:
    """Sum wrapping at the element width; floats add left to right (no compensated summation)."""
    if signed is None:
        total = reduce(operator.add, it, 0.0)
        return total if bits == 64 else f32_round(total)
    return wrap(sum(it), bits, signed)


def iter_product(it: It, bits: int, signed: bool | None) -> Any:
    if signed is None:
        total = reduce(operator.mul, it, 1.0)
        return total if bits == 64 else f32_round(total)
    mask = (1 << bits) - 1
    p = 1
    for x in it:
        p = (p * x) & mask  # stays small however long the iterator is
    return wrap(p, bits, signed)


def iter_count(it: It) -> int:
    if isinstance(it, (list, range, str, dict)):
        return len(it)
    return sum(1 for _ in it)


def iter_last(it: It) -> Some | None:
    tail = deque(it, maxlen=1)
    return Some(tail[0]) if tail else None


def iter_nth(it: It, n: int) -> Some | None:
    if n < 0:
        return None
    x = next(islice(it, n, None), _END)
    return None if x is _END else Some(x)


def iter_any(it: It, pred: Callable[[Any], bool]) -> bool:
    return any(map(pred, it))


def iter_all(it: It, pred: Callable[[Any], bool]) -> bool:
    return all(map(pred, it))


def iter_find(it: It, pred: Callable[[Any], bool]) -> Some | None:
    for x in it:
        if pred(x):
            return Some(x)
    return None


def iter_find_map(it: It, f: Callable[[Any], Some | None]) -> Some | None:
    for x in it:
        r = f(x)
        if r is not None:
            return r
    return None


def iter_position(it: It, pred: Callable[[Any], bool]) -> Some | None:
    for i, x in enumerate(it):
        if pred(x):
            return Some(i)
    return None


def _extreme(items: list[Any], key: Callable[[Any], Any] | None, last: bool) -> Some | None:
    """First minimum (`last` False, `min`) or last maximum (`last` True, `max`), like Rust."""
    if not items:
        return None
    pick = max if last else min
    seq = reversed(items) if last else items
    try:
        return Some(pick(seq, key=key) if key else pick(seq))
    except TypeError:  # elements hold None (Option, `()`): order them by a sortable key
        seq = reversed(items) if last else items
        return Some(pick(seq, key=(lambda x: sort_key(key(x))) if key else sort_key))


def iter_min(it: It) -> Some | None:
    return _extreme(list(it), None, False)


def iter_max(it: It) -> Some | None:
    return _extreme(list(it), None, True)


def iter_min_by_key(it: It, key: Callable[[Any], Any]) -> Some | None:
    return _extreme(list(it), key, False)


def iter_max_by_key(it: It, key: Callable[[Any], Any]) -> Some | None:
    return _extreme(list(it), key, True)


def iter_min_by(it: It, cmp: Callable[[Any, Any], Ordering]) -> Some | None:
    return _extreme(list(it), cmp_to_key(lambda a, b: cmp(a, b).value), False)


def iter_max_by(it: It, cmp: Callable[[Any, Any], Ordering]) -> Some | None:
    return _extreme(list(it), cmp_to_key(lambda a, b: cmp(a, b).value), True)


def iter_partition(it: It, pred: Callable[[Any], bool]) -> tuple[list[Any], list[Any]]:
    yes: list[Any] = []
    no: list[Any] = []
    for x in it:
        (yes if pred(x) else no).append(x)
    return yes, no


def iter_unzip(it: It) -> tuple[list[Any], list[Any]]:
    left: list[Any] = []
    right: list[Any] = []
    for a, b in it:
        left.append(a)
        right.append(b)
    return left, right


def _collect_wrapped(it: It, fail: type) -> Any:
    """Collect Option/Result elements into Some/Ok(Vec), stopping at the first None/Err."""
    out = []
    for x in it:
        if x is None or x.__class__ is fail:
            return x
        out.append(x.value)
    return Ok(out) if fail is Err else Some(out)


_COLLECTORS: dict[str, Callable[[It], Any]] = {
    "vec": list,
    "set": dict.fromkeys,
    "map": dict,
    "str": "".join,
    "option_vec": lambda it: _collect_wrapped(it, type(None)),
    "result_vec": lambda it: _collect_wrapped(it, Err),
}


def iter_collect(it: It, target: str) -> Any:
    """Collect into the target kind: Vec, HashSet, HashMap (from pairs), Str (from chars or Strs),
    Option<Vec<T>> from Options, Result<Vec<T>, E> from Results."""
    return _COLLECTORS[target](it)


# -- Range (a Python range) ----------------------------------------------------------------------------

def char_range(start: str, end: str, inclusive: bool = False) -> Iterator[str]:
    """A range of chars (`'a'..='z'`): Python's `range` holds ints only."""
    return map(chr, range(ord(start), ord(end) + inclusive))


def range_contains(r: range, x: int) -> bool:
    return x in r


range_len = len


def range_is_empty(r: range) -> bool:
    return not r


def range_iter(r: range) -> Iterator[int]:
    return iter(r)


def range_rev(r: range) -> Iterator[int]:
    return reversed(r)


def range_step_by(r: range, step: int) -> Iterator[int]:
    if step <= 0:
        raise VaisPanic("assertion failed: step != 0")
    return iter(r[::step])


# -- the classic free functions: Vec in, Vec out ----------------------------------------------------------

def fn_iter_map(xs: It, f: Callable[[Any], Any]) -> list[Any]:
    return list(map(f, xs))


def fn_iter_filter(xs: It, pred: Callable[[Any], bool]) -> list[Any]:
    return list(filter(pred, xs))


def fn_iter_take(xs: It, n: int) -> list[Any]:
    return list(iter_take(xs, n))


def fn_iter_skip(xs: It, n: int) -> list[Any]:
    return list(iter_skip(xs, n))


def fn_iter_chain(a: It, b: It) -> list[Any]:
    return [*a, *b]


def fn_iter_zip(a: It, b: It) -> list[tuple[Any, Any]]:
    return list(zip(a, b, strict=False))


def fn_iter_enumerate(xs: It) -> list[tuple[int, Any]]:
    return list(enumerate(xs))


# -- comparing two iterators element by element (Rust's Iterator::eq, cmp, lt, ...) --------------------


def iter_eq(a: It, b: It) -> bool:
    return list(a) == list(b)


def iter_ne(a: It, b: It) -> bool:
    return list(a) != list(b)


def iter_cmp(a: It, b: It) -> Ordering:
    return ordering_of(cmp_values(list(a), list(b)))


def iter_lt(a: It, b: It) -> bool:
    return cmp_values(list(a), list(b)) < 0


def iter_le(a: It, b: It) -> bool:
    return cmp_values(list(a), list(b)) <= 0


def iter_gt(a: It, b: It) -> bool:
    return cmp_values(list(a), list(b)) > 0


def iter_ge(a: It, b: It) -> bool:
    return cmp_values(list(a), list(b)) >= 0
