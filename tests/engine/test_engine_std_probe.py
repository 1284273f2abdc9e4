"""Regressions found by the std probe: realistic programs written to the reference by Rust users
(text processing, data structures, iterator chains). Each test failed before its fix."""

from __future__ import annotations

from engine_support import run, vais


def test_reference_closures_loop_patterns_and_typed_mut_bindings(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Node { val: i64, next: Option<Box<Node>> }
F peek(head: &Option<Box<Node>>) -> Option<&i64> {
    head.as_ref().map(|n| &n.val)
}
F main() {
    head := Some(Box::new(Node { val: 7, next: None }))
    println("{:?}", peek(&head))
    pairs := [(1, 2), (3, 4)]
    L &(a, b) in pairs.iter() { print("{a}{b} ") }
    L &x in [5, 6].iter() { print("{x} ") }
    println("")
    total: i64 = mut 0
    total += 3
    m: HashMap<Str, i64> = mut HashMap::new()
    m.insert("k", total)
    println("{m:?}")
}
""")
    assert out == "Some(7)\n12 34 5 6 \n{\"k\": 3}\n"


def test_builtin_functions_and_methods_as_values(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    m: mut HashMap<i64, Vec<i64>> = HashMap::new()
    m.entry(1).or_insert_with(Vec::new).push(2)
    o: Option<Str> = None
    println("{m:?} [{}]", o.unwrap_or_else(Str::new))
    println("{:?}", ["a", "b"].iter().map(Str::from).collect::<Vec<Str>>())
    println("{:?}", [-3, 4].iter().map(i64::abs).collect::<Vec<_>>())
    println("{:?}", [4.0, 9.0].iter().map(f64::sqrt).collect::<Vec<f64>>())
    println("{}", "ab c1".chars().filter(char::is_alphanumeric).map(char::to_ascii_uppercase).collect::<Str>())
    println("{:?}", [1, 2].iter().map(i64::to_string).collect::<Vec<Str>>())
}
""")
    assert out == '{1: [2]} []\n["a", "b"]\n[3, 4]\n[2.0, 3.0]\nABC1\n["1", "2"]\n'


def test_collect_infers_its_items_from_the_iterator(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    b := [1, 2]
    m := b.iter().map(|x| x * 10)
    println("{:?}", m.collect::<Vec<_>>())
    n := ["1", "2"].iter().map(|s| s.parse::<i64>()).collect::<Result<Vec<i64>, _>>()
    println("{n:?}")
    pairs := b.iter().map(|x| (x.to_string(), *x))
    println("{:?}", pairs.collect::<HashMap<_, _>>())
}
""")
    assert out == '[10, 20]\nOk([1, 2])\n{"1": 1, "2": 2}\n'


def test_rust_std_paths_name_prelude_items(tmp_path, cache_dir):
    prog = tmp_path / "prog.vais"
    prog.write_text("""
U std::collections::HashMap
U std::fmt
U std::cmp::{max, Ordering}
S Pt { x: i64 }
X fmt::Display for Pt { F fmt(&self) -> Str = "P{self.x}" }
F show<T: std::fmt::Display>(x: T) -> Str = "<{x}>"
F main() {
    m: HashMap<i64, i64> = std::collections::HashMap::new()
    o: std::cmp::Ordering = 1.cmp(&2)
    println("{m:?} {o:?} {} {}", max(1, 2), std::cmp::min(3, 4))
    println("{} {}", show(Pt { x: 1 }), o == Ordering::Less)
    println("{:.5} {:.3} {}", std::f64::consts::PI, f64::consts::E, std::i64::MAX)
    std::process::exit(3)
}
""")
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert result.returncode == 3, result.stderr
    assert result.stdout == "{} Less 2 3\n<P1> true\n3.14159 2.718 9223372036854775807\n"


def test_rust_literals_typed_destructuring_and_collection_methods(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F main() {
    c := 'k'
    println("{} {} {}", b'a', (c as u8 - b'a' + b'A') as char, std::char::from_u32(66).unwrap())
    (small, large): (Vec<i64>, Vec<i64>) = [3, 1, 4].iter().partition(|&x| x < 3)
    println("{small:?} {large:?}")
    s: HashSet<i64> = [2, 1].iter().copied().collect()
    v := mut s.into_iter().collect::<Vec<_>>()
    v.sort()
    m := HashMap::from([("a", 1)])
    pairs: Vec<(usize, i64)> = v.iter().enumerate().map(|(i, &x)| (i, x)).collect()
    println("{v:?} {:?} {pairs:?}", m.into_iter().collect::<Vec<_>>())
    w := [(1, "a"), (3, "b"), (5, "c")]
    println("{:?} {:?}", w.binary_search_by_key(&3, |(k, _)| *k), w.binary_search_by_key(&4, |&(k, _)| k))
    println("{:?} {:?}", [1, 3, 3, 5].binary_search_by(|p| p.cmp(&3)), [1, 3].binary_search_by(|p| p.cmp(&9)))
}
""")
    assert out == ("97 K B\n[1] [3, 4]\n[1, 2] [(\"a\", 1)] [(0, 1), (1, 2)]\n"
                   "Ok(1) Err(2)\nOk(1) Err(2)\n")


