"""Time (`std/time`): `Instant` (a monotonic clock reading), `Duration` methods, `sleep`, wall time.

`Duration` itself (whole nanoseconds) lives in `values.py`; duration literals (`250ms`) compile to
`Duration(nanoseconds)`.
"""

from __future__ import annotations

import time

from vais.runtime.panic import VaisPanic
from vais.runtime.values import NANOS_PER_SEC, Duration, Some


class Instant:
    """A reading of the monotonic clock in nanoseconds; `later - earlier` is a Duration."""

    __slots__ = ("ns",)

    def __init__(self, ns: int):
        self.ns = ns

    def __sub__(self, other: Instant | Duration) -> Duration | Instant:
        if isinstance(other, Duration):
            return Instant(self.ns - other.nanos)
        return Duration(max(self.ns - other.ns, 0))

    def __add__(self, d: Duration) -> Instant:
        return Instant(self.ns + d.nanos)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Instant) and self.ns == other.ns

    def __hash__(self) -> int:
        return hash(self.ns)

    def __lt__(self, other: Instant) -> bool:
        return self.ns < other.ns

    def __le__(self, other: Instant) -> bool:
        return self.ns <= other.ns

    def __gt__(self, other: Instant) -> bool:
        return self.ns > other.ns

    def __ge__(self, other: Instant) -> bool:
        return self.ns >= other.ns

    def __repr__(self) -> str:
        return f"Instant({self.ns}ns)"


def instant_now() -> Instant:
    return Instant(time.perf_counter_ns())


def instant_elapsed(i: Instant) -> Duration:
    return Duration(max(time.perf_counter_ns() - i.ns, 0))


def instant_duration_since(i: Instant, earlier: Instant) -> Duration:
    """Zero when `earlier` is in fact later (like Rust's saturating behaviour)."""
    return Duration(max(i.ns - earlier.ns, 0))


def fn_sleep(d: Duration) -> None:
    time.sleep(d.nanos / NANOS_PER_SEC)


def fn_unix_time() -> float:
    """Seconds since 1970-01-01 UTC."""
    return time.time()


def fn_unix_millis() -> int:
    return time.time_ns() // 1_000_000


# -- Duration ------------------------------------------------------------------------------------------

def _nonneg(n: int, what: str) -> int:
    if n < 0:
        raise VaisPanic(f"cannot make a negative Duration from {what}")
    return n


def duration_new(secs: int, nanos: int) -> Duration:
    return Duration(_nonneg(secs * NANOS_PER_SEC + nanos, f"{secs}s + {nanos}ns"))


def duration_zero() -> Duration:
    return Duration(0)


def duration_from_secs(n: int) -> Duration:
    return Duration(_nonneg(n, f"{n} seconds") * NANOS_PER_SEC)


def duration_from_millis(n: int) -> Duration:
    return Duration(_nonneg(n, f"{n} milliseconds") * 1_000_000)


def duration_from_micros(n: int) -> Duration:
    return Duration(_nonneg(n, f"{n} microseconds") * 1_000)


def duration_from_nanos(n: int) -> Duration:
    return Duration(_nonneg(n, f"{n} nanoseconds"))


def duration_from_secs_f64(x: float) -> Duration:
    if not x >= 0 or x == float("inf"):
        raise VaisPanic(f"cannot convert float seconds to Duration: value is {'negative' if x < 0 else 'not finite'}")
    return Duration(round(x * NANOS_PER_SEC))


def duration_as_secs(d: Duration) -> int:
    return d.nanos // NANOS_PER_SEC


def duration_as_millis(d: Duration) -> int:
    return d.nanos // 1_000_000


def duration_as_micros(d: Duration) -> int:
    return d.nanos // 1_000


def duration_as_nanos(d: Duration) -> int:
    return d.nanos


def duration_as_secs_f64(d: Duration) -> float:
    return d.nanos / NANOS_PER_SEC


def duration_subsec_millis(d: Duration) -> int:
    return d.nanos % NANOS_PER_SEC // 1_000_000


def duration_subsec_micros(d: Duration) -> int:
    return d.nanos % NANOS_PER_SEC // 1_000


def duration_subsec_nanos(d: Duration) -> int:
    return d.nanos % NANOS_PER_SEC


def duration_is_zero(d: Duration) -> bool:
    return d.nanos == 0


def duration_checked_sub(d: Duration, other: Duration) -> Some | None:
    return Some(Duration(d.nanos - other.nanos)) if other.nanos <= d.nanos else None


def duration_saturating_sub(d: Duration, other: Duration) -> Duration:
    return Duration(max(d.nanos - other.nanos, 0))


def duration_mul_f64(d: Duration, k: float) -> Duration:
    return duration_from_secs_f64(d.nanos / NANOS_PER_SEC * k)
