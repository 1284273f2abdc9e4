"""User impls of the std comparison and operator traits, run through `vais run`: the user's `eq`,
`partial_cmp` and `cmp` replace structural comparison wherever the type is compared (operators,
containers, sorting, min/max, asserts), and `!`, `+=` ... call the user's `Not`/`AddAssign` ... methods."""

from __future__ import annotations

from engine_support import run, vais

# A version compared by (major, minor) only: `tag` differs between values that are equal.
VERSION = """
S Ver { major: i64, minor: i64, tag: Str }
X Ver: PartialEq { F eq(&self, other: &Ver) -> bool = self.major == other.major && self.minor == other.minor }
X Ver: Eq {}
X Ver: PartialOrd { F partial_cmp(&self, other: &Ver) -> Option<Ordering> = Some(self.cmp(other)) }
X Ver: Ord {
    F cmp(&self, other: &Ver) -> Ordering = self.major.cmp(&other.major).then(self.minor.cmp(&other.minor))
}
F v(major: i64, minor: i64, tag: Str) -> Ver = Ver { major, minor, tag }
"""


def test_user_eq_is_used_by_operators_containers_and_asserts(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, VERSION + """
F main() {
    a := v(1, 2, "a")
    b := v(1, 2, "b")
    c := v(0, 9, "c")
    println("{a == b} {a != b} {a.eq(&b)} {a.ne(&c)} {a == c}")
    println("{[a, c] == [b, c]} {(a, 1) == (b, 1)} {Some(a) == Some(b)} {[a].contains(&b)}")
    println("{[c, b].index_of(&a)}")
    ds := mut [a, b, c]
    ds.dedup()
    println("{ds.len()}")
    assert_eq(a, b)
    assert_ne(a, c)
}
""")
    assert out == "true false true true false\ntrue true true true\nSome(1)\n2\n"


def test_user_ordering_is_used_by_comparisons_sorting_and_extremes(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, VERSION + """
F biggest<T: Ord>(xs: &Vec<T>) -> T {
    best := mut xs[0]
    L x in xs { I x > best { best = x } }
    best
}
F tags(xs: &Vec<Ver>) -> Str = xs.iter().map(|x| x.tag).collect::<Vec<Str>>().join(",")
F main() {
    a := v(2, 0, "a")
    b := v(1, 5, "b")
    c := v(1, 2, "c")
    println("{c < b} {b <= c} {a > b} {a >= a} {b.cmp(&a)} {a.partial_cmp(&c)} {b.lt(&a)}")
    xs := mut [a, b, c]
    xs.sort()
    println("{tags(&xs)}")
    xs.sort_by(|x, y| y.cmp(x))
    println("{tags(&xs)}")
    println("{xs.iter().max().unwrap().tag} {xs.iter().min().unwrap().tag} {max(b, c).tag} {min(b, c).tag}")
    println("{biggest(&xs).tag} {[c] < [b]} {(c, 9) < (b, 0)} {Some(b) > Some(c)}")
}
""")
    assert out == "true false true true Less Some(Greater) true\nc,b,a\na,b,c\na c b c\na true true true\n"


def test_partial_cmp_alone_orders_and_incomparable_values_compare_false(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Frac { n: i64, d: i64 }
X Frac: PartialOrd {
    F partial_cmp(&self, other: &Frac) -> Option<Ordering> {
        I self.d == 0 || other.d == 0 { R None }
        Some((self.n * other.d).cmp(&(other.n * self.d)))
    }
}
F main() {
    half := Frac { n: 1, d: 2 }
    third := Frac { n: 2, d: 6 }
    bad := Frac { n: 1, d: 0 }
    println("{third < half} {half > third} {half < bad} {half >= bad} {half.partial_cmp(&bad)}")
}
""")
    assert out == "true true false false None\n"


def test_enum_and_generic_impls_replace_structural_equality(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
E Card { Joker, Num(i64) }
X Card: PartialEq {
    F eq(&self, other: &Card) -> bool = M (self, other) { (Joker, _) => true, (_, Joker) => true, (Num(a), Num(b)) => a == b }
}
S Tagged<T> { value: T, note: Str }
X<T: PartialEq> Tagged<T>: PartialEq { F eq(&self, other: &Tagged<T>) -> bool = self.value == other.value }
F main() {
    println("{Joker == Num(3)} {Num(2) != Num(2)} {Num(1) == Num(2)} {[Num(4)].contains(&Joker)}")
    x := Tagged { value: Num(1), note: "x" }
    y := Tagged { value: Joker, note: "y" }
    println("{x == y} {[Tagged { value: 5, note: "p" }] == [Tagged { value: 5, note: "q" }]}")
}
""")
    assert out == "true false false true\ntrue true\n"


