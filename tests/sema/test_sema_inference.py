"""Inference: bidirectional closure typing, `collect` targets, generic functions/structs/enums/impls,
bounds and `where`, trait default methods, generic impls, trait method resolution, `?` on Option and
Result, `@` self-recursion, and templates (`F add(a, b) = a + b`) instantiated per call site."""

from __future__ import annotations

from sema_helpers import clean, codes, errors, only_error, run

from vais.sema import codes as c
from vais.sema.program import MethodRes, TemplateRes
from vais.syntax import ast


def local_types(text: str, fn: str = "main") -> dict[str, str]:
    result = clean(text)
    checked = next(f for f in result.program.functions.values() if f.fn.name == fn and f.template is None)
    return {local.name: str(local.ty) for local in checked.locals}


def test_closure_parameter_types_come_from_the_expected_function_type() -> None:
    types = local_types("""
        F apply(f: fn(i32) -> i32, x: i32) -> i32 = f(x)
        F main() { println("{apply(|v| v * 2, 3)}") }
    """)
    assert types["v"] == "i32"


def test_closure_parameter_types_come_from_their_first_call() -> None:
    types = local_types("F main() { f := |a, b| a + b\n r: i16 = f(1, 2)\n println(\"{r}\") }\n")
    assert types["f"] == "fn(i16, i16) -> i16" and types["a"] == "i16"


def test_closure_used_at_two_types_is_an_error() -> None:
    assert codes("F main() { id := |x| x\n a := id(1)\n b := id(\"s\")\n println(\"{a}{b}\") }\n") == [(c.MISMATCH, 3)]


def test_closure_return_type_annotation() -> None:
    clean("F main() { f := |x: i64| -> f64 { x as f64 / 2.0 }\n println(\"{f(3)}\") }\n")
    assert codes("F main() { f := |x: i64| -> Str { x }\n println(f(1)) }\n") == [(c.RETURN_MISMATCH, 1)]


def test_iterator_chains_infer_through_closures() -> None:
    types = local_types("""
        F main() {
            words := ["apple", "fig", "banana"]
            lens := words.iter().map(|w| w.len()).filter(|n| n > 3).collect::<Vec<i64>>()
            total := (1..=10).map(|x| x * x).sum()
            longest := words.iter().max_by_key(|w| w.len())
            pairs := words.iter().enumerate().map(|(i, w)| "{i}:{w}").collect::<Vec<Str>>()
            println("{lens} {total} {longest} {pairs}")
        }
    """)
    assert types["lens"] == "Vec<i64>" and types["total"] == "i64" and types["longest"] == "Option<Str>"


def test_collect_target_comes_from_the_annotation() -> None:
    types = local_types("""
        F main() {
            v := [3, 1, 3]
            as_vec: Vec<i64> = v.iter().collect()
            as_set: HashSet<i64> = v.iter().collect()
            as_map: HashMap<i64, bool> = v.iter().map(|x| (x, x > 1)).collect()
            as_str: Str = ['a', 'b'].iter().collect()
            println("{as_vec} {as_set} {as_map} {as_str}")
        }
    """)
    assert types["as_set"] == "HashSet<i64>" and types["as_map"] == "HashMap<i64, bool>"


def test_collect_without_target_defaults_to_vec() -> None:
    assert local_types("F main() { v := (1..4).map(|x| x * 2).collect()\n println(\"{v}\") }\n")["v"] == "Vec<i64>"


def test_collect_into_a_function_return_type() -> None:
    clean("F evens(n: i64) -> Vec<i64> = (0..n).filter(|x| x % 2 == 0).collect()\nF main() { println(\"{evens(6)}\") }\n")


def test_generic_function_instantiated_at_several_types() -> None:
    clean("""
        F first<T>(xs: Vec<T>) -> Option<T> = xs.get(0)
        F pair<A, B>(a: A, b: B) -> (A, B) = (a, b)
        F main() {
            a: Option<i64> = first([1, 2])
            b: Option<Str> = first(["x"])
            p := pair(1, "one")
            q: (bool, f64) = pair(true, 1.5)
            println("{a} {b} {p.1} {q.0}")
        }
    """)


