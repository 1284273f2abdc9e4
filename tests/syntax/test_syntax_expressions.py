"""Expression parsing: precedence and associativity (section 5), `?` try vs ternary, newline
continuation, postfix forms, paths and turbofish, struct-literal restriction, closures, macros."""

from __future__ import annotations

import pytest
from syntax_support import errors, expr, stmts, sx

from vais.syntax import ast


@pytest.mark.parametrize(("text", "tree"), [
    ("a + b * c", "(+ a (* b c))"),
    ("a - b - c", "(- (- a b) c)"),
    ("a / b % c", "(% (/ a b) c)"),
    ("1 + 2 << 3", "(<< (+ 1 2) 3)"),
    ("a < b == c", "(== (< a b) c)"),
    ("a & b == c", "(& a (== b c))"),
    ("a | b ^ c & d", "(| a (^ b (& c d)))"),
    ("a && b || c && d", "(|| (&& a b) (&& c d))"),
    ("a and b or c", "(|| (&& a b) c)"),
    ("a..b == c..d", "(== (.. a b) (.. c d))"),
    ("n - 2..n * 2", "(.. (- n 2) (* n 2))"),
    ("-x as i64", "(- (as x i64))"),
    ("-o! * 2", "(* (- (unwrap o)) 2)"),
    ("!a && b", "(&& (! a) b)"),
    ("~a & b", "(& (~ a) b)"),
    ("&mut v", "(&mut v)"),
    ("*p + 1", "(+ (* p) 1)"),
    ("x as f64 / 4.0", "(/ (as x f64) 4.0)"),
    ("c as u32 as i64", "(as (as c u32) i64)"),
    ("x as i64 < y", "(< (as x i64) y)"),
    ("a ? b : c ? d : e", "(?: a b (?: c d e))"),
    ("x > 3 ? x * 2 : x - 2", "(?: (> x 3) (* x 2) (- x 2))"),
    ("1 + 2 |> square", "(|> (+ 1 2) square)"),
    ("x |> f |> g(1)", "(|> (|> x f) (call g 1))"),
    ("c ? a : b |> f", "(|> (?: c a b) f)"),
    ("..5", "(.. _ 5)"),
    ("a..", "(.. a _)"),
    ("..", "(.. _ _)"),
    ("1..=n", "(..= 1 n)"),
])
def test_precedence(text: str, tree: str) -> None:
    assert sx(expr(text)) == tree


def test_assignment_is_right_associative_and_compound() -> None:
    (a, b, c) = stmts("a = b = c\nx += 1\nbits <<= 3")
    assert sx(a) == "(= a (= b c))"
    assert sx(b) == "(+= x 1)"
    assert sx(c) == "(<<= bits 3)"


@pytest.mark.parametrize("text", ["1 < x < 10", "a == b == c", "1..2..3", "a <= b > c"])
def test_non_associative_levels_are_errors(text: str) -> None:
    diags = errors(f"F main() {{ x := {text} }}")
    assert [d.code for d in diags] == ["E0015"]
    assert diags[0].help


def test_chained_comparison_help_shows_the_fix() -> None:
    (diag,) = errors("F main() { ok := 1 < x < 10 }")
    assert "(a < b) && (b < c)" in (diag.help or "")


def test_question_mark_is_try_unless_a_colon_follows() -> None:
    assert sx(expr("f()?")) == "(try (call f))"
    assert sx(expr("f()?.g()")) == "(.g (try (call f)))"
    assert sx(expr("a ? b : c")) == "(?: a b c)"
    assert sx(expr("f()? ? 1 : 2")) == "(?: (try (call f)) 1 2)"
    assert sx(expr("(a ? b : c)")) == "(?: a b c)"
    assert sx(expr("g(x?, y)")) == "(call g (try x) y)"
    assert sx(expr("c ? (x ? 1 : 2) : 3")) == "(?: c (?: x 1 2) 3)"


