"""Items: functions, structs, enums, traits, impls, aliases, uses, consts, globals, externs,
macros, attributes, visibility; and types (where keyword letters name types)."""

from __future__ import annotations

import pytest
from syntax_support import errors, parse_ok, sx

from vais.syntax import ast


def item(text: str) -> ast.Item:
    (only,) = parse_ok(text).items
    return only


def test_function_forms() -> None:
    fn = item("F name<T: A + B, U>(a: i64, b: T, c: &mut Vec<U>) -> R where T: Eq { }")
    assert isinstance(fn, ast.FnDecl) and fn.name == "name"
    assert [(g.name, sx(g.bounds)) for g in fn.generics] == [("T", "A B"), ("U", "")]
    assert [(p.name, sx(p.ty)) for p in fn.params] == [("a", "i64"), ("b", "T"), ("c", "&mut Vec<U>")]
    assert sx(fn.ret) == "R" and [(sx(w.ty), sx(w.bounds)) for w in fn.where] == [("T", "Eq")]
    assert isinstance(fn.body, ast.Block) and not fn.expr_body

    fn = item("F add(a, b) = a + b")
    assert isinstance(fn, ast.FnDecl) and fn.expr_body and sx(fn.body) == "(+ a b)"
    assert [p.ty for p in fn.params] == [None, None]

    fn = item("A F fetch(url: Str) -> Result<Str> { }")
    assert isinstance(fn, ast.FnDecl) and fn.is_async and sx(fn.ret) == "Result<Str>"

    fn = item("P F public_fn() { }")
    assert isinstance(fn, ast.FnDecl) and fn.is_pub and fn.ret is None

    fn = item("fn main() -> i64 = 42")
    assert isinstance(fn, ast.FnDecl) and fn.keyword == "fn"


def test_receivers_and_parameter_forms() -> None:
    fn = item("F m(&mut self, mut x: i64, (a, b): (i64, i64), d: i64 = 5) { }")
    assert isinstance(fn, ast.FnDecl) and fn.has_self
    receiver, mx, pair, default = fn.params
    assert receiver.self_kind == "mut" and mx.mutable and sx(pair.pattern) == "(tuple a b)"
    assert sx(default.default) == "5"
    assert item("F m(&self) { }").params[0].self_kind == "ref"
    assert item("F m(self) { }").params[0].self_kind == "value"


def test_body_less_signatures() -> None:
    trait = item("W Shape {\n    F area(&self) -> f64\n    F name(&self) -> Str\n    F show(&self) { println(self.name()) }\n}")
    assert isinstance(trait, ast.TraitDecl)
    assert [m.body is None for m in trait.methods] == [True, True, False]
    assert item("F declared(x: i64) -> i64").body is None


def test_structs() -> None:
    s = item("S Rect {\n    w: i64\n    P h: i64\n    F area(&self) -> i64 = self.w * self.h\n}")
    assert isinstance(s, ast.StructDecl)
    assert [(f.name, sx(f.ty), f.is_pub) for f in s.fields] == [("w", "i64", False), ("h", "i64", True)]
    assert [m.name for m in s.methods] == ["area"]
    s = item("S Counter { n: i64, F get(&self) -> i64 = self.n }")
    assert [f.name for f in s.fields] == ["n"] and [m.name for m in s.methods] == ["get"]
    s = item("S Pair<T> { a: T, b: T }")
    assert [g.name for g in s.generics] == ["T"]
    s = item("S Meters(f64)")
    assert s.tuple_struct and [(f.name, sx(f.ty)) for f in s.fields] == [("0", "f64")]
    u = item("O Bits { a: i64, b: f64 }")
    assert isinstance(u, ast.StructDecl) and u.is_union
    s = item("pub struct Point { x: i64, y: i64 }")
    assert s.is_pub and s.keyword == "struct"


