"""The canonical style, decision by decision (docs/formatting.md), with exact expected output."""

from __future__ import annotations

import pytest
from fmt_support import assert_round_trip


def check(source: str, expected: str) -> None:
    assert assert_round_trip(source) == expected


def body(lines: str) -> str:
    """Statements inside `F main() { ... }`, indented by the formatter's 4 spaces."""
    inner = "".join(f"    {line}\n" if line else "\n" for line in lines.split("\n"))
    return f"F main() {{\n{inner}}}\n"


# ---- keywords -----------------------------------------------------------------------------------


def test_long_form_keywords_become_single_letters() -> None:
    check("pub fn f(x: i64) -> i64 { if x > 0 { return x } else { return 0 } }\n",
          "P F f(x: i64) -> i64 { I x > 0 { R x } E { R 0 } }\n")


def test_item_keywords() -> None:
    check("struct Pt { x: i64 }\nenum Dir { Up, Down }\ntrait Tr { fn f(&self) }\nimpl Tr for Pt { fn f(&self) {} }\n"
          "type Id = i64\nuse std::math\nglobal COUNT: i64 = 0\nextern fn puts(s: i64) -> i64\n",
          "S Pt { x: i64 }\n\nE Dir { Up, Down }\n\nW Tr { F f(&self) }\n\nX Pt: Tr { F f(&self) {} }\n\n"
          "T Id = i64\n\nU std/math\n\nG COUNT: i64 = 0\n\nX F puts(s: i64) -> i64\n")


def test_two_letter_keywords() -> None:
    check("EN Dir { Up, Down }\nF f(x: bool) { I x { 1 } EL { 2 } }\n",
          "E Dir { Up, Down }\n\nF f(x: bool) { I x { 1 } E { 2 } }\n")


def test_constants_stay_const() -> None:
    check("C MAX: i64 = 10\nconst MIN: i64 = 0\n", "const MAX: i64 = 10\nconst MIN: i64 = 0\n")


def test_loops() -> None:
    check(body("loop { break }\nwhile x > 0 { x -= 1 }\nL x > 0 { continue }\nfor i in 0..3 { f(i) }\nLF x: xs { f(x) }"),
          body("L { B }\nLW x > 0 { x -= 1 }\nLW x > 0 { C }\nL i in 0..3 { f(i) }\nL x: xs { f(x) }"))


def test_for_each_keeps_lf_where_l_would_read_differently() -> None:
    check(body("LF Some(v) in opts { f(v) }\nLF &x in refs { f(x) }"),
          body("LF Some(v) in opts { f(v) }\nLF &x in refs { f(x) }"))


def test_for_each_separator_is_kept() -> None:
    check(body("L i: 0..n { f(i) }\nL x in xs { f(x) }"), body("L i: 0..n { f(i) }\nL x in xs { f(x) }"))


def test_word_operators_and_guards() -> None:
    check("F f(x: i64) -> bool = M x { n if n > 0 and n < 9 or n == 100 => true, _ => false }\n",
          "F f(x: i64) -> bool = M x {\n    n I n > 0 && n < 9 || n == 100 => true,\n    _ => false,\n}\n")


def test_await_spellings_become_postfix_y() -> None:
    check("A F f() -> i64 {\n    a := g().await\n    b := await g()\n    c := await -x\n    a + b + c\n}\n",
          "A F f() -> i64 {\n    a := g().Y\n    b := g().Y\n    c := (-x).Y\n    a + b + c\n}\n")


def test_use_declarations() -> None:
    check("use std::collections::{HashMap, HashSet}\nU a.{B}\nU c::*\nU d as e\n",
          "U std/collections.{HashMap, HashSet}\nU a.B\nU c.*\nU d as e\n")


# ---- bindings -----------------------------------------------------------------------------------


def test_bindings_take_their_compact_form() -> None:
    check(body("mut a := 1\nb: mut i64 = 2\nmut c: i64 = 3\nL d := 4\nL mut e := 5\nL _ := f()\n(g, h) := pair"),
          body("a := mut 1\nb: mut i64 = 2\nc: mut i64 = 3\nd := 4\ne := mut 5\n_ := f()\n(g, h) := pair"))


def test_patterns_that_cannot_start_a_statement_keep_a_leading_mut() -> None:
    check(body("mut Some(x) := opt\nmut (a, b): (i64, i64) = p"), body("mut Some(x) := opt\nmut (a, b): (i64, i64) = p"))


