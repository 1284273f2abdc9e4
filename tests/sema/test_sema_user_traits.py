"""User impls of the std comparison, operator and value traits: accepted with the Rust signatures,
reported at the method when the signature is wrong, required by bounds and supertraits."""

from __future__ import annotations

from sema_helpers import clean, only_error

from vais.sema import codes as c
from vais.sema.program import CompoundRes

ORDERED = """
    S Ver { major: i64, minor: i64 }
    X Ver: PartialEq { F eq(&self, other: &Ver) -> bool = self.major == other.major }
    X Ver: Eq {}
    X Ver: PartialOrd { F partial_cmp(&self, other: &Ver) -> Option<Ordering> = Some(self.cmp(other)) }
    X Ver: Ord { F cmp(&self, other: &Ver) -> Ordering = self.major.cmp(&other.major) }
"""


def test_comparison_impls_are_accepted_and_satisfy_bounds() -> None:
    clean(ORDERED + """
        F biggest<T: Ord>(v: &Vec<T>) -> T = v[0]
        F same<T: PartialEq>(a: T, b: T) -> bool = a.eq(&b)
        F main() {
            a := Ver { major: 1, minor: 0 }
            b := Ver { major: 2, minor: 0 }
            xs := mut [a, b]
            xs.sort()
            println("{a < b} {a.cmp(&b)} {a.partial_cmp(&b)} {a.ne(&b)} {a.ge(&b)} {biggest(&xs).major}")
            println("{same(a, b)} {same(1, 2)} {1.eq(&2)} {3.partial_cmp(&4)} {'a'.lt(&'b')}")
        }
    """)


def test_a_user_cmp_is_chosen_over_the_built_in_one() -> None:
    result = clean(ORDERED + "F main() { println(\"{Ver { major: 1, minor: 0 }.cmp(&Ver { major: 2, minor: 0 })}\") }\n")
    called = [res.candidate.fn.qualname for checked in result.program.functions.values()
              for res in result.sema.call_sites.get(id(checked.fn.decl), []) if hasattr(res, "candidate")]
    assert "Ver::cmp" in called


def test_wrong_eq_signature_is_reported_at_the_method() -> None:
    d = only_error("""
        S V2 { x: i64 }
        X V2: PartialEq { F eq(&self, _o: &V2) -> i64 = self.x }
        F main() {}
    """)
    assert (d.code, d.span.line) == (c.IMPL_MISMATCH, 2)
    assert d.message == "method `eq` has an incompatible signature for trait `PartialEq`"
    assert d.help == "declare it as `F eq(&self, other: &V2) -> bool`"


def test_wrong_parameter_count_of_partial_cmp() -> None:
    d = only_error("""
        S V2 { x: i64 }
        X V2: PartialOrd { F partial_cmp(&self) -> Option<Ordering> = None }
        F main() {}
    """)
    assert (d.code, d.span.line) == (c.IMPL_MISMATCH, 2)
    assert "has 1 parameter(s) but the declaration in trait `PartialOrd` has 2" in d.message


def test_an_impl_must_write_the_required_method() -> None:
    d = only_error("S V2 { x: i64 }\nX V2: PartialEq {}\nF main() {}\n")
    assert (d.code, d.span.line) == (c.IMPL_MISMATCH, 2)
    assert d.message == "not all trait items implemented, missing: `eq`"


def test_an_unmet_ord_bound_names_the_impl_to_write() -> None:
    d = only_error("""
        S Plain { x: i64 }
        F biggest<T: Ord>(v: &Vec<T>) -> T = v[0]
        F main() { println("{biggest(&[Plain { x: 1 }]).x}") }
    """)
    assert (d.code, d.span.line) == (c.TRAIT_BOUND, 3)
    assert d.message == "the trait bound `Plain: Ord` is not satisfied"
    assert d.help == ("implement it: `X Plain: Ord { F cmp(&self, other: &Plain) -> Ordering = ... }` "
                      "or add `#[derive(PartialOrd, Ord)]` to `Plain`")


def test_ord_without_partial_ord_is_an_error_at_the_impl() -> None:
    d = only_error("""
        S W1 { x: i64 }
        X W1: Ord { F cmp(&self, other: &W1) -> Ordering = self.x.cmp(&other.x) }
        F main() {}
    """)
    assert (d.code, d.span.line) == (c.TRAIT_BOUND, 2)
    assert d.message == "the trait bound `W1: PartialOrd` is not satisfied"
    assert d.help.startswith("implement it: `X W1: PartialOrd { F partial_cmp(&self, other: &W1) -> Option<Ordering>")


def test_a_method_written_in_the_wrong_trait_names_the_right_one() -> None:
    d = only_error("S K { a: i64 }\nX K: Eq { F eq(&self, other: &K) -> bool = self.a == other.a }\nF main() {}\n")
    assert (d.code, d.span.line) == (c.IMPL_MISMATCH, 2)
    assert d.help == "`eq` belongs to trait `PartialEq`: write it in `X K: PartialEq { ... }`"
    d = only_error("S K { a: i64 }\nX K: Copy { F copy(&self) -> K = K { a: self.a } }\nF main() {}\n")
    assert d.help == "`Copy` declares no methods: write `X K: Copy {}`"


