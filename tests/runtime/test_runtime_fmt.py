"""Formatting descriptors and format specs, checked line by line against the conformance outputs."""

from __future__ import annotations

import math

import pytest

from vais.runtime import fmt
from vais.runtime.fmt import (
    ANY,
    BOOL,
    CHAR,
    DURATION,
    ERROR,
    F32,
    F64,
    I64,
    STR,
    UNIT,
    EnumFmt,
    MapFmt,
    OptionFmt,
    ResultFmt,
    SetFmt,
    StructFmt,
    TupleFmt,
    UserDisplayFmt,
    VecFmt,
    debug_any,
    format_positional,
    format_spec,
    int_fmt,
    parse_spec,
)
from vais.runtime.values import Duration, Err, Ok, Some, VaisError


def spec(v: object, desc: fmt.Fmt, text: str) -> str:
    return format_spec(v, desc, text)


def test_conformance_035_format_specs():
    n, s = 42, "ab"
    assert f"[{spec(n, I64, '5')}] [{spec(n, I64, '<5')}] [{spec(n, I64, '>5')}] [{spec(n, I64, '^5')}]" == (
        "[   42] [42   ] [   42] [ 42  ]")
    assert f"[{spec(s, STR, '5')}] [{spec(s, STR, '<5')}] [{spec(s, STR, '>5')}] [{spec(s, STR, '^5')}]" == (
        "[ab   ] [ab   ] [   ab] [ ab  ]")
    assert f"[{spec(n, I64, '05')}] [{spec(7, I64, '03')}] [{spec(n, I64, '1')}]" == "[00042] [007] [42]"
    pi = 3.14159265
    assert " ".join(spec(x, F64, t) for x, t in [(pi, ".2"), (pi, ".4"), (pi, "8.3"), (2.5, ".1"), (pi, ".0")]) == (
        "3.14 3.1416    3.142 2.5 3")
    radix = [(255, "x"), (255, "X"), (5, "b"), (8, "o"), (5, "08b"), (48879, "X")]
    assert " ".join(spec(x, I64, t) for x, t in radix) == "ff FF 101 10 00000101 BEEF"
    assert f"[{spec(s, STR, '?')}] [{spec(n, I64, '?')}] [{spec('q', STR, '?')}] [{spec(1.5, F64, '?')}]" == (
        '["ab"] [42] ["q"] [1.5]')
    v = VecFmt(STR)
    assert f"{spec(['a', 'b'], v, '?')} {v.display(['a', 'b'])}" == '["a", "b"] ["a", "b"]'
    o = OptionFmt(STR)
    assert f"{spec(Some('x'), o, '?')} {o.display(Some('x'))}" == 'Some("x") Some("x")'
    assert f"[{spec(1234567, I64, '10')}] [{spec(1234567, I64, '<10')}]" == "[   1234567] [1234567   ]"
    assert f"[{spec(-42, I64, '6')}] [{spec(-42, I64, '06')}] [{spec(-42, I64, '<6')}]" == "[   -42] [-00042] [-42   ]"
    name = "vais"
    assert " ".join(f"[{spec(name, STR, t)}]" for t in (">8", "^8", "<8", "2")) == (
        "[    vais] [  vais  ] [vais    ] [vais]")
    assert " ".join(f"[{spec(0.5, F64, t)}]" for t in ("6.2", "<6.2", "06.2")) == "[  0.50] [0.50  ] [000.50]"
    third = 1.0 / 3.0
    assert f"{spec(third, F64, '.3')} {spec(third, F64, '.10')} {spec(2.0 / 3.0, F64, '.2')}" == (
        "0.333 0.3333333333 0.67")
    rows = [f"{spec(i, I64, '>3')}|{spec(i * i, I64, '<3')}|{spec(i * 10, I64, '03')}|" for i in range(4)]
    assert rows == ["  0|0  |000|", "  1|1  |010|", "  2|4  |020|", "  3|9  |030|"]
    assert f"total: {spec(1234.5, F64, '>10.2')}" == "total:    1234.50"


def test_other_conformance_specs():
    assert spec(6.75, F64, ".2") == "6.75"  # 016
    assert spec(7.0, F64, ".2") == "7.00"
    assert spec(143 / 2, F64, ".2") == "71.50"
    assert spec(430 / 6, F64, ".2") == "71.67"  # 057
    assert spec("ava", STR, "<4") + spec(95, I64, ">4") == "ava   95"
    assert spec(0x5678, I64, "x") == "5678"  # 066
    assert spec(3, I64, "3") == "  3"  # 006


