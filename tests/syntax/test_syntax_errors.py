"""Diagnostics and recovery: one run reports every error, never a cascade, never an exception."""

from __future__ import annotations

import pytest
from syntax_support import errors

from vais.syntax import parse_source


def lines(text: str) -> list[tuple[str, int]]:
    return [(d.code, d.span.line) for d in errors(text)]


def test_recovery_at_statement_boundaries() -> None:
    text = "F main() {\n    a := 1 + / 2\n    b := 3\n    c := (4 + ) * 5\n    d := [1, 2\n    e := 5\n}\n"
    assert lines(text) == [("E0011", 2), ("E0011", 4), ("E0012", 5)]


def test_recovery_at_item_boundaries() -> None:
    text = "F a( { }\nS { x: i64 }\nF ok() = 1\nF b() -> { 2 }\nE Good { Yes }\n"
    assert lines(text) == [("E0019", 1), ("E0010", 2), ("E0018", 4)]


def test_recovery_in_struct_members_and_match_arms() -> None:
    text = "S Pt {\n    x i64\n    y: i64\n    z: \n}\nF f(n: i64) = M n {\n    1 \"a\"\n    2 => \"b\"\n    3 => ,\n}\n"
    assert lines(text) == [("E0010", 2), ("E0018", 4), ("E0010", 7), ("E0011", 9)]


def test_unclosed_delimiter_reported_at_the_opener() -> None:
    assert lines("F main() {\n    x := foo(1,\n    y := 3\n}\n") == [("E0012", 2)]
    assert lines("F main() {\n    v := [1, 2\n}\n") == [("E0012", 2)]
    assert lines("F a() {\n    I x {\n        y\n}\nF b() {\n}\n") == [("E0012", 2)]
    (diag,) = errors("F main() {\n    x := 1\n")
    assert diag.code == "E0012" and diag.help == "add `}` to close this block"


def test_mismatched_and_stray_closers() -> None:
    assert lines("F main() {\n    v := [1, 2)\n    w := 1)\n}\n}\n") == [("E0013", 2), ("E0014", 3), ("E0014", 5)]


def test_lexer_errors_do_not_cascade_into_parser_errors() -> None:
    assert lines("F main() {\n    y := x ` 3\n    z := 'a\n    s := \"\\q\"\n}\n") == [
        ("E0001", 2), ("E0003", 3), ("E0004", 4)]
    assert lines('F main() {\n    x := "never closed\n}\n') == [("E0002", 2)]


@pytest.mark.parametrize(("text", "code", "fragment"), [
    ("F main() { I x > 1 go() }", "E0023", "must be a block"),
    ("F main() { y := I x { 1 } E 2 }", "E0023", "E I cond"),
    ("F main() { x := ; }", "E0011", None),
    ("F M() = 1", "E0017", "match keyword"),
    ("F L() = 1", "E0017", "loop keyword"),
    ("S Point { x i64 }", "E0010", "`x: i64`"),
    ("F main() { f := |x x }", "E0010", "`|x| x + 1`"),
    ("F main() { ok := 1 < x < 10 }", "E0015", "(a < b) && (b < c)"),
    ("F main() { x := 1 y := 2 }", "E0021", "own line"),
    ("}", "E0014", "remove it"),
    ("x := 1", "E0020", "inside a function body"),
    ("P X Point { }", "E0020", "methods"),
])
def test_codes_and_help(text: str, code: str, fragment: str | None) -> None:
    diags = errors(text)
    assert [d.code for d in diags] == [code]
    if fragment is not None:
        assert fragment in (diags[0].help or "")
    assert diags[0].label


@pytest.mark.parametrize("source", [
    "F main() { x := " + "(" * 100_000 + "1" + ")" * 100_000 + " }",
    "F main() " + "{" * 100_000 + "}" * 100_000,
    "F main() { x := " + "-" * 100_000 + "1 }",
    "F f(x: " + "[" * 100_000 + "i64" + "]" * 100_000 + ") { }",
    "F main() { M x { " + "(" * 100_000 + "a" + ")" * 100_000 + " => 1 } }",
    'F main() { x := ' + '"{' * 10_000 + '}"' * 10_000 + ' }',
    "F main() { f := " + "|x| " * 100_000 + "1 }",
    "F main() { " + "I a { " * 10_000 + "}" * 10_000 + " }",
    "F main() { x := " + "a ? b : " * 20_000 + "c }",
    "F main() { " + "f!(" * 10_000 + ")" * 10_000 + " }",
    "F f(x: " + "Vec<" * 10_000 + "i64" + ">" * 10_000 + ") { }",
    "F main() { " + "Q { x: " * 20_000 + "}" * 20_000 + " }",
])
def test_deep_nesting_is_a_diagnostic_not_a_crash(source: str) -> None:
    _module, diags = parse_source(source, "deep.vais")
    assert [d.code for d in diags] == ["E0022"]


