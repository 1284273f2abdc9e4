"""Semantics the language reference pins down beyond the conformance corpus: value semantics of
aggregates, closure captures, integer widths and ranges, seed snippets with a driver."""

from __future__ import annotations

import pytest
from engine_support import SEEDS, run, vais


def test_aggregates_are_values(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Bag { items: Vec<i64> }
F keep(store: &mut Vec<Vec<i64>>, x: Vec<i64>) { store.push(x) }
F main() {
    a := mut [1, 2]
    b := mut a
    b.push(3)
    row := mut [7]
    grid := mut Vec::new()
    grid.push(row)
    row.push(8)
    kept := mut Vec::new()
    keep(&mut kept, row)
    row.push(9)
    bag := Bag { items: a }
    c := mut bag
    c.items.push(4)
    println("{a} {b} {grid} {kept} {row} {bag.items} {c.items}")
}
""")
    assert out == "[1, 2] [1, 2, 3] [[7]] [[7, 8]] [7, 8, 9] [1, 2] [1, 2, 4]\n"


def test_mut_borrows_share_and_scalars_write_back(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F bump(x: &mut i64) { *x += 1 }
F grow(v: &mut Vec<i64>) { v.push(v.len()) }
S Pt { n: i64 }
F main() {
    n := mut 41
    bump(&mut n)
    v := mut Vec::new()
    grow(&mut v)
    grow(&mut v)
    p := mut Pt { n: 1 }
    bump(&mut p.n)
    println("{n} {v} {p.n}")
}
""")
    assert out == "42 [0, 1] 2\n"


def test_closures_capture_per_the_reference(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    fs := mut Vec::new()
    L i: 0..3 { fs.push(move |x: i64| x + i) }
    L f in fs { print("{f(10)} ") }
    total := mut 0
    add := |x: i64| { total += x }
    add(5)
    add(6)
    k := 1
    g := || k * 10
    k := 2
    counter := mut 0
    tick := move || { counter += 1; counter }
    tick()
    println("{total} {g()} {k} {tick()} {counter}")
}
""")
    assert out == "10 11 12 11 10 2 2 0\n"


def test_integer_widths_wrap_and_ranges(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    a: u8 = 250
    b: i16 = 32767
    c: i32 = -2147483648
    big := 9223372036854775807
    h := mut 0
    L ch in "abc".chars() { h = h * 1000003 + ch as i64 }
    L i: 0..70 { h = h * 31 + i }
    s := mut 0
    L i: 0..10 { s += i * big }
    println("{a + 10} {b + 1} {c - 1} {big + 1} {h} {s} {-7 / 2} {-7 % 2} {7 / -2}")
}
""")
    hv = 0
    for ch in "abc":
        hv = (hv * 1000003 + ord(ch)) % (1 << 64)
    for i in range(70):
        hv = (hv * 31 + i) % (1 << 64)
    hv = hv - (1 << 64) if hv >= 1 << 63 else hv
    sv = sum(i * ((1 << 63) - 1) for i in range(10)) % (1 << 64)
    sv = sv - (1 << 64) if sv >= 1 << 63 else sv
    assert out == f"4 -32768 2147483647 -9223372036854775808 {hv} {sv} -3 -1 -3\n"


def _with_driver(snippet: str, driver: str) -> str:
    return (SEEDS / snippet).read_text() + "\n" + driver


@pytest.mark.parametrize(("snippet", "driver", "expected"), [
    ("13_factorial_tail.vais",
     'F main() {\n    println("{factorial_tail(10, 1)} {factorial_tail(13, 1)} {factorial_tail(1_000_000, 1)}")\n}\n',
     "3628800 1932053504 0\n"),
    ("16_validate_input.vais",
     'F main() {\n    L c in [validate_user_input("a@b.c", 30), validate_user_input("nope", 30), '
     'validate_user_input("x@y", 200)] {\n        M c { Ok(_) => println("ok"), Err(e) => println("error: {e}") }\n'
     '    }\n}\n',
     "ok\nerror: Invalid email format\nerror: Invalid age\n"),
    ("03_reactor_setup.vais",
     'F setup_epoll_reactor() -> bool { println("epoll reactor"); true }\n'
     'F setup_kqueue_reactor() -> bool { println("kqueue reactor"); true }\n'
     'F main() { println("{setup_async_runtime():?}") }\n',
     "epoll reactor\nOk(())\n"),
    ("04_platform_main.vais", "", "Running on: epoll\n"),
])
def test_seed_snippets_run(tmp_path, cache_dir, snippet, driver, expected):
    assert run(tmp_path, cache_dir, _with_driver(snippet, driver)) == expected


