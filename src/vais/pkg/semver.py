"""Semantic versions (semver.org 2.0) and Cargo-style version requirements.

Versions compare by semver precedence; build metadata is kept for printing but ignored for
ordering and identity (docs/package-format.md: `1.0.0+a` is the same version as `1.0.0`).
Requirements follow Cargo: a bare version means `^`, comparators are joined by commas, and a
pre-release version matches only when some comparator names a pre-release of the same
`MAJOR.MINOR.PATCH`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vais.pkg.errors import PkgError


class SemverError(PkgError):
    """A version or requirement string that does not parse."""


_NUM = r"0|[1-9]\d*"
_IDENT = r"[0-9A-Za-z-]+"
_VERSION_RE = re.compile(
    rf"^(?P<major>{_NUM})\.(?P<minor>{_NUM})\.(?P<patch>{_NUM})"
    rf"(?:-(?P<pre>{_IDENT}(?:\.{_IDENT})*))?(?:\+(?P<build>{_IDENT}(?:\.{_IDENT})*))?$"
)

PreIdent = int | str


_RELEASE_KEY = (1,)


def _pre_key(pre: tuple[PreIdent, ...]) -> tuple:
    """Sort key making a release outrank its pre-releases, numeric identifiers below alphanumeric."""
    if not pre:
        return _RELEASE_KEY
    return (0, *((0, p, "") if isinstance(p, int) else (1, 0, p) for p in pre))


class Version:
    """An immutable semantic version; ordering and equality follow semver precedence."""

    __slots__ = ("_key", "build", "major", "minor", "patch", "pre")

    def __init__(
        self, major: int, minor: int, patch: int, pre: tuple[PreIdent, ...] = (), build: tuple[str, ...] = ()
    ) -> None:
        self.major, self.minor, self.patch, self.pre, self.build = major, minor, patch, pre, build
        self._key = (major, minor, patch, _pre_key(pre))

    @classmethod
    def parse(cls, text: str) -> Version:
        """Parse `MAJOR.MINOR.PATCH[-pre][+build]` strictly (no leading zeros, no `v` prefix)."""
        return _parse_version(text)

    @classmethod
    def _parse(cls, text: str) -> Version:
        m = _VERSION_RE.match(text.strip())
        if m is None:
            raise SemverError(
                f"invalid version {text!r}: expected MAJOR.MINOR.PATCH such as 1.0.0 "
                "(optionally -pre.release and +build), numbers without leading zeros"
            )
        pre: tuple[PreIdent, ...] = ()
        if m["pre"]:
            idents = m["pre"].split(".")
            for ident in idents:
                if ident.isdigit() and len(ident) > 1 and ident[0] == "0":
                    raise SemverError(f"invalid version {text!r}: numeric pre-release {ident!r} has a leading zero")
            pre = tuple(int(i) if i.isdigit() else i for i in idents)
        build = tuple(m["build"].split(".")) if m["build"] else ()
        return cls(int(m["major"]), int(m["minor"]), int(m["patch"]), pre, build)

    @property
    def is_prerelease(self) -> bool:
        return bool(self.pre)

    @property
    def release(self) -> tuple[int, int, int]:
        return (self.major, self.minor, self.patch)

    def __str__(self) -> str:
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.pre:
            text += "-" + ".".join(str(p) for p in self.pre)
        if self.build:
            text += "+" + ".".join(self.build)
        return text

    def __repr__(self) -> str:
        return f"Version({str(self)!r})"

    # All comparisons are spelled out (not derived by functools.total_ordering): the resolver's
    # interval arithmetic compares versions hundreds of thousands of times.
    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, Version) and self._key == other._key)

    def __lt__(self, other: Version) -> bool:
        return self._key < other._key

    def __le__(self, other: Version) -> bool:
        return self._key <= other._key

    def __gt__(self, other: Version) -> bool:
        return self._key > other._key

    def __ge__(self, other: Version) -> bool:
        return self._key >= other._key

    def __hash__(self) -> int:
        return hash(self._key)


# Versions and requirements are immutable and index documents repeat the same strings many times,
# so parsing is memoised (bounded, to keep long-running processes small).
_parse_version = lru_cache(maxsize=8192)(Version._parse)


# The smallest pre-release of a release triple: `-0` (numeric identifiers sort first, and a
# pre-release has at least one identifier). Requirement bounds use it as "below every pre-release".
def lowest_of(major: int, minor: int, patch: int) -> Version:
    return Version(major, minor, patch, (0,))


_OPS = ("^", "~", ">=", "<=", ">", "<", "=")
_PARTIAL_RE = re.compile(
    r"^(?P<major>\d+|[*xX])(?:\.(?P<minor>\d+|[*xX]))?(?:\.(?P<patch>\d+|[*xX]))?"
    rf"(?:-(?P<pre>{_IDENT}(?:\.{_IDENT})*))?(?:\+{_IDENT}(?:\.{_IDENT})*)?$"
)


@dataclass(frozen=True, slots=True)
class Bound:
    """One end of a comparator's range: a version and whether it is included."""

    version: Version
    inclusive: bool


