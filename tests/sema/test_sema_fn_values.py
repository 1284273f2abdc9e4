"""Functions as values in the checker: `Fn(A) -> R` bounds, `impl Fn` types, methods and associated
functions used as values, nested `F` items; and the errors a Rust user meets with them."""

from __future__ import annotations

from sema_helpers import clean, codes, errors, only_error

from vais.sema import codes as c

POINT = """
S Point { x: f64, y: f64 }
X Point {
    F new(x: f64, y: f64) -> Point = Point { x, y }
    F norm(&self) -> f64 = (self.x * self.x + self.y * self.y).sqrt()
    F scale(&mut self, k: f64) { self.x = self.x * k }
}
"""


# -- Fn bounds and impl Fn ------------------------------------------------------------------------

def test_fn_bounds_in_generics_and_where_clauses_type_the_parameter_as_a_function() -> None:
    clean("""
        F twice<T: Fn(i64) -> i64>(f: T, x: i64) -> i64 = f(f(x))
        F apply<A, B, F: Fn(A) -> B>(f: F, x: A) -> B = f(x)
        F run<F>(mut f: F) where F: FnMut() { f() }
        F both<G: FnOnce(i64, i64) -> bool + Copy>(g: G) -> bool = g(1, 2)
        F main() {
            n := mut 0
            run(|| n += 1)
            a: i64 = twice(|x| x + 1, 3)
            b: i64 = apply(|s: Str| s.len(), "abc")
            println("{a} {b} {both(|x, y| x < y)} {n}")
        }
    """)


def test_a_closure_of_the_wrong_type_for_a_fn_bound_is_a_mismatch_at_the_closure() -> None:
    err = only_error("""
        F twice<T: Fn(i64) -> i64>(f: T, x: i64) -> i64 = f(f(x))
        F main() {
            println("{twice(|s: Str| s.len(), 3)}")
        }
    """)
    assert (err.code, err.span.line) == (c.MISMATCH, 3)
    assert err.label == "expected `fn(i64) -> i64`, found `fn(Str) -> i64`"


def test_a_fn_bound_checks_the_closure_result() -> None:
    assert codes("""
        F twice<T: Fn(i64) -> i64>(f: T, x: i64) -> i64 = f(f(x))
        F main() { println("{twice(|x| x > 1, 3)}") }
    """) == [(c.MISMATCH, 2)]


def test_impl_fn_parameters_and_results_and_boxed_dyn_fn() -> None:
    clean("""
        F compose<A, B, C>(f: impl Fn(A) -> B, g: impl Fn(B) -> C) -> impl Fn(A) -> C = move |x| g(f(x))
        F adder(n: i64) -> Box<dyn Fn(i64) -> i64> = Box::new(move |x| x + n)
        F via_ref(f: &dyn Fn(i64) -> i64) -> i64 = f(1)
        F main() {
            h := compose(|x: i64| x + 1, |y: i64| y * 10)
            add5 := adder(5)
            println("{h(2)} {add5(1)} {via_ref(&|x| x - 1)}")
        }
    """)


def test_fn_bounds_on_struct_and_impl_parameters() -> None:
    clean("""
        S Cache<F: Fn(i64) -> i64> { f: F, hits: i64 }
        X<F: Fn(i64) -> i64> Cache<F> {
            F new(f: F) -> Cache<F> = Cache { f, hits: 0 }
            F call(&mut self, x: i64) -> i64 { self.hits += 1; (self.f)(x) }
        }
        F main() {
            c := mut Cache::new(|x| x * 3)
            println("{c.call(2)}")
        }
    """)


def test_a_fn_trait_where_no_parameter_is_bounded_is_a_clear_error() -> None:
    err = only_error("""
        W Callable: Fn(i64) {}
        F main() {}
    """)
    assert err.code == c.UNKNOWN_TRAIT and "only a bound of a generic parameter" in err.message
    assert err.help is not None and "fn(i64) -> i64" in err.help


# -- methods and associated functions as values --------------------------------------------------

def test_methods_of_primitives_as_values_take_self_by_value() -> None:
    clean("""
        F main() {
            v := [3, 9, 2]
            m: i64 = v.iter().fold(0, i64::max)
            f: fn(i64, i64) -> i64 = i64::min
            r: Vec<f64> = [4.0, 9.0].iter().map(f64::sqrt).collect()
            n: Vec<i64> = ["a", "bc"].iter().map(Str::len).collect()
            sq: Vec<i64> = v.iter().map(|b| i64::pow(*b, 2)).collect()
            println("{m} {f(1, 2)} {r} {n} {sq}")
        }
    """)


def test_user_methods_and_constructors_as_values() -> None:
    clean(POINT + """
        F main() {
            mk: fn(f64, f64) -> Point = Point::new
            pts := [mk(3.0, 4.0)]
            ns: Vec<f64> = pts.iter().map(Point::norm).collect()
            by_ref: fn(&Point) -> f64 = Point::norm
            scale: fn(&mut Point, f64) = Point::scale
            q := mut mk(1.0, 1.0)
            scale(&mut q, 2.0)
            println("{ns} {by_ref(&q)}")
        }
    """)