def test_operator_traits_take_rusts_output_type(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
U std::ops::{Add, Neg}
#[derive(Debug, Clone, Copy)]
S V { x: i64 }
X Add for V {
    T Output = V
    F add(self, o: V) -> V = V { x: self.x + o.x }
}
X V: Neg { F neg(self) -> V = V { x: -self.x } }
F dbl<T: Add + Copy>(a: T) -> T = a + a
F main() {
    a := V { x: 1 }
    b := mut a + V { x: 2 }
    b += a
    println("{:?} {:?} {} {}", b, -b, dbl(3), dbl(1.5))
}
""")
    assert out == "V { x: 4 } V { x: -4 } 6 3.0\n"


def test_peekable_tokenizer_and_vec_drain_split_at(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
#[derive(Debug)]
E Tok { Num(i64), Op(char) }
F lex(s: &str) -> Vec<Tok> {
    out := mut Vec::new()
    it := mut s.chars().peekable()
    L {
        M it.peek() {
            None => B,
            Some(&c) => {
                I c.is_ascii_digit() {
                    n := mut 0
                    L {
                        M it.next_if(|d| d.is_ascii_digit()) {
                            Some(d) => n = n * 10 + d.to_digit(10).unwrap() as i64,
                            None => B,
                        }
                    }
                    out.push(Tok::Num(n))
                } E {
                    it.next()
                    I c != ' ' { out.push(Tok::Op(c)) }
                }
            }
        }
    }
    out
}
F main() {
    println("{:?}", lex("12+ 345"))
    q := mut (1..5).peekable()
    println("{:?} {:?} {:?}", q.peek(), q.next(), q.map(|x| x * 10).collect::<Vec<_>>())
    v := mut vec![1, 2, 3, 4, 5]
    d: Vec<i64> = v.drain(1..3).collect()
    (a, b) := v.split_at(1)
    println("{d:?} {v:?} {a:?} {b:?} {:?}", "hello".split_at(2))
    v.extend_from_slice(&[8])
    println("{:?} {v:?}", v.drain(..).collect::<Vec<_>>())
}
""")
    assert out == ("[Num(12), Op('+'), Num(345)]\nSome(1) Some(1) [20, 30, 40]\n"
                   "[2, 3] [1, 4, 5] [1] [4, 5] (\"he\", \"llo\")\n[1, 4, 5, 8] []\n")