# ---- spacing ------------------------------------------------------------------------------------


def test_spacing_around_operators_commas_and_annotations() -> None:
    check("F f(a:i64,b:&mut Vec<i64>)->i64{x:=a*2+-b[0];y:i64=x<<1;z:=0..=y;w:=x as f64;r:=&mut x;z}\n",
          "F f(a: i64, b: &mut Vec<i64>) -> i64 {\n    x := a * 2 + -b[0]\n    y: i64 = x << 1\n"
          "    z := 0..=y\n    w := x as f64\n    r := &mut x\n    z\n}\n")


def test_closures_ternaries_pipes_and_paths() -> None:
    check(body("f := move|a,b:i64|->i64{a+b}\ng := ||1\nt := x>3?x*2:x-2\np := 7|>sq|>inc\nv := Vec::<i64>::new()"),
          body("f := move |a, b: i64| -> i64 { a + b }\ng := || 1\nt := x > 3 ? x * 2 : x - 2\n"
               "p := 7 |> sq |> inc\nv := Vec::<i64>::new()"))


def test_types_generics_and_where_clauses() -> None:
    check("F f<T:Clone+Eq,const K:i64>(x:[T;K],o:T?)->(T,)where T:Show{x[0]}\n"
          "F g(f:fn(i64)->i64,h:|i64|->i64,d:&dyn Show,p:*u8,n:(&i64)?)->!{loop{}}\n",
          "F f<T: Clone + Eq, const K: i64>(x: [T; K], o: T?) -> (T,) where T: Show { x[0] }\n"
          "F g(f: fn(i64) -> i64, h: |i64| -> i64, d: &dyn Show, p: *u8, n: (&i64)?) -> ! { L {} }\n")


def test_struct_literals_tuples_arrays_and_macros() -> None:
    check(body("p := Point{x:1,y}\nq := Point{x:2,..p}\nt := (1,)\na := [0;8]\nv := vec![1,2]\ninfo!(\"m\";k=v)"),
          body("p := Point { x: 1, y }\nq := Point { x: 2, ..p }\nt := (1,)\na := [0; 8]\nv := vec![1, 2]\n"
               "info!(\"m\"; k = v)"))


def test_literals_are_printed_as_written() -> None:
    check(body('n := 0xFF + 1_000 + 0b1010 + 255u8\nf := 1.5e-3 + 2.0f32\nd := 24h\ns := "a\\tb {n:>5} \\u{48}"\nc := \'\\n\''),
          body('n := 0xFF + 1_000 + 0b1010 + 255u8\nf := 1.5e-3 + 2.0f32\nd := 24h\ns := "a\\tb {n:>5} \\u{48}"\nc := \'\\n\''))


def test_parentheses_are_kept_as_written() -> None:
    check(body("a := (x >> 3) & 0xFF\nb := (y)\nc := -(-5)\nd := (a & b) == c\ne := ((z))"),
          body("a := (x >> 3) & 0xFF\nb := (y)\nc := -(-5)\nd := (a & b) == c\ne := (z)"))


def test_patterns() -> None:
    check("F f(v: V) -> i64 = M v { (a,b)=>a, Point{x,y:0,..}=>x, 1|2=>1, x@3..=9=>x, [f,..,l]=>f, &r=>r, _=>0 }\n",
          "F f(v: V) -> i64 = M v {\n    (a, b) => a,\n    Point { x, y: 0, .. } => x,\n    1 | 2 => 1,\n"
          "    x @ 3..=9 => x,\n    [f, .., l] => f,\n    &r => r,\n    _ => 0,\n}\n")


# ---- blocks, items and blank lines --------------------------------------------------------------


def test_indentation_is_four_spaces_and_braces_are_k_and_r() -> None:
    check("F f(x: i64)\n{\n\tI x > 0\n\t{\n\t\tg()\n\t\th()\n\t}\n}\n",
          "F f(x: i64) {\n    I x > 0 {\n        g()\n        h()\n    }\n}\n")


def test_one_line_blocks_stay_one_line_when_written_so() -> None:
    check(body("I c { a } E { b }\nL x in xs { f(x) }\nI c {\n    a\n}"),
          body("I c { a } E { b }\nL x in xs { f(x) }\nI c {\n    a\n}"))


