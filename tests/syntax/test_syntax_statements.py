"""Statements (bindings, `L` forms, defer, else placement) and patterns."""

from __future__ import annotations

import pytest
from syntax_support import errors, parse_ok, stmts, sx

from vais.syntax import ast


def one(text: str) -> ast.Stmt:
    (stmt,) = stmts(text)
    return stmt


@pytest.mark.parametrize(("text", "tree", "style"), [
    ("x := 1", "(let x 1)", ""),
    ("x := mut 1", "(let mut x 1)", "value"),
    ("mut x := 1", "(let mut x 1)", "prefix"),
    ("x: i64 = 1", "(let x:i64 1)", ""),
    ("x: mut Vec<i64> = v", "(let mut x:Vec<i64> v)", "type"),
    ("_ := f()", "(let _ (call f))", ""),
    ("(a, b) := pair", "(let (tuple a b) pair)", ""),
    ("(g, x, y) := ext(b, a % b)", "(let (tuple g x y) (call ext b (% a b)))", ""),
    ("Point { x, y } := p", "(let (struct Point x y) p)", ""),
    ("[first, .., last] := v", "(let [first .. last] v)", ""),
])
def test_bindings(text: str, tree: str, style: str) -> None:
    stmt = one(text)
    assert isinstance(stmt, ast.LetStmt) and sx(stmt) == tree and stmt.mut_style == style
    assert not stmt.loop_prefix


@pytest.mark.parametrize(("text", "tree"), [
    ("L x := 5", "(let L x 5)"),
    ("L _ := println(\"hi\")", "(let L _ (call println 'hi'))"),
    ("L (a, b) := pair", "(let L (tuple a b) pair)"),
    ("L mut n := 0", "(let L mut n 0)"),
    ("L response := client.get(url)?", "(let L response (try (.get client url)))"),
])
def test_seed_loop_bindings(text: str, tree: str) -> None:
    stmt = one(text)
    assert isinstance(stmt, ast.LetStmt) and stmt.loop_prefix and sx(stmt) == tree


@pytest.mark.parametrize(("text", "tree"), [
    ("L { B 1 }", "(loop {(break 1)})"),
    ("L i < 10 { i += 1 }", "(while (< i 10) {(+= i 1)})"),
    ("LW !done { f() }", "(while (! done) {(call f)})"),
    ("while x { f() }", "(while x {(call f)})"),
    ("loop { B }", "(loop {(break)})"),
    ("L i: 0..n { }", "(for: i (.. 0 n) {})"),
    ("L i: 1..=5 { }", "(for: i (..= 1 5) {})"),
    ("LF name: names { }", "(for: name names {})"),
    ("L x in [1, 2] { }", "(forin x [1 2] {})"),
    ("for x in xs { }", "(forin x xs {})"),
    ("LF x in xs { }", "(forin x xs {})"),
    ("L (k, v) in m { }", "(forin (tuple k v) m {})"),
    ("L _ in 0..3 { }", "(forin _ (.. 0 3) {})"),
    ("L (a + b) > c { }", "(while (> (+ a b) c) {})"),
    ("L i: -3..=-1 { }", "(for: i (..= (- 3) (- 1)) {})"),
])
def test_loop_forms(text: str, tree: str) -> None:
    assert sx(one(text)) == tree


def test_loop_keywords_keep_their_spelling() -> None:
    loop = one("for x in xs { }").expr
    assert isinstance(loop, ast.For) and loop.keyword == "for" and loop.style == "in"
    loop = one("LF x: xs { }").expr
    assert isinstance(loop, ast.For) and loop.keyword == "LF" and loop.style == ":"
    loop = one("while c { }").expr
    assert isinstance(loop, ast.While) and loop.keyword == "while"


def test_typed_loop_head_is_not_a_binding() -> None:
    assert [d.code for d in errors("F main() {\n    L x: T = e\n}")] == ["E0011"]


def test_else_directly_after_the_if_block() -> None:
    stmt = one("I a {\n  1\n} E {\n  2\n}")
    assert sx(stmt) == "(if a {1} {2})"


def test_else_on_a_later_line_with_comments_between() -> None:
    stmt = one("I a {\n  1\n}\n\n# comment\n  E {\n  2\n}")
    assert sx(stmt) == "(if a {1} {2})"
    stmt = one("I a { 1 }\nEL I b { 2 }\nelse { 3 }")
    assert sx(stmt) == "(if a {1} (if b {2} {3}))"
    assert one("I a { 1 } else if b { 2 }").expr.else_keyword == "else"