def test_generic_type_parameter_must_unify() -> None:
    d = only_error("F same<T>(a: T, b: T) -> T = a\nF main() { x := same(1, \"two\")\n println(\"{x}\") }\n")
    assert (d.code, d.span.line) == (c.MISMATCH, 2)


def test_generic_struct_enum_and_impl() -> None:
    types = local_types("""
        S Stack<T> { items: Vec<T> }
        X<T> Stack<T> {
            F new() -> Stack<T> = Stack { items: Vec::new() }
            F push(&mut self, x: T) { self.items.push(x) }
            F peek(&self) -> Option<T> = self.items.last()
        }
        E Tree<T> { Leaf, Node(Box<Tree<T>>, T, Box<Tree<T>>) }
        F depth<T>(t: &Tree<T>) -> i64 = M t { Leaf => 0, Node(l, _, r) => 1 + max(depth(l), depth(r)) }
        F main() {
            s := mut Stack::new()
            s.push("top")
            top := s.peek()
            t := Node(Box::new(Leaf), 5u8, Box::new(Leaf))
            println("{top} {depth(&t)}")
        }
    """)
    assert types["s"] == "Stack<Str>" and types["top"] == "Option<Str>" and types["t"] == "Tree<u8>"


def test_generic_struct_field_type_mismatch() -> None:
    assert codes("S Box2<T> { a: T, b: T }\nF main() { b := Box2 { a: 1, b: \"x\" } }\n") == [(c.MISMATCH, 2)]


def test_trait_bound_in_angle_brackets_and_where() -> None:
    clean("""
        W Shape { F area(&self) -> f64 }
        S Sq { s: f64 }
        X Sq: Shape { F area(&self) -> f64 = self.s * self.s }
        F a1<T: Shape>(t: &T) -> f64 = t.area()
        F a2<T>(t: &T) -> f64 where T: Shape = t.area()
        F a3<T: Shape + Clone>(t: &T) -> T = t.clone()
        F main() { s := Sq { s: 2.0 }; println("{a1(&s)} {a2(&s)} {a3(&s).s}") }
    """)


def test_unsatisfied_bound_at_the_call() -> None:
    d = only_error("""
        W Shape { F area(&self) -> f64 }
        S Blob { m: f64 }
        F a1<T: Shape>(t: &T) -> f64 = t.area()
        F main() {
            b := Blob { m: 1.0 }
            println("{a1(&b)}")
        }
    """)
    assert (d.code, d.span.line) == (c.TRAIT_BOUND, 6)
    assert d.message == "the trait bound `Blob: Shape` is not satisfied"
    assert d.help == "implement it: `X Blob: Shape { ... }`"


def test_bound_arguments_must_match() -> None:
    d = only_error("""
        W Conv<U> { F conv(&self) -> U }
        S Leaf { n: i64 }
        X Leaf: Conv<f64> { F conv(&self) -> f64 = self.n as f64 }
        F as_str<Z: Conv<Str>>(z: &Z) -> Str = z.conv()
        F as_f64<Z: Conv<f64>>(z: &Z) -> f64 = z.conv()
        F main() {
            l := Leaf { n: 1 }
            println("{as_f64(&l)} {as_str(&l)}")
        }
    """)
    assert (d.code, d.span.line) == (c.TRAIT_BOUND, 8) and "Conv<Str>" in d.message


def test_method_of_a_bounded_impl_with_unmet_bounds() -> None:
    d = only_error("""
        W Describe { F name(&self) -> Str }
        S Pair<A, B> { a: A, b: B }
        X<A: Describe, B: Describe> Pair<A, B>: Describe { F name(&self) -> Str = "{self.a.name()}" }
        F main() {
            q := Pair { a: 1, b: 2 }
            println(q.name())
        }
    """)
    assert (d.code, d.span.line) == (c.TRAIT_BOUND, 6)
    assert "exists for `Pair<{integer}, {integer}>`" in d.message and d.label == "unsatisfied: `{integer}: Describe`"