def test_try_at_end_of_line_does_not_swallow_next_statement() -> None:
    first, second = stmts("v := f()?\nname := 1")
    assert sx(first) == "(let v (try (call f)))" and sx(second) == "(let name 1)"


def test_try_inside_match_arm_and_struct_literal() -> None:
    assert sx(expr("M x { Ok => f()?, _ => 0 }")) == "(match x [Ok => (try (call f))] [_ => 0])"
    assert sx(expr("Pt { a: f()?, b: c ? 1 : 2 }")) == "(struct Pt a:(try (call f)) b:(?: c 1 2))"


def test_unwrap_and_macro_bang() -> None:
    assert sx(expr("o!")) == "(unwrap o)"
    assert sx(expr("m.get(k)!")) == "(unwrap (.get m k))"
    assert sx(expr("x! + 1")) == "(+ (unwrap x) 1)"
    assert sx(expr("vec!(1, 2)")) == "(vec! 1 2)"
    assert sx(expr("vec![0; n]")) == "(vec! 0 ; n)"
    assert sx(expr("!flag")) == "(! flag)"


def test_macro_calls_with_fields() -> None:
    (stmt,) = stmts('info!("Request completed";\nrequest_method = method,\nstatus = 200\n)')
    call = stmt.expr
    assert isinstance(call, ast.MacroCall) and call.semicolon_after == 0 and call.parse_ok
    assert [(a.name, sx(a.value)) for a in call.args] == [
        (None, "'Request completed'"), ("request_method", "method"), ("status", "200")]
    assert [t.text for t in call.tokens][:2] == ['"Request completed"', ";"]


def test_span_macro_with_block_argument() -> None:
    (stmt,) = stmts('L _ := span!("handle", request_id = id, {\n    a()\n    b()\n})')
    call = stmt.value
    assert isinstance(call, ast.MacroCall) and call.name == "span"
    assert isinstance(call.args[2].value, ast.Block) and len(call.args[2].value.stmts) == 2
    assert call.args[1].name == "request_id"


def test_user_macro_with_non_expression_tokens_keeps_raw_tokens() -> None:
    (stmt,) = stmts("my!(a => b)")
    call = stmt.expr
    assert isinstance(call, ast.MacroCall) and not call.parse_ok and call.args == []
    assert [t.text for t in call.tokens] == ["a", "=>", "b"]


def test_newline_ends_expressions_in_blocks() -> None:
    assert [sx(s) for s in stmts('puts("x")\n-1')] == ["(call puts 'x')", "(- 1)"]
    assert [sx(s) for s in stmts("a\n(b, c) := g()")] == ["a", "(let (tuple b c) (call g))"]
    assert [sx(s) for s in stmts("a\n[1]")] == ["a", "[1]"]
    assert [sx(s) for s in stmts("x := y\n*p = 3")] == ["(let x y)", "(= (* p) 3)"]


def test_lines_continue_after_operators_and_before_dots_and_pipes() -> None:
    assert [sx(s) for s in stmts("x := a +\n    b")] == ["(let x (+ a b))"]
    assert [sx(s) for s in stmts("x :=\n    5")] == ["(let x 5)"]
    assert [sx(s) for s in stmts("r := v.iter()\n    .map(f)\n    .sum()")] == ["(let r (.sum (.map (.iter v) f)))"]
    assert [sx(s) for s in stmts("r := 7\n    |> square\n    |> inc")] == ["(let r (|> (|> 7 square) inc))"]
    assert [sx(s) for s in stmts("R Middleware::gzip()\n.quality(q)")] == [
        "(return (.quality (call Middleware::gzip) q))"]


def test_newlines_are_insignificant_inside_parens_and_brackets() -> None:
    assert sx(expr("f(\n  a,\n  b\n)")) == "(call f a b)"
    assert sx(expr("[\n 1,\n 2,\n]")) == "[1 2]"
    assert sx(expr("(a\n + b)")) == "(+ a b)"


