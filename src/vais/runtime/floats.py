"""IEEE f64/f32 semantics and the math built-ins.

Python's `math` raises where IEEE arithmetic returns NaN or an infinity (`sqrt(-1)`, `ln(0)`,
`exp(1000)`, `1.0 / 0.0`); the functions here return what the native engine returns. f32 values are
Python floats rounded through single precision: the `float_*` methods take the `bits, signed` of
their `#[width]` declaration and round their result when `bits == 32` (`signed` is None for floats).
Free math functions (`fn_*`) work on f64.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable

from vais.runtime.floatrepr import f32_round, float_str
from vais.runtime.ints import int_abs, int_pow
from vais.runtime.panic import VaisPanic
from vais.runtime.values import Ordering, Some, max_value, min_value, ordering_of

INF = math.inf
NAN = math.nan

op_f32 = f32_round  # applied by generated code after every f32 arithmetic operation


def op_fdiv(a: float, b: float) -> float:
    """Float `/`: division by zero gives +-inf or NaN, never an exception."""
    try:
        return a / b
    except ZeroDivisionError:
        if a != a or a == 0:
            return NAN
        return math.copysign(INF, a) * math.copysign(1.0, b)


def op_frem(a: float, b: float) -> float:
    """Float `%`: `fmod` (the dividend's sign), NaN for a zero divisor or an infinite dividend."""
    try:
        return math.fmod(a, b)
    except ValueError:
        return NAN


def cast_float(x: float, bits: int) -> float:
    """f64 <-> f32 `as` casts."""
    return f32_round(x) if bits == 32 else x


# -- f64 functions with IEEE results --------------------------------------------------------------

def fn_sqrt(x: float) -> float:
    return math.sqrt(x) if x >= 0 else NAN


def fn_exp(x: float) -> float:
    try:
        return math.exp(x)
    except OverflowError:
        return INF


def fn_exp2(x: float) -> float:
    try:
        return math.pow(2.0, x)
    except OverflowError:
        return INF


def _log(f: Callable[[float], float]) -> Callable[[float], float]:
    def log(x: float) -> float:
        if x > 0:
            return f(x)
        return -INF if x == 0 else NAN
    return log


fn_ln = _log(math.log)
fn_log10 = _log(math.log10)
fn_log2 = _log(math.log2)


def fn_log(x: float, base: float) -> float:
    return op_fdiv(fn_ln(x), fn_ln(base))


def _domain(f: Callable[[float], float]) -> Callable[[float], float]:
    """Functions whose only failure is a domain error (NaN), or an overflow (signed infinity)."""
    def safe(x: float) -> float:
        try:
            return f(x)
        except ValueError:
            return NAN
        except OverflowError:
            return math.copysign(INF, x) if f is math.sinh else INF
    return safe


fn_sin, fn_cos, fn_tan = _domain(math.sin), _domain(math.cos), _domain(math.tan)
fn_asin, fn_acos, fn_atan = _domain(math.asin), _domain(math.acos), math.atan
fn_sinh, fn_cosh, fn_tanh = _domain(math.sinh), _domain(math.cosh), math.tanh
fn_cbrt = math.cbrt
fn_atan2 = math.atan2
fn_hypot = math.hypot


def _odd_integer(y: float) -> bool:
    return math.isfinite(y) and y == int(y) and int(y) % 2 == 1


def fn_powf(x: float, y: float) -> float:
    try:
        return math.pow(x, y)
    except ValueError:  # 0 ** negative, or negative ** non-integer
        if x == 0:
            return math.copysign(INF, x) if _odd_integer(y) else INF
        return NAN
    except OverflowError:
        return -INF if x < 0 and _odd_integer(y) else INF


def fn_powi(x: float, n: int) -> float:
    """Repeated squaring exactly like compiler-rt's `__powidf2`, so both engines agree bit for bit."""
    r = 1.0
    b = abs(n)
    while True:
        if b & 1:
            r *= x
        b >>= 1
        if not b:
            break
        x *= x
    return op_fdiv(1.0, r) if n < 0 else r


def _integral(f: Callable[[float], int]) -> Callable[[float], float]:
    """floor/ceil/trunc returning a float (infinities and NaN pass through, zeros keep their sign)."""
    def integral(x: float) -> float:
        if x != x or x in (INF, -INF):
            return x
        return math.copysign(float(f(x)), x)
    return integral


fn_floor = _integral(math.floor)
fn_ceil = _integral(math.ceil)
fn_trunc = _integral(math.trunc)


def _round_half_away(x: float) -> int:
    t = math.trunc(x)
    return t + (1 if x > 0 else -1) if abs(x - t) >= 0.5 else t


fn_round = _integral(_round_half_away)


def fn_fract(x: float) -> float:
    return x - fn_trunc(x)


def fn_signum(x: float) -> float:
    return x if x != x else math.copysign(1.0, x)


def fn_fmin(a: float, b: float) -> float:
    """IEEE minNum: a NaN operand is ignored."""
    if a != a:
        return b
    return b if b < a else a


def fn_fmax(a: float, b: float) -> float:
    if a != a:
        return b
    return b if b > a else a


def fn_clampf(x: float, lo: float, hi: float) -> float:
    if not lo <= hi:
        raise VaisPanic(f"min > max, or either was NaN. min = {float_str(lo)}, max = {float_str(hi)}")
    return lo if x < lo else hi if x > hi else x


def fn_mul_add(x: float, a: float, b: float) -> float:
    """Fused multiply-add: exact product and sum, one rounding."""
    if not all(map(math.isfinite, (x, a, b))):
        return x * a + b
    from fractions import Fraction

    return float(Fraction(x) * Fraction(a) + Fraction(b))


def fn_to_degrees(x: float) -> float:
    return math.degrees(x)


def fn_to_radians(x: float) -> float:
    return math.radians(x)


def fn_rem_euclid(x: float, y: float) -> float:
    r = op_frem(x, y)
    return r + abs(y) if r < 0 else r


def fn_div_euclid(x: float, y: float) -> float:
    q = fn_trunc(op_fdiv(x, y))
    if op_frem(x, y) < 0:
        return q - 1.0 if y > 0 else q + 1.0
    return q


# -- float methods (`X<N: Float> N`, `#[width]`) ---------------------------------------------------

def _m1(f: Callable[[float], float]) -> Callable[[float, int, bool | None], float]:
    def method(x: float, bits: int, signed: bool | None) -> float:
        r = f(x)
        return r if bits == 64 else f32_round(r)
    return method


def _m2(f: Callable[[float, float], float]) -> Callable[[float, float, int, bool | None], float]:
    def method(x: float, y: float, bits: int, signed: bool | None) -> float:
        r = f(x, y)
        return r if bits == 64 else f32_round(r)
    return method


float_sqrt, float_cbrt, float_exp, float_exp2 = _m1(fn_sqrt), _m1(fn_cbrt), _m1(fn_exp), _m1(fn_exp2)
float_ln, float_log10, float_log2, float_log = _m1(fn_ln), _m1(fn_log10), _m1(fn_log2), _m2(fn_log)
float_sin, float_cos, float_tan = _m1(fn_sin), _m1(fn_cos), _m1(fn_tan)
float_asin, float_acos, float_atan, float_atan2 = _m1(fn_asin), _m1(fn_acos), _m1(fn_atan), _m2(fn_atan2)
float_sinh, float_cosh, float_tanh = _m1(fn_sinh), _m1(fn_cosh), _m1(fn_tanh)
float_floor, float_ceil, float_round, float_trunc = _m1(fn_floor), _m1(fn_ceil), _m1(fn_round), _m1(fn_trunc)
float_fract, float_signum, float_abs = _m1(fn_fract), _m1(fn_signum), _m1(abs)
float_powf, float_powi, float_hypot = _m2(fn_powf), _m2(fn_powi), _m2(fn_hypot)
float_min, float_max = _m2(fn_fmin), _m2(fn_fmax)
float_to_degrees, float_to_radians = _m1(fn_to_degrees), _m1(fn_to_radians)
float_copysign, float_rem_euclid, float_div_euclid = _m2(math.copysign), _m2(fn_rem_euclid), _m2(fn_div_euclid)


def float_recip(x: float, bits: int, signed: bool | None) -> float:
    r = op_fdiv(1.0, x)
    return r if bits == 64 else f32_round(r)


def float_mul_add(x: float, a: float, b: float, bits: int, signed: bool | None) -> float:
    r = fn_mul_add(x, a, b)
    return r if bits == 64 else f32_round(r)


def float_clamp(x: float, lo: float, hi: float, bits: int, signed: bool | None) -> float:
    return fn_clampf(x, lo, hi)


def float_is_nan(x: float, bits: int, signed: bool | None) -> bool:
    return x != x


def float_is_finite(x: float, bits: int, signed: bool | None) -> bool:
    return math.isfinite(x)


def float_is_infinite(x: float, bits: int, signed: bool | None) -> bool:
    return math.isinf(x)


def float_is_sign_negative(x: float, bits: int, signed: bool | None) -> bool:
    return math.copysign(1.0, x) < 0


def float_is_sign_positive(x: float, bits: int, signed: bool | None) -> bool:
    return math.copysign(1.0, x) > 0


_BITS_FORMATS = {64: (struct.Struct("<d"), struct.Struct("<Q")), 32: (struct.Struct("<f"), struct.Struct("<I"))}


def float_to_bits(x: float, bits: int, signed: bool | None) -> int:
    as_float, as_int = _BITS_FORMATS[bits]
    return as_int.unpack(as_float.pack(x))[0]


def float_from_bits(n: int, bits: int, signed: bool | None) -> float:
    as_float, as_int = _BITS_FORMATS[bits]
    return as_float.unpack(as_int.pack(n & ((1 << bits) - 1)))[0]


def float_partial_cmp(x: float, y: float, bits: int, signed: bool | None) -> Some | None:
    if x != x or y != y:
        return None
    return Some(ordering_of((x > y) - (x < y)))


def float_total_cmp(x: float, y: float, bits: int, signed: bool | None) -> Ordering:
    """IEEE totalOrder: -NaN < -inf < ... < -0.0 < 0.0 < ... < inf < NaN."""
    def key(v: float) -> int:
        n = float_to_bits(v, bits, signed)
        return n ^ ((1 << bits) - 1) if n >> (bits - 1) else n | (1 << bits)
    kx, ky = key(x), key(y)
    return ordering_of((kx > ky) - (kx < ky))


def float_to_string(x: float, bits: int, signed: bool | None) -> str:
    return float_str(x, bits)


# -- generic numeric built-ins (`#[width]`: `signed` None means a float type) -----------------------

def fn_abs(x: float | int, bits: int = 64, signed: bool | None = True) -> float | int:
    if signed is None:
        return abs(x)
    return int_abs(x, bits, signed)  # type: ignore[arg-type]


def fn_pow(base: float | int, exp: float | int, bits: int = 64, signed: bool | None = True) -> float | int:
    if signed is None:
        r = fn_powf(base, exp)
        return r if bits == 64 else f32_round(r)
    return int_pow(base, exp, bits, signed)  # type: ignore[arg-type]


fn_min = min_value
fn_max = max_value

