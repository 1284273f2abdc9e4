"""Regressions found by probing `vais check` with new conformance-style error files: each test pins
the (conformance KIND, line) of every error of a small program, so one mistake gives exactly one
diagnostic on the line a reader would blame."""

from __future__ import annotations

from sema_helpers import clean, kinds, run

from vais.sema import codes as c


def k(text: str) -> list[tuple[str, int]]:
    """Sorted (KIND, line) of every error; syntax codes (E0001-E0023) count as SYNTAX."""
    out = []
    for kind, line in kinds(run(text).diagnostics):
        if kind.startswith("E00") and int(kind[1:]) <= 23:
            kind = "SYNTAX"
        out.append((kind, line))
    return sorted(out)


# -- syntax: the line left incomplete is the one reported -----------------------------------------

def test_missing_operand_at_the_end_of_a_line_is_reported_on_that_line() -> None:
    assert k("""
        F a() -> i64 {
            x := 1 +
        }
        F main() {}
    """) == [("SYNTAX", 2)]


def test_missing_return_type_and_block_at_the_end_of_a_line() -> None:
    assert k("""
        W Sh {
            F bad(&self) ->
        }
        F main() {
            M 3
            z := 1
        }
    """) == [("SYNTAX", 2), ("SYNTAX", 5)]


def test_trailing_operator_running_into_the_next_statement() -> None:
    # `x := 5 *` continues onto `y := 2`: reported at the `*`, and `y := 2` still parses
    assert k("""
        F main() {
            x :=
            y: i64 =
            z := 3
            w := 5 *
            v := 2
            println("{v}{z}")
        }
    """) == [("SYNTAX", 2), ("SYNTAX", 3), ("SYNTAX", 5)]


def test_found_token_on_a_new_line_after_a_separator_is_still_blamed_itself() -> None:
    assert k("""
        F f(n: i64) -> i64 = M n {
            1 => 2,
            + => 3
        }
        F main() {}
    """) == [("SYNTAX", 3)]


def test_block_closed_by_a_paren_on_the_same_line_is_one_error() -> None:
    assert k("""
        F main() {
            y := {1 + 2)
            z := [1, {2]
            println("{y}{z}")
        }
    """) == [("SYNTAX", 2), ("SYNTAX", 3)]


# -- types ----------------------------------------------------------------------------------------

def test_value_not_implementing_a_dyn_trait_is_a_trait_bound_error() -> None:
    assert k("""
        W Shape { F area(&self) -> f64 }
        S Sq { s: f64 }
        S Blob { n: i64 }
        X Sq: Shape { F area(&self) -> f64 = self.s }
        F pr(s: &dyn Shape) -> f64 = s.area()
        F main() {
            a := pr(&Sq { s: 1.0 })
            b := pr(&Blob { n: 1 })
            xs: Vec<Box<dyn Shape>> = [Box::new(Sq { s: 1.0 }), Box::new(Blob { n: 2 })]
            c := pr(5)
            println("{a}{b}{xs.len()}{c}")
        }
    """) == [("TRAIT_BOUND", 8), ("TRAIT_BOUND", 9), ("TRAIT_BOUND", 10)]


def test_variant_payload_mismatching_the_declared_return_type_is_a_return_mismatch() -> None:
    assert k("""
        S Pt { x: i64 }
        F b() -> Option<i64> { Some("x") }
        F c() -> Result<i64> = Ok("x")
        F d(n: i64) -> Option<i64> {
            I n > 0 { R Some(true) }
            Some(n)
        }
        F e(n: i64) -> Option<i64> = I n > 0 { Some(1) } E { Some("s") }
        F f() -> Pt { Pt { x: "s" } }
        F g() -> Vec<i64> { [1, "a"] }
        F main() {
            o: Option<i64> = Some("x")
            println("{b()}{c()}{d(1)}{e(1)}{f().x}{g()}{o}")
        }
    """) == [("MISMATCH", 9), ("MISMATCH", 10), ("MISMATCH", 12),
             ("RETURN_MISMATCH", 2), ("RETURN_MISMATCH", 3), ("RETURN_MISMATCH", 5), ("RETURN_MISMATCH", 8)]


def test_misspelt_field_in_a_literal_or_pattern_is_one_unknown_field_error() -> None:
    result = run("""
        S Pt { x: i64, y: i64 }
        F g(p: Pt) -> i64 = M p { Pt { x, yy } => x + yy }
        F main() {
            p := Pt { x: 1, yy: 2 }
            println("{p.x}{g(p)}")
        }
    """)
    assert kinds(result.diagnostics) == [("UNKNOWN_FIELD", 2), ("UNKNOWN_FIELD", 4)]
    assert [d.code for d in result.diagnostics if not d.is_error] == []  # `yy` is bound, not "unused"


