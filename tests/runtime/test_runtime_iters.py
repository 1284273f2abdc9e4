"""Iterators: lazy adapters, consumers with Rust's semantics, collect targets, ranges."""

from __future__ import annotations

import math

import pytest

from vais.runtime import iters as it
from vais.runtime.collections import vec_iter
from vais.runtime.floatrepr import f32_round
from vais.runtime.ints import wrap
from vais.runtime.panic import VaisPanic
from vais.runtime.values import Err, Ok, Ordering, Some, ordering_of


def test_conformance_028_vec_iter():
    v = list(range(1, 11))
    assert it.iter_collect(it.iter_map(vec_iter(v), lambda x: x * 2), "vec") == [2 * x for x in v]
    assert it.iter_sum(vec_iter(v), 64, True) == 55
    assert it.iter_fold(vec_iter(v), 1, lambda acc, x: acc * x) == 3628800
    odd_sq = it.iter_map(it.iter_filter(vec_iter(v), lambda x: x % 2 == 1), lambda x: x * x)
    assert it.iter_sum(odd_sq, 64, True) == 165
    assert it.iter_count(it.iter_filter(vec_iter(v), lambda x: x > 5)) == 5
    assert it.iter_any(vec_iter(v), lambda x: x > 9) and it.iter_all(vec_iter(v), lambda x: x > 0)
    assert (it.iter_max(vec_iter(v)), it.iter_min(vec_iter(v))) == (Some(10), Some(1))
    assert list(it.iter_enumerate(vec_iter(["ann", "bob"]))) == [(0, "ann"), (1, "bob")]
    assert list(it.iter_zip(vec_iter(["ann"]), vec_iter([31]))) == [("ann", 31)]
    assert it.iter_fold(vec_iter(v), "", lambda acc, x: acc + str(x)) == "12345678910"


def test_adapters():
    assert list(it.iter_take(range(10), 3)) == [0, 1, 2]
    assert list(it.iter_skip(range(5), 3)) == [3, 4]
    assert list(it.iter_step_by(range(10), 4)) == [0, 4, 8]
    assert list(it.iter_rev(map(str, range(3)))) == ["2", "1", "0"]
    assert list(it.iter_rev(range(3))) == [2, 1, 0]
    assert list(it.iter_chain([1], [2, 3])) == [1, 2, 3]
    assert list(it.iter_take_while([1, 2, 5, 1], lambda x: x < 3)) == [1, 2]
    assert list(it.iter_skip_while([1, 2, 5, 1], lambda x: x < 3)) == [5, 1]
    assert list(it.iter_flat_map([1, 2], lambda x: [x] * x)) == [1, 2, 2]
    assert list(it.iter_flatten([[1], [], [2]])) == [1, 2]
    assert list(it.iter_filter_map(["1", "x"], lambda s: Some(int(s)) if s.isdigit() else None)) == [1]
    assert list(it.iter_take(it.iter_cycle([1, 2]), 5)) == [1, 2, 1, 2, 1]
    seen = []
    assert list(it.iter_inspect([1, 2], seen.append)) == [1, 2] and seen == [1, 2]
    with pytest.raises(VaisPanic):
        it.iter_step_by([1], 0)


def test_consumers():
    assert it.iter_next(iter([7])) == Some(7)
    assert it.iter_next(iter([])) is None
    assert it.iter_last(iter([1, 2, 3])) == Some(3)
    assert it.iter_nth(iter("abc"), 1) == Some("b")
    assert it.iter_nth(iter("abc"), 5) is None
    assert it.iter_find([1, 4, 6], lambda x: x % 2 == 0) == Some(4)
    assert it.iter_position([1, 4, 6], lambda x: x > 4) == Some(2)
    assert it.iter_find_map(["a", "7"], lambda s: Some(int(s)) if s.isdigit() else None) == Some(7)
    assert it.iter_reduce([1, 2, 3], lambda a, b: a + b) == Some(6)
    assert it.iter_reduce([], lambda a, b: a + b) is None
    assert it.iter_partition([1, 2, 3, 4], lambda x: x % 2 == 0) == ([2, 4], [1, 3])
    assert it.iter_unzip([(1, "a"), (2, "b")]) == ([1, 2], ["a", "b"])
    out = []
    it.iter_for_each([1, 2], out.append)
    assert out == [1, 2]


