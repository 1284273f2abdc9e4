"""Float Display: shortest round-trip digits, fixed for 1e-5 <= |x| < 1e16, otherwise `1e16` style."""

from __future__ import annotations

import math
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vais.runtime.floatrepr import exp_str, f32_round, f32_str, f64_str

# (value, text) pairs taken from conformance 012_floats and 036_positional
CONFORMANCE = [
    (1.0, "1.0"), (0.5, "0.5"), (-2.5, "-2.5"), (100.0, "100.0"), (1e3, "1000.0"),
    (0.1 + 0.2, "0.30000000000000004"), (1.0 / 3.0, "0.3333333333333333"), (2.0 / 3.0, "0.6666666666666666"),
    (1e15, "1000000000000000.0"), (1e16, "1e16"), (1.5e16, "1.5e16"), (123456789.0 * 1000.0, "123456789000.0"),
    (0.001, "0.001"), (0.0001, "0.0001"), (0.00001, "0.00001"), (0.000001, "1e-6"),
    (1.5e-7, "1.5e-7"), (2.5e-3, "0.0025"), (-2e20, "-2e20"), (1e100, "1e100"), (1.2345e-10, "1.2345e-10"),
    (math.sqrt(2.0), "1.4142135623730951"), (4.0, "4.0"), (1e300 * 1e10, "inf"), (-1e300 * 1e10, "-inf"),
    (math.nan, "NaN"), (0.9999999999999999, "0.9999999999999999"), (0.125, "0.125"),
    (355.0 / 113.0, "3.1415929203539825"), (299792458.0 ** 2, "8.987551787368176e16"),
    (1.0 / 299792458.0, "3.3356409519815204e-9"), (1000.5, "1000.5"), (6.02e23, "6.02e23"),
    (9.999e15, "9999000000000000.0"), (123456789012.0, "123456789012.0"),
    (0.0, "0.0"), (-0.0, "-0.0"), (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e308"),
    (1.5e-5, "0.000015"), (9.99e-6, "9.99e-6"), (-1e-5, "-0.00001"), (1e22, "1e22"), (1.25e17, "1.25e17"),
]


@pytest.mark.parametrize(("x", "text"), CONFORMANCE)
def test_f64_display(x: float, text: str):
    assert f64_str(x) == text


@given(st.floats(allow_nan=False))
def test_f64_display_round_trips(x: float):
    text = f64_str(x)
    assert "+" not in text
    if math.isfinite(x):
        assert float(text) == x
        fixed = 1e-5 <= abs(x) < 1e16
        assert ("e" not in text) == (fixed or x == 0), text
        if "e" not in text:
            assert "." in text


def _f32(x: float) -> float:
    return f32_round(x)


@pytest.mark.parametrize(("x", "text"), [
    (_f32(0.1), "0.1"), (_f32(1.0 / 3.0), "0.33333334"), (_f32(3.14159265), "3.1415927"),
    (_f32(16777217.0), "16777216.0"), (_f32(1e-7), "1e-7"), (_f32(3.4028235e38), "3.4028235e38"),
    (_f32(1e10), "10000000000.0"), (_f32(-2.5), "-2.5"), (_f32(1.17549435e-38), "1.1754944e-38"),
])
def test_f32_display(x: float, text: str):
    assert f32_str(x) == text


@given(st.integers(1, 0x7F7FFFFF))
def test_f32_display_is_shortest_round_trip(bits: int):
    x = struct.unpack("<f", struct.pack("<I", bits))[0]
    text = f32_str(x)
    assert f32_round(float(text)) == x
    significant = len(text.lstrip("-").partition("e")[0].replace(".", "").strip("0"))
    for p in range(1, significant):  # no decimal with fewer digits is the same f32
        m, _, e = format(x, f".{p - 1}e").partition("e")
        base = int(m.replace(".", ""))
        for cand in (base - 1, base, base + 1):
            assert f32_round(float(f"{cand}e{int(e) - p + 1}")) != x, (text, cand)


def test_f32_round_overflow_and_ties():
    assert f32_round(1e39) == math.inf
    assert f32_round(-1e39) == -math.inf
    assert f32_round(16777217.0) == 16777216.0  # tie to even


@pytest.mark.parametrize(("x", "precision", "text"), [
    (1234.5, None, "1.2345e3"), (1.0, None, "1e0"), (0.00012, None, "1.2e-4"), (0.0, None, "0e0"),
    (1234.5, 2, "1.23e3"), (1e100, 1, "1.0e100"),
])
def test_exp_form(x: float, precision: int | None, text: str):
    assert exp_str(x, 64, precision) == text
