"""Dependency resolution with PubGrub: unit propagation, conflict-driven learning, decisions.

Written from the algorithm's published description. The solver keeps a partial solution
(decisions and derivations, each at a decision level) and a growing list of incompatibilities.
Propagation derives what the incompatibilities force; a satisfied incompatibility is a conflict,
resolved into a learned incompatibility that says *why*, and then we backjump. When the learned
incompatibility says "the root cannot be chosen", its derivation is the error message.

Determinism: packages are decided in (fewest allowed versions, name) order, and versions are
tried in a fixed preference order (locked, then newest stable, or lowest with prefer_lowest).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from vais.pkg.errors import PkgError
from vais.pkg.explain import explain
from vais.pkg.incompat import Cause, Incompatibility, Relation, Term
from vais.pkg.semver import Version, VersionReq
from vais.pkg.versionset import VersionSet


class ResolutionError(PkgError):
    """No set of versions satisfies the requirements; the message is the derivation."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One available version of a package and what it depends on."""

    version: Version
    deps: tuple[tuple[str, VersionReq], ...] = ()
    yanked: bool = False


class Provider(Protocol):
    """Where the resolver learns which versions exist (ascending order) and their dependencies."""

    def candidates(self, name: str) -> Sequence[Candidate]: ...


@dataclass(frozen=True)
class Resolution:
    """The chosen version of every package and who depends on whom."""

    versions: dict[str, Version]
    graph: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(slots=True)
class _Assignment:
    term: Term
    level: int
    index: int
    cause: Incompatibility | None  # None for a decision


class _Universe:
    """A package's selectable versions (yanked ones only when locked) with dependency runs."""

    __slots__ = ("candidates", "run_start", "versions", "yanked")

    def __init__(self, candidates: Sequence[Candidate], locked: Version | None) -> None:
        self.candidates = [c for c in candidates if not c.yanked or c.version == locked]
        self.versions = [c.version for c in self.candidates]
        self.yanked = [c.version for c in candidates if c.yanked and c.version != locked]

    def dependency_range(self, index: int, dep: tuple[str, VersionReq]) -> tuple[int, VersionSet]:
        """The widest run of consecutive versions around `index` that share `dep`, as a set.

        The set reaches from the run's first version to the next version after it (open-ended at
        either end of the list), which is exact over the known versions and reads well in errors.
        """
        lo = hi = index
        while lo > 0 and dep in self.candidates[lo - 1].deps:
            lo -= 1
        while hi + 1 < len(self.candidates) and dep in self.candidates[hi + 1].deps:
            hi += 1
        lower = None if lo == 0 else self.versions[lo]
        upper = None if hi == len(self.versions) - 1 else self.versions[hi + 1]
        return lo, VersionSet.between(lower, upper)