def test_enums() -> None:
    e = item("E Shape { Circle(f64), Rect { w: f64, h: f64 }, Empty }")
    assert isinstance(e, ast.EnumDecl)
    assert [(v.name, v.kind) for v in e.variants] == [("Circle", "tuple"), ("Rect", "struct"), ("Empty", "unit")]
    assert [f.name for f in e.variants[1].struct_fields] == ["w", "h"]
    e = item("EN Dir {\n    North\n    East = 2\n}")
    assert [v.name for v in e.variants] == ["North", "East"] and sx(e.variants[1].discriminant) == "2"
    e = item("enum Maybe<T> { Nothing, Just(T), F get(&self) -> i64 = 1 }")
    assert [g.name for g in e.generics] == ["T"] and [m.name for m in e.methods] == ["get"]


def test_traits_and_impls() -> None:
    t = item("W Display: Debug + Clone { F fmt(&self) -> Str; T Item: Eq }")
    assert isinstance(t, ast.TraitDecl) and sx(t.supertraits) == "Debug Clone"
    assert [(a.name, sx(a.bounds)) for a in t.assoc_types] == [("Item", "Eq")]
    i = item("X Point { F norm(&self) -> f64 = 0.0 ; F new() -> Point = Point { x: 0 } }")
    assert isinstance(i, ast.ImplDecl) and i.trait is None and len(i.methods) == 2
    i = item("X Point: Display { P F fmt(&self) -> Str = \"p\" }")
    assert sx(i.trait) == "Display" and i.methods[0].is_pub
    i = item("X<T> Pair<T> where T: Add { T Out = T\n F sum(&self) -> T = self.a }")
    assert sx(i.target) == "Pair<T>" and [g.name for g in i.generics] == ["T"] and sx(i.where[0].bounds) == "Add"
    assert [(a.name, sx(a.value)) for a in i.assoc_types] == [("Out", "T")]
    i = item("X Display for Point { }")
    assert sx(i.trait) == "Display" and sx(i.target) == "Point" and i.trait_style == "for"
    i = item("impl Point: Shift { fn shift(&self) -> Self = self }")
    assert i.keyword == "impl" and sx(i.methods[0].ret) == "Self"


def test_extern_declarations() -> None:
    fn = item("X F puts(s: i64) -> i64")
    assert isinstance(fn, ast.FnDecl) and fn.is_extern and fn.body is None
    block = item('N "C" {\n    F malloc(size: i64) -> *u8\n    F free(p: *u8)\n}')
    assert isinstance(block, ast.ExternBlock) and block.abi == "C"
    assert [(f.name, f.is_extern) for f in block.fns] == [("malloc", True), ("free", True)]
    assert sx(block.fns[0].ret) == "*u8"


def test_aliases_consts_globals() -> None:
    assert sx(item("T Id = i64").ty) == "i64"
    assert sx(item("type Pair = (i64, Str)").ty) == "(i64, Str)"
    c = item("C SCALE: i64 = 10")
    assert isinstance(c, ast.ConstDecl) and c.keyword == "C" and sx(c.value) == "10"
    c = item("const MAX: i64 = 1024")
    assert isinstance(c, ast.ConstDecl) and c.keyword == "const"
    g = item("G COUNTER: i64 = 0")
    assert isinstance(g, ast.GlobalDecl) and sx(g.ty) == "i64"
    g = item("global LEVEL: i64 = mut 1")
    assert isinstance(g, ast.GlobalDecl) and sx(g.value) == "1"


@pytest.mark.parametrize(("text", "path", "names", "separator", "glob"), [
    ("U std/math", ["std", "math"], None, "/", False),
    ("U std::math", ["std", "math"], None, "::", False),
    ("U std/collections.{HashMap, HashSet}", ["std", "collections"], ["HashMap", "HashSet"], "/", False),
    ("U mymod", ["mymod"], None, "/", False),
    ("U std/math.PI", ["std", "math"], ["PI"], "/", False),
    ("U std::io::{File}", ["std", "io"], ["File"], "::", False),
    ("U std/io::*", ["std", "io"], None, "/", True),
    ("use std/collections.{HashMap}", ["std", "collections"], ["HashMap"], "/", False),
    ("U std/collections.{HashMap,\n    HashSet,\n}", ["std", "collections"], ["HashMap", "HashSet"], "/", False),
])
def test_use(text: str, path: list[str], names: list[str] | None, separator: str, glob: bool) -> None:
    u = item(text)
    assert isinstance(u, ast.UseDecl)
    assert (u.path, u.names, u.separator, u.glob) == (path, names, separator, glob)


