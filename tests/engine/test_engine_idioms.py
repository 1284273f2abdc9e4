"""Rust-style idioms users bring with them: std re-exports, borrowed literals, user iterators,
the HashMap entry API. Each program runs through `vais run` and its output is checked whole."""

from __future__ import annotations

from engine_support import run


def test_math_module_reexports_the_prelude_functions(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
U std/math
U std/math.{sqrt}
F main() {
    println("{math::sqrt(16.0)} {sqrt(2.0):.3} {math::abs(-3)} {math::max(2, 9)} {math::min(2, 9)} {math::pow(2.0, 3.0)}")
}
""")
    assert out == "4.0 1.414 3 9 2 8.0\n"


def test_a_borrowed_literal_is_accepted_where_a_value_is_expected(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    v := vec![3, 1, 2]
    xs := [1.5, 2.5]
    println("{v.contains(&2)} {v.contains(&7)} {xs.contains(&2.5)}")
}
""")
    assert out == "true false true\n"


def test_byte_literals_are_u8_values_in_expressions_and_patterns(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F shout(s: Str) -> Vec<u8> = s.bytes().map(|x| x - b'a' + b'A').collect()
F main() {
    first := "hello".as_bytes()[0]
    kind := M first { b'a'..=b'z' => "lower", b'\\n' => "newline", _ => "other" }
    println("{b'a'} {shout("hey"):?} {kind} {(b'0' + 7) as char}")
}
""")
    assert out == "97 [72, 69, 89] lower 7\n"


def test_rust_style_reads_through_get_and_first(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F withdraw(m: &mut HashMap<Str, i64>, name: &str, amt: i64) -> Result<i64, Str> {
    bal := m.get(name).ok_or("no account {name}")?
    I *bal < amt { R Err("need {amt}, have {*bal}") }
    m.insert(name.to_string(), *bal - amt)
    Ok(*bal - amt)
}
F main() {
    m := mut HashMap::new()
    m.insert("ann".to_string(), 100)
    v := vec![4, 9, 2]
    println("{withdraw(&mut m, "ann", 30):?} {withdraw(&mut m, "ann", 500):?} {withdraw(&mut m, "bob", 1):?}")
    println("{*v.iter().max().unwrap()} {*v.first().unwrap() + *m.get("ann").unwrap()}")
}
""")
    assert out == 'Ok(70) Err("need 500, have 70") Err("no account bob")\n9 74\n'


def test_if_let_and_while_let(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
E Cmd { Push(i64), Pop, Quit }
F main() {
    cmds := vec![Cmd::Push(4), Cmd::Push(9), Cmd::Pop, Cmd::Push(1), Cmd::Quit]
    stack := mut Vec::new()
    L c in cmds {
        I let Cmd::Push(n) = c { stack.push(n) } E I let Cmd::Pop = c { _ := stack.pop() } E { B }
    }
    total := mut 0
    LW let Some(top) = stack.pop() {
        I top == 1 { C }
        total += top
    }
    m := mut HashMap::new()
    m.insert("a", 2)
    doubled := I let Some(v) = m.get("a") { *v * 2 } E { 0 }
    I let Some(v) = m.get("zz") { println("unexpected {v}") }
    println("{total} {doubled} {stack.len()}")
}
""")
    assert out == "4 4 0\n"


def test_rust_spellings_of_fs_and_env(tmp_path, cache_dir):
    data = tmp_path / "data.txt"
    out = run(tmp_path, cache_dir, f"""
U std/fs
U std/env
F main() {{
    path := "{data}"
    fs::write(path, "a\\nb\\n")!
    copied := fs::copy(path, path + ".bak")!
    text := fs::read_to_string(path + ".bak")!
    env::set_var("VAIS_PROBE", "on")
    println("{{copied}} {{text.lines().count()}} {{env::var("VAIS_PROBE")!}} {{env::var("VAIS_NOPE"):?}}")
    env::remove_var("VAIS_PROBE")
    println("{{env::var("VAIS_PROBE").is_err()}} {{fs::read_to_string("/nonexistent/x").is_err()}}")
}}
""")
    assert out == '4 2 on Err(Error("environment variable not found: VAIS_NOPE"))\ntrue true\n'
