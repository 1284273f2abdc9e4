"""Turn the derivation of a failed resolution into sentences a person can follow.

Follows the reporting scheme of the PubGrub write-up: walk the derivation graph from the final
incompatibility, write one "Because X and Y, Z." line per derived step, number the lines that are
referred to more than once, and collapse chains of one derived plus one external cause.
"""

from __future__ import annotations

from vais.pkg.incompat import Cause, Incompatibility, Term


def _term(term: Term, root: str) -> str:
    if term.package == root or term.versions.is_any():
        return term.package
    return f"{term.package} {term.versions}"


def describe(incompat: Incompatibility, root: str) -> str:
    """One incompatibility as a clause: "app depends on a ^1.0", "b 2.0.0 is forbidden"."""
    terms = incompat.terms
    if incompat.cause is Cause.DEPENDENCY:
        depender = terms[0]
        subject = (
            f"every version of {depender.package}"
            if depender.package != root and depender.versions.is_any()
            else _term(depender, root)
        )
        if len(terms) == 1:  # a package depending on itself: the two terms merged into one
            return f"{subject} depends on {depender.package} {incompat.note}"
        return f"{subject} depends on {_term(terms[1], root)}"
    if incompat.cause is Cause.NO_VERSIONS:
        return f"no versions of {terms[0].package} match {terms[0].versions}{incompat.note}"
    if incompat.cause is Cause.NOT_FOUND:
        return f"{terms[0].package} doesn't exist"
    if incompat.cause is Cause.ROOT:
        return f"{root} is being resolved"
    visible = [t for t in terms if not (t.positive and t.package == root)]
    positive = [_term(t, root) for t in visible if t.positive]
    negative = [_term(t, root) for t in visible if not t.positive]
    if not visible:
        return "version solving failed"
    if len(visible) == 1:
        return f"{positive[0]} is forbidden" if positive else f"{negative[0]} is required"
    if len(positive) == 1 and len(negative) == 1:
        return f"{positive[0]} requires {negative[0]}"
    if not negative:
        return f"{' and '.join(positive)} are incompatible" if len(positive) > 2 else \
            f"{positive[0]} is incompatible with {positive[1]}"
    if not positive:
        return f"either {' or '.join(negative)} is required"
    return f"if {' and '.join(positive)} then {' or '.join(negative)} is required"


class _Report:
    def __init__(self, root: str, final: Incompatibility) -> None:
        self.root = root
        self.lines: list[tuple[str, int | None]] = []
        self.numbers: dict[int, int] = {}
        self.uses: dict[int, int] = {}
        self._count(final, set())

    def _count(self, incompat: Incompatibility, seen: set[int]) -> None:
        if incompat.causes is None:
            return
        for cause in incompat.causes:
            if cause.causes is not None:
                self.uses[id(cause)] = self.uses.get(id(cause), 0) + 1
                if id(cause) not in seen:
                    seen.add(id(cause))
                    self._count(cause, seen)

    def _d(self, incompat: Incompatibility) -> str:
        return describe(incompat, self.root)

    def _ref(self, incompat: Incompatibility) -> str:
        number = self.numbers.get(id(incompat))
        return f"{self._d(incompat)} ({number})" if number else self._d(incompat)

    def write(self, incompat: Incompatibility, text: str) -> None:
        number = None
        if self.uses.get(id(incompat), 0) > 1:
            number = len(self.numbers) + 1
            self.numbers[id(incompat)] = number
        self.lines.append((text, number))

    def visit(self, incompat: Incompatibility) -> None:
        assert incompat.causes is not None
        first, second = incompat.causes
        this = self._d(incompat)
        first_derived, second_derived = first.causes is not None, second.causes is not None
        if first_derived and second_derived:
            known = [c for c in (first, second) if id(c) in self.numbers]
            if len(known) == 2:
                self.write(incompat, f"Because {self._ref(first)} and {self._ref(second)}, {this}.")
            elif known:
                other = second if known[0] is first else first
                self.visit(other)
                self.write(incompat, f"And because {self._ref(known[0])}, {this}.")
            elif _single_step(first) or _single_step(second):
                simple, other = (second, first) if _single_step(second) else (first, second)
                self.visit(other)
                self.visit(simple)
                self.write(incompat, f"Thus, {this}.")
            else:
                self.visit(first)
                if id(first) not in self.numbers:
                    number = len(self.numbers) + 1
                    self.numbers[id(first)] = number
                    self.lines[-1] = (self.lines[-1][0], number)
                self.lines.append(("", None))
                self.visit(second)
                self.write(incompat, f"And because {self._ref(first)}, {this}.")
        elif first_derived or second_derived:
            derived, external = (first, second) if first_derived else (second, first)
            if id(derived) in self.numbers:
                self.write(incompat, f"Because {self._d(external)} and {self._ref(derived)}, {this}.")
            elif _collapsible(derived) and self.uses.get(id(derived), 0) <= 1:
                assert derived.causes is not None
                inner_derived, inner_external = (
                    derived.causes if derived.causes[0].causes is not None else derived.causes[::-1]
                )
                self.visit(inner_derived)
                self.write(incompat, f"And because {self._d(inner_external)} and {self._d(external)}, {this}.")
            else:
                self.visit(derived)
                self.write(incompat, f"And because {self._d(external)}, {this}.")
        else:
            self.write(incompat, f"Because {self._d(first)} and {self._d(second)}, {this}.")

    def render(self) -> str:
        if self.lines and self.lines[-1][0].startswith("And because"):
            text, number = self.lines[-1]
            self.lines[-1] = ("So, because" + text[len("And because"):], number)
        width = max((len(f"({n}) ") for _, n in self.lines if n), default=0)
        out = []
        for text, number in self.lines:
            prefix = f"({number}) ".ljust(width) if number else " " * width
            out.append((prefix + text).rstrip() if text else "")
        return "\n".join(out)


def _single_step(incompat: Incompatibility) -> bool:
    return incompat.causes is not None and all(c.causes is None for c in incompat.causes)


def _collapsible(incompat: Incompatibility) -> bool:
    """Derived from exactly one derived and one external incompatibility."""
    if incompat.causes is None:
        return False
    return sum(c.causes is not None for c in incompat.causes) == 1


def explain(final: Incompatibility, root: str) -> str:
    """The full derivation of `final` (an incompatibility saying resolution is impossible)."""
    if final.causes is None:
        text = describe(final, root)
        return text[0].upper() + text[1:] + "."
    report = _Report(root, final)
    report.visit(final)
    return report.render()
