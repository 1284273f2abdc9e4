"""Str: an immutable Python str, indexed by chars (code points).

`len` counts chars and `s[a..b]` slices by chars, so the two always agree; `find` returns char
indices. Patterns (`find`, `split`, `contains`, ...) are a Str or a char — both Python str.
Whitespace is what Python's `str.isspace` says (Unicode White_Space plus U+001C..U+001F).
`&mut self` methods are `#[rebind]`: they return the new string (and the method's result as
`(new_self, result)` when it has one) for the generated code to store back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from vais.runtime.ints import BOUNDS
from vais.runtime.panic import VaisPanic
from vais.runtime.values import Err, Ok, Some, VaisError

# -- indexing helpers for generated code ------------------------------------------------------------


def _show(s: str) -> str:
    return s if len(s) <= 64 else s[:61] + "[...]"


def slice_str(s: str, start: int | None, end: int | None) -> str:
    """`s[a..b]` (None for an open end), by chars, with Rust-worded bounds panics."""
    n = len(s)
    a = 0 if start is None else start
    b = n if end is None else end
    if 0 <= a <= b <= n:
        return s[a:b]
    if not 0 <= a <= n or not 0 <= b <= n:
        bad = a if not 0 <= a <= n else b
        raise VaisPanic(f"char index {bad} is out of bounds of `{_show(s)}`")
    raise VaisPanic(f"begin <= end ({a} <= {b}) when slicing `{_show(s)}`")


def str_char_at(s: str, i: int) -> str:
    if 0 <= i < len(s):
        return s[i]
    raise VaisPanic(f"char index {i} is out of bounds of `{_show(s)}`")


def str_substring(s: str, start: int, end: int) -> str:
    return slice_str(s, start, end)


# -- queries -----------------------------------------------------------------------------------------

str_len = len
fn_strlen = len


def str_is_empty(s: str) -> bool:
    return not s


def str_byte_len(s: str) -> int:
    return len(s.encode("utf-8", "surrogatepass"))


def str_chars(s: str) -> Iterator[str]:
    return iter(s)


def str_char_indices(s: str) -> Iterator[tuple[int, str]]:
    return enumerate(s)


def str_bytes(s: str) -> Iterator[int]:
    return iter(s.encode("utf-8", "surrogatepass"))


def str_as_bytes(s: str) -> list[int]:
    return list(s.encode("utf-8", "surrogatepass"))


def str_contains(s: str, pat: str) -> bool:
    return pat in s


def str_starts_with(s: str, pat: str) -> bool:
    return s.startswith(pat)


def str_ends_with(s: str, pat: str) -> bool:
    return s.endswith(pat)


def str_find(s: str, pat: str) -> Some | None:
    i = s.find(pat)
    return None if i < 0 else Some(i)


def str_rfind(s: str, pat: str) -> Some | None:
    i = s.rfind(pat)
    return None if i < 0 else Some(i)


def str_matches(s: str, pat: str) -> Iterator[str]:
    """Each non-overlapping occurrence of `pat`."""
    return iter([pat] * s.count(pat)) if pat else iter([""] * (len(s) + 1))


def str_eq_ignore_ascii_case(a: str, b: str) -> bool:
    return str_to_ascii_lowercase(a) == str_to_ascii_lowercase(b)


def str_is_ascii(s: str) -> bool:
    return s.isascii()



# -- splitting -----------------------------------------------------------------------------------------

def _split(s: str, pat: str) -> list[str]:
    return s.split(pat) if pat else ["", *s, ""]


def str_split(s: str, pat: str) -> Iterator[str]:
    return iter(_split(s, pat))


def str_rsplit(s: str, pat: str) -> Iterator[str]:
    return reversed(_split(s, pat))


def str_splitn(s: str, n: int, pat: str) -> Iterator[str]:
    """At most `n` pieces; the last holds the rest of the string."""
    if n <= 0:
        return iter(())
    return iter(s.split(pat, n - 1) if pat else _split(s, pat)[:n])


def str_split_at(s: str, mid: int) -> tuple[str, str]:
    """The chars before and from char index `mid` (panics past the end)."""
    return slice_str(s, None, mid), s[mid:]


def str_split_once(s: str, pat: str) -> Some | None:
    head, found, tail = s.partition(pat)
    return Some((head, tail)) if found else None


def str_rsplit_once(s: str, pat: str) -> Some | None:
    head, found, tail = s.rpartition(pat)
    return Some((head, tail)) if found else None


def str_split_whitespace(s: str) -> Iterator[str]:
    return iter(s.split())


def str_lines(s: str) -> Iterator[str]:
    """Lines split at `\\n` (a trailing `\\r` is dropped); no empty last line after a final newline."""
    if not s:
        return iter(())
    lines = s.split("\n")
    if lines[-1] == "":
        lines.pop()
    return iter([x[:-1] if x.endswith("\r") else x for x in lines])


# -- transformations -------------------------------------------------------------------------------------

def str_trim(s: str) -> str:
    return s.strip()


def str_trim_start(s: str) -> str:
    return s.lstrip()


def str_trim_end(s: str) -> str:
    return s.rstrip()


def str_trim_start_matches(s: str, pat: str) -> str:
    if pat:
        while s.startswith(pat):
            s = s[len(pat):]
    return s


def str_trim_end_matches(s: str, pat: str) -> str:
    if pat:
        while s.endswith(pat):
            s = s[: -len(pat)]
    return s


def str_trim_matches(s: str, pat: str) -> str:
    return str_trim_end_matches(str_trim_start_matches(s, pat), pat)


def str_strip_prefix(s: str, prefix: str) -> Some | None:
    return Some(s[len(prefix):]) if s.startswith(prefix) else None


def str_strip_suffix(s: str, suffix: str) -> Some | None:
    return Some(s[: len(s) - len(suffix)]) if s.endswith(suffix) else None


def str_replace(s: str, old: str, new: str) -> str:
    return s.replace(old, new)


def str_replacen(s: str, old: str, new: str, n: int) -> str:
    return s.replace(old, new, max(n, 0))


def str_to_upper(s: str) -> str:
    return s.upper()


def str_to_lower(s: str) -> str:
    return s.lower()


str_to_uppercase = str_to_upper
str_to_lowercase = str_to_lower

_ASCII_UPPER = {c: c - 32 for c in range(ord("a"), ord("z") + 1)}
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def str_to_ascii_uppercase(s: str) -> str:
    return s.translate(_ASCII_UPPER)


def str_to_ascii_lowercase(s: str) -> str:
    return s.translate(_ASCII_LOWER)


def str_repeat(s: str, n: int) -> str:
    if n < 0:
        raise VaisPanic(f"repeat count {n} is negative")
    return s * n


def str_to_string(s: str) -> str:
    return s


str_to_owned = str_as_str = str_to_string  # Rust's `s.to_owned()`, `s.as_str()`: the Str itself
str_into_bytes = str_as_bytes


def str_new() -> str:
    return ""


def str_with_capacity(n: int) -> str:
    return ""


def str_from(s: str) -> str:
    return s


def str_from_utf8(data: list[int]) -> Ok | Err:
    try:
        return Ok(bytes(data).decode("utf-8"))
    except UnicodeDecodeError as e:
        return Err(VaisError(f"invalid utf-8 sequence of {e.end - e.start} bytes from index {e.start}",
                             "InvalidData"))
    except ValueError:
        return Err(VaisError("byte values must be in 0..=255", "InvalidData"))


def str_from_chars(chars: list[str]) -> str:
    return "".join(chars)


# -- `&mut self` methods (#[rebind]) ---------------------------------------------------------------------

def str_push_str(s: str, t: str) -> str:
    return s + t


str_push = str_push_str


def str_pop(s: str) -> tuple[str, Some | None]:
    return (s[:-1], Some(s[-1])) if s else (s, None)


def str_insert(s: str, i: int, t: str) -> str:
    if not 0 <= i <= len(s):
        raise VaisPanic(f"insertion index (is {i}) should be <= len (is {len(s)})")
    return s[:i] + t + s[i:]


str_insert_str = str_insert


def str_remove(s: str, i: int) -> tuple[str, str]:
    if not 0 <= i < len(s):
        raise VaisPanic(f"removal index (is {i}) should be < len (is {len(s)})")
    return s[:i] + s[i + 1:], s[i]


def str_clear(s: str) -> str:
    return ""


def str_truncate(s: str, n: int) -> str:
    return s[: max(n, 0)]


# -- parse -------------------------------------------------------------------------------------------------

_INT_TARGETS = {
    **{f"i{b}": (b, True) for b in (8, 16, 32, 64, 128)},
    **{f"u{b}": (b, False) for b in (8, 16, 32, 64, 128)},
    "isize": (64, True), "usize": (64, False),
}
_FLOAT_WORDS = {"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", "+nan", "-nan"}
_FLOAT_CHARS = frozenset("0123456789+-.eE")


def _parse_error(message: str) -> Err:
    return Err(VaisError(message, "ParseError"))


def _parse_int(s: str, bits: int, signed: bool, radix: int = 10) -> Ok | Err:
    if not s:
        return _parse_error("cannot parse integer from empty string")
    digits = s[1:] if s[0] in "+-" else s
    valid = digits.isascii() and (digits.isdigit() if radix == 10 else bool(digits) and all(
        c.isalnum() and int(c, 36) < radix for c in digits))
    if not valid or (s[0] == "-" and not signed):
        return _parse_error("invalid digit found in string")
    n = int(s, radix)
    lo, hi = BOUNDS[bits, signed]
    if n > hi:
        return _parse_error("number too large to fit in target type")
    if n < lo:
        return _parse_error("number too small to fit in target type")
    return Ok(n)


def _parse_float(s: str, bits: int) -> Ok | Err:
    if not s:
        return _parse_error("cannot parse float from empty string")
    if s.lower() not in _FLOAT_WORDS and not _FLOAT_CHARS.issuperset(s):
        return _parse_error("invalid float literal")
    try:
        x = float(s)
    except ValueError:
        return _parse_error("invalid float literal")
    if bits == 32:
        from vais.runtime.floatrepr import f32_round

        x = f32_round(x)
    return Ok(x)


def str_parse(s: str, target: str) -> Ok | Err:
    """`s.parse()` into the built-in type named `target` (`"i64"`, `"u8"`, `"f64"`, `"bool"`,
    `"char"`, `"Str"`), as Rust's `FromStr` does: no surrounding whitespace, no `_`, an optional
    sign. Errors are `Error`s of kind `ParseError` with Rust's messages."""
    width = _INT_TARGETS.get(target)
    if width is not None:
        return _parse_int(s, *width)
    if target in ("f64", "f32"):
        return _parse_float(s, 64 if target == "f64" else 32)
    if target == "bool":
        if s in ("true", "false"):
            return Ok(s == "true")
        return _parse_error("provided string was not `true` or `false`")
    if target == "char":
        if len(s) == 1:
            return Ok(s)
        return _parse_error("cannot parse char from empty string" if not s else "too many characters in string")
    if target in ("Str", "str"):
        return Ok(s)
    raise ValueError(f"str_parse: no built-in parser for `{target}`")