def test_min_is_first_and_max_is_last_like_rust():
    pairs = [(1, "a"), (3, "b"), (1, "c"), (3, "d")]
    assert it.iter_min_by_key(pairs, lambda p: p[0]) == Some((1, "a"))
    assert it.iter_max_by_key(pairs, lambda p: p[0]) == Some((3, "d"))
    assert it.iter_max_by(pairs, lambda a, b: _cmp(a[0], b[0])) == Some((3, "d"))
    assert it.iter_min_by(pairs, lambda a, b: _cmp(a[0], b[0])) == Some((1, "a"))
    assert it.iter_max([]) is None
    assert it.iter_max([None, Some(2), None]) == Some(Some(2))
    assert it.iter_min([Some(1), None]) == Some(None)


def _cmp(a: int, b: int) -> Ordering:
    return ordering_of((a > b) - (a < b))


def test_sum_and_product_wrap_at_the_element_width():
    assert it.iter_sum([2 ** 62, 2 ** 62], 64, True) == -(2 ** 63)
    assert it.iter_sum([200, 100], 8, False) == 44
    assert it.iter_product(range(1, 30), 64, True) == wrap(math.factorial(29), 64, True)
    assert it.iter_product([255, 255], 8, False) == 1
    assert it.iter_product([], 32, True) == 1
    assert it.iter_sum([], 64, None) == 0.0 and isinstance(it.iter_sum([], 64, None), float)
    assert it.iter_sum([0.1] * 10, 64, None) == 0.9999999999999999  # left to right, not compensated
    assert it.iter_sum([f32_round(0.1)] * 3, 32, None) == f32_round(f32_round(0.1) * 3)
    assert it.iter_product([1.5, 2.0], 64, None) == 3.0


def test_collect_targets():
    assert it.iter_collect(iter("abc"), "str") == "abc"
    assert it.iter_collect(iter(["ab", "c"]), "str") == "abc"
    assert it.iter_collect(iter([3, 1, 3]), "set") == {3: None, 1: None}
    assert it.iter_collect(iter([("a", 1)]), "map") == {"a": 1}
    assert it.iter_collect(iter([Some(1), Some(2)]), "option_vec") == Some([1, 2])
    assert it.iter_collect(iter([Some(1), None]), "option_vec") is None
    assert it.iter_collect(iter([Ok(1), Ok(2)]), "result_vec") == Ok([1, 2])
    assert it.iter_collect(iter([Ok(1), Err("x"), Err("y")]), "result_vec") == Err("x")


def test_ranges():
    r = range(0, 10)
    assert it.range_contains(r, 9) and not it.range_contains(r, 10)
    assert (it.range_len(r), it.range_is_empty(range(5, 5))) == (10, True)
    assert list(it.range_rev(range(1, 4))) == [3, 2, 1]
    assert list(it.range_step_by(range(0, 10), 3)) == [0, 3, 6, 9]
    assert it.iter_sum(it.iter_map(range(1, 4), lambda x: x * x), 64, True) == 14


def test_classic_free_functions():
    xs = [1, 2, 3]
    assert it.fn_iter_map(xs, lambda x: x + 1) == [2, 3, 4]
    assert it.fn_iter_filter(xs, lambda x: x > 1) == [2, 3]
    assert (it.fn_iter_take(xs, 2), it.fn_iter_skip(xs, 2)) == ([1, 2], [3])
    assert it.fn_iter_chain(xs, [4]) == [1, 2, 3, 4]
    assert it.fn_iter_zip(xs, "ab") == [(1, "a"), (2, "b")]
    assert it.fn_iter_enumerate("ab") == [(0, "a"), (1, "b")]
