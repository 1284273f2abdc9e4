"""Fixed-width integers: every value is a Python int normalised into its type's range.

One generic implementation per operation, parameterised by `(bits, signed)`; `isize`/`usize` are
64 bits. Hot i64 paths get a fast path that falls back to the generic code (`wrap_i64`, `div_i64`).
Operator helpers are `op_*`, casts `cast_*`, and the declared integer methods `int_*` (they take
the trailing `bits, signed` of their `#[width]` declaration).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from vais.runtime.panic import VaisPanic, panic_div_zero, panic_rem_zero
from vais.runtime.values import Some, max_value, min_value

WIDTHS = (8, 16, 32, 64, 128)
BOUNDS: dict[tuple[int, bool], tuple[int, int]] = {
    **{(b, True): (-(1 << (b - 1)), (1 << (b - 1)) - 1) for b in WIDTHS},
    **{(b, False): (0, (1 << b) - 1) for b in WIDTHS},
}
I64_MIN, I64_MAX = BOUNDS[64, True]


def wrap(x: int, bits: int, signed: bool) -> int:
    """Two's complement wrap of `x` into the type (bits, signed)."""
    x &= (1 << bits) - 1
    if signed and x >> (bits - 1):
        x -= 1 << bits
    return x


def wrap_i64(x: int) -> int:
    # literal constants: cheaper than global lookups on this hottest path
    if -0x8000000000000000 <= x <= 0x7FFFFFFFFFFFFFFF:
        return x
    return ((x + 0x8000000000000000) & 0xFFFFFFFFFFFFFFFF) - 0x8000000000000000


def make_wrapper(bits: int, signed: bool) -> Callable[[int], int]:
    """A one-argument wrap function specialised for one type (cheaper than `wrap` on hot paths)."""
    lo, hi = BOUNDS[bits, signed]
    mask = (1 << bits) - 1

    if signed:
        def wrap_signed(x: int) -> int:
            return x if lo <= x <= hi else ((x - lo) & mask) + lo
        return wrap_signed

    def wrap_unsigned(x: int) -> int:
        return x if 0 <= x <= hi else x & mask
    return wrap_unsigned


wrap_i8, wrap_i16, wrap_i32, wrap_i128 = (make_wrapper(b, True) for b in (8, 16, 32, 128))
wrap_u8, wrap_u16, wrap_u32, wrap_u64, wrap_u128 = (make_wrapper(b, False) for b in WIDTHS)


# -- operators ----------------------------------------------------------------------------------------

def op_div(a: int, b: int, bits: int, signed: bool) -> int:
    """`/`: truncates toward zero, panics on zero, `MIN / -1` wraps to MIN."""
    if not b:
        panic_div_zero()
    q = a // b
    if q < 0 and q * b != a:
        q += 1
    return wrap(q, bits, signed) if signed else q


def div_i64(a: int, b: int) -> int:
    if b > 0 and a >= 0:
        return a // b
    return op_div(a, b, 64, True)


def op_rem(a: int, b: int) -> int:
    """`%`: the result takes the dividend's sign; panics on zero (never overflows, so no width)."""
    if b > 0 and a >= 0:
        return a % b
    if not b:
        panic_rem_zero()
    r = a % b
    if r and (a < 0) != (b < 0):
        r -= b
    return r


def op_shl(a: int, n: int, bits: int, signed: bool) -> int:
    """`<<` with the count taken modulo the width."""
    return wrap(a << (n & (bits - 1)), bits, signed)


def op_shr(a: int, n: int, bits: int) -> int:
    """`>>`: arithmetic on signed values, logical on unsigned ones (they are never negative)."""
    return a >> (n & (bits - 1))


def op_neg(a: int, bits: int, signed: bool) -> int:
    return wrap(-a, bits, signed)


def op_not(a: int, bits: int, signed: bool) -> int:
    return ~a if signed else a ^ ((1 << bits) - 1)


# -- casts (`as`) -------------------------------------------------------------------------------------

cast_int = wrap  # int -> int: wrap into the target


def cast_float_to_int(x: float, bits: int, signed: bool) -> int:
    """float -> int: truncate toward zero and saturate; NaN becomes 0."""
    lo, hi = BOUNDS[bits, signed]
    if x != x:
        return 0
    if x >= hi:
        return hi
    if x <= lo:
        return lo
    return int(x)