def test_one_line_blocks_with_semicolons() -> None:
    check(body("I c { a(); b() }\nI d { x := 1; y(x) }"), body("I c { a(); b() }\nI d { x := 1; y(x) }"))


def test_statements_on_one_line_are_split() -> None:
    check(body("a := 1; b := 2\nc();d()"), body("a := 1\nb := 2\nc();\nd()"))


def test_expression_bodies_stay() -> None:
    check("F square(x: i64) -> i64 = x * x\n", "F square(x: i64) -> i64 = x * x\n")


def test_items_are_separated_by_one_blank_line() -> None:
    check("F a() {\n    x()\n}\nF b() {\n    y()\n}\n\n\n\nS Pt { x: i64 }\n",
          "F a() {\n    x()\n}\n\nF b() {\n    y()\n}\n\nS Pt { x: i64 }\n")


def test_one_line_items_of_a_kind_keep_the_users_grouping() -> None:
    check("U a\nU b\n\nU c\nF one() = 1\nF two() = 2\n\nF three() = 3\n",
          "U a\nU b\n\nU c\n\nF one() = 1\nF two() = 2\n\nF three() = 3\n")


def test_blank_lines_between_statements_collapse_to_one() -> None:
    check("F main() {\n\n    a()\n\n\n    b()\n    c()\n\n}\n", "F main() {\n    a()\n\n    b()\n    c()\n}\n")


def test_match_arms_one_per_line_with_commas() -> None:
    check(body("M x { 0 => a, 1 => { b() }, _ => {\nc()\n} }"),
          body("M x {\n    0 => a,\n    1 => { b() }\n    _ => {\n        c()\n    }\n}"))


def test_member_lists() -> None:
    check("S Pt {\n    x: i64\n    y: i64\n    F norm(&self) -> i64 = self.x\n}\nE Q { Aa(i64), Bb { w: f64 }, Cc = 3 }\n",
          "S Pt {\n    x: i64,\n    y: i64,\n    F norm(&self) -> i64 = self.x\n}\n\nE Q { Aa(i64), Bb { w: f64 }, Cc = 3 }\n")


def test_one_line_member_lists_separate_methods_with_semicolons() -> None:
    check("W Show { fn show(&self) -> Str, fn twice(&self) -> Str { self.show() } }\n",
          "W Show { F show(&self) -> Str; F twice(&self) -> Str { self.show() } }\n")


def test_empty_and_unit_items() -> None:
    check("S Unit {}\nS Meters(f64)\nE Never {}\nF f() {\n}\n", "S Unit\nS Meters(f64)\n\nE Never {}\n\nF f() {}\n")


def test_attributes_go_on_their_own_line() -> None:
    check("#[derive(Debug,  Clone)] S Pt { x: i64 }\n#[test] F t() { assert(true) }\n",
          "#[derive(Debug, Clone)]\nS Pt { x: i64 }\n\n#[test]\nF t() { assert(true) }\n")


def test_extern_blocks_and_user_macros() -> None:
    check('N "C" { F malloc(n: i64) -> *u8; F free(p: *mut u8) }\nmacro sq! { ($x:expr)=>{ $x*$x } }\n'
          "F main() { sq!(1+ 2) }\n",
          'N "C" { F malloc(n: i64) -> *u8; F free(p: *u8) }\n\nmacro sq! { ($x:expr)=>{ $x*$x } }\n\n'
          "F main() { sq!(1+ 2) }\n")


@pytest.mark.parametrize("source", ["", "\n\n", "# only a comment\n"])
def test_nearly_empty_files(source: str) -> None:
    check(source, source.strip() + "\n" if source.strip() else "")


def test_file_ends_with_one_newline_and_no_trailing_spaces() -> None:
    check("F main() {   \n    a()   \n}   \n\n\n", "F main() {\n    a()\n}\n")


def test_a_long_import_list_is_filled_over_several_lines() -> None:
    names = ", ".join(f"name_number_{i}" for i in range(9))
    out = assert_round_trip(f"U mylib.{{{names}}}\n")
    lines = out.splitlines()
    assert lines[0] == "U mylib.{" and lines[-1] == "}"
    assert all(len(line) <= 100 and line.startswith("    ") and line.endswith(",") for line in lines[1:-1])
    assert "".join(lines[1:-1]).replace(" ", "") == names.replace(" ", "") + ","
