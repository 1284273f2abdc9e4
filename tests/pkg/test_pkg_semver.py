"""Semver: parsing, precedence, Cargo requirement semantics, and agreement with the `semver` package."""

from __future__ import annotations

import pytest
import semver as reference
from hypothesis import given, settings
from hypothesis import strategies as st

from vais.pkg.semver import SemverError, Version, VersionReq
from vais.pkg.versionset import VersionSet

V = Version.parse

# -- strategies -----------------------------------------------------------------------------------

small = st.integers(min_value=0, max_value=4)
pre_ident = st.one_of(st.integers(min_value=0, max_value=12), st.sampled_from(["alpha", "beta", "rc", "a-b", "x1"]))
pre = st.lists(pre_ident, min_size=0, max_size=3).map(tuple)
build = st.lists(st.sampled_from(["build", "001", "sha-5", "7"]), min_size=0, max_size=2).map(tuple)
versions = st.builds(Version, small, small, small, pre, build)


# -- parsing and printing ----------------------------------------------------------------------------

@given(versions)
def test_print_parse_round_trip(v: Version) -> None:
    again = Version.parse(str(v))
    assert str(again) == str(v)
    assert again == v


@pytest.mark.parametrize("text", ["1", "1.2", "01.2.3", "1.2.3-", "1.2.3-01", "v1.2.3", "1.2.3+", "1..3", "a.b.c"])
def test_invalid_versions_are_rejected_with_a_hint(text: str) -> None:
    with pytest.raises(SemverError, match="invalid version"):
        Version.parse(text)


@pytest.mark.parametrize("text", ["", "^", ">=x", "1.2.3.4", "^1.*", ">=1.*", "1.*.3", "1,,2", "~>1.0", "^01.0"])
def test_invalid_requirements_are_rejected(text: str) -> None:
    with pytest.raises(SemverError, match="invalid version requirement"):
        VersionReq.parse(text)


def test_requirement_error_names_the_bad_comparator() -> None:
    with pytest.raises(SemverError) as err:
        VersionReq.parse(">=1.0, ^banana")
    assert err.value.message == (
        "invalid version requirement '>=1.0, ^banana': '^banana' is not a comparator; "
        "use forms like ^1.2.3, ~1.2, >=1.0, <2.0.0, =1.2.3, 1.*, or *"
    )


# -- precedence -----------------------------------------------------------------------------------

def test_semver_org_precedence_example() -> None:
    chain = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
             "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1"]
    assert [str(v) for v in sorted(V(t) for t in reversed(chain))] == chain


def test_build_metadata_is_ignored_for_identity() -> None:
    assert V("1.0.0+a") == V("1.0.0") and hash(V("1.0.0+a")) == hash(V("1.0.0"))


@given(versions, versions)
def test_order_agrees_with_semver_org(a: Version, b: Version) -> None:
    expected = reference.Version.parse(str(a)).compare(str(b))
    actual = (a > b) - (a < b)
    assert actual == expected
    assert (a == b) == (expected == 0)


# -- requirement semantics --------------------------------------------------------------------------

@pytest.mark.parametrize(("req", "inside", "outside"), [
    ("^1.2.3", ["1.2.3", "1.9.9"], ["1.2.2", "2.0.0", "2.0.0-alpha", "1.3.0-beta"]),
    ("1.2.3", ["1.2.3", "1.99.0"], ["2.0.0"]),
    ("~1.2.3", ["1.2.3", "1.2.99"], ["1.3.0", "1.2.2"]),
    ("1.2.*", ["1.2.0", "1.2.77"], ["1.3.0", "1.1.9"]),
    ("1.*", ["1.0.0", "1.9.0"], ["2.0.0", "0.9.0"]),
    ("*", ["0.0.1", "9.9.9"], ["1.0.0-alpha"]),
    ("^0.2.3", ["0.2.3", "0.2.9"], ["0.3.0", "0.2.2"]),
    ("^0.0.3", ["0.0.3"], ["0.0.4", "0.0.2"]),
    ("^0", ["0.0.0", "0.9.9"], ["1.0.0"]),
    ("^0.0", ["0.0.5"], ["0.1.0"]),
    ("~1", ["1.0.0", "1.9.0"], ["2.0.0"]),
    (">=1.2, <1.5", ["1.2.0", "1.4.9"], ["1.5.0", "1.1.9"]),
    ("=1.2.3", ["1.2.3"], ["1.2.4"]),
    ("<=1.2", ["1.2.9", "0.1.0"], ["1.3.0"]),
    (">1.2", ["1.3.0"], ["1.2.9"]),
    ("^1.2.3-beta.2", ["1.2.3-beta.2", "1.2.3-rc.1", "1.2.3", "1.5.0"], ["1.2.3-beta.1", "1.2.4-beta.3", "1.2.3-alpha"]),
    (">=1.0.0-rc.1, <2", ["1.0.0-rc.2", "1.5.0"], ["1.1.0-rc.1", "2.0.0-rc.1"]),
])
def test_cargo_requirement_semantics(req: str, inside: list[str], outside: list[str]) -> None:
    parsed = VersionReq.parse(req)
    assert [v for v in inside if not parsed.matches(V(v))] == []
    assert [v for v in outside if parsed.matches(V(v))] == []