def test_every_error_code_with_a_nearest_kind_maps_onto_it() -> None:
    assert k("""
        W Shape { F area(&self) -> f64 }
        S Sq { s: f64 }
        X Sq: Shape {}
        X Sq: Shapee {}
        S Pt { x: i64 }
        F main() {
            p := Pt { x: 1, x: 2 }
            n: u8 = 256
            5 = 3
            println("{} {}", 1)
            (1, q) := (1, 2)
            println("{p.x}{n}{q}")
        }
    """) == [("ARG_COUNT", 10), ("DUPLICATE_DEFINITION", 7), ("IMMUTABLE_ASSIGN", 9), ("MISMATCH", 8),
             ("NOT_EXHAUSTIVE", 11), ("TRAIT_BOUND", 3), ("UNKNOWN_NAME", 4)]
    assert set(c.KIND_OF_CODE) >= {c.IMPL_MISMATCH, c.UNKNOWN_TRAIT, c.REPEATED_FIELD, c.NOT_A_PLACE}


def test_return_mismatch_does_not_leak_into_ordinary_payloads() -> None:
    clean("""
        F f(n: i64) -> Option<u8> {
            I n > 0 { R Some(3) }
            Some(200)
        }
        F g() -> Result<i64> = Err("bad")
        F main() { println("{f(1)}{g()}") }
    """)


def test_shared_references_are_transparent_inside_generic_arguments() -> None:
    clean("""
        S Stack<T> { items: Vec<T> }
        X<T> Stack<T> {
            F peek(&self) -> Option<&T> = self.items.last()
        }
        F main() {
            s := Stack { items: [1, 2] }
            o: Option<i64> = s.peek()
            println("{o}")
        }
    """)
    assert k("F f(v: Vec<i64>) -> Option<&mut i64> = v.last()\nF main() {}\n") == [("RETURN_MISMATCH", 1)]


def test_closure_of_the_wrong_arity_for_a_fn_parameter_is_an_arg_count_error() -> None:
    assert k("""
        F apply(f: fn(i64) -> i64, x: i64) -> i64 = f(x)
        F main() {
            a := apply(|x, y| x + y, 1)
            b := apply(|x| "s", 1)
            f: fn(i64) -> i64 = |x| true
            g := |x: i64| -> i64 { "s" }
            println("{a}{b}{f(1)}{g(1)}")
        }
    """) == [("ARG_COUNT", 3), ("MISMATCH", 4), ("MISMATCH", 5), ("RETURN_MISMATCH", 6)]


def test_a_body_without_a_value_is_reported_at_the_declared_return_type() -> None:
    assert k("""
        F total(xs: Vec<i64>) -> i64 {
            s := mut 0
            L x in xs { s += x }
        }
        F empty() -> Str {
        }
        F last() -> i64 {
            x := 1
            println("{x}")
        }
        F main() { println("{total([1])}{empty()}{last()}") }
    """) == [("RETURN_MISMATCH", 1), ("RETURN_MISMATCH", 5), ("RETURN_MISMATCH", 9)]


def test_use_path_and_else_if_without_condition() -> None:
    assert k("""
        U std/
        F main() {
            x := 1
            I x > 0 {
                println("p")
            } E I {
                println("n")
            }
        }
    """) == [("SYNTAX", 1), ("SYNTAX", 6)]
    clean("F main() {\n    x := I { true } { 1 } E { 2 }\n    println(\"{x}\")\n}\n")


def test_import_cycle_is_reported_at_the_checked_files_import(tmp_path) -> None:
    from sema_helpers import write_tree

    from vais.sema import analyse

    write_tree(tmp_path, {"main.vais": "# a comment\nU a\nF main() { println(\"{a::fa()}\") }\n",
                          "a.vais": "U b\nP F fa() -> i64 = b::fb()\n",
                          "b.vais": "U a\nP F fb() -> i64 = 1\n"})
    (d,) = [d for d in analyse(tmp_path / "main.vais").diagnostics if d.is_error]
    assert (d.code, d.span.file.endswith("main.vais"), d.span.line) == (c.IMPORT_CYCLE, True, 2)
    assert d.message == "import cycle: a → b → a"
    (closing,) = d.secondary
    assert closing.span.file.endswith("b.vais") and closing.span.line == 1