# -- char predicates as patterns (`s.split(|c| c == ',')`): the backend calls `pat_m` for `str_m` ----


def _pred_spans(s: str, pred: Callable[[str], bool]) -> list[int]:
    return [i for i, c in enumerate(s) if pred(c)]


def pat_contains(s: str, pred: Callable[[str], bool]) -> bool:
    return any(pred(c) for c in s)


def pat_starts_with(s: str, pred: Callable[[str], bool]) -> bool:
    return bool(s) and pred(s[0])


def pat_ends_with(s: str, pred: Callable[[str], bool]) -> bool:
    return bool(s) and pred(s[-1])


def pat_find(s: str, pred: Callable[[str], bool]) -> Some | None:
    return next((Some(i) for i, c in enumerate(s) if pred(c)), None)


def pat_rfind(s: str, pred: Callable[[str], bool]) -> Some | None:
    return next((Some(i) for i in range(len(s) - 1, -1, -1) if pred(s[i])), None)


def pat_matches(s: str, pred: Callable[[str], bool]) -> Iterator[str]:
    return iter([c for c in s if pred(c)])


def _pat_split(s: str, pred: Callable[[str], bool], limit: int = -1) -> list[str]:
    out, start = [], 0
    for i in _pred_spans(s, pred):
        if len(out) == limit - 1:
            break
        out.append(s[start:i])
        start = i + 1
    out.append(s[start:])
    return out


