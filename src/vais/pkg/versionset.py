"""Sets of versions as sorted disjoint intervals, so resolver terms stay exact under set algebra.

A set is a flat tuple of boundaries `(lower1, upper1, lower2, upper2, ...)`. A boundary is
`(version, flag)`: a lower bound `(v, 0)` means `>= v` and `(v, 1)` means `> v`; an upper bound
`(v, 1)` means `<= v` and `(v, 0)` means `< v`. With this encoding a point x lies in
`[lower, upper]` exactly when `lower < (x, 0.5) < upper`, the complement of a set is the same
boundary list shifted by one, and two intervals touch exactly when `lower2 <= upper1`.
"""

from __future__ import annotations

from collections.abc import Sequence

from vais.pkg.semver import Version, VersionReq

Boundary = tuple[Version, int]

_MIN = Version(-1, 0, 0)
_MAX = Version(1 << 62, 0, 0)
NEG: Boundary = (_MIN, 0)
POS: Boundary = (_MAX, 0)


class VersionSet:
    """An immutable set of versions; `label` keeps the requirement text it was written as, if any."""

    __slots__ = ("bounds", "label")

    def __init__(self, bounds: tuple[Boundary, ...], label: str | None = None) -> None:
        self.bounds = bounds
        self.label = label

    # -- construction --------------------------------------------------------------------------

    @staticmethod
    def any() -> VersionSet:
        return _ANY

    @staticmethod
    def empty() -> VersionSet:
        return _EMPTY

    @staticmethod
    def exactly(version: Version) -> VersionSet:
        return VersionSet(((version, 0), (version, 1)))

    @staticmethod
    def between(lower: Version | None, upper: Version | None) -> VersionSet:
        """`>= lower, < upper` (either side may be open)."""
        lo = NEG if lower is None else (lower, 0)
        hi = POS if upper is None else (upper, 0)
        return VersionSet((lo, hi)) if lo < hi else _EMPTY

    @staticmethod
    def for_requirement(req: VersionReq, universe: Sequence[Version] = ()) -> VersionSet:
        """The versions `req` matches, exact over `universe` (pre-releases it does not admit are cut out)."""
        lo, hi = NEG, POS
        for comp in req.comparators:
            if comp.lower is not None:
                lo = max(lo, (comp.lower.version, 0 if comp.lower.inclusive else 1))
            if comp.upper is not None:
                hi = min(hi, (comp.upper.version, 1 if comp.upper.inclusive else 0))
        result = VersionSet((lo, hi)) if lo < hi else _EMPTY
        admitted = req.pre_releases
        for v in universe:
            if v.pre and v.release not in admitted and result.contains(v):
                result = result.difference(VersionSet.exactly(v))
        return VersionSet(result.bounds, req.text)

    # -- queries -------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not self.bounds

    def is_any(self) -> bool:
        return self.bounds == _ANY.bounds

    def contains(self, v: Version) -> bool:
        b = self.bounds
        point = (v, 0.5)
        for i in range(0, len(b), 2):
            if point < b[i]:  # type: ignore[operator]
                return False
            if point < b[i + 1]:  # type: ignore[operator]
                return True
        return False

    def single_version(self) -> Version | None:
        b = self.bounds
        if len(b) == 2 and b[0][0] == b[1][0] and b[0][1] == 0 and b[1][1] == 1:
            return b[0][0]
        return None

    def subset_of(self, other: VersionSet) -> bool:
        return self.intersect(other.complement()).is_empty()

    def disjoint(self, other: VersionSet) -> bool:
        return self.intersect(other).is_empty()

    # -- algebra -------------------------------------------------------------------------------

    def complement(self) -> VersionSet:
        b = self.bounds
        if not b:
            return _ANY
        flipped = (NEG, *b, POS)
        if flipped[0] == flipped[1]:
            flipped = flipped[2:]
        if flipped and flipped[-1] == flipped[-2]:
            flipped = flipped[:-2]
        return VersionSet(flipped)

    def intersect(self, other: VersionSet) -> VersionSet:
        a, b = self.bounds, other.bounds
        if not a or not b:
            return _EMPTY
        if a == b:
            return self
        out: list[Boundary] = []
        i = j = 0
        while i < len(a) and j < len(b):
            lo = a[i] if a[i] > b[j] else b[j]
            a_hi, b_hi = a[i + 1], b[j + 1]
            hi = a_hi if a_hi < b_hi else b_hi
            if lo < hi:
                out += (lo, hi)
            if a_hi < b_hi:
                i += 2
            else:
                j += 2
        return VersionSet(tuple(out))

    def union(self, other: VersionSet) -> VersionSet:
        if not self.bounds:
            return other
        if not other.bounds or self.bounds == other.bounds:
            return self
        pairs = sorted(
            [self.bounds[i:i + 2] for i in range(0, len(self.bounds), 2)]
            + [other.bounds[i:i + 2] for i in range(0, len(other.bounds), 2)]
        )
        out: list[Boundary] = [pairs[0][0], pairs[0][1]]
        for lo, hi in pairs[1:]:
            if lo <= out[-1]:
                if hi > out[-1]:
                    out[-1] = hi
            else:
                out += (lo, hi)
        return VersionSet(tuple(out))

    def difference(self, other: VersionSet) -> VersionSet:
        return self.intersect(other.complement())

    # -- display -------------------------------------------------------------------------------

    def __str__(self) -> str:
        if self.label is not None:
            return self.label
        if self.is_any():
            return "*"
        if not self.bounds:
            return "∅"
        parts = []
        b = self.bounds
        for i in range(0, len(b), 2):
            parts.append(_interval_text(b[i], b[i + 1]))
        return " || ".join(parts)

    def __repr__(self) -> str:
        return f"VersionSet({self})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VersionSet) and self.bounds == other.bounds

    def __hash__(self) -> int:
        return hash(self.bounds)


def _show(v: Version) -> str:
    """A bound below every pre-release of x.y.z (`x.y.z-0`) reads best as `x.y.z`."""
    return f"{v.major}.{v.minor}.{v.patch}" if v.pre == (0,) else str(v)


def _interval_text(lo: Boundary, hi: Boundary) -> str:
    if lo[0] == hi[0]:
        return _show(lo[0])
    parts = []
    if lo != NEG:
        parts.append(f"{'>=' if lo[1] == 0 else '>'}{_show(lo[0])}")
    if hi != POS:
        parts.append(f"{'<=' if hi[1] == 1 else '<'}{_show(hi[0])}")
    return ", ".join(parts)


_ANY = VersionSet((NEG, POS))
_EMPTY = VersionSet(())
