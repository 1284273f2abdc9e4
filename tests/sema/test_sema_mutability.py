"""Mutability: bindings, fields, elements, `&mut self` methods on immutable bindings, mutation
through `&` versus `&mut` parameters, closures, loop variables, globals versus constants."""

from __future__ import annotations

import pytest
from sema_helpers import clean, codes, errors, only_error

from vais.sema import codes as c

BAG = """
S Pt { x: i64 }
S Bag { items: Vec<i64>, p: Pt }
X Bag {
    F add(&mut self, x: i64) { self.items.push(x) }
    F size(&self) -> i64 = self.items.len()
}
"""


def immutable(text: str) -> list[int]:
    """Lines of the IMMUTABLE_ASSIGN errors (no other error allowed)."""
    errs = errors(text)
    assert all(d.code == c.IMMUTABLE_ASSIGN for d in errs), [(d.code, d.message) for d in errs]
    return [d.span.line for d in errs]


def test_assign_and_compound_assign_need_mut() -> None:
    assert immutable("F main() {\n    x := 1\n    x = 2\n    x += 1\n    x <<= 1\n    println(\"{x}\")\n}\n") == [3, 4, 5]


@pytest.mark.parametrize("binding", ["x := mut 1", "mut x := 1", "x: mut i64 = 1", "L x := mut 1"])
def test_every_mutable_binding_form(binding: str) -> None:
    clean(f"F main() {{\n    {binding}\n    x += 1\n    println(\"{{x}}\")\n}}\n")


def test_immutable_binding_message_and_help() -> None:
    d = only_error("F main() { x := 1\n x = 2\n println(\"{x}\") }\n")
    assert d.message == "cannot assign to immutable variable `x`"
    assert d.help == "make it mutable: `x := mut ...`"
    assert (d.span.line, d.span.col) == (2, 2)


def test_fields_and_elements_of_immutable_bindings() -> None:
    text = BAG + "F main() {\n    b := Bag { items: [], p: Pt { x: 0 } }\n    b.p.x = 3\n    v := [1]\n    v[0] = 2\n}\n"
    assert immutable(text) == [9, 11]
    d = errors(text)[0]
    assert d.message == "cannot assign to `b.p.x`, as `b` is not declared as mutable"


def test_fields_and_elements_of_mutable_bindings() -> None:
    clean(BAG + "F main() {\n    b := mut Bag { items: [], p: Pt { x: 0 } }\n    b.p.x = 3\n    b.items[0] = 1\n"
                "    vs := mut [Pt { x: 1 }]\n    vs[0].x = 2\n    b.add(1)\n    println(\"{b.size()} {vs[0].x}\")\n}\n")


def test_mut_self_method_on_an_immutable_binding() -> None:
    d = only_error(BAG + "F main() {\n    b := Bag { items: [], p: Pt { x: 0 } }\n    b.add(1)\n}\n")
    assert d.code == c.IMMUTABLE_ASSIGN and d.span.line == 9
    assert d.message == "cannot call `add` (which takes `&mut self`) on `b`, as `b` is not declared as mutable"


def test_builtin_mut_self_methods() -> None:
    assert immutable("F main() {\n    v := [1]\n    v.push(2)\n    s := \"a\"\n    s.push_str(\"b\")\n"
                     "    m: HashMap<Str, i64> = HashMap::new()\n    m.insert(\"k\", 1)\n}\n") == [3, 5, 7]


def test_ref_self_method_calls_are_fine_on_immutable_bindings() -> None:
    clean(BAG + "F main() {\n    b := Bag { items: [], p: Pt { x: 0 } }\n    println(\"{b.size()} {b.items.len()}\")\n}\n")


def test_mutation_through_ref_self() -> None:
    errs = errors("""
        S Bag { items: Vec<i64>, n: i64 }
        X Bag {
            F bad(&self, x: i64) { self.items.push(x) }
            F bad2(&self) { self.n = 1 }
            F good(&mut self) { self.n += 1; self.items.push(self.n) }
        }
        F main() {}
    """)
    assert [(d.code, d.span.line) for d in errs] == [(c.IMMUTABLE_ASSIGN, 3), (c.IMMUTABLE_ASSIGN, 4)]
    assert errs[1].message == "cannot assign to `self.n`, which is behind a `&` reference"
    assert errs[1].help == "take `&mut self` to mutate through it"


def test_mutation_through_parameters() -> None:
    errs = errors("""
        S Pt { x: i64 }
        F through_ref(p: &Pt) { p.x = 1 }
        F through_mut(p: &mut Pt) { p.x = 1 }
        F by_value(p: Pt) { p.x = 1 }
        F by_mut_value(mut p: Pt) -> Pt { p.x = 1; p }
        F vec_ref(v: &Vec<i64>) { v.push(1) }
        F vec_mut(v: &mut Vec<i64>) { v.push(1); v[0] = 2 }
        F main() {}
    """)
    assert [(d.span.line, d.help) for d in errs] == [
        (2, "make the parameter `&mut`: `p: &mut ...`"),
        (4, "declare the parameter as `mut p`"),
        (6, "make the parameter `&mut`: `v: &mut ...`")]


