"""Rust's `*x` on values Rust would hand out as `&T` (`m.get(k)?`, `v.first().unwrap()`): reading is
accepted, writing through one is rejected (here it would change a copy)."""

from __future__ import annotations

from sema_helpers import clean, errors, only_error

from vais.sema import codes as c


def test_reading_through_a_rust_reference_binding_or_expression_is_accepted() -> None:
    clean("""
        F balance(m: &HashMap<Str, i64>, name: &Str) -> Result<i64, Str> {
            bal := m.get(name).ok_or("no account")?
            first := m.values().max().unwrap()
            R Ok(*bal + *first + *m.get(name).unwrap())
        }
        F main() {
            v := vec![3, 1, 2]
            low := v.iter().min().expect("empty")
            top := v.first().unwrap_or(&0)
            println("{*low} {*top} {*v.last().unwrap()}")
        }
    """)


def test_writing_through_one_is_an_error_pointing_at_get_mut() -> None:
    errs = errors("""
        F main() {
            m := mut HashMap::new()
            m.insert("a", 1)
            x := m.get("a").unwrap()
            *x += 1
            *m.get("a").unwrap() = 3
        }
    """)
    assert [(d.code, d.span.line) for d in errs] == [(c.IMMUTABLE_ASSIGN, 5), (c.IMMUTABLE_ASSIGN, 6)]
    assert errs[0].message == "cannot assign to `*x`, which is behind a `&` reference"
    assert "get_mut" in (errs[1].help or "")


def test_deref_of_a_plain_value_is_still_an_error() -> None:
    d = only_error("""
        F main() {
            n := 5
            m := n.max(3)
            println("{*m}")
        }
    """)
    assert d.code == c.BAD_OPERAND and d.message.endswith("cannot be dereferenced")