@dataclass(frozen=True, slots=True)
class Comparator:
    """One comparator of a requirement, as written (`^1.2`) and as a half-open range."""

    text: str
    lower: Bound | None
    upper: Bound | None
    pre_release: tuple[int, int, int] | None  # the triple whose pre-releases this comparator admits

    def contains(self, v: Version) -> bool:
        if self.lower is not None and (v < self.lower.version or (v == self.lower.version and not self.lower.inclusive)):
            return False
        return self.upper is None or v < self.upper.version or (v == self.upper.version and self.upper.inclusive)


def _num(text: str | None) -> int | None:
    return None if text is None or text in "*xX" else int(text)


def _parse_comparator(raw: str, whole: str) -> Comparator:
    text = raw.strip()
    op = next((o for o in _OPS if text.startswith(o)), "")
    rest = text[len(op):].strip()
    m = _PARTIAL_RE.match(rest)
    if m is None or not rest:
        raise SemverError(
            f"invalid version requirement {whole!r}: {text!r} is not a comparator; "
            "use forms like ^1.2.3, ~1.2, >=1.0, <2.0.0, =1.2.3, 1.*, or *"
        )
    major, minor, patch = _num(m["major"]), _num(m["minor"]), _num(m["patch"])
    if (major is None and (minor is not None or patch is not None)) or (minor is None and patch is not None):
        raise SemverError(f"invalid version requirement {whole!r}: a wildcard can only be followed by wildcards")
    if any(part and part[0] == "0" and len(part) > 1 and part.isdigit() for part in (m["major"], m["minor"], m["patch"])):
        raise SemverError(f"invalid version requirement {whole!r}: {text!r} has a leading zero")
    pre: tuple[PreIdent, ...] = ()
    if m["pre"]:
        if patch is None:
            raise SemverError(f"invalid version requirement {whole!r}: a pre-release needs a full MAJOR.MINOR.PATCH")
        pre = Version.parse(f"{major}.{minor}.{patch}-{m['pre']}").pre
    wildcard = "*" in rest or "x" in rest.split("-")[0].lower()
    if wildcard and op not in ("", "="):
        raise SemverError(f"invalid version requirement {whole!r}: wildcards can't follow an operator ({text!r})")
    if op == "" and not wildcard:
        op = "^"
    lower, upper = _range(op, major, minor, patch, pre)
    pre_triple = (major, minor, patch) if pre else None
    return Comparator(text, lower, upper, pre_triple)  # type: ignore[arg-type]


def _range(op: str, major: int | None, minor: int | None, patch: int | None, pre: tuple[PreIdent, ...]):
    """Translate one comparator into [lower, upper) bounds following Cargo's rules."""
    if major is None:
        return None, None

    def lt(a: int, b: int, c: int) -> Bound:  # below every pre-release of a.b.c
        return Bound(lowest_of(a, b, c), False)

    exact = Version(major, minor or 0, patch or 0, pre)
    # A full version is its own lower bound; a partial one (`1.2`) admits every 1.2.0 pre-release too.
    low = Bound(exact, True) if patch is not None else Bound(lowest_of(major, minor or 0, 0), True)
    if op in ("", "="):
        if minor is None:
            return low, lt(major + 1, 0, 0)
        if patch is None:
            return low, lt(major, minor + 1, 0)
        return low, Bound(exact, True)
    if op == "^":
        if major > 0 or minor is None:
            return low, lt(major + 1, 0, 0)
        if minor > 0 or patch is None:
            return low, lt(0, minor + 1, 0)
        return low, lt(0, 0, patch + 1)
    if op == "~":
        return low, (lt(major + 1, 0, 0) if minor is None else lt(major, minor + 1, 0))
    if op == ">=":
        return low, None
    if op == ">":
        if minor is None:
            return Bound(lowest_of(major + 1, 0, 0), True), None
        if patch is None:
            return Bound(lowest_of(major, minor + 1, 0), True), None
        return Bound(exact, False), None
    if op == "<":
        return None, Bound(exact, False) if patch is not None else lt(major, minor or 0, 0)
    # "<="
    if minor is None:
        return None, lt(major + 1, 0, 0)
    if patch is None:
        return None, lt(major, minor + 1, 0)
    return None, Bound(exact, True)


class VersionReq:
    """A parsed requirement: the conjunction of its comparators, Cargo semantics."""

    __slots__ = ("comparators", "text")

    def __init__(self, text: str, comparators: tuple[Comparator, ...]) -> None:
        self.text, self.comparators = text, comparators

    @classmethod
    def parse(cls, text: str) -> VersionReq:
        return _parse_req(text)

    @classmethod
    def _parse(cls, text: str) -> VersionReq:
        stripped = text.strip()
        if not stripped:
            raise SemverError("invalid version requirement '': it is empty; use * to accept any version")
        parts = stripped.split(",")
        if any(not p.strip() for p in parts):
            raise SemverError(f"invalid version requirement {text!r}: empty comparator between commas")
        return cls(stripped, tuple(_parse_comparator(p, text) for p in parts))

    @property
    def pre_releases(self) -> frozenset[tuple[int, int, int]]:
        """Release triples whose pre-releases this requirement admits."""
        return frozenset(c.pre_release for c in self.comparators if c.pre_release is not None)

    def matches(self, version: Version) -> bool:
        if version.pre and version.release not in self.pre_releases:
            return False
        return all(c.contains(version) for c in self.comparators)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"VersionReq({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VersionReq) and self.text == other.text

    def __hash__(self) -> int:
        return hash(self.text)


_parse_req = lru_cache(maxsize=4096)(VersionReq._parse)
