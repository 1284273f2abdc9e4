"""Checker regressions found by the std probe (programs written to the reference by Rust users)."""

from __future__ import annotations

from sema_helpers import only_error


def test_collect_checks_the_item_type_against_the_target() -> None:
    err = only_error("""
        F main() {
            x: Vec<i64> = ["a"].iter().collect()
            println("{x:?}")
        }
    """)
    assert (err.message, err.span.line) == ("mismatched types", 2)
    assert err.label == "`Vec<i64>` cannot be collected from items of type `Str`"
    err = only_error("""
        F main() {
            y: HashMap<Str, i64> = [1, 2].iter().collect()
            println("{y:?}")
        }
    """)
    assert err.help == "the items must be `(Str, i64)`"