def test_seed_table_is_normative() -> None:
    """`^1.2.3` = `>=1.2.3, <2.0.0`; `~1.2.3` = `>=1.2.3, <1.3.0` over a spread of versions."""
    spread = [V(f"{a}.{b}.{c}") for a in range(4) for b in range(5) for c in range(5)]
    for short, long in [("^1.2.3", ">=1.2.3, <2.0.0"), ("~1.2.3", ">=1.2.3, <1.3.0"), ("1.2.*", ">=1.2.0, <1.3.0")]:
        a, b = VersionReq.parse(short), VersionReq.parse(long)
        assert [v for v in spread if a.matches(v)] == [v for v in spread if b.matches(v)]


_OPS = {">=": ">=", "<=": "<=", ">": ">", "<": "<", "=": "=="}
stable_versions = st.builds(Version, small, small, small)


@settings(max_examples=300)
@given(st.sampled_from(sorted(_OPS)), versions.map(lambda v: Version(v.major, v.minor, v.patch, v.pre)), versions)
def test_matches_agrees_with_reference_package(op: str, bound: Version, v: Version) -> None:
    """Where Cargo and plain semver agree (stable versions, or pre-releases of the named triple)."""
    if v.pre and not (bound.pre and bound.release == v.release):
        return  # Cargo deliberately hides other pre-releases; the reference package does not
    ours = VersionReq.parse(f"{op}{bound}").matches(v)
    theirs = reference.Version.parse(str(v)).match(f"{_OPS[op]}{bound}")
    assert ours == theirs


@given(st.sampled_from(["^1.2", "~0.3.1", ">=1.0, <3", "2.*", "*", "=1.1.1", ">0.4, <=3.2.1", "^1.2.3-beta.1"]),
       st.lists(versions, max_size=8), versions)
def test_version_sets_agree_with_requirements(req: str, universe: list[Version], probe: Version) -> None:
    """The resolver's interval sets are exact over the versions they were built from."""
    parsed = VersionReq.parse(req)
    universe = [*universe, probe]
    vs = VersionSet.for_requirement(parsed, universe)
    assert all(vs.contains(v) == parsed.matches(v) for v in universe)
    assert all(vs.complement().contains(v) != parsed.matches(v) for v in universe)


@given(st.lists(stable_versions, min_size=1, max_size=4), st.lists(stable_versions, min_size=1, max_size=4), versions)
def test_version_set_algebra(a: list[Version], b: list[Version], probe: Version) -> None:
    sa = VersionSet.empty()
    for v in a:
        sa = sa.union(VersionSet.between(v, Version(v.major, v.minor, v.patch + 2)))
    sb = VersionSet.empty()
    for v in b:
        sb = sb.union(VersionSet.exactly(v))
    assert sa.intersect(sb).contains(probe) == (sa.contains(probe) and sb.contains(probe))
    assert sa.union(sb).contains(probe) == (sa.contains(probe) or sb.contains(probe))
    assert sa.difference(sb).contains(probe) == (sa.contains(probe) and not sb.contains(probe))
    assert sa.complement().complement() == sa
