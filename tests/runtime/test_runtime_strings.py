"""Str semantics: char indexing, slicing panics, splitting, trimming, parse, `#[rebind]` methods."""

from __future__ import annotations

import math

import pytest

from vais.runtime import chars, strings
from vais.runtime.panic import VaisPanic
from vais.runtime.strings import slice_str, str_parse
from vais.runtime.values import Err, Ok, Some, VaisError


def test_conformance_032_str_methods():
    s = "  Hello, Vais World  "
    t = strings.str_trim(s)
    assert (t, len(t), len(s)) == ("Hello, Vais World", 17, 21)
    assert (strings.str_to_upper(t), strings.str_to_lower(t)) == ("HELLO, VAIS WORLD", "hello, vais world")
    assert strings.str_find(t, "Vais") == Some(7)
    assert strings.str_find(t, "xyz") is None
    assert strings.str_find(t, "o") == Some(4)
    assert strings.str_replace(t, "l", "L") == "HeLLo, Vais WorLd"
    assert (slice_str(t, 0, 5), slice_str(t, 7, 11), slice_str(t, 12, len(t))) == ("Hello", "Vais", "World")
    assert list(strings.str_split("a,b,,c", ",")) == ["a", "b", "", "c"]
    assert sum(strings.str_bytes("AB")) == 131
    assert strings.str_repeat("ab", 3) == "ababab"
    assert list(strings.str_split("  split   on spaces ".strip(), " ")) == ["split", "", "", "on", "spaces"]


def test_len_and_slices_count_chars():
    s = "héllo wörld"
    assert strings.str_len(s) == 11
    assert strings.str_byte_len(s) == 13
    assert slice_str(s, 1, 2) == "é"
    assert strings.str_find(s, "w") == Some(6)
    assert strings.str_char_at(s, 7) == "ö"
    assert slice_str(s, None, 2) == "hé"
    assert slice_str(s, 9, None) == "ld"


def test_slice_panics():
    with pytest.raises(VaisPanic, match=r"char index 9 is out of bounds of `abc`"):
        slice_str("abc", 1, 9)
    with pytest.raises(VaisPanic, match=r"begin <= end \(2 <= 1\) when slicing `abc`"):
        slice_str("abc", 2, 1)
    with pytest.raises(VaisPanic, match="char index -1"):
        slice_str("abc", -1, 2)
    with pytest.raises(VaisPanic, match="char index 3 is out of bounds"):
        strings.str_char_at("abc", 3)


def test_splitting():
    assert list(strings.str_split("abc", "")) == ["", "a", "b", "c", ""]
    assert list(strings.str_rsplit("a-b-c", "-")) == ["c", "b", "a"]
    assert list(strings.str_splitn("a-b-c", 2, "-")) == ["a", "b-c"]
    assert list(strings.str_splitn("a-b-c", 0, "-")) == []
    assert strings.str_split_once("key=value=more", "=") == Some(("key", "value=more"))
    assert strings.str_rsplit_once("key=value=more", "=") == Some(("key=value", "more"))
    assert strings.str_split_once("none", "=") is None
    assert list(strings.str_split_whitespace("  a \t b\n c  ")) == ["a", "b", "c"]
    assert list(strings.str_lines("one\r\ntwo\n\nthree\n")) == ["one", "two", "", "three"]
    assert list(strings.str_lines("")) == []
    assert list(strings.str_matches("abcabca", "a")) == ["a", "a", "a"]
    assert list(strings.str_char_indices("ab")) == [(0, "a"), (1, "b")]


def test_trimming_and_affixes():
    assert strings.str_trim_start("  x ") == "x "
    assert strings.str_trim_end("  x ") == "  x"
    assert strings.str_trim_matches("xxabxx", "x") == "ab"
    assert strings.str_trim_start_matches("abab-c", "ab") == "-c"
    assert strings.str_trim_end_matches("c-abab", "ab") == "c-"
    assert strings.str_strip_prefix("port=80", "port=") == Some("80")
    assert strings.str_strip_suffix("file.txt", ".md") is None
    assert strings.str_replacen("aaa", "a", "b", 2) == "bba"
    assert strings.str_to_ascii_uppercase("straße") == "STRAßE"
    assert strings.str_to_uppercase("straße") == "STRASSE"
    assert strings.str_eq_ignore_ascii_case("HeLLo", "hello")
    assert strings.str_contains("vais", "ai") and strings.str_starts_with("vais", "v")


