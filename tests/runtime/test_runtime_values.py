"""Option/Result values and methods, Error, Ordering, Duration, Cell, ordering and copies of values."""

from __future__ import annotations

import pytest

from vais.runtime import options as o
from vais.runtime.panic import VaisPanic
from vais.runtime.values import (
    Cell,
    Duration,
    Equal,
    Err,
    Greater,
    Less,
    Ok,
    Some,
    VaisError,
    clone_value,
    cmp_values,
)


def test_structural_equality_hash_and_order():
    assert Some(2) == Some(2) and Some(2) != Some(3) and Some(2) != None  # noqa: E711
    assert Ok(3) == Ok(3) and Ok(3) != Err(3)
    assert len({Some(1), Some(1), Ok(1)}) == 2
    assert None < Some(0) and Some(1) < Some(2) and not Some(1) < None  # noqa: SIM300
    assert Ok(9) < Err(0)
    assert Some((1, None)) < Some((1, Some(0)))
    assert cmp_values(None, None) == 0
    assert cmp_values([1, None], [1, Some(1)]) == -1
    assert cmp_values((2, 0), (1, 9)) == 1
    assert cmp_values("Zebra", "apple") == -1
    assert cmp_values([1, 2], [1, 2, 0]) == -1


def test_option_methods():
    assert o.option_unwrap(Some(3)) == 3
    with pytest.raises(VaisPanic, match=r"called `Option::unwrap\(\)` on a `None` value"):
        o.option_unwrap(None)
    with pytest.raises(VaisPanic, match=r"^custom$"):
        o.option_expect(None, "custom")
    assert (o.option_unwrap_or(None, -1), o.option_unwrap_or(Some(5), -1)) == (-1, 5)
    assert o.option_unwrap_or_else(None, lambda: 7) == 7
    assert o.option_map(Some(2), lambda x: x * 10) == Some(20)
    assert o.option_map(None, lambda x: x) is None
    assert o.option_and_then(Some(2), lambda x: None) is None
    assert o.option_or_else(None, lambda: Some(1)) == Some(1)
    assert o.option_xor(Some(1), None) == Some(1) and o.option_xor(Some(1), Some(2)) is None
    assert o.option_filter(Some(4), lambda x: x > 5) is None
    assert o.option_ok_or(None, "e") == Err("e") and o.option_ok_or(Some(1), "e") == Ok(1)
    assert o.option_zip(Some(1), Some("a")) == Some((1, "a"))
    assert o.option_flatten(Some(Some(1))) == Some(1)
    assert list(o.option_iter(Some(1))) == [1] and list(o.option_iter(None)) == []
    assert o.option_map_or(None, 0, lambda x: x + 1) == 0
    assert o.option_is_some_and(Some(3), lambda x: x > 2)
    assert o.option_take(Some(1)) == (None, Some(1))
    assert o.option_replace(None, 5) == (Some(5), None)
    assert o.option_get_or_insert(None, 4) == (Some(4), 4)
    assert o.option_get_or_insert(Some(1), 4) == (Some(1), 1)
    assert o.option_get_or_insert_with(None, lambda: 8) == (Some(8), 8)


def test_result_methods():
    assert o.result_is_ok(Ok(1)) and o.result_is_err(Err(1))
    with pytest.raises(VaisPanic, match=r'called `Result::unwrap\(\)` on an `Err` value: "boom"'):
        o.result_unwrap(Err("boom"))
    with pytest.raises(VaisPanic, match=r'^reading config: Error\("missing"\)$'):
        o.result_expect(Err(VaisError("missing")), "reading config")
    with pytest.raises(VaisPanic, match="on an `Ok` value: 3"):
        o.result_unwrap_err(Ok(3))
    assert o.result_unwrap_or(Err(1), 0) == 0
    assert o.result_unwrap_or_else(Err(2), lambda e: e * 10) == 20
    assert o.result_map(Ok(2), lambda x: x + 1) == Ok(3)
    assert o.result_map_err(Err(2), str) == Err("2")
    assert o.result_and_then(Ok(2), lambda x: Err("no")) == Err("no")
    assert o.result_or_else(Err(1), lambda e: Ok(e)) == Ok(1)
    assert (o.result_ok(Ok(1)), o.result_ok(Err(1)), o.result_err(Err(2))) == (Some(1), None, Some(2))
    assert o.result_map_or(Err(0), 5, lambda x: x) == 5


