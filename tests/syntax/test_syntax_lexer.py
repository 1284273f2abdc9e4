"""Lexer unit tests: every token class of the reference's sections 1-2."""

from __future__ import annotations

import pytest

from vais.syntax import lex
from vais.syntax.interpolation import Hole
from vais.syntax.tokens import OPERATORS


def kinds(text: str) -> list[str]:
    tokens, _comments, diags = lex(text, "t.vais")
    assert not diags, [d.message for d in diags]
    return [t[0] for t in tokens[:-1]]


def one(text: str) -> tuple:
    tokens, _comments, diags = lex(text, "t.vais")
    assert not diags, [d.message for d in diags]
    assert len(tokens) == 2, tokens
    return tokens[0]


def lex_errors(text: str) -> list[tuple[str, int, int]]:
    _tokens, _comments, diags = lex(text, "t.vais")
    return [(d.code, d.span.start, d.span.end) for d in diags]


def test_single_letter_keywords_and_identifiers() -> None:
    assert kinds("F S E I L M R B C T U P W X D O N G A Y") == list("FSEILMRBCTUPWXDONGAY")
    assert kinds("K V Q Z H J Foo EOF MAX x _x") == ["ID"] * 11
    assert kinds("EN EL LF LW") == ["EN", "EL", "LF", "LW"]
    assert kinds("_") == ["_"]


@pytest.mark.parametrize(("long", "kind"), [
    ("fn", "F"), ("struct", "S"), ("enum", "EN"), ("else", "EL"), ("match", "M"), ("return", "R"),
    ("break", "B"), ("continue", "C"), ("pub", "P"), ("trait", "W"), ("impl", "X"), ("use", "U"),
    ("type", "T"), ("defer", "D"), ("extern", "N"), ("global", "G"), ("async", "A"), ("if", "I"),
    ("loop", "L"), ("while", "LW"), ("for", "LF"), ("and", "&&"), ("or", "||"),
])
def test_long_forms_are_synonyms_that_keep_their_spelling(long: str, kind: str) -> None:
    tok = one(long)
    assert tok[0] == kind and tok[1] == long


def test_word_keywords() -> None:
    words = "mut self Self true false await yield const comptime dyn macro as move where in spawn"
    assert kinds(words) == words.split()


def test_every_operator_lexes_alone() -> None:
    for op in OPERATORS:
        assert one(op)[0] == op, op


def test_longest_operator_wins() -> None:
    assert kinds("a<<=b>>=c..=d...e::f:=g->h=>i|>j") == [
        "ID", "<<=", "ID", ">>=", "ID", "..=", "ID", "...", "ID", "::", "ID", ":=", "ID", "->", "ID", "=>", "ID",
        "|>", "ID"]
    assert kinds("a&&b||c") == ["ID", "&&", "ID", "||", "ID"]


@pytest.mark.parametrize(("text", "value", "suffix"), [
    ("42", 42, None), ("1_000_000", 1000000, None), ("0xFF", 255, None), ("0b1010", 10, None),
    ("0o17", 15, None), ("255u8", 255, "u8"), ("0xcbf29ce484222325u64", 0xcbf29ce484222325, "u64"),
    ("7i128", 7, "i128"), ("3usize", 3, "usize"), ("0xdead_beef", 0xdeadbeef, None), ("0b1111_0000", 240, None),
])
def test_integers(text: str, value: int, suffix: str | None) -> None:
    tok = one(text)
    assert tok[0] == "INT" and tok[5] == (value, suffix) and tok[1] == text


@pytest.mark.parametrize(("text", "value", "suffix"), [
    ("3.14", 3.14, None), ("1.0e10", 1.0e10, None), ("2.5e-3", 2.5e-3, None), ("1e3", 1000.0, None),
    ("6.02e23", 6.02e23, None), ("1_000.5", 1000.5, None), ("1.5f32", 1.5, "f32"), ("3f64", 3.0, "f64"),
])
def test_floats(text: str, value: float, suffix: str | None) -> None:
    tok = one(text)
    assert tok[0] == "FLOAT" and tok[5] == (value, suffix)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("24h", 24, "h"), ("30s", 30, "s"), ("250ms", 250, "ms"), ("5m", 5, "m"), ("2d", 2, "d"),
    ("10ns", 10, "ns"), ("7us", 7, "us"),
])
def test_duration_literals(text: str, value: int, unit: str) -> None:
    tok = one(text)
    assert tok[0] == "DUR" and tok[5] == (value, unit)