def test_hash_impl_with_the_rust_signature_is_accepted() -> None:
    clean("""
        S Key { id: i64, name: Str }
        X Key: PartialEq { F eq(&self, other: &Key) -> bool = self.id == other.id }
        X Key: Eq {}
        X Key: Hash { F hash<H: Hasher>(&self, state: &mut H) { self.id.hash(state) } }
        F main() {}
    """)
    d = only_error("S K { x: f64 }\nX K: Hash { F hash<H: Hasher>(&self, state: &mut H) { self.x.hash(state) } }\nF main() {}\n")
    assert d.code == c.UNKNOWN_METHOD and d.span.line == 2  # f64 is not Hash, as in Rust


def test_compound_assignment_calls_add_assign_without_an_add_impl() -> None:
    result = clean("""
        S Acc { n: i64 }
        X Acc: AddAssign { F add_assign(&mut self, other: Acc) { self.n += other.n } }
        F main() {
            a := mut Acc { n: 1 }
            a += Acc { n: 2 }
            println("{a.n}")
        }
    """)
    main = next(ch for ch in result.program.functions.values() if ch.fn.name == "main")
    assign = main.fn.decl.body.stmts[1].expr
    assert isinstance(assign.res, CompoundRes) and assign.res.call.name == "add_assign"


def test_compound_assignment_without_either_impl_names_the_operator_trait() -> None:
    d = only_error("S Acc { n: i64 }\nF main() { a := mut Acc { n: 1 }\n a -= Acc { n: 2 } }\n")
    assert (d.code, d.span.line) == (c.MISMATCH, 3)
    assert d.message == "cannot apply `-=` to `Acc`"
    assert d.help == ("implement the `SubAssign` trait: `X Acc: SubAssign { F sub_assign(&mut self, other: Acc) "
                      "{ ... } }`, or implement the `Sub` trait: `X Acc: Sub { F sub(self, other: Acc) -> Acc = ... }`")


def test_logical_not_through_a_user_not_impl() -> None:
    clean("""
        S Flag { on: bool }
        X Flag: Not { F not(self) -> Flag = Flag { on: !self.on } }
        F main() { println("{(!Flag { on: true }).on}") }
    """)
    d = only_error("S Flag { on: bool }\nF main() { f := !Flag { on: true } }\n")
    assert (d.code, d.span.line) == (c.BAD_OPERAND, 2)
    assert d.help == "implement the `Not` trait: `X Flag: Not { F not(self) -> Flag = ... }`"


def test_clone_default_and_hash_impls_are_accepted() -> None:
    clean("""
        S Key { id: i64 }
        X Key: Clone { F clone(&self) -> Key = Key { id: self.id } }
        X Key: Default { F default() -> Key = Key { id: 0 } }
        X Key: Hash {}
        X Key: PartialEq { F eq(&self, other: &Key) -> bool = self.id == other.id }
        X Key: Eq {}
        F main() { k := Key::default()\n println("{k.clone() == k}") }
    """)


def test_index_impl_is_read_only_and_its_absence_names_the_trait() -> None:
    d = only_error("""
        S Row { v: Vec<i64> }
        X Row: Index<i64> { T Output = i64; F index(&self, i: i64) -> &i64 = self.v[i] }
        F main() {
            r := mut Row { v: [1] }
            r[0] = 5
        }
    """)
    assert (d.code, d.span.line) == (c.NOT_A_PLACE, 5)
    assert d.message == "cannot assign to `r[..]`: a user `Index` impl gives read-only access"
    d = only_error("S Col {}\nF main() { c := Col {}\n println(\"{c[1]}\") }\n")
    assert (d.code, d.span.line) == (c.BAD_INDEX, 3)
    assert d.help == "implement the `Index` trait: `X Col: Index<i64> { T Output = ...; F index(&self, i: i64) -> &Self::Output = ... }`"


def test_generic_compound_assignment_and_unary_operators_need_their_bounds() -> None:
    clean("""
        F acc<T: AddAssign>(a: &mut T, b: T) { *a += b }
        F twice<T: Add>(a: T) -> T { c := mut a
            c += a
            c }
        F neg<T: Neg>(a: T) -> T = -a
        F flip<T: Not>(a: T) -> T = !a
        F main() { n := mut 1
            acc(&mut n, 2)
            println("{twice(2)} {neg(3)} {flip(true)} {n}") }
    """)
    d = only_error("F f<T>(a: T) -> T = -a\nF main() {}\n")
    assert (d.code, d.span.line) == (c.TRAIT_BOUND, 1)
    assert d.help == "add a bound: `T: Neg`"
    d = only_error("F f<T: Clone>(a: T, b: T) { c := mut a\n c *= b }\nF main() {}\n")
    assert (d.code, d.span.line) == (c.TRAIT_BOUND, 2)
    assert d.help == "add a bound: `T: Mul`"


def test_comparison_methods_must_borrow_self() -> None:
    d = only_error("S V { x: i64 }\nX V: Ord { F cmp(self, other: &V) -> Ordering = self.x.cmp(&other.x) }\n"
                   "X V: PartialOrd { F partial_cmp(&self, other: &V) -> Option<Ordering> = Some(self.cmp(other)) }\n"
                   "F main() {}\n")
    assert (d.code, d.span.line) == (c.IMPL_MISMATCH, 2)
    assert d.help == "declare it as `F cmp(&self, other: &V) -> Ordering`"


def test_comparison_of_built_in_types_cannot_be_replaced() -> None:
    d = only_error("X i64: PartialEq { F eq(&self, _o: &i64) -> bool = true }\nF main() {}\n")
    assert (d.code, d.span.line) == (c.DUPLICATE_DEFINITION, 1)
    assert d.message == "conflicting implementations of trait `PartialEq` for type `i64`"
