"""The typed program handed to the engines: types on expressions, resolutions on names and calls,
closure captures, and the monomorphisation list (which instances of generic items exist)."""

from __future__ import annotations

from sema_helpers import clean

from vais.sema.program import (
    ClosureRes,
    ConstRes,
    FieldRes,
    FnRes,
    IntrinsicRes,
    LocalRes,
    MethodRes,
    OperatorRes,
    StructRes,
    TemplateRes,
    VariantRes,
)
from vais.syntax import ast


def instances(text: str) -> set[tuple[str, tuple[tuple[str, str], ...], bool]]:
    """(qualname, sorted generic bindings, is a template instance) of every instance."""
    program = clean(text).program
    return {(i.fn.qualname, tuple(sorted((p.name, str(t)) for p, t in i.mapping.items())), i.template is not None)
            for i in program.instances}


def nodes(text: str, kind: type) -> list:
    program = clean(text).program
    return [n for n in ast.walk(program.entry.ast) if isinstance(n, kind) and getattr(n, "ty", None) is not None]


def test_generic_function_instances_per_type() -> None:
    found = instances("""
        F first<T>(xs: Vec<T>) -> T = xs[0]
        F main() { println("{first([1])} {first(["a"])}") }
    """)
    assert ("first", (("T", "i64"),), False) in found and ("first", (("T", "Str"),), False) in found


def test_unused_generic_function_has_no_instance() -> None:
    found = instances("F id<T>(x: T) -> T = x\nF main() {}\n")
    assert {name for name, _, _ in found} == {"main"}


def test_generic_impl_methods_are_instantiated_with_the_receiver_type() -> None:
    found = instances("""
        S Stack<T> { items: Vec<T> }
        X<T> Stack<T> { F push(&mut self, x: T) { self.items.push(x) }; F peek(&self) -> T = self.items[0] }
        F main() { s := mut Stack { items: Vec::new() }; s.push(1.5); println("{s.peek()}") }
    """)
    assert ("Stack::push", (("T", "f64"),), False) in found and ("Stack::peek", (("T", "f64"),), False) in found


def test_trait_default_method_instance_per_implementer() -> None:
    found = instances("""
        W Describe { F name(&self) -> Str; F shout(&self) -> Str = self.name().to_upper() }
        S Dog {}
        S Cat {}
        X Dog: Describe { F name(&self) -> Str = "dog" }
        X Cat: Describe { F name(&self) -> Str = "cat" }
        F loud<T: Describe>(x: &T) -> Str = x.shout()
        F main() { println("{loud(&Dog {})} {loud(&Cat {})}") }
    """)
    assert ("Describe::shout", (("Self", "Dog"),), False) in found
    assert ("Describe::shout", (("Self", "Cat"),), False) in found
    assert {("loud", (("T", "Dog"),), False), ("loud", (("T", "Cat"),), False)} <= found
    assert ("Dog::name", (), False) in found


def test_generic_calling_generic_reaches_concrete_instances() -> None:
    found = instances("""
        F inner<T>(x: T) -> T = x
        F outer<U>(x: U) -> U = inner(x)
        F main() { println("{outer(true)}") }
    """)
    assert ("outer", (("U", "bool"),), False) in found and ("inner", (("T", "bool"),), False) in found


def test_template_instances_listed() -> None:
    program = clean("""
        F add(a, b) = a + b
        F main() { println("{add(1, 2)} {add("x", "y")}") }
    """).program
    templates = [i.template for i in program.instances if i.template is not None]
    assert sorted(str(t.ret) for t in templates) == ["Str", "i64"]
    assert all(t.checked and id(t.decl) in program.functions for t in templates)


def test_every_checked_body_is_in_the_program() -> None:
    program = clean("S Pt { x: i64 }\nX Pt { F get(&self) -> i64 = self.x }\nF main() { println(\"{Pt { x: 1 }.get()}\") }\n").program
    names = {f.fn.qualname for f in program.functions.values()}
    assert {"main", "Pt::get"} <= names
    assert program.main is not None and program.main.name == "main"


def test_resolutions_on_names_and_calls() -> None:
    program = clean("""
        const K: i64 = 2
        S Pt { x: i64 }
        E Sh { Circle(f64), Empty }
        F double(n: i64) -> i64 = n * K
        F main() {
            p := Pt { x: double(1) }
            s := Circle(1.0)
            v := [1]
            n := v.len() + p.x
            println("{n} {s} {Empty}")
        }
    """).program
    res = {type(n.res) for n in ast.walk(program.entry.ast) if getattr(n, "res", None) is not None}
    assert {ConstRes, FnRes, StructRes, VariantRes, MethodRes, FieldRes, LocalRes, IntrinsicRes} <= res