def test_option_and_result_as_iterables_and_deref_of_borrowed_elements(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F first_even(v: &[i64]) -> Option<i64> {
    x := v.iter().find(|x| *x % 2 == 0)?
    Some(*x * 10)
}
F main() {
    words := ["3", "x", "7"]
    nums: Vec<i64> = words.iter().flat_map(|w| w.parse::<i64>()).collect()
    odd: Vec<i64> = nums.iter().flat_map(|&n| I n > 5 { Some(n) } E { None }).collect()
    v := mut vec![1]
    v.extend(Some(5))
    m := HashMap::from([(1, 2)])
    big := nums.iter().max().unwrap()
    println("{nums:?} {odd:?} {v:?} {:?} {:?} {}", first_even(&[1, 4]), m.iter().chain(m).count(), *big + 1)
}
""")
    assert out == "[3, 7] [7] [1, 5] Some(40) 2 8\n"


def test_rust_closure_traits_are_function_types(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
F apply<G: Fn(i64) -> i64>(g: G, x: i64) -> i64 = g(x)
F twice<G>(g: G, x: i64) -> i64 where G: Fn(i64) -> i64 { g(g(x)) }
F make_adder(n: i64) -> impl Fn(i64) -> i64 { move |x| x + n }
F compose(f: Box<dyn Fn(i64) -> i64>, g: &dyn Fn(i64) -> i64) -> i64 = g(f(1))
F each<T, G: FnMut(&T)>(v: &Vec<T>, mut g: G) { L x in v { g(x) } }
F main() {
    println("{} {}", apply(|x| x * 3, 4), twice(|x| x + 10, 1))
    add5 := make_adder(5)
    println("{} {}", add5(1), compose(Box::new(|x| x * 100), &|y| y + 1))
    ops: Vec<Box<dyn Fn(i64) -> i64>> = vec![Box::new(|x| x + 1), Box::new(|x| x * x)]
    total := mut 0
    each(&vec![1, 2, 3], |x| total += *x)
    println("{:?} {total}", ops.iter().map(|f| f(7)).collect::<Vec<_>>())
}
""")
    assert out == "12 21\n6 101\n[8, 49] 6\n"


def test_index_parameters_accept_any_integer_type(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Cursor { pos: usize, step: u8 }
F main() {
    c := Cursor { pos: 1, step: 2 }
    v := mut vec![10, 20, 30, 40]
    v.swap(c.pos, 0u32)
    v.insert(c.pos, 5)
    x := v.remove(c.step)
    println("{:?} {x} {v:?} {:?}", v.get(c.pos), v.iter().skip(c.pos).take(c.step).collect::<Vec<_>>())
    println("{} {}", "hello".char_at(c.pos), "ab".repeat(c.step))
}
""")
    assert out == "Some(5) 10 [20, 5, 30, 40] [5, 30]\ne abab\n"


def test_question_mark_converts_errors_with_user_from_impls(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
#[derive(Debug)]
E AppError { Parse(Str), Neg(i64) }
X From<Error> for AppError {
    F from(e: Error) -> AppError = AppError::Parse(e.to_string())
}
X From<i64> for AppError {
    F from(n: i64) -> AppError = AppError::Neg(n)
}
F check(n: i64) -> Result<i64, i64> = I n < 0 { Err(n) } E { Ok(n) }
F parse(s: &str) -> Result<i64, AppError> {
    n: i64 = s.parse()?
    m := check(n)?
    Ok(m * 2)
}
F main() {
    println("{:?} {:?} {:?}", parse("21"), parse("x"), parse("-3"))
    println("{:?}", AppError::from(Error::new("e")))
}
""")
    assert out == 'Ok(42) Err(Parse("invalid digit found in string")) Err(Neg(-3))\nParse("e")\n'