def test_user_ne_and_derived_ordering_still_work(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Odd { n: i64 }
X Odd: PartialEq {
    F eq(&self, other: &Odd) -> bool = self.n == other.n
    F ne(&self, other: &Odd) -> bool = false
}
#[derive(PartialEq, PartialOrd, Ord, Eq)]
S Pt { x: i64, y: i64 }
F main() {
    println("{Odd { n: 1 } != Odd { n: 2 }} {Odd { n: 1 } == Odd { n: 2 }}")
    ps := mut [Pt { x: 2, y: 1 }, Pt { x: 1, y: 5 }]
    ps.sort()
    println("{ps[0].x} {Pt { x: 1, y: 1 } < Pt { x: 1, y: 2 }} {Pt { x: 3, y: 0 }.cmp(&Pt { x: 2, y: 9 })}")
}
""")
    assert out == "false false\n1 true Greater\n"


def test_a_failing_assert_eq_reports_through_the_user_eq(tmp_path, cache_dir):
    prog = tmp_path / "prog.vais"
    prog.write_text("""
S Id { n: i64, label: Str }
X Id: PartialEq { F eq(&self, other: &Id) -> bool = self.n == other.n }
F main() { assert_ne(Id { n: 1, label: "a" }, Id { n: 1, label: "b" }) }
""")
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert result.returncode != 0
    assert "assertion `left != right` failed" in result.stderr


def test_operator_traits_not_and_compound_assignment(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
#[derive(Debug)]
S V { x: i64, y: i64 }
X V: Add { F add(self, o: V) -> V = V { x: self.x + o.x, y: self.y + o.y } }
X V: Sub { F sub(self, o: V) -> V = V { x: self.x - o.x, y: self.y - o.y } }
X V: Rem { F rem(self, o: V) -> V = V { x: self.x % o.x, y: self.y % o.y } }
X V: Neg { F neg(self) -> V = V { x: -self.x, y: -self.y } }
X V: Not { F not(self) -> V = V { x: self.y, y: self.x } }
X V: AddAssign { F add_assign(&mut self, o: V) { self.x += 10 * o.x; self.y += 10 * o.y } }
X V: MulAssign { F mul_assign(&mut self, o: V) { self.x *= o.x; self.y *= o.y } }
X V: RemAssign { F rem_assign(&mut self, o: V) { self.x = self.x % o.x } }
S Holder { v: V }
F main() {
    a := V { x: 7, y: 9 }
    b := V { x: 2, y: 4 }
    println("{!a:?} {-(a % b):?}")
    c := mut a
    c += b
    c -= b
    c *= b
    c %= V { x: 5, y: 1 }
    println("{c:?} {a:?}")
    h := mut Holder { v: a }
    h.v += b
    vs := mut [a, b]
    vs[1] += a
    println("{h.v:?} {vs[1]:?}")
}
""")
    assert out == ("V { x: 9, y: 7 } V { x: -1, y: -1 }\n"
                   "V { x: 0, y: 180 } V { x: 7, y: 9 }\n"
                   "V { x: 27, y: 49 } V { x: 72, y: 94 }\n")


