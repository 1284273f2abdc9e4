"""Rust's closure-trait spellings in types: `T: Fn(A) -> R` (FnMut, FnOnce) in bounds and where
clauses and `impl Fn(A) -> R` as a type are function types that keep their spelling."""

from __future__ import annotations

import pytest
from syntax_support import errors, parse_ok, sx

from vais.syntax import ast


def fn_item(text: str) -> ast.FnDecl:
    (only,) = parse_ok(text).items
    assert isinstance(only, ast.FnDecl)
    return only


@pytest.mark.parametrize("trait", ["Fn", "FnMut", "FnOnce"])
def test_closure_trait_bounds_are_function_types(trait: str) -> None:
    fn = fn_item(f"F twice<T: {trait}(i64) -> i64>(f: T, x: i64) -> i64 = f(f(x))")
    (bound,) = fn.generics[0].bounds
    assert isinstance(bound, ast.FnType) and bound.style == trait and not bound.closure_syntax
    assert sx(bound) == f"{trait}(i64) -> i64"


def test_a_bound_without_result_and_more_bounds_after_it() -> None:
    fn = fn_item("F once<G: FnOnce(i64, Str) + Copy>(g: G) { g(1, \"a\") }")
    fnty, copy = fn.generics[0].bounds
    assert isinstance(fnty, ast.FnType) and fnty.ret is None and sx(fnty) == "FnOnce(i64, Str)"
    assert sx(copy) == "Copy"


def test_where_clause_bound_and_fn_as_a_plain_type_name() -> None:
    fn = fn_item("F run<F>(f: F, x: Fn, y: FnMut<i64>) -> i64 where F: FnMut() -> i64 { f() }")
    (pred,) = fn.where
    assert sx(pred.ty) == "F" and sx(pred.bounds) == "FnMut() -> i64"
    assert [sx(p.ty) for p in fn.params[1:]] == ["Fn", "FnMut<i64>"]  # no `(`: still a type's name
    assert all(isinstance(p.ty, ast.PathType) for p in fn.params[1:])


def test_impl_fn_as_parameter_and_result_type() -> None:
    fn = fn_item("F compose(f: impl Fn(i64) -> i64) -> impl FnMut(i64) -> i64 = |x| f(x)")
    param, ret = fn.params[0].ty, fn.ret
    assert isinstance(param, ast.FnType) and param.style == "impl Fn" and sx(param) == "impl Fn(i64) -> i64"
    assert isinstance(ret, ast.FnType) and ret.style == "impl FnMut"


def test_dyn_fn_in_a_box() -> None:
    fn = fn_item("F make() -> Box<dyn Fn(i64) -> i64> = Box::new(|x| x)")
    assert sx(fn.ret) == "Box<dyn Fn(i64) -> i64>"


def test_other_impl_trait_types_are_refused_with_the_generic_spelling() -> None:
    (err,) = errors("F show(x: impl Display) { }")
    assert err.code == "E0018" and "`impl Display`" in err.message
    assert err.help is not None and "F f<T: Display>(x: T)" in err.help