def test_calling_a_method_the_bound_does_not_provide() -> None:
    d = only_error("""
        W Shape { F area(&self) -> f64 }
        F f<T: Shape>(t: &T) -> f64 = t.perimeter()
        F main() {}
    """)
    assert d.code == c.UNKNOWN_METHOD and d.span.line == 2


def test_operator_on_an_unbounded_generic() -> None:
    d = only_error("F add<T>(a: T, b: T) -> T = a + b\nF main() {}\n")
    assert d.code == c.TRAIT_BOUND and d.help == "add a bound: `T: Add`"
    clean("F add<T: Add>(a: T, b: T) -> T = a + b\nF main() { println(\"{add(1, 2)} {add(1.5, 2.5)}\") }\n")


def test_default_methods_and_overrides() -> None:
    clean("""
        W Animal {
            F name(&self) -> Str
            F speak(&self) -> Str = "{self.name()} speaks"
            F legs(&self) -> i64 = 4
        }
        S Dog {}
        S Bird {}
        X Dog: Animal { F name(&self) -> Str = "dog" }
        X Bird: Animal { F name(&self) -> Str = "bird"; F legs(&self) -> i64 = 2 }
        F main() { println("{Dog {}.speak()} {Bird {}.legs()} {Dog {}.legs()}") }
    """)


def test_default_methods_on_a_generic_impl() -> None:
    clean("""
        W Describe { F name(&self) -> Str; F shout(&self) -> Str = self.name().to_upper() }
        S Boxed<T> { v: T }
        X<T> Boxed<T>: Describe { F name(&self) -> Str = "boxed" }
        F loud<T: Describe>(xs: &Vec<T>) -> Vec<Str> = xs.iter().map(|x| x.shout()).collect()
        F main() { b := Boxed { v: 1 }; println("{b.shout()} {loud(&[b])}") }
    """)


def test_supertrait_default_method_through_a_bound() -> None:
    clean("""
        W HasArea { F area(&self) -> f64 }
        W Solid: HasArea { F volume(&self, h: f64) -> f64 = self.area() * h }
        S Sq { s: f64 }
        X Sq: HasArea { F area(&self) -> f64 = self.s * self.s }
        X Sq: Solid {}
        F vol<T: Solid>(t: &T) -> f64 = t.volume(2.0) + t.area()
        F main() { println("{vol(&Sq { s: 1.0 })}") }
    """)


def test_generic_trait_methods() -> None:
    clean("""
        W Mapper { F apply<A>(&self, x: A) -> A; F twice<A>(&self, x: A) -> A = self.apply(self.apply(x)) }
        S Id {}
        X Id: Mapper { F apply<A>(&self, x: A) -> A = x }
        F main() { i := Id {}; println("{i.twice(5)} {i.twice("s")}") }
    """)


def test_static_trait_method_through_a_type_parameter() -> None:
    clean("""
        W Maker { F make() -> Self }
        S Leaf { n: i64 }
        X Leaf: Maker { F make() -> Leaf = Leaf { n: 0 } }
        F build<T: Maker>() -> T = T::make()
        F main() { l: Leaf = build(); println("{l.n}") }
    """)


def test_inherent_method_wins_over_trait_method() -> None:
    result = clean("""
        W Named { F name(&self) -> Str }
        S Leaf {}
        X Leaf: Named { F name(&self) -> Str = "trait" }
        X Leaf { F name(&self) -> Str = "inherent" }
        F main() { println(Leaf {}.name()) }
    """)
    call = next(n for n in ast.walk(result.program.entry.ast) if isinstance(n, ast.MethodCall))
    assert isinstance(call.res, MethodRes) and call.res.candidate.trait is None


def test_generic_impl_for_a_specific_instantiation() -> None:
    clean("""
        S Wr<T> { v: T }
        X Wr<i64> { F double(&self) -> i64 = self.v * 2 }
        X Wr<Str> { F shout(&self) -> Str = self.v.to_upper() }
        F main() { println("{Wr { v: 2 }.double()} {Wr { v: "a" }.shout()}") }
    """)
    assert codes("S Wr<T> { v: T }\nX Wr<i64> { F double(&self) -> i64 = self.v * 2 }\n"
                 "F main() { x := Wr { v: \"a\" }.double() }\n") == [(c.UNKNOWN_METHOD, 3)]


