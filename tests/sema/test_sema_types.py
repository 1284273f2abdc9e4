"""Every type of the reference: primitives and their widths, strings, tuples, Vec/arrays/slices,
HashMap/HashSet, Option, Result, Box, references, function and closure types, aliases, Duration,
trait objects; and the types the checker records on the typed program."""

from __future__ import annotations

import pytest
from sema_helpers import clean, codes, errors, only_error, run

from vais.sema import codes as c
from vais.syntax import ast

INT_TYPES = ["i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128", "isize", "usize"]
RANGES = {"i8": (-128, 127), "i16": (-32768, 32767), "i32": (-(2**31), 2**31 - 1), "i64": (-(2**63), 2**63 - 1),
          "i128": (-(2**127), 2**127 - 1), "u8": (0, 255), "u16": (0, 65535), "u32": (0, 2**32 - 1),
          "u64": (0, 2**64 - 1), "u128": (0, 2**128 - 1), "isize": (-(2**63), 2**63 - 1), "usize": (0, 2**64 - 1)}


def binding_type(text: str, name: str) -> str:
    """The type the checker gave the local `name` (its last binding) in `main`."""
    result = clean(text)
    checked = next(f for f in result.program.functions.values() if f.fn.name == "main")
    return str(next(local.ty for local in reversed(checked.locals) if local.name == name))


@pytest.mark.parametrize("ty", INT_TYPES)
def test_integer_width_accepts_its_extremes(ty: str) -> None:
    lo, hi = RANGES[ty]
    clean(f"F main() {{ a: {ty} = {lo}\n b: {ty} = {hi}\n println(\"{{a}} {{b}}\") }}\n")


@pytest.mark.parametrize("ty", INT_TYPES)
def test_integer_width_rejects_one_past_its_maximum(ty: str) -> None:
    hi = RANGES[ty][1]
    d = only_error(f"F main() {{ a: {ty} = {hi + 1}\n println(\"{{a}}\") }}\n")
    assert d.code == c.LITERAL_OUT_OF_RANGE
    assert f"does not fit into the type `{ty}`" in d.label


@pytest.mark.parametrize("ty", ["i8", "i16", "i32", "i64"])
def test_signed_width_rejects_one_below_its_minimum(ty: str) -> None:
    lo = RANGES[ty][0]
    d = only_error(f"F main() {{ a: {ty} = {lo - 1}\n println(\"{{a}}\") }}\n")
    assert d.code == c.LITERAL_OUT_OF_RANGE and f"`{lo - 1}`" in d.label


def test_out_of_range_literal_help_names_a_type_that_fits() -> None:
    d = only_error("F main() { a: u8 = 300\n println(\"{a}\") }\n")
    assert d.help == "use a wider type: `u16` holds it"
    d = only_error("F main() { a: u32 = -1\n println(\"{a}\") }\n")
    assert d.help == "`u32` holds no negative values; use a signed type such as `i8`"


def test_hex_literals_may_spell_a_signed_bit_pattern() -> None:
    clean("F main() { a: i32 = 0xFFFFFFFF\n b: i64 = 0xFFFF_FFFF_FFFF_FFFF\n println(\"{a} {b}\") }\n")
    assert codes("F main() { a: i8 = 0x1FF\n println(\"{a}\") }\n") == [(c.LITERAL_OUT_OF_RANGE, 1)]


def test_literal_suffixes_fix_the_type() -> None:
    assert binding_type("F main() { x := 255u8; println(\"{x}\") }\n", "x") == "u8"
    assert binding_type("F main() { x := 1.5f32; println(\"{x}\") }\n", "x") == "f32"
    assert codes("F main() { x: i64 = 1u8 + 1i32\n println(\"{x}\") }\n") == [(c.MISMATCH, 1)]


def test_integer_literals_default_to_i64_and_floats_to_f64() -> None:
    assert binding_type("F main() { x := 1; println(\"{x}\") }\n", "x") == "i64"
    assert binding_type("F main() { x := 1.0; println(\"{x}\") }\n", "x") == "f64"
    assert binding_type("F main() { x := [1, 2]; println(\"{x}\") }\n", "x") == "Vec<i64>"


def test_literal_type_comes_from_later_use() -> None:
    assert binding_type("F f(a: u16) {}\nF main() { x := 7; f(x) }\n", "x") == "u16"
    assert binding_type("F main() { x := 7; y: i8 = x; println(\"{y}\") }\n", "x") == "i8"


