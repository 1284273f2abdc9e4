"""Regressions found by probing the toolchain with new programs written to the reference (Rust
idioms where the reference is silent): each test failed before its fix."""

from __future__ import annotations

from engine_support import run, vais


def test_sum_and_product_take_a_turbofish(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    w := [1, 2, 3, 4, 5]
    println("{w.iter().map(|x| x * x).sum::<i64>()} {(1..=4).product::<i64>()}")
    println("{[1.5, 0.5].iter().sum::<f64>()}")
}
""")
    assert out == "55 24\n2.0\n"


def test_sum_turbofish_of_another_type_is_an_error(tmp_path, cache_dir):
    prog = tmp_path / "prog.vais"
    prog.write_text("F main() {\n    v: Vec<i64> = [1, 2]\n    println(\"{v.iter().sum::<f64>()}\")\n}\n")
    result = vais("check", str(prog), cache_dir=cache_dir)
    assert result.returncode != 0 and "mismatched types" in result.stderr


def test_full_range_slices(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    w := "hello"
    v := [1, 2, 3]
    println("{w[..]} {v[..]}")
}
""")
    assert out == "hello [1, 2, 3]\n"


def test_default_values(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
#[derive(Default, Debug)]
S Cfg { n: i64, s: Str, v: Vec<i64>, o: Option<i64>, t: (i64, bool), f: f64, c: Inner }
S Inner { k: i64 }
X Inner: Default { F default() -> Inner = Inner { k: 7 } }
F make<T: Default>() -> T = T::default()
F main() {
    x := i64::default()
    c := Cfg::default()
    s: Str = Default::default()
    i: Inner = make()
    m: HashMap<Str, i64> = Default::default()
    println("{x} {c} [{s}] {i.k} {m} {make::<f64>()} {make::<Cfg>().c.k}")
    cc := Cfg { n: 5, ..Default::default() }
    println("{cc.n} {cc.c.k}")
}
""")
    assert out == ('0 Cfg { n: 0, s: "", v: [], o: None, t: (0, false), f: 0.0, c: Inner { k: 7 } } [] 7 {} 0.0 7\n'
                   "5 7\n")


def test_unwrap_or_default_and_flatten_of_options(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    r: Result<i64, Str> = Err("e")
    ns: Option<Str> = None
    println("{r.unwrap_or_default()} [{ns.unwrap_or_default()}] {Some(3).unwrap_or_default()}")
    println("{[Some(1), None, Some(3)].iter().flatten().collect::<Vec<i64>>()}")
}
""")
    assert out == "0 [] 3\n[1, 3]\n"


def test_vec_as_slice_in_slice_patterns(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F sl(v: &Vec<i64>) -> Str = M v.as_slice() {
    [] => "empty",
    [x] => "one {x}",
    [first, .., last] => "{first}..{last}",
}
F main() {
    v := mut [1, 2, 3]
    s := mut v.as_slice()
    s.push(4)
    println("{sl(&[])} {sl(&[1])} {sl(&v)} {v} {s}")
}
""")
    assert out == "empty one 1 1..3 [1, 2, 3] [1, 2, 3, 4]\n"


def test_deref_of_what_rust_binds_by_reference(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
E Tree { Leaf, Node(Box<Tree>, i64, Box<Tree>) }
F inorder(t: &Tree, out: &mut Vec<i64>) {
    M t {
        Leaf => {},
        Node(l, x, r) => { inorder(l, out); out.push(*x); inorder(r, out) }
    }
}
F main() {
    v := [1, 2, 3, 4]
    a: Vec<i64> = v.iter().map(|x| *x * 2).collect()
    b: Vec<i64> = v.iter().filter(|x| **x > 2).cloned().collect()
    d := v.iter().fold(0, |acc, x| acc + *x)
    L x in &v { print("{*x} ") }
    out := mut Vec::new()
    inorder(&Node(Box::new(Node(Box::new(Leaf), 1, Box::new(Leaf))), 2, Box::new(Leaf)), &mut out)
    println("{a} {b} {d} {out}")
}
""")
    assert out == "1 2 3 4 [2, 4, 6, 8] [3, 4] 10 [1, 2]\n"