def test_blanket_impl_over_a_bounded_parameter() -> None:
    clean("""
        W Twice { F twice(&self) -> Self }
        X<N: Integer> N: Twice { F twice(&self) -> N = *self + *self }
        F main() { a: u8 = 3; println("{a.twice()} {5.twice()}") }
    """)


def test_trait_impl_missing_method_and_extra_method() -> None:
    errs = errors("""
        W Shape { F area(&self) -> f64; F name(&self) -> Str }
        S Sq { s: f64 }
        X Sq: Shape {
            F area(&self) -> f64 = 1.0
            F colour(&self) -> Str = "red"
        }
        F main() {}
    """)
    assert [(d.code, d.span.line) for d in errs] == [(c.IMPL_MISMATCH, 3), (c.IMPL_MISMATCH, 5)]
    assert errs[0].message == "not all trait items implemented, missing: `name`"


def test_trait_impl_with_the_wrong_parameter_count() -> None:
    d = only_error("W Shape { F scale(&self, k: f64) -> f64 }\nS Sq {}\nX Sq: Shape { F scale(&self) -> f64 = 1.0 }\nF main() {}\n")
    assert d.code == c.IMPL_MISMATCH and d.span.line == 3


def test_impl_of_an_unknown_trait() -> None:
    d = only_error("S Sq {}\nX Sq: Shpe { }\nF main() {}\n")
    assert d.code == c.UNKNOWN_TRAIT


def test_operator_overloading_through_traits() -> None:
    clean("""
        S V { x: f64, y: f64 }
        X V: Add { F add(self, o: V) -> V = V { x: self.x + o.x, y: self.y + o.y } }
        X V: Sub { F sub(self, o: V) -> V = V { x: self.x - o.x, y: self.y - o.y } }
        X V: Mul { F mul(self, o: V) -> V = V { x: self.x * o.x, y: self.y * o.y } }
        X V: Neg { F neg(self) -> V = V { x: -self.x, y: -self.y } }
        F main() {
            a := V { x: 1.0, y: 2.0 }
            b := -(a + a - a * a)
            c := mut a
            c += b
            c -= a
            println("{b.x} {c.y} {a == b}")
        }
    """)


def test_missing_operator_impl_is_one_error() -> None:
    d = only_error("S V { x: f64 }\nF main() { a := V { x: 1.0 }\n b := a / a\n println(\"{b.x}\") }\n")
    assert (d.code, d.span.line) == (c.MISMATCH, 3)
    assert d.help == "implement the `Div` trait: `X V: Div { F div(self, other: V) -> V = ... }`"


def test_comparison_needs_partial_ord_for_structs() -> None:
    clean("#[derive(PartialOrd)]\nS Ver { major: i64 }\nF main() { println(\"{Ver { major: 1 } < Ver { major: 2 }}\") }\n")
    d = only_error("S Ver { major: i64 }\nF main() { println(\"{Ver { major: 1 } < Ver { major: 2 }}\") }\n")
    assert d.code == c.TRAIT_BOUND and d.help == "values of type `Ver` cannot be compared with `<`"


def test_equality_is_structural_for_every_type() -> None:
    clean("""
        S Pt { x: i64 }
        E Col { Red, Blue(i64) }
        F main() {
            println("{Pt { x: 1 } == Pt { x: 1 }} {Red != Blue(1)} {[1, 2] == [1, 2]} {(1, "a") == (1, "a")}")
        }
    """)


def test_try_on_option_and_result() -> None:
    clean("""
        E MyErr { Bad(Str) }
        F first_plus(v: Vec<i64>) -> Option<i64> { x := v.get(0)?; Some(x + 1) }
        F parse(s: Str) -> Result<i64> { n: i64 = s.parse()?; Ok(n) }
        F mine() -> Result<i64, MyErr> = Err(Bad("x"))
        F wrap() -> Result<i64> { v := mine()?; Ok(v) }
        F strs() -> Result<i64, Str> = Err("no")
        F wrap2() -> Result<i64> { v := strs()?; Ok(v) }
        F main() -> Result<()> {
            n := parse("5")?
            println("{n} {first_plus([1])} {wrap()} {wrap2()}")
            Ok(())
        }
    """)


