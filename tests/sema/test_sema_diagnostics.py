"""Every diagnostic of the checker: its code, primary line and column, message and `help:`, and
the rule that one error does not cascade into follow-up errors."""

from __future__ import annotations

import re

import pytest
from sema_helpers import codes, errors, only_error, run, warnings

from vais.sema import codes as c
from vais.syntax.diagnostics import render_human

# (source, code, line, column, help or None when the checker gives none)
CASES = [
    ('F main() { x: i64 = "s" }\n', c.MISMATCH, 1, 21, None),
    ("F main() { y := totl }\n", c.UNKNOWN_NAME, 1, 17, None),
    ("F main() { total := 1\n y := totl + total }\n", c.UNKNOWN_NAME, 2, 7, "a similar name exists: `total`"),
    ("S Point { x: i64 }\nF f(p: Pointt) {}\nF main() {}\n", c.UNKNOWN_TYPE, 2, 8, "a similar name exists: `Point`"),
    ("U nowhere\nF main() {}\n", c.UNKNOWN_MODULE, 1, 1,
     "modules are files relative to the source root (`U a/b` is `a/b.vais`); std modules start with `std/`"),
    ("F add(a: i64, b: i64) -> i64 = a + b\nF main() { add(1) }\n", c.ARG_COUNT, 2, 12, None),
    ("S Pt { x: i64 }\nF main() { p := Pt { x: 1 }\n q := p.y }\n", c.UNKNOWN_FIELD, 3, 9, "available fields: `x`"),
    ("S Pt { x: i64, y: i64 }\nF main() { p := Pt { x: 1 } }\n", c.MISSING_FIELD, 2, 17,
     "add `y`, or copy the rest from another value with `..base`"),
    ("S Pt { x: i64 }\nF main() { p := Pt { x: 1, x: 2 } }\n", c.REPEATED_FIELD, 2, 28, None),
    ("F f(b: bool) -> i64 = M b { true => 1 }\nF main() {}\n", c.NOT_EXHAUSTIVE, 1, 23,
     "add an arm for `false`, or a catch-all arm `_ => ...`"),
    ("F main() { (1, x) := (1, 2) }\n", c.REFUTABLE_PATTERN, 1, 12,
     "use `M value { pattern => ..., _ => ... }` to handle the other cases"),
    ("S Pt { x: i64, y: i64 }\nF f(p: Pt) -> i64 = M p { Pt { x } => x }\nF main() {}\n", c.BAD_PATTERN, 2, 27,
     "add the fields, or `..` to ignore them"),
    ("F main() { x := 1\n x = 2 }\n", c.IMMUTABLE_ASSIGN, 2, 2, "make it mutable: `x := mut ...`"),
    ("F main() { 5 = 3 }\n", c.NOT_A_PLACE, 1, 12, "assign to a variable, a field or an element"),
    ("F main() { v := mut [1]\n v.pushh(2) }\n", c.UNKNOWN_METHOD, 2, 4, "a similar name exists: `push`"),
    ("W Sh { F a(&self) -> f64 }\nF f<T: Sh>(t: T) -> f64 = t.a()\nF main() { f(1.5) }\n", c.TRAIT_BOUND, 3, 12,
     "implement it: `X f64: Sh { ... }`"),
    ("S Pt {}\nX Pt: Dsplay {}\nF main() {}\n", c.UNKNOWN_TRAIT, 2, 7, "a similar name exists: `Display`"),
    ("W Sh { F a(&self) -> f64 }\nS Pt {}\nX Pt: Sh {}\nF main() {}\n", c.IMPL_MISMATCH, 3, 3, "implement `a` in this impl"),
    ("F f() -> i64 { R \"s\" }\nF main() {}\n", c.RETURN_MISMATCH, 1, 18, None),
    ("F f() -> bool {\n    1\n}\nF main() {}\n", c.RETURN_MISMATCH, 2, 5, None),
    ("F main() { n := 5\n n(1) }\n", c.NOT_CALLABLE, 2, 2, "only functions and closures can be called"),
    ("F f() -> i64 { n: i64 = \"1\".parse()?\n n }\nF main() {}\n", c.TRY_OUTSIDE_RESULT, 1, 25,
     "change the return type to `Result<i64>`, or handle the Result with `M` or `!`"),
    ("F f() -> Result<i64, Str> { n: i64 = \"1\".parse()?\n Ok(n) }\nF main() {}\n", c.TRY_ERROR_CONVERSION, 1, 38,
     "return `Result<T>` (whose `Error` accepts any error), or map the error with `.map_err(|e| ...)`"),
    ('F main() { n := "12" as i64 }\n', c.BAD_CAST, 1, 17, "parse the string instead: `s.parse()` with a `i64` annotation"),
    ("F main() { b := 1 as bool }\n", c.BAD_CAST, 1, 17, "compare instead: `n != 0`"),
    ("F f() {}\nF f() {}\nF main() {}\n", c.DUPLICATE_DEFINITION, 2, 3, "rename one of the two definitions of `f`"),
    ("F main() { B }\n", c.BREAK_OUTSIDE_LOOP, 1, 12, "`B` only works inside a loop of the same function"),
    ("F main() { L i: 0..3 { f := || { C }\n f() } }\n", c.BREAK_OUTSIDE_LOOP, 1, 34,
     "`C` only works inside a loop of the same closure; a closure body is not part of the loop around it"),
    ("F main() { v := Vec::new() }\n", c.CANNOT_INFER, 1, 17, "add a type annotation, e.g. `x: Vec<i64> = Vec::new()`"),
    ("F main() { @() }\n", c.BAD_RECURSION, 1, 12, "call a named function instead"),
    ("F main() { x: u8 = 256 }\n", c.LITERAL_OUT_OF_RANGE, 1, 20, "use a wider type: `u16` holds it"),
    ("F main() { v: Vec<i64, i64> = [] }\n", c.WRONG_GENERIC_COUNT, 1, 15, None),
    ("F f() -> i64\nF main() {}\n", c.MISSING_BODY, 1, 3, "add a body: `{ ... }` or `= expr`"),
    ("F main() { x := -true }\n", c.BAD_OPERAND, 1, 17, None),
    ('F main() { println("{} {}", 1) }\n', c.BAD_FORMAT, 1, 12,
     "each `{}` takes the next argument; write `{{` for a literal brace"),
    ("F main() { nosuch!(1) }\n", c.BAD_MACRO, 1, 12, None),
    ("A F get() -> i64 = 1\nF main() { x := get().await }\n", c.AWAIT_OUTSIDE_ASYNC, 2, 17,
     "mark the function async: `A F name(...)`"),
    ("F main() { L x in 5 { } }\n", c.NOT_ITERABLE, 1, 19,
     "loop over a range (`0..n`), a `Vec`, a `Str`, a `HashMap`/`HashSet` or an iterator"),
    ('F main() { s := "abc"\n c := s[0] }\n', c.BAD_INDEX, 2, 7, "take a one-character slice `s[i..i + 1]` or use `s.chars()`"),
]


