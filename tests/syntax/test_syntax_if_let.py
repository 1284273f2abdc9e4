"""`I let` / `LW let` (Rust's `if let` / `while let`): the parser rewrites them into a match (and a
loop around one), keeping the written form for the formatter."""

from __future__ import annotations

from syntax_support import errors, stmts

from vais.syntax import ast


def test_if_let_is_a_match_with_a_catch_all_else() -> None:
    (stmt,) = stmts("I let Some(x) = o { f(x) } E { g() }")
    m = stmt.expr
    assert isinstance(m, ast.Match) and isinstance(m.scrutinee, ast.Name)
    assert [type(a.pattern).__name__ for a in m.arms] == ["TupleStructPat", "WildcardPat"]
    assert isinstance(m.sugar, ast.If) and isinstance(m.sugar.cond, ast.LetCond)


def test_else_if_let_chains_nest() -> None:
    (stmt,) = stmts("if let Some(x) = a { 1 } else if let Ok(y) = b { 2 } else { 3 }")
    inner = stmt.expr.arms[1].body
    assert isinstance(inner, ast.Match) and isinstance(inner.arms[1].body, ast.Block)


def test_while_let_is_a_loop_that_breaks_when_the_pattern_fails() -> None:
    (stmt,) = stmts("LW let Some(top) = stack.pop() { keep(top) }")
    loop = stmt.expr
    assert isinstance(loop, ast.Loop) and isinstance(loop.sugar, ast.While)
    (step,) = loop.body.stmts
    assert isinstance(step.expr, ast.Match) and isinstance(step.expr.arms[1].body, ast.Break)
    (plain,) = stmts("while let (a, b) = next() { }")
    assert isinstance(plain.expr, ast.Loop)


def test_let_is_still_a_name_elsewhere() -> None:
    (_, cond) = stmts("let := 5\nI let > 3 { }")
    assert isinstance(cond.expr, ast.If) and isinstance(cond.expr.cond, ast.Binary)


def test_a_missing_equals_sign_is_one_clear_error() -> None:
    (d,) = errors("F main() {\n    I let Some(x) o { }\n}\n")
    assert (d.code, d.span.line) == ("E0010", 2)
    assert "`=` after the pattern of `I let`" in d.message


def test_assignment_as_a_condition_suggests_equality() -> None:
    (d,) = errors("F main() {\n    x := 3\n    I x = 3 { }\n}\n")
    assert (d.code, d.span.line, d.message) == ("E0011", 3, "`=` assigns; a condition compares with `==`")
    assert d.help == "write `I x == 3 {`"