def test_enum_after_an_if_block_on_a_later_line_is_an_item() -> None:
    (a, b) = stmts("I a { f() }\nE Color { Red, Green }")
    assert sx(a) == "(if a {(call f)})"
    assert isinstance(b, ast.ItemStmt) and isinstance(b.item, ast.EnumDecl)
    module = parse_ok("F f(x: i64) -> i64 = I x > 0 { 1 } E { 2 }\nE Shape { Circle }\n")
    assert [type(i).__name__ for i in module.items] == ["FnDecl", "EnumDecl"]


def test_stray_else_is_an_error() -> None:
    diags = errors("F main() {\n    x := 1\n    E { f() }\n    EL { g() }\n}")
    assert [(d.code, d.span.line) for d in diags] == [("E0016", 3), ("E0016", 4)]


def test_defer() -> None:
    a, b = stmts('D println("x")\nD {\n    a()\n    b()\n}')
    assert isinstance(a, ast.DeferStmt) and sx(a) == "(defer (call println 'x'))"
    assert isinstance(b, ast.DeferStmt) and sx(b) == "(defer {(call a); (call b)})"
    assert isinstance(one("defer close(f)"), ast.DeferStmt)


def test_continue_in_bodies_and_local_items() -> None:
    a, b, c = stmts("C\nF helper() = 1\nconst K: i64 = 2")
    assert sx(a) == "(continue)"
    assert isinstance(b, ast.ItemStmt) and isinstance(b.item, ast.FnDecl)
    assert isinstance(c, ast.ItemStmt) and isinstance(c.item, ast.ConstDecl)


def test_semicolon_marks_expression_statements() -> None:
    a, b = stmts("f(); g()")
    assert isinstance(a, ast.ExprStmt) and a.semicolon and not b.semicolon
    block = stmts("x := { 1; 2 }")[0].value
    assert isinstance(block, ast.Block) and sx(block.tail) == "2"


def test_block_like_statements_may_share_a_line() -> None:
    assert [sx(s) for s in stmts("I a { f() } I b { g() }")] == ["(if a {(call f)})", "(if b {(call g)})"]
    diags = errors("F main() { x := 1 y := 2 }")
    assert [d.code for d in diags] == ["E0021"]


@pytest.mark.parametrize(("pattern", "tree"), [
    ("0", "0"), ("-1", "(- 1)"), ("'a'..='z'", "'a'..='z'"), ("2..=9", "2..=9"), ("-5..0", "(- 5)..0"),
    ('"add"', "'add'"), ("true", "true"), ("_", "_"), ("x", "x"), ("x @ 10..=99", "x @ 10..=99"),
    ("(0, _)", "(tuple 0 _)"), ("Some(Some(n))", "(Some (Some n))"), ("Shape::Circle(r)", "(Shape::Circle r)"),
    ("Shape::Empty", "Shape::Empty"), ("Point { x: 0, y }", "(struct Point x:0 y)"),
    ("Point { x, .. }", "(struct Point x ..)"), ("1 | 2 | 3", "(| 1 2 3)"), ("[first, .., last]", "[first .. last]"),
    ("[head, rest @ ..]", "[head rest @ ..]"), ("&x", "&x"), ("(a, (b, c))", "(tuple a (tuple b c))"),
    ("Some(Op('-'))", "(Some (Op '-'))"), ("MIN..=MAX", "MIN..=MAX"), ("5..", "5.._"),
])
def test_patterns(pattern: str, tree: str) -> None:
    match = stmts(f"M v {{ {pattern} => 0 }}")[0].expr
    assert isinstance(match, ast.Match)
    assert sx(match.arms[0].pattern) == tree


def test_match_arms_separated_by_commas_or_newlines() -> None:
    match = stmts("M v {\n 0 => { a() }\n 1 => b(),\n _ => {} }")[0].expr
    assert isinstance(match, ast.Match) and len(match.arms) == 3
    match = stmts("M v { 0 => { a() } 1 => { b() } }")[0].expr
    assert isinstance(match, ast.Match) and len(match.arms) == 2


def test_binding_with_nested_patterns_in_struct() -> None:
    match = stmts("M f { Disc { center: Point { x: 0, y: 0 }, r } => r }")[0].expr
    assert sx(match.arms[0].pattern) == "(struct Disc center:(struct Point x:0 y:0) r)"