def test_precision_rounds_the_exact_binary_value_ties_to_even():
    assert spec(0.125, F64, ".2") == "0.12"
    assert spec(0.375, F64, ".2") == "0.38"
    assert spec(2.675, F64, ".2") == "2.67"  # 2.675 is really 2.67499999...
    assert spec(0.5, F64, ".0") == "0"
    assert spec(1.5, F64, ".0") == "2"
    assert spec(-0.0, F64, ".1") == "-0.0"


def test_spec_flags():
    assert spec(255, I64, "#x") == "0xff"
    assert spec(255, I64, "#010x") == "0x000000ff"
    assert spec(5, I64, "#b") == "0b101"
    assert spec(-1, int_fmt(32, True), "x") == "ffffffff"
    assert spec(-1, int_fmt(8, True), "b") == "11111111"
    assert spec(-1, I64, "X") == "FFFFFFFFFFFFFFFF"
    assert spec(5, I64, "+") == "+5"
    assert spec(5, I64, "+05") == "+0005"
    assert spec(1.5, F64, "+.1") == "+1.5"
    assert spec(42, I64, "*^7") == "**42***"
    assert spec("x", STR, "-<3") == "x--"
    assert spec("abcdef", STR, ".3") == "abc"
    assert spec("abcdef", STR, ">5.2") == "   ab"
    assert spec(True, BOOL, "6") == "true  "
    assert spec("z", CHAR, "?") == "'z'"
    assert spec("z", CHAR, ">3") == "  z"
    assert spec(None, UNIT, "4") == "()  "
    assert spec(1234, I64, "e") == "1.234e3"
    assert spec(1234.5, F64, "e") == "1.2345e3"
    assert spec(1234.5, F64, "E") == "1.2345E3"
    assert spec(1234.5, F64, ".1e") == "1.2e3"
    assert spec(math.nan, F64, "5") == "  NaN"
    assert spec(-math.inf, F64, "") == "-inf"
    assert spec(-7, I64, "x") == "fffffffffffffff9"


def test_spec_applies_to_the_leaves_of_composites():
    assert spec([1.5, 2.0], VecFmt(F64), ".2") == "[1.50, 2.00]"
    assert spec([255, 16], VecFmt(I64), "x") == "[ff, 10]"
    assert spec(["a"], VecFmt(STR), "") == '["a"]'
    assert spec(Some(3), OptionFmt(I64), "3") == "Some(  3)"
    assert spec(None, OptionFmt(I64), "6") == "None  "
    point = StructFmt("P", [("x", "x", F64)])

    class P:
        __slots__ = ("x",)

        def __init__(self, x: float):
            self.x = x

    assert spec(P(1.0), point, ".1") == "P { x: 1.0 }"


def test_parse_spec_errors():
    with pytest.raises(ValueError, match="unknown format type"):
        parse_spec("5z")
    with pytest.raises(ValueError, match="digits after"):
        parse_spec(".x")
    assert parse_spec(">8") is parse_spec(">8")  # cached


def test_containers_conformance():
    assert VecFmt(I64).display([1, 2, 3]) == "[1, 2, 3]"
    assert VecFmt(VecFmt(I64)).display([[1], [], [2, 3]]) == "[[1], [], [2, 3]]"
    assert VecFmt(F64).display([1.5, 2.0, -0.25]) == "[1.5, 2.0, -0.25]"
    t = TupleFmt([I64, STR, F64, BOOL])
    assert t.display((1, "one", 2.5, True)) == '(1, "one", 2.5, true)'
    assert TupleFmt([I64]).display((1,)) == "(1,)"
    assert MapFmt(STR, I64).display({"apple": 3, "banana": 5}) == '{"apple": 3, "banana": 5}'
    assert MapFmt(I64, STR).display({}) == "{}"
    assert MapFmt(STR, VecFmt(I64)).display({"odd": [1, 3], "even": [2]}) == '{"odd": [1, 3], "even": [2]}'
    assert SetFmt(I64).display(dict.fromkeys([1, 2])) == "{1, 2}"
    r = ResultFmt(I64, STR)
    assert f"{r.display(Ok(5))} {r.display(Err('boom'))}" == 'Ok(5) Err("boom")'
    assert OptionFmt(OptionFmt(I64)).display(Some(None)) == "Some(None)"
    assert VecFmt(CHAR).display(["a", "'"]) == "['a', '\\'']"
    assert CHAR.display("z") == "z"
    assert UNIT.display(None) == "()"
    assert BOOL.display(False) == "false"


def test_str_debug_escapes():
    assert STR.debug('say "hi"\n') == '"say \\"hi\\"\\n"'
    assert STR.debug("tab\there\\") == '"tab\\there\\\\"'
    assert STR.debug("it's é") == '"it\'s é"'
    assert STR.debug("\x00\x1b") == '"\\0\\u{1b}"'
    assert CHAR.debug('"') == "'\"'"


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x: float, y: float):
        self.x, self.y = x, y