def test_error_conversion_for_question_mark():
    e = o.error_from("bad input")
    assert (e.message, e.kind, str(e), repr(e)) == ("bad input", "Error", "bad input", 'Error("bad input")')
    assert o.error_from(e) is e
    assert o.error_new("x") == VaisError("x")
    assert o.error_with_kind("NotFound", "gone").kind == "NotFound"

    class NotFound:
        __slots__ = ("name",)

        def __init__(self, name: str):
            self.name = name

        def __repr__(self) -> str:
            return f"NotFound({self.name!r})"

    class Desc:
        @staticmethod
        def display(v: NotFound) -> str:
            return f"no such user: {v.name}"

    converted = o.error_from(NotFound("kim"), Desc())
    assert (converted.message, converted.kind, converted.source.name) == ("no such user: kim", "NotFound", "kim")


def test_ordering_and_bool_methods():
    assert o.ord_cmp(1, 2) is Less and o.ord_cmp("b", "a") is Greater and o.ord_cmp((1, 2), (1, 2)) is Equal
    assert o.ordering_reverse(Less) is Greater
    assert o.ordering_then(Equal, Less) is Less and o.ordering_then(Greater, Less) is Greater
    assert o.ordering_then_with(Equal, lambda: Greater) is Greater
    assert o.ordering_is_le(Less) and o.ordering_is_ge(Equal) and not o.ordering_is_lt(Equal)
    assert Less < Equal < Greater
    assert o.bool_then(True, lambda: 1) == Some(1) and o.bool_then_some(False, 1) is None
    assert o.bool_to_string(False) == "false"
    assert o.box_new([1]) == [1]


def test_duration_arithmetic():
    a, b = Duration(1_500_000_000), Duration(500_000_000)
    assert (a + b).nanos == 2_000_000_000 and (a - b).nanos == 1_000_000_000
    assert (a * 2).nanos == 3_000_000_000 and (2 * a).nanos == 3_000_000_000 and (a // 3).nanos == 500_000_000
    assert b < a and a == Duration(1_500_000_000) and hash(a) == hash(Duration(1_500_000_000))
    with pytest.raises(VaisPanic, match="overflow when subtracting durations"):
        _ = b - a
    assert repr(a) == "1.5s"


def test_clone_value_is_deep_and_keeps_immutables_shared():
    grid = [[1, 2], [3]]
    copy = clone_value(grid)
    copy[0].append(9)
    assert grid == [[1, 2], [3]]

    class P:
        __slots__ = ("xs",)

        def __init__(self, xs: list[int]):
            self.xs = xs

    p = P([1])
    q = clone_value(p)
    q.xs.append(2)
    assert p.xs == [1] and type(q) is P
    m = {"a": [1]}
    m2 = clone_value(m)
    m2["a"].append(2)
    assert m == {"a": [1]}
    s = "text"
    assert clone_value(s) is s
    assert clone_value(Some([1])) == Some([1])
    assert clone_value(Cell(3)).value == 3


def test_assign_in_place_keeps_identity():
    from vais.runtime.values import assign_in_place

    v = [1, 2]
    alias = v
    assign_in_place(v, [3])
    assert alias == [3]
    m = {"a": 1}
    assign_in_place(m, {"b": 2})
    assert m == {"b": 2}

    class P:
        __slots__ = ("x",)

        def __init__(self, x: int):
            self.x = x

    p = P(1)
    assign_in_place(p, P(5))
    assert p.x == 5


def test_char_range():
    from vais.runtime.iters import char_range

    assert "".join(char_range("a", "e")) == "abcd"
    assert "".join(char_range("a", "e", True)) == "abcde"
