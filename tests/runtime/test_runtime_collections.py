"""Vec, HashMap and HashSet: bounds-checked panics, insertion order, sorting, value snapshots."""

from __future__ import annotations

import pytest

from vais.runtime import collections as c
from vais.runtime.panic import VaisPanic
from vais.runtime.values import Equal, Err, Greater, Less, Ok, Some, cmp_values


def test_conformance_027_vec():
    v: list[int] = c.vec_new()
    for x in (3, 1, 4, 1, 5):
        c.vec_push(v, x)
    c.index_set(v, 0, 30)
    c.vec_insert(v, 1, 99)
    assert v == [30, 99, 1, 4, 1, 5]
    assert c.vec_remove(v, 2) == 1
    assert v == [30, 99, 4, 1, 5]
    assert (c.vec_contains(v, 99), c.vec_contains(v, 7)) == (True, False)
    assert (c.vec_get(v, 1), c.vec_get(v, 50), c.vec_get(v, -1)) == (Some(99), None, None)
    assert c.vec_pop(v) == Some(5)
    c.vec_reverse(v)
    assert v == [1, 4, 99, 30]
    assert (c.slice_vec(v, 1, 3), c.slice_vec(v, 0, 2)) == ([4, 99], [1, 4])
    assert (c.vec_pop([]), c.vec_is_empty([]), c.vec_len(v)) == (None, True, 4)


def test_index_panics_with_rust_messages():
    v = [10, 20, 30]
    assert c.index_get(v, 2) == 30
    with pytest.raises(VaisPanic, match="index out of bounds: the len is 3 but the index is 5"):
        c.index_get(v, 5)
    with pytest.raises(VaisPanic, match="the len is 3 but the index is -1"):
        c.index_get(v, -1)
    with pytest.raises(VaisPanic, match="the index is 3"):
        c.index_set(v, 3, 0)
    with pytest.raises(VaisPanic, match=r"insertion index \(is 7\) should be <= len \(is 3\)"):
        c.vec_insert(v, 7, 0)
    with pytest.raises(VaisPanic, match=r"removal index \(is 3\) should be < len \(is 3\)"):
        c.vec_remove(v, 3)
    with pytest.raises(VaisPanic, match="range end index 5 out of range for slice of length 3"):
        c.slice_vec(v, 1, 5)
    with pytest.raises(VaisPanic, match="slice index starts at 2 but ends at 1"):
        c.slice_vec(v, 2, 1)
    with pytest.raises(VaisPanic, match="index out of bounds"):
        c.vec_swap(v, 0, 3)
    with pytest.raises(VaisPanic, match='key "zz" not found'):
        c.index_map({"a": 1}, "zz")


def test_more_vec_methods():
    v = [1, 1, 2, 3, 3, 3, 1]
    c.vec_dedup(v)
    assert v == [1, 2, 3, 1]
    c.vec_retain(v, lambda x: x != 1)
    assert v == [2, 3]
    c.vec_extend(v, iter([4, 5]))
    other = [6]
    c.vec_append(v, other)
    assert (v, other) == ([2, 3, 4, 5, 6], [])
    assert c.vec_split_off(v, 3) == [5, 6] and v == [2, 3, 4]
    c.vec_truncate(v, 1)
    assert v == [2]
    c.vec_resize(v, 3, 0)
    assert v == [2, 0, 0]
    assert c.vec_swap_remove([1, 2, 3, 4], 0) == 1
    assert c.vec_binary_search([1, 3, 5], 3) == Ok(1)
    assert c.vec_binary_search([1, 3, 5], 4) == Err(2)
    assert c.vec_index_of(["a", "b"], "b") == Some(1)
    assert c.vec_position([5, 6, 7], lambda x: x > 5) == Some(1)
    assert list(c.vec_windows([1, 2, 3], 2)) == [[1, 2], [2, 3]]
    assert list(c.vec_chunks([1, 2, 3], 2)) == [[1, 2], [3]]
    assert c.vec_concat([[1], [], [2, 3]]) == [1, 2, 3]
    assert c.vec_join(["ann", "bob", "cy"], ", ") == "ann, bob, cy"
    w = [1, 2, 3, 4]
    c.vec_rotate_left(w, 1)
    assert w == [2, 3, 4, 1]
    c.vec_rotate_right(w, 1)
    assert w == [1, 2, 3, 4]
    assert (c.vec_first([]), c.vec_last([1, 2])) == (None, Some(2))


