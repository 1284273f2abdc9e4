"""Match exhaustiveness (the missing patterns named in the error) and the unreachable-arm warning."""

from __future__ import annotations

import pytest
from sema_helpers import clean, codes, only_error, warnings

from vais.sema import codes as c

COLOR = "E Color { Red, Green, Blue }\n"


def missing(text: str) -> str:
    """The message of the single NOT_EXHAUSTIVE error `text` produces."""
    d = only_error(text)
    assert d.code == c.NOT_EXHAUSTIVE
    return d.message


def test_enum_missing_variant_named() -> None:
    assert missing(COLOR + "F f(x: Color) -> i64 = M x { Red => 1, Green => 2 }\nF main() {}\n") == \
        "non-exhaustive patterns: `Blue` not covered"


def test_enum_all_variants_or_pattern_and_wildcard() -> None:
    clean(COLOR + "F f(x: Color) -> i64 = M x { Red | Green => 1, Blue => 2 }\nF main() {}\n")
    clean(COLOR + "F f(x: Color) -> i64 = M x { Red => 1, _ => 2 }\nF main() {}\n")
    clean(COLOR + "F f(x: Color) -> i64 = M x { Red => 1, other => 2 }\nF main() {}\n")


def test_several_missing_variants_listed() -> None:
    msg = missing(COLOR + "F f(x: Color) -> i64 = M x { Green => 2 }\nF main() {}\n")
    assert msg == "non-exhaustive patterns: `Red` and `Blue` not covered"


def test_more_than_three_missing_are_summarised() -> None:
    msg = missing("E Dd { A1, A2, A3, A4, A5 }\nF f(x: Dd) -> i64 = M x { A5 => 1 }\nF main() {}\n")
    assert msg == "non-exhaustive patterns: `A1` and `A2` and `A3` and more not covered"


def test_error_line_is_the_match_keyword() -> None:
    d = only_error(COLOR + "F f(x: Color) -> i64 {\n    y := 1\n    M x {\n        Red => y\n    }\n}\nF main() {}\n")
    assert (d.span.line, d.span.col) == (4, 5)
    assert d.help == "add an arm for `Green` and `Blue`, or a catch-all arm `_ => ...`"


def test_enum_payloads() -> None:
    shape = "E Shape { Circle(f64), Rect { w: f64, h: f64 }, Empty }\n"
    clean(shape + "F a(s: Shape) -> f64 = M s { Circle(r) => r, Rect { w, h } => w * h, Empty => 0.0 }\nF main() {}\n")
    assert missing(shape + "F a(s: Shape) -> f64 = M s { Circle(r) => r, Empty => 0.0 }\nF main() {}\n") == \
        "non-exhaustive patterns: `Rect { w: _, h: _ }` not covered"


def test_nested_option() -> None:
    text = "F f(o: Option<Option<bool>>) -> i64 = M o { Some(Some(true)) => 1, Some(None) => 2, None => 3 }\nF main() {}\n"
    assert missing(text) == "non-exhaustive patterns: `Some(Some(false))` not covered"
    clean("F f(o: Option<Option<bool>>) -> i64 = M o { Some(Some(_)) => 1, Some(None) => 2, None => 3 }\nF main() {}\n")


def test_option_none_missing() -> None:
    assert missing("F f(o: Option<i64>) -> i64 = M o { Some(x) => x }\nF main() {}\n") == \
        "non-exhaustive patterns: `None` not covered"


def test_result_arms() -> None:
    clean("F f(r: Result<i64>) -> i64 = M r { Ok(v) => v, Err(e) => e.message().len() }\nF main() {}\n")
    assert missing("F f(r: Result<i64>) -> i64 = M r { Ok(v) => v }\nF main() {}\n") == \
        "non-exhaustive patterns: `Err(_)` not covered"


def test_tuple_of_bools() -> None:
    assert missing("F f(a: bool, b: bool) -> i64 = M (a, b) { (true, _) => 1, (false, true) => 2 }\nF main() {}\n") == \
        "non-exhaustive patterns: `(false, false)` not covered"
    clean("F f(a: bool, b: bool) -> i64 = M (a, b) { (true, _) => 1, (_, true) => 2, (false, false) => 3 }\nF main() {}\n")


def test_three_bools_lists_each_missing_row() -> None:
    msg = missing("F f(t: (bool, bool, bool)) -> i64 = M t { (true, true, _) => 1, (false, _, true) => 2 }\nF main() {}\n")
    assert msg == "non-exhaustive patterns: `(false, _, false)` and `(true, false, _)` not covered"


