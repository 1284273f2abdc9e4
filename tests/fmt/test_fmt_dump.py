"""Regression tests for `ast.dump` without spans, which the formatter's meaning check relies on:
it must not depend on where a node sits in the file or on how a keyword was spelled."""

from __future__ import annotations

from vais.syntax import ast, parse_source


def dump(text: str) -> object:
    module, diagnostics = parse_source(text, "t.vais")
    assert not diagnostics
    return ast.dump(module)


def test_macro_rule_tokens_dump_without_positions() -> None:
    rule = "macro sq! { ($x:expr) => { $x * $x } }\n"
    assert dump(rule) == dump("\n\n# moved down\n" + rule)


def test_macro_rule_tokens_dump_as_their_text() -> None:
    (decl,) = parse_source("macro sq! { ($x:expr) => { $x * $x } }\n", "t.vais")[0].items
    assert ast.dump(decl.rules[0])["pattern"] == ["$", "x", ":", "expr"]


def test_await_spellings_dump_alike() -> None:
    body = "A F f() -> i64 {{ {} }}\n"
    assert dump(body.format("g().await")) == dump(body.format("g().Y")) == dump(body.format("await g()"))


def test_for_separator_dumps_alike() -> None:
    assert dump("F f() { L x: xs { x } }\n") == dump("F f() { L x in xs { x } }\n")
