"""Text of floats: shortest round-trip digits laid out the Vais way (language.md section 7):
fixed notation for 1e-5 <= |x| < 1e16 with at least one digit after the point, otherwise
`d.ddde-7` (no `+`, no padding), and `NaN`, `inf`, `-inf`, `-0.0`.

f64 digits come from Python's `repr` (David Gay's shortest round-trip algorithm); f32 digits are
searched for directly (the shortest decimal that rounds back to the same single-precision value).
"""

from __future__ import annotations

import math
import struct

_F32 = struct.Struct("<f")


def f32_round(x: float) -> float:
    """Round an f64 to the nearest f32 (ties to even); out-of-range values become +-inf."""
    try:
        return _F32.unpack(_F32.pack(x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def f64_str(x: float) -> str:
    """Display of an f64. The common case is Python's repr unchanged."""
    r = repr(x)
    if "e" in r:
        return _layout(x < 0, *_digits_of(r.lstrip("-")))
    if r == "nan":
        return "NaN"
    return r


def f32_str(x: float) -> str:
    """Display of an f32 value (held exactly in a Python float): shortest single-precision digits."""
    if x != x or x in (math.inf, -math.inf) or x == 0.0:
        return f64_str(x)
    return _layout(x < 0, *_f32_digits(abs(x)))


def float_str(x: float, bits: int = 64) -> str:
    return f32_str(x) if bits == 32 else f64_str(x)


def exp_str(x: float, bits: int = 64, precision: int | None = None, upper: bool = False) -> str:
    """`{:e}` of a finite non-negative float: `1.2345e3`, with `precision` digits after the point."""
    if precision is None:
        digits, exp = _f32_digits(x) if bits == 32 and x else _digits_of(repr(x))
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    else:
        mantissa, _, e = format(x, f".{precision}e").partition("e")
        exp = int(e)
    return f"{mantissa}{'E' if upper else 'e'}{exp}"


def _digits_of(r: str) -> tuple[str, int]:
    """(significant digits, decimal exponent of the first digit) of a non-negative repr/str."""
    mant, _, e = r.partition("e")
    ip, _, fp = mant.partition(".")
    all_digits = ip + fp
    stripped = all_digits.lstrip("0")
    if not stripped:
        return "0", 0
    lead = len(all_digits) - len(stripped)
    return stripped.rstrip("0") or "0", len(ip) + (int(e) if e else 0) - lead - 1


def _layout(neg: bool, digits: str, exp: int) -> str:
    sign = "-" if neg else ""
    if -5 <= exp < 16:
        if exp < 0:
            return f"{sign}0.{'0' * (-exp - 1)}{digits}"
        whole, frac = digits[: exp + 1], digits[exp + 1:]
        return f"{sign}{whole.ljust(exp + 1, '0')}.{frac or '0'}"
    frac = "." + digits[1:] if len(digits) > 1 else ""
    return f"{sign}{digits[0]}{frac}e{exp}"


def _f32_digits(x: float) -> tuple[str, int]:
    """Shortest digits that round-trip through f32 (the closest such decimal on ties in length)."""
    for p in range(1, 10):
        mant, _, e = format(x, f".{p - 1}e").partition("e")
        base = int(mant.replace(".", ""))
        exp = int(e)
        best: tuple[float, int] | None = None
        for cand in (base, base - 1, base + 1):
            if cand <= 0:
                continue
            value = float(f"{cand}e{exp - p + 1}")
            if f32_round(value) == x and (best is None or abs(value - x) < best[0]):
                best = (abs(value - x), cand)
        if best is not None:
            text = str(best[1])
            # a carry (9.99 -> 10.0) adds a digit: the exponent of the first digit grows
            return text.rstrip("0") or "0", exp + len(text) - p
    raise AssertionError(f"no f32 digits for {x!r}")  # 9 significant digits always round-trip