@pytest.mark.parametrize(("text", "code", "line", "col", "help"), CASES, ids=[f"{case[1]}-{i}" for i, case in enumerate(CASES)])
def test_diagnostic_code_span_and_help(text: str, code: str, line: int, col: int, help: str | None) -> None:
    errs = [d for d in run(text).diagnostics if d.is_error]
    assert len(errs) == 1, [(d.code, d.message) for d in errs]
    d = errs[0]
    assert (d.code, d.span.line, d.span.col) == (code, line, col), d.message
    assert d.help == help


def test_every_error_code_has_a_case_here_or_elsewhere() -> None:
    covered = {case[1] for case in CASES} | {c.PRIVATE_ITEM, c.IMPORT_CYCLE}  # (multi-file: test_sema_modules)
    covered.add(c.RECURSIVE_TYPE)  # (test_sema_types)
    declared = {v for k, v in vars(c).items() if k.isupper() and isinstance(v, str) and v.startswith("E")}
    assert declared - covered == {c.NO_MAIN}  # reserved for `vais run` (a library checks without main)


WARNING_CASES = [
    ("F main() { x := 1 }\n", c.UNUSED_VARIABLE, 1, 12),
    ("U std/math\nU std/time\nF main() { println(\"{math::PI}\") }\n", None, 0, 0),  # std imports never warn
    ("F f(n: i64) -> i64 = M n { _ => 1, 2 => 2 }\nF main() {}\n", c.UNREACHABLE_ARM, 1, 36),
    ("F f() -> i64 {\n    R 1\n    println(\"x\")\n    2\n}\nF main() {}\n", c.UNREACHABLE_CODE, 3, 5),
    ("F main() { x := 300 as u8\n println(\"{x}\") }\n", c.LOSSY_LITERAL_CAST, 1, 17),
    ("F main() { x := mut 1\n println(\"{x}\") }\n", c.UNUSED_MUT, 1, 12),
]