def test_semicolons_separate_statements() -> None:
    assert [sx(s) for s in stmts("y += 1; y *= 10")] == ["(+= y 1);", "(*= y 10)"]


def test_postfix_chain() -> None:
    assert sx(expr("a.b.c(1)[2].0.1")) == "(. (. ([] (.c (. a b) 1) 2) 0) 1)"
    assert sx(expr("t.0.1")) == "(. (. t 0) 1)"
    assert sx(expr("x.await")) == "(await.dot x)"
    assert sx(expr("x.Y")) == "(await.Y x)"
    assert sx(expr("await f()")) == "(await.prefix (call f))"
    assert sx(expr("spawn f(x)")) == "(spawn (call f x))"
    assert sx(expr("v.iter().collect::<Vec<i64>>()")) == "(.collect::<Vec<i64>> (.iter v))"


def test_paths_and_turbofish() -> None:
    assert sx(expr("Vec::<i64>::new()")) == "(call Vec<i64>::new)"
    assert sx(expr("Shape::Circle(1.0)")) == "(call Shape::Circle 1.0)"
    assert sx(expr("LogLevel::INFO")) == "LogLevel::INFO"
    assert sx(expr("Point.new(1, 2)")) == "(.new Point 1 2)"
    assert sx(expr("Self::new()")) == "(call Self::new)"
    assert sx(expr("T::default()")) == "(call T::default)"
    assert sx(expr("HashMap::<Str, Vec<i64>>::new()")) == "(call HashMap<Str, Vec<i64>>::new)"


def test_self_recursion() -> None:
    assert sx(expr("@(n - 1) + @(n - 2)")) == "(+ (call @ (- n 1)) (call @ (- n 2)))"
    assert sx(expr("@.tick()")) == "(.tick @)"


def test_literals_and_compound_values() -> None:
    assert sx(expr("(1, \"a\")")) == "(tuple 1 'a')"
    assert sx(expr("(x,)")) == "(tuple x)"
    assert sx(expr("()")) == "()"
    assert sx(expr("(x)")) == "x"
    assert sx(expr("[0; n]")) == "[0; n]"
    assert sx(expr("[]")) == "[]"
    assert sx(expr("24h")) == "24h"
    assert sx(expr("'z'")) == "'z'"
    assert sx(expr("true")) == "true"
    assert isinstance(expr("1_000u8"), ast.IntLit) and expr("1_000u8").suffix == "u8"


def test_struct_literals() -> None:
    assert sx(expr("Point { x: 1.0, y }")) == "(struct Point x:1.0 y)"
    assert sx(expr("Point { x: 9.0, ..p }")) == "(struct Point x:9.0 ..p)"
    assert sx(expr("Shape::Rect { w, h }")) == "(struct Shape::Rect w h)"
    assert sx(expr("Point {\n  x: 1\n  y: 2\n}")) == "(struct Point x:1 y:2)"
    lit = expr("Pair::<i64> { a: 1, b: 2 }")
    assert isinstance(lit, ast.StructLit) and sx(lit.generic_args) == "i64"


def test_struct_literals_are_not_allowed_in_heads() -> None:
    (stmt,) = stmts("I x == Pt { a() }")
    assert sx(stmt) == "(if (== x Pt) {(call a)})"
    (stmt,) = stmts("M p { _ => 1 }")
    assert sx(stmt) == "(match p [_ => 1])"
    (stmt,) = stmts("L x in xs { f(x) }")
    assert sx(stmt) == "(forin x xs {(call f x)})"
    (stmt,) = stmts("LW ok { step() }")
    assert sx(stmt) == "(while ok {(call step)})"
    (stmt,) = stmts("I (p == Pt { a: 1 }) { go() }")
    assert sx(stmt) == "(if (== p (struct Pt a:1)) {(call go)})"