def test_try_error_conversion_only_into_error() -> None:
    d = only_error("F p(s: Str) -> Result<i64, Str> { n: i64 = s.parse()?\n Ok(n) }\nF main() {}\n")
    assert (d.code, d.span.line) == (c.TRY_ERROR_CONVERSION, 1)
    assert "`Error` into `Str`" in d.message


def test_try_option_in_result_function() -> None:
    d = only_error("F f(v: Vec<i64>) -> Result<i64> { x := v.get(0)?\n Ok(x) }\nF main() {}\n")
    assert d.code == c.TRY_ERROR_CONVERSION and d.help is not None and "ok_or" in d.help


def test_try_outside_result_and_in_closures() -> None:
    d = only_error("F f(s: Str) -> i64 { n: i64 = s.parse()?\n n }\nF main() {}\n")
    assert d.code == c.TRY_OUTSIDE_RESULT and d.help == "change the return type to `Result<i64>`, or handle the Result with `M` or `!`"
    clean("F main() { f := |s: Str| -> Result<i64> { n: i64 = s.parse()?; Ok(n + 1) }\n println(\"{f(\"1\")}\") }\n")


def test_try_on_a_non_result() -> None:
    d = only_error("F f() -> Result<i64> { x := 5?\n Ok(x) }\nF main() {}\n")
    assert d.code == c.BAD_OPERAND


def test_unwrap_operator() -> None:
    types = local_types("F main() { a := Some(1)!\n b := \"5\".parse::<i64>()!\n println(\"{a} {b}\") }\n")
    assert types["a"] == "i64" and types["b"] == "i64"
    assert codes("F main() { a := 5!\n println(\"{a}\") }\n") == [(c.BAD_OPERAND, 1)]


def test_self_recursion_with_at() -> None:
    clean("""
        F fact(n: i64) -> i64 = I n <= 1 { 1 } E { n * @(n - 1) }
        F fib(n: u32) -> u64 = n < 2 ? n as u64 : @(n - 1) + @(n - 2)
        S Node { v: i64 }
        X Node { F count(&self, n: i64) -> i64 = I n == 0 { self.v } E { @.count(n - 1) + 1 } }
        F main() { println("{fact(5)} {fib(10)} {Node { v: 1 }.count(3)}") }
    """)


def test_self_recursion_argument_types_are_checked() -> None:
    assert codes("F f(n: i64) -> i64 = I n == 0 { 0 } E { @(\"x\") }\nF main() {}\n") == [(c.MISMATCH, 1)]
    assert codes("F f(n: i64) -> i64 = I n == 0 { 0 } E { @(1, 2) }\nF main() {}\n") == [(c.ARG_COUNT, 1)]


def test_self_recursion_in_main_is_an_error() -> None:
    assert codes("F main() { @() }\n") == [(c.BAD_RECURSION, 1)]


def test_templates_are_checked_per_call_site() -> None:
    result = clean("""
        F add(a, b) = a + b
        F twice(f, x) = f(f(x))
        F first(v) = v[0]
        F main() {
            x: i32 = 5
            y: i32 = add(x, x)
            println("{add(1, 2)} {add(1.5, 2.0)} {add("a", "b")} {y}")
            println("{first([1, 2])} {first(["s"])} {twice(|v: i64| v + 1, 3)}")
        }
    """)
    calls = [n for n in ast.walk(result.program.entry.ast)
             if isinstance(n, ast.Call) and isinstance(getattr(n, "res", None), TemplateRes)]
    adds = {str(call.ty) for call in calls if call.res.instance.fn.name == "add"}
    assert adds == {"i32", "i64", "f64", "Str"}