def test_moderate_nesting_is_fine() -> None:
    _module, diags = parse_source("F main() { x := " + "(" * 90 + "1" + ")" * 90 + " }", "ok.vais")
    assert diags == []
    _module, diags = parse_source("F main() " + "{" * 40 + "}" * 40, "ok.vais")
    assert diags == []


def test_diagnostics_are_sorted_and_renderable() -> None:
    from vais.syntax.diagnostics import render_human, render_json

    diags = errors("F a() {\n    x := 1 +\n}\nF b() { ` }\n")
    assert [d.span.start for d in diags] == sorted(d.span.start for d in diags)
    for diag in diags:
        assert diag.code in render_human(diag) and diag.message in render_json(diag)


def test_every_syntax_code_is_documented() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    used = set()
    for path in (root / "src" / "vais" / "syntax").glob("*.py"):
        used.update(re.findall(r'"(E00\d\d)"', path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"^\| (E00\d\d) \|", (root / "docs" / "diagnostics.md").read_text(encoding="utf-8"),
                                re.M))
    assert used and used <= documented, sorted(used - documented)


@pytest.mark.parametrize(("text", "line"), [
    ("F f(x: i64) -> i64 {\n    I x > 0 {\n        x * 2\n    E {\n        0\n    }\n}\n", 2),
    ("F main() {\n    x := 2\n    y := I x > 2 { 1 E { 2 }\n    println(\"{y}\")\n}\n", 3),
    ("F main() {\n    M 2 {\n        1 => {\n            10\n        2 => 20,\n        _ => 0,\n    }\n}\n", 3),
])
def test_a_block_left_open_is_one_error_at_its_opener(text: str, line: int) -> None:
    """What follows an unclosed `{` (an `E`, the next arm) is not reported again (E0016, E0021, E0010)."""
    assert [(d.code, d.span.line) for d in errors(text)] == [("E0012", line)]


def test_item_errors_name_the_likely_slip() -> None:
    (d,) = errors("Fn main() {\n    println(\"x\")\n}\n")
    assert (d.code, d.help) == ("E0020", "`Fn` is not a keyword: write `F`")
    (d,) = errors("F main()\n    println(\"x\")\n")
    assert (d.code, d.span.line) == ("E0020", 2)
    assert d.help == "if the line above is a function signature, its body is missing: add `{` at its end"


def test_a_diagnostic_on_a_very_long_line_shows_the_part_around_it() -> None:
    from vais.syntax.diagnostics import render_human

    text = "F main() { x := " + "(" * 150 + "1" + ")" * 150 + " }\n"
    (d,) = errors(text)
    shown = render_human(d).splitlines()
    snippet = next(line for line in shown if line.startswith("1 |"))
    assert len(snippet) < 200 and snippet.endswith("...") and "| ..." in snippet
    caret = next(line for line in shown if "^" in line)
    assert snippet[caret.index("^")] == "("  # the caret still points at the parenthesis where parsing gave up


def test_a_keyword_letter_bound_as_a_variable_says_so() -> None:
    d = errors("F main() {\n    L := 5\n}\n")[0]
    assert (d.code, d.span.line, d.message) == ("E0017", 2, "`L` is the loop keyword and cannot name a variable")


def test_an_indented_line_after_a_closing_brace_points_at_that_brace() -> None:
    (d,) = errors("F main() {\n    x := 1\n    }\n    println(\"{x}\")\n}\n")
    assert (d.code, d.span.line) == ("E0020", 4)
    assert d.help == "this line is indented like a statement: the `}` on line 3 may close the function too early"


def test_a_struct_literal_in_a_condition_is_one_error_saying_to_parenthesise() -> None:
    (d,) = errors("S Pt { x: i64 }\nF main() {\n    I Pt { x: 1 } == q { f() }\n    I n > MAX { y: i64 = 1 }\n}\n")
    assert (d.code, d.span.line, d.message) == ("E0011", 3, "a struct literal cannot stand directly in the condition of `I`")
    assert d.help == "put it in parentheses: `(Pt { ... })`"