def test_integer_widening_within_one_signedness() -> None:
    clean("""
        F wide(x: i64) -> i64 = x
        F uwide(x: u64) -> u64 = x
        F main() {
            a: i8 = 1
            b: i16 = a
            c: i32 = b
            d: i64 = c
            e: i128 = d
            f: u8 = 1
            g: u64 = f
            h: u128 = g
            println("{wide(a)} {uwide(f)} {e} {h}")
        }
    """)


@pytest.mark.parametrize("decl", ["a: i64 = 1\n b: i32 = a", "a: u8 = 1\n b: i8 = a", "a: i8 = 1\n b: u64 = a",
                                  "a: u64 = 1\n b: i64 = a", "a: i32 = 1\n b: f64 = a", "a: f64 = 1.0\n b: f32 = a",
                                  "a: bool = true\n b: i64 = a", "a: char = 'a'\n b: u32 = a"])
def test_no_implicit_narrowing_sign_change_or_kind_change(decl: str) -> None:
    d = only_error(f"F main() {{ {decl}\n println(\"{{b}}\") }}\n")
    assert d.code == c.MISMATCH and d.span.line == 2


def test_numeric_conversion_help() -> None:
    d = only_error("F main() { a: i64 = 1\n b: i32 = a\n println(\"{b}\") }\n")
    assert d.help == "convert explicitly: `value as i32`"
    d = only_error("F main() { a: f32 = 1\n println(\"{a}\") }\n")
    assert d.help == "integer literals are not floats: write a float literal such as `1.0`"


def test_binary_operands_widen_to_the_wider_integer() -> None:
    assert binding_type("F main() { a: i32 = 1\n b: i128 = 2\n x := a + b\n println(\"{x}\") }\n", "x") == "i128"
    assert binding_type("F main() { a: u8 = 1\n b: u16 = 2\n x := a & b\n println(\"{x}\") }\n", "x") == "u16"
    clean("F main() { a: i8 = 1\n b: i64 = 2\n println(\"{a < b} {a == b} {b >= a}\") }\n")


def test_mixing_signedness_in_arithmetic_is_an_error_with_help() -> None:
    d = only_error("F main() { a: u64 = 1\n b: i32 = 2\n x := a + b\n println(\"{x}\") }\n")
    assert d.code == c.MISMATCH and d.span.line == 3
    assert d.help == "integers of different signedness do not mix: convert one side, e.g. `x as u64`"


def test_int_and_float_do_not_mix() -> None:
    d = only_error("F main() { x := 1 + 1.5\n println(\"{x}\") }\n")
    assert d.help == "convert one side explicitly, e.g. `x as f64`"


def test_floats_f32_and_f64() -> None:
    clean("""
        F half(x: f32) -> f32 = x / 2.0
        F main() {
            a: f32 = 1.5
            b := half(a)
            c := 2.0 * 3.5
            d: f64 = c.sqrt() + c.floor()
            println("{b} {d} {1e10} {2.5e-3}")
        }
    """)
    assert codes("F main() { a: f32 = 1.0\n b: f64 = 2.0\n c := a + b\n println(\"{c}\") }\n") == [(c.MISMATCH, 3)]


def test_bool_and_char() -> None:
    clean("""
        F main() {
            t := true && !false || 1 < 2
            ch := 'x'
            up := ch.to_uppercase()
            code := ch as u32
            digit := '7'.to_digit(10)
            println("{t} {up} {code} {digit} {ch.is_alphabetic()}")
        }
    """)
    assert codes("F main() { x := true + 1 }\n") == [(c.MISMATCH, 1)]


def test_str_and_str_are_one_type() -> None:
    clean("""
        F shout(s: str) -> Str = s.to_upper()
        F main() {
            a: Str = "a"
            b: str = a
            println(shout(b) + "!" + a.trim())
        }
    """)


def test_str_concatenation_only_with_str() -> None:
    d = only_error("F main() { s := \"n=\" + 5\n println(s) }\n")
    assert d.code == c.MISMATCH
    assert d.help == "build strings with interpolation (`\"{a}{b}\"`) or convert with `Str(x)`"


def test_strings_cannot_be_indexed_by_integers() -> None:
    d = only_error("F main() { s := \"abc\"\n c := s[0]\n println(\"{c}\") }\n")
    assert d.code == c.BAD_INDEX and d.help is not None and "s[i..i + 1]" in d.help
    clean("F main() { s := \"abc\"\n t := s[0..2]\n println(t) }\n")