def test_deref_of_a_plain_binding_is_still_an_error(tmp_path, cache_dir):
    prog = tmp_path / "prog.vais"
    prog.write_text("F main() {\n    x := 5\n    y := *x\n    println(\"{y}\")\n}\n")
    result = vais("check", str(prog), cache_dir=cache_dir)
    assert result.returncode != 0 and "cannot be dereferenced" in result.stderr


def test_clone_of_an_rc_is_an_rc(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    r := Rc::new([1, 2])
    r2 := r.clone()
    r3: Rc<Vec<i64>> = r.clone()
    b := Box::new(5)
    b2 := b.clone()
    println("{*r2 == [1, 2]} {*r3 == *r} {*b2 + 1} {r2}")
}
""")
    assert out == "true true 6 [1, 2]\n"


def test_char_predicates_as_str_patterns(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F is_sep(c: char) -> bool = c == ',' || c == ';'
F main() {
    s := "a,b;;c"
    println("{s.split(is_sep).collect::<Vec<Str>>()} {s.split(|c| c == ';').collect::<Vec<Str>>()}")
    println("{s.rsplit(is_sep).collect::<Vec<Str>>()} {s.splitn(2, is_sep).collect::<Vec<Str>>()}")
    println("{s.find(is_sep)} {s.rfind(is_sep)} {s.find(|c| c == 'z')} {s.contains(|c| c == 'b')}")
    println("{s.starts_with(|c: char| c.is_alphabetic())} {s.ends_with(is_sep)} {s.matches(is_sep).count()}")
    println("{s.split_once(is_sep)} {s.rsplit_once(is_sep)} {s.replace(is_sep, "|")} {s.replacen(is_sep, "", 2)}")
    t := "  12ab34  "
    println("[{t.trim_matches(|c: char| c == ' ' || c.is_numeric())}] [{t.trim_start_matches(|c| c == ' ')}]")
    println("[{t.trim_end_matches(|c| c == ' ')}] {"x1".strip_prefix(|c| c == 'x')} {"x1".strip_suffix(|c| c == 'x')}")
}
""")
    assert out == ('["a", "b", "", "c"] ["a,b", "", "c"]\n'
                   '["c", "", "b", "a"] ["a", "b;;c"]\n'
                   "Some(1) Some(4) None true\n"
                   "true false 3\n"
                   'Some(("a", "b;;c")) Some(("a,b;", "c")) a|b||c ab;c\n'
                   "[ab] [12ab34  ]\n"
                   '[  12ab34] Some("1") None\n')


def test_invalid_format_specs_are_compile_errors(tmp_path, cache_dir):
    prog = tmp_path / "prog.vais"
    prog.write_text('F main() {\n    w := 7\n    println("[{w:>w$}] {:q}", 3)\n}\n')
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert result.returncode == 1 and "internal error" not in result.stderr
    assert "invalid format spec `>w$`" in result.stderr and "invalid format spec `q`" in result.stderr
    out = run(tmp_path, cache_dir, 'F main() {\n    w := 7\n    println("[{w:>+#08.3x?}] [{w:é^5}] [{w:X?}] [{w:-<3}] [{1.5:#?}]")\n}\n')
    assert out == "[+0x00007] [éé7éé] [7] [7--] [1.5]\n"


def test_vec_macro_repeat_form(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    n := 4
    a := vec![0; 3]
    b := vec!(7u8; 2)
    g := mut vec![vec![0; 2]; 2]
    g[0][1] = 5
    println("{a} {b} {vec![1; n].len()} {g} {vec![1, 2]} {vec![3]}")
}
""")
    assert out == "[0, 0, 0] [7, 7] 4 [[0, 5], [0, 0]] [1, 2] [3]\n"


def test_rust_str_spellings(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    s: String = String::from("abc")
    t := s.to_owned() + s.as_str()
    println("{t} {s.clone().into_bytes()}")
}
""")
    assert out == "abcabc [97, 98, 99]\n"


def test_sort_unstable_by_key(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    words := mut ["bb", "a", "ccc", "dd"]
    words.sort_unstable_by_key(|w| w.len())
    println("{words}")
}
""")
    assert out == '["a", "bb", "dd", "ccc"]\n'
