"""User macro expansion (`vais.syntax.macros.expand_macros`)."""

from __future__ import annotations

from syntax_support import parse_ok, sx

from vais.syntax import ast, expand_macros, parse_source


def expanded(decls: str, body: str) -> tuple[list[str], list[str]]:
    module = parse_ok(f"{decls}\nF main() {{\n{body}\n}}\n")
    diags = expand_macros(module)
    fn = module.items[-1]
    assert isinstance(fn, ast.FnDecl) and isinstance(fn.body, ast.Block)
    return [sx(s) for s in fn.body.stmts], [d.code for d in diags]


SQUARE = "macro square! { ($x:expr) => { $x * $x } }"


def test_expr_fragments_are_parenthesised_nodes() -> None:
    trees, codes = expanded(SQUARE, "a := square!(2 + 3)\nb := square!(1.5)")
    assert trees == ["(let a (* (+ 2 3) (+ 2 3)))", "(let b (* 1.5 1.5))"] and codes == []


def test_expansion_inside_interpolation_and_other_macros() -> None:
    trees, codes = expanded(SQUARE, 'println("{square!(7)}")\nassert_eq(square!(3), 9)\nprintln!("{}", square!(2))')
    assert trees == ["(call println (str {(* 7 7)}))", "(call assert_eq (* 3 3) 9)", "(println! (str {_}) (* 2 2))"]
    assert codes == []


def test_expansion_spans_point_into_the_call_site() -> None:
    text = f"{SQUARE}\nF main() {{\n    v := square!(2 + 3)\n}}\n"
    module = parse_ok(text)
    assert expand_macros(module) == []
    value = module.items[1].body.stmts[0].value
    call_text = "square!(2 + 3)"
    start = text.index(call_text)
    assert (value.span.start, value.span.end) == (start, start + len(call_text))
    arg = value.left
    assert text[arg.span.start:arg.span.end] == "2 + 3"


def test_rules_are_tried_in_order_and_repetitions_work() -> None:
    decls = ("macro maxm! { ($a:expr) => { $a }; ($a:expr, $($rest:expr),+) => { max($a, maxm!($($rest),+)) } }\n"
             "macro sum! { ($($x:expr),*) => { 0 $(+ $x)* } }")
    trees, codes = expanded(decls, "a := maxm!(1)\nb := maxm!(1, 2, 3)\nc := sum!()\nd := sum!(4, 5)")
    assert trees == ["(let a 1)", "(let b (call max 1 (call max 2 3)))", "(let c 0)", "(let d (+ (+ 0 4) 5))"]
    assert codes == []


def test_ident_ty_literal_and_tt_fragments() -> None:
    decls = ("macro make! { ($name:ident, $t:ty, $v:literal) => { $name: $t = $v; $name } }\n"
             "macro first! { ($a:tt $($rest:tt)*) => { $a } }")
    trees, codes = expanded(decls, "x := make!(count, i64, -3)\ny := first!((1 + 2) b c)")
    assert trees == ["(let x {(let count:i64 (- 3)); count})", "(let y (+ 1 2))"] and codes == []


def test_macros_with_statement_bodies_become_blocks() -> None:
    decls = "macro twice! { ($e:expr) => { $e; $e } }"
    trees, codes = expanded(decls, "twice!(f())")
    assert trees == ["{(call f);; (call f)}"] and codes == []


def test_no_matching_rule_is_a_diagnostic_and_the_call_stays() -> None:
    module = parse_ok(f"{SQUARE}\nF main() {{\n    x := square!(1, 2)\n}}\n")
    diags = expand_macros(module)
    assert [(d.code, d.span.line) for d in diags] == [("E0030", 3)]
    assert diags[0].secondary and diags[0].secondary[0].span.line == 1
    assert isinstance(module.items[1].body.stmts[0].value, ast.MacroCall)


def test_runaway_recursion_is_a_diagnostic() -> None:
    module = parse_ok("macro loop_forever! { ($x:expr) => { loop_forever!($x) } }\nF main() { loop_forever!(1) }\n")
    assert [d.code for d in expand_macros(module)] == ["E0032"]


def test_malformed_rule_and_unparsable_expansion() -> None:
    module = parse_ok("macro bad! { ($x) => { $x } }\nF main() { bad!(1) }\n")
    assert [d.code for d in expand_macros(module)] == ["E0033"]
    module = parse_ok("macro broken! { ($x:expr) => { $x + } }\nF main() { broken!(1) }\n")
    assert [d.code for d in expand_macros(module)] == ["E0031"]


def test_builtin_macros_are_left_alone_and_modules_without_macros_are_untouched() -> None:
    module, _d = parse_source('F main() { println!("{}", 1) }', "t.vais")
    assert expand_macros(module) == []
    assert isinstance(module.items[0].body.stmts[0].expr, ast.MacroCall)


def test_macros_declared_elsewhere_can_be_passed_in() -> None:
    lib = parse_ok(SQUARE)
    module = parse_ok("F main() { x := square!(4) }")
    assert expand_macros(module, {"square": lib.items[0]}) == []
    assert sx(module.items[0].body.stmts[0].value) == "(* 4 4)"