def test_into_conversions_and_bit_rotation(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
#[derive(Debug)]
S Meters { v: f64 }
X From<f64> for Meters { F from(v: f64) -> Meters = Meters { v } }
F takes(m: Meters) -> f64 = m.v
F main() {
    s: String = "abc".into()
    f: f64 = 3i32.into()
    u: i64 = 200u8.into()
    o: Option<i64> = 5.into()
    e: Error = "bad".into()
    m: Meters = 2.5.into()
    v := vec![1, 2]
    w: mut Vec<i64> = v.into()
    w.push(3)
    println("{s} {f} {u} {o:?} {e:?} {m:?} {v:?} {w:?} {}", takes(1.5.into()))
    x: u32 = 0x8000_0001
    println("{} {} {:x} {}", x.rotate_left(1), x.rotate_right(4), 0x1234u16.swap_bytes(), 1u8.reverse_bits())
}
""")
    assert out == ('abc 3.0 200 Some(5) Error("bad") Meters { v: 2.5 } [1, 2] [1, 2, 3] 1.5\n'
                   "3 402653184 3412 128\n")


def test_mem_swap_replace_from_str_radix_and_literals_by_reference(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Pt { x: i64, s: Str }
F main() {
    a := mut 1
    b := mut 2
    std::mem::swap(&mut a, &mut b)
    v := mut vec![1, 2]
    w := mut vec![3]
    swap(&mut v, &mut w)
    p := mut Pt { x: 1, s: "p" }
    q := mut Pt { x: 2, s: "q" }
    std::mem::swap(&mut p, &mut q)
    xs := mut vec![5, 6, 7]
    old := std::mem::replace(&mut xs, vec![0])
    o: Option<i64> = mut Some(3)
    prev := replace(&mut o, None)
    println("{a} {b} {v:?} {w:?} {} {} {old:?} {xs:?} {prev:?} {o:?}", p.x, q.s)
    println("{:?} {:?} {:?}", u64::from_str_radix("ff", 16), i32::from_str_radix("-101", 2), u8::from_str_radix("zz", 16))
    println("{} {}", f64::sqrt(16.0), f64::max(1.0, 2.0))
}
""")
    assert out == ('2 1 [3] [1, 2] 2 p [5, 6, 7] [0] Some(3) None\n'
                   'Ok(255) Ok(-5) Err(Error("invalid digit found in string"))\n4.0 2.0\n')


def test_matches_macro_and_assert_messages(tmp_path, cache_dir):
    prog = tmp_path / "prog.vais"
    prog.write_text("""
E Dir { North, South }
F main() {
    d := Dir::South
    n := 7
    println("{} {} {}", matches!(d, Dir::North | Dir::South), matches!(n, 1..=5), matches!(Some(n), Some(x) if x > 5))
    println("{}", matches!('q', 'a'..='z'))
    assert_eq!(1 + 1, 2, "math {}", 5)
}
""")
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert result.returncode == 0 and result.stdout == "true false true\ntrue\n"
    assert "warning" not in result.stderr


def test_option_as_mut_changes_the_payload_in_place(tmp_path, cache_dir):
    out = run(tmp_path, cache_dir, """
S Node { key: i64, left: Option<Box<Node>>, right: Option<Box<Node>> }
X Node {
    F new(key: i64) -> Node = Node { key, left: None, right: None }
    F insert(&mut self, key: i64) {
        I key < self.key {
            M self.left.as_mut() {
                Some(n) => n.insert(key),
                None => self.left = Some(Box::new(Node::new(key))),
            }
        } E {
            M self.right.as_mut() {
                Some(n) => n.insert(key),
                None => self.right = Some(Box::new(Node::new(key))),
            }
        }
    }
    F walk(&self, out: &mut Vec<i64>) {
        M &self.left { Some(l) => l.walk(out), None => {} }
        out.push(self.key)
        M &self.right { Some(r) => r.walk(out), None => {} }
    }
}
F main() {
    root := mut Node::new(50)
    L k in [30, 70, 20, 40, 60] { root.insert(k) }
    out := mut vec![]
    root.walk(&mut out)
    o := mut Some(5)
    M o.as_mut() { Some(x) => *x += 1, None => {} }
    println("{out:?} {o:?}")
}
""")
    assert out == "[20, 30, 40, 50, 60, 70] Some(6)\n"


def test_std_env_args_and_process_exit_in_a_match_arm(tmp_path, cache_dir):
    prog = tmp_path / "prog.vais"
    prog.write_text("""
U std::process
F main() {
    D println("deferred (not run on exit)")
    args: Vec<String> = std::env::args().collect()
    println("args {}", args.len())
    M args.first() {
        Some(a) => println("{a}"),
        None => process::exit(2),
    }
}
""")
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert (result.returncode, result.stdout) == (2, "args 0\n"), result.stderr