def test_branches_held_to_a_known_type_report_each_wrong_branch_once() -> None:
    assert k("""
        F g(c: bool) -> Str { I c { 1 } E { 2 } }
        F h(c: bool) -> Str {
            I c {
                "a"
            } E {
                2
            }
        }
        F m(n: i64) -> Str = M n { 0 => 1, _ => "m" }
        F main() {
            n := 1
            a: Str = M n { 0 => 1, _ => "m" }
            b: Str = I n > 0 { 1 } E { "s" }
            x := I n > 0 { 1 } E { "s" }
            println("{a}{b}{x}")
        }
    """) == [("MISMATCH", 12), ("MISMATCH", 13), ("MISMATCH", 14),
             ("RETURN_MISMATCH", 1), ("RETURN_MISMATCH", 6), ("RETURN_MISMATCH", 9)]


def test_trait_impl_method_with_other_types_than_the_trait() -> None:
    assert k("""
        W Shape { F area(&self) -> f64 }
        W Conv { F conv(&self, n: i64) -> Str }
        S Sq { s: f64 }
        X Sq: Shape {
            F area(&self) -> i64 = 1
        }
        X Sq: Conv { F conv(&self, n: Str) -> Str = n }
        S Ok1 {}
        X Ok1: Conv { F conv(&self, n: &i64) -> Str = "{n}" }
        F main() { println(Ok1 {}.conv(1)) }
    """) == [("TRAIT_BOUND", 5), ("TRAIT_BOUND", 7)]


def test_min_and_max_need_an_order() -> None:
    assert k("""
        S Item { w: i64 }
        F main() {
            m := max(Item { w: 1 }, Item { w: 2 })
            n := min(1, 2)
            s := max("a", "b")
            println("{m.w}{n}{s}")
        }
    """) == [("TRAIT_BOUND", 3)]


def test_a_field_of_a_number_literal_is_an_unknown_field() -> None:
    assert k("F main() {\n    a := 1.2.3\n    n := 5\n    b := n.x\n    println(\"{a}{b}\")\n}\n") == [
        ("UNKNOWN_FIELD", 2), ("UNKNOWN_FIELD", 4)]


def test_misspelt_variant_in_a_match_arm_is_an_unknown_name() -> None:
    result = run("""
        E Col { Red, Green, Blue }
        F f(c: Col) -> i64 = M c {
            Red => 1,
            Gren => 2,
            Blue => 3
        }
        F g(o: Option<i64>) -> i64 = M o {
            Some(x) => x,
            Other => 0
        }
        F main() { println("{f(Red)}{g(None)}") }
    """)
    assert kinds(result.diagnostics) == [("UNKNOWN_NAME", 4)]  # `Other` is no near miss: a binding, as in Rust


def test_vec_literal_of_another_element_type_is_one_error() -> None:
    assert k("""
        F first<T>(xs: Vec<T>) -> T = xs[0]
        F total(xs: Vec<i64>) -> i64 = xs.len()
        F names() -> Vec<Str> { [1, 2] }
        F main() {
            x: Vec<Str> = [1, 2]
            a: Str = first([1, 2])
            t := total(["a", "b"])
            y: Vec<i64> = ["a", "b", 3]
            println("{x}{a}{t}{y}")
        }
    """) == [("MISMATCH", 5), ("MISMATCH", 6), ("MISMATCH", 7), ("MISMATCH", 8), ("MISMATCH", 8),
             ("RETURN_MISMATCH", 3)]


def test_several_wrong_arguments_on_one_line_are_one_error() -> None:
    errs = [d for d in run("""
        F f(a: i64, b: Str) -> i64 = a
        F main() {
            m := mut HashMap::new()
            m.insert("k", "v")
            m.insert(1, 2)
            x := f("a", 1)
            y := f(
                "a",
                2
            )
            println("{x}{y}")
        }
    """).diagnostics if d.is_error]
    assert [(d.code, d.span.line) for d in errs] == [(c.MISMATCH, 5), (c.MISMATCH, 6), (c.MISMATCH, 8), (c.MISMATCH, 9)]
    assert [lab.message for lab in errs[0].secondary] == ["and this: expected `Str`, found `{integer}`"]


def test_recovery_after_a_block_head_without_brace_and_a_bad_struct_literal() -> None:
    assert k("""
        S Pt { x: i64, y: i64 }
        F f(n: i64) -> i64 {
            M n
                1 => 2
                _ => 3
            }
        }
        F g() {
            p := Pt { x 1, y: 2 }
            q := 3
            r := mut
            s := 2
        }
        F main() {
            I true
                println("x")
            y := 1
        }
    """) == [("SYNTAX", 3), ("SYNTAX", 9), ("SYNTAX", 11), ("SYNTAX", 15)]


def test_an_unsupported_nested_item_is_one_error() -> None:
    assert k("""
        F main() {
            S Inner { x: i64 }
            a := 1
            println("{a}")
        }
    """) == [("MISMATCH", 2)]