def test_ranges_and_tuple_fields_are_not_floats() -> None:
    assert kinds("1..5") == ["INT", "..", "INT"]
    assert kinds("1..=5") == ["INT", "..=", "INT"]
    assert kinds("t.0.1") == ["ID", ".", "INT", ".", "INT"]
    assert kinds("x.0") == ["ID", ".", "INT"]
    assert kinds("1.max(2)") == ["INT", ".", "ID", "(", "INT", ")"]


@pytest.mark.parametrize("text", ["1__0x", "12abc", "0x", "0b102", "1.5u8", "0x10s", "3e5ms"])
def test_invalid_numbers_are_reported_once(text: str) -> None:
    assert [code for code, _s, _e in lex_errors(text)] == ["E0005"]


def test_string_escapes() -> None:
    tok = one(r'"a\n\t\r\\\"\'\0\{\}\u{1F600}\u{E9}"')
    assert tok[0] == "STR" and tok[5] == ["a\n\t\r\\\"'\0{}\U0001F600\u00e9"]
    assert one('""')[5] == []


def test_unknown_escape_is_reported_and_lexing_continues() -> None:
    tokens, _c, diags = lex(r'x := "tab \q here" + y', "t.vais")
    assert [d.code for d in diags] == ["E0004"]
    assert [t[0] for t in tokens] == ["ID", ":=", "STR", "+", "ID", "EOF"]
    assert lex_errors(r'"\u{D800}"')[0][0] == "E0004"


def test_strings_span_lines() -> None:
    tok = one('"line one\nline two"')
    assert tok[5] == ["line one\nline two"]


def holes(text: str) -> list:
    tokens, _comments, diags = lex(text, "t.vais")
    assert not diags, [d.message for d in diags]
    tok = tokens[0]
    assert tok[0] == "STR" and tokens[-1][0] == "EOF"
    return [p if isinstance(p, str) else (text[p.expr_start:p.expr_end], p.spec) for p in tok[5]]


def test_interpolation_holes_and_specs() -> None:
    assert holes('"a{b}c"') == ["a", ("b", None), "c"]
    assert holes('"{x:>5}"') == [("x", ">5")]
    assert holes('"{}"') == [("", None)]
    assert holes('"{:>5}"') == [("", ">5")]
    assert holes('"{{}} {{x}}"') == ["{} {x}"]
    assert holes('"{{{a}}}"') == ["{", ("a", None), "}"]
    assert holes(r'"\{x\}"') == ["{x}"]
    assert holes('"{Vec::new():?}"') == [("Vec::new()", "?")]
    assert holes('"{f(a: 1):x}"') == [("f(a: 1)", "x")]
    assert holes('"{total as f64 / n as f64:.2}"') == [("total as f64 / n as f64", ".2")]
    assert holes('"{2.0 / 3.0:.2}"') == [("2.0 / 3.0", ".2")]


def test_holes_with_nested_braces_and_strings() -> None:
    assert holes('"{names.join("+")}"') == [('names.join("+")', None)]
    assert holes('"{M n { 0 => "zero", _ => "nonzero" } }"') == [('M n { 0 => "zero", _ => "nonzero" } ', None)]
    assert holes('"{f("{a}")} and {g("}}")}"') == [('f("{a}")', None), " and ", ('g("}}")', None)]
    assert holes("\"{c == '}'}\"") == [("c == '}'", None)]
    assert holes('"{P { x: 1 }:?}"') == [("P { x: 1 }", "?")]


def test_hole_records_brace_offsets() -> None:
    tokens, _c, _d = lex('"ab{x}"', "t.vais")
    hole = tokens[0][5][1]
    assert isinstance(hole, Hole) and (hole.start, hole.end) == (3, 6)


def test_hole_tokens_follow_their_string() -> None:
    assert kinds('"a{b + 1}c{}{d:>5}" x') == ["STR", "ID", "+", "INT", "HOLE_END", "ID", "HOLE_END", "ID"]
    assert kinds('"{f("{g}")}"') == ["STR", "ID", "(", "STR", "ID", "HOLE_END", ")", "HOLE_END"]
    tokens, _c, _d = lex('"{x:>5}"', "t.vais")
    assert [(t[0], t[1], t[2]) for t in tokens[1:3]] == [("ID", "x", 2), ("HOLE_END", ":", 3)]


