"""Typing of mutable element access: the entry API (`Entry<K, V>`), `get_mut`, `iter_mut`,
`values_mut`; the receiver must be mutable, and `*` derefs the `&mut` they hand out."""

from __future__ import annotations

import pytest
from sema_helpers import clean, errors, only_error

from vais.sema import codes as c


def test_entry_api_and_get_mut_are_typed() -> None:
    clean("""
        F main() {
            m := mut HashMap::new()
            *m.entry("a").or_insert(0) += 1
            e := m.entry("b").or_insert(0)
            *e += 5
            n: i64 = *e
            m.entry("a").and_modify(|v| *v += 1).or_insert(0)
            *m.entry("c").or_default() += 1
            *m.entry("d").or_insert_with(|| 3) -= 1
            k: Str = m.entry("a").key()
            M m.get_mut("a") { Some(v) => *v += 1, None => {} }
            L x in m.values_mut() { *x = 0 }
            L (k2, x) in m.iter_mut() { *x += k2.len() }
            g: mut HashMap<Str, Vec<i64>> = HashMap::new()
            g.entry("x").or_insert(Vec::new()).push(1)
            g.get_mut("x").unwrap().push(n)
            v := mut [1, 2]
            *v.get_mut(0).unwrap() = 9
            L y in v.iter_mut() { *y *= 2 }
            println("{m} {g} {v} {k}")
        }
    """)


@pytest.mark.parametrize("use", [
    'm.entry("a").or_insert(0)',
    'm.get_mut("a")',
    "m.values_mut()",
    "m.iter_mut()",
    "v.get_mut(0)",
    "v.iter_mut()",
])
def test_mutable_access_needs_a_mutable_receiver(use: str) -> None:
    d = only_error(f"""
        F main() {{
            m: HashMap<Str, i64> = HashMap::new()
            v := [1, 2]
            _ := {use}
            println("{{m}} {{v}}")
        }}
    """)
    name = use[0]
    method = use.split(".")[1].split("(")[0]
    assert d.code == c.IMMUTABLE_ASSIGN
    assert d.message == f"cannot call `{method}` (which takes `&mut self`) on `{name}`, as `{name}` is not declared as mutable"
    assert d.help == f"make it mutable: `{name} := mut ...`"


def test_get_mut_through_a_shared_reference() -> None:
    d = only_error("""
        F bump(m: &HashMap<Str, i64>) {
            M m.get_mut("a") { Some(v) => *v += 1, None => {} }
        }
    """)
    assert d.code == c.IMMUTABLE_ASSIGN
    assert "behind a `&` reference" in d.message
    assert d.help == "make the parameter `&mut`: `m: &mut ...`"


def test_assigning_the_reference_itself_suggests_a_deref() -> None:
    d = only_error("""
        F main() {
            m := mut HashMap::new()
            e := m.entry("a").or_insert(0)
            e += 1
        }
    """)
    assert d.code == c.IMMUTABLE_ASSIGN
    assert d.help == "`e` is a `&mut` reference: change what it points to with `*e`"


def test_deref_rules() -> None:
    errs = errors("""
        F main() {
            m: mut HashMap<Str, i64> = HashMap::new()
            m.insert("a", 1)
            e := m.entry("a").or_insert(0)
            s: Str = *e
            *m.get("a").unwrap() += 1
        }
    """)
    assert [(d.code, d.span.line) for d in errs] == [(c.MISMATCH, 5), (c.IMMUTABLE_ASSIGN, 6)]
    assert errs[0].label == "expected `Str`, found `i64`"
    assert errs[1].message == "cannot assign to `*value`, which is behind a `&` reference"
    assert "get_mut" in (errs[1].help or "")


def test_or_insert_checks_the_value_type() -> None:
    d = only_error("""
        F main() {
            m: mut HashMap<Str, i64> = HashMap::new()
            m.entry("a").or_insert("zero")
        }
    """)
    assert (d.code, d.span.line) == (c.MISMATCH, 3)
