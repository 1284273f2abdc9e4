"""User-defined iterators (`X T: Iterator { T Item = ..; F next(&mut self) -> Option<..> }`): for
loops, every `Iter` adaptor and consumer, `Iter<T>` parameters, generic `I: Iterator` functions."""

from __future__ import annotations

from engine_support import run


def test_for_loops_adaptors_and_inherent_next(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Counter { n: i64, max: i64 }
X Counter: Iterator {
    T Item = i64
    F next(&mut self) -> Option<i64> {
        I self.n >= self.max { R None }
        self.n += 1
        Some(self.n)
    }
}
S Fib { a: i64, b: i64 }
X Fib { F next(&mut self) -> Option<i64> { r := self.a; self.a = self.b; self.b = r + self.b; Some(r) } }
F main() {
    c := Counter { n: 0, max: 5 }
    L x in c { print("{x} ") }          # 1 2 3 4 5
    println("")
    s := mut 0
    LF x: (Counter { n: 0, max: 3 }) { s += x }
    println(s)                          # 6
    total: i64 = (Counter { n: 0, max: 4 }).map(|x| x * x).sum()
    println(total)                      # 30
    f := mut Fib { a: 0, b: 1 }
    L _ in 0..5 { print("{f.next().unwrap()} ") }
}
""")
    assert out == "1 2 3 4 5 \n6\n30\n0 1 1 2 3 "


def test_generic_bounds_copies_and_mut_borrows(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Counter { n: i64, max: i64 }
X Counter: Iterator {
    T Item = i64
    F next(&mut self) -> Option<i64> {
        I self.n >= self.max { R None }
        self.n += 1
        Some(self.n)
    }
}
F count_all<I: Iterator>(it: I) -> i64 {
    n := mut 0
    L _ in it { n += 1 }
    n
}
F first<I: Iterator>(it: I) -> Option<I::Item> {
    t := mut it
    t.next()
}
F show_all<I: Iterator>(it: I) {
    L x in it { print("{x};") }
    println("")
}
F advance(it: &mut Counter) -> i64 { it.next().unwrap_or(-1) }
F main() {
    c := mut Counter { n: 0, max: 3 }
    println(count_all(c))
    f := first(c)
    println(f.unwrap() + 10)
    show_all(c)
    show_all(Counter { n: 5, max: 7 })
    println(advance(&mut c))
    println(c.n)
    L x in &mut c { print("{x} ") }
    println(c.n)
    v := Vec::from(Counter { n: 0, max: 3 })
    println(v)
    w: Vec<i64> = Counter { n: 0, max: 3 }.collect()
    println(w)
}
""")
    assert out.splitlines() == ["3", "11", "1;2;3;", "6;7;", "1", "1", "2 3 3", "[1, 2, 3]", "[1, 2, 3]"]


def test_generic_enum_and_lenient_iterators_with_every_adaptor(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Rep<T> { x: T, n: i64 }
X<T> Rep<T>: Iterator {
    T Item = T
    F next(&mut self) -> Option<T> {
        I self.n == 0 { R None }
        self.n -= 1
        Some(self.x)
    }
}
E Light { Red, Green, Off }
X Light: Iterator {
    T Item = Str
    F next(&mut self) -> Option<Str> {
        M *self {
            Red => { *self = Green; Some("red") }
            Green => { *self = Off; Some("green") }
            Off => None
        }
    }
}
S Evens { k: i64 }
X Evens { F next(&mut self) -> Option<i64> { self.k += 2; Some(self.k) } }
F main() {
    r := Rep { x: "ab", n: 3 }
    L s in r { print("{s} ") }
    println(r.n)
    l := Red
    L s in l { print("{s} ") }
    println("")
    println(Evens { k: 0 }.take(4).collect::<Vec<i64>>())
    e := Evens { k: 0 }
    println(e.zip(Rep { x: 'z', n: 2 }).collect::<Vec<(i64, char)>>())
    v := mut vec![0]
    v.extend(Evens { k: 10 }.take(2))
    v.extend(Rep { x: 7, n: 2 })
    println(v)
    println(Evens { k: 0 }.enumerate().skip(1).take(2).collect::<Vec<(i64, i64)>>())
    println("{} {} {}", Rep { x: 1, n: 5 }.count(), Evens { k: 0 }.any(|x| x > 5), Rep { x: 1, n: 3 }.all(|x| x == 1))
    println(Rep { x: 2, n: 4 }.fold(1, |a, x| a * x))
    println(Evens { k: 0 }.filter(|x| x % 4 == 0).take(3).collect::<Vec<i64>>())
    println(Evens { k: 0 }.find(|x| x > 7))
    println((0..2).chain(Rep { x: 9, n: 2 }).collect::<Vec<i64>>())
    h: HashSet<i64> = HashSet::from(Rep { x: 5, n: 3 })
    println(h)
}
""")
    assert out.splitlines() == [
        "ab ab ab 3", "red green ", "[2, 4, 6, 8]", "[(2, 'z'), (4, 'z')]", "[0, 12, 14, 7, 7]",
        "[(1, 4), (2, 6)]", "5 true true", "16", "[4, 8, 12]", "Some(8)", "[0, 1, 9, 9]", "{5}",
    ]


def test_items_keep_their_width(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Bytes { n: u8 }
X Bytes: Iterator {
    T Item = u8
    F next(&mut self) -> Option<u8> {
        I self.n >= 250 { R None }
        self.n += 100
        Some(self.n)
    }
}
F total<I: Iterator>(it: I) -> Vec<I::Item> { it.collect() }
F main() {
    println(total(Bytes { n: 0 }))
    s: u8 = (Bytes { n: 0 }).sum()
    println(s)
    t: i64 = (Bytes { n: 0 }).map(|b| b as i64).sum()
    println(t)
}
""")
    assert out.splitlines()[1:] == ["208", "3024"]
