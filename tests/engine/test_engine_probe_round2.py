"""Regressions found by running realistic programs written to the reference (second probe round):
each of these crashed the engine or printed a wrong answer."""

from __future__ import annotations

import os
import subprocess
import sys

from engine_support import run, vais


def test_std_trait_methods_called_by_path(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
U std::rc::Rc
#[derive(Clone, Debug)]
S Pt { x: i64 }
F main() {
    r := Rc::new(vec![1, 2, 3])
    x := 5
    v := vec!["a".to_string(), "b".to_string()]
    w: Vec<Str> = v.iter().map(Str::clone).collect()
    println("{Rc::clone(&r):?} {i64::clone(&x)} {w:?} {Pt::clone(&Pt { x: 1 }):?} {i64::to_string(&x)}")
}
""")
    assert out == '[1, 2, 3] 5 ["a", "b"] Pt { x: 1 } 5\n'


def test_mut_borrow_of_a_temporary(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F add_bang(s: &mut Str) -> Str { s.push('!'); s.clone() }
F bump(n: &mut i64) -> i64 { *n += 1; *n }
F main() {
    n := mut 1
    println("{add_bang(&mut Str::new())} {add_bang(&mut "hi".to_string())} {bump(&mut 5)} {bump(&mut n)} {n}")
}
""")
    assert out == "! hi! 6 2 2\n"


def test_parse_into_a_user_from_str_type(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Meters { v: i64 }
X Meters: FromStr {
    F from_str(s: Str) -> Result<Meters> = Ok(Meters { v: s.trim_end_matches('m').parse()? })
}
F main() {
    a: Meters = "12m".parse().unwrap()
    println("{a.v} {"5m".parse::<Meters>():?} {"xm".parse::<Meters>().is_err()}")
}
""")
    assert out == "12 Ok(Meters { v: 5 }) true\n"


def test_a_guard_that_needs_statements(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    L n in 0..6 {
        s := M n {
            x I (M x { 2 => true, 4 => true, _ => false }) => "even",
            x I matches!(Some(x), Some(5)) => "five",
            _ => "other",
        }
        print("{s} ")
    }
    println("")
}
""")
    assert out == "other other even other even five \n"


def test_iterators_compare_element_wise_and_not_with_equals(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    w := "level"
    println("{w.chars().rev().eq(w.chars())} {[1, 2].iter().cmp([1, 3].iter()):?} {"ab".chars().ne("ab".chars())}")
}
""")
    assert out == "true Less false\n"
    prog = tmp_path / "eq.vais"
    prog.write_text('F main() {\n    println("{"ab".chars() == "ab".chars()}")\n}\n')
    result = vais("check", str(prog), cache_dir=cache_dir)
    assert result.returncode == 1 and "iterators cannot be compared with `==`" in result.stderr
    assert "`a.eq(b)`" in result.stderr


def test_log_macros_write_tracing_style_lines_filtered_by_vais_log(tmp_path, cache_dir):
    prog = tmp_path / "log.vais"
    prog.write_text('F main() {\n    id := 7\n    info!("user {id} in"; role = "admin", n = 3)\n'
                    '    debug!("details")\n    x := span!("req", id = 5, { warn!("slow"); 4 })\n    println("{x}")\n}\n')
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert (result.returncode, result.stdout) == (0, "4\n"), result.stderr
    lines = result.stderr.splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == [' INFO user 7 in role="admin" n=3', " WARN slow"]
    assert lines[0][:4].isdigit() and lines[0][26] == "Z"  # 2026-11-27T09:31:00.123456Z
    verbose = subprocess.run([sys.executable, "-m", "vais.cli.main", "run", str(prog)], capture_output=True, text=True,
                             env=dict(os.environ, VAIS_CACHE_DIR=str(cache_dir), VAIS_LOG="debug"), check=False)
    assert "DEBUG details" in verbose.stderr


def test_as_spells_out_a_coercion_to_a_boxed_function(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    f := Box::new(|x: i64| x + 1) as Box<dyn Fn(i64) -> i64>
    fs: Vec<Box<dyn Fn(i64) -> i64>> = vec![f, Box::new(|x| x * 10)]
    println("{fs[0](1)} {fs[1](2)}")
}
""")
    assert out == "2 20\n"


def test_turbofish_on_variants(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
E Tree<T> { Leaf, Node(T) }
F main() {
    a := None::<i64>
    b := Err::<i64, Str>("x")
    c := Result::<i64, Str>::Ok(3)
    d := Tree::<i64>::Leaf
    e := Option::<i64>::None
    println("{a:?} {b:?} {c:?} {d:?} {e:?}")
}
""")
    assert out == 'None Err("x") Ok(3) Leaf None\n'


def test_split_first_last_and_concat_of_strings(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    words := vec!["ab".to_string(), "cd".to_string()]
    v := vec![1, 2, 3]
    M v.split_first() { Some((h, t)) => println("{h} {t:?}"), None => {} }
    e: Vec<i64> = vec![]
    println("{words.concat()} {v.split_last():?} {e.split_first():?} {[[1], [2, 3]].concat():?}")
}
""")
    assert out == "1 [2, 3]\nabcd Some((3, [1, 2])) None [1, 2, 3]\n"
