"""PubGrub's vocabulary: terms (a package and a version set, asserted or denied) and incompatibilities.

An incompatibility is a set of terms that must not all hold at once. Each one remembers why it
exists (a dependency, a missing version, or a conflict between two others) so that a failed
resolution can be explained as a derivation.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from vais.pkg.versionset import VersionSet


class Relation(Enum):
    SATISFIED = 1
    CONTRADICTED = 2
    INCONCLUSIVE = 3


class Term:
    """`package ∈ versions` when positive; `not (package ∈ versions)` when negative."""

    __slots__ = ("package", "positive", "versions")

    def __init__(self, package: str, versions: VersionSet, positive: bool = True) -> None:
        self.package, self.versions, self.positive = package, versions, positive

    def negate(self) -> Term:
        return Term(self.package, self.versions, not self.positive)

    def intersect(self, other: Term) -> Term:
        """Both terms at once (same package)."""
        a, b = self.versions, other.versions
        if self.positive and other.positive:
            return Term(self.package, a.intersect(b))
        if self.positive:
            return Term(self.package, a.difference(b))
        if other.positive:
            return Term(self.package, b.difference(a))
        return Term(self.package, a.union(b), False)

    def difference(self, other: Term) -> Term:
        return self.intersect(other.negate())

    def satisfies(self, other: Term) -> bool:
        """Whenever self holds, other holds."""
        if self.positive:
            if other.positive:
                return self.versions.subset_of(other.versions)
            return self.versions.disjoint(other.versions)
        return not other.positive and other.versions.subset_of(self.versions)

    def relation(self, other: Term) -> Relation:
        """How `other` fares when all we know about its package is `self`."""
        if self.satisfies(other):
            return Relation.SATISFIED
        if self.positive:
            if other.positive:
                disjoint = self.versions.disjoint(other.versions)
            else:
                disjoint = self.versions.subset_of(other.versions)
        else:
            disjoint = other.positive and other.versions.subset_of(self.versions)
        return Relation.CONTRADICTED if disjoint else Relation.INCONCLUSIVE

    def __repr__(self) -> str:
        return f"{'' if self.positive else 'not '}{self.package} {self.versions}"


class Cause(Enum):
    ROOT = "root"
    DEPENDENCY = "dependency"
    NO_VERSIONS = "no versions"
    NOT_FOUND = "not found"
    CONFLICT = "conflict"


class Incompatibility:
    """Terms that cannot all be true; terms for one package are merged by intersection."""

    __slots__ = ("cause", "causes", "note", "terms")  # note: requirement text, or a yanked-versions remark

    def __init__(
        self,
        terms: Iterable[Term],
        cause: Cause,
        causes: tuple[Incompatibility, Incompatibility] | None = None,
        note: str = "",
    ) -> None:
        merged: dict[str, Term] = {}
        for term in terms:
            seen = merged.get(term.package)
            merged[term.package] = term if seen is None else seen.intersect(term)
        self.terms = list(merged.values())
        self.cause, self.causes, self.note = cause, causes, note

    def is_failure(self, root: str) -> bool:
        """Empty, or only says "the root package is forbidden": resolution is impossible."""
        return not self.terms or (len(self.terms) == 1 and self.terms[0].positive and self.terms[0].package == root)

    def __repr__(self) -> str:
        return f"{{{', '.join(map(repr, self.terms))}}}"