def test_structs_and_enums():
    point = StructFmt("Point", [("x", "x", F64), ("y", "y", F64)])
    assert point.display(Point(1.0, 2.0)) == "Point { x: 1.0, y: 2.0 }"

    class Leaf:
        __slots__ = ()

    class Node:
        __slots__ = ("_0", "_1", "_2")

        def __init__(self, left: object, value: int, right: object):
            self._0, self._1, self._2 = left, value, right

    tree = EnumFmt("Tree")
    tree.variants[Leaf] = StructFmt("Leaf")
    tree.variants[Node] = StructFmt("Node", [("0", "_0", tree), ("1", "_1", I64), ("2", "_2", tree)], tuple=True)
    leaf = Leaf()
    assert tree.display(Node(leaf, 5, Node(leaf, 7, leaf))) == "Node(Leaf, 5, Node(Leaf, 7, Leaf))"
    assert spec(leaf, tree, ">6") == "  Leaf"
    assert OptionFmt(point).display(Some(Point(1.0, 1.0))) == "Some(Point { x: 1.0, y: 1.0 })"


def test_user_display():
    inner = StructFmt("Temp", [("c", "x", F64)])
    desc = UserDisplayFmt(inner, lambda p: f"{p.x} degrees")
    p = Point(21.5, 0.0)
    assert desc.display(p) == "21.5 degrees"
    assert desc.debug(p) == "Temp { c: 21.5 }"
    assert VecFmt(desc).display([p]) == "[Temp { c: 21.5 }]"
    assert spec(p, desc, ">14") == "  21.5 degrees"
    assert spec(p, desc, "?") == "Temp { c: 21.5 }"


def test_error_and_duration():
    e = VaisError("boom")
    assert (ERROR.display(e), ERROR.debug(e), VecFmt(ERROR).display([e])) == ("boom", 'Error("boom")', '[Error("boom")]')
    cases = {0: "0ns", 5: "5ns", 1_500: "1.5µs", 250_000_000: "250ms", 1_500_000_000: "1.5s",
             86_400_000_000_000: "86400s", 1_000_000_001: "1.000000001s"}
    for nanos, text in cases.items():
        assert DURATION.display(Duration(nanos)) == text
    assert spec(Duration(1_234_567_890), DURATION, ".2") == "1.23s"
    assert spec(Duration(1_999_600_000), DURATION, ".3") == "2.000s"
    assert spec(Duration(1_500_000), DURATION, ".0") == "2ms"


def test_f32_descriptor():
    from vais.runtime.floatrepr import f32_round

    assert F32.display(f32_round(0.1)) == "0.1"
    assert spec(f32_round(0.1), F32, ".10") == "0.1000000015"


def test_duck_typed_formatting():
    assert debug_any([1, "a", None, Some(2.5), (True,)]) == '[1, "a", (), Some(2.5), (true,)]'
    assert debug_any({"k": [1]}) == '{"k": [1]}'
    assert debug_any(dict.fromkeys([3, 4])) == "{3, 4}"
    assert debug_any(Err(VaisError("x"))) == 'Err(Error("x"))'
    assert ANY.display("raw") == "raw"
    assert fmt.display_any(1.0) == "1.0"


def test_format_positional_conformance_036():
    parts = ["item ", " x", ": ", ""]
    item = StructFmt("Item", [("id", "x", I64), ("qty", "y", I64)])
    it = Point(7, 2)
    assert format_positional(parts, [7, 2, it], [I64, I64, item]) == "item 7 x2: Item { id: 7, qty: 2 }"
    assert format_positional(["", " is ", ""], [0.1 + 0.2, 1e16], [F64, F64]) == "0.30000000000000004 is 1e16"
    assert format_positional(["[", "]"], [3], [(I64, parse_spec(">4"))]) == "[   3]"


def test_pretty_debug_like_rust():
    point = StructFmt("Point", [("x", "x", F64), ("y", "y", VecFmt(I64))])
    assert spec(Point(1.0, [1, 2]), point, "#?") == "Point {\n    x: 1.0,\n    y: [\n        1,\n        2,\n    ],\n}"
    nested = VecFmt(OptionFmt(TupleFmt([I64, STR])))
    assert spec([Some((1, "a")), None], nested, "#?") == (
        '[\n    Some(\n        (\n            1,\n            "a",\n        ),\n    ),\n    None,\n]')
    assert spec({"a": 1}, MapFmt(STR, I64), "#?") == '{\n    "a": 1,\n}'
    assert spec([], VecFmt(I64), "#?") == "[]"
    assert spec([255], VecFmt(I64), "#x") == "[0xff]"  # `#` without `?` is the radix prefix only
    assert spec(Ok(1), ResultFmt(I64, STR), "#?") == "Ok(\n    1,\n)"
