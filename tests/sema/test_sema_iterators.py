"""User iterators in the checker: the prelude's `Iterator` trait with its associated type `Item`,
`Self::Item`/`I::Item`, for loops and `Iter` methods over iterators, and the impl errors."""

from __future__ import annotations

from sema_helpers import clean, errors, only_error

from vais.sema import codes as c

COUNTER = """
    S Counter { n: i64, max: i64 }
    X Counter: Iterator {
        T Item = i64
        F next(&mut self) -> Option<i64> {
            I self.n >= self.max { R None }
            self.n += 1
            Some(self.n)
        }
    }
"""


def test_iterator_impl_loops_and_adaptors_check() -> None:
    clean(COUNTER + """
    F main() {
        L x in (Counter { n: 0, max: 3 }) { println(x + 1) }
        t: i64 = (Counter { n: 0, max: 4 }).map(|x| x * x).sum()
        v: Vec<(i64, i64)> = (Counter { n: 0, max: 2 }).enumerate().collect()
        w := Vec::from(Counter { n: 0, max: 2 })
        println("{t} {v} {w}")
    }
    """)


def test_self_item_in_a_user_trait_and_generic_projection() -> None:
    clean(COUNTER + """
    W Source { T Out; F take_one(&mut self) -> Option<Self::Out> }
    X Counter: Source { T Out = i64; F take_one(&mut self) -> Option<i64> = self.next() }
    F first<I: Iterator>(it: I) -> Option<I::Item> { t := mut it; t.next() }
    F main() { println(first(Counter { n: 0, max: 2 }).unwrap() + 1) }
    """)


def test_item_may_be_left_out_when_next_fixes_it() -> None:
    clean("""
    S Ones { n: i64 }
    X Ones: Iterator { F next(&mut self) -> Option<i64> = Some(1) }
    F main() { t: i64 = Ones { n: 0 }.take(2).sum(); println(t) }
    """)


def test_missing_next_is_reported() -> None:
    d = only_error("""
    S Empty { n: i64 }
    X Empty: Iterator { T Item = i64 }
    F main() { }
    """)
    assert d.code == c.IMPL_MISMATCH and d.span.line == 2 and "missing: `next`" in d.message


def test_wrong_next_signature_is_reported_with_the_expected_one() -> None:
    for sig in ("F next(self) -> Option<i64> = None", "F next(&mut self) -> i64 = 0",
                "F next(&mut self) -> Option<Str> = None"):
        d = only_error(f"""
        S Bad {{ n: i64 }}
        X Bad: Iterator {{
            T Item = i64
            {sig}
        }}
        F main() {{ }}
        """)
        assert d.code == c.IMPL_MISMATCH and d.span.line == 4, d.message
        assert d.help == "declare it as `F next(&mut self) -> Option<i64>`"


def test_unknown_associated_type_is_reported() -> None:
    d = only_error("""
    S Ones { n: i64 }
    X Ones: Iterator { T Itm = i64; F next(&mut self) -> Option<i64> = Some(1) }
    F main() { }
    """)
    assert d.code == c.IMPL_MISMATCH and "`Itm` is not a member of trait `Iterator`" in d.message
    assert d.help == "a similar name exists: `Item`"


def test_iterating_a_type_without_next_explains_how() -> None:
    errs = errors("""
    S Plain { n: i64 }
    S Peek { n: i64 }
    X Peek { F next(&self) -> Option<i64> = None }
    F main() {
        L x in (Plain { n: 1 }) { println(x) }
        L y in (Peek { n: 1 }) { println(y) }
    }
    """)
    assert [(d.code, d.span.line) for d in errs] == [(c.NOT_ITERABLE, 5), (c.NOT_ITERABLE, 6)]
    assert errs[0].help.startswith("implement `Iterator` for it: `X Plain: Iterator {")
    assert errs[1].help.startswith("its `next` is not `F next(&mut self) -> Option<T>`")


def test_unknown_self_assoc_is_reported() -> None:
    d = only_error("""
    W Src { F get(&self) -> Self::Out }
    F main() { }
    """)
    assert d.code == c.UNKNOWN_TYPE and "associated type `Out` not found for `Self`" in d.message


def test_vec_methods_on_an_iterator_suggest_collect() -> None:
    errs = errors("""
        F main() {
            words := "a b".split(" ")
            n := "a b".split(" ").len()
            println("{words.contains("a")} {n}")
        }
    """)
    assert [(d.code, d.span.line) for d in errs] == [(c.UNKNOWN_METHOD, 3), (c.UNKNOWN_METHOD, 4)]
    assert errs[0].help == ("`split` returns an iterator: collect it into a Vec first (`.collect::<Vec<_>>()`), "
                            "or count it with `.count()`")
    assert errs[1].help == "`words` is an iterator: collect it into a Vec first (`.collect::<Vec<_>>()`)"
