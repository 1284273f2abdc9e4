"""Seedable pseudo-random numbers (`std/random`): xoshiro256** seeded through splitmix64.

The same seed gives the same sequence on every machine and in both engines:
- `Rng::seeded(s)`: the state is four successive splitmix64 outputs starting from `s` as a u64;
- `next_u64`: one xoshiro256** step; `next_i64` reinterprets it as signed;
- `next_f64`: the top 53 bits of `next_u64` divided by 2**53 (uniform in [0, 1));
- `range(lo, hi)`: uniform in [lo, hi) by rejection sampling (no modulo bias);
- `shuffle`: Fisher-Yates from the last index down, `j = range(0, i + 1)`.
`Rng::new()` seeds from the operating system.
"""

from __future__ import annotations

import os

from vais.runtime.panic import VaisPanic
from vais.runtime.values import Some

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_M64 = (1 << 64) - 1


def _splitmix64(x: int) -> tuple[int, int]:
    """(next state, output)."""
    x = (x + 0x9E3779B97F4A7C15) & _M64
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
    return x, z ^ (z >> 31)


def _rotl(x: int, k: int) -> int:
    return ((x << k) | (x >> (64 - k))) & _M64


class Rng:
    __slots__ = ("s0", "s1", "s2", "s3")

    def __init__(self, seed: int):
        x = seed & _M64
        state = []
        for _ in range(4):
            x, out = _splitmix64(x)
            state.append(out)
        self.s0, self.s1, self.s2, self.s3 = state

    def __repr__(self) -> str:
        return "Rng"


def rng_seeded(seed: int) -> Rng:
    return Rng(seed)


def rng_new() -> Rng:
    return Rng(int.from_bytes(os.urandom(8), "little"))


def rng_next_u64(r: Rng) -> int:
    s0, s1, s2, s3 = r.s0, r.s1, r.s2, r.s3
    result = (_rotl((s1 * 5) & _M64, 7) * 9) & _M64
    t = (s1 << 17) & _M64
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    r.s0, r.s1, r.s2, r.s3 = s0, s1, s2, _rotl(s3, 45)
    return result


def rng_next_i64(r: Rng) -> int:
    x = rng_next_u64(r)
    return x - (1 << 64) if x >> 63 else x


def rng_next_f64(r: Rng) -> float:
    return (rng_next_u64(r) >> 11) * (1.0 / (1 << 53))


def rng_next_bool(r: Rng) -> bool:
    return bool(rng_next_u64(r) >> 63)


def rng_range(r: Rng, lo: int, hi: int) -> int:
    """Uniform integer in [lo, hi)."""
    span = hi - lo
    if span <= 0:
        raise VaisPanic(f"cannot sample empty range {lo}..{hi}")
    limit = ((1 << 64) // span) * span  # accept only below a multiple of span: no modulo bias
    while True:
        x = rng_next_u64(r)
        if x < limit:
            return lo + x % span


def rng_range_f64(r: Rng, lo: float, hi: float) -> float:
    """Uniform float in [lo, hi)."""
    if not lo < hi:
        raise VaisPanic(f"cannot sample empty range {lo}..{hi}")
    return lo + (hi - lo) * rng_next_f64(r)


def rng_shuffle(r: Rng, v: list[Any]) -> None:
    for i in range(len(v) - 1, 0, -1):
        j = rng_range(r, 0, i + 1)
        v[i], v[j] = v[j], v[i]


def rng_choose(r: Rng, v: list[Any]) -> Some | None:
    return Some(v[rng_range(r, 0, len(v))]) if v else None


_global: list[Rng] = []


def _shared() -> Rng:
    if not _global:
        _global.append(rng_new())
    return _global[0]


def fn_random_f64() -> float:
    """A uniform float in [0, 1) from a process-wide generator seeded by the OS."""
    return rng_next_f64(_shared())


def fn_random_range(lo: int, hi: int) -> int:
    return rng_range(_shared(), lo, hi)