def test_closures() -> None:
    assert sx(expr("|x| x + 1")) == "(|x| (+ x 1))"
    assert sx(expr("|x: i64, y| { x * y }")) == "(|x:i64,y| {(* x y)})"
    assert sx(expr("move |x| x + n")) == "(move |x| (+ x n))"
    assert sx(expr("|| 42")) == "(|| 42)"
    assert sx(expr("|acc, x| acc + Str(x)")) == "(|acc,x| (+ acc (call Str x)))"
    assert sx(expr("|(a, b)| a")) == "(|(tuple a b)| a)"
    closure = expr("|x| -> i64 { x }")
    assert isinstance(closure, ast.Closure) and sx(closure.ret) == "i64"
    assert sx(expr("v.iter().map(|x| x * 2).sum()")) == "(.sum (.map (.iter v) (|x| (* x 2))))"


def test_if_expression_and_blocks() -> None:
    assert sx(expr("I c { 1 } E { 2 }")) == "(if c {1} {2})"
    assert sx(expr("I c { 1 } EL { 2 }")) == "(if c {1} {2})"
    assert sx(expr("I a { 1 } E I b { 2 } E { 3 }")) == "(if a {1} (if b {2} {3}))"
    assert sx(expr("{ 3 + 4 }")) == "{(+ 3 4)}"
    assert sx(expr("{}")) == "{}"
    assert sx(expr("{ \"a\" } + { \"b\" }")) == "(+ {'a'} {'b'})"


def test_match_expression() -> None:
    text = 'M n {\n 0 => "zero",\n x if x < 0 => "neg"\n x @ 10..=99 => "two"\n n I n % 7 == 0 => R 1\n _ => { B }\n}'
    assert sx(expr(text)) == ("(match n [0 => 'zero'] [x if (< x 0) => 'neg'] [x @ 10..=99 => 'two'] "
                              "[n if (== (% n 7) 0) => (return 1)] [_ => {(break)}])")


def test_return_break_continue_values() -> None:
    assert [sx(s) for s in stmts("R\nB\nC\nR x + 1\nB -1")] == [
        "(return)", "(break)", "(continue)", "(return (+ x 1))", "(break (- 1))"]


def test_string_interpolation_expressions() -> None:
    assert sx(expr('"{a} * {b} = {a * b}"')) == "(str {a} ' * ' {b} ' = ' {(* a b)})"
    assert sx(expr('"{x:>5}|{:?}|{}"')) == "(str {x:>5} '|' {_:?} '|' {_})"
    assert sx(expr('"{names.join("+")}"')) == "(str {(.join names '+')})"
    assert sx(expr('"{I n > 0 { "p" } E { "n" } }"')) == "(str {(if (> n 0) {'p'} {'n'})})"
    assert sx(expr('"{M n { 0 => "zero", _ => "nonzero" } }"')) == "(str {(match n [0 => 'zero'] [_ => 'nonzero'])})"
    assert sx(expr('"{"{a}" + "b"}"')) == "(str {(+ (str {a}) 'b')})"
    assert sx(expr('"{{}} {{{a}}}"')) == "(str '{} {' {a} '}')"


def test_interpolation_spans_point_into_the_file() -> None:
    (stmt,) = stmts('println("value: {totla + 1}")')
    hole = stmt.expr.args[0].parts[1]
    assert isinstance(hole, ast.Interpolation)
    name = hole.expr.left
    assert (name.span.line, name.span.col, name.span.end_col) == (2, 18, 23)
    assert (hole.span.col, hole.span.end_col) == (17, 28)


def test_errors_inside_holes_point_into_the_string() -> None:
    diags = errors('F main() {\n    println("a {x +} b")\n}')
    assert [(d.code, d.span.line, d.span.col) for d in diags] == [("E0011", 2, 20)]
    diags = errors('F main() {\n    println("a {x y} b")\n}')
    assert [(d.code, d.span.line, d.span.col) for d in diags] == [("E0010", 2, 19)]