@pytest.mark.parametrize(("text", "code", "line", "col"), WARNING_CASES)
def test_warnings(text: str, code: str | None, line: int, col: int) -> None:
    result = run(text)
    assert result.ok
    ws = [(d.code, d.span.line, d.span.col) for d in result.diagnostics]
    assert ws == ([] if code is None else [(code, line, col)])


def test_unreachable_code_warned_once_per_block() -> None:
    ws = warnings("F main() {\n    L { }\n    println(\"a\")\n    println(\"b\")\n}\n")
    assert [(w.code, w.span.line) for w in ws] == [(c.UNREACHABLE_CODE, 3)]


def test_unused_mut_is_left_out_when_the_program_has_errors() -> None:
    """The failed call may be the mutation (`v.psh(1)`): removing the `mut` would be wrong."""
    result = run("F main() {\n    v := mut Vec::new()\n    v.psh(1)\n    w := mut 1\n    println(\"{w}\")\n}\n")
    assert [d.code for d in result.diagnostics] == [c.UNKNOWN_METHOD]


def test_unused_mut_not_reported_when_mutated_by_method_borrow_or_closure() -> None:
    assert warnings("""
        F grow(v: &mut Vec<i64>) { v.push(1) }
        F main() {
            a := mut [1]
            a.push(2)
            b := mut [1]
            grow(&mut b)
            n := mut 0
            inc := || { n += 1 }
            inc()
            println("{a} {b} {n}")
        }
    """) == []


def test_many_errors_in_one_run() -> None:
    errs = errors("""
        F main() {
            a: i64 = "one"
            b := nope
            c := 1 + "two"
            d: bool = 5
        }
    """)
    assert [(d.code, d.span.line) for d in errs] == [(c.MISMATCH, 2), (c.UNKNOWN_NAME, 3), (c.MISMATCH, 4),
                                                     (c.MISMATCH, 5)]


def test_unknown_name_does_not_cascade() -> None:
    assert codes("""
        F main() {
            a := undefined_thing
            b := a + 1
            c := b.foo()
            d := [a, b, c]
            e := d[0].field + a.method()
            println("{e}")
        }
    """) == [(c.UNKNOWN_NAME, 2)]


def test_unknown_name_used_in_three_places_reports_three_errors_only_there() -> None:
    assert codes("""
        F main() {
            x := missing + 1
            y := missing * 2
            println("{missing} {x} {y}")
        }
    """) == [(c.UNKNOWN_NAME, 2), (c.UNKNOWN_NAME, 3), (c.UNKNOWN_NAME, 4)]


def test_bad_type_in_a_signature_is_one_error() -> None:
    assert codes("""
        F area(s: Shap) -> f64 = s.w * s.h
        F main() {
            x := area(5)
            y: f64 = x + 1.0
            println("{y} {area("any")}")
        }
    """) == [(c.UNKNOWN_TYPE, 1)]


def test_bad_return_type_is_one_error() -> None:
    assert codes("F make() -> Widgt = 5\nF main() { w := make()\n println(\"{w.size}\") }\n") == [(c.UNKNOWN_TYPE, 1)]


def test_bad_struct_field_type_is_one_error() -> None:
    assert codes("S Pt { x: Nmber }\nF main() { p := Pt { x: 1 }\n q := p.x + 1 }\n") == [(c.UNKNOWN_TYPE, 1)]


