"""Comments survive formatting in order: own-line comments stay on their own line at the
indentation of what follows, comments written after code stay after the code of their line."""

from __future__ import annotations

from fmt_support import assert_round_trip


def check(source: str, expected: str) -> None:
    assert assert_round_trip(source) == expected


def test_header_comments_and_blank_lines_between_them() -> None:
    check("# header\n\n\n# second\nU std/io # why io\nF main() {}\n",
          "# header\n\n# second\nU std/io # why io\n\nF main() {}\n")


def test_comment_after_the_opening_brace() -> None:
    check("F main() { # opener\n    a()\n}\n", "F main() { # opener\n    a()\n}\n")


def test_comment_in_an_otherwise_empty_block() -> None:
    check("F main() {\n        # nothing yet\n}\n", "F main() {\n    # nothing yet\n}\n")


def test_trailing_comments_stay_after_their_statement() -> None:
    check("F main() {\n  a := 1   # one\n  b()# two\n}\n", "F main() {\n    a := 1 # one\n    b() # two\n}\n")


def test_comments_at_the_end_of_a_block_and_of_the_file() -> None:
    check("F main() {\n    a()\n    # end of block\n} # after main\n# end of file\n",
          "F main() {\n    a()\n    # end of block\n} # after main\n# end of file\n")


def test_comments_between_match_arms() -> None:
    check("F f(v: i64) -> i64 = M v {\n    1 => 10, # one\n      # before two\n    2 => 20\n\n"
          "    # after a blank line\n    _ => 0 # rest\n    # at the end\n}\n",
          "F f(v: i64) -> i64 = M v {\n    1 => 10, # one\n    # before two\n    2 => 20,\n\n"
          "    # after a blank line\n    _ => 0, # rest\n    # at the end\n}\n")


def test_comment_inside_arguments_opens_the_list() -> None:
    check("F main() {\n    a := f(x, # after x\n        y)\n}\n",
          "F main() {\n    a := f(\n        x, # after x\n        y,\n    )\n}\n")


def test_comment_after_an_opening_parenthesis() -> None:
    check("F main() {\n    g := inner(# opening\n        1)\n}\n",
          "F main() {\n    g := inner( # opening\n        1,\n    )\n}\n")


def test_comment_inside_a_binary_chain() -> None:
    check("F main() {\n    d := 1 + # after plus\n        2\n}\n", "F main() {\n    d := 1 + # after plus\n        2\n}\n")


def test_comments_in_a_method_chain() -> None:
    check("F main() {\n    c := items\n        .iter() # first\n        .map(|x| x) # second\n        .count()\n}\n",
          "F main() {\n    c := items\n        .iter() # first\n        .map(|x| x) # second\n        .count()\n}\n")


def test_comments_between_if_block_and_else() -> None:
    check("F main() {\n    I ok {\n        go()\n    } # trailing\n    # own line\n    E {\n        stop()\n    }\n}\n",
          "F main() {\n    I ok {\n        go()\n    } # trailing\n    # own line\n    E {\n        stop()\n    }\n}\n")


def test_comments_in_struct_and_enum_bodies() -> None:
    check("S Pt { x: i64, # x\n  y: i64 }\nE Q {\n    Aa, # a\n    # lead b\n    Bb\n}\n",
          "S Pt {\n    x: i64, # x\n    y: i64,\n}\n\nE Q {\n    Aa, # a\n    # lead b\n    Bb,\n}\n")


def test_comment_between_attribute_and_item() -> None:
    check("#[test] # a test\n# more\nF t() { assert(true) }\n", "#[test] # a test\n# more\nF t() { assert(true) }\n")


def test_comment_inside_an_expression_moves_to_the_end_of_its_line() -> None:
    check("F main() {\n    x := # the answer\n        42\n    y()\n}\n", "F main() {\n    x := 42 # the answer\n    y()\n}\n")


def test_several_comments_inside_one_expression_keep_their_order() -> None:
    check("F main() {\n    x := (1 # one\n        # two\n        )\n}\n",
          "F main() {\n    x := (1) # one\n    # two\n}\n")


def test_comment_text_is_kept_exactly() -> None:
    check("F main() {}\n#!weird   #  text ## here\n", "F main() {}\n#!weird   #  text ## here\n")


def test_comments_inside_user_macro_calls_and_rules_stay_put() -> None:
    rules = "macro m! {\n    ($x:expr) => {\n        $x # doubled\n    }\n}\n"
    check(rules + "F main() { m!(1 # in a call\n) }\n", rules + "\nF main() {\n    m!(1 # in a call\n)\n}\n")
