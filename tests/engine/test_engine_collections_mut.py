"""Mutable access to collection elements, the way Rust users write it: the HashMap entry API,
`get_mut`, `iter_mut`, `values_mut`, and `*r = v` / `*r += v` through every kind of `&mut`."""

from __future__ import annotations

from engine_support import run, vais


def test_entry_or_insert_counts_words(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    m := mut HashMap::new()
    L w in "a b a c b a".split(" ") { *m.entry(w).or_insert(0) += 1 }
    e := m.entry("d").or_insert(10)
    *e += 5
    *e *= 2
    println("{m} {*e}")
}
""")
    assert out == '{"a": 3, "b": 2, "c": 1, "d": 30} 30\n'


def test_entry_of_a_vec_value_mutates_the_stored_vec(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    groups: mut HashMap<i64, Vec<i64>> = HashMap::new()
    L x in 0..7 { groups.entry(x % 3).or_insert(Vec::new()).push(x) }
    groups.entry(0).or_default().push(100)
    groups.entry(5).or_insert_with(|| [7]).push(8)
    println("{groups}")
}
""")
    assert out == "{0: [0, 3, 6, 100], 1: [1, 4], 2: [2, 5], 5: [7, 8]}\n"


def test_entry_and_modify_or_insert_and_defaults(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    m := mut HashMap::new()
    m.insert("a", 1)
    m.entry("a").and_modify(|v| *v += 10).or_insert(0)
    m.entry("b").and_modify(|v| *v += 10).or_insert(7)
    *m.entry("c").or_default() += 2
    made := mut 0
    m.entry("a").or_insert_with(|| {
        made += 1
        99
    })
    k := m.entry("b").key()
    println("{m} {made} {k}")
}
""")
    assert out == '{"a": 11, "b": 7, "c": 2} 0 b\n'


def test_get_mut_on_maps_and_vecs(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    m := mut HashMap::new()
    m.insert("a", 1)
    M m.get_mut("a") { Some(v) => *v += 1, None => {} }
    M m.get_mut("zz") { Some(v) => *v += 1, None => println("no zz") }
    v := mut [1, 2, 3]
    *v.get_mut(0).unwrap() = 9
    *v.last_mut().unwrap() += 30
    println("{v.get_mut(7).is_none()}")
    lists := mut HashMap::new()
    lists.insert("k", [1])
    lists.get_mut("k").unwrap().push(2)
    *v.first_mut().unwrap() -= 1
    println("{m} {v} {lists}")
}
""")
    assert out == 'no zz\ntrue\n{"a": 2} [8, 2, 33] {"k": [1, 2]}\n'


def test_iter_mut_and_values_mut_change_the_elements(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Body { x: i64 }
F main() {
    v := mut [1, 2, 3]
    L x in v.iter_mut() { *x *= 2 }
    L (i, x) in v.iter_mut().enumerate() { *x += i }
    v.iter_mut().for_each(|x| *x -= 1)
    names := mut ["a", "b"]
    L s in names.iter_mut() { *s = *s + "!" }
    bodies := mut [Body { x: 1 }, Body { x: 2 }]
    L b in bodies.iter_mut() { b.x += 10 }
    m := mut HashMap::new()
    m.insert(1, 10)
    m.insert(2, 20)
    L n in m.values_mut() { *n += 1 }
    L (k, n) in m.iter_mut() { *n += k }
    println("{v} {names} {bodies} {m}")
}
""")
    assert out == '[1, 4, 7] ["a!", "b!"] [Body { x: 11 }, Body { x: 12 }] {1: 12, 2: 23}\n'


def test_writes_through_references_reach_their_place(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Pt { x: i64, y: i64 }
F inc(x: &mut i64) { *x += 1 }
F bump_all(v: &mut Vec<i64>) { L x in v { *x += 100 } }
F main() {
    n := mut 5
    r := &mut n
    *r = 10
    *r += 2
    inc(r)
    println("{n} {*r}")
    p := mut Pt { x: 1, y: 2 }
    px := &mut p.x
    *px += 5
    v := mut [1, 2, 3]
    q := &mut v[1]
    *q = 20
    bump_all(&mut v)
    m := mut HashMap::new()
    inc(m.entry("k").or_insert(0))
    inc(m.get_mut("k").unwrap())
    add := |x: &mut i64| { *x += 3 }
    add(&mut p.y)
    println("{p.x} {p.y} {v} {m}")
}
""")
    assert out == "13 13\n6 5 [101, 120, 103] {\"k\": 2}\n"


def test_get_mut_of_enum_values_and_out_of_range_panics(tmp_path, cache_dir):
    prog = tmp_path / "prog.vais"
    prog.write_text("""
F main() {
    o := mut [Some(1), None]
    M o.get_mut(0) { Some(x) => *x = None, None => {} }
    println("{o}")
    v := mut [1]
    r := &mut v[3]
    *r = 1
}
""")
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert result.stdout == "[None, None]\n"
    assert result.returncode == 101
    assert "index out of bounds: the len is 1 but the index is 3" in result.stderr


def test_references_read_as_values_print_and_rebind(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    m := mut HashMap::new()
    m.insert("a", "x")
    m.get_mut("a").unwrap().push_str("yz")
    m.entry("b").or_insert("").push('!')
    v := mut [5, 6]
    println("{v.get_mut(0)} {v.get_mut(1).unwrap()} {*v.last_mut().unwrap() + 1}")
    n := mut 1
    p := (2, &mut n)
    *p.1 += 5
    o := Some(&mut n)
    M o { Some(r) => *r *= 2, None => {} }
    opts := mut HashMap::new()
    opts.insert(1, Some(3))
    t := opts.get_mut(1).unwrap().take()
    println("{m} {n} {t} {opts}")
}
""")
    assert out == 'Some(5) 6 7\n{"a": "xyz", "b": "!"} 12 Some(3) {1: None}\n'