def cast_int_to_float(x: int, bits: int = 64) -> float:
    """int -> f64 (correctly rounded by Python) or f32 (rounded once, from the exact integer)."""
    if bits == 64:
        return float(x)
    from vais.runtime.floatrepr import f32_round

    n = abs(x).bit_length()
    if n <= 53:
        return f32_round(float(x))
    # keep 26 significant bits plus a sticky bit so that the single rounding to 24 bits is exact
    shift = n - 26
    kept = abs(x) >> shift
    if abs(x) & ((1 << shift) - 1):
        kept |= 1
    return math.copysign(f32_round(math.ldexp(float(kept), shift)), x)


def cast_char_to_int(c: str, bits: int, signed: bool) -> int:
    return wrap(ord(c), bits, signed)


def cast_int_to_char(x: int) -> str:
    """`u8 as char` (and any valid code point)."""
    if 0xD800 <= x <= 0xDFFF or not 0 <= x <= 0x10FFFF:
        raise VaisPanic(f"{x} is not a valid char")
    return chr(x)


cast_bool_to_int = int


# -- integer methods (`X<N: Integer> N`, all `#[width]`) ----------------------------------------------

def _checked(op: Callable[[int, int], int | None]) -> Callable[[int, int, int, bool], Some | None]:
    """`checked_*`: Some(result) when `op` is defined and fits the type, else None."""
    def checked(a: int, b: int, bits: int, signed: bool) -> Some | None:
        r = op(a, b)
        if r is None:
            return None
        lo, hi = BOUNDS[bits, signed]
        return Some(r) if lo <= r <= hi else None
    return checked


def _wrapping(op: Callable[[int, int], int | None]) -> Callable[[int, int, int, bool], int]:
    def wrapping(a: int, b: int, bits: int, signed: bool) -> int:
        r = op(a, b)
        if r is None:
            panic_div_zero()
        return wrap(r, bits, signed)
    return wrapping


def _saturating(op: Callable[[int, int], int | None]) -> Callable[[int, int, int, bool], int]:
    def saturating(a: int, b: int, bits: int, signed: bool) -> int:
        r = op(a, b)
        if r is None:
            panic_div_zero()
        lo, hi = BOUNDS[bits, signed]
        return lo if r < lo else hi if r > hi else r
    return saturating


def _div(a: int, b: int) -> int | None:
    if not b:
        return None
    q = a // b
    return q + 1 if q < 0 and q * b != a else q


def _rem(a: int, b: int) -> int | None:
    return op_rem(a, b) if b else None


def _pow(a: int, e: int) -> int | None:
    if e < 0:
        raise VaisPanic(f"negative exponent {e} in pow")
    if abs(a) >= 2 and e > 130:  # certainly out of range for any width: avoid a huge number
        return (1 << 130) * (-1 if a < 0 and e % 2 else 1)
    return a ** e


def _add(a: int, b: int) -> int:
    return a + b


def _sub(a: int, b: int) -> int:
    return a - b


def _mul(a: int, b: int) -> int:
    return a * b


int_checked_add = _checked(_add)
int_checked_sub = _checked(_sub)
int_checked_mul = _checked(_mul)
int_checked_div = _checked(_div)
int_checked_rem = _checked(_rem)
int_checked_pow = _checked(_pow)
int_wrapping_add = _wrapping(_add)
int_wrapping_sub = _wrapping(_sub)
int_wrapping_mul = _wrapping(_mul)
int_wrapping_div = _wrapping(_div)
int_wrapping_rem = _wrapping(_rem)
int_saturating_add = _saturating(_add)
int_saturating_sub = _saturating(_sub)
int_saturating_mul = _saturating(_mul)
int_saturating_div = _saturating(_div)
int_saturating_pow = _saturating(_pow)


def int_pow(a: int, e: int, bits: int, signed: bool) -> int:
    """`pow` wraps (modular exponentiation keeps huge exponents cheap)."""
    if e < 0:
        raise VaisPanic(f"negative exponent {e} in pow")
    return wrap(pow(a, e, 1 << bits), bits, signed)


int_wrapping_pow = int_pow


def int_checked_neg(a: int, bits: int, signed: bool) -> Some | None:
    lo, hi = BOUNDS[bits, signed]
    return Some(-a) if lo <= -a <= hi else None


def int_wrapping_neg(a: int, bits: int, signed: bool) -> int:
    return wrap(-a, bits, signed)


def int_abs(a: int, bits: int, signed: bool) -> int:
    """`abs` wraps at MIN (`i64::MIN.abs()` is MIN), like the native engine."""
    return wrap(abs(a), bits, signed)


int_wrapping_abs = int_abs