def test_tuples() -> None:
    assert binding_type("F main() { t := (1, \"a\", true)\n println(\"{t}\") }\n", "t") == "(i64, Str, bool)"
    clean("""
        F swap(p: (i64, Str)) -> (Str, i64) = (p.1, p.0)
        F main() {
            (a, b) := swap((1, "x"))
            nested := ((1, 2), 3)
            println("{a} {b} {nested.0.1}")
        }
    """)
    d = only_error("F main() { t := (1, 2)\n x := t.2\n println(\"{x}\") }\n")
    assert d.code == c.UNKNOWN_FIELD and d.label == "the tuple has 2 element(s), indexed from 0"


def test_tuple_arity_mismatch() -> None:
    assert codes("F main() { t: (i64, i64) = (1, 2, 3)\n println(\"{t}\") }\n") == [(c.MISMATCH, 1)]
    assert codes("F main() { (a, b) := (1, 2, 3)\n println(\"{a}{b}\") }\n") == [(c.MISMATCH, 1)]


def test_vec_arrays_slices() -> None:
    clean("""
        F total(xs: [i64]) -> i64 = xs.iter().sum()
        F first3(xs: &Vec<i64>) -> Vec<i64> = xs[0..3]
        F main() {
            v := mut vec![1, 2, 3]
            v.push(4)
            zeros := [0; 5]
            fixed: [i64; 3] = [7, 8, 9]
            grid: Vec<Vec<f64>> = [[1.0, 2.0], [3.0]]
            println("{total(v)} {first3(&v)} {zeros} {fixed[1]} {grid[0][1]} {v.len()}")
        }
    """)
    assert codes("F main() { v := [1, 2]\n v2: Vec<Str> = v\n println(\"{v2}\") }\n") == [(c.MISMATCH, 2)]


def test_empty_vec_needs_a_type_from_somewhere() -> None:
    d = only_error("F main() { v := Vec::new()\n println(\"{v.len()}\") }\n")
    assert d.code == c.CANNOT_INFER and d.help is not None
    clean("F main() { v: Vec<i64> = Vec::new()\n println(\"{v.len()}\") }\n")
    clean("F main() { v := mut Vec::new()\n v.push(\"later\")\n println(\"{v}\") }\n")


def test_index_must_be_an_integer_of_any_width() -> None:
    clean("F main() { v := [1, 2]\n i: u8 = 1\n println(\"{v[i]}\") }\n")
    assert codes("F main() { v := [1, 2]\n println(\"{v[true]}\") }\n") == [(c.MISMATCH, 2)]


def test_indexing_a_number_is_an_error() -> None:
    d = only_error("F main() { x := 5[0]\n println(\"{x}\") }\n")
    assert d.code == c.BAD_INDEX


def test_hashmap_and_hashset() -> None:
    clean("""
        F main() {
            m := mut HashMap::new()
            m.insert("a", 1)
            m.insert("b", 2)
            n := m["a"] + m.get("b").unwrap_or(0)
            L (k, v) in m { println("{k}={v}") }
            keys: Vec<Str> = m.keys().collect()
            s := mut HashSet::new()
            s.insert(3)
            println("{n} {keys} {s.contains(3)} {m.contains_key("z")}")
        }
    """)
    assert codes("F main() { m := mut HashMap::new()\n m.insert(\"a\", 1)\n m.insert(2, 1) }\n") == [(c.MISMATCH, 3)]


def test_hashmap_index_key_type() -> None:
    assert codes("F main() { m: HashMap<Str, i64> = HashMap::new()\n println(\"{m[1]}\") }\n") == [(c.MISMATCH, 2)]


def test_option() -> None:
    clean("""
        F find(xs: Vec<i64>, x: i64) -> Option<i64> {
            L i: 0..xs.len() { I xs[i] == x { R Some(i) } }
            None
        }
        F main() {
            a := find([1, 2], 2)
            b: i64? = None
            c := a.map(|i| i * 10).unwrap_or(-1)
            println("{a} {b} {c} {a.is_some()} {b.unwrap_or(0)}")
        }
    """)
    assert codes("F main() { o: Option<i64> = Some(\"x\")\n println(\"{o}\") }\n") == [(c.MISMATCH, 1)]


