"""Assertion failures say what failed, as Rust's do: the condition's source, or the user's message."""

from __future__ import annotations

from engine_support import run, vais


def panic_of(tmp_path, cache_dir, body: str) -> str:
    prog = tmp_path / "prog.vais"
    prog.write_text(f"F main() {{\n    x := 3\n{body}\n}}\n")
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert result.returncode == 101, result.stderr
    return result.stderr


def test_assert_shows_the_condition_source_on_one_line(tmp_path, cache_dir):
    err = panic_of(tmp_path, cache_dir, "    assert(x == 3)\n    assert(x  >\n        5)")
    assert err.startswith("panic: assertion failed: x > 5\n  at main (")
    assert "prog.vais:4:5)" in err


def test_assert_with_a_message_shows_the_formatted_message(tmp_path, cache_dir):
    err = panic_of(tmp_path, cache_dir, '    assert!(x > 5, "x was {x}, wanted {}", 6)')
    assert err.startswith("panic: x was 3, wanted 6\n")


def test_assert_eq_and_ne_add_the_message_after_the_default(tmp_path, cache_dir):
    err = panic_of(tmp_path, cache_dir, '    assert_ne(x, 4, "fine")\n    assert_eq(x + 1, 5, "row {}", x)')
    assert err.startswith("panic: assertion `left == right` failed: row 3\n  left: 4\n right: 5\n")
    err = panic_of(tmp_path, cache_dir, '    assert_ne!(x, 3, "same {x}")')
    assert err.startswith("panic: assertion `left != right` failed: same 3\n  left: 3\n right: 3\n")


def test_a_passing_assertion_never_formats_its_message(tmp_path, cache_dir):
    assert run(tmp_path, cache_dir, 'F boom() -> Str { panic("formatted") }\n'
               'F main() {\n    assert(true, "{}", boom())\n    assert_eq(1, 1, "{}", boom())\n    println("ok")\n}\n'
               ) == "ok\n"


def test_message_placeholders_are_checked(tmp_path, cache_dir):
    prog = tmp_path / "prog.vais"
    prog.write_text('F main() {\n    assert(true, "a {}")\n    assert_eq(1, 1, "{} {}", 2)\n}\n')
    result = vais("check", str(prog), cache_dir=cache_dir)
    assert result.returncode == 1
    assert result.stderr.count("error[E0310]") == 2