def test_clone_default_and_hash_impls_with_a_user_eq(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
U std/collections.{HashMap, HashSet}
S Key { id: i64, note: Str, tags: Vec<i64> }
X Key: PartialEq { F eq(&self, other: &Key) -> bool = self.id == other.id && self.tags == other.tags }
X Key: Eq {}
X Key: Hash {
    F hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state)
        self.tags.hash(state)
    }
}
X Key: Clone { F clone(&self) -> Key = Key { id: self.id + 100, note: "copy", tags: [] } }
X Key: Default { F default() -> Key = Key { id: 7, note: "default", tags: [] } }
S Outer { key: Key, extra: i64 }
X Outer: PartialEq { F eq(&self, other: &Outer) -> bool = self.key == other.key }
X Outer: Hash { F hash<H: Hasher>(&self, state: &mut H) { self.key.hash(state) } }
F fresh<T: Default>() -> T = T::default()
F twin<T: Clone>(x: &T) -> T = x.clone()
F key(id: i64, note: Str) -> Key = Key { id, note, tags: [1, 2] }
F main() {
    k := key(1, "a")
    d: Key = fresh()
    println("{k.clone().id} {twin(&k).note} {Key::default().id} {d.note} {k.clone() == Key { id: 101, note: "", tags: [] }}")
    m := mut HashMap::new()
    m.insert(key(1, "a"), "one")
    m.insert(key(1, "b"), "uno")
    println("{m.len()} {m.get(&key(1, "zzz"))} {m.contains_key(&Key::default())}")
    s := mut HashSet::new()
    s.insert(Outer { key: key(2, "x"), extra: 1 })
    println("{s.contains(&Outer { key: key(2, "y"), extra: 9 })} {s.insert(Outer { key: key(2, "z"), extra: 3 })}")
}
""")
    assert out == "101 copy 7 default true\n1 Some(\"uno\") false\ntrue false\n"


def test_generic_ordering_impl_orders_every_instantiation(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Rev<T> { v: T }
X<T: PartialEq> Rev<T>: PartialEq { F eq(&self, other: &Rev<T>) -> bool = self.v == other.v }
X<T: Ord> Rev<T>: Eq {}
X<T: Ord> Rev<T>: PartialOrd { F partial_cmp(&self, other: &Rev<T>) -> Option<Ordering> = Some(self.cmp(other)) }
X<T: Ord> Rev<T>: Ord { F cmp(&self, other: &Rev<T>) -> Ordering = other.v.cmp(&self.v) }
F main() {
    xs := mut [Rev { v: 1 }, Rev { v: 3 }, Rev { v: 2 }]
    xs.sort()
    ss := mut [Rev { v: "x" }, Rev { v: "z" }]
    ss.sort()
    println("{xs.iter().map(|r| r.v).collect::<Vec<i64>>()} {ss[0].v} {Rev { v: 1 } < Rev { v: 0 }} {max(Rev { v: 5 }, Rev { v: 9 }).v}")
}
""")
    assert out == "[3, 2, 1] z true 5\n"


def test_index_impl_reads_through_the_user_method(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Grid { w: i64, cells: Vec<i64> }
X Grid: Index<(i64, i64)> {
    T Output = i64
    F index(&self, p: (i64, i64)) -> &i64 = self.cells[p.1 * self.w + p.0]
}
S Backwards { items: Vec<Str> }
X Backwards: Index<i64> {
    T Output = Str
    F index(&self, i: i64) -> &Str = self.items[self.items.len() - 1 - i]
}
F main() {
    g := Grid { w: 2, cells: [1, 2, 3, 4] }
    b := Backwards { items: ["a", "b", "c"] }
    println("{g[(1, 1)]} {g[(0, 1)] + 10} {b[0]} {b[2]}")
}
""")
    assert out == "4 13 c a\n"


def test_a_user_ordering_method_may_call_the_derived_one(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
#[derive(PartialEq, Eq, Ord)]
S Up { x: i64 }
X Up: PartialOrd { F partial_cmp(&self, other: &Up) -> Option<Ordering> = Some(self.cmp(other)) }
#[derive(PartialEq, Eq, PartialOrd)]
S Down { x: i64 }
X Down: Ord { F cmp(&self, other: &Down) -> Ordering = self.partial_cmp(other).unwrap() }
F main() {
    ds := mut [Down { x: 2 }, Down { x: 1 }]
    ds.sort()
    println("{Up { x: 1 } < Up { x: 2 }} {Up { x: 1 }.partial_cmp(&Up { x: 0 })} {Down { x: 3 }.cmp(&Down { x: 2 })} {ds[0].x}")
}
""")
    assert out == "true Some(Greater) Greater 1\n"


def test_generic_operators_call_the_user_methods_of_their_instantiation(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
#[derive(Debug)]
S V { x: i64 }
X V: Add { F add(self, o: V) -> V = V { x: self.x + o.x } }
X V: Neg { F neg(self) -> V = V { x: 0 - self.x } }
X V: AddAssign { F add_assign(&mut self, o: V) { self.x += 10 * o.x } }
F plus<T: Add>(a: T, b: T) -> T {
    c := mut a
    c += b
    c + b
}
F negate<T: Neg>(a: T) -> T = -a
F acc<T: AddAssign>(a: &mut T, b: T) { *a += b }
F main() {
    v := mut V { x: 1 }
    acc(&mut v, V { x: 2 })
    n := mut 5
    acc(&mut n, 3)
    println("{plus(V { x: 1 }, V { x: 2 }):?} {plus(1, 2)} {negate(V { x: 4 }):?} {negate(2.5)} {v:?} {n}")
}
""")
    assert out == "V { x: 5 } 5 V { x: -4 } -2.5 V { x: 21 } 8\n"
