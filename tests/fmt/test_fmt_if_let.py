"""The formatter writes `I let` / `LW let` / `matches!` back as written (the parser rewrote them into
matches)."""

from __future__ import annotations

from fmt_support import assert_round_trip


def test_if_let_and_while_let_keep_their_form() -> None:
    source = ("F main() {\n    if let Some(x) = o { f(x) } else if let Ok(y) = r { g(y) } else { h() }\n"
              "    while let Some(t) = s.pop() {\n        # keep me\n        keep(t)\n    }\n}\n")
    assert assert_round_trip(source) == (
        "F main() {\n    I let Some(x) = o { f(x) } E I let Ok(y) = r { g(y) } E { h() }\n"
        "    LW let Some(t) = s.pop() {\n        # keep me\n        keep(t)\n    }\n}\n")


def test_a_long_if_let_breaks_its_blocks() -> None:
    source = ("F main() {\n    I let Some(value) = compute_something_long(argument_one, argument_two) "
              "{ println(\"the value is {value} and more text here\") }\n}\n")
    out = assert_round_trip(source)
    assert out.splitlines()[1] == "    I let Some(value) = compute_something_long(argument_one, argument_two) {"


def test_matches_macro_keeps_its_form() -> None:
    source = "F main() {\n    x := matches!(d, Kind::Aa | Kind::Bb(_))\n    y := matches!(o, Some(n) if n > 5)\n}\n"
    assert assert_round_trip(source) == (
        "F main() {\n    x := matches!(d, Kind::Aa | Kind::Bb(_))\n    y := matches!(o, Some(n) I n > 5)\n}\n")
