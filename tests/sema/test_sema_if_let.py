"""Checking `I let` / `LW let`: bindings scoped to the matching branch, irrefutable patterns warned
about, patterns checked against the value's type."""

from __future__ import annotations

from sema_helpers import clean, errors, warnings

from vais.sema import codes as c


def test_bindings_live_in_the_matching_branch_only() -> None:
    clean("""
        F main() {
            o := Some(3)
            v := I let Some(x) = o { x * 2 } E { 0 }
            stack := mut vec![1]
            LW let Some(t) = stack.pop() { println("{t} {v}") }
        }
    """)
    (d,) = errors("""
        F main() {
            o := Some(3)
            I let Some(x) = o { println("{x}") } E { println("{x}") }
        }
    """)
    assert (d.code, d.span.line) == (c.UNKNOWN_NAME, 3)


def test_without_else_the_branch_value_is_dropped_like_an_if() -> None:
    clean("""
        F main() {
            o := Some(3)
            I let Some(x) = o { x }
        }
    """)


def test_a_pattern_of_another_type_is_a_mismatch() -> None:
    (d,) = errors("""
        F main() {
            I let Some(x) = 5 { println("{x}") }
        }
    """)
    assert (d.code, d.span.line) == (c.MISMATCH, 2)


def test_an_irrefutable_pattern_is_a_warning_at_the_pattern() -> None:
    (w,) = [w for w in warnings("""
        F main() {
            I let (a, b) = (1, 2) { println("{a} {b}") }
        }
    """) if w.code == c.UNREACHABLE_ARM]
    assert w.message == "irrefutable `let` pattern" and w.span.line == 2
