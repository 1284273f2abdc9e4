"""Methods of Option (None / `Some`), Result (`Ok` / `Err`), the std Error, Ordering and bool.

`unwrap`/`expect` panic with Rust's messages; an `Err` payload is shown with the duck-typed Debug
formatter (exact for Str, numbers, Error and containers of them; generated types use their repr).
Option's `&mut self` methods (`take`, `replace`, `insert`, `get_or_insert`) are `#[rebind]`: they
return `(new_self, result)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from vais.runtime.fmt import debug_any
from vais.runtime.panic import VaisPanic
from vais.runtime.values import (
    AttrRef,
    Equal,
    Err,
    Greater,
    Less,
    Ok,
    Ordering,
    Some,
    VaisError,
    cmp_values,
    ordering_of,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn

Opt = Some | None
Res = Ok | Err

# -- Option --------------------------------------------------------------------------------------------


def option_is_some(o: Opt) -> bool:
    return o is not None


def option_is_none(o: Opt) -> bool:
    return o is None


def option_is_some_and(o: Opt, pred: Callable[[Any], bool]) -> bool:
    return o is not None and pred(o.value)


def option_is_none_or(o: Opt, pred: Callable[[Any], bool]) -> bool:
    return o is None or pred(o.value)


def option_unwrap(o: Opt) -> Any:
    if o is None:
        raise VaisPanic("called `Option::unwrap()` on a `None` value")
    return o.value


def option_expect(o: Opt, message: str) -> Any:
    if o is None:
        raise VaisPanic(message)
    return o.value


def option_unwrap_or(o: Opt, default: Any) -> Any:
    return default if o is None else o.value


def option_unwrap_or_else(o: Opt, make: Callable[[], Any]) -> Any:
    return make() if o is None else o.value


def option_unwrap_or_default(o: Opt, default: Any) -> Any:
    """`unwrap_or_default`: the backend passes the payload type's default value."""
    return default if o is None else o.value


def option_map(o: Opt, f: Callable[[Any], Any]) -> Opt:
    return None if o is None else Some(f(o.value))


def option_map_or(o: Opt, default: Any, f: Callable[[Any], Any]) -> Any:
    return default if o is None else f(o.value)


def option_map_or_else(o: Opt, make: Callable[[], Any], f: Callable[[Any], Any]) -> Any:
    return make() if o is None else f(o.value)


def option_and_then(o: Opt, f: Callable[[Any], Opt]) -> Opt:
    return None if o is None else f(o.value)


def option_or_else(o: Opt, make: Callable[[], Opt]) -> Opt:
    return make() if o is None else o


def option_xor(o: Opt, other: Opt) -> Opt:
    if o is None:
        return other
    return o if other is None else None


def option_filter(o: Opt, pred: Callable[[Any], bool]) -> Opt:
    return o if o is not None and pred(o.value) else None


def option_ok_or(o: Opt, err: Any) -> Res:
    return Err(err) if o is None else Ok(o.value)


def option_ok_or_else(o: Opt, make: Callable[[], Any]) -> Res:
    return Err(make()) if o is None else Ok(o.value)


def option_zip(o: Opt, other: Opt) -> Opt:
    return None if o is None or other is None else Some((o.value, other.value))


def option_flatten(o: Opt) -> Opt:
    return None if o is None else o.value


def option_iter(o: Opt) -> Iterator[Any]:
    return iter(()) if o is None else iter((o.value,))


def _same(x: Any) -> Any:
    """`as_ref`, `copied`, `cloned` of Option and Result: no-ops under value semantics."""
    return x


option_as_ref = option_copied = option_cloned = _same


def option_as_mut(o: Opt, place: bool) -> Some | None:
    """`&mut` of the payload: a place in the Some for a value type, else the payload object itself."""
    if o is None:
        return None
    return Some(AttrRef(o, "value") if place else o.value)


def option_take(o: Opt) -> tuple[None, Opt]:
    return None, o


def option_replace(o: Opt, value: Any) -> tuple[Some, Opt]:
    return Some(value), o


def option_insert(o: Opt, value: Any) -> tuple[Some, Any]:
    return Some(value), value


def option_get_or_insert(o: Opt, value: Any) -> tuple[Some, Any]:
    return (Some(value), value) if o is None else (o, o.value)


def option_get_or_insert_with(o: Opt, make: Callable[[], Any]) -> tuple[Some, Any]:
    return option_get_or_insert(o, make()) if o is None else (o, o.value)


# -- Result --------------------------------------------------------------------------------------------


def result_is_ok(r: Res) -> bool:
    return r.__class__ is Ok


def result_is_err(r: Res) -> bool:
    return r.__class__ is Err


def result_is_ok_and(r: Res, pred: Callable[[Any], bool]) -> bool:
    return r.__class__ is Ok and pred(r.value)


def result_is_err_and(r: Res, pred: Callable[[Any], bool]) -> bool:
    return r.__class__ is Err and pred(r.value)