def test_result_with_and_without_error_type() -> None:
    clean("""
        F parse_pos(s: Str) -> Result<i64> {
            n: i64 = s.parse()?
            I n < 0 { R Err("negative") }
            Ok(n)
        }
        F strict(s: Str) -> Result<i64, Str> = I s == "" { Err("empty") } E { Ok(s.len()) }
        F main() {
            println("{parse_pos("4")} {strict("")} {parse_pos("x").is_err()}")
        }
    """)


def test_result_shorthand_error_is_the_std_error() -> None:
    result = clean("F f() -> Result<i64> = Ok(1)\nF main() { println(\"{f()}\") }\n")
    fn = next(f for f in result.program.entry.functions if f.name == "f")
    assert str(fn.ret) == "Result<i64, Error>"


def test_err_payload_must_convert_to_the_error_type() -> None:
    d = only_error("F f() -> Result<i64> = Err(5)\nF main() { println(\"{f()}\") }\n")
    assert (d.code, d.span.col) == (c.RETURN_MISMATCH, 28)
    assert d.label == "expected `Error`, found `{integer}`"


def test_box_and_rc() -> None:
    clean("""
        E List { Nil, Cons(i64, Box<List>) }
        F sum(l: &List) -> i64 = M l { Nil => 0, Cons(v, rest) => v + sum(rest) }
        F main() {
            l := Cons(1, Box::new(Cons(2, Box::new(Nil))))
            b := Box::new(5)
            r := Rc::new("shared")
            println("{sum(&l)} {*b + 1} {r.len()}")
        }
    """)


def test_references() -> None:
    clean("""
        S Pt { x: i64 }
        F read(p: &Pt) -> i64 = p.x
        F write(p: &mut Pt) { p.x += 1 }
        F deref(n: &i64) -> i64 = *n + 1
        F main() {
            p := mut Pt { x: 1 }
            write(&mut p)
            n := 5
            println("{read(&p)} {read(p)} {deref(&n)} {deref(n)}")
        }
    """)


def test_dereferencing_a_non_reference() -> None:
    d = only_error("F main() { x := 5\n y := *x\n println(\"{y}\") }\n")
    assert d.code == c.BAD_OPERAND and d.help == "remove the `*`"


def test_function_and_closure_types() -> None:
    clean("""
        F apply(f: fn(i64) -> i64, x: i64) -> i64 = f(x)
        F apply2(f: |i64, i64| -> i64) -> i64 = f(1, 2)
        F inc(x: i64) -> i64 = x + 1
        F make() -> |i64| -> i64 = |x| x * 2
        F main() {
            g := make()
            h: fn(i64) -> i64 = inc
            println("{apply(inc, 1)} {apply(g, 2)} {apply2(|a, b| a + b)} {h(3)}")
        }
    """)
    assert codes("F apply(f: fn(i64) -> i64) -> i64 = f(1)\nF main() { apply(|s: Str| 1) }\n") == [(c.MISMATCH, 2)]


def test_function_value_with_wrong_signature() -> None:
    assert codes("""
        F name(x: Str) -> Str = x
        F apply(f: fn(i64) -> i64) -> i64 = f(1)
        F main() { println("{apply(name)}") }
    """) == [(c.MISMATCH, 3)]


def test_type_aliases() -> None:
    clean("""
        T Id = i64
        T Pair<A> = (A, A)
        T Table = HashMap<Str, Vec<Id>>
        F swap<A>(p: Pair<A>) -> Pair<A> = (p.1, p.0)
        F main() {
            i: Id = 3
            j: i64 = i
            t: Table = HashMap::new()
            println("{swap((1, 2))} {swap(("a", "b"))} {j} {t.len()}")
        }
    """)
    assert codes("T Id = i64\nF main() { i: Id = \"x\" }\n") == [(c.MISMATCH, 2)]


def test_generic_argument_count() -> None:
    assert codes("F main() { v: Vec<i64, i64> = Vec::new() }\n") == [(c.WRONG_GENERIC_COUNT, 1)]
    assert codes("F f(v: Vec) {}\nF main() {}\n") == [(c.WRONG_GENERIC_COUNT, 1)]
    assert codes("F f(v: Option<i64, i64>) {}\nF main() {}\n") == [(c.WRONG_GENERIC_COUNT, 1)]


def test_duration() -> None:
    clean("""
        U std/time
        F timeout() -> Duration = 30s
        F main() {
            a := 1h + 30m
            b := a * 2 - 250ms
            c := b / 4
            start := Instant::now()
            spent: Duration = Instant::now() - start
            println("{a} {b} {c} {a < b} {spent.as_millis()} {timeout().as_secs()}")
        }
    """)
    assert codes("F main() { d := 5s * 1.5\n println(\"{d}\") }\n") == [(c.MISMATCH, 1)]
    assert codes("F main() { d: i64 = 5s\n println(\"{d}\") }\n") == [(c.MISMATCH, 1)]


