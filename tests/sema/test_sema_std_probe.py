"""Checker regressions found by the std probe (programs written to the reference by Rust users)."""

from __future__ import annotations

from sema_helpers import errors, only_error


def test_collect_checks_the_item_type_against_the_target() -> None:
    err = only_error("""
        F main() {
            x: Vec<i64> = ["a"].iter().collect()
            println("{x:?}")
        }
    """)
    assert (err.message, err.span.line) == ("mismatched types", 2)
    assert err.label == "`Vec<i64>` cannot be collected from items of type `Str`"
    err = only_error("""
        F main() {
            y: HashMap<Str, i64> = [1, 2].iter().collect()
            println("{y:?}")
        }
    """)
    assert err.help == "the items must be `(Str, i64)`"


def test_rust_only_syntax_is_reported_with_the_vais_spelling() -> None:
    err = only_error("""
        F first<'a>(v: &'a Vec<i64>) -> i64 = v[0]
        F main() { println("{first(&[1])}") }
    """)
    assert err.message == "lifetimes are not part of Vais: `'a`" and err.span.line == 1
    assert [(d.message, d.help) for d in errors("""
        F main() {
            let mut total: i64 = 0
            println("{total}")
        }
    """)] == [("`let` is not Vais syntax", "write `x: mut T = value`")]
    err = only_error("""
        F main() {
            v := mut [1]
            L Some(x) = v.pop() { println("{x}") }
        }
    """)
    assert (err.message, err.span.line) == ("a pattern test needs `let`", 3)
    assert err.help == "write `L let Some(x) = value { ... }` (Rust's `while let`)"


def test_assigning_an_undeclared_name_suggests_a_binding() -> None:
    err = only_error("""
        F main() {
            total = 5
            println("{total}")
        }
    """)
    assert (err.message, err.span.line) == ("cannot find value `total` in this scope", 2)
    assert err.help == "to declare a new variable, write `total := ...` (`total := mut ...` to change it later)"


def test_rust_std_types_vais_lacks_say_what_to_use() -> None:
    err = only_error("""
        U std::collections::VecDeque
        F main() {}
    """)
    assert err.help is not None and err.help.startswith("Vais has no `VecDeque`: use a `Vec`")


def test_into_needs_a_known_target_and_a_conversion() -> None:
    err = only_error("""
        F main() {
            y: u8 = 300i64.into()
            println("{y}")
        }
    """)
    assert (err.message, err.span.line) == ("cannot convert `i64` into `u8` with `into()`", 2)
    err = only_error("""
        F main() {
            x := 5.into()
            println("{x}")
        }
    """)
    assert err.message == "type annotations needed" and err.label == "`into()` converts into the type the context expects"


def test_loop_labels_are_one_clear_error() -> None:
    err = only_error("""
        F main() {
            'outer: L i in 0..3 {
                L j in 0..3 {
                    I j == 1 { B 'outer }
                }
            }
            c := L { B 'x' }
            println("{c}")
        }
    """)
    assert (err.message, err.span.line) == ("loop labels are not part of Vais", 2)


def test_rust_display_impl_shows_the_vais_signature() -> None:
    errs = errors("""
        S Pt { x: i64 }
        X Display for Pt {
            F fmt(&self, f: &mut Formatter) -> Str = "x"
        }
        F main() { println("{}", Pt { x: 1 }) }
    """)
    assert errs[0].help == "declare it as `F fmt(&self) -> Str`"
    assert errs[1].help == "Vais's `Display` is `F fmt(&self) -> Str`: return the text, no Formatter"


def test_keyword_variant_names_and_impl_constants_get_help() -> None:
    errs = errors("""
        E Dir { N, East }
        F main() {}
    """)
    assert errs[0].help == "`N` is the extern keyword; pick another name"
    errs = errors("""
        S Grid { w: i64 }
        X Grid {
            const MAX: i64 = 10
            F get(&self) -> i64 = self.w
        }
        F main() {}
    """)
    assert errs[0].help is not None and "declare the constant at item level" in errs[0].help


def test_mutating_a_match_binding_suggests_as_mut() -> None:
    err = only_error("""
        S Node { k: i64, next: Option<Box<Node>> }
        X Node { F bump(&mut self) { self.k += 1 } }
        F main() {
            n := mut Node { k: 1, next: None }
            M &mut n.next {
                Some(c) => c.bump(),
                None => {}
            }
        }
    """)
    assert err.help is not None and "match on `opt.as_mut()`" in err.help


def test_ref_mut_patterns_point_to_as_mut() -> None:
    err = only_error("""
        S Nd { l: Option<Box<Nd>> }
        F main() {
            n := mut Nd { l: None }
            M n.l {
                Some(ref mut c) => {}
                None => {}
            }
        }
    """)
    assert (err.message, err.span.line) == ("`ref mut` patterns are not Vais syntax", 5)