def test_iteration_is_over_a_snapshot():
    v = [1, 2]
    seen = []
    for x in c.vec_iter(v):
        seen.append(x)
        v.append(x)
    assert seen == [1, 2]
    m = {"a": 1}
    for k in c.map_keys(m):
        m[k + "!"] = 0
    assert list(m) == ["a", "a!"]


def test_conformance_029_sort():
    v = [5, 2, 9, 1, 5, 6, -3]
    c.vec_sort(v)
    assert v == [-3, 1, 2, 5, 5, 6, 9]
    c.vec_sort_by(v, lambda a, b: Greater if b > a else Less if b < a else Equal)
    assert v == [9, 6, 5, 5, 2, 1, -3]
    words = ["pear", "apple", "fig", "banana", "Cherry"]
    c.vec_sort(words)
    assert words == ["Cherry", "apple", "banana", "fig", "pear"]
    c.vec_sort_by(words, lambda a, b: [Less, Equal, Greater][cmp_values(len(a), len(b)) + 1])
    assert words == ["fig", "pear", "apple", "Cherry", "banana"]  # stable
    pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
    c.vec_sort(pairs)
    assert pairs == [(1, "a"), (1, "z"), (2, "a"), (2, "b")]


def test_sort_with_none_values():
    opts = [Some(3), None, Some(1), None]
    c.vec_sort(opts)
    assert opts == [None, None, Some(1), Some(3)]
    units = [None, None]
    c.vec_sort(units)
    nested = [(1, None), (0, Some(2)), (1, None)]
    c.vec_sort(nested)
    assert nested == [(0, Some(2)), (1, None), (1, None)]
    keyed = ["bb", "a", "ccc"]
    c.vec_sort_by_key(keyed, len)
    assert keyed == ["a", "bb", "ccc"]


def test_conformance_030_hashmap():
    m: dict[str, int] = c.map_new()
    for k, v in (("apple", 3), ("banana", 5), ("cherry", 7)):
        c.map_insert(m, k, v)
    assert (c.map_get(m, "banana"), c.map_get(m, "durian")) == (Some(5), None)
    assert c.map_insert(m, "apple", 10) == Some(3)
    assert list(m) == ["apple", "banana", "cherry"]  # an update keeps its place
    assert c.map_insert(m, "fig", 2) is None
    assert (c.map_remove(m, "fig"), c.map_remove(m, "fig")) == (Some(2), None)
    c.map_remove(m, "apple")
    c.map_insert(m, "apple", 1)
    assert list(m) == ["banana", "cherry", "apple"]  # re-inserting moves to the end
    assert c.map_get_or(m, "kiwi", 0) == 0
    assert c.map_get_or_insert(m, "kiwi", 9) == 9 and m["kiwi"] == 9
    assert c.map_get_or_insert_with(m, "kiwi", lambda: 1) == 9
    assert list(c.map_iter({"a": 1})) == [("a", 1)]
    assert list(c.map_values({"a": 1})) == [1]
    units: dict[int, None] = {}
    assert c.map_insert(units, 1, None) is None
    assert c.map_insert(units, 1, None) == Some(None)
    assert c.map_get(units, 1) == Some(None)
    c.map_retain(m, lambda k, v: v > 5)
    assert m == {"cherry": 7, "kiwi": 9}
    assert c.map_from([(1, "one")]) == {1: "one"}


def test_conformance_031_hashset():
    s: dict[int, None] = c.set_new()
    for x in (3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5):
        c.set_insert(s, x)
    assert len(s) == 7
    assert (c.set_insert(s, 4), c.set_insert(s, 7)) == (False, True)
    assert (c.set_remove(s, 1), c.set_remove(s, 1)) == (True, False)
    assert list(s) == [3, 4, 5, 9, 2, 6, 7]
    a, b = c.set_from([1, 2, 3]), c.set_from([3, 4])
    assert list(c.set_union(a, b)) == [1, 2, 3, 4]
    assert list(c.set_intersection(a, b)) == [3]
    assert list(c.set_difference(a, b)) == [1, 2]
    assert list(c.set_symmetric_difference(a, b)) == [1, 2, 4]
    assert c.set_is_subset(c.set_from([1]), a) and c.set_is_superset(a, c.set_from([2]))
    assert c.set_is_disjoint(a, c.set_from([9]))
    c.set_extend(a, [0, 1])
    assert list(a) == [1, 2, 3, 0]