def test_trait_objects() -> None:
    clean("""
        W Shape { F area(&self) -> f64; F name(&self) -> Str = "shape" }
        S Sq { s: f64 }
        S Ci { r: f64 }
        X Sq: Shape { F area(&self) -> f64 = self.s * self.s }
        X Ci: Shape { F area(&self) -> f64 = 3.0 * self.r * self.r; F name(&self) -> Str = "circle" }
        F total(xs: &Vec<Box<dyn Shape>>) -> f64 {
            t := mut 0.0
            L x in xs { t += x.area() }
            t
        }
        F show(s: &dyn Shape) -> Str = "{s.name()} {s.area()}"
        F main() {
            xs: Vec<Box<dyn Shape>> = [Box::new(Sq { s: 1.0 }), Box::new(Ci { r: 2.0 })]
            more := mut Vec::new()
            more.push(Box::new(Sq { s: 3.0 }) as Box<dyn Shape>)
            more.push(Box::new(Ci { r: 1.0 }))
            println("{total(&xs)} {total(&more)} {show(&Sq { s: 2.0 })}")
        }
    """)


def test_trait_object_requires_the_trait() -> None:
    errs = errors("""
        W Shape { F area(&self) -> f64 }
        S Blob { m: f64 }
        F show(s: &dyn Shape) -> f64 = s.area()
        F main() {
            println("{show(&Blob { m: 1.0 })}")
            b := Box::new(Blob { m: 1.0 }) as Box<dyn Shape>
        }
    """)
    assert [(d.code, d.span.line) for d in errs] == [(c.TRAIT_BOUND, 5), (c.BAD_CAST, 6)]
    assert errs[0].help == "`Blob` does not implement `Shape`: add `X Blob: Shape { ... }`"


def test_a_trait_is_not_a_type() -> None:
    d = only_error("W Shape { F area(&self) -> f64 }\nF f(s: Shape) {}\nF main() {}\n")
    assert d.help is not None and "dyn Shape" in d.help


def test_unit_and_never() -> None:
    clean("""
        F nothing() {}
        F never() -> ! { panic("no") }
        F pick(b: bool) -> i64 = I b { 1 } E { never() }
        F main() { u: () = nothing(); println("{u:?} {pick(true)}") }
    """)


def test_every_expression_gets_a_concrete_type() -> None:
    result = run("""
        F main() {
            v := [1, 2, 3]
            doubled: Vec<i64> = v.iter().map(|x| x * 2).collect()
            println("{doubled}")
        }
    """)
    assert result.ok
    from vais.sema.types import InferVar, has_unresolved

    for node in ast.walk(result.program.entry.ast):
        if isinstance(node, ast.Expr) and getattr(node, "ty", None) is not None:
            assert not has_unresolved(node.ty), (type(node).__name__, node.ty)
            assert not isinstance(node.ty, InferVar)


def test_literal_into_a_trait_object() -> None:
    clean("F main() { x: dyn Display = 5\n println(\"{x}\") }\n")


def test_recursive_types_need_indirection() -> None:
    errs = errors("""
        E List { Nil, Cons(i64, List) }
        E Tree { Leaf, Node(Box<Tree>, i64, Box<Tree>) }
        S Chain { next: Option<Chain>, v: i64 }
        S Kids { kids: Vec<Kids> }
        S Wr<T> { v: T }
        S Inside { w: Wr<Inside> }
        S Fine { w: Wr<Box<Fine>> }
        S Aa { b: Bb }
        S Bb { a: (i64, Aa) }
        F main() {}
    """)
    assert [(d.code, d.span.line) for d in errs] == [(c.RECURSIVE_TYPE, 1), (c.RECURSIVE_TYPE, 3),
                                                     (c.RECURSIVE_TYPE, 6), (c.RECURSIVE_TYPE, 8)]
    assert errs[0].message == "recursive type `List` has infinite size"
    assert errs[0].help == "hold the recursive part through a `Box`: `Box<List>` (or in a `Vec`)"
    assert [(lab.span.line, lab.message) for lab in errs[0].secondary] == [(1, "contains itself here")]
    assert errs[3].message == "recursive types `Aa` and `Bb` have infinite size"