def test_template_instance_error_points_back_at_the_call() -> None:
    d = only_error("F add(a, b) = a + b\nF main() { z := add(true, false)\n println(\"{z}\") }\n")
    assert d.span.line == 1
    assert [(lab.span.line, lab.message) for lab in d.secondary] == [
        (2, "required by this call, which checks `add` with (bool, bool)")]


def test_template_recursion_with_at() -> None:
    clean("F fact(n) = I n <= 1 { 1 } E { n * @(n - 1) }\nF main() { println(\"{fact(5)} {fact(5u8)}\") }\n")


def test_expression_body_return_type_is_inferred() -> None:
    types = local_types("F half(x: f64) = x / 2.0\nF main() { h := half(3.0)\n println(\"{h}\") }\n")
    assert types["h"] == "f64"


def test_template_used_as_a_value_needs_a_function_type() -> None:
    assert codes("F add(a, b) = a + b\nF main() { f := add }\n") == [(c.CANNOT_INFER, 2)]
    clean("F inc(a) = a + 1\nF apply(f: fn(i64) -> i64) -> i64 = f(1)\nF main() { println(\"{apply(inc)}\") }\n")


def test_if_without_else_is_unit() -> None:
    assert codes("F main() { x: i64 = I true { 1 }\n println(\"{x}\") }\n") == [(c.MISMATCH, 1)]


def test_loop_break_value() -> None:
    types = local_types("F main() { i := mut 0\n v := L { i += 1\n I i > 3 { B i * 10 } }\n println(\"{v}\") }\n")
    assert types["v"] == "i64"
    assert codes("F main() { v := L { I true { B 1 }\n B \"s\" }\n println(\"{v}\") }\n") == [(c.MISMATCH, 2)]


def test_break_with_value_in_a_while_loop() -> None:
    d = only_error("F main() { LW true { B 1 } }\n")
    assert d.code == c.MISMATCH and d.help == "remove the value, or use `L { ... }`"


def test_ternary_and_match_branch_types_unify() -> None:
    assert local_types("F main() { v := true ? 1 : 2\n println(\"{v}\") }\n")["v"] == "i64"
    assert codes("F main() { v := true ? 1 : \"no\"\n println(\"{v}\") }\n") == [(c.MISMATCH, 1)]
    assert codes("F main() { v := M 1 { 0 => 1, _ => \"x\" }\n println(\"{v}\") }\n") == [(c.MISMATCH, 1)]


def test_diverging_branches_take_the_other_branch_type() -> None:
    clean("F f(x: i64) -> i64 = I x > 0 { x } E { panic(\"neg\") }\nF main() { println(\"{f(1)}\") }\n")
    clean("F f(o: Option<i64>) -> i64 = M o { Some(v) => v, None => R 0 }\nF main() { println(\"{f(None)}\") }\n")


def test_pipe_operator() -> None:
    clean("""
        F double(x: i64) -> i64 = x * 2
        F add(x: i64, y: i64) -> i64 = x + y
        F main() { println("{5 |> double |> add(1)}") }
    """)


def test_cannot_infer_reported_once() -> None:
    errs = errors("F main() { v := Vec::new()\n w := Vec::new() }\n")
    assert [d.code for d in errs] == [c.CANNOT_INFER]


def test_method_on_an_unknown_type_needs_annotation() -> None:
    d = only_error("F main() { v := Vec::new()\n x := v[0].len() }\n")
    assert d.code == c.CANNOT_INFER and d.span.line == 2


def test_explicit_generic_arguments() -> None:
    types = local_types("""
        F same<T>(a: T, b: T) -> T = a
        F make<T>() -> Vec<T> = Vec::new()
        F main() {
            a := same::<u8>(1, 2)
            b := make::<Str>()
            c := "5".parse::<i64>()
            d := [1, 2].iter().map(|x| x * 2).collect::<HashSet<i64>>()
            e := Vec::<i16>::new()
            println("{a} {b} {c} {d} {e}")
        }
    """)
    assert types["a"] == "u8" and types["b"] == "Vec<Str>" and types["c"] == "Result<i64, Error>"
    assert types["d"] == "HashSet<i64>" and types["e"] == "Vec<i16>"
    assert codes("F same<T>(a: T) -> T = a\nF main() { x := same::<i64, i64>(1) }\n") == [(c.WRONG_GENERIC_COUNT, 2)]