def test_attributes() -> None:
    fn = item("#[test]\nF test_add() { assert_eq(add(1, 2), 3) }")
    assert [(a.name, a.args) for a in fn.attrs] == [("test", [])]
    s = item("#[derive(Debug, Clone, PartialEq)]\n#[repr = \"C\"]\nS User { id: i64 }")
    assert [(a.name, a.args, a.value) for a in s.attrs] == [
        ("derive", ["Debug", "Clone", "PartialEq"], None), ("repr", [], '"C"')]
    fn = item('#[cfg(target_os = "linux", not(x))] F f() { }')
    assert fn.attrs[0].args == ['target_os = "linux"', "not(x)"]


def test_macro_declaration() -> None:
    m = item("macro square! { ($x:expr) => { $x * $x } }")
    assert isinstance(m, ast.MacroDecl) and m.name == "square"
    (rule,) = m.rules
    assert [t.text for t in rule.pattern] == ["$", "x", ":", "expr"]
    assert [t.text for t in rule.body] == ["$", "x", "*", "$", "x"]


@pytest.mark.parametrize(("text", "tree"), [
    ("Vec<Vec<i64>>", "Vec<Vec<i64>>"), ("HashMap<K, V>", "HashMap<K, V>"), ("T?", "T?"), ("[T]", "[T]"),
    ("[T; 4]", "[T; 4]"), ("(A, B)", "(A, B)"), ("()", "()"), ("&T", "&T"), ("&mut T", "&mut T"), ("*T", "*T"),
    ("fn(A) -> B", "fn(A) -> B"), ("|A, B| -> C", "|A, B| -> C"), ("dyn Trait + Send", "dyn Trait + Send"),
    ("!", "!"), ("Self", "Self"), ("Result<T>", "Result<T>"), ("std::io::File", "std::io::File"),
    ("Option<Vec<E>>", "Option<Vec<E>>"), ("Vec<Vec<Vec<i64>>>", "Vec<Vec<Vec<i64>>>"), ("_", "_"),
    ("Stream<u8>", "Stream<u8>"), ("(T,)", "(T)"),
])
def test_types(text: str, tree: str) -> None:
    fn = item(f"F f(x: {text}) {{ }}")
    assert sx(fn.params[0].ty) == tree


def test_generic_type_spans_end_at_their_angle_bracket() -> None:
    fn = item("F f(x: Vec<Vec<i64>>) { }")
    outer = fn.params[0].ty
    inner = outer.args[0]
    assert (inner.span.start, inner.span.end) == (11, 19)
    assert (outer.span.start, outer.span.end) == (7, 20)


def test_keyword_letters_as_type_parameters() -> None:
    fn = item("F pick<E, S: Ord>(a: E, b: S) -> E = a")
    assert [g.name for g in fn.generics] == ["E", "S"] and sx(fn.ret) == "E"


def test_keyword_as_function_name_is_reported_and_parsing_goes_on() -> None:
    diags = errors("F M(x: i64) -> i64 = x\nF ok() = 1 +\n")
    assert (diags[0].code, diags[0].span.line) == ("E0017", 1)
    assert "match keyword" in (diags[0].help or "")


def test_comments_are_collected_on_the_module() -> None:
    module = parse_ok("# top\nF f() { # trailing\n}\n")
    assert [(c.text, c.own_line) for c in module.comments] == [("# top", True), ("# trailing", False)]


def test_spans_cover_first_to_last_token() -> None:
    text = "F add(a: i64, b: i64) -> i64 = a + b\n"
    fn = item(text)
    assert text[fn.span.start:fn.span.end] == text.strip()
    assert text[fn.name_span.start:fn.name_span.end] == "add"
    assert text[fn.body.span.start:fn.body.span.end] == "a + b"
    assert text[fn.params[1].span.start:fn.params[1].span.end] == "b: i64"
    assert (fn.span.line, fn.span.col, fn.span.end_line, fn.span.end_col) == (1, 1, 1, 37)