def test_bool() -> None:
    clean("F f(b: bool) -> i64 = M b { true => 1, false => 0 }\nF main() {}\n")
    assert missing("F f(b: bool) -> i64 = M b { true => 1 }\nF main() {}\n") == \
        "non-exhaustive patterns: `false` not covered"


def test_integers_need_a_catch_all() -> None:
    assert missing("F f(n: i64) -> i64 = M n { 0 => 1, 1 => 2 }\nF main() {}\n") == \
        "non-exhaustive patterns: `i64::MIN..=-1` and `2..=i64::MAX` not covered"


def test_u8_fully_covered_by_ranges() -> None:
    clean("F f(n: u8) -> i64 = M n { 0..=127 => 1, 128..=255 => 2 }\nF main() {}\n")
    clean("F f(n: u8) -> i64 = M n { 0..128 => 1, 128..=200 => 2, 201..=255 => 3 }\nF main() {}\n")
    clean("F f(n: i8) -> i64 = M n { -128..=-1 => 1, 0 => 2, 1..=127 => 3 }\nF main() {}\n")


def test_u8_gap_is_named() -> None:
    assert missing("F f(n: u8) -> i64 = M n { 0..=127 => 1, 129..=255 => 2 }\nF main() {}\n") == \
        "non-exhaustive patterns: `128` not covered"
    assert missing("F f(n: u8) -> i64 = M n { 0..=9 => 1, 20..=255 => 2 }\nF main() {}\n") == \
        "non-exhaustive patterns: `10..=19` not covered"


def test_exclusive_range_end() -> None:
    assert missing("F f(n: u8) -> i64 = M n { 0..128 => 1, 129..=255 => 2 }\nF main() {}\n") == \
        "non-exhaustive patterns: `128` not covered"


def test_chars() -> None:
    msg = missing("F f(c: char) -> i64 = M c { 'a'..='z' => 1 }\nF main() {}\n")
    assert msg == "non-exhaustive patterns: `'\\0'..='`'` and `'{'..='\\u{10FFFF}'` not covered"
    clean("F f(c: char) -> i64 = M c { 'a'..='z' => 1, 'A'..='Z' => 2, _ => 0 }\nF main() {}\n")


def test_strings_and_floats_need_a_catch_all() -> None:
    assert missing("F f(s: Str) -> i64 = M s { \"a\" => 1 }\nF main() {}\n") == "non-exhaustive patterns: `_` not covered"
    assert missing("F f(x: f64) -> i64 = M x { 1.0 => 1 }\nF main() {}\n") == "non-exhaustive patterns: `_` not covered"


def test_guards_do_not_count() -> None:
    d = only_error("F f(n: i64) -> i64 = M n { x I x > 0 => 1, x I x <= 0 => 2 }\nF main() {}\n")
    assert d.message == "non-exhaustive patterns: `_` not covered"
    assert d.help == "add a catch-all arm `_ => ...` (arms with an `I` guard do not count towards exhaustiveness)"
    clean("F f(n: i64) -> i64 = M n { x if x > 0 => 1, _ => 2 }\nF main() {}\n")


def test_guarded_arm_then_same_pattern_is_reachable() -> None:
    text = COLOR + "F f(x: Color, k: bool) -> i64 = M x { Red I k => 1, Red => 2, _ => 3 }\nF main() {}\n"
    assert warnings(text) == []


def test_struct_patterns() -> None:
    pt = "S Pt { x: i64, y: bool }\n"
    clean(pt + "F f(p: Pt) -> i64 = M p { Pt { x, y: true } => x, Pt { y: false, .. } => 0 }\nF main() {}\n")
    assert missing(pt + "F f(p: Pt) -> i64 = M p { Pt { x, y: true } => x }\nF main() {}\n") == \
        "non-exhaustive patterns: `Pt { x: _, y: false }` not covered"


def test_slices() -> None:
    clean("F f(v: Vec<i64>) -> i64 = M v { [] => 0, [a] => a, [a, b, ..] => a + b }\nF main() {}\n")
    assert missing("F f(v: Vec<i64>) -> i64 = M v { [] => 0, [a, b, ..] => a + b }\nF main() {}\n") == \
        "non-exhaustive patterns: `[_]` not covered"


def test_through_references_and_boxes() -> None:
    clean(COLOR + "F f(x: &Color) -> i64 = M x { Red => 1, Green => 2, Blue => 3 }\nF main() {}\n")
    assert missing(COLOR + "F f(x: Box<Color>) -> i64 = M x { Red => 1, Green => 2 }\nF main() {}\n") == \
        "non-exhaustive patterns: `Blue` not covered"
    clean("""
        E Tree { Leaf, Node(Box<Tree>, i64, Box<Tree>) }
        F sum(t: &Tree) -> i64 = M t { Leaf => 0, Node(l, v, r) => sum(l) + v + sum(r) }
        F deep(t: Box<Tree>) -> i64 = M *t { Leaf => 0, Node(l, _, _) => 1 + deep(l) }
        F main() {}
    """)