def pat_split(s: str, pred: Callable[[str], bool]) -> Iterator[str]:
    return iter(_pat_split(s, pred))


def pat_rsplit(s: str, pred: Callable[[str], bool]) -> Iterator[str]:
    return reversed(_pat_split(s, pred))


def pat_splitn(s: str, n: int, pred: Callable[[str], bool]) -> Iterator[str]:
    return iter(_pat_split(s, pred, n) if n > 0 else ())


def pat_split_once(s: str, pred: Callable[[str], bool]) -> Some | None:
    i = pat_find(s, pred)
    return None if i is None else Some((s[:i.value], s[i.value + 1:]))


def pat_rsplit_once(s: str, pred: Callable[[str], bool]) -> Some | None:
    i = pat_rfind(s, pred)
    return None if i is None else Some((s[:i.value], s[i.value + 1:]))


def pat_trim_start_matches(s: str, pred: Callable[[str], bool]) -> str:
    i = 0
    while i < len(s) and pred(s[i]):
        i += 1
    return s[i:]


def pat_trim_end_matches(s: str, pred: Callable[[str], bool]) -> str:
    j = len(s)
    while j > 0 and pred(s[j - 1]):
        j -= 1
    return s[:j]


def pat_trim_matches(s: str, pred: Callable[[str], bool]) -> str:
    return pat_trim_end_matches(pat_trim_start_matches(s, pred), pred)


def pat_strip_prefix(s: str, pred: Callable[[str], bool]) -> Some | None:
    return Some(s[1:]) if s and pred(s[0]) else None


def pat_strip_suffix(s: str, pred: Callable[[str], bool]) -> Some | None:
    return Some(s[:-1]) if s and pred(s[-1]) else None


def pat_replacen(s: str, pred: Callable[[str], bool], new: str, n: int) -> str:
    out = []
    for c in s:
        if n > 0 and pred(c):
            out.append(new)
            n -= 1
        else:
            out.append(c)
    return "".join(out)


def pat_replace(s: str, pred: Callable[[str], bool], new: str) -> str:
    return "".join(new if pred(c) else c for c in s)
