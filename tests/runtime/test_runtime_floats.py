"""f64/f32 functions and methods: IEEE results where Python's math would raise."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from vais.runtime import floats as f
from vais.runtime.floatrepr import f32_round
from vais.runtime.values import Greater, Less, Some

NAN, INF = math.nan, math.inf


def same(a: float, b: float) -> bool:
    return (a != a and b != b) or (a == b and math.copysign(1, a) == math.copysign(1, b))


@pytest.mark.parametrize(("fn", "args", "expected"), [
    (f.fn_sqrt, (-1.0,), NAN), (f.fn_sqrt, (-0.0,), -0.0), (f.fn_sqrt, (16.0,), 4.0),
    (f.fn_ln, (0.0,), -INF), (f.fn_ln, (-1.0,), NAN), (f.fn_log10, (1000.0,), 3.0), (f.fn_log2, (INF,), INF),
    (f.fn_exp, (1000.0,), INF), (f.fn_sin, (INF,), NAN), (f.fn_asin, (2.0,), NAN), (f.fn_sinh, (-1000.0,), -INF),
    (f.fn_cosh, (1000.0,), INF), (f.fn_powf, (0.0, -1.0), INF), (f.fn_powf, (-0.0, -3.0), -INF),
    (f.fn_powf, (-8.0, 1.0 / 3.0), NAN), (f.fn_powf, (10.0, 400.0), INF), (f.fn_powf, (-10.0, 401.0), -INF),
    (f.fn_powi, (2.0, 10), 1024.0), (f.fn_powi, (2.0, -2), 0.25), (f.fn_powi, (0.0, -1), INF),
    (f.fn_floor, (2.75,), 2.0), (f.fn_ceil, (2.75,), 3.0), (f.fn_round, (2.75,), 3.0), (f.fn_round, (-2.75,), -3.0),
    (f.fn_round, (2.5,), 3.0), (f.fn_round, (-0.4,), -0.0), (f.fn_round, (0.49999999999999994,), 0.0),
    (f.fn_trunc, (-3.7,), -3.0), (f.fn_floor, (INF,), INF), (f.fn_ceil, (NAN,), NAN), (f.fn_fract, (3.75,), 0.75),
    (f.fn_signum, (-0.0,), -1.0), (f.fn_signum, (NAN,), NAN), (f.fn_fmax, (NAN, 1.0), 1.0), (f.fn_fmin, (2.0, NAN), 2.0),
    (f.fn_rem_euclid, (-7.0, 3.0), 2.0), (f.fn_div_euclid, (-7.0, 3.0), -3.0), (f.fn_log, (8.0, 2.0), 3.0),
    (f.op_fdiv, (1.0, 0.0), INF), (f.op_fdiv, (-1.0, 0.0), -INF), (f.op_fdiv, (1.0, -0.0), -INF),
    (f.op_fdiv, (0.0, 0.0), NAN), (f.op_frem, (-7.5, 2.0), -1.5), (f.op_frem, (1.0, 0.0), NAN),
    (f.fn_mul_add, (0.1, 10.0, -1.0), 5.551115123125783e-17),
])
def test_ieee_results(fn: Callable[..., float], args: tuple[float, ...], expected: float):
    assert same(fn(*args), expected), (fn.__name__, args, fn(*args))


def test_conformance_012_methods():
    y = 2.75
    assert [f.float_floor(y, 64, None), f.float_ceil(y, 64, None), f.float_round(y, 64, None),
            f.float_round(-y, 64, None), f.float_abs(-y, 64, None)] == [2.0, 3.0, 3.0, -3.0, 2.75]
    assert (f.float_max(1.5, 2.5, 64, None), f.float_min(1.5, 2.5, 64, None)) == (2.5, 1.5)
    assert f.float_sqrt(9.0, 64, None) == 3.0


def test_f32_methods_round_their_results():
    x = f32_round(2.0)
    assert f.float_sqrt(x, 32, None) == f32_round(math.sqrt(2.0))
    assert f.float_sqrt(x, 64, None) == math.sqrt(2.0)
    assert f.cast_float(0.1, 32) == f32_round(0.1)
    assert f.float_to_bits(1.0, 32, None) == 0x3F800000
    assert f.float_to_bits(-0.0, 64, None) == 1 << 63
    assert f.float_from_bits(0x3F800000, 32, None) == 1.0


def test_comparisons_and_predicates():
    assert f.float_partial_cmp(1.0, 2.0, 64, None) == Some(Less)
    assert f.float_partial_cmp(NAN, 2.0, 64, None) is None
    assert f.float_total_cmp(-0.0, 0.0, 64, None) is Less
    assert f.float_total_cmp(NAN, INF, 64, None) is Greater
    assert f.float_total_cmp(-NAN, -INF, 64, None) is Less
    assert f.float_is_nan(NAN, 64, None) and f.float_is_infinite(-INF, 64, None)
    assert f.float_is_sign_negative(-0.0, 64, None) and not f.float_is_finite(NAN, 64, None)
    assert f.float_to_string(0.1, 64, None) == "0.1"
    assert f.float_clamp(5.0, 0.0, 1.0, 64, None) == 1.0


def test_generic_numeric_builtins():
    assert f.fn_abs(-17) == 17 and f.fn_abs(-2.5, 64, None) == 2.5
    assert f.fn_abs(-(2 ** 63), 64, True) == -(2 ** 63)
    assert f.fn_pow(3, 4, 64, True) == 81 and f.fn_pow(2.0, 0.5, 64, None) == math.sqrt(2.0)
    assert (f.fn_min(3, -4), f.fn_max(3, -4)) == (-4, 3)
    a, b = [1], [1]
    assert f.fn_min(a, b) is a and f.fn_max(a, b) is b  # Rust: min keeps the first, max the second