def test_binding_with_at_pattern() -> None:
    clean("F f(n: u8) -> u8 = M n { small @ 0..=9 => small, big @ 10..=255 => big / 10 }\nF main() {}\n")


def test_qualified_variant_patterns() -> None:
    clean(COLOR + "F f(x: Color) -> i64 = M x { Color::Red => 1, Color::Green => 2, Color::Blue => 3 }\nF main() {}\n")


def test_constants_in_patterns_need_a_catch_all() -> None:
    clean("const LIMIT: i64 = 10\nF f(n: i64) -> i64 = M n { LIMIT => 1, _ => 0 }\nF main() {}\n")
    assert codes("const LIMIT: i64 = 10\nF f(n: i64) -> i64 = M n { LIMIT => 1 }\nF main() {}\n") == \
        [(c.NOT_EXHAUSTIVE, 2)]


def test_unreachable_arm_warning() -> None:
    ws = warnings("F f(n: i64) -> i64 = M n { 1 => 1, _ => 2, 3 => 3 }\nF main() {}\n")
    assert [(w.code, w.span.col) for w in ws] == [(c.UNREACHABLE_ARM, 44)]
    assert ws[0].message == "unreachable pattern"


@pytest.mark.parametrize("arms", ["Red => 1, Red => 2, _ => 3", "Red | Green => 1, Green => 2, _ => 3",
                                  "_ => 1, Blue => 2"])
def test_unreachable_enum_arms(arms: str) -> None:
    ws = warnings(COLOR + f"F f(x: Color) -> i64 = M x {{ {arms} }}\nF main() {{}}\n")
    assert [w.code for w in ws] == [c.UNREACHABLE_ARM]


def test_unreachable_range_covered_by_earlier_ranges() -> None:
    ws = warnings("F f(n: u8) -> i64 = M n { 0..=9 => 1, 10..=255 => 2, 7 => 3 }\nF main() {}\n")
    assert [w.code for w in ws] == [c.UNREACHABLE_ARM]


def test_no_exhaustiveness_noise_after_a_bad_pattern() -> None:
    errs = codes(COLOR + "F f(x: Color) -> i64 = M x { Red => 1, Color::Purple => 2 }\nF main() {}\n")
    assert errs == [(c.UNKNOWN_NAME, 2)]
    assert codes("F f(n: i64) -> i64 = M n { LOWEST..=0 => 1, 1..=10 => 2 }\nF main() {}\n") == [(c.UNKNOWN_NAME, 1)]
    assert codes("F f() -> i64 = M nope { 1 => 1 }\nF main() {}\n") == [(c.UNKNOWN_NAME, 1)]


def test_match_on_a_struct_and_tuple_binding_is_exhaustive() -> None:
    clean("S Pt { x: i64 }\nF f(p: Pt, t: (i64, Str)) -> i64 = M p { Pt { x } => x + M t { (n, _) => n } }\nF main() {}\n")


def test_match_as_a_statement_still_checked() -> None:
    assert codes(COLOR + "F main() {\n    M Red {\n        Red => println(\"r\")\n    }\n}\n") == [(c.NOT_EXHAUSTIVE, 3)]


def test_refutable_pattern_in_a_binding() -> None:
    d = only_error("F main() { (1, x) := (1, 2)\n println(\"{x}\") }\n")
    assert d.code == c.REFUTABLE_PATTERN and d.help is not None and "M value" in d.help
    assert codes("F main() { L (0, y) in [(1, 2)] { println(\"{y}\") } }\n") == [(c.REFUTABLE_PATTERN, 1)]


def test_unit_scrutinee_and_empty_enum() -> None:
    clean("F main() { M () { () => println(\"unit\") } }\n")
    clean("E Never {}\nF f(n: Never) -> i64 = M n {}\nF main() {}\n")
    assert codes("F main() { M () { } }\n") == [(c.NOT_EXHAUSTIVE, 1)]


def test_primitive_constants_as_range_bounds() -> None:
    clean("F f(x: i64) -> i64 = M x { i64::MIN..=0 => 1, 1..=i64::MAX => 2 }\nF main() {}\n")
    clean("F g(x: u8) -> i64 = M x { u8::MIN..=9 => 1, 10..=u8::MAX => 2 }\nF main() {}\n")
    assert missing("F h(x: i8) -> i64 = M x { i8::MIN..=-1 => 1, 1..=10 => 2 }\nF main() {}\n") == \
        "non-exhaustive patterns: `0` and `11..=i8::MAX` not covered"
