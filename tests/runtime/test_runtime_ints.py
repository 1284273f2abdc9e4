"""Fixed-width integer semantics: wrapping, `/` and `%`, shifts, casts and the integer methods."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vais.runtime import ints
from vais.runtime.ints import (
    BOUNDS,
    cast_char_to_int,
    cast_float_to_int,
    cast_int,
    cast_int_to_char,
    cast_int_to_float,
    div_i64,
    make_wrapper,
    op_div,
    op_neg,
    op_not,
    op_rem,
    op_shl,
    op_shr,
    wrap,
    wrap_i64,
    wrap_u8,
)
from vais.runtime.panic import VaisPanic
from vais.runtime.values import Some

TYPES = [(b, s) for b in (8, 16, 32, 64, 128) for s in (True, False)]
MIN, MAX = BOUNDS[64, True]


def reference(x: int, bits: int, signed: bool) -> int:
    if signed:
        return ((x + 2 ** (bits - 1)) % 2 ** bits) - 2 ** (bits - 1)
    return x % 2 ** bits


@pytest.mark.parametrize(("bits", "signed"), TYPES)
@settings(max_examples=40)
@given(x=st.integers(-(2 ** 260), 2 ** 260))
def test_wrap_agrees_with_reference(bits: int, signed: bool, x: int):
    expected = reference(x, bits, signed)
    assert wrap(x, bits, signed) == expected
    assert make_wrapper(bits, signed)(x) == expected
    if (bits, signed) == (64, True):
        assert wrap_i64(x) == expected


def trunc_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


@given(a=st.integers(MIN, MAX), b=st.integers(MIN, MAX).filter(bool))
def test_division_truncates_and_remainder_takes_the_dividend_sign(a: int, b: int):
    q, r = div_i64(a, b), op_rem(a, b)
    assert q == reference(trunc_div(a, b), 64, True)
    assert r == a - trunc_div(a, b) * b
    assert r == 0 or (r < 0) == (a < 0)
    assert abs(r) < abs(b)


@pytest.mark.parametrize(("a", "b", "q", "r"), [  # conformance 009_int_division
    (7, 2, 3, 1), (-7, 2, -3, -1), (7, -2, -3, 1), (-7, -2, 3, -1), (6, 3, 2, 0), (-6, 4, -1, -2),
    (1, 5, 0, 1), (-1, 5, 0, -1), (0, -3, 0, 0), (MAX, 2, 4611686018427387903, None), (MAX, 10, None, 7),
    (MAX, -1, -MAX, None), (MIN, 3, -3074457345618258602, None), (MIN, 7, None, -1),
    (MIN, 2, -4611686018427387904, None), (-17, 5, -3, -2), (MIN, -1, MIN, 0),
])
def test_division_conformance(a: int, b: int, q: int | None, r: int | None):
    if q is not None:
        assert div_i64(a, b) == q == op_div(a, b, 64, True)
    if r is not None:
        assert op_rem(a, b) == r


def test_division_by_zero_panics():
    with pytest.raises(VaisPanic, match="attempt to divide by zero"):
        div_i64(1, 0)
    with pytest.raises(VaisPanic, match="remainder with a divisor of zero"):
        op_rem(1, 0)
    assert op_div(255, 2, 8, False) == 127


def test_shifts_conformance_066():
    assert op_shl(1, 10, 64, True) == 1024
    assert op_shr(1024, 3, 64) == 128
    assert op_shr(-16, 2, 64) == -4
    assert op_shr(-1, 60, 64) == -1
    assert op_shl(1, 65, 64, True) == 2
    assert op_shl(1, 64, 64, True) == 1
    assert op_shr(5, 66, 64) == 1
    m = 0b1111_0000
    assert (op_shr(m, 4, 8), op_not(m, 8, False), op_shl(m, 1, 8, False)) == (15, 15, 224)
    assert op_not(12, 64, True) == -13
    assert op_shl(1, 63, 64, True) == MIN
    assert op_neg(MIN, 64, True) == MIN
    assert op_neg(1, 8, False) == 255


def test_casts_conformance_011():
    assert cast_int(3000000000, 32, True) == -1294967296
    assert (cast_int(300, 8, False), cast_int(-1, 8, False)) == (44, 255)
    assert wrap_u8(200 + 100) == 44
    assert cast_int(2147483647 + 1, 32, True) == -2147483648
    f2i = cast_float_to_int
    assert (f2i(3.99, 64, True), f2i(-3.99, 64, True), f2i(0.5, 64, True)) == (3, -3, 0)
    assert (f2i(1e20, 64, True), f2i(-1e20, 64, True)) == (MAX, MIN)
    assert (f2i(300.7, 8, False), f2i(-5.0, 8, False), f2i(2.9, 32, True)) == (255, 0, 2)
    assert (f2i(math.nan, 32, True), f2i(math.inf, 16, False), f2i(-math.inf, 8, True)) == (0, 65535, -128)
    assert (cast_char_to_int("A", 32, False), cast_char_to_int("z", 32, False), cast_char_to_int("0", 64, True)) == (
        65, 122, 48)
    assert cast_int(258, 8, False) == 2
    assert (cast_int(-129, 8, True), cast_int(200, 8, True), cast_int(-1, 64, False)) == (127, -56, 2 ** 64 - 1)
    assert (cast_int(65535, 16, False), cast_int(65535, 16, True), cast_int(65536, 16, False)) == (65535, -1, 0)
    assert cast_int_to_float(123456789012) == 123456789012.0
    assert cast_int_to_char(65) == "A"
    with pytest.raises(VaisPanic):
        cast_int_to_char(0xD800)


def test_int_to_f32_rounds_once():
    x = 2 ** 60 + 2 ** 36 + 1  # just above a tie: through f64 it would round down to 2**60
    assert cast_int_to_float(x, 32) == float(2 ** 60 + 2 ** 37)
    assert cast_int_to_float(16777217, 32) == 16777216.0
    assert cast_int_to_float(-(2 ** 60 + 2 ** 36 + 1), 32) == -float(2 ** 60 + 2 ** 37)


def test_methods_conformance_070():
    top = MAX
    assert ints.int_checked_add(top, 1, 64, True) is None
    assert ints.int_checked_add(top, -1, 64, True) == Some(top - 1)
    assert ints.int_wrapping_add(top, 1, 64, True) == MIN
    assert ints.int_saturating_add(top, 100, 64, True) == top
    assert ints.int_saturating_sub(MIN, 1, 64, True) == MIN
    assert ints.int_wrapping_sub(MIN, 1, 64, True) == top
    assert ints.int_checked_sub(MIN, 1, 64, True) is None
    assert (ints.int_abs(-17, 64, True), ints.int_pow(-17, 2, 64, True)) == (17, 289)
    assert ints.int_checked_add(255, 1, 8, False) is None
    assert (ints.int_wrapping_add(255, 1, 8, False), ints.int_saturating_add(255, 1, 8, False)) == (0, 255)
    assert ints.int_wrapping_sub(-2147483648, 1, 32, True) == 2147483647
    assert ints.int_wrapping_sub(0, 1, 64, False) == 2 ** 64 - 1
    assert ints.wrap_i16(32767 + 1) == -32768
    assert ints.wrap_i8(-127 - 2) == 127
    assert ints.wrap_u32(4000000000 + 500000000) == 205032704
    assert ints.wrap_u32(4000000000 * 2) == 3705032704
    assert (ints.wrap_u16(65535 * 2), ints.wrap_u16(65535 + 2)) == (65534, 1)
    i128_max = BOUNDS[128, True][1]
    assert ints.wrap_i128(i128_max + 1) == BOUNDS[128, True][0]
    assert ints.int_pow(3, 20, 64, True) == 3486784401
    assert ints.int_pow(3, 39, 64, True) == 4052555153018976267
    u64_max = 2 ** 64 - 1
    assert (div_i64(u64_max, 3), op_rem(u64_max, 1000)) == (6148914691236517205, 615)


def test_abs_and_pow_wrap_at_min():
    assert ints.int_abs(MIN, 64, True) == MIN
    assert ints.int_checked_abs(MIN, 64, True) is None
    assert ints.int_saturating_abs(MIN, 64, True) == MAX
    assert ints.int_pow(2, 64, 64, True) == 0
    assert ints.int_pow(-1, 10 ** 18 + 1, 64, True) == -1
    with pytest.raises(VaisPanic):
        ints.int_pow(2, -1, 64, True)


OPS = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b}


@pytest.mark.parametrize("op", sorted(OPS))
@pytest.mark.parametrize(("bits", "signed"), [(8, True), (8, False), (32, True), (64, False)])
@settings(max_examples=30)
@given(data=st.data())
def test_checked_wrapping_saturating_agree_with_exact(op: str, bits: int, signed: bool, data):
    lo, hi = BOUNDS[bits, signed]
    a, b = data.draw(st.integers(lo, hi)), data.draw(st.integers(lo, hi))
    exact = OPS[op](a, b)
    checked = getattr(ints, f"int_checked_{op}")(a, b, bits, signed)
    assert checked == (Some(exact) if lo <= exact <= hi else None)
    assert getattr(ints, f"int_wrapping_{op}")(a, b, bits, signed) == reference(exact, bits, signed)
    assert getattr(ints, f"int_saturating_{op}")(a, b, bits, signed) == min(max(exact, lo), hi)


@given(a=st.integers(-128, 127), e=st.integers(0, 300))
def test_checked_and_saturating_pow(a: int, e: int):
    exact = a ** e
    assert ints.int_checked_pow(a, e, 8, True) == (Some(exact) if -128 <= exact <= 127 else None)
    assert ints.int_saturating_pow(a, e, 8, True) == min(max(exact, -128), 127)
    assert ints.int_pow(a, e, 8, True) == reference(exact, 8, True)


def test_bit_methods():
    assert ints.int_count_ones(-1, 64, True) == 64
    assert ints.int_count_ones(255, 64, True) == 8
    assert ints.int_leading_zeros(1, 32, False) == 31
    assert ints.int_leading_zeros(-1, 8, True) == 0
    assert ints.int_trailing_zeros(8, 64, True) == 3
    assert ints.int_trailing_zeros(0, 16, True) == 16
    assert ints.int_count_zeros(0, 8, False) == 8
    assert ints.int_is_power_of_two(64, 64, False) and not ints.int_is_power_of_two(0, 64, False)
    assert ints.int_checked_shl(1, 64, 64, True) is None
    assert ints.int_checked_shl(1, 3, 8, True) == Some(8)
    assert ints.int_wrapping_shl(1, 65, 64, True) == 2


def test_euclid_and_misc():
    assert (ints.int_rem_euclid(-7, 3, 64, True), ints.int_div_euclid(-7, 3, 64, True)) == (2, -3)
    assert (ints.int_rem_euclid(7, -3, 64, True), ints.int_div_euclid(7, -3, 64, True)) == (1, -2)
    assert ints.int_div_euclid(MIN, -1, 64, True) == MIN
    assert ints.int_signum(-5, 64, True) == -1
    assert ints.int_clamp(15, 0, 10, 64, True) == 10
    assert (ints.int_min_value(8, True), ints.int_max_value(16, False)) == (-128, 65535)
    assert ints.int_checked_div(MIN, -1, 64, True) is None
    assert ints.int_checked_div(1, 0, 64, True) is None
    assert ints.int_wrapping_div(MIN, -1, 64, True) == MIN
    assert ints.int_saturating_div(MIN, -1, 64, True) == MAX
    assert ints.int_checked_neg(MIN, 64, True) is None
    assert ints.int_isqrt(99, 64, True) == 9
    with pytest.raises(VaisPanic):
        ints.int_wrapping_div(1, 0, 64, True)