def int_checked_abs(a: int, bits: int, signed: bool) -> Some | None:
    return Some(abs(a)) if abs(a) <= BOUNDS[bits, signed][1] else None


def int_saturating_abs(a: int, bits: int, signed: bool) -> int:
    return min(abs(a), BOUNDS[bits, signed][1])


def int_checked_shl(a: int, n: int, bits: int, signed: bool) -> Some | None:
    return Some(wrap(a << n, bits, signed)) if 0 <= n < bits else None


def int_checked_shr(a: int, n: int, bits: int, signed: bool) -> Some | None:
    return Some(a >> n) if 0 <= n < bits else None


def int_wrapping_shl(a: int, n: int, bits: int, signed: bool) -> int:
    return op_shl(a, n, bits, signed)


def int_wrapping_shr(a: int, n: int, bits: int, signed: bool) -> int:
    return op_shr(a, n, bits)


def int_signum(a: int, bits: int, signed: bool) -> int:
    return (a > 0) - (a < 0)


def int_is_positive(a: int, bits: int, signed: bool) -> bool:
    return a > 0


def int_is_negative(a: int, bits: int, signed: bool) -> bool:
    return a < 0


def int_count_ones(a: int, bits: int, signed: bool) -> int:
    return (a & ((1 << bits) - 1)).bit_count()


def int_count_zeros(a: int, bits: int, signed: bool) -> int:
    return bits - int_count_ones(a, bits, signed)


def int_rotate_left(a: int, n: int, bits: int, signed: bool) -> int:
    """The bits of `a` shifted left by `n` (modulo the width), those leaving on the left entering on the right."""
    u = a & ((1 << bits) - 1)
    n %= bits
    return wrap((u << n) | (u >> (bits - n)), bits, signed)


def int_rotate_right(a: int, n: int, bits: int, signed: bool) -> int:
    return int_rotate_left(a, bits - n % bits, bits, signed)


def int_swap_bytes(a: int, bits: int, signed: bool) -> int:
    return wrap(int.from_bytes((a & ((1 << bits) - 1)).to_bytes(bits // 8, "little"), "big"), bits, signed)


def int_reverse_bits(a: int, bits: int, signed: bool) -> int:
    return wrap(int(format(a & ((1 << bits) - 1), f"0{bits}b")[::-1], 2), bits, signed)


def int_leading_zeros(a: int, bits: int, signed: bool) -> int:
    return bits - (a & ((1 << bits) - 1)).bit_length()


def int_trailing_zeros(a: int, bits: int, signed: bool) -> int:
    return bits if a == 0 else (a & -a).bit_length() - 1


def int_rem_euclid(a: int, m: int, bits: int, signed: bool) -> int:
    """The least non-negative remainder."""
    if not m:
        panic_rem_zero()
    return a % abs(m)


def int_div_euclid(a: int, m: int, bits: int, signed: bool) -> int:
    """The quotient matching `rem_euclid` (wraps at `MIN.div_euclid(-1)`)."""
    if not m:
        panic_div_zero()
    return wrap((a - a % abs(m)) // m, bits, signed)


def int_is_power_of_two(a: int, bits: int, signed: bool) -> bool:
    return a > 0 and not a & (a - 1)


def int_from_str_radix(s: str, radix: int, bits: int, signed: bool) -> object:
    """`u64::from_str_radix("ff", 16)`: Ok(the number) or Err(a ParseError), like `parse`."""
    from vais.runtime.strings import _parse_int

    if not 2 <= radix <= 36:
        raise VaisPanic(f"from_str_radix_int: must lie in the range `[2, 36]` - found {radix}")
    return _parse_int(s, bits, signed, radix)


def int_min_value(bits: int, signed: bool) -> int:
    return BOUNDS[bits, signed][0]


def int_max_value(bits: int, signed: bool) -> int:
    return BOUNDS[bits, signed][1]


def int_to_string(a: int, bits: int, signed: bool) -> str:
    return str(a)


def int_min(a: int, b: int, bits: int, signed: bool) -> int:
    return min_value(a, b)


def int_max(a: int, b: int, bits: int, signed: bool) -> int:
    return max_value(a, b)


def int_clamp(a: int, lo: int, hi: int, bits: int, signed: bool) -> int:
    if lo > hi:
        raise VaisPanic(f"clamp: min ({lo}) must not exceed max ({hi})")
    return lo if a < lo else hi if a > hi else a


def int_isqrt(a: int, bits: int, signed: bool) -> int:
    if a < 0:
        raise VaisPanic("argument of integer square root cannot be negative")
    return math.isqrt(a)