def test_operator_and_template_resolutions() -> None:
    program = clean("""
        S V { x: f64 }
        X V: Add { F add(self, o: V) -> V = V { x: self.x + o.x } }
        F twice(a) = a + a
        F main() { v := V { x: 1.0 } + V { x: 2.0 }; println("{v.x} {twice(3)}") }
    """).program
    found = [n.res for n in ast.walk(program.entry.ast) if isinstance(getattr(n, "res", None), (OperatorRes, TemplateRes))]
    assert {type(r) for r in found} == {OperatorRes, TemplateRes}


def test_closure_captures_and_assignments() -> None:
    program = clean("""
        F main() {
            a := 1
            b := mut 2
            f := |x| { g := |y| x + y + a + b; b += 1; g(1) }
            c := 3
            h := move |z| z + c
            println("{f(1)} {h(2)} {b}")
        }
    """).program
    outer, inner, moved = [n.res for n in ast.walk(program.entry.ast) if isinstance(n, ast.Closure)]
    assert isinstance(outer, ClosureRes)
    assert [loc.name for loc in outer.captures] == ["a", "b"]
    assert [loc.name for loc in outer.captures if id(loc) in outer.assigned] == ["b"]
    assert [loc.name for loc in inner.captures] == ["x", "a", "b"]
    assert [loc.name for loc in moved.captures] == ["c"]
    b = next(loc for loc in outer.captures if loc.name == "b")
    assert b.captured and b.mutated_in_closure


def test_expression_types_after_inference() -> None:
    program = clean("""
        F main() {
            a := 1
            b: u8 = 2
            c := [b, 3]
            d := c.iter().map(|x| x as f64).collect::<Vec<f64>>()
            println("{a} {d}")
        }
    """).program
    lets = {n.pattern.name: str(n.value.ty) for n in ast.walk(program.entry.ast) if isinstance(n, ast.LetStmt)}
    assert lets == {"a": "i64", "b": "u8", "c": "Vec<u8>", "d": "Vec<f64>"}


def test_method_resolution_records_type_arguments() -> None:
    program = clean("""
        F main() {
            m: HashMap<Str, i64> = HashMap::new()
            println("{m.get("k")}")
        }
    """).program
    call = next(n for n in ast.walk(program.entry.ast) if isinstance(n, ast.MethodCall))
    assert isinstance(call.res, MethodRes)
    assert call.res.candidate.fn.qualname == "HashMap::get"
    assert [str(t) for t in call.res.type_args] == ["Str", "i64"]
    assert str(call.ty) == "Option<i64>"


def test_variant_resolution_type_arguments() -> None:
    program = clean("F main() { o: Option<u16> = Some(1)\n println(\"{o}\") }\n").program
    call = next(n for n in ast.walk(program.entry.ast) if isinstance(n, ast.Call))
    assert isinstance(call.res, VariantRes) and call.res.variant.name == "Some"
    assert [str(t) for t in call.res.type_args] == ["u16"]


def test_generic_trait_with_two_impls_resolves_by_result_type() -> None:
    from vais.sema.mono import resolve_target

    result = clean("""
        W Conv<U> { F conv(&self) -> U }
        S Sq { s: f64 }
        X Sq: Conv<f64> { F conv(&self) -> f64 = self.s }
        X Sq: Conv<Str> { F conv(&self) -> Str = "sq" }
        F as_str<T: Conv<Str>>(t: &T) -> Str = t.conv()
        F main() {
            q := Sq { s: 1.0 }
            a: f64 = q.conv()
            b: Str = q.conv()
            println("{a} {b} {as_str(&q)}")
        }
    """)
    calls = [n for n in ast.walk(result.program.entry.ast) if isinstance(n, ast.MethodCall)]
    direct = [str(n.res.candidate.impl.trait) for n in calls if n.res.candidate.impl is not None]
    assert direct == ["Conv<f64>", "Conv<Str>"]
    generic = next(n for n in calls if n.res.candidate.impl is None)  # `t.conv()` through the bound
    as_str = next(i for i in result.program.instances if i.fn.name == "as_str")
    fn, _, _ = resolve_target(result.sema, generic.res, as_str.mapping)
    assert str(fn.owner.trait) == "Conv<Str>"