def test_trait_objects_dispatch_dynamically(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
W Shape {
    F area(&self) -> f64
    F name(&self) -> Str = "shape"
}
S Sq { s: f64 }
S Circ { r: f64 }
X Sq: Shape { F area(&self) -> f64 = self.s * self.s; F name(&self) -> Str = "square" }
X Circ: Shape { F area(&self) -> f64 = 3.0 * self.r * self.r }
F total(shapes: &Vec<Box<dyn Shape>>) -> f64 {
    t := mut 0.0
    L s in shapes { t += s.area() }
    t
}
F main() {
    shapes: Vec<Box<dyn Shape>> = [Box::new(Sq { s: 2.0 }), Box::new(Circ { r: 1.0 })]
    L s in shapes { println("{s.name()} {s.area()}") }
    println("total {total(&shapes)}")
}
""")
    assert out == "square 4.0\nshape 3.0\ntotal 7.0\n"


def test_generic_code_is_monomorphised(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F twice<T: Num>(x: T) -> T = x + x
F add(a, b) = a + b
S Box2<T> { v: T }
X<T> Box2<T> { F get(&self) -> T = self.v }
F main() {
    small: u8 = 200
    println("{twice(small)} {twice(2.5)} {twice(9223372036854775807)} {add(1, 2)} {add(0.5, 0.25)} {add("a", "b")}")
    b := Box2 { v: 'x' }
    println("{b.get()} {Box2 { v: [1, 2] }.get()}")
}
""")
    assert out == "144 5.0 -2 3 0.75 ab\nx [1, 2]\n"


def test_async_functions_run_on_asyncio(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
A F double(x: i64) -> i64 = x * 2
A F sum_all(n: i64) -> i64 {
    tasks := mut Vec::new()
    L i: 0..n { tasks.push(spawn double(i)) }
    total := mut 0
    L t in tasks { total += t.await }
    total
}
A F main() -> Result<()> {
    println("{double(21).await} {sum_all(10).Y}")
    Ok(())
}
""")
    assert out == "42 90\n"


def test_await_outside_async_is_an_error(tmp_path, cache_dir):
    prog = tmp_path / "bad.vais"
    prog.write_text("A F one() -> i64 = 1\nF main() { println(\"{one().await}\") }\n")
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert result.returncode == 1
    assert "error[E0330]" in result.stderr


def test_operators_display_patterns_and_builders(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S V2 { x: f64, y: f64 }
X V2: Add { F add(self, o: V2) -> V2 = V2 { x: self.x + o.x, y: self.y + o.y } }
X V2: Display { F fmt(&self) -> Str = "<{self.x}, {self.y}>" }
E Expr { Num(i64), Add(Box<Expr>, Box<Expr>), Neg(Box<Expr>) }
F eval(e: &Expr) -> i64 = M e { Num(n) => n, Add(a, b) => eval(a) + eval(b), Neg(a) => -eval(a) }
F first_last(v: Vec<i64>) -> Str = M v { [] => "none", [x] => "just {x}", [a, .., b] => "{a}..{b}" }
S Stack<T> { items: Vec<T> }
X<T> Stack<T> {
    F new() -> Stack<T> = Stack { items: Vec::new() }
    F push(&mut self, x: T) -> &mut Stack<T> { self.items.push(x); self }
}
F main() {
    c := V2 { x: 1.0, y: 2.0 } + V2 { x: 0.5, y: -1.0 }
    println("{c} {[c]:?}")
    println("{eval(&Add(Box::new(Num(2)), Box::new(Neg(Box::new(Num(-4))))))}")
    L v in [[], [1], [1, 2, 3]] { print("{first_last(v)} ") }
    s := mut Stack::new()
    s.push(1).push(2)
    println("{s.items} {i64::MAX} {u8::MAX} {i32::MIN} {f64::INFINITY}")
}
""")
    assert out == ("<1.5, 1.0> [V2 { x: 1.5, y: 1.0 }]\n6\nnone just 1 1..3 "
                   "[1, 2] 9223372036854775807 255 -2147483648 inf\n")


def test_files_time_random_and_env(tmp_path, cache_dir):
    target = tmp_path / "out.txt"
    out = run(tmp_path, cache_dir, f"""
U std/fs
U std/time
U std/random
U std/env
F write_and_read(path: Str) -> Result<i64> {{
    f := mut File::create(path)?
    f.write_line("alpha")?
    f.write_line("beta")?
    f.close()
    g := mut File::open(path)?
    lines := g.lines()?
    R Ok(lines.len())
}}
F main() -> Result<()> {{
    n := write_and_read("{target}")?
    println("lines {{n}} {{exists("{target}")}}")
    M File::open("{tmp_path}/missing/x.txt") {{ Ok(_) => println("?"), Err(e) => println("err: {{e}}") }}
    r := mut Rng::seeded(42)
    r2 := mut Rng::seeded(42)
    println("{{r.range(0, 100) == r2.range(0, 100)}}")
    t := Instant::now()
    sleep(5ms)
    println("{{t.elapsed().as_millis() >= 5}} {{env_var("VAIS_TEST_ENV_MARKER")}}")
    Ok(())
}}
""")
    assert out == (f"lines 2 true\nerr: cannot open '{tmp_path}/missing/x.txt': No such file or directory\n"
                   "true\ntrue None\n")
    assert target.read_text() == "alpha\nbeta\n"