def _unwrap_failed(message: str, value: Any) -> NoReturn:
    raise VaisPanic(f"{message}: {debug_any(value)}")


def result_unwrap(r: Res) -> Any:
    if r.__class__ is Err:
        _unwrap_failed("called `Result::unwrap()` on an `Err` value", r.value)
    return r.value


def result_expect(r: Res, message: str) -> Any:
    if r.__class__ is Err:
        _unwrap_failed(message, r.value)
    return r.value


def result_unwrap_err(r: Res) -> Any:
    if r.__class__ is Ok:
        _unwrap_failed("called `Result::unwrap_err()` on an `Ok` value", r.value)
    return r.value


def result_expect_err(r: Res, message: str) -> Any:
    if r.__class__ is Ok:
        _unwrap_failed(message, r.value)
    return r.value


def result_unwrap_or(r: Res, default: Any) -> Any:
    return r.value if r.__class__ is Ok else default


def result_unwrap_or_default(r: Res, default: Any) -> Any:
    """`unwrap_or_default`: the backend passes the payload type's default value."""
    return r.value if r.__class__ is Ok else default


def result_unwrap_or_else(r: Res, f: Callable[[Any], Any]) -> Any:
    return r.value if r.__class__ is Ok else f(r.value)


def result_map(r: Res, f: Callable[[Any], Any]) -> Res:
    return Ok(f(r.value)) if r.__class__ is Ok else r


def result_map_err(r: Res, f: Callable[[Any], Any]) -> Res:
    return Err(f(r.value)) if r.__class__ is Err else r


def result_map_or(r: Res, default: Any, f: Callable[[Any], Any]) -> Any:
    return f(r.value) if r.__class__ is Ok else default


def result_and_then(r: Res, f: Callable[[Any], Res]) -> Res:
    return f(r.value) if r.__class__ is Ok else r


def result_or_else(r: Res, f: Callable[[Any], Res]) -> Res:
    return r if r.__class__ is Ok else f(r.value)


def result_ok(r: Res) -> Opt:
    return Some(r.value) if r.__class__ is Ok else None


def result_err(r: Res) -> Opt:
    return Some(r.value) if r.__class__ is Err else None


def result_iter(r: Res) -> Iterator[Any]:
    return iter((r.value,)) if r.__class__ is Ok else iter(())


result_as_ref = result_copied = result_cloned = _same


# -- Error ---------------------------------------------------------------------------------------------


def error_new(message: str) -> VaisError:
    return VaisError(message)


def error_with_kind(kind: str, message: str) -> VaisError:
    return VaisError(message, kind)


def error_message(e: VaisError) -> str:
    return e.message


def error_kind(e: VaisError) -> str:
    return e.kind


def error_to_string(e: VaisError) -> str:
    return e.message


def error_from(value: Any, desc: Any = None) -> VaisError:
    """The `?` conversion into `Error`: a Str becomes the message; an Error stays itself; any other
    error value keeps its Display text (`desc` is its descriptor) and is kept as `source`."""
    if value.__class__ is str:
        return VaisError(value, source=value)
    if isinstance(value, VaisError):
        return value
    text = desc.display(value) if desc is not None else debug_any(value)
    return VaisError(text, type(value).__name__, value)


# -- Ordering ------------------------------------------------------------------------------------------

_REVERSED = {Less: Greater, Equal: Equal, Greater: Less}


def ord_cmp(a: Any, b: Any) -> Ordering:
    """`a.cmp(b)` for any Ord type."""
    return ordering_of(cmp_values(a, b))


def ordering_reverse(o: Ordering) -> Ordering:
    return _REVERSED[o]


def ordering_then(o: Ordering, other: Ordering) -> Ordering:
    return other if o is Equal else o


def ordering_then_with(o: Ordering, f: Callable[[], Ordering]) -> Ordering:
    return f() if o is Equal else o


def ordering_is_eq(o: Ordering) -> bool:
    return o is Equal


def ordering_is_ne(o: Ordering) -> bool:
    return o is not Equal


def ordering_is_lt(o: Ordering) -> bool:
    return o is Less


def ordering_is_gt(o: Ordering) -> bool:
    return o is Greater


def ordering_is_le(o: Ordering) -> bool:
    return o is not Greater


def ordering_is_ge(o: Ordering) -> bool:
    return o is not Less


# -- bool ----------------------------------------------------------------------------------------------


def bool_then(b: bool, make: Callable[[], Any]) -> Opt:
    return Some(make()) if b else None


def bool_then_some(b: bool, value: Any) -> Opt:
    return Some(value) if b else None


def bool_to_string(b: bool) -> str:
    return "true" if b else "false"


# -- Box / Rc ------------------------------------------------------------------------------------------


def box_new(x: Any) -> Any:
    """`Box::new(x)` and `Rc::new(x)`: a box is its content."""
    return x