def test_typed_program_records_method_resolutions() -> None:
    result = run("F main() { v := mut [3, 1]\n v.sort()\n println(\"{v}\") }\n")
    call = next(n for n in ast.walk(result.program.entry.ast) if isinstance(n, ast.MethodCall))
    assert isinstance(call.res, MethodRes) and call.res.candidate.fn.name == "sort"
    assert [str(t) for t in call.res.type_args] == ["i64"]


def test_template_methods_take_self_as_declared() -> None:
    clean("""
        S Acc { total: i64 }
        X Acc {
            F add(&mut self, x) { self.total += x }
            F scaled(&self, k) = self.total * k
            F consume(self, k) = self.total + k
        }
        F main() {
            a := mut Acc { total: 0 }
            a.add(5)
            println("{a.scaled(2)} {a.consume(1)}")
        }
    """)
    assert codes("S Acc { total: i64 }\nX Acc { F add(&mut self, x) { self.total += x } }\n"
                 "F main() { b := Acc { total: 1 }\n b.add(2) }\n") == [(c.IMMUTABLE_ASSIGN, 4)]


def test_recursive_templates() -> None:
    clean("""
        F count_down(n) = I n == 0 { 0 } E { count_down(n - 1) }
        F sum_to(n) -> i64 = I n == 0 { 0 } E { n + sum_to(n - 1) }
        F main() { println("{count_down(5)} {sum_to(4)}") }
    """)


def test_trait_qualified_static_call_infers_self() -> None:
    result = clean("""
        W Shape { F new_unit() -> Self; F area(&self) -> f64 }
        S Sq { s: f64 }
        X Sq: Shape { F new_unit() -> Self = Self { s: 1.0 }; F area(&self) -> f64 = self.s * self.s }
        F main() {
            c: Sq = Shape::new_unit()
            println("{c.s} {Shape::area(&c)}")
        }
    """)
    instances = {inst.fn.qualname for inst in result.program.instances}
    assert {"Sq::new_unit", "Sq::area"} <= instances
    d = only_error("""
        W Shape { F new_unit() -> Self }
        S Blob {}
        F main() { e: Blob = Shape::new_unit() }
    """)
    assert (d.code, d.message) == (c.TRAIT_BOUND, "the trait bound `Blob: Shape` is not satisfied")


def test_self_paths_inside_impls_and_traits() -> None:
    clean("""
        W Shape { F unit() -> Self; F area(&self) -> f64; F twice() -> Self = Self::unit() }
        S Sq { s: f64 }
        X Sq: Shape { F unit() -> Self = Self { s: 1.0 }; F area(&self) -> f64 = self.s * self.s }
        X Sq {
            F make(s: f64) -> Self = Self { s }
            F grow(&self) -> Sq = Self::make(self.s * 2.0)
        }
        F main() { println("{Sq::make(2.0).grow().area()} {Sq::twice().s}") }
    """)


def test_struct_update_syntax() -> None:
    clean("""
        S Cfg { a: i64, b: Str, c: bool }
        F main() {
            base := Cfg { a: 1, b: "x", c: true }
            c2 := Cfg { a: 2, ..base }
            c3 := Cfg { ..base }
            println("{c2.a} {c3.b}")
        }
    """)
    assert codes("S Cfg { a: i64 }\nS Other { a: i64 }\nF main() { o := Other { a: 1 }\n c := Cfg { ..o } }\n") == \
        [(c.MISMATCH, 4)]
    assert codes("S Cfg { a: i64, b: bool }\nF main() { base := Cfg { a: 1, b: true }\n c := Cfg { a: \"s\", ..base } }\n") \
        == [(c.MISMATCH, 3)]


def test_display_impl_needs_only_fmt() -> None:
    clean("""
        S Money { cents: i64 }
        X Money: Display { F fmt(&self) -> Str = "${self.cents / 100}.{self.cents % 100:02}" }
        F show<T: Display>(x: &T) -> Str = x.to_string() + "!"
        F main() {
            m := Money { cents: 1234 }
            println("{m} {m.to_string()} {show(&m)} {show(&5)} {m.fmt()}")
        }
    """)