def test_comments_inside_holes_are_not_module_comments() -> None:
    _tokens, comments, _d = lex('"{a # not a comment\n}"', "t.vais")
    assert comments == []


def test_lone_closing_brace_is_an_error() -> None:
    assert [c for c, _s, _e in lex_errors('"a } b"')] == ["E0006"]


def test_unterminated_string_reports_its_start_and_swallows_the_rest() -> None:
    text = 'F main() {\n    x := "abc\n}\n'
    tokens, _c, diags = lex(text, "t.vais")
    assert [(d.code, d.span.line) for d in diags] == [("E0002", 2)]
    assert tokens[-2][0] == "ERR" and tokens[-1][0] == "EOF"


def test_unterminated_interpolation_reports_the_literal_start() -> None:
    _t, _c, diags = lex('x\n"value {x"\n', "t.vais")
    assert [(d.code, d.span.line) for d in diags] == [("E0002", 2)]


def test_chars() -> None:
    assert one("'a'")[5] == "a"
    assert one(r"'\n'")[5] == "\n"
    assert one(r"'\u{E9}'")[5] == "\u00e9"
    assert one(r"'\''")[5] == "'"
    assert [c for c, _s, _e in lex_errors("'a")] == ["E0003"]
    assert [c for c, _s, _e in lex_errors("'ab'")] == ["E0007"]
    assert [c for c, _s, _e in lex_errors("''")] == ["E0007"]


def test_byte_literals_are_u8_integers() -> None:
    assert one("b'a'")[0::5] == ("INT", (97, "u8"))
    assert one("b'a'")[2:4] == (0, 4)
    assert one(r"b'\n'")[5] == (10, "u8")
    assert one(r"b'\''")[5] == (39, "u8")
    assert kinds("b 'a'") == ["ID", "CHAR"]  # only an adjacent `b` makes a byte
    assert kinds("x - b'0'") == ["ID", "-", "INT"]
    assert lex_errors(r"b'\u{E9}'") == [("E0008", 0, 9)]
    assert lex_errors("x := b'é'") == [("E0008", 5, 9)]


def test_comments_are_kept_with_own_line_flag() -> None:
    tokens, comments, _d = lex("# head\nx := 1 # tail\n  # indented\n", "t.vais")
    assert [(c.text, c.own_line) for c in comments] == [("# head", True), ("# tail", False), ("# indented", True)]
    assert [t[0] for t in tokens] == ["ID", ":=", "INT", "EOF"]


def test_attributes_are_not_comments() -> None:
    assert kinds("#[test]") == ["#[", "ID", "]"]
    assert kinds("#[derive(Debug, Clone)]") == ["#[", "ID", "(", "ID", ",", "ID", ")", "]"]


def test_newline_flags() -> None:
    tokens, _c, _d = lex("a b\n  c # x\nd", "t.vais")
    assert [(t[1], t[4]) for t in tokens[:-1]] == [("a", True), ("b", False), ("c", True), ("d", True)]


def test_bad_characters_are_reported_as_one_run_and_lexing_continues() -> None:
    tokens, _c, diags = lex("x ` 3 §§ y", "t.vais")
    assert [(d.code, d.span.start, d.span.end) for d in diags] == [("E0001", 2, 3), ("E0001", 6, 8)]
    assert [t[0] for t in tokens] == ["ID", "ERR", "INT", "ERR", "ID", "EOF"]
    assert "backtick" in (diags[0].help or "")


def test_offsets_are_absolute_and_cover_the_text() -> None:
    text = 'F f(x: i64) -> Str = "v={x}" # c\n'
    tokens, _c, _d = lex(text, "t.vais")
    for tok in tokens[:-1]:
        assert text[tok[2]:tok[3]] == tok[1]


def test_a_rust_line_comment_is_one_error_that_says_to_use_hash() -> None:
    tokens, _c, diags = lex('x := 4 / 2 // half\ny := "http://a"', "t.vais")
    assert [(d.code, d.span.start, d.span.end) for d in diags] == [("E0001", 11, 13)]
    assert diags[0].help == "comments start with `#`: write `# ...`"
    assert [t[0] for t in tokens] == ["ID", ":=", "INT", "/", "INT", "ERR", "ID", ":=", "STR", "EOF"]
