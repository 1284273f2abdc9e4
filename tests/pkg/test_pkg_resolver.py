"""PubGrub resolver: solutions, backtracking, yanked/pre-release rules, preferences, explanations."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pkg_helpers import MemoryProvider, Registry, root_candidate

from vais.pkg.resolver import ResolutionError, resolve
from vais.pkg.semver import Version, VersionReq


def solve(registry: Registry, deps: dict[str, str], **options) -> dict[str, str]:
    result = resolve("app", root_candidate(deps), MemoryProvider(registry), **options)
    return {name: str(v) for name, v in result.versions.items() if name != "app"}


def failure(registry: Registry, deps: dict[str, str], **options) -> str:
    with pytest.raises(ResolutionError) as err:
        resolve("app", root_candidate(deps), MemoryProvider(registry), **options)
    return err.value.message


def test_diamond_picks_newest_shared_version() -> None:
    registry = {
        "a": {"1.0.0": {"c": "^1.0"}},
        "b": {"1.0.0": {"c": "^1.1"}},
        "c": {"1.0.0": {}, "1.1.0": {}, "1.2.0": {}, "2.0.0": {}},
    }
    assert solve(registry, {"a": "*", "b": "*"}) == {"a": "1.0.0", "b": "1.0.0", "c": "1.2.0"}


def test_graph_lists_dependencies() -> None:
    registry = {"a": {"1.0.0": {"c": "^1.0"}}, "c": {"1.0.0": {}}}
    result = resolve("app", root_candidate({"a": "*"}), MemoryProvider(registry))
    assert result.graph == {"a": ("c",), "app": ("a",), "c": ()}


def test_backtracks_when_newest_dependency_conflicts() -> None:
    """Greedy newest-first would take foo 1.1.0 (needs bar ^2) and fail against the root's bar ^1."""
    registry = {
        "foo": {"1.0.0": {"bar": "^1.0.0"}, "1.1.0": {"bar": "^2.0.0"}},
        "bar": {"1.0.0": {}, "1.1.0": {}, "2.0.0": {}},
    }
    assert solve(registry, {"foo": "^1.0.0", "bar": "^1.0.0"}) == {"bar": "1.1.0", "foo": "1.0.0"}


def test_learns_from_a_conflict_deep_in_the_graph() -> None:
    """foo 1.1.0 looks fine until shared/target clash two levels down; the learned clause rules it out."""
    registry = {
        "foo": {"1.0.0": {}, "1.1.0": {"left": "^1.0.0", "right": "^1.0.0"}},
        "left": {"1.0.0": {"shared": ">=1.0.0"}},
        "right": {"1.0.0": {"shared": "<2.0.0"}},
        "shared": {"1.0.0": {"target": "^1.0.0"}, "2.0.0": {}},
        "target": {"1.0.0": {}, "2.0.0": {}},
    }
    assert solve(registry, {"foo": "^1.0.0", "target": "^2.0.0"}) == {"foo": "1.0.0", "target": "2.0.0"}


def test_backtracks_past_a_transitive_choice() -> None:
    registry = {
        "a": {"1.0.0": {"x": "^1.0"}, "2.0.0": {"x": "^2.0"}},
        "b": {"1.0.0": {"x": "^1.0"}},
        "x": {"1.0.0": {}, "2.0.0": {}},
    }
    assert solve(registry, {"a": "*", "b": "*"}) == {"a": "1.0.0", "b": "1.0.0", "x": "1.0.0"}


def test_cycles_resolve() -> None:
    registry = {"a": {"1.0.0": {"b": "^1.0"}}, "b": {"1.0.0": {"a": "^1.0"}}}
    assert solve(registry, {"a": "^1.0"}) == {"a": "1.0.0", "b": "1.0.0"}


def test_cycle_back_to_root_is_checked() -> None:
    registry = {"a": {"1.0.0": {"app": "^2.0"}, "0.9.0": {}}}
    assert solve(registry, {"a": "*"}) == {"a": "0.9.0"}


def test_conflict_explanation_word_for_word() -> None:
    registry = {"a": {"1.0.0": {}, "2.0.0": {}}, "b": {"2.0.0": {"a": "^2.0"}}}
    assert failure(registry, {"a": "^1.0", "b": "^2.0"}) == (
        "Because every version of b depends on a ^2.0 and app depends on a ^1.0, b is forbidden.\n"
        "So, because app depends on b ^2.0, version solving failed."
    )


def test_linear_chain_explanation() -> None:
    registry = {"foo": {"1.0.0": {"bar": "^2.0.0"}}, "bar": {"2.0.0": {"baz": "^3.0.0"}},
                "baz": {"1.0.0": {}, "3.0.0": {}}}
    assert failure(registry, {"foo": "^1.0.0", "baz": "^1.0.0"}) == (
        "Because every version of foo depends on bar ^2.0.0 and every version of bar depends on baz ^3.0.0, "
        "foo requires baz ^3.0.0.\n"
        "So, because app depends on foo ^1.0.0 and app depends on baz ^1.0.0, version solving failed."
    )


