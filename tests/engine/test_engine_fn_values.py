"""Functions as values, run through `vais run`: `Fn(A) -> R` bounds and `impl Fn` types, closures in
fields and vectors, methods and associated functions as values (built-ins included), nested `F`
items; each program's output is checked whole."""

from __future__ import annotations

from engine_support import run


def test_fn_bounds_in_generics_and_where_clauses(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F twice<T: Fn(i64) -> i64>(f: T, x: i64) -> i64 = f(f(x))
F apply<A, B, F: Fn(A) -> B>(f: F, x: A) -> B = f(x)
F map_all<T, U, F>(xs: Vec<T>, f: F) -> Vec<U> where F: Fn(T) -> U {
    out := mut Vec::new()
    L x in xs { out.push(f(x)) }
    out
}
F call_twice<F>(mut f: F) where F: FnMut() { f(); f() }
F both<G: FnOnce(i64, i64) -> bool + Copy>(g: G) -> bool = g(1, 2)
F main() {
    println("{twice(|x| x + 1, 3)} {apply(|s: Str| s.len(), "abc")} {both(|a, b| a < b)}")
    println("{map_all([1, 2, 3], |x| x * x)} {map_all(["a", "bc"], Str::len)}")
    n := mut 0
    call_twice(|| n += 5)
    println("{n}")
}
""")
    assert out == "5 3 true\n[1, 4, 9] [1, 2]\n10\n"


def test_impl_fn_results_boxed_dyn_fn_and_returned_closures(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F compose<A, B, C>(f: impl Fn(A) -> B, g: impl Fn(B) -> C) -> impl Fn(A) -> C = move |x| g(f(x))
F adder(n: i64) -> fn(i64) -> i64 = |x| x + n
F scaler(k: i64) -> |i64| -> i64 = |x| x * k
F boxed(n: i64) -> Box<dyn Fn(i64) -> i64> = Box::new(move |x| x - n)
F maybe(flag: bool) -> Option<Box<dyn Fn(i64) -> i64>> = I flag { Some(Box::new(|x| x * 2)) } E { None }
F via_ref(f: &dyn Fn(i64) -> i64, x: i64) -> i64 = f(x)
F main() {
    h := compose(|x: i64| x + 1, |y: i64| y * 10)
    b := boxed(1)
    println("{h(2)} {adder(5)(1)} {scaler(3)(4)} {b(10)} {via_ref(&|x| x * x, 7)}")
    M maybe(true) { Some(f) => println("{f(21)}"), None => println("none") }
}
""")
    assert out == "30 6 12 9 49\n42\n"


def test_fn_bounded_struct_fields_and_closures_in_fields_and_vectors(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Cache<F: Fn(i64) -> i64> { f: F, hits: i64 }
X<F: Fn(i64) -> i64> Cache<F> {
    F new(f: F) -> Cache<F> = Cache { f, hits: 0 }
    F call(&mut self, x: i64) -> i64 { self.hits += 1; (self.f)(x) }
}
S Op { name: Str, f: fn(i64, i64) -> i64 }
F add(a: i64, b: i64) -> i64 = a + b
F neg(x: i64) -> i64 = -x
F main() {
    c := mut Cache::new(|x| x * 3)
    println("{c.call(2)} {c.call(5)} {c.hits}")
    ops := [Op { name: "add", f: add }, Op { name: "mul", f: |a, b| a * b }, Op { name: "max", f: i64::max }]
    L op in ops { println("{op.name} {(op.f)(6, 7)}") }
    fs: Vec<fn(i64) -> i64> = [neg, i64::abs, |x| x + 1]
    r: Vec<i64> = fs.iter().map(|g| g(-10)).collect()
    println("{r}")
}
""")
    assert out == "6 15 2\nadd 13\nmul 42\nmax 7\n[10, 10, -9]\n"


def test_methods_and_associated_functions_as_values(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Point { x: f64, y: f64 }
X Point {
    F new(x: f64, y: f64) -> Point = Point { x, y }
    F norm(&self) -> f64 = (self.x * self.x + self.y * self.y).sqrt()
    F scale(&mut self, k: f64) { self.x = self.x * k; self.y = self.y * k }
}
F main() {
    v := [3, 9, 2]
    println("{v.iter().fold(0, i64::max)} {v.iter().fold(100, i64::min)}")
    r: Vec<f64> = [4.0, 9.0].iter().map(f64::sqrt).collect()
    ls: Vec<i64> = ["a", "abc"].iter().map(Str::len).collect()
    ts: Vec<Str> = v.iter().map(i64::to_string).collect()
    letters: Str = "a1b2".chars().filter(char::is_alphabetic).collect()
    println("{r} {ls} {ts} {letters} {[1.5, -2.0].iter().fold(f64::MIN, f64::max)}")
    mk := Point::new
    pts := [mk(3.0, 4.0), mk(6.0, 8.0)]
    ns: Vec<f64> = pts.iter().map(Point::norm).collect()
    g: fn(&Point) -> f64 = Point::norm
    sc := Point::scale
    q := mut mk(1.0, 1.0)
    sc(&mut q, 3.0)
    sq: Vec<i64> = v.iter().map(|b| i64::pow(*b, 2)).collect()
    println("{ns} {g(&pts[0])} {q.x} {sq}")
}
""")
    assert out == '9 2\n[2.0, 3.0] [1, 3] ["3", "9", "2"] ab 1.5\n[5.0, 10.0] 5.0 3.0 [9, 81, 4]\n'