def test_failed_call_does_not_cascade_into_its_result() -> None:
    assert codes("F f(a: i64) -> Str = \"x\"\nF main() { r := f(1, 2)\n n: Str = r }\n") == [(c.ARG_COUNT, 2)]
    assert codes("F main() { r := nosuch(1)\n n: i64 = r.len() + r }\n") == [(c.UNKNOWN_NAME, 1)]


def test_unknown_method_does_not_cascade() -> None:
    assert codes("F main() { v := [1]\n w := v.nope()\n x := w + 1\n y: Str = x }\n") == [(c.UNKNOWN_METHOD, 2)]


def test_mismatch_in_a_binding_keeps_the_annotated_type() -> None:
    assert codes("F main() { x: i64 = \"s\"\n y := x + 1\n z: i64 = y }\n") == [(c.MISMATCH, 1)]


def test_duplicate_definition_points_at_the_first() -> None:
    d = only_error("F helper() {}\nF other() {}\nF helper() {}\nF main() {}\n")
    assert d.span.line == 3
    assert [(lab.span.line, lab.message) for lab in d.secondary] == [(1, "previous definition of `helper` here")]


def test_duplicate_field_variant_method_and_parameter() -> None:
    assert codes("""
        S Bad { x: i64, x: i64 }
        E Light { On, Off, On }
        S Ct { n: i64 }
        X Ct { F get(&self) -> i64 = 1; F get(&self) -> i64 = 2 }
        F f(a: i64, a: i64) {}
        F main() {}
    """) == [(c.DUPLICATE_DEFINITION, 1), (c.DUPLICATE_DEFINITION, 2), (c.DUPLICATE_DEFINITION, 4),
             (c.DUPLICATE_DEFINITION, 5)]


def test_struct_called_like_a_function() -> None:
    d = only_error("S Pt { x: i64, y: i64 }\nF main() { q := Pt(1, 2) }\n")
    assert d.code == c.NOT_CALLABLE and d.help == "build it with `Pt { x: ..., y: ... }`"


def test_unit_variant_called() -> None:
    d = only_error("E Sh { Empty, Full(i64) }\nF main() { x := Empty(1) }\n")
    assert d.code == c.NOT_CALLABLE and d.help == "write `Sh::Empty`"


def test_or_pattern_binding_errors() -> None:
    d = only_error("F main() { q := M (1, 2) { (a, b) | (a, _) => a } }\n")
    assert d.code == c.BAD_PATTERN and d.label == "`b` not bound in every alternative"
    d = only_error("F main() { q := M (1, \"s\") { (n, _) | (_, n) => 1 } }\n")
    assert d.code == c.MISMATCH


def test_mutable_borrow_is_never_implicit() -> None:
    d = only_error("F push1(v: &mut Vec<i64>) { v.push(1) }\nF main() { v := mut [0]\n push1(v) }\n")
    assert (d.code, d.span.line) == (c.MISMATCH, 3) and d.help == "pass a mutable borrow: `&mut v`"


def test_main_signature() -> None:
    assert codes("F main() -> Str = \"x\"\n") == [(c.MISMATCH, 1)]
    assert codes("F main(n: i64) {}\n") == [(c.ARG_COUNT, 1)]
    for ok in ("F main() {}\n", "F main() -> i64 = 0\n", "F main() -> Result<()> = Ok(())\n"):
        assert codes(ok) == []


def test_rendered_error_like_rustc() -> None:
    [d] = errors('F main() {\n    total := 10\n    y := totl + total\n    println("{y}")\n}\n')
    assert render_human(d) == (
        "error[E0101]: cannot find value `totl` in this scope\n"
        " --> t.vais:3:10\n"
        "  |\n"
        "3 |     y := totl + total\n"
        "  |          ^^^^ not found in this scope\n"
        "  |\n"
        "  = help: a similar name exists: `total`"
    )


def test_diagnostics_are_sorted_by_position() -> None:
    diags = run("F main() {\n    b: i64 = \"x\"\n    a := nope\n}\nF helper() -> i64 = \"s\"\n").diagnostics
    starts = [d.span.start for d in diags]
    assert starts == sorted(starts)