def test_a_realistic_service_module_checks_clean() -> None:
    clean("""
        #[derive(Debug, Clone, PartialEq)]
        S Item { id: i64, name: Str, qty: u32, price: f64 }
        E InvError { NotFound(i64), OutOfStock { id: i64, wanted: u32 }, Invalid(Str) }
        X InvError: Display {
            F fmt(&self) -> Str = M self {
                NotFound(id) => "item {id} not found",
                OutOfStock { id, wanted } => "item {id}: cannot take {wanted}",
                Invalid(msg) => "invalid: {msg}"
            }
        }
        S Inventory { items: HashMap<i64, Item>, next_id: i64, log: Vec<Str> }
        X Inventory {
            F new() -> Inventory = Inventory { items: HashMap::new(), next_id: 1, log: [] }
            F add(&mut self, name: Str, qty: u32, price: f64) -> Result<i64, InvError> {
                I name.trim().is_empty() { R Err(Invalid("empty name")) }
                id := self.next_id
                self.next_id += 1
                self.items.insert(id, Item { id, name, qty, price })
                self.log.push("add {id}")
                Ok(id)
            }
            F take(&mut self, id: i64, n: u32) -> Result<u32, InvError> {
                item := M self.items.get(id) { Some(it) => it, None => R Err(NotFound(id)) }
                I item.qty < n { R Err(OutOfStock { id, wanted: n }) }
                self.items.insert(id, Item { qty: item.qty - n, ..item })
                Ok(item.qty - n)
            }
            F value(&self) -> f64 = self.items.values().map(|it| it.price * it.qty as f64).sum()
            F cheapest(&self, k: i64) -> Vec<Item> {
                all := mut self.items.values().collect::<Vec<Item>>()
                all.sort_by(|a, b| a.price.partial_cmp(b.price).unwrap_or(Equal))
                all.iter().take(k).collect()
            }
        }
        F summarize<T: Display>(results: &Vec<Result<u32, T>>) -> (i64, Vec<Str>) {
            ok := mut 0
            errs := mut Vec::new()
            L r in results {
                M r { Ok(n) I n > 0 => ok += 1, Ok(_) => {}, Err(e) => errs.push(e.to_string()) }
            }
            (ok, errs)
        }
        F main() -> Result<()> {
            inv := mut Inventory::new()
            a := inv.add("bolt", 10, 0.25)!
            rs := [inv.take(a, 4), inv.take(99, 1)]
            (ok, errs) := summarize(&rs)
            println("{ok} {errs} {inv.value():.2} {inv.cheapest(1)[0].name}")
            I inv.items.len() == 0 { R Err("empty inventory") }
            Ok(())
        }
    """)


def test_conflicting_trait_impls() -> None:
    errs = errors("""
        W Shape { F area(&self) -> f64 }
        W Conv<U> { F conv(&self) -> U }
        S Sq { s: f64 }
        S Wr<T> { v: T }
        X Sq: Shape { F area(&self) -> f64 = 1.0 }
        X Sq: Shape { F area(&self) -> f64 = 2.0 }
        X Sq: Conv<f64> { F conv(&self) -> f64 = 1.0 }
        X Sq: Conv<Str> { F conv(&self) -> Str = "s" }
        X<T> Wr<T>: Shape { F area(&self) -> f64 = 1.0 }
        X<K> Wr<K>: Shape { F area(&self) -> f64 = 1.0 }
        X Wr<i64>: Conv<i64> { F conv(&self) -> i64 = 1 }
        F main() {}
    """)
    assert [(d.code, d.span.line) for d in errs] == [(c.DUPLICATE_DEFINITION, 6), (c.DUPLICATE_DEFINITION, 10)]
    assert errs[0].message == "conflicting implementations of trait `Shape` for type `Sq`"
    assert [(lab.span.line, lab.message) for lab in errs[0].secondary] == [(5, "first implemented here")]