def test_rebind_methods_return_the_new_value():
    assert strings.str_push_str("ab", "cd") == "abcd"
    assert strings.str_push("ab", "c") == "abc"
    assert strings.str_pop("abc") == ("ab", Some("c"))
    assert strings.str_pop("") == ("", None)
    assert strings.str_insert("ac", 1, "b") == "abc"
    assert strings.str_remove("abc", 1) == ("ac", "b")
    assert strings.str_truncate("abcdef", 3) == "abc"
    assert strings.str_clear("abc") == ""
    with pytest.raises(VaisPanic, match="insertion index"):
        strings.str_insert("ab", 5, "x")


def ok(v: object) -> Ok:
    return Ok(v)


@pytest.mark.parametrize(("text", "target", "expected"), [  # conformance 033 and Rust's rules
    ("42", "i64", ok(42)), ("-17", "i64", ok(-17)), ("+8", "i64", ok(8)), ("3.5", "i64", None),
    ("abc", "i64", None), ("", "i64", None), ("9223372036854775807", "i64", ok(9223372036854775807)),
    ("9223372036854775808", "i64", None), ("12a", "i64", None), (" 1", "i64", None), ("1_0", "i64", None),
    ("255", "u8", ok(255)), ("256", "u8", None), ("-1", "u8", None), ("-128", "i8", ok(-128)), ("٣", "i64", None),
    ("2.5", "f64", ok(2.5)), ("-0.125", "f64", ok(-0.125)), ("1e3", "f64", ok(1000.0)), ("7", "f64", ok(7.0)),
    ("x1", "f64", None), ("2.5e3", "f64", ok(2500.0)), (".5", "f64", ok(0.5)), ("inf", "f64", ok(math.inf)),
    ("1_0.0", "f64", None), (" 1.0", "f64", None), ("", "f64", None),
    ("true", "bool", ok(True)), ("True", "bool", None), ("x", "char", ok("x")), ("xy", "char", None),
    ("anything", "Str", ok("anything")),
])
def test_parse(text: str, target: str, expected: Ok | None):
    result = str_parse(text, target)
    if expected is None:
        assert isinstance(result, Err) and isinstance(result.value, VaisError)
        assert result.value.kind == "ParseError"
    else:
        assert result == expected


def test_parse_error_messages():
    assert str_parse("", "i64").value.message == "cannot parse integer from empty string"
    assert str_parse("12a", "i64").value.message == "invalid digit found in string"
    assert str_parse("300", "u8").value.message == "number too large to fit in target type"
    assert str_parse("nope", "f64").value.message == "invalid float literal"
    assert str_parse("0.1", "f32").value == 0.10000000149011612


def test_from_utf8():
    assert strings.str_from_utf8([104, 105]) == Ok("hi")
    bad = strings.str_from_utf8([0xFF])
    assert isinstance(bad, Err) and bad.value.kind == "InvalidData"


def test_char_methods():
    assert chars.char_to_digit("7", 10) == Some(7)
    assert chars.char_to_digit("f", 16) == Some(15)
    assert chars.char_to_digit("g", 16) is None
    assert chars.char_to_digit("٣", 10) is None
    assert chars.char_is_digit("9", 10)
    assert chars.char_from_digit(11, 16) == Some("b")
    assert chars.char_from_u32(0xD800) is None
    assert chars.char_to_uppercase("a") == "A"
    assert chars.char_to_uppercase("ß") == "ß"
    assert chars.char_to_ascii_lowercase("Q") == "q"
    assert chars.char_is_alphabetic("é") and not chars.char_is_ascii_alphabetic("é")
    assert chars.char_is_ascii_punctuation("!") and not chars.char_is_ascii_punctuation("a")
    assert chars.char_len_utf8("€") == 3
    assert chars.char_is_control("\x07")
    assert chars.char_is_whitespace("\u3000")