def test_branching_explanation_numbers_shared_lines() -> None:
    registry = {
        "foo": {"1.0.0": {"a": "^1.0.0", "b": "^1.0.0"}, "1.1.0": {"x": "^1.0.0", "y": "^1.0.0"}},
        "a": {"1.0.0": {"b": "^2.0.0"}}, "b": {"1.0.0": {}, "2.0.0": {}},
        "x": {"1.0.0": {"y": "^2.0.0"}}, "y": {"1.0.0": {}, "2.0.0": {}},
    }
    assert failure(registry, {"foo": "^1.0.0"}) == "\n".join([
        "    Because every version of a depends on b ^2.0.0 and foo <1.1.0 depends on a ^1.0.0, "
        "foo <1.1.0 requires b ^2.0.0.",
        "(1) And because foo <1.1.0 depends on b ^1.0.0, foo <1.1.0 is forbidden.",
        "",
        "    Because every version of x depends on y ^2.0.0 and foo >=1.1.0 depends on x ^1.0.0, "
        "foo >=1.1.0 requires y ^2.0.0.",
        "    And because foo >=1.1.0 depends on y ^1.0.0, foo >=1.1.0 is forbidden.",
        "    And because foo <1.1.0 is forbidden (1), foo is forbidden.",
        "    So, because app depends on foo ^1.0.0, version solving failed.",
    ])


def test_missing_package_is_explained() -> None:
    assert failure({}, {"nope": "^1"}) == "Because nope doesn't exist and app depends on nope ^1, version solving failed."


def test_yanked_versions_are_skipped_unless_locked() -> None:
    registry = {"a": {"1.0.0": {}, "1.1.0!": {}}}
    assert solve(registry, {"a": "^1.0"}) == {"a": "1.0.0"}
    assert solve(registry, {"a": "^1.0"}, locked={"a": Version.parse("1.1.0")}) == {"a": "1.1.0"}


def test_only_yanked_versions_is_an_error_naming_them() -> None:
    message = failure({"a": {"1.0.0": {}, "2.0.0!": {}}}, {"a": "^2.0"})
    assert "no versions of a match ^2.0 (yanked: 2.0.0)" in message


def test_pre_releases_only_when_requested() -> None:
    registry = {"a": {"1.0.0": {}, "1.1.0-beta.1": {}, "2.0.0-rc.1": {}}}
    assert solve(registry, {"a": "^1.0"}) == {"a": "1.0.0"}
    assert solve(registry, {"a": "^1.1.0-beta.1"}) == {"a": "1.1.0-beta.1"}
    assert solve(registry, {"a": ">=2.0.0-rc.1"}) == {"a": "2.0.0-rc.1"}
    assert "no versions of a match >=2.0" in failure(registry, {"a": ">=2.0"})


def test_prefer_lowest() -> None:
    registry = {"a": {"1.0.0": {"b": "^1.1"}, "1.5.0": {"b": "^1.0"}}, "b": {"1.0.0": {}, "1.1.0": {}, "1.2.0": {}}}
    assert solve(registry, {"a": "^1.0"}, prefer_lowest=True) == {"a": "1.0.0", "b": "1.1.0"}
    assert solve(registry, {"a": "^1.0"}) == {"a": "1.5.0", "b": "1.2.0"}


def test_locked_versions_are_preferred_while_they_fit() -> None:
    registry = {"a": {"1.0.0": {}, "1.2.0": {}, "2.0.0": {}}}
    assert solve(registry, {"a": "^1.0"}, locked={"a": Version.parse("1.0.0")}) == {"a": "1.0.0"}
    assert solve(registry, {"a": "^2.0"}, locked={"a": Version.parse("1.0.0")}) == {"a": "2.0.0"}


def test_resolution_is_deterministic() -> None:
    registry = {f"p{i}": {f"{m}.0.0": {f"p{(i + m) % 7}": f"^{(i + m) % 3 + 1}.0"} for m in (1, 2, 3)} for i in range(7)}
    outcomes = set()
    for _ in range(3):
        try:
            outcomes.add(repr(solve(registry, {"p0": "*", "p3": "*"})))
        except ResolutionError as exc:
            outcomes.add(exc.message)
    assert len(outcomes) == 1


# -- agreement with brute force on small random registries ------------------------------------------

_NAMES = ["a", "b", "c", "d"]
_VERSIONS = ["1.0.0", "1.1.0", "2.0.0"]
_REQS = ["^1.0", "^1.1", "^2.0", "*", "<1.1", "=1.0.0"]
_deps = st.dictionaries(st.sampled_from(_NAMES), st.sampled_from(_REQS), max_size=2)
_registries = st.dictionaries(
    st.sampled_from(_NAMES), st.dictionaries(st.sampled_from(_VERSIONS), _deps, min_size=1), min_size=1
)


def _valid(registry: Registry, root: dict[str, str], chosen: dict[str, str]) -> bool:
    def ok(deps: dict[str, str]) -> bool:
        return all(d in chosen and VersionReq.parse(r).matches(Version.parse(chosen[d])) for d, r in deps.items())
    return ok(root) and all(ok(dict(registry[n][v])) for n, v in chosen.items())


def _brute_force(registry: Registry, root: dict[str, str]) -> bool:
    options = [[None, *registry.get(n, {})] for n in _NAMES]
    for combo in itertools.product(*options):
        chosen = {n: v for n, v in zip(_NAMES, combo, strict=True) if v is not None}
        if _valid(registry, root, chosen):
            return True
    return False


@settings(max_examples=300, deadline=None)
@given(_registries, _deps)
def test_solution_exists_exactly_when_brute_force_finds_one(registry: Registry, root: dict[str, str]) -> None:
    try:
        found = solve(registry, root)
    except ResolutionError:
        assert not _brute_force(registry, root)
    else:
        assert _valid(registry, root, found)