def test_nested_functions(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F helper(x: i64) -> i64 = x + 1000
S Pt { v: i64 }
X Pt {
    F scaled(&self) -> i64 {
        F k(x: i64) -> i64 = x * 3
        k(self.v)
    }
}
F main() {
    println("{early(4)} {fact(10)} {id("s")} {id(2)} {sum(1, 2)}")
    F early(a: i64) -> i64 = a * 10
    F fact(n: i64) -> i64 = I n <= 1 { 1 } E { n * fact(n - 1) }
    F id<T>(x: T) -> T = x
    F sum(a, b) = a + b
    {
        F helper(x: i64) -> i64 = x + 1
        println("{helper(1)}")
    }
    println("{helper(1)}")
    F is_even(n: i64) -> bool = I n == 0 { true } E { is_odd(n - 1) }
    F is_odd(n: i64) -> bool = I n == 0 { false } E { is_even(n - 1) }
    F down(n: i64) -> i64 = I n == 0 { 0 } E { @(n - 1) }
    println("{is_even(100001)} {down(50000)} {Pt { v: 4 }.scaled()}")
    w: Vec<i64> = [1, 2].iter().map(early).collect()
    f := |x: i64| {
        F inner(y: i64) -> i64 = y + 7
        inner(x)
    }
    println("{w} {3 |> early} {3 |> sum(4)} {f(1)}")
}
""")
    assert out == "40 3628800 s 2 3\n2\n1001\nfalse 0 12\n[10, 20] 30 7 8\n"


def test_recursion_through_a_function_value_and_pipes(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F fib_with(f: impl Fn(i64) -> i64, n: i64) -> i64 = I n < 2 { n } E { f(n - 1) + f(n - 2) }
F fib(n: i64) -> i64 = fib_with(fib, n)
F add(a: i64, b: i64) -> i64 = a + b
F main() {
    F neg(x: i64) -> i64 = -x
    f := mut neg
    println("{fib(15)} {4 |> neg} {4 |> add(3)} {4 |> |x| x * 2} {4 |> neg |> i64::abs}")
    f = |x| x * 100
    println("{3 |> f}")
}
""")
    assert out == "610 -4 7 8 4\n300\n"


def test_closures_passed_by_mutable_reference_and_builtin_methods_of_generic_types(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F apply_mut(f: &mut impl FnMut(i64), x: i64) { f(x) }
F apply_fn(f: &mut fn(i64), x: i64) { f(x) }
F best<T: Ord + Copy>(xs: Vec<T>, pick: fn(T, T) -> T) -> T = xs.iter().fold(xs[0], pick)
F main() {
    total := mut 0
    g := mut |x: i64| total += x
    apply_mut(&mut g, 5)
    apply_fn(&mut g, 6)
    bytes: Vec<u8> = [250, 7]
    println("{total} {bytes.iter().fold(0, u8::max)} {best([1, 5, 2], i64::max)} {best([1.5, 0.5], f64::min)}")
    lens: Vec<i64> = [[1, 2], [3]].iter().map(Vec::len).collect()
    somes: Vec<Option<i64>> = [Some(1), None].iter().filter(Option::is_some).collect()
    e: Option<Vec<i64>> = None
    v := mut Vec::new()
    push := Vec::push
    push(&mut v, 3)
    println("{lens} {somes} {e.unwrap_or_else(Vec::new)} {v}")
}
""")
    assert out == "11 250 5 0.5\n[2, 1] [Some(1)] [] [3]\n"