def test_a_method_value_of_the_wrong_type_is_a_mismatch() -> None:
    err = only_error(POINT + """
        F main() {
            f: fn(Point) -> i64 = Point::norm
            println("{f(Point::new(1.0, 1.0))}")
        }
    """)
    assert (err.code, err.span.line) == (c.MISMATCH, 9)
    assert err.label == "expected `fn(Point) -> i64`, found `fn(Point) -> f64`"


# -- nested functions ----------------------------------------------------------------------------

def test_nested_functions_are_visible_in_their_block_recursive_and_generic() -> None:
    clean("""
        F main() {
            println("{helper(4)} {fact(5)} {id("s")} {id(2)} {sum(1, 2)}")
            F helper(a: i64) -> i64 = a * 10
            F fact(n: i64) -> i64 = I n <= 1 { 1 } E { n * fact(n - 1) }
            F id<T>(x: T) -> T = x
            F sum(a, b) = a + b
            w: Vec<i64> = [1, 2].iter().map(helper).collect()
            println("{w} {3 |> helper}")
        }
    """)


def test_a_nested_function_is_not_visible_after_its_block() -> None:
    assert codes("""
        F main() {
            {
                F inner() -> i64 = 1
                println("{inner()}")
            }
            println("{inner()}")
        }
    """) == [(c.UNKNOWN_NAME, 6)]


def test_a_nested_function_cannot_use_the_enclosing_locals() -> None:
    err = only_error("""
        F main() {
            k := 3
            F bad(a: i64) -> i64 = a * k
            println("{bad(1)}")
        }
    """)
    assert (err.code, err.span.line) == (c.UNKNOWN_NAME, 3)
    assert "nested function `bad`" in err.message and err.help is not None and "closure" in err.help


def test_a_nested_function_does_not_see_the_enclosing_generics() -> None:
    assert codes("""
        F outer<T>(x: T) -> T {
            F inner(y: T) -> T = y
            x
        }
        F main() { println("{outer(1)}") }
    """) == [(c.UNKNOWN_TYPE, 2), (c.UNKNOWN_TYPE, 2)]


def test_two_nested_functions_of_one_name_in_a_block_are_a_duplicate() -> None:
    assert codes("""
        F main() {
            F f() -> i64 = 1
            F f() -> i64 = 2
            println("{f()}")
        }
    """) == [(c.DUPLICATE_DEFINITION, 3)]


def test_other_nested_items_are_one_clear_error() -> None:
    err = only_error("""
        F main() {
            S Inner { x: i64 }
            println("hi")
        }
    """)
    assert (err.code, err.span.line) == (c.BAD_OPERAND, 2)
    assert "struct" in err.message and err.help == "move this struct to the top level of the module"


def test_turbofish_arguments_may_name_the_fn_bounded_parameter() -> None:
    source = """
        F apply<A, B, F: Fn(A) -> B>(f: F, x: A) -> B = f(x)
        F main() {
            a := apply::<i64, Str, _>(|x| "n{x}", 4)
            b := apply::<i64, i64, fn(i64) -> i64>(|x| x + 1, 4)
            println("{a} {b}")
        }
    """
    clean(source)
    err = only_error(source.replace("apply::<i64, i64, fn(i64) -> i64>(|x| x + 1, 4)",
                                    "apply::<i64, i64, fn(i64) -> i64, i64>(|x| x + 1, 4)"))
    assert (err.code, err.span.line) == (c.WRONG_GENERIC_COUNT, 4)
    assert "takes 3 generic arguments but 4 were given" in err.message


def test_marker_traits_may_accompany_a_fn_bound_and_other_traits_are_reported() -> None:
    clean("""
        F a<F: Fn(i64) -> i64 + Send + Copy>(f: F) -> i64 = f(1)
        F mk() -> Box<dyn Fn(i64) -> i64 + Send + Sync> = Box::new(|x| x + 1)
        F main() { println("{a(|x| x)} {mk()(1)}") }
    """)
    err = only_error("""
        F b<F>(f: F) -> i64 where F: Fn(i64) -> i64 + Display = f(1)
        F main() { println("{b(|x| x)}") }
    """)
    assert (err.code, err.span.line) == (c.TRAIT_BOUND, 1)
    assert err.message == "a function type does not implement `Display`"


def test_functions_and_iterators_cannot_be_printed() -> None:
    errs = errors("""
        F inc(x: i64) -> i64 = x + 1
        F main() {
            f := inc
            println("{f}")
            println("{:?}", [1, 2].iter().map(|x| x * 2))
        }
    """)
    assert [(d.code, d.span.line, d.message) for d in errs] == [
        (c.BAD_FORMAT, 4, "a function cannot be printed"), (c.BAD_FORMAT, 5, "an iterator cannot be printed")]
    assert errs[1].help == "collect it first: `.collect::<Vec<_>>()`"