class Resolver:
    """One resolution run; call `solve()` once."""

    def __init__(
        self,
        root: str,
        root_candidate: Candidate,
        provider: Provider,
        locked: Mapping[str, Version] | None = None,
        prefer_lowest: bool = False,
    ) -> None:
        self.root, self.root_candidate, self.provider = root, root_candidate, provider
        self.locked = dict(locked or {})
        self.prefer_lowest = prefer_lowest
        self.universes: dict[str, _Universe] = {}
        self.incompats: dict[str, list[Incompatibility]] = {}
        self.added_deps: set[tuple[str, int, str, VersionReq]] = set()
        # partial solution
        self.assignments: list[_Assignment] = []
        self.by_package: dict[str, list[_Assignment]] = {}
        self.accumulated: dict[str, Term] = {}
        self.decisions: dict[str, Version] = {}
        self.level = 0
        self._count_cache: dict[str, tuple[Term, int]] = {}

    # -- universe ------------------------------------------------------------------------------

    def universe(self, name: str) -> _Universe:
        found = self.universes.get(name)
        if found is None:
            if name == self.root:
                found = _Universe([self.root_candidate], None)
            else:
                found = _Universe(self.provider.candidates(name), self.locked.get(name))
            self.universes[name] = found
        return found

    # -- partial solution ----------------------------------------------------------------------

    def _assign(self, term: Term, cause: Incompatibility | None) -> None:
        a = _Assignment(term, self.level, len(self.assignments), cause)
        self.assignments.append(a)
        self.by_package.setdefault(term.package, []).append(a)
        prev = self.accumulated.get(term.package)
        self.accumulated[term.package] = term if prev is None else prev.intersect(term)

    def _decide(self, name: str, version: Version) -> None:
        self.level += 1
        self.decisions[name] = version
        self._assign(Term(name, VersionSet.exactly(version)), None)

    def _backtrack(self, level: int) -> None:
        touched = set()
        while self.assignments and self.assignments[-1].level > level:
            a = self.assignments.pop()
            touched.add(a.term.package)
            self.by_package[a.term.package].pop()
            if a.cause is None:
                del self.decisions[a.term.package]
        for name in touched:
            acc: Term | None = None
            for a in self.by_package[name]:
                acc = a.term if acc is None else acc.intersect(a.term)
            if acc is None:
                del self.accumulated[name]
                del self.by_package[name]
            else:
                self.accumulated[name] = acc
        self.level = level

    def _relation(self, incompat: Incompatibility) -> tuple[Relation, Term | None]:
        unsatisfied = None
        for term in incompat.terms:
            acc = self.accumulated.get(term.package)
            if acc is None:
                rel = Relation.INCONCLUSIVE
            else:
                rel = acc.relation(term)
            if rel is Relation.CONTRADICTED:
                return rel, term
            if rel is Relation.INCONCLUSIVE:
                if unsatisfied is not None:
                    return rel, None
                unsatisfied = term
        if unsatisfied is None:
            return Relation.SATISFIED, None
        return Relation.INCONCLUSIVE, unsatisfied  # almost satisfied: exactly one term undecided

    # -- the algorithm -------------------------------------------------------------------------

    def _add(self, incompat: Incompatibility) -> None:
        for term in incompat.terms:
            self.incompats.setdefault(term.package, []).append(incompat)

    def solve(self) -> Resolution:
        root_version = self.root_candidate.version
        self._add(Incompatibility([Term(self.root, VersionSet.exactly(root_version), False)], Cause.ROOT))
        next_package: str | None = self.root
        while next_package is not None:
            self._propagate(next_package)
            next_package = self._make_decision()
        return self._result()

    def _propagate(self, package: str) -> None:
        changed = [package]
        while changed:
            name = changed.pop()
            for incompat in reversed(self.incompats.get(name, ())):
                rel, term = self._relation(incompat)
                if rel is Relation.SATISFIED:
                    cause = self._resolve_conflict(incompat)
                    rel, term = self._relation(cause)
                    assert term is not None
                    self._assign(term.negate(), cause)
                    changed = [term.package]
                    break
                if term is not None and rel is Relation.INCONCLUSIVE:
                    self._assign(term.negate(), incompat)
                    if term.package not in changed:
                        changed.append(term.package)

    def _satisfier(self, term: Term, limit: int | None = None, extra: Term | None = None) -> _Assignment | None:
        """Earliest assignment after which `term` holds (optionally intersected with `extra`)."""
        acc: Term | None = extra
        for a in self.by_package.get(term.package, ()):
            if limit is not None and a.index >= limit:
                return None
            acc = a.term if acc is None else acc.intersect(a.term)
            if acc.satisfies(term):
                return a
        return None

    def _resolve_conflict(self, incompat: Incompatibility) -> Incompatibility:
        changed = False
        while not incompat.is_failure(self.root):
            satisfiers = [(self._satisfier(t), t) for t in incompat.terms]
            latest, latest_term = max(satisfiers, key=lambda pair: pair[0].index)  # type: ignore[union-attr]
            assert latest is not None
            previous_level = 1
            for found, term in satisfiers:
                if term is latest_term:
                    earlier = self._satisfier(term, limit=latest.index, extra=latest.term)
                    if earlier is not None:
                        previous_level = max(previous_level, earlier.level)
                else:
                    assert found is not None
                    previous_level = max(previous_level, found.level)
            if latest.cause is None or previous_level != latest.level:
                if changed:
                    self._add(incompat)
                self._backtrack(previous_level)
                return incompat
            terms = [t for t in incompat.terms if t.package != latest_term.package]
            terms += [t for t in latest.cause.terms if t.package != latest_term.package]
            if not latest.term.satisfies(latest_term):
                terms.append(latest.term.difference(latest_term).negate())
            incompat = Incompatibility(terms, Cause.CONFLICT, (incompat, latest.cause))
            changed = True
        raise ResolutionError(explain(incompat, self.root))

    def _allowed_count(self, name: str, acc: Term) -> int:
        cached = self._count_cache.get(name)
        if cached is not None and cached[0] is acc:
            return cached[1]
        versions = self.universe(name).versions
        count = sum(1 for v in versions if acc.versions.contains(v))
        self._count_cache[name] = (acc, count)
        return count

    def _make_decision(self) -> str | None:
        best: tuple[int, str] | None = None
        for name, acc in self.accumulated.items():
            if acc.positive and name not in self.decisions:
                key = (self._allowed_count(name, acc), name)
                if best is None or key < best:
                    best = key
        if best is None:
            return None
        name = best[1]
        acc = self.accumulated[name]
        universe = self.universe(name)
        index = self._choose(name, universe, acc.versions)
        if index is None:
            self._add(self._no_versions(name, universe, acc.versions))
            return name
        candidate = universe.candidates[index]
        conflict = False
        for dep in candidate.deps:
            start, depender = universe.dependency_range(index, dep)
            dep_name, req = dep
            target = VersionSet.for_requirement(req, self.universe(dep_name).versions)
            incompat = Incompatibility(
                [Term(name, depender), Term(dep_name, target, False)], Cause.DEPENDENCY, note=str(req)
            )
            key = (name, start, dep_name, req)
            if key not in self.added_deps:
                self.added_deps.add(key)
                self._add(incompat)
            dep_acc = self.accumulated.get(dep_name)
            if dep_name != name and dep_acc is not None and dep_acc.relation(incompat.terms[-1]) is Relation.SATISFIED:
                conflict = True
        if not conflict:
            self._decide(name, candidate.version)
        return name

    def _no_versions(self, name: str, universe: _Universe, allowed: VersionSet) -> Incompatibility:
        if not universe.versions and not universe.yanked:
            return Incompatibility([Term(name, VersionSet.any())], Cause.NOT_FOUND)
        yanked = [str(v) for v in universe.yanked if allowed.contains(v)]
        note = f" (yanked: {', '.join(yanked)})" if yanked else ""
        return Incompatibility([Term(name, allowed)], Cause.NO_VERSIONS, note=note)

    def _choose(self, name: str, universe: _Universe, allowed: VersionSet) -> int | None:
        """Index of the preferred allowed version: locked, else newest stable (or lowest), else pre-release."""
        versions = universe.versions
        locked = self.locked.get(name)
        if locked is not None and allowed.contains(locked):
            i = bisect.bisect_left(versions, locked)
            if i < len(versions) and versions[i] == locked:
                return i
        order = range(len(versions)) if self.prefer_lowest else range(len(versions) - 1, -1, -1)
        fallback = None
        for i in order:
            v = versions[i]
            if allowed.contains(v):
                if not v.pre:
                    return i
                if fallback is None:
                    fallback = i
        return fallback

    def _result(self) -> Resolution:
        graph: dict[str, tuple[str, ...]] = {}
        for name, version in self.decisions.items():
            universe = self.universe(name)
            i = bisect.bisect_left(universe.versions, version)
            graph[name] = tuple(sorted({dep for dep, _ in universe.candidates[i].deps}))
        return Resolution(dict(sorted(self.decisions.items())), dict(sorted(graph.items())))


def resolve(
    root: str,
    root_candidate: Candidate,
    provider: Provider,
    locked: Mapping[str, Version] | None = None,
    prefer_lowest: bool = False,
) -> Resolution:
    """Choose one version per package satisfying every dependency, or raise ResolutionError."""
    return Resolver(root, root_candidate, provider, locked, prefer_lowest).solve()