def test_every_code_and_kind_is_documented() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    section = text[text.index("## Type errors"):]
    declared = {v for k, v in vars(c).items() if k.isupper() and isinstance(v, str) and v[:2] in ("E0", "W0")}
    documented = set(re.findall(r"^\| ([EW]0\d{3}) \|", section, re.MULTILINE))
    assert documented == declared
    table = dict(re.findall(r"^\| ([A-Z_]+) \| (E0\d{3}[^|]*)\|", section, re.MULTILINE))
    for code, kind in c.KIND_OF_CODE.items():
        assert code in table[kind], (kind, code)


def test_function_values_cannot_be_compared() -> None:
    d = only_error("F main() { f := |x: i64| x\n println(\"{f == f}\") }\n")
    assert d.code == c.BAD_OPERAND and d.help == "compare the results of calling them"


def test_a_misspelt_return_type_does_not_cascade_into_matches_of_the_result() -> None:
    d = only_error("""
        F pick(a: i64) -> Optionn<i64> = Some(a)
        F main() {
            r := pick(1)
            M r { Some(v) => println("{v}"), None => println("none") }
        }
    """)
    assert (d.code, d.span.line) == (c.UNKNOWN_TYPE, 1)


def test_arithmetic_on_an_option_says_to_take_the_value_out() -> None:
    d = only_error("""
        F main() {
            m := [3, 1, 2].iter().max()
            println("{m + 1}")
        }
    """)
    assert (d.code, d.span.line) == (c.MISMATCH, 3)
    assert d.help == "this is an Option: take the value out first, with `?`, `!`, `.unwrap_or(..)` or `M value { ... }`"


def test_a_file_that_is_not_utf8_is_one_error_at_its_first_bad_byte(tmp_path) -> None:
    from vais.sema import analyse

    path = tmp_path / "latin.vais"
    path.write_bytes(b'F main() {\n    x := "caf\xe9"\n}\n' + bytes(range(128, 160)))
    result = analyse(path)
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [("E0001", 2, 14)]
    assert result.diagnostics[0].message == "`latin.vais` is not UTF-8 text"


def test_a_bare_value_where_option_or_result_is_returned_suggests_wrapping_it() -> None:
    errs = errors("""
        F first(v: &Vec<i64>) -> Option<i64> {
            L x in v { I *x > 2 { R *x } }
            None
        }
        F half(n: i64) -> Result<i64, Str> {
            I n % 2 == 1 { R Err("odd") }
            n / 2
        }
        F main() {}
    """)
    assert [(d.code, d.span.line, d.help) for d in errs] == [
        (c.RETURN_MISMATCH, 2, "wrap the value: `Some(value)`"), (c.RETURN_MISMATCH, 7, "wrap the value: `Ok(value)`")]


def test_a_mut_closure_binding_is_not_reported_as_unneeded() -> None:
    """Rust needs `mut` to call an `FnMut` closure; keeping it is not a mistake."""
    assert warnings("""
        F make_counter() -> fn() -> i64 {
            n := mut 0
            || { n += 1; n }
        }
        F main() {
            c := mut make_counter()
            println("{c()}")
        }
    """) == []


def test_a_number_where_an_ordering_is_expected_suggests_cmp() -> None:
    d = only_error("""
        F main() {
            v := mut vec![3, 1, 2]
            v.sort_by(|a, b| a - b)
        }
    """)
    assert (d.code, d.span.line) == (c.MISMATCH, 3)
    assert d.help == "an ordering is not a number: compare with `a.cmp(&b)` (`b.cmp(&a)` for descending)"


def test_an_option_or_result_where_its_value_is_expected_suggests_taking_it_out() -> None:
    errs = errors("""
        F main() {
            n: i64 = "42".parse()
            m: i64 = [1].iter().max()
            println("{n} {m}")
        }
    """)
    assert [(d.code, d.span.line, d.help) for d in errs] == [
        (c.MISMATCH, 2, "this is a Result: take the value out with `?`, `!` or `.unwrap_or(..)`"),
        (c.MISMATCH, 3, "this is an Option: take the value out with `?`, `!` or `.unwrap_or(..)`")]
