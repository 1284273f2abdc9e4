"""The formatter keeps Rust's closure-trait spellings (`Fn(A) -> R` bounds, `impl Fn` types) as written."""

from __future__ import annotations

from fmt_support import assert_round_trip


def test_fn_trait_bounds_and_where_clauses_survive_formatting() -> None:
    source = ("F twice<T: Fn(i64) -> i64>(f: T, x: i64) -> i64 = f(f(x))\n\n"
              "F run<F>(mut f: F) where F: FnMut() { f() }\n\n"
              "F once<G: FnOnce(i64, i64) -> bool + Copy>(g: G) -> bool = g(1, 2)\n\n"
              "S Cache<F: Fn(i64) -> i64> { f: F }\n")
    assert assert_round_trip(source) == source


def test_impl_fn_and_dyn_fn_types_survive_formatting() -> None:
    source = ("F compose(f: impl Fn(i64) -> i64, g: impl FnOnce(i64) -> i64) -> impl Fn(i64) -> i64 = "
              "|x| g(f(x))\n\n"
              "F boxed() -> Box<dyn Fn(i64) -> i64> = Box::new(|x| x)\n")
    assert assert_round_trip(source) == source


def test_fn_bound_spacing_is_normalised() -> None:
    assert assert_round_trip("F f<T:Fn( i64 )->i64>(t: T) -> i64 = t(1)\n") == \
        "F f<T: Fn(i64) -> i64>(t: T) -> i64 = t(1)\n"

