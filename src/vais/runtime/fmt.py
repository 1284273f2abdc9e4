"""Formatting driven by static types (language.md sections 7 and 10).

A value's text depends on its static type (`'a'` vs `"a"` inside a container, `()` vs `None`,
struct names, user `Display` impls), so the code generator builds one *descriptor* per printed type
once, at module load, and calls it:

    desc.display(v)   `{v}`, `Str(v)`, `println("{}", v)`
    desc.debug(v)     `{v:?}` and elements inside containers
    desc.spec(v, sp)  `{v:<spec>}` with a parsed `Spec` (see `format_spec`)

Leaves (numbers, bool, char, Str, (), Error, Duration, unit variants) take width, fill, alignment
and precision themselves; composites (Vec, tuples, maps, sets, Option, Result, structs, enums) pass
the spec on to their leaves, like Rust's derived Debug (`{v:.2}` prints `[1.50, 2.00]`).
Display of a composite is its Debug form.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from itertools import repeat

from vais.runtime.floatrepr import exp_str, float_str
from vais.runtime.values import Duration, Err, Ok, Ordering, Some, VaisError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# -- format specs ---------------------------------------------------------------------------------------

_KINDS = {"", "?", "x", "X", "b", "o", "e", "E", "x?", "X?"}


class Spec:
    """A parsed `[[fill]align][sign][#][0][width][.precision][type]` (Rust's std::fmt grammar)."""

    __slots__ = ("align", "alt", "child", "debug", "fill", "kind", "plus", "precision", "pretty", "sub", "width",
                 "zero")

    def __init__(self, fill: str = " ", align: str = "", plus: bool = False, alt: bool = False,
                 zero: bool = False, width: int = 0, precision: int | None = None, kind: str = "",
                 pretty: bool | None = None):
        self.fill, self.align, self.plus, self.alt, self.zero = fill, align, plus, alt, zero
        self.width, self.precision = width, precision
        self.debug = kind.endswith("?")
        self.kind = kind.rstrip("?")  # radix or exponent: "", "x", "X", "b", "o", "e", "E"
        self.pretty = alt and self.debug if pretty is None else pretty  # `{:#?}`: multi-line layout
        # elements of a composite are formatted with the same flags, in Debug mode
        self.child = self if self.debug else Spec(fill, align, plus, alt, zero, width, precision, kind + "?",
                                                  self.pretty)
        child = self.child
        self.sub: Callable[[Fmt, Any], str] = lambda d, x: d.spec(x, child)


_SPECS: dict[str, Spec] = {}


def parse_spec(text: str) -> Spec:
    """Parse the text after a hole's `:`; raises ValueError naming the problem (cached)."""
    spec = _SPECS.get(text)
    if spec is None:
        spec = _SPECS[text] = _parse_spec(text)
    return spec


def _parse_spec(text: str) -> Spec:
    i, n = 0, len(text)
    fill, align = " ", ""
    if n >= 2 and text[1] in "<^>":
        fill, align, i = text[0], text[1], 2
    elif n >= 1 and text[0] in "<^>":
        align, i = text[0], 1
    plus = i < n and text[i] == "+"
    i += i < n and text[i] in "+-"
    alt = i < n and text[i] == "#"
    i += alt
    zero = i < n and text[i] == "0"
    i += zero
    start = i
    while i < n and text[i].isdigit():
        i += 1
    width = int(text[start:i]) if i > start else 0
    precision = None
    if i < n and text[i] == ".":
        start = i = i + 1
        while i < n and text[i].isdigit():
            i += 1
        if i == start:
            raise ValueError(f"invalid format spec `{text}`: expected digits after `.`")
        precision = int(text[start:i])
    kind = text[i:]
    if kind not in _KINDS:
        raise ValueError(f"invalid format spec `{text}`: unknown format type `{kind}` "
                         "(expected one of `?`, `x`, `X`, `b`, `o`, `e`, `E`)")
    return Spec(fill, align, plus, alt, zero, width, precision, kind)


def _pad(s: str, sp: Spec, default_align: str) -> str:
    n = sp.width - len(s)
    if n <= 0:
        return s
    align = sp.align or default_align
    if align == ">":
        return sp.fill * n + s
    if align == "<":
        return s + sp.fill * n
    return sp.fill * (n // 2) + s + sp.fill * (n - n // 2)


def _numeric(sign: str, prefix: str, digits: str, sp: Spec) -> str:
    """Numbers align right; `0` pads with zeros after the sign and radix prefix (`-00042`, `0x00ff`)."""
    if sp.zero:
        return sign + prefix + digits.rjust(sp.width - len(sign) - len(prefix), "0")
    return _pad(sign + prefix + digits, sp, ">")


# -- text helpers -----------------------------------------------------------------------------------------

_STR_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}
_CHAR_ESCAPES = {**{k: v for k, v in _STR_ESCAPES.items() if k != '"'}, "'": "\\'"}


def _escape(c: str, table: dict[str, str]) -> str:
    esc = table.get(c)
    if esc is not None:
        return esc
    return c if c.isprintable() else f"\\u{{{ord(c):x}}}"


def quote_str(s: str) -> str:
    """Debug of a Str: double quotes, `\\n`-style escapes, `\\u{..}` for unprintable characters."""
    if s.isprintable() and '"' not in s and "\\" not in s:
        return f'"{s}"'
    return '"' + "".join([_escape(c, _STR_ESCAPES) for c in s]) + '"'


def quote_char(c: str) -> str:
    return "'" + _escape(c, _CHAR_ESCAPES) + "'"


def duration_str(d: Duration, precision: int | None = None) -> str:
    """Rust's Duration Debug: the largest unit that is at least 1 (`1.5s`, `250ms`, `10µs`, `0ns`)."""
    n = d.nanos
    for div, unit in ((1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "µs")):
        if n >= div:
            return _decimal(n // div, n % div, len(str(div)) - 1, precision) + unit
    return _decimal(n, 0, 0, precision) + "ns"


def _decimal(whole: int, frac: int, frac_digits: int, precision: int | None) -> str:
    if precision is None:
        text = str(frac).rjust(frac_digits, "0").rstrip("0") if frac_digits else ""
        return f"{whole}.{text}" if text else str(whole)
    if precision < frac_digits:  # round half up, as Rust does
        scale = 10 ** (frac_digits - precision)
        frac, rest = divmod(frac, scale)
        if rest * 2 >= scale:
            frac += 1
        if frac == 10 ** precision:
            whole, frac = whole + 1, 0
        frac_digits = precision
    text = str(frac).rjust(frac_digits, "0")[:precision].ljust(precision, "0") if frac_digits else "0" * precision
    return f"{whole}.{text}" if precision else str(whole)


# -- descriptors: leaves --------------------------------------------------------------------------------

class Fmt:
    """Base descriptor. Subclasses define `debug`; `display` defaults to it."""

    __slots__ = ()

    def display(self, v: Any) -> str:
        return self.debug(v)

    def debug(self, v: Any) -> str:
        raise NotImplementedError

    def spec(self, v: Any, sp: Spec) -> str:
        raise NotImplementedError


class _Text(Fmt):
    """A leaf printed as text: left-aligned by default, precision truncates its Display form."""

    __slots__ = ()

    def spec(self, v: Any, sp: Spec) -> str:
        if sp.debug:
            return _pad(self.debug(v), sp, "<")
        s = self.display(v)
        if sp.precision is not None:
            s = s[: sp.precision]
        return _pad(s, sp, "<")


class IntFmt(Fmt):
    """Any integer type; `bits` gives the two's complement width of radix output (`{-1:x}`)."""

    __slots__ = ("bits", "signed")
    _PREFIX = {"x": "0x", "X": "0x", "b": "0b", "o": "0o"}

    def __init__(self, bits: int = 64, signed: bool = True):
        self.bits, self.signed = bits, signed

    display = debug = staticmethod(str)  # type: ignore[assignment]

    def spec(self, v: int, sp: Spec) -> str:
        kind = sp.kind
        if kind in self._PREFIX:
            if v < 0:
                v &= (1 << self.bits) - 1
            return _numeric("+" if sp.plus else "", self._PREFIX[kind] if sp.alt else "", format(v, kind), sp)
        digits = _int_exp(abs(v), sp.precision, kind == "E") if kind else str(abs(v))
        return _numeric("-" if v < 0 else "+" if sp.plus else "", "", digits, sp)


def _int_exp(n: int, precision: int | None, upper: bool) -> str:
    """`{:e}` of an integer (exact: `1234` -> `1.234e3`)."""
    if precision is None:
        s = str(n)
        digits = s.rstrip("0") or "0"
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{mantissa}{'E' if upper else 'e'}{len(s) - 1}"
    from decimal import Decimal

    mantissa, _, e = format(Decimal(n), f".{precision}e").partition("e")
    return f"{mantissa}{'E' if upper else 'e'}{int(e)}"


class FloatFmt(Fmt):
    __slots__ = ("bits",)

    def __init__(self, bits: int = 64):
        self.bits = bits

    def debug(self, v: float) -> str:
        return float_str(v, self.bits)

    def spec(self, v: float, sp: Spec) -> str:
        if v != v:
            return _numeric("", "", "NaN", sp)
        neg = math.copysign(1.0, v) < 0
        a = -v if neg else v
        if a == math.inf:
            body = "inf"
        elif sp.kind in ("e", "E"):
            body = exp_str(a, self.bits, sp.precision, sp.kind == "E")
        elif sp.precision is not None:
            body = format(a, f".{sp.precision}f")  # rounds the exact binary value, ties to even
        else:
            body = float_str(a, self.bits)
        return _numeric("-" if neg else "+" if sp.plus else "", "", body, sp)


class BoolFmt(_Text):
    __slots__ = ()

    def debug(self, v: bool) -> str:
        return "true" if v else "false"


class CharFmt(_Text):
    __slots__ = ()

    def display(self, v: str) -> str:
        return v

    debug = staticmethod(quote_char)  # type: ignore[assignment]


class StrFmt(_Text):
    __slots__ = ()

    def display(self, v: str) -> str:
        return v

    debug = staticmethod(quote_str)  # type: ignore[assignment]


class UnitFmt(_Text):
    __slots__ = ()

    def debug(self, v: None) -> str:
        return "()"


class ErrorFmt(_Text):
    """The std Error: its message with `{e}`, `Error("message")` with `{e:?}` and in containers."""

    __slots__ = ()

    def display(self, v: VaisError) -> str:
        return v.message

    def debug(self, v: VaisError) -> str:
        return f"Error({quote_str(v.message)})"


class DurationFmt(_Text):
    __slots__ = ()

    def debug(self, v: Duration) -> str:
        return duration_str(v)

    def spec(self, v: Duration, sp: Spec) -> str:
        return _pad(duration_str(v, sp.precision), sp, "<")


class NameFmt(_Text):
    """Values shown by a fixed or intrinsic name: Ordering (`Less`), Instant, File, Rng, fn values."""

    __slots__ = ("name",)

    def __init__(self, name: str | None = None):
        self.name = name

    def debug(self, v: Any) -> str:
        return self.name if self.name is not None else repr(v)


class RangeFmt(_Text):
    """A Range value (a Python `range`): `0..10`."""

    __slots__ = ()

    def debug(self, v: range) -> str:
        return f"{v.start}..{v.stop}"


# -- descriptors: composites ----------------------------------------------------------------------------

def _debug_sub(d: Fmt, x: Any) -> str:
    return d.debug(x)


def _seq(open_: str, items: list[str], close: str, pretty: bool) -> str:
    """`open_ a, b close`, or Rust's `{:#?}` layout: one item per line, indented 4, trailing commas."""
    if not pretty or not items:
        return open_ + ", ".join(items) + close
    body = "".join(["    " + item.replace("\n", "\n    ") + ",\n" for item in items])
    return f"{open_.rstrip()}\n{body}{close.lstrip()}"


class _Composite(Fmt):
    """Rendered by `render(v, sub, pretty)`: `sub(desc, element)` formats one element, `pretty`
    selects the multi-line `{:#?}` layout."""

    __slots__ = ()

    def debug(self, v: Any) -> str:
        return self.render(v, _debug_sub, False)

    def spec(self, v: Any, sp: Spec) -> str:
        return self.render(v, sp.sub, sp.pretty)

    def render(self, v: Any, sub: Callable[[Fmt, Any], str], pretty: bool) -> str:
        raise NotImplementedError


class VecFmt(_Composite):
    """Vec, arrays and slices: `[1, 2, 3]`."""

    __slots__ = ("elem",)

    def __init__(self, elem: Fmt):
        self.elem = elem

    def render(self, v: Iterable[Any], sub: Callable[[Fmt, Any], str], pretty: bool) -> str:
        e = self.elem
        if sub is _debug_sub:
            return "[" + ", ".join(map(e.debug, v)) + "]"
        return _seq("[", [sub(e, x) for x in v], "]", pretty)


class SetFmt(_Composite):
    """HashSet (a dict of element -> None): `{1, 2}` in insertion order."""

    __slots__ = ("elem",)

    def __init__(self, elem: Fmt):
        self.elem = elem

    def render(self, v: dict[Any, None], sub: Callable[[Fmt, Any], str], pretty: bool) -> str:
        e = self.elem
        return _seq("{", [sub(e, x) for x in v], "}", pretty)


class MapFmt(_Composite):
    """HashMap: `{"a": 1, "b": 2}` in insertion order."""

    __slots__ = ("key", "value")

    def __init__(self, key: Fmt, value: Fmt):
        self.key, self.value = key, value

    def render(self, v: dict[Any, Any], sub: Callable[[Fmt, Any], str], pretty: bool) -> str:
        k, d = self.key, self.value
        return _seq("{", [f"{sub(k, a)}: {sub(d, b)}" for a, b in v.items()], "}", pretty)


class TupleFmt(_Composite):
    """Tuples: `(1, "a")`, one-element `(1,)`; `elems` None formats every element duck-typed."""

    __slots__ = ("elems",)

    def __init__(self, elems: list[Fmt] | None):
        self.elems = elems

    def render(self, v: tuple[Any, ...], sub: Callable[[Fmt, Any], str], pretty: bool) -> str:
        descs = self.elems if self.elems is not None else repeat(ANY)
        items = [sub(d, x) for d, x in zip(descs, v, strict=False)]
        return _seq("(", items, ",)" if len(v) == 1 and not pretty else ")", pretty)


class OptionFmt(_Composite):
    __slots__ = ("inner",)

    def __init__(self, inner: Fmt):
        self.inner = inner

    def render(self, v: Some | None, sub: Callable[[Fmt, Any], str], pretty: bool) -> str:
        return "None" if v is None else _seq("Some(", [sub(self.inner, v.value)], ")", pretty)

    def spec(self, v: Some | None, sp: Spec) -> str:
        return _pad("None", sp, "<") if v is None else self.render(v, sp.sub, sp.pretty)


class PlaceFmt(_Composite):
    """A `&mut` of a value type inside a container (`Some(&mut 5)` from `v.get_mut(0)`) is a place
    object (`ItemRef`, `Cell`): it prints as the value it points to, as Rust prints references."""

    __slots__ = ("inner",)

    def __init__(self, inner: Fmt):
        self.inner = inner

    def render(self, v: Any, sub: Callable[[Fmt, Any], str], pretty: bool) -> str:
        return sub(self.inner, v.value)


class ResultFmt(_Composite):
    __slots__ = ("err", "ok")

    def __init__(self, ok: Fmt, err: Fmt):
        self.ok, self.err = ok, err

    def render(self, v: Ok | Err, sub: Callable[[Fmt, Any], str], pretty: bool) -> str:
        if v.__class__ is Ok:
            return _seq("Ok(", [sub(self.ok, v.value)], ")", pretty)
        return _seq("Err(", [sub(self.err, v.value)], ")", pretty)


class StructFmt(_Composite):
    """A struct, tuple struct or enum variant: `Point { x: 1.0, y: 2.0 }`, `Meters(1.5)`, `Red`.

    `fields` are (label, attribute, descriptor) triples; they may be assigned after construction so
    that recursive types can refer to their own descriptor. `tuple` selects the `Name(a, b)` form."""

    __slots__ = ("fields", "name", "tuple")

    def __init__(self, name: str, fields: list[tuple[str, str, Fmt]] | None = None, tuple: bool = False):
        self.name = name
        self.fields = fields if fields is not None else []
        self.tuple = tuple

    def render(self, v: Any, sub: Callable[[Fmt, Any], str], pretty: bool) -> str:
        fields = self.fields
        if not fields:
            return self.name
        if self.tuple:
            return _seq(f"{self.name}(", [sub(d, getattr(v, a)) for _, a, d in fields], ")", pretty)
        items = [f"{label}: {sub(d, getattr(v, a))}" for label, a, d in fields]
        return _seq(f"{self.name} {{ ", items, " }", pretty)

    def spec(self, v: Any, sp: Spec) -> str:
        return self.render(v, sp.sub, sp.pretty) if self.fields else _pad(self.name, sp, "<")


class EnumFmt(Fmt):
    """An enum: `variants` maps each variant's generated class to the StructFmt that prints it
    (filled after construction for recursive enums)."""

    __slots__ = ("name", "variants")

    def __init__(self, name: str, variants: dict[type, StructFmt] | None = None):
        self.name = name
        self.variants = variants if variants is not None else {}

    def debug(self, v: Any) -> str:
        return self.variants[v.__class__].debug(v)

    def spec(self, v: Any, sp: Spec) -> str:
        return self.variants[v.__class__].spec(v, sp)


class UserDisplayFmt(Fmt):
    """A type with a user `Display` impl: `display_fn` (the impl's `fmt`, returning Str) for `{x}`;
    `inner` (the type's structural descriptor) for Debug and inside containers."""

    __slots__ = ("display_fn", "inner")

    def __init__(self, inner: Fmt, display_fn: Callable[[Any], str]):
        self.inner, self.display_fn = inner, display_fn

    def display(self, v: Any) -> str:
        return self.display_fn(v)

    def debug(self, v: Any) -> str:
        return self.inner.debug(v)

    def spec(self, v: Any, sp: Spec) -> str:
        if sp.debug:
            return self.inner.spec(v, sp)
        s = self.display_fn(v)
        return _pad(s if sp.precision is None else s[: sp.precision], sp, "<")


class AnyFmt(Fmt):
    """Duck-typed formatting for values whose static type is unknown here (panic messages,
    `assert_eq` without a descriptor). A 1-char Str prints as a Str; objects use their `repr`."""

    __slots__ = ()

    def display(self, v: Any) -> str:
        return desc_for(v).display(v)

    def debug(self, v: Any) -> str:
        return desc_for(v).debug(v)

    def spec(self, v: Any, sp: Spec) -> str:
        return desc_for(v).spec(v, sp)


I64 = IntFmt(64, True)
F64 = FloatFmt(64)
F32 = FloatFmt(32)
BOOL = BoolFmt()
CHAR = CharFmt()
STR = StrFmt()
UNIT = UnitFmt()
ERROR = ErrorFmt()
DURATION = DurationFmt()
ORDERING = NameFmt()
RANGE = RangeFmt()
ANY = AnyFmt()
_ANY_VEC, _ANY_TUPLE, _ANY_OPTION = VecFmt(ANY), TupleFmt(None), OptionFmt(ANY)
_ANY_RESULT, _ANY_MAP, _ANY_SET = ResultFmt(ANY, ANY), MapFmt(ANY, ANY), SetFmt(ANY)
_INTS: dict[tuple[int, bool], IntFmt] = {}


def int_fmt(bits: int, signed: bool) -> IntFmt:
    """The (shared) descriptor of one integer type."""
    desc = _INTS.get((bits, signed))
    if desc is None:
        desc = _INTS[bits, signed] = IntFmt(bits, signed)
    return desc


_BY_CLASS: dict[type, Fmt] = {
    bool: BOOL, int: I64, float: F64, str: STR, type(None): UNIT, list: _ANY_VEC, tuple: _ANY_TUPLE,
    Some: _ANY_OPTION, Ok: _ANY_RESULT, Err: _ANY_RESULT, VaisError: ERROR, Duration: DURATION,
    Ordering: ORDERING, range: RANGE,
}


def desc_for(v: Any) -> Fmt:
    """A descriptor guessed from a value's Python class (dicts of all-None values print as sets)."""
    desc = _BY_CLASS.get(v.__class__)
    if desc is not None:
        return desc
    if isinstance(v, dict):
        return _ANY_SET if v and all(x is None for x in v.values()) else _ANY_MAP
    return NameFmt()


def debug_any(v: Any) -> str:
    return desc_for(v).debug(v)


def display_any(v: Any) -> str:
    return desc_for(v).display(v)


def format_spec(v: Any, desc: Fmt, spec: Spec | str) -> str:
    """`{v:spec}`: `spec` is a `Spec` (hoisted by the code generator) or the spec text."""
    return desc.spec(v, spec if isinstance(spec, Spec) else parse_spec(spec))


def format_positional(parts: list[str], values: Iterable[Any], descs: Iterable[Fmt | tuple[Fmt, Spec]]) -> str:
    """`format("{} and {:>5}", a, b)`: `parts` are the literal pieces around the holes
    (len(values) + 1 of them); each desc is a descriptor or a (descriptor, Spec) pair."""
    out = [parts[0]]
    for part, v, d in zip(parts[1:], values, descs, strict=True):
        out.append(d[0].spec(v, d[1]) if isinstance(d, tuple) else d.display(v))
        out.append(part)
    return "".join(out)