def test_taking_mut_borrow_of_an_immutable_binding() -> None:
    d = only_error("F inc(n: &mut i64) { *n += 1 }\nF main() { x := 1\n inc(&mut x)\n println(\"{x}\") }\n")
    assert (d.code, d.span.line) == (c.IMMUTABLE_ASSIGN, 3)
    clean("F inc(n: &mut i64) { *n += 1 }\nF main() { x := mut 1\n inc(&mut x)\n println(\"{x}\") }\n")


def test_deref_assignment_through_shared_reference() -> None:
    assert codes("F set(n: &i64) { *n = 1 }\nF main() {}\n") == [(c.IMMUTABLE_ASSIGN, 1)]


def test_mut_ref_local_allows_mutation() -> None:
    clean(BAG + "F main() {\n    b := mut Bag { items: [], p: Pt { x: 0 } }\n    r := &mut b\n    r.add(1)\n"
                "    r.p.x = 4\n    println(\"{b.size()}\")\n}\n")
    d = only_error(BAG + "F main() {\n    b := mut Bag { items: [], p: Pt { x: 0 } }\n    r := &b\n    r.add(1)\n}\n")
    assert d.span.line == 10 and d.help == "borrow it mutably: `&mut value`"


def test_closures_mutating_captures() -> None:
    d = only_error("F main() { c := 0\n inc := || { c += 1 }\n inc() }\n")
    assert (d.code, d.span.line) == (c.IMMUTABLE_ASSIGN, 2)
    clean("F main() { c := mut 0\n inc := || { c += 1 }\n inc()\n println(\"{c}\") }\n")


def test_closure_parameters_are_immutable() -> None:
    assert codes("F main() { f := |x: i64| { x += 1; x }\n println(\"{f(1)}\") }\n") == [(c.IMMUTABLE_ASSIGN, 1)]


def test_loop_variables_are_immutable_copies() -> None:
    d = only_error("S Pt { x: i64 }\nF main() { vs := mut [Pt { x: 1 }]\n L v in vs { v.x = 9 } }\n")
    assert d.span.line == 3 and d.help is not None and "copy" in d.help


def test_pattern_bindings_are_immutable_unless_mut() -> None:
    assert codes("F main() { (a, b) := (1, 2)\n a += b\n println(\"{a}\") }\n") == [(c.IMMUTABLE_ASSIGN, 2)]
    clean("F main() { (mut a, b) := (1, 2)\n a += b\n println(\"{a}\") }\n")


def test_globals_are_mutable_and_constants_are_not() -> None:
    clean("G COUNT: i64 = 0\nF bump() { COUNT += 1 }\nF main() { bump()\n COUNT = 5\n println(\"{COUNT}\") }\n")
    d = only_error("const LIMIT: i64 = 10\nF main() { LIMIT = 5 }\n")
    assert d.code == c.IMMUTABLE_ASSIGN and d.help == "constants cannot be modified; use `G` for a mutable global"


def test_assignment_targets_must_be_places() -> None:
    errs = errors(BAG + "F main() {\n    b := mut Bag { items: [], p: Pt { x: 0 } }\n    b.size() = 3\n    5 = 3\n}\n")
    assert [(d.code, d.span.line) for d in errs] == [(c.NOT_A_PLACE, 9), (c.NOT_A_PLACE, 10)]


def test_assignment_value_type_is_checked() -> None:
    assert codes("F main() { x := mut 1\n x = \"s\"\n println(\"{x}\") }\n") == [(c.MISMATCH, 2)]
    assert codes("F main() { s := mut \"a\"\n s += 1\n println(s) }\n") == [(c.MISMATCH, 2)]


def test_string_append_and_widening_compound_assign() -> None:
    clean("F main() { s := mut \"a\"\n s += \"b\"\n n := mut 0i64\n k: i32 = 2\n n += k\n println(\"{s} {n}\") }\n")


def test_mutating_a_temporary_is_harmless() -> None:
    clean("F make() -> Vec<i64> = [1]\nF main() { make().push(2) }\n")


def test_shared_borrow_is_not_a_mutable_one() -> None:
    d = only_error("F f(v: &mut Vec<i64>) { v.push(1) }\nF main() { v := mut [1]\n r := &v\n f(r) }\n")
    assert (d.code, d.span.line) == (c.MISMATCH, 4)
    assert d.help == "a shared `&` borrow cannot be used as `&mut`: borrow the variable with `&mut` instead"
    clean("F f(v: &mut Vec<i64>) { v.push(1) }\nF g(v: &Vec<i64>) -> i64 = v.len()\n"
          "F main() { v := mut [1]\n m := &mut v\n f(m)\n println(\"{g(m)} {g(&v)} {g(v)}\") }\n")
